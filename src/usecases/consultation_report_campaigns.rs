//! What a consultation's report says of campaigns (issue 36): how copies were counted (the
//! method and its threshold), the distinct arguments, the ten largest campaigns with their share
//! of the comments received, and the signatures: the same lines on the page, in the PDF and in
//! the CSV.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::consultation_report::Report;
use super::error::AppError;
use crate::db::consultations as store;
use crate::db::DbConnection;

/// One of the largest campaigns.
#[derive(Debug, Serialize, Deserialize)]
pub struct CampaignLine {
    /// Its first published text (none when every copy was withheld).
    pub text: Option<String>,
    /// Comments in it.
    pub size: i64,
    /// Its share of the comments received, in per cent (one decimal).
    pub share: f64,
    /// Published comments in it.
    pub published: i64,
    /// Signatures added to its comments.
    pub endorsements: i64,
}

/// Campaigns a report lists.
const LARGEST: usize = 10;

/// The ten largest campaigns of a consultation.
pub fn largest(
    conn: &mut DbConnection,
    id: &str,
    received: i64,
) -> Result<Vec<CampaignLine>, AppError> {
    let all = super::campaigns::summaries(conn, id, true)?;
    largest_of(conn, all, received)
}

/// The ten largest of a consultation's campaigns ([`super::campaigns::summaries`], staff view).
pub fn largest_of(
    conn: &mut DbConnection,
    all: Vec<super::campaigns::Summary>,
    received: i64,
) -> Result<Vec<CampaignLine>, AppError> {
    let firsts: Vec<String> = all
        .iter()
        .take(LARGEST)
        .filter_map(|s| s.first_published.clone())
        .collect();
    let bodies: HashMap<String, String> = store::bodies(conn, &firsts)?.into_iter().collect();
    Ok(all
        .into_iter()
        .take(LARGEST)
        .map(|s| CampaignLine {
            text: s.first_published.and_then(|f| bodies.get(&f).cloned()),
            size: s.size,
            share: if received > 0 {
                (s.size as f64 * 1000.0 / received as f64).round() / 10.0
            } else {
                0.0
            },
            published: s.published,
            endorsements: s.endorsements,
        })
        .collect())
}

/// How copies were counted, in one sentence with the threshold the report used.
pub fn method(r: &Report) -> String {
    crate::tr!(
        "informe-metodo-campanas",
        umbral = crate::format::figure(r.campaign_similarity)
    )
}

/// Characters of a campaign's text a report's table shows.
const EXCERPT: usize = 160;

/// The largest campaigns as table rows: text (cut), comments, share, published, signatures.
pub fn rows(r: &Report) -> Vec<Vec<String>> {
    r.largest_campaigns
        .iter()
        .map(|c| {
            let text = match &c.text {
                Some(t) if t.chars().count() > EXCERPT => {
                    format!(
                        "{}…",
                        t.chars().take(EXCERPT).collect::<String>().trim_end()
                    )
                }
                Some(t) => t.clone(),
                None => crate::i18n::t("informe-campana-retenida"),
            };
            vec![
                text,
                crate::format::figure(c.size as f64),
                format!("{} %", crate::format::figure(c.share)),
                crate::format::figure(c.published as f64),
                crate::format::figure(c.endorsements as f64),
            ]
        })
        .collect()
}

/// The columns of [`rows`].
pub fn headers() -> Vec<String> {
    [
        "informe-campana-texto",
        "informe-campana-comentarios",
        "informe-campana-parte",
        "columna-publicados",
        "informe-campana-firmas",
    ]
    .iter()
    .map(|k| crate::i18n::t(k))
    .collect()
}
