//! Grouping 100,000 comments into campaigns from scratch (issue 36, acceptance 2: a rebuild of a
//! consultation with 100,000 comments within 10 s): 80 form letters with 1,000 edited copies each
//! plus 20,000 unique comments, fingerprinted and assigned in arrival order, three runs. The
//! fingerprinting alone is timed in the same run as the baseline the grouping adds to.
//!
//! Then the same 100,000 texts go through the real write path into one consultation of a fresh
//! database (SQLite, or PostgreSQL with BENCH_PG_URL=postgres://…/postgres), 1,000 a batch, and
//! that consultation's campaigns are rebuilt three times from the database: each rebuild's
//! time and its digest (the same digest: the same campaigns).
//!
//! First, 300,000 distinct texts placed in one set of buckets with the band keys in one map and
//! in 256 (the slowest single placement). `cargo bench --bench campaigns` (release build;
//! `BENCH_PLACEMENTS_ONLY=1` stops after the placements).

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tramites::domain::campaign::fingerprint;
use tramites::domain::campaign_grouping::Grouper;

fn word(rng: &mut StdRng) -> String {
    const SYLLABLES: &[&str] = &[
        "ta", "re", "mi", "so", "la", "ca", "de", "no", "pe", "ri", "que", "tra", "bajo", "ley",
    ];
    (0..rng.gen_range(2..4))
        .map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())])
        .collect()
}

fn corpus() -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(100_000);
    let mut out = Vec::with_capacity(100_000);
    for _ in 0..80 {
        let letter: Vec<String> = (0..70).map(|_| word(&mut rng)).collect();
        for _ in 0..1_000 {
            let mut copy = letter.clone();
            for _ in 0..rng.gen_range(0..3) {
                let i = rng.gen_range(0..copy.len());
                copy[i] = word(&mut rng);
            }
            if rng.gen_bool(0.6) {
                copy.push(format!("atentamente {} {}", word(&mut rng), word(&mut rng)));
            }
            out.push(copy.join(" "));
        }
    }
    for _ in 0..20_000 {
        let n = rng.gen_range(15..80);
        out.push((0..n).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" "));
    }
    // Arrival order mixes the campaigns.
    for i in (1..out.len()).rev() {
        let j = rng.gen_range(0..=i);
        out.swap(i, j);
    }
    out
}

// The in-process service of the HTTP benchmarks.
#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

/// Stores `texts` as comments through the write path, then rebuilds their campaigns thrice.
async fn database(texts: &[String]) -> anyhow::Result<()> {
    use tramites::domain::comment::{check, CodeNumbers, NewComment};
    use tramites::usecases::comments::{submit_batch, Submission};
    let service = support::Service::start().await?;
    let cid = service.open_consultation("Propuesta de prueba").await?;
    let mut conn = tramites::db::establish(&service.url)?;
    let keys =
        tramites::audit::AuditKeys::load_or_create(&service.data_dir.join("audit-signing.key"))?;
    let numbers = CodeNumbers::after(None);
    let start = Instant::now();
    for chunk in texts.chunks(1_000) {
        let batch: Vec<Submission> = chunk
            .iter()
            .map(|t| {
                let input = NewComment {
                    body: t.clone(),
                    author_name: None,
                    email: None,
                    organization: None,
                    article: None,
                    proposed_text: None,
                    language: None,
                };
                let checked = check(&input).expect("a valid comment");
                Submission::new(chrono::Utc::now(), &numbers, cid.clone(), checked, None)
            })
            .collect();
        for r in submit_batch(&mut conn, &keys, &batch, false) {
            r.map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    println!(
        "{}: {} comments stored through the write path (1,000 a batch) in {:.1} s",
        service.backend(),
        texts.len(),
        start.elapsed().as_secs_f64()
    );
    let ctx = tramites::audit::Context {
        keys: &keys,
        now: chrono::Utc::now(),
        actor: "bench",
        roles: tramites::domain::Role::ALL,
    };
    for run in 1..=3 {
        let start = Instant::now();
        let done =
            tramites::usecases::campaigns::rebuild(&mut conn, &ctx, &cid, 0.8, &mut |_, _| {})
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "rebuild {run}: {:.2} s: {} comments, {} campaigns, {} moved, largest {}, digest {}",
            start.elapsed().as_secs_f64(),
            done.comments,
            done.campaigns,
            done.moved,
            done.largest,
            &done.digest[..16]
        );
    }
    service.finish()
}

/// Places 300,000 distinct texts (six million band keys) in one consultation's buckets, as the
/// write path does, with the keys in one map and split over 256: the total time, the 99.9th
/// percentile and the slowest single placement (a map that doubles moves all its keys at once).
fn distinct_placements() {
    use tramites::domain::campaign_grouping::Buckets;
    let mut rng = StdRng::seed_from_u64(300_000);
    let prints: Vec<_> = (0..300_000)
        .map(|_| {
            let n = rng.gen_range(15..40);
            let text: Vec<String> = (0..n).map(|_| word(&mut rng)).collect();
            let print = fingerprint(&text.join(" "));
            let keys = print.salted_bands(7);
            (print, keys)
        })
        .collect();
    for run in 1..=3 {
        for shards in [1, 256] {
            let mut buckets: Buckets<usize> = Buckets::with_shards(0.8, shards);
            let mut times: Vec<u128> = Vec::with_capacity(prints.len());
            let start = Instant::now();
            for (i, (print, keys)) in prints.iter().enumerate() {
                let one = Instant::now();
                buckets.place(keys, print.clone(), i);
                times.push(one.elapsed().as_nanos());
            }
            let total = start.elapsed();
            times.sort_unstable();
            println!(
                "distinct run {run}, {shards:>3} map(s): 300,000 placements in {:.2} s, \
                 p99.9 {:.1} µs, slowest {:.1} ms",
                total.as_secs_f64(),
                times[times.len() * 999 / 1000] as f64 / 1e3,
                times[times.len() - 1] as f64 / 1e6
            );
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    distinct_placements();
    if std::env::var_os("BENCH_PLACEMENTS_ONLY").is_some() {
        return Ok(());
    }
    let texts = corpus();
    for run in 1..=3 {
        let start = Instant::now();
        let prints: usize = texts
            .iter()
            .map(|t| fingerprint(t).signature.map_or(0, |s| s.len()))
            .sum();
        let fingerprints = start.elapsed();
        let start = Instant::now();
        let mut grouper = Grouper::new(0.8);
        let campaigns = texts.iter().map(|t| grouper.add(t)).max().unwrap_or(0) + 1;
        let grouping = start.elapsed();
        println!(
            "run {run}: {} comments, {campaigns} campaigns: fingerprints alone {:.2} s ({prints} hashes), \
             fingerprints and grouping {:.2} s",
            texts.len(),
            fingerprints.as_secs_f64(),
            grouping.as_secs_f64()
        );
    }
    database(&texts).await
}
