//! What every handler of both faces can reach.

use std::sync::Arc;

use actix_web::web;

use super::shared_limit;
use crate::audit::AuditKeys;
use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::domain::procedure::CostRates;
use crate::domain::workflow::Registry;
use crate::usecases::AppError;

/// What every handler can reach.
pub struct AppState {
    /// Database pool.
    pub pool: DbPool,
    /// Settings.
    pub settings: Arc<Settings>,
    /// The only source of "now".
    pub clock: Arc<dyn Clock>,
    /// Token signing and checking.
    pub tokens: TokenKeys,
    /// The failed-login limits (counted in the database).
    pub login_limits: crate::domain::login::LoginLimits,
    /// Loaded workflows.
    pub workflows: Registry,
    /// The audit key (seals entries, signs checkpoints).
    pub audit_keys: AuditKeys,
    /// The group-commit writer of citizens' comments.
    pub comment_writer: crate::workers::comment_writer::CommentWriter,
    /// Per-address limit on comment submissions (None when disabled).
    pub comment_limiter: Option<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>,
    /// The per-address limit summed over the instances on one PostgreSQL database (None on
    /// SQLite, or when the limit is off).
    pub shared_limit: Option<Arc<shared_limit::SharedLimit>>,
    /// Per-address limit on looking up tracking codes (None when disabled).
    pub lookup_limiter: Option<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>,
    /// Turns for CPU-heavy work (reading spreadsheets, rendering PDFs): `heavy_work_slots`.
    pub heavy_work: Arc<tokio::sync::Semaphore>,
    /// Downloads of `comentarios.csv` under way at once ([`COMMENT_EXPORTS_AT_ONCE`]); one
    /// more answers 503 with `Retry-After`.
    pub comment_exports: Arc<tokio::sync::Semaphore>,
    /// Rendered public pages kept while the database has not changed.
    pub pages: crate::web::page_cache::PageCache,
}

/// Downloads of the comments file that may be under way at once.
pub const COMMENT_EXPORTS_AT_ONCE: usize = 8;

impl AppState {
    /// Runs blocking database work on the blocking thread pool.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs CPU-heavy work without a database connection on the blocking pool, once one of
    /// the `heavy_work_slots` turns is free, so that a few such requests never take every
    /// core (or the pool) from the others.
    pub async fn heavy<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let _turn = self
            .heavy_work
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(web::block(f).await?)
    }

    /// Reads an uploaded spreadsheet within the settings' limits, off the request threads.
    pub async fn read_sheet(
        &self,
        bytes: Vec<u8>,
    ) -> Result<
        Result<crate::domain::import::Sheet, Vec<crate::domain::import::ImportError>>,
        AppError,
    > {
        let limits = self.settings.sheet_limits();
        self.heavy(move || crate::sheets::read(&bytes, &limits))
            .await
    }

    /// Runs an audited change on the blocking pool: `f` gets the connection and the audit
    /// [`Context`](crate::audit::Context) of `actor` at `now` (read once by the handler).
    pub async fn audited<T, F>(
        &self,
        actor: crate::domain::access::Actor,
        now: chrono::DateTime<chrono::Utc>,
        f: F,
    ) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection, &crate::audit::Context<'_>) -> Result<T, AppError>
            + Send
            + 'static,
        T: Send + 'static,
    {
        let keys = self.audit_keys.clone();
        self.db(move |conn| {
            f(
                conn,
                &crate::audit::Context {
                    keys: &keys,
                    now,
                    actor: &actor.id,
                    roles: &actor.roles,
                },
            )
        })
        .await
    }

    /// The Standard Cost Model rates from the settings.
    pub fn rates(&self) -> CostRates {
        CostRates {
            hourly_value_gtq: self.settings.hourly_value_gtq,
            visit_cost_gtq: self.settings.visit_cost_gtq,
        }
    }
}
