//! Reminders of stages running out of time, and notices of consultations that opened.
//! Safe on every instance at once: the tick is one write transaction (serialised across
//! instances) and each message carries a dedupe key, so it is queued once.

use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::db::{procedures, users, write_tx, DbConnection};
use crate::domain::workflow::Registry;
use crate::domain::Role;
use crate::notify::{self, messages};
use chrono_tz::Tz;

/// Queues the Committee's reminders of stages due within `stage_days` days and the
/// subscribers' notices (a consultation opened, closing within `closing_days` days, its final
/// text published); returns how many messages were queued.
pub fn send_reminders(
    conn: &mut DbConnection,
    registry: &Registry,
    (days_before, closing_days): (i64, i64),
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
        queued += super::subscriber_notices::queue(conn, closing_days, (now, tz))?;
        Ok(queued)
    })
}
