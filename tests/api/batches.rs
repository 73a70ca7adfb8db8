//! The comment writer's batches: many comments stored with a few statements must come out
//! exactly as if each had been stored alone, and a full queue must refuse at once (503 with
//! `Retry-After`) without losing any comment it acknowledged.

use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::stream::{FuturesUnordered, StreamExt};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tramites::clock::Clock;
use tramites::db::DbConnection;
use tramites::domain::comment::{check, code_number, CodeNumbers, NewComment};
use tramites::usecases::comments::{submit, submit_batch, Submission};
use tramites::usecases::AppError;

use crate::counts::counters_match_a_recount;
use crate::helpers::{form_token, spawn_app_on, spawn_app_with, TestApp};
use crate::walks::{comment, comment_answered, open_consultation, setup};

fn submission(
    now: DateTime<Utc>,
    consultation: &str,
    body: &str,
    email: Option<&str>,
    key: Option<&str>,
) -> Submission {
    let input = NewComment {
        body: body.into(),
        author_name: Some("Vecina".into()),
        email: email.map(Into::into),
        organization: None,
        article: None,
        proposed_text: None,
        language: None,
    };
    // The tests' own counter: a number the service also drew is told apart by the code's
    // random group, as between two processes.
    static NUMBERS: std::sync::LazyLock<CodeNumbers> =
        std::sync::LazyLock::new(CodeNumbers::default);
    Submission::new(
        now,
        &NUMBERS,
        consultation.into(),
        check(&input).unwrap(),
        key.map(Into::into),
    )
}

async fn stored_comments(app: &TestApp, consultation: &str) -> i64 {
    let mut conn = app.db.connect();
    tramites::usecases::consultations::recount(&mut conn, consultation)
        .unwrap()
        .received
}

#[tokio::test]
async fn a_batch_stores_each_comment_as_it_would_be_stored_alone() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let closes: DateTime<Utc> = c["closes_at"].as_str().unwrap().parse().unwrap();
    // An answered text, and a comment stored earlier with an Idempotency-Key.
    comment_answered(&app, &s, cid, "Igual").await;
    let (keys, now) = (app.db.audit_keys(), app.clock.now());
    let mut conn = app.db.connect();
    let (earlier, _) = submit(
        &mut conn,
        &keys,
        &submission(now, cid, "Antes", None, Some("k-antes")),
        true,
    )
    .unwrap();
    let before = stored_comments(&app, cid).await;
    let entries_before = app.audit_entries("comment.received").await.len();

    let batch = vec![
        submission(now, cid, "Igual", None, None),
        submission(now, cid, "Texto nuevo", None, None),
        submission(now, cid, "Texto nuevo", None, None),
        submission(now, cid, "Con clave", None, Some("k-lote")),
        submission(now, cid, "Con clave", None, Some("k-lote")),
        submission(now, cid, "Antes", None, Some("k-antes")),
        submission(
            now,
            "01936f3e-0000-7000-8000-000000000000",
            "Sin consulta",
            None,
            None,
        ),
        submission(closes + chrono::Duration::days(1), cid, "Tarde", None, None),
        submission(now, cid, "Con correo", Some("vecina@example.gt"), None),
        // The same keys with another text: refused, never the first receipt.
        submission(now, cid, "Con clave, corregido", None, Some("k-lote")),
        submission(now, cid, "Otra vez", None, Some("k-antes")),
    ];
    let results = submit_batch(&mut conn, &keys, &batch, true);
    assert_eq!(results.len(), batch.len(), "one answer per comment");
    let ok = |i: usize| results[i].as_ref().unwrap_or_else(|e| panic!("{i}: {e}"));
    for i in [0, 1, 2, 3, 8] {
        assert_eq!(ok(i).status, "published");
    }
    assert_eq!(
        ok(4).id,
        ok(3).id,
        "a key repeated in one batch stores once"
    );
    assert_eq!(
        ok(5).id,
        earlier.id,
        "a key stored before returns its receipt"
    );
    assert!(matches!(results[6], Err(AppError::NotFound(_))));
    assert!(matches!(results[9], Err(AppError::IdempotencyKeyReused)));
    assert!(matches!(results[10], Err(AppError::IdempotencyKeyReused)));
    assert!(
        matches!(&results[7], Err(AppError::Conflict { code, .. }) if *code == "consultation_closed"),
        "{:?}",
        results[7].as_ref().err()
    );
    let codes: std::collections::HashSet<&str> = [0, 1, 2, 3, 8]
        .iter()
        .map(|&i| ok(i).tracking_code.as_str())
        .collect();
    assert_eq!(codes.len(), 5, "each new comment has its own tracking code");

    // Stored: five new comments, each findable by its code, counted as a recount counts.
    assert_eq!(stored_comments(&app, cid).await, before + 5);
    for i in [0, 1, 3, 8] {
        let res = app
            .get(&format!(
                "/api/v1/comments/by-tracking/{}",
                ok(i).tracking_code
            ))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "comment {i}");
    }
    let counts = counters_match_a_recount(&app, cid).await;
    assert_eq!(
        counts["answered"], 2,
        "the copy of the answered text counts"
    );
    // One audit entry per stored comment, chained after the others, and the chain verifies.
    let entries = app.audit_entries("comment.received").await;
    assert_eq!(entries.len(), entries_before + 5);
    let subjects: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| e["subject_id"].as_str())
        .collect();
    for i in [0, 1, 2, 3, 8] {
        assert!(subjects.contains(ok(i).id.as_str()), "entry of comment {i}");
    }
    let auditor = app.user_with("auditora", &["auditor"]).await.1;
    let report = crate::audit::api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    // The e-mail receipt is queued with the comment.
    let queued = tramites::notify::by_status(&mut conn, "pending").unwrap();
    assert!(
        queued
            .iter()
            .any(|m| m.to_address == "vecina@example.gt"
                && m.body_text.contains(&ok(8).tracking_code))
    );
}

#[derive(diesel::QueryableByName)]
struct PreparedText {
    #[diesel(sql_type = diesel::sql_types::Text)]
    statement: String,
}

/// On PostgreSQL, the statements a batch sends as text are prepared once per connection and
/// then only executed: a statement sent as plain text is parsed and planned every time.
/// (SQLite keeps no list a test can read; the same code path runs there in every other test.)
/// The numbers (first group) of the tracking codes of `n` comments sent one after another.
async fn numbers_of_new_comments(app: &TestApp, consultation: &str, n: usize) -> Vec<u32> {
    let mut numbers = Vec::new();
    for i in 0..n {
        let res = comment(
            app,
            consultation,
            json!({"body": format!("Texto {i}")}),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let code = res.json::<Value>().await.unwrap()["tracking_code"]
            .as_str()
            .unwrap()
            .to_string();
        let (year, number) = code_number(&code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(year, chrono::Datelike::year(&app.clock.now()), "{code}");
        numbers.push(number);
    }
    numbers
}

#[tokio::test]
async fn tracking_codes_are_numbered_in_arrival_order_and_continue_after_a_restart() {
    let app = spawn_app_with(json!({})).await;
    let s = setup(&app).await;
    let cid = open_consultation(&app, &s, json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let first = numbers_of_new_comments(&app, &cid, 3).await;
    assert_eq!(first, vec![0, 1, 2], "the year's first comments");
    // A service started again over the same data goes on from the newest comment stored.
    let again = spawn_app_on(app.db.clone(), json!({})).await;
    let next = numbers_of_new_comments(&again, &cid, 2).await;
    assert_eq!(next, vec![3, 4]);
}

#[tokio::test]
async fn a_batch_statements_are_prepared_once_per_connection() {
    use diesel::RunQueryDsl;
    let app = spawn_app_with(json!({})).await;
    if !app.db.is_postgres() {
        return;
    }
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let (keys, now) = (app.db.audit_keys(), app.clock.now());
    let mut conn = app.db.connect();
    for round in 0..3 {
        let batch: Vec<Submission> = (0..4)
            .map(|i| submission(now, cid, &format!("Ronda {round}, texto {i}"), None, None))
            .collect();
        let results = submit_batch(&mut conn, &keys, &batch, false);
        assert!(results.iter().all(Result::is_ok), "{results:?}");
    }
    let DbConnection::Postgresql(pg) = &mut conn else {
        unreachable!()
    };
    let prepared: Vec<PreparedText> =
        diesel::sql_query("SELECT statement FROM pg_prepared_statements")
            .load(pg)
            .unwrap();
    for start in [
        // The comments' insert, the write lock and the reads under it.
        "WITH ins AS (INSERT INTO comments",
        // Under the lock, one statement: the new text groups, the counters, the audit entries.
        "WITH new_groups AS (INSERT INTO comment_groups",
    ] {
        let n = prepared
            .iter()
            .filter(|p| p.statement.starts_with(start))
            .count();
        assert_eq!(n, 1, "{start}: prepared {n} times over three batches");
    }
    for (table, statement) in [
        ("consultation_counts", "UPDATE consultation_counts"),
        ("audit_log", "INSERT INTO audit_log"),
        ("comment_groups", "INSERT INTO comment_groups"),
    ] {
        let written_by: Vec<&str> = prepared
            .iter()
            .map(|p| p.statement.as_str())
            .filter(|s| s.contains(statement))
            .collect();
        assert!(
            written_by.len() == 1 && written_by[0].starts_with("WITH new_groups AS"),
            "{table} written by {written_by:?}"
        );
    }
    counters_match_a_recount(&app, cid).await;
}

/// A batch with comments for two consultations counts each in its own counters and groups
/// (on PostgreSQL one statement updates both consultations' counters, with the audit entries).
#[tokio::test]
async fn a_batch_across_consultations_counts_each_one() {
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let first = open_consultation(&app, &s, json!({})).await;
    let second = open_consultation(&app, &s, json!({})).await;
    let (first, second) = (
        first["id"].as_str().unwrap(),
        second["id"].as_str().unwrap(),
    );
    // A text the second consultation answered before: its copy counts as answered there only.
    comment_answered(&app, &s, second, "Ya respondido").await;
    let (keys, now) = (app.db.audit_keys(), app.clock.now());
    let mut conn = app.db.connect();
    let batch = vec![
        submission(now, first, "Ya respondido", None, None),
        submission(now, second, "Ya respondido", None, None),
        submission(now, first, "Nuevo", None, None),
        submission(now, second, "Nuevo", None, None),
        submission(now, second, "Otro", None, None),
        submission(now, first, "Nuevo", None, None),
    ];
    let results = submit_batch(&mut conn, &keys, &batch, true);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let one = counters_match_a_recount(&app, first).await;
    let two = counters_match_a_recount(&app, second).await;
    assert_eq!(
        (&one["received"], &one["distinct"], &one["answered"]),
        (&json!(3), &json!(2), &json!(0)),
        "{one}"
    );
    assert_eq!(
        (&two["received"], &two["distinct"], &two["answered"]),
        (&json!(4), &json!(3), &json!(2)),
        "{two}"
    );
    let auditor = app.user_with("auditora", &["auditor"]).await.1;
    let report = crate::audit::api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "{report}");
}

/// Holds the database's write lock (the one every writer takes first) until told to let go.
fn hold_write_lock(conn: DbConnection) -> (mpsc::Receiver<()>, mpsc::Sender<()>) {
    let (locked_tx, locked) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut conn = conn;
        tramites::db::write_tx(&mut conn, |_| -> Result<(), diesel::result::Error> {
            locked_tx.send(()).unwrap();
            let _ = release_rx.recv();
            Ok(())
        })
        .unwrap();
    });
    (locked, release)
}

/// A batch that waits for the write lock reads, once it holds it, what the holder committed:
/// the audit chain's head, and the text groups and answers added meanwhile. On PostgreSQL the
/// batch's insert, its lock and these reads are one statement, whose own snapshot is older
/// than the wait; reading with it would chain the batch's entries to a stale head and count
/// a known text as new, and the batch would fail (no fallback here: the transaction is the
/// comment writer's own, run directly).
#[tokio::test]
async fn a_batch_waiting_for_the_lock_reads_what_the_holder_committed() {
    use tramites::db::write_tx_lock_later;
    use tramites::usecases::comments::stage_all;
    let app = spawn_app_with(json!({"publish_comments_on_receipt": true})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap().to_string();
    // A text answered before, so that its group has an answer; the holder adds the text
    // "Igual" (a new group) while the batch waits, and an entry to the chain.
    comment_answered(&app, &s, &cid, "Respondido").await;
    let (keys, now) = (app.db.audit_keys(), app.clock.now());
    let (locked_tx, locked) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let holder = {
        let (mut conn, keys, cid) = (app.db.connect(), keys.clone(), cid.clone());
        std::thread::spawn(move || {
            tramites::db::write_tx(&mut conn, |conn| {
                let first = [submission(now, &cid, "Igual", None, None)];
                let stored = stage_all(conn, &keys, &first, true)?;
                assert!(stored[0].is_ok());
                locked_tx.send(()).unwrap();
                let _ = release_rx.recv();
                Ok::<_, AppError>(())
            })
            .unwrap();
        })
    };
    locked.recv().unwrap();
    let batch_thread = {
        let (mut conn, keys, cid) = (app.db.connect(), keys.clone(), cid.clone());
        std::thread::spawn(move || {
            let batch = [
                submission(now, &cid, "Igual", None, None),
                submission(now, &cid, "Respondido", None, None),
                submission(now, &cid, "Nuevo", None, None),
            ];
            write_tx_lock_later(&mut conn, |conn| stage_all(conn, &keys, &batch, true))
        })
    };
    // Let the batch insert its comments and start waiting for the lock, then let go.
    if app.db.is_postgres() {
        let mut conn = app.db.connect();
        let DbConnection::Postgresql(pg) = &mut conn else {
            unreachable!()
        };
        let mut waiting = || -> i64 {
            #[derive(diesel::QueryableByName)]
            struct Waiting {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            use diesel::RunQueryDsl;
            let rows: Vec<Waiting> = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            )
            .load(pg)
            .unwrap();
            rows[0].n
        };
        let mut tries = 0;
        while waiting() == 0 {
            tries += 1;
            assert!(tries < 500, "the batch never waited for the lock");
            std::thread::sleep(Duration::from_millis(10));
        }
    } else {
        std::thread::sleep(Duration::from_millis(300));
    }
    release.send(()).unwrap();
    holder.join().unwrap();
    let results = match batch_thread.join().unwrap() {
        Ok(results) => results,
        Err(e) => panic!("the batch failed after waiting for the lock: {e:?}"),
    };
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
    let counts = counters_match_a_recount(&app, &cid).await;
    assert_eq!(
        (
            counts["received"].as_i64(),
            counts["distinct"].as_i64(),
            counts["answered"].as_i64()
        ),
        (Some(5), Some(3), Some(2)),
        "{counts}"
    );
    let auditor = app.user_with("auditora", &["auditor"]).await.1;
    let report = crate::audit::api_verify(&app, &auditor).await;
    assert_eq!(report["valid"], true, "{report}");
}

/// What `/readyz` says the writer holds: `(queued, storing, capacity)`.
async fn writer_load(app: &TestApp) -> (u64, u64, u64) {
    let ready: Value = app.get("/readyz").await.json().await.unwrap();
    let n = |k: &str| {
        ready["comments"][k]
            .as_u64()
            .expect("/readyz tells the writer's load")
    };
    (n("queued"), n("storing"), n("capacity"))
}

#[tokio::test]
async fn a_full_queue_answers_503_at_once_and_keeps_every_acknowledged_comment() {
    let app = spawn_app_with(json!({"comment_queue": 1})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap().to_string();
    let page = app
        .get(&format!("/consultas/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    let token = form_token(&page);

    let (locked, release) = hold_write_lock(app.db.connect());
    locked.recv().unwrap();
    let url = app.url(&format!("/api/v1/consultations/{cid}/comments"));
    let send = |i: u64| {
        let (client, url) = (app.client.clone(), url.clone());
        tokio::spawn(async move {
            let res = client
                .post(url)
                .json(&json!({"body": format!("Comentario {i}")}))
                .send()
                .await
                .unwrap();
            let status = res.status();
            let retry = res.headers().get("retry-after").cloned();
            (status, retry, res.json::<Value>().await.unwrap())
        })
    };
    let mut sends: FuturesUnordered<_> = (0..6).map(send).collect();
    let mut sent = 6;
    // The writer takes a comment and waits for the lock, the queue fills up, and every other
    // comment is refused at once. /readyz says what the writer holds (no sleeping on a guess:
    // how soon the writer thread takes its first comment depends on the machine; if it took it
    // after the others were refused, one more comment fills the queue).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut refused = 0;
    loop {
        let (queued, storing, capacity) = writer_load(&app).await;
        if storing >= 1 && refused + queued + storing == sent {
            if queued == capacity {
                break;
            }
            sends.push(send(sent));
            sent += 1;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "refusals come at once, while the writer is still blocked \
             ({refused} refused, {queued} queued, {storing} storing of {sent})"
        );
        if let Ok(Some(answer)) =
            tokio::time::timeout(Duration::from_millis(10), sends.next()).await
        {
            let (status, retry, body) = answer.unwrap();
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
            assert_eq!(body["code"], "overloaded");
            assert!(retry.is_some(), "503 says when to come back");
            refused += 1;
        }
    }
    // Full now: the next comment is refused at once, whatever happened before.
    let res = tokio::time::timeout(Duration::from_secs(5), send(sent))
        .await
        .expect("a full queue refuses at once")
        .unwrap();
    assert_eq!(res.0, StatusCode::SERVICE_UNAVAILABLE, "{}", res.2);
    assert_eq!(res.2["code"], "overloaded");
    assert!(res.1.is_some(), "503 says when to come back");
    // The web form comes back filled in, saying nothing was stored.
    let res = app
        .client
        .post(app.url(&format!("/consultas/{cid}/comentarios")))
        .form(&[
            ("body", "Mi texto largo que no quiero perder"),
            ("author_name", ""),
            ("email", ""),
            ("organization", ""),
            ("form_token", token.as_str()),
        ])
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("a full queue refuses the web form at once");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().get("retry-after").is_some());
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Mi texto largo que no quiero perder"),
        "the text is kept"
    );
    assert!(html.contains("todavía no se guardó"));
    assert!(
        html.contains(">Su comentario todavía no se guardó</h2>"),
        "the summary says what happened, not 'check your comment'"
    );

    release.send(()).unwrap();
    let mut acknowledged = Vec::new();
    while let Some(sent) = tokio::time::timeout(Duration::from_secs(30), sends.next())
        .await
        .expect("once the lock is released the held comments are answered")
    {
        let (status, _, body) = sent.unwrap();
        if status == StatusCode::CREATED {
            acknowledged.push(body["id"].as_str().unwrap().to_string());
        } else {
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        }
    }
    assert!(!acknowledged.is_empty(), "the comments in hand are stored");
    assert_eq!(stored_comments(&app, &cid).await, acknowledged.len() as i64);
    let mut conn = app.db.connect();
    for id in &acknowledged {
        let found = tramites::db::consultations::find_comment(&mut conn, id).unwrap();
        assert!(found.is_some(), "acknowledged comment {id} is stored");
    }
    // The service takes comments again.
    let res = comment(&app, &cid, json!({"body": "Después"}), None).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[derive(diesel::QueryableByName)]
struct LogPosition {
    #[diesel(sql_type = diesel::sql_types::Text)]
    lsn: String,
}

#[derive(diesel::QueryableByName)]
struct Flushed {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    flushed: bool,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rows: i64,
}

/// On PostgreSQL the comment writer's transaction commits without waiting for the disk (so
/// that the write lock is free for the other writer sooner) and then waits for the disk before
/// it returns: what it wrote is flushed by the time it answers `Ok`, and the comment's 201 is
/// sent after that. One that fails before its commit leaves nothing and the connection usable.
#[tokio::test]
async fn a_batch_transaction_is_on_disk_when_it_returns() {
    use diesel::sql_types::{Integer, Text};
    use diesel::RunQueryDsl;
    use tramites::db::{write_tx_lock_later, NotStored};
    let db = crate::helpers::TestDb::new();
    if !db.is_postgres() {
        return;
    }
    let mut conn = db.connect();
    let DbConnection::Postgresql(pg) = &mut conn else {
        unreachable!()
    };
    diesel::sql_query("CREATE TABLE scratch (n INT NOT NULL, body TEXT NOT NULL)")
        .execute(pg)
        .unwrap();
    let failed = write_tx_lock_later(&mut conn, |conn| {
        let DbConnection::Postgresql(pg) = conn else {
            unreachable!()
        };
        diesel::sql_query("INSERT INTO scratch VALUES (-1, 'x')").execute(pg)?;
        Err::<(), _>(diesel::result::Error::RollbackTransaction)
    });
    assert!(matches!(failed, Err(NotStored::Failed(_))), "{failed:?}");
    for n in 0..50 {
        let written = write_tx_lock_later(&mut conn, |conn| {
            let DbConnection::Postgresql(pg) = conn else {
                unreachable!()
            };
            diesel::sql_query("INSERT INTO scratch VALUES ($1, 'Un comentario corto.')")
                .bind::<Integer, _>(n)
                .execute(pg)?;
            let at: Vec<LogPosition> =
                diesel::sql_query("SELECT pg_current_wal_insert_lsn()::text AS lsn").load(pg)?;
            Ok::<_, diesel::result::Error>(at[0].lsn.clone())
        })
        .unwrap();
        let DbConnection::Postgresql(pg) = &mut conn else {
            unreachable!()
        };
        let now: Vec<Flushed> = diesel::sql_query(
            "SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS flushed, \
             (SELECT count(*) FROM scratch) AS rows",
        )
        .bind::<Text, _>(&written)
        .load(pg)
        .unwrap();
        assert!(
            now[0].flushed,
            "transaction {n} returned before the log was flushed past {written}"
        );
        assert_eq!(now[0].rows, i64::from(n) + 1, "the failed one left a row");
    }
}
