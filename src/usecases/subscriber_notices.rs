//! The notices a procedure's subscribers receive about its consultations (issue 37): when one
//! opens, `reminder_days_before` days before it closes, and when its final text is published.
//! Each carries a dedupe key (event, consultation, subscription), so it is queued once
//! whatever the number of ticks or instances; each has the one-click unsubscribe.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::error::AppError;
use crate::db::{consultations, procedures, subscriptions, DbConnection};
use crate::notify::{self, messages};

/// How long after its publication a final text is still announced (a subscriber who confirms
/// later is not told of old ones).
const FINAL_TEXT_NEWS_DAYS: i64 = 7;

/// Queues the notices due at `now`; returns how many were queued.
pub fn queue(
    conn: &mut DbConnection,
    closing_days: i64,
    (now, tz): (DateTime<Utc>, Tz),
) -> Result<usize, AppError> {
    let mut queued = 0;
    let horizon = (now + chrono::Duration::days(closing_days)).naive_utc();
    let base = notify::public_url();
    for c in consultations::open_at(conn, now.naive_utc())? {
        let closing = c.closes_at <= horizon;
        queued += send(
            conn,
            &c,
            now,
            |s, o| {
                let mut m = messages::consultation_opened(&s.email, o);
                m.dedupe_key = Some(format!("consultation_opened:{}:{}", c.id, s.id));
                let mut out = vec![m];
                if closing {
                    let mut m = messages::consultation_closing(&s.email, o);
                    m.dedupe_key = Some(format!("consultation_closing:{}:{}", c.id, s.id));
                    out.push(m);
                }
                out
            },
            (tz, base, None),
        )?;
    }
    let since = (now - chrono::Duration::days(FINAL_TEXT_NEWS_DAYS)).naive_utc();
    for f in crate::db::drafts::final_texts_since(conn, since)? {
        let Some(c) = consultations::find(conn, &f.consultation_id)? else {
            continue;
        };
        let page = format!("{base}/consultas/{}/texto-final", c.id);
        queued += send(
            conn,
            &c,
            now,
            |s, o| {
                let mut m = messages::final_text_published(&s.email, o);
                m.dedupe_key = Some(format!("final_text_published:{}:{}", c.id, s.id));
                vec![m]
            },
            (tz, base, Some(page.as_str())),
        )?;
    }
    Ok(queued)
}

/// Queues, for each confirmed subscriber of `c`'s procedure, the messages `make` gives.
fn send(
    conn: &mut DbConnection,
    c: &consultations::ConsultationRow,
    now: DateTime<Utc>,
    make: impl Fn(&subscriptions::SubscriptionRow, &messages::Opened<'_>) -> Vec<notify::Message>,
    (tz, base, page): (Tz, &str, Option<&str>),
) -> Result<usize, AppError> {
    let subscribers = subscriptions::confirmed_for(conn, &c.procedure_id)?;
    if subscribers.is_empty() {
        return Ok(0);
    }
    let Some(p) = procedures::find(conn, &c.procedure_id)? else {
        return Ok(0);
    };
    let url = page.map_or_else(|| format!("{base}/consultas/{}", c.id), str::to_string);
    let closes = crate::format::date_time(&c.closes_at, tz);
    let mut queued = 0;
    for s in subscribers {
        let unsubscribe_url = format!("{base}/suscripcion/baja?token={}", s.token);
        let o = messages::Opened {
            code: &p.code,
            title: &c.title,
            closes: &closes,
            url: &url,
            unsubscribe_url: &unsubscribe_url,
        };
        for m in make(&s, &o) {
            queued += usize::from(notify::enqueue(conn, now, m)?);
        }
    }
    Ok(queued)
}
