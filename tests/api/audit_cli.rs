//! The audit chain through the command line and under concurrency; listing and export.

use std::process::Command;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tramites::audit::{self, Content};
use tramites::db::write_tx;

use crate::helpers::{problem, procedure_body, spawn_app, spawn_app_on, workflows_dir, TestDb};

use crate::audit::*;

pub(crate) fn cli(db: &TestDb, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tramites"))
        .args(args)
        .current_dir(db.dir())
        .env_remove("TRAMITES_CONFIG")
        .env("TRAMITES_DATABASE_URL", &db.url)
        .env("TRAMITES_DATA_DIR", db.dir().join("data"))
        .env("TRAMITES_WORKFLOWS_DIR", workflows_dir())
        .output()
        .unwrap()
}

#[test]
fn a_failed_transaction_leaves_no_entry_and_a_committed_one_exactly_one() {
    let test_db = TestDb::new();
    let mut conn = test_db.connect();
    tramites::db::migrate(&mut conn).unwrap();
    let keys = test_db.audit_keys();
    let ctx = audit::Context {
        keys: &keys,
        now: chrono::Utc::now(),
        actor: "test",
        roles: tramites::domain::Role::ALL,
    };
    let failed: Result<(), diesel::result::Error> = write_tx(&mut conn, |conn| {
        ctx.record(conn, "thing.done", "thing", "1", json!({}))?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(failed.is_err());
    assert_eq!(entry_count(&mut conn), 0);
    write_tx(&mut conn, |conn| {
        ctx.record(conn, "thing.done", "thing", "1", json!({"n": 1}))
    })
    .unwrap();
    assert_eq!(entry_count(&mut conn), 1);
    // A change refused after its entry was written takes the entry with it.
    let refused = tramites::usecases::accounts::create(
        &mut conn,
        &ctx,
        &serde_json::from_value(json!({"username": "ok-name", "display_name": "A", "email": "a@b.gt", "password": "12345678"}))
            .unwrap(),
    );
    assert!(refused.is_ok());
    let duplicate = tramites::usecases::accounts::create(
        &mut conn,
        &ctx,
        &serde_json::from_value(json!({"username": "ok-name", "display_name": "B", "email": "b@b.gt", "password": "12345678"}))
            .unwrap(),
    );
    assert!(duplicate.is_err());
    assert_eq!(entry_count(&mut conn), 2);
    let report = tramites::usecases::audit::verify(&mut conn, Some(&keys)).unwrap();
    assert!(report.valid && report.entries == 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_through_two_instances_keep_one_unbroken_chain() {
    let first = spawn_app().await;
    let token = first.committee_token().await;
    // A second instance over the same database (and the same audit key file).
    let second = spawn_app_on(first.db.clone(), json!({})).await;
    let mut conn = first.db.connect();
    let before = entry_count(&mut conn);
    let mut tasks = Vec::new();
    for i in 0..200 {
        let (client, base) = if i % 2 == 0 {
            (first.client.clone(), first.address.clone())
        } else {
            (second.client.clone(), second.address.clone())
        };
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{base}/api/v1/procedures"))
                .bearer_auth(token)
                .json(&procedure_body(&format!("C-{i}"), json!({})))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::CREATED);
    }
    assert_eq!(entry_count(&mut conn), before + 200);
    let report =
        tramites::usecases::audit::verify(&mut conn, Some(&first.db.audit_keys())).unwrap();
    assert!(report.valid, "{report:?}");
    assert_eq!(report.entries, before + 200, "no gap, no fork");
}

#[tokio::test]
async fn the_audit_list_filters_and_pages() {
    let app = spawn_app().await;
    let auditor = scripted_session(&app).await;
    let get = |query: String| {
        let app = &app;
        let auditor = auditor.clone();
        async move {
            let res = app
                .send(
                    Method::GET,
                    &format!("/api/v1/audit?{query}"),
                    Some(&auditor),
                    None,
                )
                .await;
            assert_eq!(res.status(), StatusCode::OK, "{query}");
            res.json::<Value>().await.unwrap()
        }
    };
    let all = get(String::new()).await;
    let items = all["items"].as_array().unwrap();
    let seqs: Vec<i64> = items.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    assert!(items
        .iter()
        .all(|e| e["hash"].as_str().unwrap().len() == 64));
    let created = get("action=procedure.created".into()).await;
    assert_eq!(created["items"].as_array().unwrap().len(), 3);
    let subject = created["items"][1]["subject_id"]
        .as_str()
        .unwrap()
        .to_string();
    let history = get(format!("subject_type=procedure&subject_id={subject}")).await;
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["procedure.created", "procedure.updated"]);
    let actor = created["items"][0]["actor"].as_str().unwrap().to_string();
    let by_actor = get(format!("actor={actor}&action=procedure.updated")).await;
    assert_eq!(by_actor["items"].as_array().unwrap().len(), 1);
    let later = get("from=2999-01-01T00:00:00Z".into()).await;
    assert!(later["items"].as_array().unwrap().is_empty());
    let earlier = get("to=2000-01-01T00:00:00Z".into()).await;
    assert!(earlier["items"].as_array().unwrap().is_empty());
    // Pages by cursor and by after_seq agree.
    let page1 = get("limit=4".into()).await;
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = get(format!("limit=4&cursor={cursor}")).await;
    let page2b = get("limit=4&after_seq=4".into()).await;
    assert_eq!(page2["items"], page2b["items"]);
    assert_eq!(page2["items"][0]["seq"], 5);
    let bad = app
        .send(
            Method::GET,
            "/api/v1/audit?from=yesterday",
            Some(&auditor),
            None,
        )
        .await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
}

#[tokio::test]
async fn export_writes_every_entry_as_json_lines() {
    let app = spawn_app().await;
    scripted_session(&app).await;
    let file = app.db.dir().join("audit.jsonl");
    let out = cli(
        &app.db,
        &["audit", "export", "--output", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let entries: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut conn = app.db.connect();
    assert_eq!(entries.len() as i64, entry_count(&mut conn));
    // An outside auditor can recompute every hash from the export alone.
    let mut prev = audit::GENESIS_HASH.to_string();
    for e in &entries {
        let at = chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap())
            .unwrap()
            .naive_utc();
        let content = Content {
            seq: e["seq"].as_i64().unwrap(),
            at: &at,
            actor: e["actor"].as_str().unwrap(),
            action: e["action"].as_str().unwrap(),
            subject_type: e["subject_type"].as_str().unwrap(),
            subject_id: e["subject_id"].as_str().unwrap(),
            data: e["data"].as_str().unwrap(),
        };
        assert_eq!(e["prev_hash"], prev);
        assert_eq!(content.hash(&prev), e["hash"].as_str().unwrap());
        prev = e["hash"].as_str().unwrap().to_string();
    }
}
