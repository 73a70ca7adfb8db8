//! Applied transitions per second through the HTTP API. Starts the service in-process over a
//! fresh SQLite file (or, with BENCH_PG_URL=postgres://…/postgres, a fresh PostgreSQL database
//! created and dropped here), then BENCH_WORKERS clients (default 16) each cycle their own
//! procedure for BENCH_SECONDS (default 10): propose start_analysis (202), approve it (200,
//! applied), return_to_inventory (200, applied). Run: `cargo bench --bench transitions`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// Each benchmark uses part of the shared set-up.
#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let workers: usize = env("BENCH_WORKERS", 16);
    let seconds: u64 = env("BENCH_SECONDS", 10);
    let service = support::Service::start().await?;
    let (client, base) = (service.client.clone(), service.base.clone());
    let (committee, director) = (service.committee.clone(), service.director.clone());

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for w in 0..workers {
        let (client, base, committee, director) = (
            client.clone(),
            base.clone(),
            committee.clone(),
            director.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let body = json!({"code": format!("BENCH-{w}"), "name": "Trámite de prueba", "responsible_unit": "Unidad",
                              "category": "general", "audience": "citizens", "channel": "in_person"});
            let p: Value = client.post(format!("{base}/api/v1/procedures")).bearer_auth(&committee).json(&body)
                .send().await.unwrap().json().await.unwrap();
            let id = p["id"].as_str().unwrap().to_string();
            let (mut applied, mut latencies) = (0u64, Vec::new());
            while Instant::now() < deadline {
                let t = Instant::now();
                let r: Value = client.post(format!("{base}/api/v1/procedures/{id}/transitions")).bearer_auth(&committee)
                    .json(&json!({"transition": "start_analysis"})).send().await.unwrap().json().await.unwrap();
                latencies.push(t.elapsed());
                let t = Instant::now();
                let res = client.post(format!("{base}/api/v1/transition-requests/{}/approve", r["id"].as_str().unwrap()))
                    .bearer_auth(&director).json(&json!({})).send().await.unwrap();
                assert_eq!(res.status(), 200);
                latencies.push(t.elapsed());
                let t = Instant::now();
                let res = client.post(format!("{base}/api/v1/procedures/{id}/transitions")).bearer_auth(&committee)
                    .json(&json!({"transition": "return_to_inventory"})).send().await.unwrap();
                assert_eq!(res.status(), 200);
                latencies.push(t.elapsed());
                applied += 2;
            }
            (applied, latencies)
        }));
    }
    let started = Instant::now();
    let (mut applied, mut latencies) = (0u64, Vec::new());
    for t in tasks {
        let (a, l) = t.await?;
        applied += a;
        latencies.extend(l);
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64()
            * 1e3
    };
    println!(
        "{}: {} cores, {workers} clients, {secs:.1} s: {applied} applied transitions = {:.0}/s; {} requests = {:.0}/s; latency p50 {:.1} ms, p99 {:.1} ms",
        service.backend(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        applied as f64 / secs,
        latencies.len(),
        latencies.len() as f64 / secs,
        pct(0.5),
        pct(0.99),
    );
    service.finish()?;
    Ok(())
}
