//! The raw rate of single-row durable inserts into SQLite with the service's settings (WAL,
//! `synchronous=FULL`): one row per transaction, for RAW_SECONDS (default 5). The comment
//! write path is compared against it by `bench/comments.sh`.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};

fn main() -> anyhow::Result<()> {
    let seconds: u64 = std::env::var("RAW_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir()?;
    let mut conn = tramites::db::establish(&format!("sqlite://{}/raw.db", dir.path().display()))?;
    conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")?;
    let body = "Propongo que el trámite sea en línea y sin copias del DPI.";
    let (started, mut rows) = (Instant::now(), 0u64);
    while started.elapsed() < Duration::from_secs(seconds) {
        conn.transaction(|c| {
            diesel::sql_query("INSERT INTO t (body) VALUES (?)")
                .bind::<diesel::sql_types::Text, _>(body)
                .execute(c)
        })?;
        rows += 1;
    }
    let rate = rows as f64 / started.elapsed().as_secs_f64();
    println!("raw single-row durable inserts: {rows} in {seconds} s = {rate:.0} rows/s");
    Ok(())
}
