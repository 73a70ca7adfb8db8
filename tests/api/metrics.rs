//! `GET /metrics` on its own listener (issue 40), parsed by a Prometheus text-format parser:
//! requests by route and status, durations, the comment writer's batches and queue, the
//! outbox, the audit chain, the pool and the process's memory. The public listener has no
//! such path.

use openmetrics_parser::prometheus::parse_prometheus;
use openmetrics_parser::{MetricsExposition, PrometheusType, PrometheusValue};
use reqwest::StatusCode;
use serde_json::json;

use crate::consultations::*;
use crate::helpers::spawn_app_with;

type Exposition = MetricsExposition<PrometheusType, PrometheusValue>;

/// The values of a family's samples whose labels include `labels` (a histogram's: its count).
fn find(scrape: &Exposition, name: &str, labels: &[(&str, &str)]) -> Vec<f64> {
    let Some(family) = scrape.families.get(name) else {
        return Vec::new();
    };
    family
        .iter_samples()
        .filter(|s| {
            let set = s.get_labelset().unwrap();
            labels
                .iter()
                .all(|(k, v)| set.get_label_value(k) == Some(*v))
        })
        .map(|s| match &s.value {
            PrometheusValue::Counter(c) => c.value.as_f64(),
            PrometheusValue::Gauge(n) | PrometheusValue::Unknown(n) => n.as_f64(),
            PrometheusValue::Histogram(h) => h.count.unwrap_or_default() as f64,
            PrometheusValue::Summary(_) => f64::NAN,
        })
        .collect()
}

fn kind(scrape: &Exposition, name: &str) -> Option<PrometheusType> {
    scrape.families.get(name).map(|f| f.family_type.clone())
}

#[tokio::test]
async fn metrics_are_on_their_own_listener_and_parse() {
    let app = spawn_app_with(json!({"metrics_bind": "127.0.0.1:0"})).await;
    let metrics = app.metrics_address.clone().expect("a metrics listener");
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    for i in 0..3 {
        let res = comment(
            &app,
            id,
            json!({"body": format!("Comentario número {i}")}),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);

    let res = reqwest::get(format!("{metrics}/metrics")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = res.text().await.unwrap();
    let scrape = parse_prometheus(&text).expect("parses as the Prometheus text format");

    let route = "/api/v1/consultations/{id}/comments";
    let created = find(
        &scrape,
        "tramites_http_requests_total",
        &[("route", route), ("status", "201")],
    );
    assert!(created.iter().sum::<f64>() >= 3.0, "{text}");
    let unmatched = find(
        &scrape,
        "tramites_http_requests_total",
        &[("route", "-"), ("status", "404")],
    );
    assert!(
        !unmatched.is_empty(),
        "an unmatched path counts under one label: {text}"
    );
    let seconds = "tramites_http_request_duration_seconds";
    assert_eq!(kind(&scrape, seconds), Some(PrometheusType::Histogram));
    assert!(
        find(&scrape, seconds, &[("route", route)])[0] >= 3.0,
        "{text}"
    );
    let batches = "tramites_comment_batch_size";
    assert_eq!(kind(&scrape, batches), Some(PrometheusType::Histogram));
    assert!(find(&scrape, batches, &[])[0] >= 1.0, "{text}");
    for gauge in [
        "tramites_comment_queue_depth",
        "tramites_comment_queue_capacity",
        "tramites_outbox_backlog",
        "tramites_outbox_oldest_age_seconds",
    ] {
        assert_eq!(find(&scrape, gauge, &[]).len(), 1, "{gauge}: {text}");
    }
    assert_eq!(find(&scrape, "tramites_database_up", &[]), vec![1.0]);
    // The chain holds at least the setup's entries and the three comments.
    let chain = find(&scrape, "tramites_audit_chain_length", &[])[0];
    let entries = app.audit_entries("comment.received").await.len();
    assert!(chain >= 3.0 && entries == 3, "{chain} {entries}");
    let in_use = find(
        &scrape,
        "tramites_db_pool_connections",
        &[("state", "in_use")],
    );
    assert_eq!(in_use.len(), 1, "{text}");
    let memory = find(&scrape, "tramites_process_resident_memory_bytes", &[])[0];
    assert!(memory > 1_000_000.0, "{memory}");
}
