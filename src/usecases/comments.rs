//! Citizens' comments: storing each one with its audit entry, alone or in a group commit.
//! A comment's entry records the SHA-256 and length of its text, never the text or e-mail.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::consultations::status_of;
use super::error::AppError;
use crate::audit::{AuditKeys, Record};
use crate::db::consultations::{self as store, CommentRow, ConsultationRow, LockedReads};
use crate::db::{counts, write_tx, write_tx_lock_later, DbConnection, NotStored};
use crate::domain::calendar::Status;
use crate::domain::char_len;
use crate::domain::comment::{body_sha256, group_key, numbered_code, CheckedComment, CodeNumbers};
use crate::domain::fingerprint::comment_request;
use crate::domain::status::CommentStatus;

/// What a citizen gets back for a comment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Receipt {
    /// Id.
    pub id: String,
    /// Code to follow the comment (readable over the phone).
    pub tracking_code: String,
    /// `received` (awaiting moderation) or `published`.
    pub status: String,
    /// When it was received (UTC).
    pub received_at: String,
}

fn receipt(c: &CommentRow) -> Receipt {
    Receipt {
        id: c.id.clone(),
        tracking_code: c.tracking_code.clone(),
        status: c.status.clone(),
        received_at: crate::domain::time::rfc3339(&c.received_at),
    }
}

/// What became of one comment of a batch: its receipt and whether it is new (false for a
/// repeated Idempotency-Key), or why it was refused.
pub type Outcome = Result<(Receipt, bool), AppError>;

/// One comment to store, as the handler received it (made with [`Submission::new`]).
pub struct Submission {
    /// When it arrived.
    pub now: DateTime<Utc>,
    /// The consultation.
    pub consultation_id: String,
    /// The checked fields.
    pub comment: CheckedComment,
    /// The client's Idempotency-Key.
    pub idempotency_key: Option<String>,
    /// What needs no database, worked out on the request's thread.
    made: Made,
}

/// The parts of a new comment and of its audit entry that depend on nothing stored: worked
/// out when the request arrives, on the HTTP worker's thread, so that the one thread that
/// writes every comment (the serial part of the comment path on SQLite) only stores them.
/// Measured before: a quarter of the writer's time went to this (ids from the system's
/// random source, text folding and hashing).
struct Made {
    id: String,
    /// The comment's number in its year, the first group of its tracking code.
    number: u32,
    tracking_code: String,
    group_key: String,
    sha256: String,
    length: usize,
    /// SHA-256 of the sender's name, organisation and e-mail (`domain::fingerprint::sender_sha256`).
    sender_sha256: String,
}

impl Submission {
    /// What makes this request the same as another ([`comment_request`]).
    fn fingerprint(&self) -> [u8; 32] {
        comment_request(
            &self.comment.body,
            self.comment.author_name.as_deref(),
            self.comment.email.as_deref(),
            self.comment.organization.as_deref(),
        )
    }

    /// A comment to store, arrived at `now`; its tracking code takes the next of `numbers`.
    pub fn new(
        now: DateTime<Utc>,
        numbers: &CodeNumbers,
        consultation_id: String,
        comment: CheckedComment,
        idempotency_key: Option<String>,
    ) -> Self {
        let number = numbers.next(chrono::Datelike::year(&now));
        Self::numbered(now, number, consultation_id, comment, idempotency_key)
    }

    fn numbered(
        now: DateTime<Utc>,
        number: u32,
        consultation_id: String,
        comment: CheckedComment,
        idempotency_key: Option<String>,
    ) -> Self {
        let body = &comment.body;
        let made = Made {
            id: uuid::Uuid::now_v7().to_string(),
            number,
            tracking_code: numbered_code(
                'C',
                chrono::Datelike::year(&now),
                number,
                &mut rand::thread_rng(),
            ),
            group_key: group_key(body),
            sha256: body_sha256(body),
            length: char_len(body),
            sender_sha256: crate::domain::fingerprint::sender_sha256(
                comment.author_name.as_deref(),
                comment.organization.as_deref(),
                comment.email.as_deref(),
            ),
        };
        Self {
            now,
            consultation_id,
            comment,
            idempotency_key,
            made,
        }
    }

    /// The same comment with a new id and the random group of its tracking code drawn again
    /// (its number kept), for storing it again after its batch failed.
    fn redrawn(&self) -> Self {
        Self::numbered(
            self.now,
            self.made.number,
            self.consultation_id.clone(),
            self.comment.clone(),
            self.idempotency_key.clone(),
        )
    }
}

/// Checks a consultation's window for a comment arriving at `now`.
fn accepting(c: &ConsultationRow, now: DateTime<Utc>) -> Result<(), AppError> {
    match status_of(c, now) {
        Status::Scheduled => Err(AppError::conflict(
            "consultation_not_open",
            "la consulta aún no está abierta",
        )),
        Status::Closed => Err(AppError::conflict(
            "consultation_closed",
            "la consulta ya cerró",
        )),
        Status::Open => Ok(()),
    }
}

fn new_row(c: &ConsultationRow, s: &Submission, status: CommentStatus) -> CommentRow {
    let comment = &s.comment;
    CommentRow {
        id: s.made.id.clone(),
        consultation_id: c.id.clone(),
        tracking_code: s.made.tracking_code.clone(),
        body: comment.body.clone(),
        group_key: s.made.group_key.clone(),
        author_name: comment.author_name.clone(),
        email: comment.email.clone(),
        organization: comment.organization.clone(),
        status: status.as_str().into(),
        received_at: s.now.naive_utc(),
        moderated_by: None,
        moderated_at: None,
        reject_reason: None,
        reject_detail: None,
        idempotency_key: s.idempotency_key.clone(),
    }
}

/// Stores comments inside the caller's write transaction, with no query per comment that the
/// batch can answer at once: each consultation and its known Idempotency-Keys read once, the
/// comments inserted together and, in the same statement on PostgreSQL, the write lock taken
/// and the text groups and the audit chain's head read under it
/// ([`store::insert_comments_and_lock`]), the chain computed in memory; then on PostgreSQL
/// the new groups, the counters of every consultation of the batch and the audit entries in
/// one statement ([`super::comment_batch::write`]), on SQLite in one prepared
/// statement per row; e-mails queued as [`crate::insert_rows`] does. On PostgreSQL a batch
/// costs five round trips whatever its size (begin, consultation, insert and lock, writes,
/// commit), two of them under the lock, when nobody gave an e-mail address or an
/// Idempotency-Key and comments are not published on receipt (then one more for each known
/// text that gets published comments). A repeated
/// Idempotency-Key (stored before, or earlier in the batch) returns the first receipt and
/// stores nothing. Returns one result per submission, in order, and whether it is new.
/// `Err` (always `AppError::Internal` or `Unavailable`) means the transaction must be
/// abandoned; an error inside the vector concerns that comment only.
pub fn stage_all(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
) -> Result<Vec<Outcome>, AppError> {
    stage(conn, keys, batch, publish_on_receipt, &mut || {})
}

/// [`stage_all`], calling `locked_now` once the new comments are inserted and the write lock is
/// held, before anything shared is written (groups, counters, the audit chain, the outbox):
/// inside [`crate::db::write_tx_lock_later`] the lock is taken there
/// ([`store::insert_comments_and_lock`]). Not called when the batch adds no comment (then
/// nothing else is written either).
fn stage(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
    locked_now: &mut dyn FnMut(),
) -> Result<Vec<Outcome>, AppError> {
    // Each consultation once, with the receipts of the keys this batch repeats.
    let mut consultations: HashMap<&str, Option<ConsultationRow>> = HashMap::new();
    // Each key's first receipt, and the fingerprint of the request that made it.
    let mut receipts: HashMap<(String, String), (Receipt, [u8; 32])> = HashMap::new();
    for s in batch {
        if consultations.contains_key(s.consultation_id.as_str()) {
            continue;
        }
        let found = store::find(conn, &s.consultation_id)?;
        if found.is_some() {
            let wanted: Vec<&str> = batch
                .iter()
                .filter(|o| o.consultation_id == s.consultation_id)
                .filter_map(|o| o.idempotency_key.as_deref())
                .collect();
            for row in store::by_idempotency_keys(conn, &s.consultation_id, &wanted)? {
                let key = row.idempotency_key.clone().unwrap_or_default();
                let fingerprint = comment_request(
                    &row.body,
                    row.author_name.as_deref(),
                    row.email.as_deref(),
                    row.organization.as_deref(),
                );
                receipts.insert(
                    (row.consultation_id.clone(), key),
                    (receipt(&row), fingerprint),
                );
            }
        }
        consultations.insert(&s.consultation_id, found);
    }
    let status = if publish_on_receipt {
        CommentStatus::Published
    } else {
        CommentStatus::Received
    };
    let mut results = Vec::with_capacity(batch.len());
    let mut rows: Vec<CommentRow> = Vec::with_capacity(batch.len());
    let mut made: Vec<&Made> = Vec::with_capacity(batch.len());
    for s in batch {
        let Some(c) = consultations[s.consultation_id.as_str()].as_ref() else {
            results.push(Err(AppError::NotFound(format!(
                "no existe la consulta {}",
                s.consultation_id
            ))));
            continue;
        };
        if let Some(key) = s.idempotency_key.as_deref() {
            if let Some((first, made_by)) = receipts.get(&(c.id.clone(), key.to_string())) {
                results.push(if *made_by == s.fingerprint() {
                    Ok((first.clone(), false))
                } else {
                    Err(AppError::IdempotencyKeyReused)
                });
                continue;
            }
        }
        if let Err(e) = accepting(c, s.now) {
            results.push(Err(e));
            continue;
        }
        let row = new_row(c, s, status);
        let r = receipt(&row);
        if let Some(key) = s.idempotency_key.as_deref() {
            receipts.insert(
                (c.id.clone(), key.to_string()),
                (r.clone(), s.fingerprint()),
            );
        }
        results.push(Ok((r, true)));
        rows.push(row);
        made.push(&s.made);
    }
    if rows.is_empty() {
        return Ok(results);
    }
    let groups: BTreeSet<(&str, &str)> = rows
        .iter()
        .map(|r| (r.consultation_id.as_str(), r.group_key.as_str()))
        .collect();
    let groups: Vec<(&str, &str)> = groups.into_iter().collect();
    let locked = store::insert_comments_and_lock(conn, &rows, &groups)?;
    locked_now();
    let mut counting = Counting::default();
    for (id, c) in &consultations {
        let Some(c) = c else { continue };
        counting.add(c, rows.iter().filter(|r| r.consultation_id == *id), &locked);
    }
    for (consultation_id, key, published) in &counting.published {
        counts::add_published(conn, consultation_id, key, *published)?;
    }
    let data: Vec<serde_json::Value> = rows
        .iter()
        .zip(&made)
        .map(|(row, made)| {
            serde_json::json!({
                "consultation_id": row.consultation_id, "sha256": made.sha256,
                "length": made.length, "status": row.status, "sender_sha256": made.sender_sha256,
            })
        })
        .collect();
    let records: Vec<_> = rows
        .iter()
        .zip(data)
        .map(|(row, data)| {
            let record = Record {
                actor: "public",
                action: "comment.received",
                subject_type: "comment",
                subject_id: &row.id,
                data,
            };
            (row.received_at.and_utc(), record)
        })
        .collect();
    // stage_all runs inside write_tx (its contract), which holds the chain's lock.
    super::comment_batch::write(
        conn,
        &counting.new_groups,
        &counting.deltas,
        keys,
        locked
            .head
            .clone()
            .unwrap_or((0, crate::audit::GENESIS_HASH.to_string())),
        &records,
    )?;
    let mail: Vec<_> = rows
        .iter()
        .filter_map(|row| {
            let email = row.email.as_deref()?;
            let c = consultations[row.consultation_id.as_str()].as_ref()?;
            let m = crate::notify::messages::comment_received(
                email,
                &row.tracking_code,
                &c.title,
                crate::notify::public_url(),
            );
            Some((row.received_at.and_utc(), m))
        })
        .collect();
    crate::notify::enqueue_all(conn, mail)?;
    Ok(results)
}

/// What a batch's new comments change in the text groups and counters, worked out from what
/// was read under the write lock ([`LockedReads`]) and written with the batch's audit entries.
#[derive(Default)]
struct Counting<'r> {
    /// Each consultation's changes to its counters.
    deltas: Vec<(&'r str, counts::Delta)>,
    /// Texts the consultation had not received before.
    new_groups: Vec<counts::NewGroup<'r>>,
    /// Published comments added to known groups (consultation, group, how many).
    published: Vec<(&'r str, &'r str, i64)>,
}

impl<'r> Counting<'r> {
    /// Counts a consultation's new comments in this batch.
    fn add(
        &mut self,
        c: &'r ConsultationRow,
        rows: impl Iterator<Item = &'r CommentRow>,
        locked: &LockedReads,
    ) {
        let published_status = CommentStatus::Published.as_str();
        let mut groups: BTreeMap<&'r str, (i64, i64)> = BTreeMap::new();
        for row in rows {
            let g = groups.entry(row.group_key.as_str()).or_default();
            g.0 += 1;
            g.1 += i64::from(row.status == published_status);
        }
        if groups.is_empty() {
            return;
        }
        let known = |set: &HashSet<(String, String)>, key: &str| {
            set.contains(&(c.id.clone(), key.to_string()))
        };
        let mut delta = counts::Delta::default();
        for (key, (received, published)) in groups {
            delta.received += received;
            delta.published += published;
            if known(&locked.known, key) {
                if published > 0 {
                    self.published.push((&c.id, key, published));
                    if known(&locked.answered, key) {
                        delta.answered += published;
                    }
                }
            } else {
                delta.distinct += 1;
                self.new_groups.push(counts::NewGroup {
                    consultation_id: &c.id,
                    group_key: key,
                    published,
                });
            }
        }
        self.deltas.push((&c.id, delta));
    }
}

/// Stores one comment in its own transaction (see [`stage_all`]).
pub fn submit(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    publish_on_receipt: bool,
) -> Result<(Receipt, bool), AppError> {
    let stored = write_tx(conn, |conn| {
        stage_all(conn, keys, std::slice::from_ref(s), publish_on_receipt)
    });
    match stored {
        Ok(mut results) => results.remove(0),
        // Two requests with one key at once (another instance): read the winner's receipt.
        Err(AppError::Internal(_)) if s.idempotency_key.is_some() => {
            let key = s.idempotency_key.as_deref().unwrap_or_default();
            match store::by_idempotency(conn, &s.consultation_id, key)? {
                Some(existing) => Ok((receipt(&existing), false)),
                None => Err(AppError::Internal("comment not stored".into())),
            }
        }
        Err(e) => Err(e),
    }
}

/// Stores comments that arrived together in one transaction: one commit (one fsync) for all.
/// Each gets its own result; when the transaction itself fails, each is retried alone, so
/// that one comment the database refuses never costs the others theirs.
pub fn submit_batch(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
) -> Vec<Result<Receipt, AppError>> {
    submit_batch_locking_later(conn, keys, batch, publish_on_receipt, &mut || {})
}

/// [`submit_batch`] in a [`crate::db::write_tx_lock_later`] transaction: the comments are
/// inserted first, then the write lock is taken for the rest and `locked` is called, so that
/// another writer may begin its own batch while this one finishes and commits. A batch whose
/// commit was sent but not confirmed gets 503 for each comment, never a second attempt (its
/// comments may be stored already).
pub fn submit_batch_locking_later(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
    locked: &mut dyn FnMut(),
) -> Vec<Result<Receipt, AppError>> {
    match write_tx_lock_later(conn, |conn| {
        stage(conn, keys, batch, publish_on_receipt, locked)
    }) {
        Ok(results) => results.into_iter().map(|r| r.map(|(r, _)| r)).collect(),
        // Each alone, with a new id and tracking code: a tracking code made twice (the same
        // number from two processes, or a year past 810,000 comments, with the same random
        // group) is what usually makes a batch fail.
        Err(NotStored::Failed(_)) => batch
            .iter()
            .map(|s| submit(conn, keys, &s.redrawn(), publish_on_receipt).map(|(r, _)| r))
            .collect(),
        // Perhaps stored: storing them again could store them twice. The client is told to
        // try again; with its Idempotency-Key it then gets the first receipt if they were.
        Err(NotStored::Unconfirmed(e)) => {
            tracing::error!(error = %e, comments = batch.len(), "a batch's commit was not confirmed");
            batch
                .iter()
                .map(|_| {
                    Err(AppError::Unavailable(format!(
                        "the commit of the comment was not confirmed: {e}"
                    )))
                })
                .collect()
        }
    }
}

/// A comment by its id, or 404.
pub fn find_comment(conn: &mut DbConnection, id: &str) -> Result<CommentRow, AppError> {
    store::find_comment(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("no comment with id {id}")))
}
