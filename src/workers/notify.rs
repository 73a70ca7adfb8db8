//! The notification timer: queues due reminders and consultation notices, then sends what
//! the outbox holds.

use actix_web::web;

use crate::server::AppState;

/// Every `notify_interval_ms`: queue due reminders and consultation notices, then send what
/// the outbox holds. Runs on every instance; see [`crate::notify::worker`] for why that is safe.
pub async fn run(
    state: web::Data<AppState>,
    mailer: std::sync::Arc<crate::notify::worker::Mailer>,
) {
    let period = std::time::Duration::from_millis(state.settings.notify_interval_ms.max(50));
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let (st, mailer) = (state.clone(), mailer.clone());
        let result = web::block(move || -> anyhow::Result<(usize, usize, usize)> {
            let mut conn = st.pool.get()?;
            let queued = crate::usecases::reminders::send_reminders(
                &mut conn,
                &st.workflows,
                (
                    st.settings.stage_reminder_days_before,
                    st.settings.reminder_days_before,
                ),
                (st.clock.now(), st.settings.tz()),
            )?;
            let (sent, failed) =
                crate::notify::worker::deliver(&mut conn, &mailer, &st.settings, st.clock.now())?;
            Ok((queued, sent, failed))
        })
        .await;
        match result {
            Ok(Ok((queued, sent, failed))) if queued + sent + failed > 0 => {
                tracing::info!(queued, sent, failed, "notifications")
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "notification run failed"),
            Err(e) => tracing::warn!(error = %e, "notification run failed"),
        }
    }
}
