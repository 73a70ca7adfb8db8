//! E-mail through a transactional outbox: messages are written in the same transaction as the
//! event that causes them, and a worker sends them afterwards (at least once, with retries).

pub mod messages;
pub mod worker;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::schema::outbox;
use crate::db::DbConnection;

/// Stands for the service's public address in stored messages; the mailer puts the configured
/// `public_url` in its place when it sends, so code that queues messages needs no settings.
pub const PUBLIC_URL: &str = "%PUBLIC_URL%";

/// The placeholder of the public address (see [`PUBLIC_URL`]).
pub fn public_url() -> &'static str {
    PUBLIC_URL
}

/// A stored message.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
pub struct OutboxRow {
    /// Id.
    pub id: String,
    /// Kind, e.g. `approval_requested`.
    pub kind: String,
    /// Messages that must go once only (reminders) carry a key; a second enqueue is ignored.
    pub dedupe_key: Option<String>,
    /// Recipient.
    pub to_address: String,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub body_text: String,
    /// HTML.
    pub body_html: String,
    /// Stable `Message-ID`: a retry after a crash is recognisable as the same message.
    pub message_id: String,
    /// One-click unsubscribe link, when the message is about a subscription.
    pub unsubscribe_url: Option<String>,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before.
    pub next_attempt_at: NaiveDateTime,
    /// Last delivery error.
    pub last_error: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Delivered.
    pub sent_at: Option<NaiveDateTime>,
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct Message {
    /// Kind.
    pub kind: &'static str,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML.
    pub html: String,
    /// Once-only key.
    pub dedupe_key: Option<String>,
    /// One-click unsubscribe link.
    pub unsubscribe_url: Option<String>,
}

/// Queues a message inside the caller's write transaction. A message whose `dedupe_key` was
/// queued before is not queued again (writers are serialised, so the check is exact).
pub fn enqueue(conn: &mut DbConnection, now: DateTime<Utc>, m: Message) -> QueryResult<bool> {
    if let Some(key) = &m.dedupe_key {
        let seen: i64 = outbox::table
            .filter(outbox::dedupe_key.eq(key))
            .count()
            .get_result(conn)?;
        if seen > 0 {
            return Ok(false);
        }
    }
    diesel::insert_into(outbox::table)
        .values(&outbox_row(now, m))
        .execute(conn)?;
    Ok(true)
}

fn outbox_row(now: DateTime<Utc>, m: Message) -> OutboxRow {
    let id = uuid::Uuid::now_v7();
    OutboxRow {
        id: id.to_string(),
        kind: m.kind.to_string(),
        dedupe_key: m.dedupe_key,
        to_address: m.to,
        subject: m.subject,
        body_text: m.text,
        body_html: m.html,
        message_id: format!("<{}@tramites>", id.simple()),
        unsubscribe_url: m.unsubscribe_url,
        status: "pending".into(),
        attempts: 0,
        next_attempt_at: now.naive_utc(),
        last_error: None,
        created_at: now.naive_utc(),
        sent_at: None,
    }
}

/// Queues many messages inside the caller's write transaction: those without a `dedupe_key`
/// as [`crate::insert_rows`] does, the others one by one as [`enqueue`] does.
pub fn enqueue_all(
    conn: &mut DbConnection,
    messages: Vec<(DateTime<Utc>, Message)>,
) -> QueryResult<()> {
    let mut rows = Vec::with_capacity(messages.len());
    for (now, m) in messages {
        if m.dedupe_key.is_some() {
            enqueue(conn, now, m)?;
        } else {
            rows.push(outbox_row(now, m));
        }
    }
    crate::insert_rows!(conn, outbox::table, &rows)
}

/// Messages to citizens, whose addresses anyone may type into a form.
pub const CITIZEN_KINDS: &[&str] = &[
    "comment_received",
    "feedback_received",
    "feedback_answered",
    "comment_answered",
    "subscription_confirm",
    "consultation_opened",
];

/// How many messages of `kinds` one address may be sent a day: a receipt goes to whatever
/// address a form was given, so a few a day, and a subscription's confirmation link once.
pub fn daily_allowance(kind: &str) -> Option<(&'static [&'static str], i64)> {
    const RECEIPTS: &[&str] = &["comment_received", "feedback_received"];
    const CONFIRMATIONS: &[&str] = &["subscription_confirm"];
    match kind {
        "comment_received" | "feedback_received" => Some((RECEIPTS, 3)),
        "subscription_confirm" => Some((CONFIRMATIONS, 1)),
        _ => None,
    }
}

/// Messages of `kinds` to `to` created since `since` that were, or may still be, sent.
pub fn recent_to(
    conn: &mut DbConnection,
    to: &str,
    kinds: &[&str],
    since: DateTime<Utc>,
    statuses: &[&str],
) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::to_address.eq(to))
        .filter(outbox::kind.eq_any(kinds))
        .filter(outbox::created_at.ge(since.naive_utc()))
        .filter(outbox::status.eq_any(statuses))
        .count()
        .get_result(conn)
}

/// Messages by status (for the CLI and tests).
pub fn by_status(conn: &mut DbConnection, status: &str) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::status.eq(status))
        .select(OutboxRow::as_select())
        .order(outbox::id.asc())
        .load(conn)
}

/// Puts failed messages back in the queue; returns how many.
pub fn retry_failed(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::status.eq("failed")))
        .set((
            outbox::status.eq("pending"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now.naive_utc()),
        ))
        .execute(conn)
}
