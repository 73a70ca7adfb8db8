//! Two server processes on one database (issue 40): comments and transitions through both at
//! once, and every background job (reminders, daily records, report freezing, the outbox, tree
//! heads) done once per event, not once per instance; nothing lost, one chain that verifies.
//! Runs on PostgreSQL (the several-instance deployment) and on SQLite (two processes on one
//! file, which the same locks make safe too).

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tramites::db::schema::{audit_log, comments, outbox, procedures};
use tramites::db::schema_transparency::tree_heads;

use crate::binary::{serve_with, stop, tramites};
use crate::counts::counters_match_a_recount;
use crate::helpers::{procedure_body, spawn_app_with, JWT_SECRET};
use crate::walks::{open_consultation, setup};

/// The background timers fast, so that both processes run each job many times in the test.
const FAST: &[(&str, &str)] = &[
    ("TRAMITES_JWT_SECRET", JWT_SECRET),
    ("TRAMITES_COMMENT_LIMIT_PER_HOUR", "0"),
    ("TRAMITES_NOTIFY_INTERVAL_MS", "100"),
    ("TRAMITES_TREE_HEAD_INTERVAL_SECONDS", "1"),
    ("TRAMITES_DAILY_RECORDS", "true"),
    ("TRAMITES_LOG", "warn"),
];

async fn post(base: &str, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The subjects of the chain's entries of `action`.
fn entries(conn: &mut tramites::db::DbConnection, action: &str) -> Vec<String> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .select(audit_log::subject_id)
        .load(conn)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_the_work_and_every_job_runs_once_per_event() {
    // The in-process service only prepares the data: its own timers stay quiet.
    let app = spawn_app_with(json!({"notify_interval_ms": 3_600_000})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let consultation = c["id"].as_str().unwrap().to_string();
    let mut fresh = Vec::new();
    for i in 0..6 {
        let p = app
            .create_procedure(
                &s.committee,
                &procedure_body(&format!("INST-{i}"), json!({})),
            )
            .await;
        fresh.push(p["id"].as_str().unwrap().to_string());
    }
    {
        // A procedure registered before the last four-month period ended (its report is then
        // frozen by the daily timer), and a stage due tomorrow (a reminder to the Committee).
        let mut conn = app.db.connect();
        let long_ago = (Utc::now() - chrono::Duration::days(200)).naive_utc();
        let tomorrow = (Utc::now() + chrono::Duration::days(1)).naive_utc();
        diesel::update(procedures::table.filter(procedures::id.eq(&s.procedure)))
            .set((
                procedures::created_at.eq(long_ago),
                procedures::due_at.eq(Some(tomorrow)),
            ))
            .execute(&mut conn)
            .unwrap();
    }

    let (a, b) = (
        serve_with(&app.db, FAST).await,
        serve_with(&app.db, FAST).await,
    );
    let bases = [a.base.clone(), b.base.clone()];

    // Comments through both at once, some with an address (an acknowledgement in the outbox).
    let sends = (0..120).map(|n| {
        let base = bases[n % 2].clone();
        let consultation = consultation.clone();
        async move {
            let mut body = json!({"body": format!(
                "Comentario {n}: el requisito {n} del trámite se puede quitar sin perder control."
            )});
            if n % 10 == 0 {
                body["email"] = json!(format!("vecina{n}@correo.gt"));
            }
            let (status, sent) = post(
                &base,
                &format!("/api/v1/consultations/{consultation}/comments"),
                None,
                body,
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{sent}");
            sent["id"].as_str().unwrap().to_string()
        }
    });
    // The same transition asked of both instances at the same moment: one applies it.
    let committee = &s.committee;
    let bases = &bases;
    let transitions = fresh.iter().flat_map(|id| {
        bases.iter().map(move |base| {
            let path = format!("/api/v1/procedures/{id}/transitions");
            async move {
                let (status, _) = post(
                    base,
                    &path,
                    Some(committee),
                    json!({"transition": "start_analysis"}),
                )
                .await;
                (path, status)
            }
        })
    });
    let (acked, moved) = tokio::join!(join_all(sends), join_all(transitions));

    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    for (path, status) in moved {
        // Applied, or proposed for the second signature it needs: either way once.
        if status == StatusCode::OK || status == StatusCode::ACCEPTED {
            *applied.entry(path).or_default() += 1;
        } else {
            assert!(status.is_client_error(), "{path}: {status}");
        }
    }
    assert_eq!(applied.len(), fresh.len(), "each transition taken");
    assert!(applied.values().all(|n| *n == 1), "once each: {applied:?}");

    // Wait for the timers: the outbox drained, the day recorded, the report frozen, heads.
    let started = Instant::now();
    let mut conn = app.db.connect();
    loop {
        let pending: i64 = outbox::table
            .filter(outbox::status.ne("sent"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        // The log is quiet once the comments are in: a head then covers all of it.
        let covered: Option<i64> = tree_heads::table
            .select(diesel::dsl::max(tree_heads::tree_size))
            .get_result(&mut conn)
            .unwrap();
        let length = tramites::audit::head(&mut conn).unwrap().0;
        let frozen = entries(&mut conn, "report.frozen").len();
        let recorded = entries(&mut conn, "indicators.recorded").len();
        if pending == 0 && covered == Some(length) && frozen > 0 && recorded > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "background work not done: {pending} messages waiting, head over {covered:?} \
             of {length} entries, {frozen} reports frozen, {recorded} days recorded"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both timers keep running a little longer: nothing may be done a second time.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, err_a) = stop(a);
    let (_, err_b) = stop(b);
    for err in [&err_a, &err_b] {
        let faults: Vec<&str> = err
            .lines()
            .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
            .collect();
        assert!(faults.is_empty(), "{faults:#?}");
    }

    // Nothing lost.
    let stored: HashSet<String> = comments::table
        .select(comments::id)
        .load::<String>(&mut conn)
        .unwrap()
        .into_iter()
        .collect();
    assert!(acked.iter().all(|id| stored.contains(id)), "every comment");
    let counts = counters_match_a_recount(&app, &consultation).await;
    assert_eq!(counts["received"], json!(acked.len()));

    // Once per event.
    for action in ["report.frozen", "indicators.recorded"] {
        let subjects = entries(&mut conn, action);
        let distinct: HashSet<&String> = subjects.iter().collect();
        assert_eq!(
            subjects.len(),
            distinct.len(),
            "{action} twice: {subjects:?}"
        );
    }
    let reminders: Vec<Option<String>> = outbox::table
        .filter(outbox::kind.eq_any(["stage_due_soon", "stage_overdue"]))
        .select(outbox::dedupe_key)
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        reminders.len(),
        1,
        "one reminder to the one Committee member"
    );
    let sent: i64 = outbox::table
        .filter(outbox::status.eq("sent"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let files = std::fs::read_dir(app.db.dir().join("data").join("mail"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(sent > 12, "acknowledgements and notices were sent: {sent}");
    assert_eq!(
        files as i64, sent,
        "each message sent once, by one instance"
    );
    let published: Vec<chrono::NaiveDateTime> = tree_heads::table
        .order(tree_heads::tree_size)
        .select(tree_heads::published_at)
        .load(&mut conn)
        .unwrap();
    for pair in published.windows(2) {
        assert!(
            pair[1] - pair[0] >= chrono::Duration::milliseconds(999),
            "a head per interval, not one per instance: {published:?}"
        );
    }

    // One chain, and it verifies (seals included: both shared the audit key file).
    let out = tramites(&app.db)
        .args(["audit", "verify", "--require-seals"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
