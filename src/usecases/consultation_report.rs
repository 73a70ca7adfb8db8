//! The report of a closed consultation: what was received and what was done with it (the
//! European Court of Auditors' point): received, distinct texts and campaign groups,
//! published, withheld by reason, answered, outcomes, days to answer, and every published text
//! once with how many sent it and the Committee's answer.

use crate::domain::error::Problem;
use crate::i18n::t;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::AppError;
use crate::audit::Context;
use crate::db::consultation_reports::{self as frozen_store, FrozenReportRow};
use crate::db::consultations::{self as store, ConsultationRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::calendar::Status;

/// One published text.
#[derive(Debug, Serialize, Deserialize)]
pub struct Item {
    /// The text.
    pub body: String,
    /// How many people sent it (published copies).
    pub senders: i64,
    /// The Committee's answer.
    pub answer: Option<String>,
    /// Its outcome.
    pub outcome: Option<String>,
    /// When it was answered.
    pub answered_at: Option<NaiveDateTime>,
    /// Days from the first copy's arrival to the answer.
    pub days_to_answer: Option<i64>,
    /// Signatures ("Me sumo") added to its comments (absent from reports frozen before).
    #[serde(default)]
    pub endorsements: i64,
}

/// The report.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    /// The consultation.
    pub consultation_id: String,
    /// Its title.
    pub title: String,
    /// Comments received.
    pub received: i64,
    /// Distinct texts (identical copies counted once).
    pub distinct_texts: i64,
    /// Texts sent by two or more people (campaigns).
    pub campaign_groups: i64,
    /// Comments in those campaigns.
    pub campaign_comments: i64,
    /// Published comments.
    pub published: i64,
    /// Withheld comments.
    pub withheld: i64,
    /// Withheld, by reason.
    pub withheld_by_reason: BTreeMap<String, i64>,
    /// Published comments whose text has an answer.
    pub answered: i64,
    /// Published comments by the outcome of their answer (`none` when not said).
    pub outcomes: BTreeMap<String, i64>,
    /// Average days to answer a published text.
    pub average_days_to_answer: Option<f64>,
    /// The longest wait for an answer, in days.
    pub longest_days_to_answer: Option<i64>,
    /// Every published text, largest group first.
    pub items: Vec<Item>,
    /// Each article of the draft: comments, proposed wordings, outcomes, whether it changed
    /// (none when the draft has no articles; absent from reports frozen before drafts had them).
    #[serde(default)]
    pub articles: Vec<super::consultation_report_articles::ArticleLine>,
    /// Distinct arguments: campaigns of near-duplicate texts (issue 36; absent from reports
    /// frozen before campaigns).
    #[serde(default)]
    pub distinct_arguments: i64,
    /// The ten largest campaigns, largest first.
    #[serde(default)]
    pub largest_campaigns: Vec<super::consultation_report_campaigns::CampaignLine>,
    /// Signatures added to published comments ("Me sumo").
    #[serde(default)]
    pub endorsements: i64,
    /// The similarity threshold the campaigns were counted with.
    #[serde(default)]
    pub campaign_similarity: f64,
    /// Received comments by channel: `web`, `paper`, `phone`, `in_person`, `email`,
    /// `whatsapp` (issue 37; absent from reports frozen before).
    #[serde(default)]
    pub by_channel: BTreeMap<String, i64>,
}

/// The report of a consultation; refused (409 `consultation_not_closed`) before it closes.
pub fn report(
    conn: &mut DbConnection,
    id: &str,
    now: DateTime<Utc>,
    campaign_similarity: f64,
) -> Result<Report, AppError> {
    let c: ConsultationRow = super::consultations::find(conn, id)?;
    if super::consultations::status_of(&c, now) != Status::Closed {
        return Err(AppError::conflict(
            "consultation_not_closed",
            Problem::new("conflicto-consultation-not-closed"),
        ));
    }
    let counts = super::consultations::counts(conn, &c.id)?;
    let sizes = store::group_sizes(conn, &c.id)?;
    let campaigns: Vec<i64> = sizes.iter().copied().filter(|n| *n > 1).collect();
    let withheld_by_reason: BTreeMap<String, i64> = store::withheld_by_reason(conn, &c.id)?
        .into_iter()
        .map(|(r, n)| (r.unwrap_or_else(|| "other".into()), n))
        .collect();
    let answers: HashMap<String, store::ResponseRow> = store::responses(conn, &c.id)?
        .into_iter()
        .map(|r| (r.group_key.clone(), r))
        .collect();
    let groups = store::group_summaries(conn, &c.id, "published")?;
    let campaigns_now = super::campaigns::summaries(conn, &c.id, true)?;
    let signed: HashMap<String, i64> = campaigns_now
        .iter()
        .map(|s| (s.group_key.clone(), s.endorsements))
        .collect();
    let firsts: Vec<String> = groups.iter().filter_map(|g| g.2.clone()).collect();
    let bodies: HashMap<String, String> = store::bodies(conn, &firsts)?.into_iter().collect();
    let mut outcomes: BTreeMap<String, i64> = BTreeMap::new();
    let mut answered = 0;
    let mut waits = Vec::new();
    let items = groups
        .into_iter()
        .map(|(key, senders, first, earliest)| {
            let answer = answers.get(&key);
            let days = answer
                .zip(earliest)
                .map(|(a, e)| (a.responded_at - e).num_days().max(0));
            if let Some(a) = answer {
                answered += senders;
                *outcomes
                    .entry(a.outcome.clone().unwrap_or_else(|| "none".into()))
                    .or_default() += senders;
            }
            if let Some(d) = days {
                waits.push(d);
            }
            Item {
                endorsements: signed.get(&key).copied().unwrap_or(0),
                body: first
                    .and_then(|f| bodies.get(&f).cloned())
                    .unwrap_or_default(),
                senders,
                answer: answer.map(|a| a.body.clone()),
                outcome: answer.and_then(|a| a.outcome.clone()),
                answered_at: answer.map(|a| a.responded_at),
                days_to_answer: days,
            }
        })
        .collect();
    let articles = super::consultation_report_articles::lines(conn, &c)?;
    let largest_campaigns =
        super::consultation_report_campaigns::largest_of(conn, campaigns_now, counts.received)?;
    Ok(Report {
        articles,
        distinct_arguments: counts.distinct_arguments,
        largest_campaigns,
        endorsements: counts.endorsements,
        campaign_similarity,
        by_channel: counts.by_channel.clone(),
        consultation_id: c.id,
        title: c.title,
        received: counts.received,
        distinct_texts: sizes.len() as i64,
        campaign_groups: campaigns.len() as i64,
        campaign_comments: campaigns.iter().sum(),
        published: counts.published,
        withheld: counts.rejected,
        withheld_by_reason,
        answered,
        outcomes,
        average_days_to_answer: (!waits.is_empty())
            .then(|| (waits.iter().sum::<i64>() as f64 / waits.len() as f64 * 10.0).round() / 10.0),
        longest_days_to_answer: waits.iter().copied().max(),
        items,
    })
}

/// The report as frozen: computed once the consultation has closed, stored, its SHA-256
/// recorded in the audit chain (`consultation.report_frozen`), and from then on read back as
/// stored while the consultation's counts stay as they were. A late answer or moderation
/// changes them, and the next reading freezes a new version (a new entry in the chain), so the
/// report is never stale and never recomputed for nothing (it took 3.2-3.7 s of CPU a PDF).
pub fn frozen(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    campaign_similarity: f64,
) -> Result<(Report, FrozenReportRow), AppError> {
    let c: ConsultationRow = super::consultations::find(conn, id)?;
    let counts = super::consultations::counts(conn, &c.id)?;
    // A final text published after the report froze makes a new version (its table per
    // article gains what changed).
    let final_text = crate::db::drafts::final_text(conn, &c.id)?
        .map(|f| f.sha256[..12].to_string())
        .unwrap_or_default();
    let version = format!(
        "{}-{}-{}-{}-{}-{}{}",
        counts.received,
        counts.distinct,
        counts.published,
        counts.rejected,
        counts.answered,
        counts.endorsements,
        if final_text.is_empty() {
            String::new()
        } else {
            format!("-{final_text}")
        }
    );
    let parse = |row: FrozenReportRow| -> Result<(Report, FrozenReportRow), AppError> {
        let report =
            serde_json::from_str(&row.body).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((report, row))
    };
    if let Some(row) = frozen_store::get(conn, &c.id)? {
        if row.version == version {
            return parse(row);
        }
    }
    let report = report(conn, &c.id, ctx.now, campaign_similarity)?;
    let mut fresh = false;
    let frozen = write_tx(conn, |conn| {
        if let Some(row) = frozen_store::get(conn, &c.id)? {
            if row.version == version {
                return parse(row);
            }
        }
        let body = serde_json::to_string(&report).map_err(|e| AppError::Internal(e.to_string()))?;
        let row = FrozenReportRow {
            consultation_id: c.id.clone(),
            sha256: hex::encode(Sha256::digest(body.as_bytes())),
            version: version.clone(),
            body,
            pdf: None,
            pdf_sha256: None,
            frozen_at: ctx.now.naive_utc(),
        };
        frozen_store::put(conn, &row)?;
        ctx.record(
            conn,
            "consultation.report_frozen",
            "consultation",
            &c.id,
            serde_json::json!({"sha256": row.sha256, "version": row.version}),
        )?;
        fresh = true;
        Ok((report, row))
    })?;
    if fresh {
        super::transparency::publish_after_freeze(conn, ctx);
    }
    Ok(frozen)
}

/// Keeps the PDF drawn from a frozen version (its SHA-256 in the chain), so that it is drawn
/// once; nothing happens when that version was replaced meanwhile or has its PDF already.
pub fn freeze_pdf(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    row: &FrozenReportRow,
    pdf: &[u8],
) -> Result<(), AppError> {
    let sha256 = hex::encode(Sha256::digest(pdf));
    write_tx(conn, |conn| {
        if frozen_store::put_pdf(conn, &row.consultation_id, &row.version, pdf, &sha256)? {
            ctx.record(
                conn,
                "consultation.report_pdf_frozen",
                "consultation",
                &row.consultation_id,
                serde_json::json!({"sha256": sha256, "version": row.version, "bytes": pdf.len()}),
            )?;
        }
        Ok(())
    })
}

/// A part of the comments received, in per cent with one decimal ("75.0").
fn share(part: i64, received: i64) -> String {
    if received > 0 {
        format!("{:.1}", part as f64 * 100.0 / received as f64)
    } else {
        String::new()
    }
}

/// The report's texts as CSV: one row per published text (a campaign's published comments
/// count once), with its share of the comments received, its signatures, and the
/// consultation's distinct arguments and the similarity threshold they were counted with.
pub fn csv(report: &Report) -> Result<Vec<u8>, AppError> {
    let rows = report.items.iter().map(|i| {
        vec![
            i.body.clone(),
            i.senders.to_string(),
            i.answer.clone().unwrap_or_default(),
            i.outcome.clone().unwrap_or_default(),
            i.answered_at
                .map(|t| crate::domain::time::rfc3339(&t))
                .unwrap_or_default(),
            i.days_to_answer.map(|d| d.to_string()).unwrap_or_default(),
            share(i.senders, report.received),
            i.endorsements.to_string(),
            report.distinct_arguments.to_string(),
            format!("{}", report.campaign_similarity),
        ]
    });
    let headers = [
        "texto",
        "personas",
        "respuesta",
        "resultado",
        &t("datos-fecha-respuesta"),
        &t("datos-dias-para-responder"),
        &t("datos-parte-recibidos"),
        &t("datos-firmas-me-sumo"),
        &t("datos-argumentos-distintos"),
        &t("datos-umbral-similitud"),
    ];
    let mut out =
        crate::sheets::csv_table(&headers, rows).map_err(|e| AppError::Internal(e.to_string()))?;
    // The table per article follows the texts' table, after an empty line, with its own header.
    let articles = super::consultation_report_articles::csv_rows(&report.articles);
    if !articles.is_empty() {
        out.extend_from_slice(b"\r\n");
        let table =
            crate::sheets::csv_rows(articles).map_err(|e| AppError::Internal(e.to_string()))?;
        out.extend_from_slice(&table);
    }
    Ok(out)
}
