//! Sending the outbox (the reminders are queued by `usecases::reminders`).
//! Both run inside `serve` on a timer and are safe on every instance at once: claims and ticks
//! run in write transactions (serialised across instances), claimed messages are leased, and
//! once-only messages carry a dedupe key.

use std::path::Path;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{FileTransport, SmtpTransport, Transport};

use super::OutboxRow;
use crate::config::Settings;
use crate::db::schema::outbox;
use crate::db::{write_tx, DbConnection};
use crate::domain::status::OutboxStatus;

/// How long a claimed message is reserved for the instance sending it.
const LEASE_SECONDS: i64 = 300;

/// Where messages go.
pub struct Mailer {
    transport: Delivery,
    from: Mailbox,
    public_url: String,
}

enum Delivery {
    /// Through an SMTP server.
    Smtp(SmtpTransport),
    /// One .eml file per message in a folder.
    File(FileTransport),
}

impl Mailer {
    /// The transport the settings name.
    pub fn from_settings(s: &Settings) -> anyhow::Result<Self> {
        let from: Mailbox = s
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("invalid mail_from `{}`: {e}", s.mail_from))?;
        match s.mail_transport.as_str() {
            "file" => {
                let dir = s.data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
                let transport = Delivery::File(FileTransport::new(Path::new(&dir)));
                Ok(Mailer {
                    transport,
                    from,
                    public_url: s.public_url.trim_end_matches('/').to_string(),
                })
            }
            "smtp" => {
                let builder = match s.smtp_tls.as_str() {
                    "none" => SmtpTransport::builder_dangerous(&s.smtp_host),
                    "starttls" => SmtpTransport::starttls_relay(&s.smtp_host)?,
                    "tls" => SmtpTransport::relay(&s.smtp_host)?,
                    other => anyhow::bail!("invalid smtp_tls `{other}` (none, starttls or tls)"),
                };
                let mut builder = builder
                    .port(s.smtp_port)
                    .timeout(Some(std::time::Duration::from_secs(10)));
                if !s.smtp_username.is_empty() {
                    let password = s.smtp_password.clone().unwrap_or_default();
                    builder =
                        builder.credentials(Credentials::new(s.smtp_username.clone(), password));
                }
                let transport = Delivery::Smtp(builder.build());
                Ok(Mailer {
                    transport,
                    from,
                    public_url: s.public_url.trim_end_matches('/').to_string(),
                })
            }
            other => anyhow::bail!("invalid mail_transport `{other}` (file or smtp)"),
        }
    }

    /// Sends one stored message.
    pub fn send(&self, row: &OutboxRow) -> Result<(), String> {
        let from = self.from.clone();
        let link = |text: &str| text.replace(super::PUBLIC_URL, &self.public_url);
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|e| format!("invalid recipient: {e}"))?;
        let mut builder = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(row.message_id.clone()));
        if let Some(url) = row.unsubscribe_url.as_deref().map(link) {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let email = builder
            .multipart(MultiPart::alternative_plain_html(
                link(&row.body_text),
                link(&row.body_html),
            ))
            .map_err(|e| format!("cannot build the message: {e}"))?;
        match &self.transport {
            Delivery::Smtp(t) => t.send(&email).map(|_| ()).map_err(|e| e.to_string()),
            Delivery::File(t) => t.send(&email).map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

/// Takes up to `limit` due messages and leases them to this instance.
pub fn claim(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    write_tx(conn, |conn| {
        let due: Vec<OutboxRow> = outbox::table
            .filter(outbox::status.eq(OutboxStatus::Pending.as_str()))
            .filter(outbox::next_attempt_at.le(now.naive_utc()))
            .order(outbox::next_attempt_at.asc())
            .limit(limit)
            .select(OutboxRow::as_select())
            .load(conn)?;
        let lease = (now + chrono::Duration::seconds(LEASE_SECONDS)).naive_utc();
        for row in &due {
            diesel::update(outbox::table.find(&row.id))
                .set((
                    outbox::next_attempt_at.eq(lease),
                    outbox::attempts.eq(row.attempts + 1),
                ))
                .execute(conn)?;
        }
        Ok(due)
    })
}

/// Sends what is due; returns (sent, failed attempts).
pub fn deliver(
    conn: &mut DbConnection,
    mailer: &Mailer,
    settings: &Settings,
    now: DateTime<Utc>,
) -> QueryResult<(usize, usize)> {
    let (mut sent, mut failed) = (0, 0);
    for row in claim(conn, now, 100)? {
        let attempts = row.attempts + 1;
        if let Some((kinds, per_day)) = super::daily_allowance(&row.kind) {
            let sent_today = super::recent_to(
                conn,
                &row.to_address,
                kinds,
                now - chrono::Duration::hours(24),
                &[OutboxStatus::Sent.as_str()],
            )?;
            if sent_today >= per_day {
                diesel::update(outbox::table.find(&row.id))
                    .set((
                        outbox::status.eq(OutboxStatus::Suppressed.as_str()),
                        outbox::last_error.eq(Some(format!(
                            "not sent: {per_day} such messages to this address within a day"
                        ))),
                    ))
                    .execute(conn)?;
                continue;
            }
        }
        match mailer.send(&row) {
            Ok(()) => {
                diesel::update(outbox::table.find(&row.id))
                    .set((
                        outbox::status.eq(OutboxStatus::Sent.as_str()),
                        outbox::sent_at.eq(Some(now.naive_utc())),
                        outbox::last_error.eq(None::<String>),
                    ))
                    .execute(conn)?;
                sent += 1;
            }
            Err(error) => {
                failed += 1;
                let give_up = attempts >= settings.mail_max_attempts;
                let delay = settings
                    .mail_retry_base_seconds
                    .saturating_mul(1i64 << (attempts - 1).clamp(0, 20));
                diesel::update(outbox::table.find(&row.id))
                    .set((
                        outbox::status.eq(if give_up {
                            OutboxStatus::Failed
                        } else {
                            OutboxStatus::Pending
                        }
                        .as_str()),
                        outbox::next_attempt_at
                            .eq((now + chrono::Duration::seconds(delay)).naive_utc()),
                        outbox::last_error.eq(Some(error.clone())),
                    ))
                    .execute(conn)?;
                tracing::warn!(message = %row.id, attempts, give_up, %error, "e-mail not delivered");
            }
        }
    }
    Ok((sent, failed))
}
