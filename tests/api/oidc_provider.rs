//! A real OpenID provider for the tests (issue 40): `tests/oidc/provider.mjs`, the certified
//! `oidc-provider` package run by Node.js, installed under target/oidc by `.ci/run` or, on a
//! fresh clone, by the first test that needs it. Without Node.js and npm, outside CI, those
//! tests say so and stop; in CI a missing provider fails them.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The client the provider knows (see the script).
pub const CLIENT_ID: &str = "tramites";
/// Its secret.
pub const CLIENT_SECRET: &str = "secreto-del-cliente-de-prueba";

/// A running provider, stopped when dropped.
pub struct OidcProvider {
    child: Child,
    /// Its issuer URL.
    pub issuer: String,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn installed() -> bool {
    static DONE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DONE.get_or_init(|| {
        let prefix = root().join("target/oidc");
        if !prefix
            .join("node_modules/oidc-provider/package.json")
            .exists()
        {
            let status = Command::new("npm")
                .arg("install")
                .arg("--prefix")
                .arg(&prefix)
                .args(["oidc-provider@8", "--silent"])
                .status();
            if !status.as_ref().is_ok_and(|s| s.success()) {
                eprintln!("npm could not install oidc-provider: {status:?}");
            }
        }
        prefix
            .join("node_modules/oidc-provider/package.json")
            .exists()
    })
}

impl OidcProvider {
    /// Starts a provider, on a port the system picks, that sends its answers to `redirect_uri`;
    /// None (outside CI) when Node.js or the package cannot be had.
    pub fn start(redirect_uri: &str) -> Option<Self> {
        if !installed() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the OpenID tests: npm install --prefix target/oidc oidc-provider@8"
            );
            println!("OPENID TESTS SKIPPED: install Node.js and npm to run them");
            return None;
        }
        let mut child = Command::new("node")
            .arg(root().join("tests/oidc/provider.mjs"))
            .arg(redirect_uri)
            .env("OIDC_PROVIDER_DIR", root().join("target/oidc"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut line)
            .expect("the provider says it is ready");
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or_else(|| panic!("the provider did not start: {line:?}"));
        Some(OidcProvider {
            child,
            issuer: format!("http://127.0.0.1:{port}"),
        })
    }

    /// The settings that point a service at this provider.
    pub fn settings(&self) -> serde_json::Value {
        serde_json::json!({
            "oidc_issuer": self.issuer,
            "oidc_client_id": CLIENT_ID,
            "oidc_client_secret": CLIENT_SECRET,
        })
    }
}

/// A local port free at the time of asking (another socket may take it before it is bound).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A service whose staff sign in through a provider started for it, with extra settings. The
/// service's callback address is fixed before either starts, so its port is chosen beforehand:
/// when another socket took it in between, both start again on other ports.
pub async fn app_with_provider(
    extra: serde_json::Value,
) -> Option<(crate::helpers::TestApp, OidcProvider)> {
    for _ in 0..5 {
        let app_port = free_port();
        let base = format!("http://127.0.0.1:{app_port}");
        let provider = OidcProvider::start(&format!("{base}/gestion/oidc/callback"))?;
        let mut settings = provider.settings();
        settings["bind"] = serde_json::json!(format!("127.0.0.1:{app_port}"));
        settings["public_url"] = serde_json::json!(base);
        if let (Some(s), serde_json::Value::Object(e)) = (settings.as_object_mut(), extra.clone()) {
            s.extend(e);
        }
        let db = crate::helpers::TestDb::new();
        match crate::helpers::try_spawn_app_on(db, settings).await {
            Ok(app) => return Some((app, provider)),
            Err(e) => eprintln!("the service could not start on port {app_port}: {e:#}"),
        }
    }
    panic!("the service could not start on five chosen ports")
}
