//! Start-up: open the database, migrate, load workflows, create the first admin, bind.

pub mod workflow_files;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::web;

use crate::audit::AuditKeys;
use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::config::{redact_url, Settings};
use crate::db;
use crate::server::{self, AppState};

/// A built, bound, not yet running service.
pub struct Application {
    server: Server,
    port: u16,
    /// The metrics listener's port, when `metrics_bind` is set.
    metrics_port: Option<u16>,
    state: web::Data<AppState>,
    /// The `admin` password when it was generated at this start (shown once).
    pub generated_admin_password: Option<String>,
}

impl Application {
    /// Prepares everything `serve` needs. Fails with a readable message on any fault.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let mut workflows = workflow_files::load(&settings.workflows_dir)?;
        let audit_keys = AuditKeys::load_or_create(&settings.audit_key_file())?;
        let keys = audit_keys.clone();
        let url = settings.database_url.clone();
        let size = settings.pool_size;
        let admin_password = settings.admin_password.clone();
        let configured_secret = settings.jwt_secret.clone();
        let now = clock.now();
        let (pool, generated, secret, workflows) = web::block(move || -> anyhow::Result<_> {
            let pool = db::pool(&url, size)?;
            let mut conn = pool.get()?;
            let applied = db::migrate(&mut conn)?;
            if applied > 0 {
                tracing::info!(applied, "database migrations applied");
            }
            let generated = crate::usecases::accounts::bootstrap_admin(
                &mut conn,
                &keys,
                now,
                admin_password.as_deref(),
            )
            .map_err(|e| anyhow::anyhow!("cannot create the first admin: {e}"))?;
            crate::usecases::workflows::record_workflows(&mut conn, &mut workflows, now)?;
            let secret = match configured_secret {
                Some(s) => s,
                // Derived from the audit key file: outside the database, shared by every
                // instance that shares the file.
                None => hex::encode(keys.derive("jwt-secret")),
            };
            Ok((pool, generated, secret, workflows))
        })
        .await??;
        let tokens = TokenKeys::new(
            &secret,
            &settings.jwt_issuer,
            &settings.jwt_audience,
            settings.token_ttl_seconds,
        );
        let login_limits = crate::domain::login::LoginLimits {
            window_seconds: settings.login_failure_window_seconds as i64,
            max_per_user: settings.login_max_failures_per_user,
            max_per_address: settings.login_max_failures_per_address,
        };
        let comment_limiter =
            std::num::NonZeroU32::new(settings.comment_limit_per_hour).map(|per_hour| {
                let burst = std::num::NonZeroU32::new(settings.comment_burst).unwrap_or(per_hour);
                governor::RateLimiter::keyed(governor::Quota::per_hour(per_hour).allow_burst(burst))
            });
        let shared_limit = (settings.database_url.starts_with("postgres")
            && settings.comment_limit_per_hour > 0)
            .then(|| {
                Arc::new(server::shared_limit::SharedLimit::new(
                    settings.comment_limit_per_hour,
                ))
            });
        let lookup_limiter =
            std::num::NonZeroU32::new(settings.tracking_lookups_per_minute).map(|per_minute| {
                governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute))
            });
        let comment_writer = crate::workers::comment_writer::CommentWriter::start(
            &settings.database_url,
            audit_keys.clone(),
            crate::usecases::comments::Intake {
                publish_on_receipt: settings.publish_comments_on_receipt,
                campaign_similarity: settings.campaign_similarity,
            },
            settings.comment_queue.max(1),
        )?;
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let metrics_listener = match &settings.metrics_bind {
            Some(bind) => Some(
                TcpListener::bind(bind)
                    .map_err(|e| anyhow::anyhow!("cannot listen on {bind} (metrics_bind): {e}"))?,
            ),
            None => None,
        };
        let metrics_port = match &metrics_listener {
            Some(l) => Some(l.local_addr()?.port()),
            None => None,
        };
        tracing::info!(
            database = %redact_url(&settings.database_url),
            address = %listener.local_addr()?,
            "tramites ready"
        );
        let heavy_work = Arc::new(tokio::sync::Semaphore::new(settings.heavy_work_slots));
        // Without a watch on the database's changes no page is kept (only slower, never stale).
        let changes = crate::db::changes::Changes::open(&settings.database_url, pool.clone())
            .map_err(|e| tracing::warn!(error = %e, "rendered pages will not be kept"))
            .ok();
        let state = web::Data::new(AppState {
            pages: crate::web::page_cache::PageCache::new(changes),
            heavy_work,
            comment_exports: Arc::new(tokio::sync::Semaphore::new(server::COMMENT_EXPORTS_AT_ONCE)),
            pool,
            settings: Arc::new(settings),
            clock,
            tokens,
            login_limits,
            workflows,
            audit_keys,
            comment_limiter,
            shared_limit,
            lookup_limiter,
            comment_writer,
        });
        tokio::spawn(prune_limiters(state.clone()));
        tokio::spawn(server::shared_limit::sync(state.clone()));
        let mailer = std::sync::Arc::new(crate::notify::worker::Mailer::from_settings(
            &state.settings,
        )?);
        tokio::spawn(crate::workers::notify::run(state.clone(), mailer));
        tokio::spawn(crate::workers::transparency::run(state.clone()));
        if state.settings.daily_records {
            tokio::spawn(crate::workers::daily::run(state.clone()));
        }
        if let Some(listener) = metrics_listener {
            tokio::spawn(server::metrics::server(listener, state.clone())?);
        }
        let server = server::server(listener, state.clone())?;
        Ok(Application {
            server,
            port,
            metrics_port,
            state,
            generated_admin_password: generated,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_port
    }

    /// The shared state (tests use it to reach the database directly).
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until SIGTERM or SIGINT, then drains in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// Splits into the server future and its state, for embedding.
    pub fn into_parts(self) -> (Server, web::Data<AppState>) {
        (self.server, self.state)
    }
}

/// Forgets, every minute, the addresses whose limits have refilled (so that the limiters'
/// memory follows the addresses active now rather than every address ever seen) and the
/// workspace sessions that have ended or expired.
async fn prune_limiters(state: web::Data<AppState>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        every.tick().await;
        let now = state.clock.now();
        let limits = crate::domain::session::SessionLimits::default();
        if let Err(e) = state
            .db(move |conn| crate::usecases::sessions::purge(conn, &limits, now))
            .await
        {
            tracing::warn!(error = %e, "ended sessions not purged");
        }
        for limiter in [&state.comment_limiter, &state.lookup_limiter]
            .into_iter()
            .flatten()
        {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}
