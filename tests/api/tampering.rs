//! Verification holds the stored state to the chain: each change made in the tables behind
//! the service's back (a status, a sender, a row with no entry, a text or file whose hash the
//! chain records, a role, a procedure's name or state, the whole chain) is reported with its
//! table, its row and the entry it contradicts, and undoing it makes the chain valid again.

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tramites::db::schema::{comment_responses, comments, documents, feedback, procedures, users};
use tramites::db::DbConnection;

use crate::audit::{api_verify, drop_triggers};
use crate::audit_cli::cli;
use crate::documents::{pdf, upload};
use crate::helpers::TestApp;
use crate::walks::{comment, open_consultation, setup};

/// The last entry of `actions` about `subject` (its `seq`).
async fn last_seq(app: &TestApp, actions: &[&str], subject: &str, key: &str) -> i64 {
    let mut best = None;
    for action in actions {
        for e in app.audit_entries(action).await {
            let about = if key == "subject_id" {
                e["subject_id"] == subject
            } else {
                e["data"][key] == subject
            };
            if about {
                best = best.max(e["seq"].as_i64());
            }
        }
    }
    best.unwrap_or_else(|| panic!("no {actions:?} entry for {subject}"))
}

fn reported(report: &Value, table: &str, row: &str, seq: Option<i64>) {
    assert_eq!(report["valid"], false, "{report}");
    let found = report["mismatches"]
        .as_array()
        .unwrap_or_else(|| panic!("no mismatches in {report}"))
        .iter()
        .any(|m| m["table"] == table && m["row"] == row && m["seq"].as_i64() == seq);
    assert!(found, "{table} {row} at {seq:?} not in {report}");
}

fn sql(conn: &mut DbConnection, statement: &str) {
    diesel::sql_query(statement).execute(conn).unwrap();
}

#[tokio::test]
async fn each_change_behind_the_services_back_is_reported_with_table_row_and_entry() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let (auditor_id, auditor) = app.user_with("auditora", &["auditor"]).await;
    let consultation = open_consultation(&app, &s, json!({})).await;
    let cid = consultation["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (body, name) in [
        ("Eliminar la copia del DPI", "Ana"),
        ("Hacerlo en línea", "Luis"),
    ] {
        let r: Value = comment(&app, cid, json!({"body": body, "author_name": name}), None)
            .await
            .json()
            .await
            .unwrap();
        let id = r["id"].as_str().unwrap().to_string();
        let res = app
            .post(
                &format!("/api/v1/comments/{id}/moderation"),
                &s.committee,
                &json!({"decision": "publish"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        ids.push(id);
    }
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Se elimina.", "outcome": "accepted"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let opinion: Value = app
        .client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Publiquen los datos de empleo", "topic": "open_data"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fid = opinion["id"].as_str().unwrap().to_string();
    let doc: Value = upload(
        &app,
        &s.committee,
        &s.procedure,
        "pilot_report",
        "informe.pdf",
        "application/pdf",
        pdf(),
    )
    .await
    .json()
    .await
    .unwrap();
    let did = doc["id"].as_str().unwrap().to_string();
    let report = api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "{report}");

    let mut conn = app.db.connect();
    let (published, named) = (ids[1].clone(), ids[0].clone());
    // A published comment withheld in the table.
    sql(
        &mut conn,
        &format!("UPDATE comments SET status = 'rejected' WHERE id = '{published}'"),
    );
    let seq = last_seq(&app, &["comment.moderated"], &published, "subject_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "comments",
        &published,
        Some(seq),
    );
    sql(
        &mut conn,
        &format!("UPDATE comments SET status = 'published' WHERE id = '{published}'"),
    );
    // Its sender changed.
    sql(
        &mut conn,
        &format!("UPDATE comments SET author_name = 'Otra persona' WHERE id = '{named}'"),
    );
    let seq = last_seq(&app, &["comment.received"], &named, "subject_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "comments",
        &named,
        Some(seq),
    );
    sql(
        &mut conn,
        &format!("UPDATE comments SET author_name = 'Ana' WHERE id = '{named}'"),
    );
    // A comment inserted with no entry.
    let forged = "01936f3e-0000-7000-8000-00000000f00d";
    sql(
        &mut conn,
        &format!(
            "INSERT INTO comments (id, consultation_id, tracking_code, body, group_key, author_name, email, \
             organization, status, received_at, moderated_by, moderated_at, reject_reason, reject_detail, \
             idempotency_key) SELECT '{forged}', consultation_id, 'C-2026-ZZZZ-ZZZZZZ', body, group_key, \
             author_name, email, organization, status, received_at, moderated_by, moderated_at, reject_reason, \
             reject_detail, NULL FROM comments WHERE id = '{published}'"
        ),
    );
    reported(&api_verify(&app, &auditor).await, "comments", forged, None);
    diesel::delete(comments::table.find(forged))
        .execute(&mut conn)
        .unwrap();
    // The Committee's answer changed although its SHA-256 is in the chain.
    let group: String = comments::table
        .find(&named)
        .select(comments::group_key)
        .first(&mut conn)
        .unwrap();
    let set_answer = |conn: &mut DbConnection, text: &str| {
        diesel::update(comment_responses::table.filter(comment_responses::group_key.eq(&group)))
            .set(comment_responses::body.eq(text))
            .execute(conn)
            .unwrap();
    };
    set_answer(&mut conn, "No se elimina.");
    let seq = last_seq(&app, &["comment.answered"], &named, "subject_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "comment_responses",
        &format!("{cid}/{group}"),
        Some(seq),
    );
    set_answer(&mut conn, "Se elimina.");
    // An opinion's text edited.
    diesel::update(feedback::table.find(&fid))
        .set(feedback::body.eq("Otro texto"))
        .execute(&mut conn)
        .unwrap();
    let seq = last_seq(&app, &["feedback.received"], &fid, "subject_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "feedback",
        &fid,
        Some(seq),
    );
    diesel::update(feedback::table.find(&fid))
        .set(feedback::body.eq("Publiquen los datos de empleo"))
        .execute(&mut conn)
        .unwrap();
    // A document's bytes changed although their SHA-256 is in the chain.
    diesel::update(documents::table.find(&did))
        .set(documents::content.eq(b"%PDF-1.4 otro".to_vec()))
        .execute(&mut conn)
        .unwrap();
    let seq = last_seq(&app, &["document.attached"], &did, "document_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "documents",
        &did,
        Some(seq),
    );
    diesel::update(documents::table.find(&did))
        .set(documents::content.eq(pdf()))
        .execute(&mut conn)
        .unwrap();
    // A user given the admin role.
    let roles: String = users::table
        .find(&auditor_id)
        .select(users::roles)
        .first(&mut conn)
        .unwrap();
    diesel::update(users::table.find(&auditor_id))
        .set(users::roles.eq(format!("{roles},admin")))
        .execute(&mut conn)
        .unwrap();
    let seq = last_seq(
        &app,
        &["user.created", "user.updated"],
        &auditor_id,
        "subject_id",
    )
    .await;
    reported(
        &api_verify(&app, &auditor).await,
        "users",
        &auditor_id,
        Some(seq),
    );
    diesel::update(users::table.find(&auditor_id))
        .set(users::roles.eq(&roles))
        .execute(&mut conn)
        .unwrap();
    // A procedure's name, then its state, edited.
    let p = &s.procedure;
    let (name, state): (String, String) = procedures::table
        .find(p)
        .select((procedures::name, procedures::state))
        .first(&mut conn)
        .unwrap();
    let seq = last_seq(
        &app,
        &["procedure.created", "procedure.updated"],
        p,
        "subject_id",
    )
    .await;
    diesel::update(procedures::table.find(p))
        .set(procedures::name.eq("Otro nombre"))
        .execute(&mut conn)
        .unwrap();
    reported(
        &api_verify(&app, &auditor).await,
        "procedures",
        p,
        Some(seq),
    );
    diesel::update(procedures::table.find(p))
        .set((procedures::name.eq(&name), procedures::state.eq("launch")))
        .execute(&mut conn)
        .unwrap();
    let seq = last_seq(&app, &["transition.applied"], p, "subject_id").await;
    reported(
        &api_verify(&app, &auditor).await,
        "procedures",
        p,
        Some(seq),
    );
    diesel::update(procedures::table.find(p))
        .set(procedures::state.eq(&state))
        .execute(&mut conn)
        .unwrap();
    let report = api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "every change undone: {report}");

    // The whole chain deleted: the data is there, its entries are not.
    drop_triggers(&mut conn);
    sql(&mut conn, "DELETE FROM audit_log");
    let out = cli(&app.db, &["audit", "verify"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["entries"], 0);
    for (table, row) in [
        ("procedures", p.as_str()),
        ("comments", named.as_str()),
        ("users", auditor_id.as_str()),
    ] {
        reported(&report, table, row, None);
    }
}
