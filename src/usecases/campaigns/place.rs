//! Placing a batch of new comments in campaigns on the write path. The LSH buckets live in
//! memory, per consultation, shared by the writers of this process: loaded from the stored
//! signatures the first time, then brought up to date with the rows committed since (by any
//! writer or instance) before each batch; reloaded when a rebuild or a split bumped the
//! consultation's generation. No earlier comment is read, and a new text writes one row, only
//! when it enters a bucket.

use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

use crate::db::campaigns::{self as store, SignatureRow};
use crate::db::consultations::CommentRow;
use crate::db::DbConnection;
use crate::domain::campaign::Fingerprint;
use crate::domain::campaign_grouping::Buckets;

/// A new text's fingerprint, its band keys and their salt (no keys for a short text).
pub type Print<'a> = (&'a Fingerprint, &'a [i64], i64);

/// A campaign as the buckets know it: (its first comment's id, its group key). The ids are
/// UUIDv7, so the least is the campaign that started first.
type Label = (String, String);

/// One consultation's buckets as this process holds them.
struct Cached {
    /// The consultation's generation they were loaded at.
    generation: i64,
    /// The last stored signature's seq they include.
    seq: i64,
    buckets: Buckets<Label>,
}

/// Consultations whose buckets are kept; beyond, another's are dropped (and reloaded when
/// its comments come again).
const KEPT: usize = 16;

static BUCKETS: LazyLock<Mutex<HashMap<String, Cached>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Forgets the buckets of a consultation (after a rebuild or split in this process; other
/// processes see the generation).
pub fn forget_buckets(consultation_id: &str) {
    BUCKETS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(consultation_id);
}

/// Sets each long text's `group_key` to its campaign's (the earliest campaign of a text in one
/// of its buckets at or above the threshold, else its own exact key: a campaign of one) and
/// returns the rows of the texts that entered a bucket, to store under the write lock (their
/// seq then follows the commits). `prints` runs parallel to `rows`. Short texts keep their
/// exact key: they join identical texts only. The buckets in memory are left as they were:
/// the batch's texts come into them from the stored rows, once committed.
pub fn place(
    conn: &mut DbConnection,
    rows: &mut [CommentRow],
    prints: &[Print<'_>],
    threshold: f64,
) -> diesel::QueryResult<Vec<SignatureRow>> {
    let mut by_consultation: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if prints[i].0.signature.is_some() {
            by_consultation
                .entry(row.consultation_id.clone())
                .or_default()
                .push(i);
        }
    }
    let mut out = Vec::new();
    if by_consultation.is_empty() {
        return Ok(out);
    }
    let mut all = BUCKETS.lock().unwrap_or_else(|e| e.into_inner());
    for (consultation_id, indices) in by_consultation {
        let generation = store::generation(conn, &consultation_id)?;
        let cached = all
            .entry(consultation_id.clone())
            .or_insert_with(|| Cached {
                generation,
                seq: 0,
                buckets: Buckets::new(threshold),
            });
        if cached.generation != generation || cached.buckets.threshold() != threshold {
            *cached = Cached {
                generation,
                seq: 0,
                buckets: Buckets::new(threshold),
            };
        }
        for (seq, row) in store::newer(conn, &consultation_id, cached.seq)? {
            let print = Fingerprint::from_bytes(&row.signature);
            let keys = print.salted_bands(row.scope_salt);
            cached
                .buckets
                .remember(&keys, (row.campaign_id, row.group_key), print);
            cached.seq = seq;
        }
        let mark = cached.buckets.mark();
        for i in indices {
            let (print, keys, salt) = prints[i];
            let row = &mut rows[i];
            let fresh = (row.id.clone(), row.group_key.clone());
            let ((campaign_id, group_key), kept) = cached.buckets.place(keys, print.clone(), fresh);
            row.group_key = group_key.clone();
            if !kept.is_empty() {
                out.push(SignatureRow {
                    consultation_id: consultation_id.clone(),
                    comment_id: row.id.clone(),
                    campaign_id,
                    group_key,
                    scope_salt: salt,
                    signature: print.to_bytes(),
                });
            }
        }
        cached.buckets.undo(mark);
    }
    if all.len() > KEPT {
        let batch: Vec<&str> = rows.iter().map(|r| r.consultation_id.as_str()).collect();
        let drop: Vec<String> = all
            .keys()
            .filter(|k| !batch.contains(&k.as_str()))
            .take(all.len() - KEPT)
            .cloned()
            .collect();
        for k in drop {
            all.remove(&k);
        }
    }
    Ok(out)
}
