//! Migrations, the audit trail written with each change, and secrets kept out of storage.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tramites::db;

use crate::helpers::{procedure_body, spawn_app, TestDb, ADMIN_PASSWORD};

#[test]
fn every_migration_runs_up_down_and_up_again() {
    let test_db = TestDb::empty();
    let mut conn = test_db.connect();
    let applied = db::migrate(&mut conn).unwrap();
    assert!(applied >= 1);
    let reverted = db::revert_all(&mut conn).unwrap();
    assert_eq!(reverted, applied);
    // After reverting, the tables are gone.
    let gone = diesel::sql_query("SELECT COUNT(*) FROM procedures").execute(&mut conn);
    assert!(gone.is_err(), "procedures should not exist after reverting");
    assert_eq!(db::migrate(&mut conn).unwrap(), applied);
    assert_eq!(db::migrate(&mut conn).unwrap(), 0, "nothing left to apply");
    diesel::sql_query("SELECT COUNT(*) FROM procedures")
        .execute(&mut conn)
        .unwrap();
}

#[tokio::test]
async fn every_change_leaves_one_verified_audit_entry() {
    let app = spawn_app().await;
    let admin = app.admin_token().await; // login: 1
    let (_, committee) = app.user_with("comite", &["committee"]).await; // login, user.created, login
    let p = app
        .create_procedure(&committee, &procedure_body("AU-1", json!({})))
        .await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap())))
        .bearer_auth(&committee)
        .header("If-Match", "\"1\"")
        .json(&json!({"name": "Cambio"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // A refused change (duplicate code) leaves no entry.
    let res = app
        .post(
            "/api/v1/procedures",
            &committee,
            &procedure_body("AU-1", json!({})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let _ = app
        .send(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(&json!({"username": "admin", "password": "bad-bad"})),
        )
        .await;
    drop(admin);

    let mut conn = app.db.connect();
    let actions: Vec<String> = tramites::db::schema::audit_log::table
        .select(tramites::db::schema::audit_log::action)
        .order(tramites::db::schema::audit_log::seq.asc())
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        actions,
        vec![
            "user.created", // first-start admin
            "auth.login",
            "auth.login", // user_with logs the admin in again
            "user.created",
            "auth.login",
            "procedure.created",
            "procedure.updated",
            "auth.login_failed",
        ]
    );
    let report = tramites::usecases::audit::verify(&mut conn, Some(&app.db.audit_keys())).unwrap();
    assert!(report.valid, "{report:?}");
    assert_eq!(report.entries, 8);
}

#[tokio::test]
async fn passwords_are_never_stored_or_answered_in_clear() {
    let app = spawn_app().await;
    let (id, token) = app.user_with("secreto", &["auditor"]).await;
    let admin = app.admin_token().await;
    let new_password = "otra-clave-muy-secreta";
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"password": new_password})),
        )
        .await;
    let body = res.text().await.unwrap();
    assert!(!body.contains(new_password) && !body.contains("argon2"));
    let me = app
        .send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(!me.contains("password"));
    let list = app
        .send(Method::GET, "/api/v1/users", Some(&admin), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains("argon2") && !list.contains(ADMIN_PASSWORD));

    let mut conn = app.db.connect();
    let hashes: Vec<String> = tramites::db::schema::users::table
        .select(tramites::db::schema::users::password_hash)
        .load(&mut conn)
        .unwrap();
    assert_eq!(hashes.len(), 2);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(
            !h.contains(ADMIN_PASSWORD)
                && !h.contains(new_password)
                && !h.contains("secreto-password")
        );
    }
    let audit: Vec<String> = tramites::db::schema::audit_log::table
        .select(tramites::db::schema::audit_log::data)
        .load(&mut conn)
        .unwrap();
    for data in audit {
        assert!(
            !data.contains(ADMIN_PASSWORD)
                && !data.contains(new_password)
                && !data.contains("argon2"),
            "{data}"
        );
    }
    app.login("secreto", new_password).await;
}

#[tokio::test]
async fn instances_on_one_database_share_users_and_the_stored_token_secret() {
    let test_db = TestDb::new();
    let start = |db: &TestDb| {
        let mut settings = crate::helpers::test_settings(db, json!({}));
        // No configured secret: the first start generates one and stores it for all.
        settings.jwt_secret = None;
        tramites::startup::Application::build(
            settings,
            std::sync::Arc::new(tramites::clock::SystemClock::default()),
        )
    };
    let first = start(&test_db).await.unwrap();
    let second = start(&test_db).await.unwrap();
    assert_eq!(
        second.generated_admin_password, None,
        "only one admin is created"
    );
    let (a, b) = (first.port(), second.port());
    tokio::spawn(first.run_until_stopped());
    tokio::spawn(second.run_until_stopped());
    let client = reqwest::Client::new();
    let res = client
        .post(format!("http://127.0.0.1:{a}/api/v1/auth/token"))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    let token: Value = res.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap();
    let res = client
        .get(format!("http://127.0.0.1:{b}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "a token from one instance works on the other"
    );
    let mut conn = test_db.connect();
    let admins: i64 = tramites::db::schema::users::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(admins, 1);
}

#[test]
fn the_backend_under_test_is_the_one_asked_for() {
    // CI looks for this test's name in both runs: it fails if the PostgreSQL run fell back
    // to SQLite, or the SQLite run reached PostgreSQL.
    let wants_postgres = std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty());
    let test_db = TestDb::new();
    let conn = test_db.connect();
    assert_eq!(
        matches!(conn, tramites::db::DbConnection::Postgresql(_)),
        wants_postgres
    );
    assert_eq!(test_db.is_postgres(), wants_postgres);
}
