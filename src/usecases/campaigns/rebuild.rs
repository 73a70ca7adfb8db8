//! Recomputing a consultation's campaigns from scratch (`tramites campaigns rebuild`, the staff
//! button): after the threshold changed, or to merge what two concurrent writers started apart.
//! The same comments and threshold always give the same campaigns: the texts are taken in
//! arrival order (their UUIDv7 ids) through the rule of [`crate::domain::campaign_grouping`].

use std::collections::{BTreeMap, HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::audit::Context;
use crate::db::campaigns::{self as store, Regrouped};
use crate::db::{write_tx, DbConnection};
use crate::domain::campaign::{fingerprint, Fingerprint};
use crate::domain::campaign_grouping::Buckets;
use crate::domain::comment::{campaign_key, group_key_on};
use crate::domain::status::CommentStatus;
use crate::usecases::error::AppError;

/// What a rebuild did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rebuilt {
    /// Comments regrouped.
    pub comments: usize,
    /// Campaigns (distinct arguments) now.
    pub campaigns: usize,
    /// Comments whose campaign changed.
    pub moved: usize,
    /// The largest campaign's size.
    pub largest: usize,
    /// The threshold used.
    pub threshold: f64,
    /// SHA-256 of every "comment id, campaign key" line in arrival order: two rebuilds of the
    /// same comments give the same digest.
    pub digest: String,
}

/// Progress: (step done, steps in all).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// One comment's place in the new campaigns: its campaign's key and first comment.
struct Placed {
    key: String,
    campaign_id: String,
}

/// Rebuilds the campaigns of a consultation (the Committee, or the command line) in one
/// transaction, audited as `campaigns.rebuilt`. The texts are fingerprinted before the write
/// lock is taken; comments that arrive meanwhile are fingerprinted under it.
pub fn rebuild(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    consultation_id: &str,
    threshold: f64,
    progress: Progress<'_>,
) -> Result<Rebuilt, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    crate::usecases::consultations::find(conn, consultation_id)?;
    let early = store::all_comments(conn, consultation_id)?;
    let total = early.len();
    let mut prints: HashMap<String, (Fingerprint, Vec<i64>)> = HashMap::with_capacity(total);
    for (i, c) in early.iter().enumerate() {
        prints.insert(c.0.clone(), print_of(c));
        if i % 1_000 == 999 {
            progress(i + 1, total);
        }
    }
    write_tx(conn, |conn| {
        let comments = store::all_comments(conn, consultation_id)?;
        let placed = group(&comments, &mut prints, threshold);
        progress(total, total);
        write(conn, ctx, consultation_id, &comments, placed, threshold)
    })
}

fn print_of(c: &Regrouped) -> (Fingerprint, Vec<i64>) {
    let print = fingerprint(&c.1);
    let salt = crate::domain::campaign::comment_salt(c.2.as_deref(), c.3.as_deref());
    let bands = print.salted_bands(salt);
    (print, bands)
}

/// The rule, in memory: each comment's campaign key and what the buckets keep of it.
fn group(
    comments: &[Regrouped],
    prints: &mut HashMap<String, (Fingerprint, Vec<i64>)>,
    threshold: f64,
) -> Vec<Placed> {
    // A campaign is numbered in order of its first text: (its first comment, its key).
    let mut campaigns: Vec<(String, String)> = Vec::new();
    let mut buckets: Buckets<usize> = Buckets::new(threshold);
    let mut out = Vec::with_capacity(comments.len());
    for c in comments {
        let (print, keys) = prints.remove(&c.0).unwrap_or_else(|| print_of(c));
        if print.signature.is_none() {
            out.push(Placed {
                key: group_key_on(&c.1, c.2.as_deref(), c.3.as_deref()),
                campaign_id: c.0.clone(),
            });
            continue;
        }
        let n = buckets.place(&keys, print, campaigns.len());
        if n == campaigns.len() {
            campaigns.push((c.0.clone(), campaign_key(&c.0)));
        }
        let (first, key) = &campaigns[n];
        out.push(Placed {
            key: key.clone(),
            campaign_id: first.clone(),
        });
    }
    out
}

/// Writes the new campaigns: group keys, buckets, groups and counters, answers carried over,
/// and the audit entry.
fn write(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    consultation_id: &str,
    comments: &[Regrouped],
    placed: Vec<Placed>,
    threshold: f64,
) -> Result<Rebuilt, AppError> {
    let mut digest = Sha256::new();
    let mut moves: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    let mut sizes: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    // Each new campaign's members' former keys, in arrival order.
    let mut former: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let published = CommentStatus::Published.as_str();
    for (c, p) in comments.iter().zip(&placed) {
        digest.update(format!("{} {}\n", c.0, p.key).as_bytes());
        let size = sizes.entry(p.key.as_str()).or_default();
        size.0 += 1;
        size.1 += i64::from(c.5 == published);
        if c.4 != p.key {
            let to = (p.key.as_str(), p.campaign_id.as_str());
            moves.entry(to).or_default().push(c.0.as_str());
        }
        former.entry(p.key.as_str()).or_default().push(c.4.as_str());
    }
    let moved = moves.values().map(Vec::len).sum();
    for (to, ids) in &moves {
        store::set_group(conn, consultation_id, *to, ids)?;
    }
    store::bump_generation(conn, consultation_id)?;
    super::forget_buckets([consultation_id]);
    // An answered campaign keeps its answer when the rebuild renamed it.
    let responses = crate::db::consultations::responses(conn, consultation_id)?;
    let mut answered_keys: HashSet<String> =
        responses.iter().map(|r| r.group_key.clone()).collect();
    for (key, olds) in &former {
        if answered_keys.contains(*key) {
            continue;
        }
        if let Some(old) = olds
            .iter()
            .find(|o| answered_keys.contains(**o) && !sizes.contains_key(**o))
        {
            store::move_response(conn, consultation_id, old, key)?;
            answered_keys.remove(*old);
            answered_keys.insert(key.to_string());
        }
    }
    let answered: i64 = sizes
        .iter()
        .filter(|(k, _)| answered_keys.contains(**k))
        .map(|(_, (_, p))| p)
        .sum();
    let groups: Vec<(String, i64, i64)> = sizes
        .iter()
        .map(|(k, (n, p))| (k.to_string(), *n as i64, *p))
        .collect();
    store::replace_groups(conn, consultation_id, &groups, answered)?;
    let done = Rebuilt {
        comments: comments.len(),
        campaigns: sizes.len(),
        moved,
        largest: sizes.values().map(|s| s.0).max().unwrap_or(0),
        threshold,
        digest: hex::encode(digest.finalize()),
    };
    let data = serde_json::to_value(&done).unwrap_or_default();
    ctx.record(
        conn,
        "campaigns.rebuilt",
        "consultation",
        consultation_id,
        data,
    )?;
    Ok(done)
}
