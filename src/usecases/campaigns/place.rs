//! Placing a batch of new comments in campaigns on the write path. The LSH buckets live in
//! memory, per consultation, shared by the writers of this process: loaded from the stored
//! signatures the first time, then brought up to date with the texts committed since (by any
//! writer or instance, found by their audit entries' sequence) before each batch; reloaded
//! when a rebuild or a split bumped the consultation's generation. No earlier comment is read,
//! and a new text writes nothing but its own row, with its signature and campaign in it.
//!
//! A batch's own texts stay in the buckets once placed (they are the texts that arrived last),
//! and their rows are not read back: the catch-up first reads only the ids of the texts
//! committed since, and the full rows of those another writer placed. A batch whose
//! transaction fails drops its consultations' buckets ([`forget_buckets`]), which are then
//! loaded again from what was stored. Measured (docs/PERFORMANCE.md): reading every batch's
//! rows back cost 20-35 µs of the server's CPU per new distinct text, and a signature row of
//! its own (a table and an index) 20-31 µs.

use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// The consultation's generation they were loaded at.
    generation: i64,
    /// The last audit entry whose text they include.
    seq: i64,
    buckets: Buckets<Label>,
    /// Not loaded from the database yet.
    fresh: bool,
    /// Comments this process placed whose rows the catch-up has not passed yet: skipped then.
    placed_here: HashSet<String>,
}

impl Cached {
    fn new(generation: i64, threshold: f64) -> Self {
        Cached {
            generation,
            seq: 0,
            buckets: Buckets::new(threshold),
            fresh: true,
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

/// A batch's placement: parallel to its rows, what each long text's row keeps (its signature
/// and campaign); and the campaign generation of each consultation it placed texts in.
pub struct Placed {
    pub marks: Vec<Option<Mark>>,
    pub generations: Vec<(String, i64)>,
}

impl Placed {
    /// Whether a rebuild or split changed a consultation's campaigns since the placement:
    /// `now` are the generations read under the write lock (none on SQLite, where placement
    /// runs under it). The batch must then start again, each comment under the lock.
    pub fn regrouped_since(&self, now: &HashMap<String, i64>) -> bool {
        self.generations
            .iter()
            .any(|(id, placed_at)| now.get(id).is_some_and(|g| g != placed_at))
    }
}

/// Sets each long text's `group_key` to its campaign's (the earliest campaign of a text in one
/// of its buckets at or above the threshold, else its own exact key: a campaign of one) and
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
    let mut generations = Vec::with_capacity(by_consultation.len());
    if by_consultation.is_empty() {
        return Ok(Placed {
            marks: out,
            generations,
        });
    }
    let mut all = BUCKETS.lock().unwrap_or_else(|e| e.into_inner());
    for (consultation_id, indices) in by_consultation {
        let generation = store::generation(conn, &consultation_id)?;
        generations.push((consultation_id.clone(), generation));
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
        for i in indices {
            let (print, keys) = prints[i];
            let row = &mut rows[i];
            let fresh = Arc::new((row.id.clone(), row.group_key.clone()));
            let label = cached.buckets.place(keys, print.clone(), fresh);
            row.group_key = label.1.clone();
            cached.placed_here.insert(row.id.clone());
            out[i] = Some(Mark {
                signature: print.to_bytes(),
                campaign_id: label.0.clone(),
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
        generations,
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

/// Brings a consultation's buckets up to the texts committed since they were loaded: the ids
/// of the comments received since first, then the full rows of those this process did not
/// place (of this consultation, with a signature), in commit order. False, with nothing done,
/// when [`CATCH_UP_MAX`] entries or more came since.
fn catch_up(
    conn: &mut DbConnection,
    consultation_id: &str,
    cached: &mut Cached,
) -> diesel::QueryResult<bool> {
    let since = store::received_since(conn, cached.seq, CATCH_UP_MAX)?;
    if since.full {
        return Ok(false);
    }
    let Some(last) = since.last else {
        return Ok(true);
    };
    let ids = since.received;
    let others: Vec<&str> = ids
        .iter()
        .map(|(_, id)| id.as_str())
        .filter(|id| !cached.placed_here.contains(*id))
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
    for (_, id) in &ids {
        cached.placed_here.remove(id);
    }
    cached.seq = last;
    Ok(true)
}
