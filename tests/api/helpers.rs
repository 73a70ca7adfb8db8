//! `spawn_app()`: a real server on a random port over a fresh database — a temporary SQLite
//! file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set (dropped afterwards).

use std::path::PathBuf;
use std::sync::Arc;

use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};
use tramites::clock::SystemClock;
use tramites::config::Settings;
use tramites::db::DbConnection;
use tramites::startup::Application;

/// Password of the first-start admin in every test app.
pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
/// Token secret of every test app (tests forge tokens with it).
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret";

/// A fresh database of the backend under test. Clones share it; the last one drops it.
#[derive(Clone)]
pub struct TestDb {
    /// URL the service uses.
    pub url: String,
    dir: Arc<tempfile::TempDir>,
    pg: Option<Arc<PgDatabase>>,
}

/// A PostgreSQL database created for one test, dropped with it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

impl TestDb {
    /// Creates a database with every migration applied (on PostgreSQL a copy of a migrated
    /// template, made once per set of migrations; SQLite's first start migrates its new file).
    pub fn new() -> Self {
        // TRAMITES_TEST_NO_TEMPLATE=1 measures the suite as it ran before the template (every
        // test database migrated by its service's first start), with the same binary.
        Self::create(std::env::var_os("TRAMITES_TEST_NO_TEMPLATE").is_none())
    }

    /// Creates a database with nothing in it, not even the migrations.
    pub fn empty() -> Self {
        Self::create(false)
    }

    fn create(migrated: bool) -> Self {
        let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let name = format!("tramites_t_{}", uuid::Uuid::new_v4().simple());
                // Before this process's first PostgreSQL connection (see the function).
                tramites::db::keep_tls_until_the_last_connection_closes();
                let mut conn = PgConnection::establish(&admin_url)
                    .expect("TEST_DATABASE_URL names a PostgreSQL server that answers");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let sql = if migrated {
                    let template = migrated_template(&mut conn, base);
                    format!("CREATE DATABASE {name} TEMPLATE {template}")
                } else {
                    format!("CREATE DATABASE {name}")
                };
                run_retrying(&mut conn, &sql);
                let url = format!("{base}/{name}");
                TestDb {
                    url,
                    dir,
                    pg: Some(Arc::new(PgDatabase { admin_url, name })),
                }
            }
            None => {
                // A nested folder that does not exist yet: first start must create it.
                let url = format!("sqlite://{}/nested/tramites.db", dir.path().display());
                TestDb { url, dir, pg: None }
            }
        }
    }

    /// True when testing PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// The temporary folder of this test.
    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// The audit key of services started over this database.
    pub fn audit_keys(&self) -> tramites::audit::AuditKeys {
        tramites::audit::AuditKeys::load_or_create(&self.dir().join("data/audit-signing.key"))
            .unwrap()
    }

    /// A direct connection, for inspecting or altering what the service stored.
    pub fn connect(&self) -> DbConnection {
        tramites::db::establish(&self.url).expect("connect to test database")
    }
}

/// Runs a `CREATE DATABASE` (or a rename), again for a while when PostgreSQL says the
/// database it copies is busy (another copy of it is being made at that moment).
fn run_retrying(conn: &mut PgConnection, sql: &str) {
    for attempt in 0.. {
        match diesel::sql_query(sql).execute(conn) {
            Ok(_) => return,
            Err(e) if attempt < 50 && e.to_string().contains("being accessed by other users") => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => panic!("{sql}: {e}"),
        }
    }
}

/// The name of a database holding every PostgreSQL migration and nothing else, created the
/// first time a set of migrations is seen (its name carries their hash, so a changed migration
/// makes a new one) under an advisory lock, so parallel tests and test binaries make it once.
/// Every test database is a copy of it: the suite runs the migrations once, not once a test.
fn migrated_template(conn: &mut PgConnection, base: &str) -> String {
    use sha2::{Digest, Sha256};
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(name) = NAME.get() {
        return name.clone();
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("migrations folder")
        .flat_map(|d| std::fs::read_dir(d.expect("entry").path()).expect("migration folder"))
        .map(|f| f.expect("file").path())
        .collect();
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        hash.update(f.strip_prefix(&root).unwrap().to_string_lossy().as_bytes());
        hash.update(std::fs::read(f).expect("migration file"));
    }
    let name = format!("tramites_tpl_{}", &hex::encode(hash.finalize())[..16]);
    diesel::sql_query("SELECT pg_advisory_lock(72638472)")
        .execute(conn)
        .expect("template lock");
    #[derive(diesel::QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let exists = diesel::sql_query(format!(
        "SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"
    ))
    .get_result::<Found>(conn)
    .expect("look for the template")
    .n > 0;
    if !exists {
        let building = format!("{name}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {building}"))
            .execute(conn)
            .expect("drop a half-made template");
        run_retrying(conn, &format!("CREATE DATABASE {building}"));
        {
            let mut db = tramites::db::establish(&format!("{base}/{building}"))
                .expect("connect to the template");
            tramites::db::migrate(&mut db).expect("migrate the template");
        }
        run_retrying(conn, &format!("ALTER DATABASE {building} RENAME TO {name}"));
    }
    diesel::sql_query("SELECT pg_advisory_unlock(72638472)")
        .execute(conn)
        .expect("template unlock");
    NAME.get_or_init(|| name).clone()
}

/// A running service and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// HTTP client.
    pub client: Client,
    /// The service's clock (tests move it forward).
    pub clock: Arc<SystemClock>,
    /// The database.
    pub db: TestDb,
    /// `http://127.0.0.1:PORT` of the metrics listener, when `metrics_bind` was set.
    pub metrics_address: Option<String>,
}

/// Workflows folder of the repository.
pub fn workflows_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("workflows")
}

/// Settings of a test app over `db`, with extra overrides.
pub fn test_settings(db: &TestDb, extra: Value) -> Settings {
    let mut overrides = json!({
        "database_url": db.url,
        "bind": "127.0.0.1:0",
        "admin_password": ADMIN_PASSWORD,
        "jwt_secret": JWT_SECRET,
        "data_dir": db.dir().join("data"),
        "workflows_dir": workflows_dir(),
        "pool_size": 4,
        // Tests that need the daily records turn them on; the others keep an audit chain
        // that only their own requests write.
        "daily_records": false,
        // Likewise tree heads: published on request (or after a report freeze) unless a test
        // sets the interval.
        "tree_head_interval_seconds": 86400,
    });
    if let (Some(o), Value::Object(e)) = (overrides.as_object_mut(), extra) {
        o.extend(e);
    }
    Settings::with_overrides(overrides).expect("test settings")
}

/// Starts a service over a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(json!({})).await
}

/// Starts a service over a fresh database with extra settings.
pub async fn spawn_app_with(extra: Value) -> TestApp {
    spawn_app_on(TestDb::new(), extra).await
}

/// Every test client starts here. An idle kept-alive connection is dropped after 2 s, before
/// the service closes its end (actix-web's keep-alive is 5 s): a test that waits on a browser
/// for longer and then reuses the connection the service is closing would get
/// `IncompleteMessage` instead of an answer (seen once in CI, in a browser test).
pub fn client_builder() -> reqwest::ClientBuilder {
    Client::builder().pool_idle_timeout(std::time::Duration::from_secs(2))
}

/// A client that shows redirects instead of following them (the pages answer a form with 303).
pub fn no_redirects() -> Client {
    client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client")
}

/// Starts a service over the given database.
pub async fn spawn_app_on(db: TestDb, extra: Value) -> TestApp {
    try_spawn_app_on(db, extra).await.expect("service starts")
}

/// Starts a service over the given database, or says why it could not (a port taken).
pub async fn try_spawn_app_on(db: TestDb, extra: Value) -> anyhow::Result<TestApp> {
    let settings = test_settings(&db, extra);
    let clock = Arc::new(SystemClock::default());
    let app = Application::build(settings, clock.clone()).await?;
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app.metrics_port().map(|p| format!("http://127.0.0.1:{p}"));
    tokio::spawn(app.run_until_stopped());
    Ok(TestApp {
        address,
        // No request of a test waits for ever: a service that stops answering fails the test
        // in two minutes instead of holding the whole suite (and CI) until its time runs out.
        client: client_builder()
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .expect("HTTP client"),
        clock,
        db,
        metrics_address,
    })
}

impl TestApp {
    /// Full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Sends a request with an optional token and JSON body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.expect("request sent")
    }

    /// GET without a token.
    pub async fn get(&self, path: &str) -> Response {
        self.send(Method::GET, path, None, None).await
    }

    /// POST JSON with a token.
    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.send(Method::POST, path, Some(token), Some(body)).await
    }

    /// Logs in and returns the access token.
    pub async fn login(&self, username: &str, password: &str) -> String {
        let res = self
            .send(
                Method::POST,
                "/api/v1/auth/token",
                None,
                Some(&json!({"username": username, "password": password})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "login of {username}");
        let body: Value = res.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_string()
    }

    /// A token of the first-start admin.
    pub async fn admin_token(&self) -> String {
        self.login("admin", ADMIN_PASSWORD).await
    }

    /// Creates a user with these roles and returns (id, token).
    pub async fn user_with(&self, username: &str, roles: &[&str]) -> (String, String) {
        let admin = self.admin_token().await;
        let password = format!("{username}-password");
        let res = self
            .post(
                "/api/v1/users",
                &admin,
                &json!({"username": username, "display_name": username, "email": format!("{username}@mintrabajo.gob.gt"),
                        "password": password, "roles": roles}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "create {username}");
        let body: Value = res.json().await.unwrap();
        let id = body["id"].as_str().unwrap().to_string();
        (id, self.login(username, &password).await)
    }

    /// A committee member's token.
    pub async fn committee_token(&self) -> String {
        self.user_with("comite", &["committee"]).await.1
    }

    /// Moves a procedure through `transitions`: each proposed by `proposer` and, when it waits
    /// for approval, approved by `approver`. Returns the procedure as it ends.
    pub async fn walk(
        &self,
        proposer: &str,
        approver: &str,
        procedure_id: &str,
        transitions: &[&str],
    ) -> Value {
        let mut last = Value::Null;
        for t in transitions {
            let res = self
                .post(
                    &format!("/api/v1/procedures/{procedure_id}/transitions"),
                    proposer,
                    &json!({"transition": t}),
                )
                .await;
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            last = match status {
                StatusCode::OK => body,
                StatusCode::ACCEPTED => {
                    let res = self.approve(approver, body["id"].as_str().unwrap()).await;
                    assert_eq!(res.status(), StatusCode::OK, "approve {t}");
                    res.json().await.unwrap()
                }
                other => panic!("{t}: {other} {body}"),
            };
        }
        last
    }

    /// The audit entries of one action, oldest first (read as the admin), with each entry's
    /// `data` parsed.
    pub async fn audit_entries(&self, action: &str) -> Vec<Value> {
        let admin = self.admin_token().await;
        let page: Value = self
            .send(
                Method::GET,
                &format!("/api/v1/audit?action={action}&limit=200"),
                Some(&admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e["data"] = serde_json::from_str(e["data"].as_str().unwrap_or("null")).unwrap();
                e
            })
            .collect()
    }

    /// Proposes `transition` of procedure `id` (with the note "motivo").
    pub async fn propose(&self, token: &str, id: &str, transition: &str) -> Response {
        self.post(
            &format!("/api/v1/procedures/{id}/transitions"),
            token,
            &json!({"transition": transition, "note": "motivo"}),
        )
        .await
    }

    /// Approves a transition request (with the note "visto bueno").
    pub async fn approve(&self, token: &str, request_id: &str) -> Response {
        self.post(
            &format!("/api/v1/transition-requests/{request_id}/approve"),
            token,
            &json!({"note": "visto bueno"}),
        )
        .await
    }

    /// Opens a consultation on procedure `id` (committee) and returns its JSON.
    pub async fn open_consultation(&self, token: &str, id: &str, body: &Value) -> Value {
        let res = self
            .post(
                &format!("/api/v1/procedures/{id}/consultations"),
                token,
                body,
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "open consultation {body}"
        );
        res.json().await.unwrap()
    }

    /// Creates a procedure and returns its JSON.
    pub async fn create_procedure(&self, token: &str, body: &Value) -> Value {
        let res = self.post("/api/v1/procedures", token, body).await;
        assert_eq!(res.status(), StatusCode::CREATED, "create procedure {body}");
        res.json().await.unwrap()
    }
}

/// A valid procedure body with the given code; `extra` overrides fields.
pub fn procedure_body(code: &str, extra: Value) -> Value {
    let mut body = json!({
        "code": code,
        "name": "Registro electrónico de contratos individuales de trabajo",
        "description": "Registro de contratos",
        "responsible_unit": "Dirección General de Trabajo",
        "legal_basis": "Código de Trabajo",
        "category": "priority",
        "audience": "employers",
        "channel": "in_person",
        "requirements": [{"name": "DPI", "held_by_state": true}],
        "steps": 4,
        "in_person_visits": 2,
        "resolution_days": 10,
        "fee_gtq": 25.5,
        "annual_volume": 1000,
        "citizen_hours": 3.0
    });
    if let (Some(o), Value::Object(e)) = (body.as_object_mut(), extra) {
        o.extend(e);
    }
    body
}

/// The value of the hidden `form_token` of a page.
pub fn form_token(html: &str) -> String {
    let at = html
        .find("name=\"form_token\" value=\"")
        .expect("a form token")
        + 25;
    html[at..].split('"').next().unwrap().to_string()
}

/// Reads a problem+json answer, checking its shape and status.
pub async fn problem(res: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].is_string() && body["detail"].is_string() && body["type"].is_string());
    for text in [&body["title"], &body["detail"]].into_iter().chain(
        body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| &e["message"]),
    ) {
        assert_spanish(text.as_str().unwrap_or_default());
    }
    body
}

/// Words that betray an English sentence in an answer meant to be Spanish.
const ENGLISH: &[&str] = &[
    "the", "and", "must", "is", "with", "this", "not", "found", "please", "invalid", "request",
    "should", "cannot", "your", "expected", "missing", "unknown",
];

/// A text a person reads from the API: Spanish, and never a catalog key.
pub fn assert_spanish(text: &str) {
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        let lower = word.to_lowercase();
        assert!(
            !ENGLISH.contains(&lower.as_str()),
            "English «{word}» in «{text}»"
        );
        let parts: Vec<&str> = word.split('-').collect();
        let key_like = parts.len() >= 3
            && parts[0].chars().all(|c| c.is_ascii_lowercase())
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        assert!(!key_like, "a catalog key «{word}» in «{text}»");
    }
}
