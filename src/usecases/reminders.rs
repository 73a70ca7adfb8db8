//! Reminders of stages running out of time, and notices of consultations that opened.
//! Safe on every instance at once: the tick is one write transaction (serialised across
//! instances) and each message carries a dedupe key, so it is queued once.

use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::db::{consultations, procedures, subscriptions, users, write_tx, DbConnection};
use crate::domain::workflow::Registry;
use crate::domain::Role;
use crate::notify::{self, messages};
use chrono_tz::Tz;

/// Queues the reminders due within `days_before` days and the notices of open
/// consultations; returns how many messages were queued.
pub fn send_reminders(
    conn: &mut DbConnection,
    registry: &Registry,
    days_before: i64,
    (now, tz): (DateTime<Utc>, Tz),
) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        let mut queued = 0;
        let horizon = (now + chrono::Duration::days(days_before)).naive_utc();
        let due = procedures::due_before(conn, horizon)?;
        let committee = if due.is_empty() {
            Vec::new()
        } else {
            users::active_with_role(conn, Role::Committee)?
        };
        for p in due {
            let Some(due_at) = p.due_at else { continue };
            let overdue = due_at <= now.naive_utc();
            let stamp = p.state_entered_at.and_utc().timestamp_micros();
            let kind = if overdue { "overdue" } else { "due_soon" };
            for user in &committee {
                let due = messages::Due {
                    code: &p.code,
                    name: &p.name,
                    state: &registry.state_label(&p.state),
                    due: &crate::format::date_time(&due_at, tz),
                    overdue,
                    url: &format!("{}/gestion/tramites/{}", notify::public_url(), p.id),
                };
                let mut m = messages::stage_reminder(&user.email, &due);
                m.dedupe_key = Some(format!("{kind}:{}:{stamp}:{}", p.id, user.id));
                queued += usize::from(notify::enqueue(conn, now, m)?);
            }
        }
        for c in consultations::open_at(conn, now.naive_utc())? {
            let subscribers = subscriptions::confirmed_for(conn, &c.procedure_id)?;
            if subscribers.is_empty() {
                continue;
            }
            let Some(p) = procedures::find(conn, &c.procedure_id)? else {
                continue;
            };
            let base = notify::public_url();
            for s in subscribers {
                let opened = messages::Opened {
                    code: &p.code,
                    title: &c.title,
                    closes: &crate::format::date_time(&c.closes_at, tz),
                    url: &format!("{base}/consultas/{}", c.id),
                    unsubscribe_url: &format!("{base}/suscripcion/baja?token={}", s.token),
                };
                let mut m = messages::consultation_opened(&s.email, &opened);
                m.dedupe_key = Some(format!("consultation_opened:{}:{}", c.id, s.id));
                queued += usize::from(notify::enqueue(conn, now, m)?);
            }
        }
        Ok(queued)
    })
}
