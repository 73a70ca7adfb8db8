//! A batch of comments staged under the write lock: rows, text groups, counters and audit
//! entries, with the counts each group changes.

use super::*;
use crate::domain::draft::Draft;

/// Stores comments inside the caller's write transaction, with no query per comment that the
/// batch can answer at once: each consultation and its known Idempotency-Keys read once, the
/// comments inserted together and, in the same statement on PostgreSQL, the write lock taken
/// and the text groups and the audit chain's head read under it
/// ([`store::insert_comments_and_lock`]), the chain computed in memory; then on PostgreSQL
/// the new groups, the counters of every consultation of the batch and the audit entries in
/// one statement ([`crate::usecases::comment_batch::write`]), on SQLite in one prepared
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
    intake: impl Into<Intake>,
) -> Result<Vec<Outcome>, AppError> {
    stage(conn, keys, batch, intake.into(), &mut || {})
}

/// [`stage_all`], calling `locked_now` once the new comments are inserted and the write lock is
/// held, before anything shared is written (groups, counters, the audit chain, the outbox):
/// inside [`crate::db::write_tx_lock_later`] the lock is taken there
/// ([`store::insert_comments_and_lock`]). Not called when the batch adds no comment (then
/// nothing else is written either).
pub(super) fn stage(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    intake: Intake,
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
                    (row.article.as_deref(), row.proposed_text.as_deref()),
                );
                receipts.insert(
                    (row.consultation_id.clone(), key),
                    (receipt(&row), fingerprint),
                );
            }
        }
        consultations.insert(&s.consultation_id, found);
    }
    let status = if intake.publish_on_receipt {
        CommentStatus::Published
    } else {
        CommentStatus::Received
    };
    // Each draft parsed once, and only when a comment names an article.
    let mut drafts: HashMap<&str, Draft> = HashMap::new();
    let mut results = Vec::with_capacity(batch.len());
    let mut rows: Vec<CommentRow> = Vec::with_capacity(batch.len());
    let mut made: Vec<&Made> = Vec::with_capacity(batch.len());
    let mut origins: Vec<&Submission> = Vec::with_capacity(batch.len());
    for s in batch {
        let Some(c) = consultations[s.consultation_id.as_str()].as_ref() else {
            results.push(Err(AppError::not_found("inexistente-consulta")));
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
        // A comment an office received is dated within the window (checked before, in the
        // ministry's zone) and may be typed in after the window closed.
        let checked = match s.origin.received_on {
            Some(_) => Ok(()),
            None => accepting(c, s.now),
        };
        if let Err(e) = checked {
            results.push(Err(e));
            continue;
        }
        if let Some(article) = s.comment.article.as_deref() {
            let draft = drafts
                .entry(c.id.as_str())
                .or_insert_with(|| Draft::of_stored(&c.proposal_text));
            if draft.article(article).is_none() {
                results.push(Err(unknown_article(article)));
                continue;
            }
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
        origins.push(s);
    }
    if rows.is_empty() {
        return Ok(results);
    }
    // Near-duplicates join their campaign (its group key) before the rows are written.
    let prints: Vec<_> = made
        .iter()
        .map(|m| (&m.print, m.bands.as_slice()))
        .collect();
    let placed =
        crate::usecases::campaigns::place(conn, &mut rows, &prints, intake.campaign_similarity)?;
    let groups: BTreeSet<(&str, &str)> = rows
        .iter()
        .map(|r| (r.consultation_id.as_str(), r.group_key.as_str()))
        .collect();
    let groups: Vec<(&str, &str)> = groups.into_iter().collect();
    let locked = store::insert_comments_and_lock(conn, &rows, &placed.marks, &groups)?;
    if placed.regrouped_since(&locked.generations) {
        // Placed before the lock (PostgreSQL) against campaigns a rebuild or split has replaced
        // since: rolled back, and each comment stored again alone, placed under the lock.
        return Err(AppError::Internal(
            "the campaigns changed while the batch was placed".into(),
        ));
    }
    locked_now();
    let mut counting = Counting::default();
    for (id, c) in &consultations {
        let Some(c) = c else { continue };
        counting.add(c, rows.iter().filter(|r| r.consultation_id == *id), &locked);
    }
    let mut by_article: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    for row in &rows {
        if let Some(article) = row.article.as_deref() {
            let n = by_article
                .entry((row.consultation_id.as_str(), article))
                .or_default();
            n.0 += 1;
            n.1 += i64::from(row.status == CommentStatus::Published.as_str());
        }
    }
    for ((consultation_id, article), (received, published)) in by_article {
        crate::db::drafts::add_to_article(conn, consultation_id, article, received, published)?;
    }
    let data: Vec<serde_json::Value> = rows
        .iter()
        .zip(&made)
        .zip(&origins)
        .map(|((row, made), s)| {
            let mut data = serde_json::json!({
                "consultation_id": row.consultation_id, "sha256": made.sha256,
                "length": made.length, "status": row.status, "sender_sha256": made.sender_sha256,
            });
            if let Some(article) = &row.article {
                data["article"] = article.as_str().into();
                data["proposed_text_sha256"] = row.proposed_text.as_deref().map(body_sha256).into();
            }
            if let Some(origin) = s.origin_row(row) {
                data["channel"] = origin.channel.into();
                data["language"] = origin.language.into();
                if let Some(day) = origin.received_on {
                    data["received_on"] = day.to_string().into();
                }
            }
            data
        })
        .collect();
    let records: Vec<_> = rows
        .iter()
        .zip(data)
        .zip(&origins)
        .map(|((row, data), s)| {
            let record = Record {
                actor: s.origin.recorded_by.as_deref().unwrap_or("public"),
                action: "comment.received",
                subject_type: "comment",
                subject_id: &row.id,
                data,
            };
            (row.received_at.and_utc(), record)
        })
        .collect();
    // stage_all runs inside write_tx (its contract), which holds the chain's lock; under it
    // the entries' seq follows the commits (the campaigns' catch-up reads by it).
    let entries = crate::usecases::comment_batch::write(
        conn,
        &counting.new_groups,
        &counting.grown,
        &counting.deltas,
        keys,
        locked
            .head
            .clone()
            .unwrap_or((0, crate::audit::GENESIS_HASH.to_string())),
        &records,
    )?;
    if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
        crate::usecases::campaigns::wrote(&placed, first.seq, last.seq);
    }
    let origin_rows: Vec<_> = (rows.iter().zip(&origins))
        .filter_map(|(row, s)| s.origin_row(row))
        .collect();
    crate::db::reach::insert_origins(conn, &origin_rows)?;
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

/// A comment naming an article the draft does not have: 422 on the field `article`.
pub fn unknown_article(article: &str) -> AppError {
    AppError::field_with(
        "article",
        Problem::new("campo-articulo-inexistente").with("numero", article.to_string()),
    )
}

/// What a batch's new comments change in the text groups and counters, worked out from what
/// was read under the write lock ([`LockedReads`]) and written with the batch's audit entries.
#[derive(Default)]
pub(super) struct Counting<'r> {
    /// Each consultation's changes to its counters.
    deltas: Vec<(&'r str, counts::Delta)>,
    /// Texts the consultation had not received before.
    new_groups: Vec<counts::NewGroup<'r>>,
    /// Comments and published comments added to known groups.
    grown: Vec<counts::NewGroup<'r>>,
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
            let group = counts::NewGroup {
                consultation_id: &c.id,
                group_key: key,
                published,
                size: received,
            };
            if known(&locked.known, key) {
                if known(&locked.answered, key) {
                    delta.answered += published;
                }
                self.grown.push(group);
            } else {
                delta.distinct += 1;
                self.new_groups.push(group);
            }
        }
        self.deltas.push((&c.id, delta));
    }
}
