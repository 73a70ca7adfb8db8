//! Metrics for the operators (issue 40): `GET /metrics` in the Prometheus text format, served
//! only on its own listener (`metrics_bind`, unset by default), never on the public one.
//!
//! Recorded as they happen: requests by route template and status, and their duration
//! ([`super::logging`], at the end of each request); the comment writer's batch sizes. Read at
//! each scrape: the comment queue, the outbox's backlog and its oldest message's age, the audit
//! chain's length, the pool's connections and the process's resident memory. The recorder is
//! `metrics-exporter-prometheus`'s; without a metrics listener none is installed and the
//! recording macros do nothing.

use std::net::TcpListener;
use std::sync::OnceLock;

use actix_web::{dev::Server, web, App, HttpResponse, HttpServer};
use metrics::{describe_counter, describe_gauge, describe_histogram, gauge, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::AppState;

/// Request durations' buckets, in seconds.
const DURATIONS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Comment batches' sizes' buckets.
const BATCHES: &[f64] = &[1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed the first time (several services in one process, as in
/// the tests, share it).
pub fn recorder() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let installed = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), DURATIONS)
                .and_then(|b| b.set_buckets_for_metric(Matcher::Full(BATCH.into()), BATCHES))
                .and_then(|b| b.install_recorder());
            match installed {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .clone()
}

/// Requests answered, by route template and status.
pub const REQUESTS: &str = "tramites_http_requests_total";
/// Request durations, by route template.
pub const REQUEST_SECONDS: &str = "tramites_http_request_duration_seconds";
/// Comments per batch the writer commits.
pub const BATCH: &str = "tramites_comment_batch_size";

fn describe() {
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by route template and status."
    );
    describe_histogram!(
        REQUEST_SECONDS,
        Unit::Seconds,
        "HTTP request duration by route template."
    );
    describe_histogram!(BATCH, "Comments per batch committed by the comment writer.");
    describe_gauge!(
        "tramites_comment_queue_depth",
        "Comments waiting for the comment writer."
    );
    describe_gauge!(
        "tramites_comment_queue_storing",
        "Comments in the batch being written."
    );
    describe_gauge!(
        "tramites_comment_queue_capacity",
        "Comments that may wait before 503."
    );
    describe_gauge!("tramites_outbox_backlog", "E-mails waiting to be sent.");
    describe_gauge!(
        "tramites_outbox_oldest_age_seconds",
        Unit::Seconds,
        "Age of the oldest e-mail waiting to be sent (0 when none)."
    );
    describe_gauge!("tramites_audit_chain_length", "Entries in the audit chain.");
    describe_gauge!(
        "tramites_db_pool_connections",
        "Database pool connections by state."
    );
    describe_gauge!(
        "tramites_process_resident_memory_bytes",
        Unit::Bytes,
        "Resident memory of the process."
    );
    describe_gauge!(
        "tramites_database_up",
        "1 when the scrape could read the database."
    );
}

/// The metrics listener's server: `GET /metrics` and nothing else.
pub fn server(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    recorder();
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(scrape))
    })
    .workers(1)
    .listen(listener)?
    .run())
}

async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    let Some(handle) = recorder() else {
        return HttpResponse::ServiceUnavailable().finish();
    };
    let load = state.comment_writer.load();
    gauge!("tramites_comment_queue_depth").set(load.queued as f64);
    gauge!("tramites_comment_queue_storing").set(load.storing as f64);
    gauge!("tramites_comment_queue_capacity").set(load.capacity as f64);
    let pool = state.pool.state();
    let idle = f64::from(pool.idle_connections);
    gauge!("tramites_db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.connections) - idle);
    gauge!("tramites_db_pool_connections", "state" => "idle").set(idle);
    let now = state.clock.now().naive_utc();
    let read = state
        .db(|conn| {
            let backlog = crate::db::gauges::outbox_backlog(conn)?;
            Ok((backlog, crate::db::gauges::chain_length(conn)?))
        })
        .await;
    match read {
        Ok(((waiting, oldest), chain)) => {
            gauge!("tramites_database_up").set(1.0);
            gauge!("tramites_outbox_backlog").set(waiting as f64);
            let age = oldest.map_or(0, |at| (now - at).num_seconds().max(0));
            gauge!("tramites_outbox_oldest_age_seconds").set(age as f64);
            gauge!("tramites_audit_chain_length").set(chain as f64);
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics: database not read");
            gauge!("tramites_database_up").set(0.0);
        }
    }
    if let Some(bytes) = resident_bytes() {
        gauge!("tramites_process_resident_memory_bytes").set(bytes as f64);
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(handle.render())
}

/// The process's resident set (`VmRSS` of `/proc/self/status`; Linux only).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
