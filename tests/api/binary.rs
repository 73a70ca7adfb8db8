//! The `tramites` binary as an operator runs it.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{workflows_dir, TestDb};

pub(crate) fn tramites(db: &TestDb) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tramites"));
    cmd.current_dir(db.dir())
        .env_remove("TRAMITES_CONFIG")
        .env_remove("TRAMITES_ADMIN_PASSWORD")
        .env_remove("TRAMITES_JWT_SECRET")
        .env("TRAMITES_DATABASE_URL", &db.url)
        .env("TRAMITES_WORKFLOWS_DIR", workflows_dir())
        .env("TRAMITES_DATA_DIR", db.dir().join("data"))
        .env("RUST_LOG", "debug");
    cmd
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) struct Served {
    pub(crate) child: Child,
    pub(crate) base: String,
}

pub(crate) async fn serve(db: &TestDb, admin_password: Option<&str>) -> Served {
    let envs: Vec<(&str, &str)> = admin_password
        .map(|p| ("TRAMITES_ADMIN_PASSWORD", p))
        .into_iter()
        .collect();
    serve_with(db, &envs).await
}

/// Starts `tramites serve` with these environment variables added, once it is ready.
pub(crate) async fn serve_with(db: &TestDb, envs: &[(&str, &str)]) -> Served {
    let port = free_port();
    let mut cmd = tramites(db);
    cmd.arg("serve")
        .env("TRAMITES_BIND", format!("127.0.0.1:{port}"))
        .envs(envs.iter().copied());
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        if let Ok(res) = reqwest::get(format!("{base}/readyz")).await {
            if res.status() == 200 {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not become ready"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Served { child, base }
}

/// Sends SIGTERM, waits for a clean exit, returns (stdout, stderr).
pub(crate) fn stop(mut served: Served) -> (String, String) {
    let pid = served.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit after SIGTERM: {status}");
    let (mut out, mut err) = (String::new(), String::new());
    served
        .child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    served
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (out, err)
}

async fn login(base: &str, password: &str) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn serve_creates_its_database_and_keeps_passwords_out_of_the_logs() {
    let db = TestDb::new();
    let served = serve(&db, Some("clave-del-operador-123")).await;
    if !db.is_postgres() {
        assert!(
            db.dir().join("nested/tramites.db").exists(),
            "SQLite file and folder created on first start"
        );
    }
    assert_eq!(login(&served.base, "clave-del-operador-123").await, 200);
    assert_eq!(login(&served.base, "intento-equivocado-456").await, 401);
    let (out, err) = stop(served);
    assert!(
        err.contains("request_id"),
        "one log line per request with its id"
    );
    for text in [&out, &err] {
        assert!(!text.contains("clave-del-operador-123"));
        assert!(!text.contains("intento-equivocado-456"));
    }
}

#[tokio::test]
async fn without_a_configured_password_one_is_printed_once_and_works() {
    let db = TestDb::new();
    let served = serve(&db, None).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let base = served.base.clone();
    let (out, err) = stop(served);
    let password = out
        .lines()
        .find_map(|l| l.split("password: ").nth(1))
        .expect("the generated password is printed")
        .trim()
        .to_string();
    assert!(password.len() >= 16);
    assert!(!err.contains(&password), "not in the logs");
    // Second start: no new admin, nothing printed, and the printed password works.
    let served = serve(&db, None).await;
    assert_eq!(login(&served.base, &password).await, 200);
    let (out, _) = stop(served);
    assert!(!out.contains("password:"), "printed only once");
    let _ = base;
}

#[test]
fn demo_loads_the_ministrys_services_once() {
    let db = TestDb::new();
    let first = tramites(&db).arg("demo").output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("14 trámites añadidos"), "{out}");
    for user in ["comite", "director", "ministro", "auditor", "administrador"] {
        assert!(out.contains(&format!("usuario {user}")), "{out}");
    }
    let second = tramites(&db).arg("demo").output().unwrap();
    assert!(second.status.success());
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.contains("0 trámites añadidos, 14 ya existían"), "{out}");
    use diesel::prelude::*;
    let mut conn = db.connect();
    let n: i64 = tramites::db::schema::procedures::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(n, 14);
    let users: i64 = tramites::db::schema::users::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        users, 5,
        "one demo user per role, no first-start admin from `demo`"
    );
    assert!(
        tramites::usecases::audit::verify(&mut conn, None)
            .unwrap()
            .valid
    );
}

#[test]
fn an_unknown_settings_key_stops_start_up_naming_it() {
    let db = TestDb::new();
    let file = db.dir().join("extra.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:0\"\ncolour = \"blue\"\n").unwrap();
    let out = tramites(&db)
        .arg("serve")
        .env("TRAMITES_CONFIG", &file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("colour"), "{err}");
}

/// Runs `tramites COMMAND` on this database URL; it must fail, and its error is returned.
fn failure_on(db: &TestDb, command: &str, url: &str) -> String {
    let out = tramites(db)
        .arg(command)
        .env("TRAMITES_DATABASE_URL", url)
        .env("TRAMITES_BIND", format!("127.0.0.1:{}", free_port()))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{command} on {url} must fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_postgresql_server_that_cannot_be_reached_is_reported_in_its_own_words() {
    let db = TestDb::new();
    // Nothing listens on a port just released: libpq's own words must reach the operator, not
    // "Invalid connection url for multiconnection" (diesel's MultiConnection, trying SQLite next).
    let url = format!("postgres://postgres@127.0.0.1:{}/tramites", free_port());
    for command in ["migrate", "serve"] {
        let err = failure_on(&db, command, &url);
        assert!(err.contains("Connection refused"), "{command}: {err}");
        assert!(!err.contains("multiconnection"), "{command}: {err}");
    }
    // On a server that answers, a database that does not exist is named as such.
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/tramites_no_such_database");
        for command in ["migrate", "serve"] {
            let err = failure_on(&db, command, &url);
            assert!(err.contains("does not exist"), "{command}: {err}");
        }
    }
}

#[test]
fn an_invalid_workflow_stops_start_up_naming_file_and_line() {
    let db = TestDb::new();
    let dir = db.dir().join("wf");
    std::fs::create_dir_all(&dir).unwrap();
    let source = std::fs::read_to_string(workflows_dir().join("simplificacion.toml"))
        .unwrap()
        .replace("to = \"pilot\"", "to = \"piloto\"");
    std::fs::write(dir.join("simplificacion.toml"), &source).unwrap();
    let line = source
        .lines()
        .position(|l| l.contains("\"piloto\""))
        .unwrap()
        + 1;
    let out = tramites(&db)
        .arg("serve")
        .env("TRAMITES_WORKFLOWS_DIR", &dir)
        .env("TRAMITES_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("simplificacion.toml:{line}:")),
        "{err}"
    );
    assert!(err.contains("unknown state `piloto`"), "{err}");
    let check = Command::new(env!("CARGO_BIN_EXE_tramites"))
        .args(["workflow", "check"])
        .arg(dir.join("simplificacion.toml"))
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn the_user_commands_add_list_and_set_roles() {
    let db = TestDb::new();
    let mut add = tramites(&db)
        .args([
            "user",
            "add",
            "--username",
            "lucia",
            "--email",
            "lucia@mintrabajo.gob.gt",
            "--roles",
            "committee,director",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin
        .take()
        .unwrap()
        .write_all(b"clave-de-lucia\n")
        .unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("clave-de-lucia"));
    let out = tramites(&db)
        .args(["user", "set-roles", "lucia", "auditor"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tramites(&db).args(["user", "list"]).output().unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    let line = list
        .lines()
        .find(|l| l.starts_with("lucia"))
        .expect("lucia listed");
    assert!(line.ends_with("auditor"), "{line}");
    let bad = tramites(&db)
        .args(["user", "set-roles", "lucia", "emperor"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let _: Option<Value> = None;
}
