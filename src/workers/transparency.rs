//! The transparency log's timer: publishes a signed tree head when the log grew and the last
//! head is at least `tree_head_interval_seconds` old, then has every head waiting for one
//! time-stamped by the authority at `tsa_url`. Runs on every instance: the head is published
//! under the write lock after a second look, and a stamp is stored only where none is.

use actix_web::web;

use crate::server::AppState;
use crate::usecases::transparency as log;

/// Runs until the process ends.
pub async fn run(state: web::Data<AppState>) {
    let s = &state.settings;
    let seconds = s
        .tree_head_interval_seconds
        .min(s.tsa_retry_seconds)
        .clamp(1, 30);
    // The first round one period after start, not at once: a restart does not publish a
    // head before the interval says so (the last one is kept across restarts).
    let period = std::time::Duration::from_secs(seconds);
    let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let st = state.clone();
        let result = web::block(move || round(&st)).await;
        match result {
            Ok(Ok((published, stamped))) if published.is_some() || stamped > 0 => {
                tracing::info!(tree_size = published, stamped, "transparency log")
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "transparency log run failed"),
            Err(e) => tracing::warn!(error = %e, "transparency log run failed"),
        }
    }
}

/// One round: a head if due, then the stamps due.
fn round(st: &AppState) -> anyhow::Result<(Option<i64>, usize)> {
    let interval = chrono::Duration::seconds(st.settings.tree_head_interval_seconds as i64);
    let published = {
        let mut conn = st.pool.get()?;
        crate::audit::tree_heads::publish(
            &mut conn,
            &st.audit_keys,
            st.clock.now(),
            Some(interval),
        )?
    };
    Ok((published.map(|h| h.tree_size), stamp_due(st)?))
}

/// Sends the heads whose stamp is due to the authority; the first failure ends the round
/// (the authority is likely down; the others wait for their own retry time).
pub fn stamp_due(st: &AppState) -> anyhow::Result<usize> {
    let url = &st.settings.tsa_url;
    if url.is_empty() {
        return Ok(0);
    }
    let retry = chrono::Duration::seconds(st.settings.tsa_retry_seconds as i64);
    let due = log::due_for_stamp(&mut *st.pool.get()?, st.clock.now())?;
    let mut stored = 0;
    for row in due {
        let result = log::request_stamp(url, &crate::audit::TreeHead::from(&row));
        let ok = log::record_stamp(&mut *st.pool.get()?, &row, result, st.clock.now(), retry)?;
        if !ok {
            break;
        }
        stored += 1;
    }
    Ok(stored)
}
