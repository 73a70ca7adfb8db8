//! Assigning texts to campaigns (issue 36): the rule both the write path and a rebuild follow.
//!
//! A text joins the campaign of any earlier text whose estimated similarity to it reaches the
//! threshold (single linkage, so a campaign's variants may chain), looking only at the texts that
//! share one of its LSH bands; among several, the campaign that started first. A short text
//! joins only an identical (normalised) one. Otherwise it starts a campaign of its own. Each band
//! bucket remembers at most [`BUCKET_CAP`] texts, so a campaign of thousands of copies costs the
//! same as one of ten. Texts are taken in the order given (arrival), so the same input always gives
//! the same campaigns.

use std::collections::HashMap;

use super::campaign::{fingerprint, normalised, Fingerprint};

/// Texts remembered per band bucket.
pub const BUCKET_CAP: usize = 8;

/// Campaigns being built, in memory.
pub struct Grouper {
    threshold: f64,
    /// Band key → (campaign, text) of the first texts that had it.
    buckets: HashMap<(usize, i64), Vec<(usize, usize)>>,
    /// Normalised short text → campaign.
    exact: HashMap<String, usize>,
    /// Every text's fingerprint, by position.
    prints: Vec<Fingerprint>,
    /// Campaigns started.
    campaigns: usize,
}

impl Grouper {
    /// An empty grouping with a Jaccard threshold (the setting `campaign_similarity`).
    pub fn new(threshold: f64) -> Self {
        Grouper {
            threshold,
            buckets: HashMap::new(),
            exact: HashMap::new(),
            prints: Vec::new(),
            campaigns: 0,
        }
    }

    /// Adds a text; returns its campaign (0, 1, 2… in order of their first text).
    pub fn add(&mut self, text: &str) -> usize {
        let print = fingerprint(text);
        let me = self.prints.len();
        let campaign = if print.signature.is_none() {
            let key = normalised(text);
            let next = self.campaigns;
            let c = *self.exact.entry(key).or_insert(next);
            if c == next {
                self.campaigns += 1;
            }
            c
        } else {
            let bands = print.bands();
            let mut best: Option<usize> = None;
            for (b, key) in bands.iter().enumerate() {
                for &(c, other) in self.buckets.get(&(b, *key)).into_iter().flatten() {
                    if best.is_some_and(|x| x <= c) {
                        continue;
                    }
                    if print.similarity(&self.prints[other]) >= self.threshold {
                        best = Some(c);
                    }
                }
            }
            let c = best.unwrap_or_else(|| {
                self.campaigns += 1;
                self.campaigns - 1
            });
            for (b, key) in bands.into_iter().enumerate() {
                let bucket = self.buckets.entry((b, key)).or_default();
                if bucket.len() < BUCKET_CAP {
                    bucket.push((c, me));
                }
            }
            c
        };
        self.prints.push(print);
        campaign
    }
}

#[cfg(test)]
#[path = "campaign_corpus.rs"]
mod corpus;
