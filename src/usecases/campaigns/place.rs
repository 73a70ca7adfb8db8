//! Placing a batch of new comments in campaigns on the write path: only the LSH buckets of
//! the batch's texts are read (one query per consultation of the batch), never earlier comments.

use std::collections::BTreeMap;

use crate::db::campaigns::{self as store, BandRow, SignatureRow};
use crate::db::consultations::CommentRow;
use crate::db::DbConnection;
use crate::domain::campaign::Fingerprint;
use crate::domain::campaign_grouping::Buckets;

/// A new text's fingerprint and its scoped band keys (empty for a short text).
pub type Print<'a> = (&'a Fingerprint, &'a [i64]);

/// A campaign as the buckets know it: (its first comment's id, its group key). The ids are
/// UUIDv7, so the least is the campaign that started first.
type Label = (String, String);

/// Sets each long text's `group_key` to its campaign's (the first near-duplicate's campaign
/// found in its buckets, else its own exact key: a campaign of one) and stores it in the
/// buckets that have room. `prints` runs parallel to `rows`. Short texts keep their exact key:
/// they join identical texts only. Call it inside the write transaction, before the rows are
/// inserted.
pub fn place(
    conn: &mut DbConnection,
    rows: &mut [CommentRow],
    prints: &[Print<'_>],
    threshold: f64,
) -> diesel::QueryResult<()> {
    let mut by_consultation: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if prints[i].0.signature.is_some() {
            by_consultation
                .entry(row.consultation_id.clone())
                .or_default()
                .push(i);
        }
    }
    let mut bands = Vec::new();
    let mut signatures = Vec::new();
    for (consultation_id, indices) in by_consultation {
        let mut keys: Vec<i64> = indices
            .iter()
            .flat_map(|i| prints[*i].1.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut buckets: Buckets<Label> = Buckets::new(threshold);
        // Each stored text once, with all its band keys among those asked for.
        let mut known: BTreeMap<String, (Label, Vec<i64>, Vec<u8>)> = BTreeMap::new();
        for (band, signature) in store::members(conn, &consultation_id, &keys)? {
            let entry = known.entry(band.comment_id.clone()).or_insert_with(|| {
                (
                    (band.campaign_id.clone(), band.group_key.clone()),
                    Vec::new(),
                    signature,
                )
            });
            entry.1.push(band.band_key);
        }
        for (label, keys, signature) in known.into_values() {
            buckets.remember(&keys, label, Fingerprint::from_bytes(&signature));
        }
        for i in indices {
            let (print, keys) = prints[i];
            let row = &mut rows[i];
            let fresh = (row.id.clone(), row.group_key.clone());
            let ((campaign_id, group_key), kept) = buckets.place(keys, print.clone(), fresh);
            row.group_key = group_key.clone();
            if kept.is_empty() {
                continue;
            }
            signatures.push(SignatureRow {
                comment_id: row.id.clone(),
                consultation_id: consultation_id.clone(),
                signature: print.to_bytes(),
            });
            bands.extend(kept.into_iter().map(|band_key| BandRow {
                consultation_id: consultation_id.clone(),
                band_key,
                comment_id: row.id.clone(),
                campaign_id: campaign_id.clone(),
                group_key: group_key.clone(),
            }));
        }
    }
    store::insert(conn, &bands, &signatures)
}
