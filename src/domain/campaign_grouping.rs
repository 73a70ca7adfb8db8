//! Assigning texts to campaigns (issue 36): the rule both the write path and a rebuild follow.
//!
//! A text joins the campaign of any earlier text whose estimated similarity to it reaches the
//! threshold (single linkage, so a campaign's variants may chain), looking only at the texts that
//! share one of its LSH bands; among several, the campaign that started first. A short text
//! joins only an identical (normalised) one. Otherwise it starts a campaign of its own. Each band
//! bucket remembers at most [`BUCKET_CAP`] texts, so a campaign of thousands of copies costs the
//! same as one of ten. Texts are taken in the order given (arrival), so the same input always gives
//! the same campaigns.
//!
//! [`Buckets`] holds the rule over any campaign label that orders campaigns by when they
//! started: the write path labels them with their first comment's id (a UUIDv7, time-ordered) and
//! loads only the buckets of a batch's texts from the database; [`Grouper`] numbers them 0, 1, 2…
//! for a rebuild in memory.

use std::collections::HashMap;

use super::campaign::{fingerprint, normalised, signatures_agree, Fingerprint, HASHES};

/// Texts remembered per band bucket.
pub const BUCKET_CAP: usize = 8;

/// The band maps a [`Buckets`] splits its keys over (by their top 8 bits), so that growing one
/// rehashes 1/256 of the keys: one map of two million keys stalled the writer for tens of
/// milliseconds each time it doubled (docs/PERFORMANCE-HISTORY.md, issue 36).
const SHARDS: usize = 256;

/// A bucket that holds two texts or more: their positions.
type Spilled = smallvec::SmallVec<[u32; BUCKET_CAP]>;

/// Marks a bucket's value as an index in [`Buckets::spilled`] rather than a text's position.
const SPILLED: u32 = 1 << 31;

/// LSH buckets of texts with their campaigns: the part of the rule that needs no database.
pub struct Buckets<C> {
    threshold: f64,
    /// The least number of equal signature values whose share reaches the threshold.
    needed: usize,
    /// Band key → its bucket, split over [`SHARDS`] maps by the key's top 8 bits, each map keyed
    /// by the key's low 32 bits. Most buckets hold one text (a distinct text is alone in its
    /// twenty), kept as its position; a bucket of more is an index in `spilled`, marked
    /// [`SPILLED`]. An entry is 8 bytes instead of 32 (the whole key and an inline vector): in
    /// a profile of distinct texts on SQLite these look-ups, in maps of millions of keys, were
    /// the largest part of placement (docs/PERFORMANCE.md). Two keys equal in those 40 bits
    /// (at two million keys, about one look-up in 500,000) share a bucket: their texts are
    /// compared like any other candidates, and only a text similar enough joins. The keys are
    /// hashes already, so the maps hash them with FNV rather than SipHash.
    shards: Vec<fnv::FnvHashMap<u32, u32>>,
    /// The buckets of two texts or more.
    spilled: Vec<Spilled>,
    /// The signatures of the texts in the buckets, [`HASHES`] values each, side by side in
    /// order of position: a comparison reads one place, not a fingerprint and then its vector.
    signatures: Vec<u16>,
    /// The campaigns of the texts in the buckets, by position.
    labels: Vec<C>,
}

impl<C: Ord + Clone> Buckets<C> {
    /// Empty buckets for a Jaccard threshold (the setting `campaign_similarity`).
    pub fn new(threshold: f64) -> Self {
        Self::with_shards(threshold, SHARDS)
    }

    /// Empty buckets whose keys are split over `shards` maps (1 to 256; the benchmark compares
    /// them, the service uses [`SHARDS`]).
    pub fn with_shards(threshold: f64, shards: usize) -> Self {
        Buckets {
            threshold,
            needed: Fingerprint::needed(threshold),
            shards: (0..shards.clamp(1, SHARDS))
                .map(|_| fnv::FnvHashMap::default())
                .collect(),
            spilled: Vec::new(),
            signatures: Vec::new(),
            labels: Vec::new(),
        }
    }

    /// The map a band key is in.
    fn shard(&self, key: i64) -> usize {
        (key as u64 >> 56) as usize % self.shards.len()
    }

    /// The threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Puts a text already stored (and its campaign) in the buckets of `keys`, as far as each
    /// has room; the texts must come in the order they were first placed. A text with no room
    /// in any of its buckets is not kept at all (a campaign's thousandth copy costs no memory
    /// when the buckets are loaded again).
    pub fn remember(&mut self, keys: &[i64], campaign: C, print: Fingerprint) {
        self.place_as(keys, print, campaign, false);
    }

    /// Places a new text whose band keys are `keys`: the earliest campaign (least label) of a
    /// text in one of its buckets at or above the threshold, else `fresh`. The text is then
    /// remembered in the buckets that have room for it.
    pub fn place(&mut self, keys: &[i64], print: Fingerprint, fresh: C) -> C {
        self.place_as(keys, print, fresh, true)
    }

    /// One pass over the text's buckets: each is looked up once, its texts compared (when
    /// `compare`) and the new text added where there is room, then its campaign settled. A
    /// text found in several buckets is compared once (near-duplicates share most of their
    /// twenty buckets), and a comparison stops as soon as the threshold is out of reach:
    /// placement runs while the writer holds its turn (issue 36).
    fn place_as(&mut self, keys: &[i64], print: Fingerprint, fresh: C, compare: bool) -> C {
        use std::collections::hash_map::Entry;
        // A short text has no keys, and every signature has HASHES values.
        let Some(print) = print.signature.filter(|s| s.len() == HASHES) else {
            return fresh;
        };
        let me = self.labels.len() as u32;
        let mut best: Option<u32> = None;
        let mut compared: smallvec::SmallVec<[u32; 32]> = smallvec::SmallVec::new();
        let mut kept = false;
        for key in keys {
            let shard = self.shard(*key);
            let Buckets {
                shards,
                spilled,
                signatures,
                labels,
                needed,
                ..
            } = self;
            let slot = match shards[shard].entry(*key as u64 as u32) {
                Entry::Vacant(vacant) => {
                    // A bucket of its own: nobody to compare with, and room.
                    vacant.insert(me);
                    kept = true;
                    continue;
                }
                Entry::Occupied(slot) => slot.into_mut(),
            };
            let alone = [*slot];
            let others: &[u32] = if *slot & SPILLED == 0 {
                &alone
            } else {
                &spilled[(*slot & !SPILLED) as usize]
            };
            if compare {
                for other in others {
                    let label = &labels[*other as usize];
                    if best.is_some_and(|b| labels[b as usize] <= *label)
                        || compared.contains(other)
                    {
                        continue;
                    }
                    compared.push(*other);
                    let at = *other as usize * HASHES;
                    if signatures_agree(&print, &signatures[at..at + HASHES], *needed) {
                        best = Some(*other);
                    }
                }
            }
            if *slot & SPILLED == 0 {
                *slot = spilled.len() as u32 | SPILLED;
                spilled.push(smallvec::smallvec![alone[0], me]);
                kept = true;
            } else {
                let bucket = &mut spilled[(*slot & !SPILLED) as usize];
                if bucket.len() < BUCKET_CAP {
                    bucket.push(me);
                    kept = true;
                }
            }
        }
        let campaign = match best {
            Some(b) => self.labels[b as usize].clone(),
            None => fresh,
        };
        if kept {
            self.signatures.extend_from_slice(&print);
            self.labels.push(campaign.clone());
        }
        campaign
    }
}

/// Campaigns being built in memory, numbered in order of their first text.
pub struct Grouper {
    buckets: Buckets<usize>,
    /// Normalised short text → campaign.
    exact: HashMap<String, usize>,
    /// Campaigns started.
    campaigns: usize,
}

impl Grouper {
    /// An empty grouping with a Jaccard threshold (the setting `campaign_similarity`).
    pub fn new(threshold: f64) -> Self {
        Grouper {
            buckets: Buckets::new(threshold),
            exact: HashMap::new(),
            campaigns: 0,
        }
    }

    /// Adds a text; returns its campaign (0, 1, 2… in order of their first text).
    pub fn add(&mut self, text: &str) -> usize {
        self.add_print(fingerprint(text), || normalised(text), &[])
    }

    /// Adds a text by its fingerprint, with its exact key (asked for only when the text is
    /// short) and the scope its band keys are mixed with ([`Fingerprint::scoped_bands`]).
    pub fn add_print(
        &mut self,
        print: Fingerprint,
        exact: impl FnOnce() -> String,
        scope: &[&str],
    ) -> usize {
        let next = self.campaigns;
        let campaign = if print.signature.is_none() {
            *self.exact.entry(exact()).or_insert(next)
        } else {
            let keys = print.scoped_bands(scope);
            self.buckets.place(&keys, print, next)
        };
        if campaign == next {
            self.campaigns += 1;
        }
        campaign
    }
}

#[cfg(test)]
#[path = "campaign_corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    const BANDS_OF_A_TEXT: usize = crate::domain::campaign::BANDS;

    const LETTER: &str = "Señores del Comité: solicitamos que el registro de contratos se haga \
        completamente en línea, sin copias del DPI ni visitas a la oficina, porque las empresas \
        pequeñas de los departamentos pierden días de trabajo viajando a la capital.";

    #[test]
    fn copies_beyond_full_buckets_still_join_and_a_different_text_starts_its_own() {
        let mut grouper = Grouper::new(0.8);
        let first = grouper.add(LETTER);
        for _ in 0..BUCKET_CAP * 3 {
            assert_eq!(grouper.add(LETTER), first);
        }
        // Identical copies share all twenty buckets: once these are full, a copy is not kept.
        assert_eq!(grouper.buckets.labels.len(), BUCKET_CAP);
        assert_eq!(grouper.buckets.signatures.len(), BUCKET_CAP * HASHES);
        assert_eq!(grouper.buckets.spilled.len(), BANDS_OF_A_TEXT);
        assert!(grouper
            .buckets
            .spilled
            .iter()
            .all(|b| b.len() == BUCKET_CAP));
        for i in 0..BUCKET_CAP {
            let copy = format!("{LETTER} Firma: persona número {i}.");
            assert_eq!(grouper.add(&copy), first, "copy {i}");
        }
        let other = grouper.add(
            "La inspección de trabajo debería publicar cada mes cuántas denuncias recibe, \
             cuántas resuelve y en cuántos días, separadas por departamento y por sector.",
        );
        assert_ne!(other, first);
        assert!(grouper
            .buckets
            .spilled
            .iter()
            .all(|b| b.len() <= BUCKET_CAP));
    }
}
