//! Settings: `config/default.toml`, then the file named by `TRAMITES_CONFIG`, then
//! environment variables `TRAMITES_<KEY>`. Unknown keys in a file stop start-up.

use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// Every setting of the service. Field names are the keys of the settings files.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// `HOST:PORT` to listen on.
    pub bind: String,
    /// Folder for generated files.
    pub data_dir: PathBuf,
    /// IANA time zone of the ministry.
    pub timezone: String,
    /// Connections in the database pool.
    pub pool_size: u32,
    /// Largest JSON body accepted, in bytes.
    pub json_limit_bytes: usize,
    /// Largest document accepted, in bytes.
    pub document_limit_bytes: usize,
    /// Lifetime of access tokens, in seconds.
    pub token_ttl_seconds: i64,
    /// `iss` claim of tokens.
    pub jwt_issuer: String,
    /// `aud` claim of tokens.
    pub jwt_audience: String,
    /// HMAC secret for tokens; when unset, derived from the audit key file.
    #[serde(default)]
    pub jwt_secret: Option<String>,
    /// Password of the `admin` user created on first start; random (and printed) when unset.
    #[serde(default)]
    pub admin_password: Option<String>,
    /// Failed logins per user within the window before answers become 429.
    pub login_max_failures_per_user: u32,
    /// Failed logins per client address within the window before answers become 429.
    pub login_max_failures_per_address: u32,
    /// Length of the failed-login window, in seconds.
    pub login_failure_window_seconds: u64,
    /// Value of one hour of a citizen's time, in GTQ (Standard Cost Model).
    pub hourly_value_gtq: f64,
    /// Cost of one in-person visit, in GTQ (Standard Cost Model).
    pub visit_cost_gtq: f64,
    /// Comment submissions allowed per client address per hour (0: no limit).
    pub comment_limit_per_hour: u32,
    /// Comment submissions an address may send at once before the hourly rate applies.
    pub comment_burst: u32,
    /// Tracking-code look-ups allowed per client address (an IPv6 /64) per minute (0: no limit).
    pub tracking_lookups_per_minute: u32,
    /// True: comments are published on receipt; false: after moderation.
    pub publish_comments_on_receipt: bool,
    /// Jaccard similarity of 5-word shingles at which a comment joins a campaign (0 < x ≤ 1).
    pub campaign_similarity: f64,
    /// Comments that may wait for the writer; beyond them a comment is refused at once with
    /// 503 and `Retry-After` (bounded latency under overload, nothing half-stored).
    pub comment_queue: usize,
    /// ISO 639-3 codes a draft may be translated into (issue 37).
    pub draft_languages: Vec<String>,
    /// Offices that take comments on paper, by phone or in person (the consultation's PDF).
    pub paper_offices: Vec<String>,
    /// `file` (one .eml per message under `<data_dir>/mail`) or `smtp`.
    pub mail_transport: String,
    /// SMTP server.
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// `none`, `starttls` or `tls`.
    pub smtp_tls: String,
    /// SMTP user (empty: no authentication).
    pub smtp_username: String,
    /// SMTP password.
    #[serde(default)]
    pub smtp_password: Option<String>,
    /// Sender of every message.
    pub mail_from: String,
    /// Address the public reaches the service at, for links in messages.
    pub public_url: String,
    /// Milliseconds between two runs of the outbox worker and the reminder scheduler.
    pub notify_interval_ms: u64,
    /// Record the indicators once a day and freeze each ended period's accountability report
    /// without waiting for someone to open it (checked every minute and at start).
    pub daily_records: bool,
    /// Attempts before a message is marked failed.
    pub mail_max_attempts: i32,
    /// First retry delay in seconds; each further attempt doubles it.
    pub mail_retry_base_seconds: i64,
    /// Days before a consultation closes that its procedure's subscribers are reminded.
    pub reminder_days_before: i64,
    /// Days before a stage's time limit that the Committee is reminded.
    pub stage_reminder_days_before: i64,
    /// Seconds in-flight requests get to finish on SIGTERM.
    pub shutdown_timeout_seconds: u64,
    /// Log filter.
    pub log: String,
    /// `HOST:PORT` of the metrics listener (`GET /metrics`); unset: none.
    #[serde(default)]
    pub metrics_bind: Option<String>,
    /// `text` (default) or `json`: one JSON object per line.
    #[serde(default)]
    pub log_format: LogFormat,
    /// Addresses of the reverse proxies whose `X-Forwarded-For` is believed (empty: none, so
    /// the client's address is always the connection's peer).
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seconds a client has to send a whole request (headers and body) before it is cut off.
    pub request_timeout_seconds: u64,
    /// File holding the audit key (Ed25519); created on first start. Default:
    /// `<data_dir>/audit-signing.key`. Instances sharing a database must share this file.
    #[serde(default)]
    pub audit_key_path: Option<PathBuf>,
    /// Procedure rows an imported spreadsheet may hold (after its header).
    pub import_max_rows: usize,
    /// Columns with a value an imported spreadsheet may hold.
    pub import_max_columns: usize,
    /// Bytes an imported workbook's parts may decompress to, and its cells' text may sum to.
    pub import_max_unpacked_bytes: u64,
    /// Spreadsheets, usage files and PDFs worked on at once (further requests wait their turn).
    pub heavy_work_slots: usize,
    /// Seconds between two tree heads of the transparency log, at least (a head is published
    /// only when the log grew).
    pub tree_head_interval_seconds: u64,
    /// RFC 3161 time-stamping authority every tree head is sent to (empty: none).
    #[serde(default)]
    pub tsa_url: String,
    /// Seconds before a failed time stamp is tried again (doubling up to eight times).
    pub tsa_retry_seconds: u64,
    /// OpenID Connect provider of the staff's institutional accounts (its issuer URL; empty:
    /// none). With it, `/gestion/entrar` offers "Entrar con la cuenta institucional".
    #[serde(default)]
    pub oidc_issuer: String,
    /// This service's client id at that provider.
    #[serde(default)]
    pub oidc_client_id: String,
    /// Its client secret (never logged).
    #[serde(default)]
    pub oidc_client_secret: String,
    /// False turns the password form off: staff sign in through `oidc_issuer` only.
    #[serde(default = "yes")]
    pub password_sign_in: bool,
    /// Folder holding the workflow definitions.
    #[serde(default = "default_workflows_dir")]
    pub workflows_dir: PathBuf,
}

fn yes() -> bool {
    true
}

fn default_workflows_dir() -> PathBuf {
    PathBuf::from("workflows")
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets are never printed, not even in debug logs.
        f.debug_struct("Settings")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("timezone", &self.timezone)
            .field("pool_size", &self.pool_size)
            .field("workflows_dir", &self.workflows_dir)
            .finish_non_exhaustive()
    }
}

/// How log lines are written (`log_format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (for a log collector).
    Json,
}

/// The built-in defaults, identical to `config/default.toml`, so the binary also runs
/// from a folder that does not hold the repository.
const DEFAULTS: &str = include_str!("../../config/default.toml");

mod keys;
use keys::ENV_KEYS;

impl Settings {
    /// Loads the settings from the built-in defaults, `config/default.toml` when present in
    /// the working folder, the file in `TRAMITES_CONFIG`, and the environment.
    pub fn load() -> anyhow::Result<Self> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        let local = Path::new("config/default.toml");
        if local.exists() {
            figment = figment.merge(Toml::file(local));
        }
        if let Ok(path) = std::env::var("TRAMITES_CONFIG") {
            if !Path::new(&path).exists() {
                anyhow::bail!("TRAMITES_CONFIG names {path}, which does not exist");
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("TRAMITES_").only(ENV_KEYS));
        Self::extract(figment)
    }

    /// Settings for tests and tools: the defaults with the given overrides.
    pub fn with_overrides<T: Serialize>(overrides: T) -> anyhow::Result<Self> {
        let figment = Figment::from(Toml::string(DEFAULTS)).merge(Serialized::defaults(overrides));
        Self::extract(figment)
    }

    fn extract(figment: Figment) -> anyhow::Result<Self> {
        let settings: Settings = figment.extract().map_err(|e| {
            let mut msg = String::from("invalid settings:");
            for err in e {
                msg.push_str(&format!("\n  - {err}"));
            }
            anyhow::anyhow!(msg)
        })?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            anyhow::bail!(
                "invalid settings: timezone `{}` is not an IANA time zone",
                self.timezone
            );
        }
        for code in &self.draft_languages {
            if crate::domain::reach::language_code("draft_languages", code).is_err() {
                anyhow::bail!(
                    "invalid settings: draft_languages: `{code}` is not an ISO 639-3 code"
                );
            }
        }
        if self.pool_size == 0 {
            anyhow::bail!("invalid settings: pool_size must be at least 1");
        }
        if self.import_max_rows == 0 || self.import_max_columns == 0 || self.heavy_work_slots == 0 {
            anyhow::bail!(
                "invalid settings: import_max_rows, import_max_columns and heavy_work_slots must be at least 1"
            );
        }
        if self.tree_head_interval_seconds == 0 || self.tsa_retry_seconds == 0 {
            anyhow::bail!(
                "invalid settings: tree_head_interval_seconds and tsa_retry_seconds must be at least 1"
            );
        }
        let web_address = ["http://", "https://"]
            .iter()
            .any(|scheme| self.tsa_url.starts_with(scheme));
        if !self.tsa_url.is_empty() && !web_address {
            anyhow::bail!("invalid settings: tsa_url must be an http:// or https:// address");
        }
        if !self.oidc_issuer.is_empty()
            && (!self.oidc_issuer.starts_with("http") || self.oidc_client_id.is_empty())
        {
            anyhow::bail!(
                "invalid settings: oidc_issuer must be an http(s) address and oidc_client_id set"
            );
        }
        if !self.password_sign_in && self.oidc_issuer.is_empty() {
            anyhow::bail!("invalid settings: password_sign_in = false needs oidc_issuer");
        }
        if self.token_ttl_seconds <= 0 {
            anyhow::bail!("invalid settings: token_ttl_seconds must be positive");
        }
        let rate_ok = |r: f64| r.is_finite() && r >= 0.0;
        if !rate_ok(self.hourly_value_gtq) || !rate_ok(self.visit_cost_gtq) {
            anyhow::bail!("invalid settings: hourly_value_gtq and visit_cost_gtq must be >= 0");
        }
        if !(self.campaign_similarity > 0.0 && self.campaign_similarity <= 1.0) {
            anyhow::bail!("invalid settings: campaign_similarity must be above 0 and at most 1");
        }
        Ok(())
    }

    /// Where the audit key lives.
    pub fn audit_key_file(&self) -> PathBuf {
        self.audit_key_path
            .clone()
            .unwrap_or_else(|| self.data_dir.join("audit-signing.key"))
    }

    /// The limits of an imported spreadsheet.
    pub fn sheet_limits(&self) -> crate::sheets::SheetLimits {
        crate::sheets::SheetLimits {
            max_rows: self.import_max_rows,
            max_columns: self.import_max_columns,
            max_unpacked_bytes: self.import_max_unpacked_bytes,
        }
    }

    /// The ministry's time zone.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone
            .parse()
            .unwrap_or(chrono_tz::America::Guatemala)
    }
}

/// Hides the password of a database URL for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_match_the_contract() {
        let s = Settings::with_overrides(serde_json::json!({})).unwrap();
        assert_eq!(s.database_url, "sqlite://data/tramites.db");
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.timezone, "America/Guatemala");
        assert_eq!(s.json_limit_bytes, 1024 * 1024);
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Settings::extract(
            Figment::from(Toml::string(DEFAULTS)).merge(Toml::string("colour = \"blue\"")),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn bad_timezone_is_refused() {
        let err = Settings::with_overrides(serde_json::json!({"timezone": "Mars/Olympus"}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Mars/Olympus"), "{err}");
    }

    #[test]
    fn url_password_is_redacted() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
