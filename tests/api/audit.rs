//! The audit trail: verification, tampering detection, checkpoints, transactions, concurrency.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tramites::audit::{self, Checkpoint};
use tramites::db::schema::audit_log;
use tramites::db::DbConnection;

use crate::audit_cli::cli;
use crate::helpers::{problem, procedure_body, spawn_app, TestApp};

/// Logins, a user, procedures and an edit: a chain of a dozen entries. Returns an auditor token.
pub(crate) async fn scripted_session(app: &TestApp) -> String {
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let committee = app.committee_token().await;
    let mut ids = Vec::new();
    for code in ["S-1", "S-2", "S-3"] {
        let p = app
            .create_procedure(&committee, &procedure_body(code, json!({})))
            .await;
        ids.push(p["id"].as_str().unwrap().to_string());
    }
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{}", ids[1])))
        .bearer_auth(&committee)
        .header("If-Match", "\"1\"")
        .json(&json!({"name": "Renombrado"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    auditor
}

pub(crate) async fn api_verify(app: &TestApp, token: &str) -> Value {
    let res = app
        .send(Method::GET, "/api/v1/audit/verify", Some(token), None)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// Removes the append-only triggers, as someone with direct database access could.
pub(crate) fn drop_triggers(conn: &mut DbConnection) {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        }
        DbConnection::Postgresql(_) => "DROP TRIGGER audit_log_no_change ON audit_log;",
    };
    diesel::connection::SimpleConnection::batch_execute(conn, sql).unwrap();
}

pub(crate) fn entry_count(conn: &mut DbConnection) -> i64 {
    audit_log::table.count().get_result(conn).unwrap()
}

#[tokio::test]
async fn a_scripted_session_verifies_and_the_database_refuses_changes() {
    let app = spawn_app().await;
    let auditor = scripted_session(&app).await;
    let report = api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["sealed"], true);
    let mut conn = app.db.connect();
    let n = entry_count(&mut conn);
    assert_eq!(report["entries"], n);
    assert!(n >= 10);
    let update =
        diesel::sql_query("UPDATE audit_log SET actor = 'x' WHERE seq = 2").execute(&mut conn);
    assert!(update.is_err(), "UPDATE is refused by a trigger");
    let delete = diesel::sql_query("DELETE FROM audit_log WHERE seq = 2").execute(&mut conn);
    assert!(delete.is_err(), "DELETE is refused by a trigger");
    assert_eq!(entry_count(&mut conn), n);
    // Only the audit readers may see it.
    let committee = app.login("comite", "comite-password").await;
    problem(
        app.send(Method::GET, "/api/v1/audit/verify", Some(&committee), None)
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        app.get("/api/v1/audit").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

pub(crate) async fn tampered(alter: &str, seq: i64) -> (TestApp, String) {
    let app = spawn_app().await;
    let auditor = scripted_session(&app).await;
    let mut conn = app.db.connect();
    drop_triggers(&mut conn);
    let n = diesel::sql_query(alter.replace("{seq}", &seq.to_string()))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(n, 1);
    (app, auditor)
}

pub(crate) async fn assert_invalid_at(app: &TestApp, auditor: &str, seq: i64) {
    let report = api_verify(app, auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(report["first_invalid_seq"], seq, "{report}");
    assert_eq!(report["entries"], seq - 1);
    // The command line says the same, with exit status 1.
    let out = cli(&app.db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("first invalid seq {seq}")),
        "{stderr}"
    );
}

#[tokio::test]
async fn changed_data_is_caught_at_its_entry() {
    let (app, auditor) = tampered(
        "UPDATE audit_log SET data = '{\"name\":\"otro\"}' WHERE seq = {seq}",
        7,
    )
    .await;
    assert_invalid_at(&app, &auditor, 7).await;
}

#[tokio::test]
async fn a_changed_actor_is_caught_at_its_entry() {
    let (app, auditor) = tampered(
        "UPDATE audit_log SET actor = 'someone-else' WHERE seq = {seq}",
        5,
    )
    .await;
    assert_invalid_at(&app, &auditor, 5).await;
}

#[tokio::test]
async fn a_deleted_middle_entry_is_caught_at_its_place() {
    let (app, auditor) = tampered("DELETE FROM audit_log WHERE seq = {seq}", 4).await;
    assert_invalid_at(&app, &auditor, 4).await;
}

/// Rewrites entry `from` and re-hashes every later entry, as an attacker with the database
/// (but not the audit key) would, so that every hash link is consistent again.
pub(crate) fn recompute_from(conn: &mut DbConnection, from: i64) {
    drop_triggers(conn);
    let entries: Vec<audit::AuditEntry> = audit_log::table
        .select(audit::AuditEntry::as_select())
        .filter(audit_log::seq.ge(from))
        .order(audit_log::seq.asc())
        .load(conn)
        .unwrap();
    let mut prev: String = audit_log::table
        .find(from - 1)
        .select(audit_log::hash)
        .first(conn)
        .unwrap();
    for mut e in entries {
        if e.seq == from {
            e.data = "{\"rewritten\":true}".into();
        }
        e.prev_hash = prev.clone();
        e.hash = e.content().hash(&prev);
        diesel::update(audit_log::table.find(e.seq))
            .set((
                audit_log::data.eq(&e.data),
                audit_log::prev_hash.eq(&e.prev_hash),
                audit_log::hash.eq(&e.hash),
            ))
            .execute(conn)
            .unwrap();
        prev = e.hash;
    }
}

#[tokio::test]
async fn a_recomputed_chain_fails_against_an_earlier_checkpoint() {
    let app = spawn_app().await;
    let auditor = scripted_session(&app).await;
    let res = app.get("/api/v1/audit/checkpoint").await;
    assert_eq!(res.status(), StatusCode::OK);
    let checkpoint: Checkpoint = res.json().await.unwrap();
    assert!(checkpoint.signature_is_valid());
    let mut conn = app.db.connect();
    assert_eq!(checkpoint.seq, entry_count(&mut conn));
    assert_eq!(checkpoint.public_key, app.db.audit_keys().public_key_hex());
    let file = app.db.dir().join("checkpoint.json");
    std::fs::write(&file, serde_json::to_string(&checkpoint).unwrap()).unwrap();
    let out = cli(
        &app.db,
        &["audit", "verify", "--checkpoint", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    recompute_from(&mut conn, 6);
    // Every hash link is consistent again, but without the key or a checkpoint the rewrite
    // still shows: the rewritten entry no longer records the row it was written for.
    let report = tramites::usecases::audit::verify(&mut conn, None).unwrap();
    assert!(!report.valid && report.mismatch_count > 0, "{report:?}");
    assert_eq!(
        report.first_invalid_seq,
        Some(6),
        "the rewritten entry is named"
    );
    // Against the checkpoint, even without the key, the rewrite shows.
    let report = tramites::usecases::audit::verify_against(&mut conn, None, &checkpoint).unwrap();
    assert!(!report.valid);
    assert_eq!(report.first_invalid_seq, Some(checkpoint.seq));
    // With the key, the first rewritten entry is named exactly, by the API and the CLI.
    assert_invalid_at(&app, &auditor, 6).await;
    let out = cli(
        &app.db,
        &["audit", "verify", "--checkpoint", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("first invalid seq 6"));
}

#[tokio::test]
async fn removing_the_newest_entries_fails_against_a_checkpoint() {
    let app = spawn_app().await;
    scripted_session(&app).await;
    let checkpoint: Checkpoint = app
        .get("/api/v1/audit/checkpoint")
        .await
        .json()
        .await
        .unwrap();
    let mut conn = app.db.connect();
    drop_triggers(&mut conn);
    diesel::sql_query(format!(
        "DELETE FROM audit_log WHERE seq >= {}",
        checkpoint.seq - 1
    ))
    .execute(&mut conn)
    .unwrap();
    let report = tramites::usecases::audit::verify_against(
        &mut conn,
        Some(&app.db.audit_keys()),
        &checkpoint,
    )
    .unwrap();
    assert!(!report.valid);
    assert_eq!(report.first_invalid_seq, Some(checkpoint.seq - 1));
    // A forged checkpoint is refused.
    let forged = Checkpoint {
        head_hash: "00".repeat(32),
        ..checkpoint
    };
    assert!(
        !tramites::usecases::audit::verify_against(&mut conn, None, &forged)
            .unwrap()
            .valid
    );
}
