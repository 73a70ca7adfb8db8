//! Grouping 100,000 comments into campaigns from scratch (issue 36, acceptance 2: a rebuild of a
//! consultation with 100,000 comments within 10 s): 80 form letters with 1,000 edited copies each
//! plus 20,000 unique comments, fingerprinted and assigned in arrival order, three runs. The
//! fingerprinting alone is timed in the same run as the baseline the grouping adds to.
//!
//! `cargo bench --bench campaigns` (release build).

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tramites::domain::campaign::fingerprint;
use tramites::domain::campaign_grouping::Grouper;

fn word(rng: &mut StdRng) -> String {
    const SYLLABLES: &[&str] = &[
        "ta", "re", "mi", "so", "la", "ca", "de", "no", "pe", "ri", "que", "tra", "bajo", "ley",
    ];
    (0..rng.gen_range(2..4))
        .map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())])
        .collect()
}

fn corpus() -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(100_000);
    let mut out = Vec::with_capacity(100_000);
    for _ in 0..80 {
        let letter: Vec<String> = (0..70).map(|_| word(&mut rng)).collect();
        for _ in 0..1_000 {
            let mut copy = letter.clone();
            for _ in 0..rng.gen_range(0..3) {
                let i = rng.gen_range(0..copy.len());
                copy[i] = word(&mut rng);
            }
            if rng.gen_bool(0.6) {
                copy.push(format!("atentamente {} {}", word(&mut rng), word(&mut rng)));
            }
            out.push(copy.join(" "));
        }
    }
    for _ in 0..20_000 {
        let n = rng.gen_range(15..80);
        out.push((0..n).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" "));
    }
    // Arrival order mixes the campaigns.
    for i in (1..out.len()).rev() {
        let j = rng.gen_range(0..=i);
        out.swap(i, j);
    }
    out
}

fn main() {
    let texts = corpus();
    for run in 1..=3 {
        let start = Instant::now();
        let prints: usize = texts
            .iter()
            .map(|t| fingerprint(t).signature.map_or(0, |s| s.len()))
            .sum();
        let fingerprints = start.elapsed();
        let start = Instant::now();
        let mut grouper = Grouper::new(0.8);
        let campaigns = texts.iter().map(|t| grouper.add(t)).max().unwrap_or(0) + 1;
        let grouping = start.elapsed();
        println!(
            "run {run}: {} comments, {campaigns} campaigns: fingerprints alone {:.2} s ({prints} hashes), \
             fingerprints and grouping {:.2} s",
            texts.len(),
            fingerprints.as_secs_f64(),
            grouping.as_secs_f64()
        );
    }
}
