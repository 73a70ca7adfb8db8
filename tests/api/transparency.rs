//! The transparency log (contract section "Transparency log", issue 38): receipts that verify
//! offline and fail naming the part changed, tree heads consistent with one another, and
//! `audit verify` held to every published head.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tramites::audit::{self, Receipt, TreeHead};
use tramites::db::schema::audit_log;
use tramites::domain::merkle;

use crate::audit::drop_triggers;
use crate::audit_cli::cli;
use crate::consultations::{comment, open_consultation, setup};
use crate::helpers::{problem, spawn_app, TestApp};

fn hash(hex_text: &str) -> merkle::Hash {
    hex::decode(hex_text).unwrap().try_into().unwrap()
}

/// The tracking code of a 201 answer.
async fn tracking_code(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    body["tracking_code"].as_str().unwrap().to_string()
}

/// Asserts the receipt of `code` is not ready (404 `receipt_not_ready`); its tracking page.
async fn not_ready(app: &TestApp, code: &str) -> String {
    let path = format!("/api/v1/comments/by-tracking/{code}/receipt");
    problem(
        app.get(&path).await,
        StatusCode::NOT_FOUND,
        "receipt_not_ready",
    )
    .await;
    let page = app.get(&format!("/seguimiento/{code}")).await;
    page.text().await.unwrap()
}

/// Publishes a head now as an auditor; the head, or `None` when the log did not grow.
pub(crate) async fn publish(app: &TestApp, auditor: &str) -> Option<TreeHead> {
    let res = app
        .send(
            Method::POST,
            "/api/v1/transparency/tree-heads",
            Some(auditor),
            None,
        )
        .await;
    match res.status() {
        StatusCode::CREATED => Some(res.json().await.unwrap()),
        StatusCode::OK => None,
        other => panic!("publishing answered {other}"),
    }
}

/// Every published head, newest first, read page by page (two per page).
async fn all_heads(app: &TestApp) -> Vec<Value> {
    let mut heads = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = app
            .get(&format!(
                "/api/v1/transparency/tree-heads?limit=2&cursor={cursor}"
            ))
            .await
            .json()
            .await
            .unwrap();
        heads.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => return heads,
        }
    }
}

fn write(app: &TestApp, name: &str, body: &str) -> String {
    let path = app.db.dir().join(name);
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_string()
}

/// Runs `audit verify-receipt` on a receipt (and a text); (exit code, what it printed).
fn verify_receipt(app: &TestApp, receipt: &Value, text: Option<&str>) -> (i32, String) {
    let file = write(app, "receipt.json", &receipt.to_string());
    let mut args = vec!["audit", "verify-receipt", file.as_str()];
    let text_file;
    if let Some(text) = text {
        text_file = write(app, "text.txt", text);
        args.extend(["--text", text_file.as_str()]);
    }
    let out = cli(&app.db, &args);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

/// Changes one hex digit of a string in the receipt at `pointer`.
fn altered(receipt: &Value, pointer: &str) -> Value {
    let mut copy = receipt.clone();
    let field = copy.pointer_mut(pointer).unwrap();
    let text = field.as_str().unwrap().to_string();
    let first = if text.starts_with('0') { "1" } else { "0" };
    *field = Value::String(format!("{first}{}", &text[1..]));
    copy
}

#[tokio::test]
async fn a_comment_receipt_verifies_offline_and_a_change_to_any_part_is_named() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let text = "Propongo que el registro acepte la firma electrónica avanzada, sin copias.";
    let sent = comment(
        &app,
        cid,
        json!({"body": format!("  {text}\n"), "author_name": "Ana Pérez Xol",
               "email": "ana.xol@example.gt", "organization": "Sindicato de la Costa"}),
        None,
    )
    .await;
    let code = tracking_code(sent).await;
    let receipt_path = format!("/api/v1/comments/by-tracking/{code}/receipt");

    // Before a head includes it: 404 receipt_not_ready, and the tracking page says so.
    let page = not_ready(&app, &code).await;
    assert!(!page.contains("/comprobante\""), "no link before the head");
    let pending = app.get(&format!("/seguimiento/{code}/comprobante")).await;
    assert_eq!(pending.status(), StatusCode::OK);
    assert!(pending
        .text()
        .await
        .unwrap()
        .contains("todavía no está listo"));
    // Unknown codes are not pending: they are unknown.
    let unknown = app
        .get("/api/v1/comments/by-tracking/C-2026-0000-ZZZZZZ/receipt")
        .await;
    problem(unknown, StatusCode::NOT_FOUND, "not_found").await;

    // Only an auditor or an administrator publishes on request.
    let refused = app
        .send(
            Method::POST,
            "/api/v1/transparency/tree-heads",
            Some(&s.committee),
            None,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let head = publish(&app, &auditor).await.expect("the log grew");
    let key: Value = app
        .get("/api/v1/transparency/public-key")
        .await
        .json()
        .await
        .unwrap();
    let key = key["public_key"].as_str().unwrap();
    assert_eq!(key, app.db.audit_keys().public_key_hex());
    assert!(head.signature_is_valid(key));
    let latest: Value = app
        .get("/api/v1/transparency/tree-heads/latest")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(latest["tree_size"], head.tree_size);
    assert_eq!(latest["timestamped"], false);

    let res = app.get(&receipt_path).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    for personal in ["Ana", "ana.xol", "Sindicato", "example.gt"] {
        assert!(
            !body.contains(personal),
            "{personal} in the receipt: {body}"
        );
    }
    let receipt: Value = serde_json::from_str(&body).unwrap();
    let typed: Receipt = serde_json::from_value(receipt.clone()).unwrap();
    assert_eq!(typed.tree_head, head);
    assert_eq!(typed.inclusion.leaf_index, typed.seq - 1);
    assert!(audit::receipt::check(&typed, Some(text), Some(key)).is_ok());

    // Offline, with the text as the citizen kept it (trimmed as the service stores it).
    let (code_ok, said) = verify_receipt(&app, &receipt, Some(&format!("{text}\n")));
    assert_eq!(code_ok, 0, "{said}");
    assert!(said.contains("Comprobante válido"), "{said}");
    let changed_text = text.replacen("firma", "forma", 1);
    for (receipt, text, part) in [
        (
            receipt.clone(),
            Some(changed_text.as_str()),
            "el texto dado",
        ),
        (
            altered(&receipt, "/entry_hash"),
            Some(text),
            "los datos de la entrada",
        ),
        (
            altered(&receipt, "/entry/data"),
            Some(text),
            "los datos de la entrada",
        ),
        (
            altered(&receipt, "/text_sha256"),
            Some(text),
            "el hash del texto",
        ),
        (
            altered(&receipt, "/tree_head/root_hash"),
            Some(text),
            "la firma del encabezado",
        ),
        (
            altered(&receipt, "/tree_head/timestamp"),
            None,
            "la firma del encabezado",
        ),
    ] {
        let (exit, said) = verify_receipt(&app, &receipt, text);
        assert_eq!(exit, 1, "{part}: {said}");
        assert!(said.contains(part), "expected «{part}»: {said}");
    }
    if typed.inclusion.audit_path.is_empty() {
        panic!("a log this long has an audit path");
    }
    let (exit, said) = verify_receipt(&app, &altered(&receipt, "/inclusion/audit_path/0"), None);
    assert_eq!(exit, 1);
    assert!(said.contains("la prueba de inclusión"), "{said}");
    // An independent implementation of the documented algorithm agrees (README).
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/verify_receipt.py");
    let text_file = write(&app, "kept.txt", text);
    for (receipt, holds) in [
        (receipt.clone(), true),
        (altered(&receipt, "/inclusion/audit_path/0"), false),
    ] {
        let file = write(&app, "py.json", &receipt.to_string());
        let out = std::process::Command::new("python3")
            .args([script, &file, &text_file])
            .output()
            .expect("python3");
        assert_eq!(
            out.status.success(),
            holds,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The head's signature with OpenSSL, as the README shows.
    use base64::Engine;
    let der = [
        hex::decode("302a300506032b6570032100").unwrap(),
        hex::decode(key).unwrap(),
    ]
    .concat();
    let pem = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(der)
    );
    let dir = app.db.dir();
    std::fs::write(dir.join("key.pem"), pem).unwrap();
    std::fs::write(dir.join("head.txt"), head.message()).unwrap();
    std::fs::write(dir.join("sig.bin"), hex::decode(&head.signature).unwrap()).unwrap();
    let out = std::process::Command::new("openssl")
        .args([
            "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", "head.txt",
            "-sigfile", "sig.bin",
        ])
        .current_dir(&dir)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Another key: the head is not the Ministry's.
    let other = tramites::audit::AuditKeys::from_secret([9u8; 32]).public_key_hex();
    let file = write(&app, "r.json", &receipt.to_string());
    let out = cli(
        &app.db,
        &["audit", "verify-receipt", &file, "--key", &other],
    );
    assert_eq!(out.status.code(), Some(1));

    // The tracking page now offers the download, the same receipt as the API's.
    let page = app
        .get(&format!("/seguimiento/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("/seguimiento/{code}/comprobante")));
    assert!(page.contains("Descargar comprobante"));
    let download = app.get(&format!("/seguimiento/{code}/comprobante")).await;
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    assert_eq!(download.json::<Value>().await.unwrap(), receipt);
}

#[tokio::test]
async fn heads_are_consistent_pairwise_and_verify_names_the_head_a_truncation_contradicts() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    for round in 0..4 {
        for n in 0..=round {
            let body = json!({"body": format!("Comentario {n} de la ronda {round} sobre el registro de contratos")});
            assert_eq!(
                comment(&app, cid, body, None).await.status(),
                StatusCode::CREATED
            );
        }
        publish(&app, &auditor).await.expect("the log grew");
    }
    assert!(
        publish(&app, &auditor).await.is_none(),
        "no new head when the log did not grow"
    );
    let key = app.db.audit_keys().public_key_hex();
    let heads = all_heads(&app).await;
    assert!(heads.len() >= 4, "{heads:?}");
    let sizes: Vec<i64> = heads
        .iter()
        .map(|h| h["tree_size"].as_i64().unwrap())
        .collect();
    assert!(
        sizes.windows(2).all(|w| w[0] > w[1]),
        "newest first: {sizes:?}"
    );
    for h in &heads {
        let head: TreeHead = serde_json::from_value(h.clone()).unwrap();
        assert!(head.signature_is_valid(&key));
    }
    for a in &heads {
        for b in &heads {
            let (first, second) = (
                a["tree_size"].as_i64().unwrap(),
                b["tree_size"].as_i64().unwrap(),
            );
            let path =
                format!("/api/v1/transparency/proof/consistency?first={first}&second={second}");
            let res = app.get(&path).await;
            if first > second {
                problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
                continue;
            }
            let proof: Value = res.json().await.unwrap();
            let hashes: Vec<merkle::Hash> = proof["proof"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| hash(h.as_str().unwrap()))
                .collect();
            let (r1, r2) = (
                hash(a["root_hash"].as_str().unwrap()),
                hash(b["root_hash"].as_str().unwrap()),
            );
            assert!(merkle::verify_consistency(
                first as u64,
                second as u64,
                &r1,
                &r2,
                &hashes
            ));
            if first < second {
                assert!(!merkle::verify_consistency(
                    first as u64,
                    second as u64,
                    &r2,
                    &r2,
                    &hashes
                ));
            }
        }
        // Every entry's audit path to this head leads to its root.
        let size = a["tree_size"].as_i64().unwrap();
        let root = hash(a["root_hash"].as_str().unwrap());
        let mut conn = app.db.connect();
        let hashes: Vec<String> = audit_log::table
            .filter(audit_log::seq.le(size))
            .order(audit_log::seq)
            .select(audit_log::hash)
            .load(&mut conn)
            .unwrap();
        for (i, entry) in hashes.iter().enumerate() {
            let seq = i as i64 + 1;
            let proof: Value = app
                .get(&format!(
                    "/api/v1/transparency/proof/inclusion?seq={seq}&tree_size={size}"
                ))
                .await
                .json()
                .await
                .unwrap();
            let path: Vec<merkle::Hash> = proof["audit_path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| hash(h.as_str().unwrap()))
                .collect();
            let leaf = merkle::leaf_hash(&hash(entry));
            assert!(merkle::verify_inclusion(
                i as u64,
                size as u64,
                &leaf,
                &path,
                &root
            ));
        }
    }
    // Sizes nobody published, and nonsense: 404 and 422.
    let top = sizes[0];
    let missing = app
        .get(&format!(
            "/api/v1/transparency/proof/consistency?first={}&second={top}",
            top - 1
        ))
        .await;
    if !sizes.contains(&(top - 1)) {
        problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    }
    for bad in ["seq=0&tree_size=3", "seq=uno&tree_size=3", "tree_size=3"] {
        let res = app
            .get(&format!("/api/v1/transparency/proof/inclusion?{bad}"))
            .await;
        problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }
    let res = app
        .get(&format!(
            "/api/v1/transparency/proof/inclusion?seq={}&tree_size={top}",
            top + 1
        ))
        .await;
    problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    // The whole log verifies against every head.
    let out = cli(&app.db, &["audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Cut the last 10 entries (the triggers dropped first): the first head over them names it.
    let kept = top - 10;
    let contradicted = *sizes.iter().filter(|s| **s > kept).min().unwrap();
    let mut conn = app.db.connect();
    drop_triggers(&mut conn);
    diesel::sql_query(format!("DELETE FROM audit_log WHERE seq > {kept}"))
        .execute(&mut conn)
        .unwrap();
    let out = cli(&app.db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["tree_head"]["tree_head"]["tree_size"], contradicted,
        "{report}"
    );
    assert_eq!(report["first_invalid_seq"], kept + 1);
    assert!(
        report["reason"].as_str().unwrap().contains("removed"),
        "{report}"
    );
}

#[tokio::test]
async fn an_entry_rewritten_with_every_hash_and_seal_recomputed_contradicts_the_first_head_over_it()
{
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let first = publish(&app, &auditor).await.expect("the log has entries");
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    comment(
        &app,
        cid,
        json!({"body": "Un comentario que alguien quisiera cambiar después"}),
        None,
    )
    .await;
    let second = publish(&app, &auditor).await.expect("the log grew");
    let target = first.tree_size + 1;
    assert!(target < second.tree_size);

    // An insider with the database and the audit key rewrites an entry after the first head
    // and recomputes every later hash and seal: the chain alone cannot tell.
    let keys = app.db.audit_keys();
    let mut conn = app.db.connect();
    drop_triggers(&mut conn);
    let entries: Vec<audit::AuditEntry> = audit_log::table
        .select(audit::AuditEntry::as_select())
        .filter(audit_log::seq.ge(target))
        .order(audit_log::seq)
        .load(&mut conn)
        .unwrap();
    let mut prev = entries[0].prev_hash.clone();
    for mut e in entries {
        if e.seq == target {
            e.actor = "otra-persona".into();
        }
        e.prev_hash = prev.clone();
        e.hash = e.content().hash(&prev);
        e.seal = keys.seal(&e.hash);
        diesel::update(audit_log::table.find(e.seq))
            .set((
                audit_log::actor.eq(&e.actor),
                audit_log::prev_hash.eq(&e.prev_hash),
                audit_log::hash.eq(&e.hash),
                audit_log::seal.eq(&e.seal),
            ))
            .execute(&mut conn)
            .unwrap();
        prev = e.hash;
    }
    let out = cli(&app.db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["tree_head"]["tree_head"]["tree_size"], second.tree_size,
        "{report}"
    );
    assert!(
        report["reason"].as_str().unwrap().contains("rewritten"),
        "{report}"
    );
}

#[tokio::test]
async fn freezing_a_consultation_report_publishes_a_head_that_covers_it() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    comment(
        &app,
        cid,
        json!({"body": "Un comentario antes del cierre de la consulta"}),
        None,
    )
    .await;
    let before = app.get("/api/v1/transparency/tree-heads/latest").await;
    let said = problem(before, StatusCode::NOT_FOUND, "not_found").await;
    assert!(
        said["detail"]
            .as_str()
            .unwrap()
            .contains("Todavía no se ha publicado"),
        "{said}"
    );
    app.clock.advance(chrono::Duration::days(40));
    let res = app.get(&format!("/consultas/{cid}/informe")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let frozen = app.audit_entries("consultation.report_frozen").await;
    let seq = frozen.last().expect("the report froze")["seq"]
        .as_i64()
        .unwrap();
    let latest: Value = app
        .get("/api/v1/transparency/tree-heads/latest")
        .await
        .json()
        .await
        .unwrap();
    assert!(latest["tree_size"].as_i64().unwrap() >= seq, "{latest}");
}

#[tokio::test]
async fn a_me_sumo_signature_has_a_receipt_too_without_name_or_address() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, auditor) = app.user_with("auditora", &["auditor"]).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let sent: Value = comment(
        &app,
        cid,
        json!({"body": "Que el registro sea en línea y sin copias del DPI"}),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let id = sent["id"].as_str().unwrap();
    let published = app
        .post(
            &format!("/api/v1/comments/{id}/moderation"),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(published.status(), StatusCode::OK);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/comments/{id}/endorsements")))
        .json(&json!({"author_name": "Rosa Quiej", "email": "rosa.quiej@correo.gt"}))
        .send()
        .await
        .unwrap();
    let code = tracking_code(res).await;
    assert!(code.starts_with("A-"), "{code}");
    let path = format!("/api/v1/comments/by-tracking/{code}/receipt");
    let page = not_ready(&app, &code).await;
    assert!(!page.contains("Descargar comprobante"));
    publish(&app, &auditor).await.expect("the log grew");
    let body = app.get(&path).await.text().await.unwrap();
    for personal in ["Rosa", "Quiej", "correo.gt"] {
        assert!(!body.contains(personal), "{personal} in {body}");
    }
    let receipt: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(receipt["entry"]["action"], "comment.endorsed");
    assert!(receipt["text_sha256"].is_null());
    let (exit, said) = verify_receipt(&app, &receipt, None);
    assert_eq!(exit, 0, "{said}");
    let (exit, _) = verify_receipt(&app, &receipt, Some("un texto"));
    assert_eq!(exit, 1, "a signature has no text to match");
    let page = app
        .get(&format!("/seguimiento/{code}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Descargar comprobante"), "{page}");
    assert!(page.contains(&format!("/seguimiento/{code}/comprobante")));
}
