//! Citizens' comments: storing each one with its audit entry, alone or in a group commit.
//! A comment's entry records the SHA-256 and length of its text, never the text or e-mail.

use crate::domain::error::Problem;
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
use crate::domain::comment::{
    body_sha256, campaign_key, group_key_on, numbered_code, CheckedComment, CodeNumbers,
};
use crate::domain::fingerprint::comment_request;
use crate::domain::reach::CommentChannel;
use crate::domain::status::CommentStatus;

mod staging;
pub use staging::*;

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

/// How new comments are taken in: the settings `publish_comments_on_receipt` and
/// `campaign_similarity`. A bare `bool` is the first with the default threshold.
#[derive(Debug, Clone, Copy)]
pub struct Intake {
    /// Publish on arrival instead of after moderation.
    pub publish_on_receipt: bool,
    /// The Jaccard similarity at which a text joins a campaign.
    pub campaign_similarity: f64,
}

impl From<bool> for Intake {
    fn from(publish_on_receipt: bool) -> Self {
        Intake {
            publish_on_receipt,
            campaign_similarity: crate::domain::campaign::DEFAULT_SIMILARITY,
        }
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
    /// Where it came from when not through the web (issue 37).
    pub origin: Origin,
    /// What needs no database, worked out on the request's thread.
    made: Made,
}

/// Where a comment came from when a staff member typed it in (paper, phone…): its channel,
/// the day an office received it (checked against the window before, so the comment is
/// accepted after the window closed) and who typed it in. The default is the web.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// None: the web.
    pub channel: Option<crate::domain::reach::CommentChannel>,
    /// The day an office received it.
    pub received_on: Option<chrono::NaiveDate>,
    /// The staff member who typed it in (the audit entry's actor).
    pub recorded_by: Option<String>,
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
    /// The text's near-duplicate fingerprint and its band keys, scoped to the article and the
    /// proposed wording (issue 36).
    print: crate::domain::campaign::Fingerprint,
    bands: Vec<i64>,
}

impl Submission {
    /// What makes this request the same as another ([`comment_request`]).
    fn fingerprint(&self) -> [u8; 32] {
        comment_request(
            &self.comment.body,
            self.comment.author_name.as_deref(),
            self.comment.email.as_deref(),
            self.comment.organization.as_deref(),
            (
                self.comment.article.as_deref(),
                self.comment.proposed_text.as_deref(),
            ),
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
        let print = crate::domain::campaign::fingerprint(body);
        let bands = print.salted_bands(crate::domain::campaign::comment_salt(
            comment.article.as_deref(),
            comment.proposed_text.as_deref(),
        ));
        let id = uuid::Uuid::now_v7().to_string();
        // A long text arrives keyed as a campaign of its own, which placement keeps or replaces
        // with the campaign it joins; only a short text's key is its text's hash.
        let group_key = match print.signature {
            Some(_) => campaign_key(&id),
            None => group_key_on(
                body,
                comment.article.as_deref(),
                comment.proposed_text.as_deref(),
            ),
        };
        let made = Made {
            id,
            number,
            tracking_code: numbered_code(
                'C',
                chrono::Datelike::year(&now),
                number,
                &mut rand::thread_rng(),
            ),
            group_key,
            sha256: body_sha256(body),
            length: char_len(body),
            sender_sha256: crate::domain::fingerprint::sender_sha256(
                comment.author_name.as_deref(),
                comment.organization.as_deref(),
                comment.email.as_deref(),
            ),
            print,
            bands,
        };
        Self {
            now,
            consultation_id,
            comment,
            idempotency_key,
            origin: Origin::default(),
            made,
        }
    }

    /// The same comment, typed in by staff from another channel.
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// The row to store for where it came from, if not the web in Spanish.
    fn origin_row(&self, row: &CommentRow) -> Option<crate::db::reach::OriginRow> {
        let channel = self.origin.channel.filter(|c| *c != CommentChannel::Web);
        if channel.is_none() && self.comment.language.is_none() {
            return None;
        }
        Some(crate::db::reach::OriginRow {
            comment_id: row.id.clone(),
            consultation_id: row.consultation_id.clone(),
            channel: channel.unwrap_or(CommentChannel::Web).as_str().into(),
            language: (self.comment.language.as_deref())
                .unwrap_or(crate::domain::reach::SPANISH)
                .into(),
            received_on: self.origin.received_on,
            recorded_by: self.origin.recorded_by.clone(),
        })
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
        .with_origin(self.origin.clone())
    }
}

/// Checks a consultation's window for a comment arriving at `now`.
pub(crate) fn accepting(c: &ConsultationRow, now: DateTime<Utc>) -> Result<(), AppError> {
    match status_of(c, now) {
        Status::Scheduled => Err(AppError::conflict(
            "consultation_not_open",
            Problem::new("conflicto-consultation-not-open"),
        )),
        Status::Closed => Err(AppError::conflict(
            "consultation_closed",
            Problem::new("conflicto-consultation-closed"),
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
        article: comment.article.clone(),
        proposed_text: comment.proposed_text.clone(),
    }
}

/// Stores one comment in its own transaction (see [`stage_all`]).
pub fn submit(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    intake: impl Into<Intake>,
) -> Result<(Receipt, bool), AppError> {
    let intake = intake.into();
    let stored = write_tx(conn, |conn| {
        stage_all(conn, keys, std::slice::from_ref(s), intake)
    });
    if stored.is_err() {
        crate::usecases::campaigns::forget_buckets([s.consultation_id.as_str()]);
    }
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
    intake: impl Into<Intake>,
) -> Vec<Result<Receipt, AppError>> {
    submit_batch_locking_later(conn, keys, batch, intake.into(), &mut || {})
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
    intake: Intake,
    locked: &mut dyn FnMut(),
) -> Vec<Result<Receipt, AppError>> {
    let stored = write_tx_lock_later(conn, |conn| stage(conn, keys, batch, intake, locked));
    if stored.is_err() {
        // Its texts were placed in their campaigns' buckets (`campaigns::place`).
        crate::usecases::campaigns::forget_buckets(
            batch.iter().map(|s| s.consultation_id.as_str()),
        );
    }
    match stored {
        Ok(results) => results.into_iter().map(|r| r.map(|(r, _)| r)).collect(),
        // Each alone, with a new id and tracking code: a tracking code made twice (the same
        // number from two processes, or a year past 810,000 comments, with the same random
        // group) is what usually makes a batch fail.
        Err(NotStored::Failed(_)) => batch
            .iter()
            .map(|s| submit(conn, keys, &s.redrawn(), intake).map(|(r, _)| r))
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
    store::find_comment(conn, id)?.ok_or_else(|| AppError::not_found("inexistente-comentario"))
}
