//! `tramites backup` while comments pour in, and `tramites restore` into an empty database
//! (issue 40), on both backends: the restored database holds every comment acknowledged before
//! the backup started, matches its manifest row for row, and its chain verifies; a non-empty
//! target and a damaged file are refused with nothing written.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use serde_json::{json, Value};
use tramites::db::backup::table_counts;
use tramites::usecases::backup::read_manifest;

use crate::binary::{serve, stop, tramites};
use crate::helpers::{spawn_app_with, TestDb};
use crate::walks::{open_consultation, setup};

/// Sends distinct comments through `base` until `stop`, keeping each acknowledged id.
async fn pour(
    base: String,
    consultation: String,
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<Vec<String>>>,
) {
    let client = reqwest::Client::new();
    let mut n = 0u32;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let body = format!(
            "Comentario {n} de la carga: propongo que el trámite número {n} se resuelva en línea \
             sin copias del documento de identificación ni visitas a la oficina central."
        );
        let res = client
            .post(format!(
                "{base}/api/v1/consultations/{consultation}/comments"
            ))
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::CREATED);
        let sent: Value = res.json().await.unwrap();
        acked
            .lock()
            .unwrap()
            .push(sent["id"].as_str().unwrap().to_string());
    }
}

/// `tramites restore FILE` over `target`, with the source's audit key.
fn restore(target: &TestDb, file: &Path, key_dir: &Path) -> std::process::Output {
    tramites(target)
        .args(["restore".as_ref(), file.as_os_str()])
        .env("TRAMITES_DATA_DIR", key_dir)
        .output()
        .unwrap()
}

fn counts(db: &TestDb) -> BTreeMap<String, i64> {
    table_counts(&mut db.connect()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_load_restores_every_acknowledged_comment() {
    let app = spawn_app_with(json!({"comment_limit_per_hour": 0})).await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap().to_string();
    let stop_load = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Vec::new()));
    let senders: Vec<_> = (0..8)
        .map(|_| {
            tokio::spawn(pour(
                app.address.clone(),
                id.clone(),
                stop_load.clone(),
                acked.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let before: Vec<String> = acked.lock().unwrap().clone();
    assert!(before.len() > 20, "the load is running: {}", before.len());
    let file = app.db.dir().join("copia.zip");
    let out = {
        let mut cmd = tramites(&app.db);
        cmd.args(["backup".as_ref(), file.as_os_str()]);
        tokio::task::spawn_blocking(move || cmd.output().unwrap())
            .await
            .unwrap()
    };
    let during = acked.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop_load.store(true, Ordering::Relaxed);
    for s in senders {
        s.await.unwrap();
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Copia de seguridad escrita"), "{stdout}");
    assert!(
        during > before.len(),
        "comments were acknowledged while it ran"
    );
    let manifest = read_manifest(&file).unwrap();
    assert!(manifest.tables["comments"] >= before.len() as i64);
    assert!(manifest.chain_length > 0);

    // A second backup never overwrites the first.
    let again = tramites(&app.db)
        .args(["backup".as_ref(), file.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("ya existe"));

    let target = TestDb::empty();
    let key_dir = app.db.dir().join("data");
    let out = restore(&target, &file, &key_dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("la cadena de auditoría verifica"),
        "{stdout}"
    );
    assert!(!stdout.contains("sellos no se comprobaron"), "{stdout}");
    assert_eq!(counts(&target), manifest.tables, "row for row");
    let head = tramites::audit::head(&mut target.connect()).unwrap();
    assert_eq!(head, (manifest.chain_length, manifest.head_hash.clone()));
    {
        use tramites::db::schema::comments;
        let restored: Vec<String> = comments::table
            .select(comments::id)
            .load(&mut target.connect())
            .unwrap();
        let restored: std::collections::HashSet<String> = restored.into_iter().collect();
        let missing = before.iter().filter(|c| !restored.contains(*c)).count();
        assert_eq!(missing, 0, "acknowledged before the backup started");
    }

    // The restored database serves: its consultation counts what the copy held.
    let served = serve(&target, None).await;
    let got: Value = reqwest::get(format!("{}/api/v1/consultations/{id}", served.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    stop(served);
    assert_eq!(
        got["counts"]["received"],
        json!(manifest.tables["comments"])
    );

    // The target is no longer empty: a second restore is refused and changes nothing.
    let before_again = counts(&target);
    let out = restore(&target, &file, &key_dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no está vacía"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(counts(&target), before_again);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_nothing_is_written() {
    let app = spawn_app_with(json!({})).await;
    let s = setup(&app).await;
    open_consultation(&app, &s, json!({})).await;
    let file = app.db.dir().join("copia.zip");
    let out = tramites(&app.db)
        .args(["backup".as_ref(), file.as_os_str()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let manifest = read_manifest(&file).unwrap();
    // Flip one byte of the copy's stored data (the first entry, after its local header).
    let mut bytes = std::fs::read(&file).unwrap();
    let at = 30 + manifest.payload.len() + 40;
    bytes[at] ^= 0x55;
    let damaged = app.db.dir().join("danada.zip");
    std::fs::write(&damaged, bytes).unwrap();
    let target = TestDb::empty();
    let out = restore(&target, &damaged, &app.db.dir().join("data"));
    assert_eq!(out.status.code(), Some(2), "refused");
    assert!(
        counts_or_none(&target).is_none_or(|c| c.is_empty()),
        "nothing written"
    );
    let not_a_backup = app.db.dir().join("otra.zip");
    std::fs::write(&not_a_backup, b"no soy una copia").unwrap();
    let out = restore(&target, &not_a_backup, &app.db.dir().join("data"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no es una copia de seguridad"));
}

/// The target's counts when it can be opened without creating it (SQLite: when its file exists).
fn counts_or_none(db: &TestDb) -> Option<BTreeMap<String, i64>> {
    if !db.is_postgres() {
        let path = db.url.trim_start_matches("sqlite://");
        if !Path::new(path).exists() {
            return None;
        }
    }
    Some(counts(db))
}
