//! The daily records: once a day the indicators are measured and kept (the series the
//! indicators page charts), and the last ended four-month period's accountability report is
//! frozen if nobody has opened it yet. Checked at start and every minute; both steps do
//! nothing when already done, so every instance may run it.

use actix_web::web;

use crate::audit::Context;
use crate::server::AppState;
use crate::usecases::reports::{self, ReportSettings};

/// Runs until the process ends.
pub async fn run(state: web::Data<AppState>) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let st = state.clone();
        let result = web::block(move || -> anyhow::Result<(bool, bool)> {
            let mut conn = st.pool.get()?;
            let ctx = Context {
                keys: &st.audit_keys,
                now: st.clock.now(),
                actor: "system",
                roles: crate::domain::Role::ALL,
            };
            let tz = st.settings.tz();
            let recorded = reports::record_indicators(&mut conn, &ctx, &st.workflows, tz, true)?;
            let settings = ReportSettings {
                registry: &st.workflows,
                rates: st.rates(),
                tz,
            };
            let frozen = reports::freeze_last_ended(&mut conn, &ctx, settings)?;
            Ok((recorded.is_some(), frozen))
        })
        .await;
        match result {
            Ok(Ok((recorded, frozen))) if recorded || frozen => {
                tracing::info!(recorded, frozen, "daily records")
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "daily records failed"),
            Err(e) => tracing::warn!(error = %e, "daily records failed"),
        }
    }
}
