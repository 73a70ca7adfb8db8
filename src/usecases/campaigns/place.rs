//! Placing a batch of new comments in campaigns on the write path. The LSH buckets live in
//! memory, per consultation, shared by the writers of this process: loaded from the stored
//! signatures the first time, then brought up to date with the rows committed since (by any
//! writer or instance) before each batch; reloaded when a rebuild or a split bumped the
//! consultation's generation. No earlier comment is read, and a new text writes one row, only
//! when it enters a bucket.
//!
//! A batch's own texts stay in the buckets once placed (they are the texts that arrived last),
//! and their rows are not read back: the catch-up first reads only the ids of the rows
//! committed since, and the full rows of those another writer placed. A batch whose
//! transaction fails drops its consultations' buckets ([`forget_buckets`]), which are then
//! loaded again from what was stored. Measured (docs/PERFORMANCE.md): reading every batch's
//! rows back cost 20-35 µs of the server's CPU per new distinct text.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use crate::db::campaigns::{self as store, SignatureRow};
use crate::db::consultations::CommentRow;
use crate::db::DbConnection;
use crate::domain::campaign::Fingerprint;
use crate::domain::campaign_grouping::Buckets;

/// A new text's fingerprint, its band keys and their salt (no keys for a short text).
pub type Print<'a> = (&'a Fingerprint, &'a [i64], i64);

/// A campaign as the buckets know it: (its first comment's id, its group key). The ids are
/// UUIDv7, so the least is the campaign that started first. Shared, so that the twenty
/// buckets of a text hold one copy.
type Label = Arc<(String, String)>;

/// One consultation's buckets as this process holds them.
struct Cached {
    /// The consultation's generation they were loaded at.
    generation: i64,
    /// The last stored signature's seq they include.
    seq: i64,
    buckets: Buckets<Label>,
    /// Comments this process placed whose rows the catch-up has not passed yet: skipped then.
    placed_here: HashSet<String>,
}

impl Cached {
    fn new(generation: i64, threshold: f64) -> Self {
        Cached {
            generation,
            seq: 0,
            buckets: Buckets::new(threshold),
            placed_here: HashSet::new(),
        }
    }
}

/// Consultations whose buckets are kept; beyond, another's are dropped (and reloaded when
/// its comments come again).
const KEPT: usize = 16;

static BUCKETS: LazyLock<Mutex<HashMap<String, Cached>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Forgets the buckets of these consultations: after a rebuild or split in this process
/// (other processes see the generation), or when a batch whose texts were placed in them did
/// not commit.
pub fn forget_buckets<'a>(consultations: impl IntoIterator<Item = &'a str>) {
    let mut all = BUCKETS.lock().unwrap_or_else(|e| e.into_inner());
    for id in consultations {
        all.remove(id);
    }
}

/// Sets each long text's `group_key` to its campaign's (the earliest campaign of a text in one
/// of its buckets at or above the threshold, else its own exact key: a campaign of one) and
/// returns the rows of the texts that entered a bucket, to store under the write lock (their
/// seq then follows the commits). `prints` runs parallel to `rows`. Short texts keep their
/// exact key: they join identical texts only. The batch's texts stay in the buckets in
/// memory; if its transaction fails, the caller calls [`forget_buckets`].
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
            .or_insert_with(|| Cached::new(generation, threshold));
        if cached.generation != generation || cached.buckets.threshold() != threshold {
            *cached = Cached::new(generation, threshold);
        }
        catch_up(conn, &consultation_id, cached)?;
        for i in indices {
            let (print, keys, salt) = prints[i];
            let row = &mut rows[i];
            let fresh = Arc::new((row.id.clone(), row.group_key.clone()));
            let (label, kept) = cached.buckets.place(keys, print.clone(), fresh);
            row.group_key = label.1.clone();
            if !kept.is_empty() {
                cached.placed_here.insert(row.id.clone());
                out.push(SignatureRow {
                    consultation_id: consultation_id.clone(),
                    comment_id: row.id.clone(),
                    campaign_id: label.0.clone(),
                    group_key: label.1.clone(),
                    scope_salt: salt,
                    signature: print.to_bytes(),
                });
            }
        }
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

/// Brings a consultation's buckets up to the rows committed since they were loaded: the ids
/// first, then the full rows of those this process did not place.
fn catch_up(
    conn: &mut DbConnection,
    consultation_id: &str,
    cached: &mut Cached,
) -> diesel::QueryResult<()> {
    let ids = store::newer_ids(conn, consultation_id, cached.seq)?;
    let Some(&(last, _)) = ids.last() else {
        return Ok(());
    };
    let others = ids
        .iter()
        .filter(|(_, id)| !cached.placed_here.contains(id))
        .count();
    if others > 0 {
        for (_, row) in store::newer(conn, consultation_id, cached.seq)? {
            if cached.placed_here.contains(&row.comment_id) {
                continue;
            }
            let print = Fingerprint::from_bytes(&row.signature);
            let keys = print.salted_bands(row.scope_salt);
            let label = Arc::new((row.campaign_id, row.group_key));
            cached.buckets.remember(&keys, label, print);
        }
    }
    for (_, id) in &ids {
        cached.placed_here.remove(id);
    }
    cached.seq = last;
    Ok(())
}
