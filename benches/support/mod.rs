//! What the HTTP benchmarks share: the service in-process over a fresh database (a SQLite file,
//! or with BENCH_PG_URL=postgres://…/postgres a PostgreSQL database created here and dropped by
//! [`Service::finish`]), and a committee member and a director signed in.

use std::sync::Arc;

use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::{json, Value};

/// A running service and who may act on it.
pub struct Service {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its database URL.
    pub url: String,
    /// A client.
    pub client: reqwest::Client,
    /// A committee member's token.
    pub committee: String,
    /// A director's token.
    pub director: String,
    /// Its data folder (the audit key is there).
    pub data_dir: std::path::PathBuf,
    pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

/// A token for `user`.
pub async fn token(client: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    let res: Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["access_token"].as_str().unwrap().to_string()
}

impl Service {
    /// Starts the service and signs in a committee member and a director.
    pub async fn start() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let pg_admin = std::env::var("BENCH_PG_URL").ok();
        let pg_name = format!("tramites_bench_{}", uuid::Uuid::new_v4().simple());
        let url = match &pg_admin {
            Some(admin) => {
                let mut conn = PgConnection::establish(admin)?;
                diesel::sql_query(format!("CREATE DATABASE {pg_name}")).execute(&mut conn)?;
                format!(
                    "{}/{pg_name}",
                    admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin)
                )
            }
            None => format!("sqlite://{}/bench.db", dir.path().display()),
        };
        let settings = tramites::config::Settings::with_overrides(json!({
            "database_url": url, "bind": "127.0.0.1:0", "admin_password": "bench-admin-password",
            "data_dir": dir.path().join("data"), "log": "warn",
            "workflows_dir": concat!(env!("CARGO_MANIFEST_DIR"), "/workflows"),
        }))?;
        let app = tramites::startup::Application::build(
            settings,
            Arc::new(tramites::clock::SystemClock::default()),
        )
        .await?;
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::new();
        let admin = token(&client, &base, "admin", "bench-admin-password").await;
        for (name, role) in [("comite", "committee"), ("directora", "director")] {
            client
                .post(format!("{base}/api/v1/users"))
                .bearer_auth(&admin)
                .json(&json!({"username": name, "display_name": name,
                              "email": format!("{name}@x.gt"), "password": "bench-password",
                              "roles": [role]}))
                .send()
                .await?;
        }
        let committee = token(&client, &base, "comite", "bench-password").await;
        let director = token(&client, &base, "directora", "bench-password").await;
        Ok(Service {
            base,
            url,
            client,
            committee,
            director,
            pg: pg_admin.map(|admin| (admin, pg_name)),
            data_dir: dir.path().join("data"),
            _dir: dir,
        })
    }

    /// A procedure taken to the regulation change, and an open consultation on it with this
    /// proposal: its id.
    pub async fn open_consultation(&self, proposal: &str) -> anyhow::Result<String> {
        let (client, base) = (&self.client, &self.base);
        let body = json!({"code": "BENCH-1", "name": "Trámite de prueba", "responsible_unit": "Unidad",
                          "category": "general", "audience": "citizens", "channel": "in_person"});
        let p: Value = client
            .post(format!("{base}/api/v1/procedures"))
            .bearer_auth(&self.committee)
            .json(&body)
            .send()
            .await?
            .json()
            .await?;
        let pid = p["id"].as_str().unwrap_or_default().to_string();
        for t in ["start_analysis", "authorize_simplification"] {
            let r: Value = client
                .post(format!("{base}/api/v1/procedures/{pid}/transitions"))
                .bearer_auth(&self.committee)
                .json(&json!({"transition": t}))
                .send()
                .await?
                .json()
                .await?;
            client
                .post(format!(
                    "{base}/api/v1/transition-requests/{}/approve",
                    r["id"].as_str().unwrap_or_default()
                ))
                .bearer_auth(&self.director)
                .json(&json!({}))
                .send()
                .await?;
        }
        let c: Value = client
            .post(format!("{base}/api/v1/procedures/{pid}/consultations"))
            .bearer_auth(&self.committee)
            .json(&json!({"title": "Consulta de prueba", "proposal_text": proposal}))
            .send()
            .await?
            .json()
            .await?;
        Ok(c["id"].as_str().unwrap_or_default().to_string())
    }

    /// "PostgreSQL" or "SQLite".
    pub fn backend(&self) -> &'static str {
        if self.pg.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    /// Drops the PostgreSQL database this run created, if any.
    pub fn finish(self) -> anyhow::Result<()> {
        if let Some((admin, name)) = &self.pg {
            let mut conn = PgConnection::establish(admin)?;
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)?;
        }
        Ok(())
    }
}
