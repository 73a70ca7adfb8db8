//! Audit verification speed: builds a chain of AUDIT_BENCH_ENTRIES entries (default
//! 1,000,000) in a fresh SQLite file (or the PostgreSQL database named by
//! BENCH_DATABASE_URL, which must be empty), then times `audit::verify` on one thread,
//! without and with seal checking. Run: `cargo bench --bench audit_verify`.

use std::time::Instant;

use diesel::prelude::*;
use tramites::audit::{AuditEntry, AuditKeys, Content, GENESIS_HASH};
use tramites::db::schema::audit_log;

fn main() -> anyhow::Result<()> {
    let n: i64 = std::env::var("AUDIT_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.path().display()));
    let mut conn = tramites::db::establish(&url)?;
    tramites::db::migrate(&mut conn)?;
    let keys = AuditKeys::from_secret([42u8; 32]);

    let started = Instant::now();
    let base = chrono::Utc::now().naive_utc();
    let mut prev = GENESIS_HASH.to_string();
    let mut seq = 0i64;
    while seq < n {
        let mut batch = Vec::with_capacity(5_000);
        for _ in 0..5_000.min(n - seq) {
            seq += 1;
            let at = base + chrono::Duration::microseconds(seq);
            let subject_id = format!("01a1fe07-7c42-71a8-aeed-{seq:012}");
            let data = format!("{{\"code\":\"MINTRAB-{seq}\",\"name\":\"Trámite de prueba\",\"state\":\"inventory\"}}");
            let content = Content {
                seq,
                at: &at,
                actor: "01a1fe07-7bc1-74dc-b192-069a7d21a7b6",
                action: "procedure.created",
                subject_type: "procedure",
                subject_id: &subject_id,
                data: &data,
            };
            let hash = content.hash(&prev);
            batch.push(AuditEntry {
                seq,
                at,
                actor: content.actor.to_string(),
                action: content.action.to_string(),
                subject_type: content.subject_type.to_string(),
                subject_id,
                data,
                prev_hash: std::mem::replace(&mut prev, hash.clone()),
                seal: keys.seal(&hash),
                hash,
            });
        }
        conn.transaction(|c| {
            // Batch VALUES lists are not available on the two-backend connection type.
            for row in &batch {
                diesel::insert_into(audit_log::table)
                    .values(row)
                    .execute(c)?;
            }
            Ok::<_, diesel::result::Error>(())
        })?;
    }
    println!(
        "built a chain of {n} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // What reading alone costs, for comparison.
    let started = Instant::now();
    let mut after = 0i64;
    let mut bytes = 0usize;
    loop {
        let rows: Vec<AuditEntry> = audit_log::table
            .select(AuditEntry::as_select())
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(20_000)
            .load(&mut conn)?;
        let Some(last) = rows.last() else { break };
        after = last.seq;
        bytes += rows.iter().map(|r| r.data.len()).sum::<usize>();
    }
    println!(
        "reading alone (diesel Vec batches): {n} entries in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    if let tramites::db::DbConnection::Sqlite(c) = &mut conn {
        use diesel::sql_types::{BigInt, Text};
        let mut count = 0usize;
        let iter = audit_log::table
            .select((audit_log::seq, diesel::dsl::sql::<Text>("CAST(at AS TEXT)"), audit_log::actor, audit_log::action,
                audit_log::subject_type, audit_log::subject_id, audit_log::data, audit_log::hash))
            .order(audit_log::seq.asc())
            .load_iter::<(i64, String, String, String, String, String, String, String), diesel::connection::DefaultLoadingMode>(c)?;
        for row in iter {
            let row = row?;
            count += row.6.len();
        }
        let _ = BigInt;
        println!(
            "reading alone (load_iter, at as text): {count} in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    let started = Instant::now();
    println!(
        "reading alone: {n} entries in {:.2} s ({bytes} data bytes)",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let mut h = GENESIS_HASH.to_string();
    let at = base;
    for seq in 1..=n {
        h = Content {
            seq,
            at: &at,
            actor: "a",
            action: "procedure.created",
            subject_type: "procedure",
            subject_id: "01a1fe07-7c42-71a8-aeed-000000000001",
            data: "{\"code\":\"MINTRAB-1\",\"name\":\"Trámite de prueba\",\"state\":\"inventory\"}",
        }
        .hash(&h);
    }
    println!(
        "hashing alone: {n} entries in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    for (label, keys) in [("hashes only", None), ("hashes and seals", Some(&keys))] {
        let started = Instant::now();
        let report = tramites::usecases::audit::verify(&mut conn, keys)?;
        let secs = started.elapsed().as_secs_f64();
        assert!(report.valid && report.entries == n, "{report:?}");
        println!(
            "verify ({label}): {n} entries in {secs:.2} s = {:.0} entries/s on one thread",
            n as f64 / secs
        );
    }
    Ok(())
}
