//! Placing a batch of new comments in campaigns on the write path. The LSH buckets live in
//! memory, per consultation, shared by the writers of this process: loaded from the stored
//! signatures the first time, then brought up to date with the texts committed since (by any
//! writer or instance, found by their audit entries' sequence) before each batch; reloaded
//! when a rebuild or a split bumped the consultation's generation. No earlier comment is read,
//! and a new text writes nothing but its own row, with its signature and campaign in it.
//!
//! A batch's own texts stay in the buckets once placed (they are the texts that arrived last),
//! and nothing of them is read back: the batch records the range of audit entries it wrote
//! ([`wrote`]), and the catch-up steps over the ranges of this process's batches that come
//! next in the chain, then reads the ids of the texts committed since and the full rows of
//! those another writer placed. A batch whose transaction fails drops its consultations'
//! buckets ([`forget_buckets`]), which are then loaded again from what was stored. Measured
//! (docs/PERFORMANCE-HISTORY.md): reading every batch's rows back cost 20-35 µs of the server's CPU
//! per new distinct text, and a signature row of its own (a table and an index) 20-31 µs.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use crate::db::campaigns::{self as store, Mark, Signed};
use crate::db::consultations::CommentRow;
use crate::db::DbConnection;
use crate::domain::campaign::{comment_salt, Fingerprint};
use crate::domain::campaign_grouping::Buckets;

/// A new text's fingerprint and its band keys (none for a short text).
pub type Print<'a> = (&'a Fingerprint, &'a [i64]);

/// A campaign as the buckets know it: (its first comment's id, its group key). The ids are
/// UUIDv7, so the least is the campaign that started first. Shared, so that the twenty
/// buckets of a text hold one copy.
type Label = Arc<(String, String)>;

/// One consultation's buckets as this process holds them.
struct Cached {
    /// Which loading of buckets this is (of any consultation, counted from 1 in this process):
    /// a batch's entries are recorded in the buckets its texts were placed in, not in those
    /// loaded again since ([`wrote`]).
    loading: u64,
    /// The consultation's generation they were loaded at.
    generation: i64,
    /// The last audit entry whose text they include.
    seq: i64,
    buckets: Buckets<Label>,
    /// Not loaded from the database yet.
    fresh: bool,
    /// The audit entries, as ranges of sequence numbers (first → last), of the batches this
    /// process wrote after placing their texts here: the catch-up steps over them without
    /// reading them back ([`wrote`]).
    own: BTreeMap<i64, i64>,
}

impl Cached {
    fn new(generation: i64, threshold: f64) -> Self {
        static LOADINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Cached {
            loading: LOADINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
            generation,
            seq: 0,
            buckets: Buckets::new(threshold),
            fresh: true,
            own: BTreeMap::new(),
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

/// A batch's placement: parallel to its rows, what each long text's row keeps (its signature
/// and campaign); and, for each consultation it placed texts in, the campaign generation and
/// the loading of the buckets it placed them in: (consultation, generation, loading).
pub struct Placed {
    pub marks: Vec<Option<Mark>>,
    placed_in: Vec<(String, i64, u64)>,
}

impl Placed {
    /// Whether a rebuild or split changed a consultation's campaigns since the placement:
    /// `now` are the generations read under the write lock (none on SQLite, where placement
    /// runs under it). The batch must then start again, each comment under the lock.
    pub fn regrouped_since(&self, now: &HashMap<String, i64>) -> bool {
        self.placed_in
            .iter()
            .any(|(id, placed_at, _)| now.get(id).is_some_and(|g| g != placed_at))
    }
}

/// Sets each long text's `group_key` to its campaign's (the earliest campaign of a text in one
/// of its buckets at or above the threshold, else the key it arrived with: a campaign of its own,
/// [`crate::domain::comment::campaign_key`]) and
/// returns, parallel to `rows`, what each long text's row keeps (its signature and campaign).
/// `prints` runs parallel to `rows`. Short texts keep their exact key: they join identical
/// texts only. The batch's texts stay in the buckets in memory; if its transaction fails, the
/// caller calls [`forget_buckets`].
pub fn place(
    conn: &mut DbConnection,
    rows: &mut [CommentRow],
    prints: &[Print<'_>],
    threshold: f64,
) -> diesel::QueryResult<Placed> {
    let mut by_consultation: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if prints[i].0.signature.is_some() {
            by_consultation
                .entry(row.consultation_id.clone())
                .or_default()
                .push(i);
        }
    }
    let mut out = vec![None; rows.len()];
    let mut placed_in = Vec::with_capacity(by_consultation.len());
    if by_consultation.is_empty() {
        return Ok(Placed {
            marks: out,
            placed_in,
        });
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
        if cached.fresh || !catch_up(conn, &consultation_id, cached)? {
            *cached = Cached::new(generation, threshold);
            load(conn, &consultation_id, cached)?;
        }
        placed_in.push((consultation_id.clone(), generation, cached.loading));
        for i in indices {
            let (print, keys) = prints[i];
            let row = &mut rows[i];
            let fresh = Arc::new((row.id.clone(), row.group_key.clone()));
            let label = cached.buckets.place(keys, print.clone(), fresh);
            row.group_key = label.1.clone();
            out[i] = Some(Mark {
                signature: print.to_bytes(),
                campaign_id: (label.0 != row.id).then(|| label.0.clone()),
            });
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
    Ok(Placed {
        marks: out,
        placed_in,
    })
}

/// Remembers a stored text in the buckets (its keys salted as on arrival).
fn remember(cached: &mut Cached, row: Signed) {
    let Some(bytes) = row.signature else { return };
    let print = Fingerprint::from_bytes(&bytes);
    let salt = comment_salt(row.article.as_deref(), row.proposed_text.as_deref());
    let keys = print.salted_bands(salt);
    let campaign = row.campaign_id.unwrap_or_else(|| row.comment_id.clone());
    cached
        .buckets
        .remember(&keys, Arc::new((campaign, row.group_key)), print);
}

/// Fills empty buckets with every stored text of the consultation, in arrival order.
fn load(
    conn: &mut DbConnection,
    consultation_id: &str,
    cached: &mut Cached,
) -> diesel::QueryResult<()> {
    let (seq, rows) = store::signed(conn, consultation_id)?;
    for row in rows {
        remember(cached, row);
    }
    cached.seq = seq;
    cached.fresh = false;
    Ok(())
}

/// Audit entries (comments received in every consultation, mostly) since a consultation's
/// buckets were brought up to date beyond which they are loaded again instead: a consultation
/// that received nothing while others received millions reads its own texts, not everybody's.
const CATCH_UP_MAX: i64 = 20_000;

/// Brings a consultation's buckets up to the texts committed since they were loaded: the
/// batches this process wrote next in the chain are stepped over (their texts are in the
/// buckets since they were placed); then the ids of the comments received since, and the full
/// rows of those of another writer (of this consultation, with a signature), in commit order.
/// False, with nothing done, when [`CATCH_UP_MAX`] entries or more came since.
fn catch_up(
    conn: &mut DbConnection,
    consultation_id: &str,
    cached: &mut Cached,
) -> diesel::QueryResult<bool> {
    cached.step_over_own();
    let since = store::received_since(conn, cached.seq, CATCH_UP_MAX)?;
    if since.full {
        return Ok(false);
    }
    let Some(last) = since.last else {
        return Ok(true);
    };
    let others: Vec<&str> = since
        .received
        .iter()
        .filter(|(seq, _)| !cached.is_own(*seq))
        .map(|(_, id)| id.as_str())
        .collect();
    if !others.is_empty() {
        let mut rows = store::signed_among(conn, consultation_id, &others)?;
        let order: HashMap<&str, usize> =
            others.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|r| order.get(r.comment_id.as_str()).copied());
        for row in rows {
            remember(cached, row);
        }
    }
    cached.seq = last;
    cached.step_over_own();
    Ok(true)
}

impl Cached {
    /// Moves past the batches of this process that come next in the chain, and forgets those
    /// already passed.
    fn step_over_own(&mut self) {
        while let Some((&first, &last)) = self.own.first_key_value() {
            if first == self.seq + 1 {
                self.seq = last;
            } else if last > self.seq {
                break;
            }
            self.own.pop_first();
        }
    }

    /// Whether an audit entry is one of this process's batches'.
    fn is_own(&self, seq: i64) -> bool {
        self.own
            .range(..=seq)
            .next_back()
            .is_some_and(|(_, last)| seq <= *last)
    }
}

/// Records that a batch placed as `placed` wrote the audit entries `first` to `last` (inside
/// its transaction, before its commit: if the commit fails, the caller forgets the buckets,
/// ranges and all, [`forget_buckets`]). Under the write lock its entries follow each other,
/// and none of another writer comes between them. Buckets loaded again since the placement do
/// not hold its texts: there the catch-up reads them like another writer's.
pub fn wrote(placed: &Placed, first: i64, last: i64) {
    let mut all = BUCKETS.lock().unwrap_or_else(|e| e.into_inner());
    for (id, _, loading) in &placed.placed_in {
        if let Some(cached) = all.get_mut(id) {
            if cached.loading == *loading && last > cached.seq {
                cached.own.insert(first, last);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seq: i64, own: &[(i64, i64)]) -> Cached {
        let mut c = Cached::new(0, 0.8);
        c.seq = seq;
        c.own = own.iter().copied().collect();
        c
    }

    #[test]
    fn the_catch_up_steps_over_this_process_batches_that_come_next_only() {
        // Two batches of its own right after what the buckets hold, then another writer's
        // entries (31-40), then one more of its own.
        let mut c = at(10, &[(11, 20), (21, 30), (41, 50)]);
        c.step_over_own();
        assert_eq!(c.seq, 30);
        assert!(
            !c.is_own(31) && !c.is_own(40),
            "another writer's entries are read"
        );
        assert!(c.is_own(41) && c.is_own(50) && !c.is_own(51));
        // Once the catch-up has read up to 50, the last batch is forgotten.
        c.seq = 50;
        c.step_over_own();
        assert!(c.own.is_empty());
        assert_eq!(c.seq, 50);
    }

    #[test]
    fn a_batch_of_its_own_after_a_gap_waits_for_the_gap_to_be_read() {
        let mut c = at(10, &[(15, 20)]);
        c.step_over_own();
        assert_eq!(c.seq, 10, "entries 11-14 are another writer's");
        assert!(c.is_own(15) && !c.is_own(14));
    }
}
