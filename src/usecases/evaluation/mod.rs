//! The acceptance evaluation of launched procedures: the citizens' survey, the Committee's
//! monthly transactions per channel, the share of transactions done online, and the usage
//! report that closes the cycle (attached as the procedure's `usage_report` document).
//! Every change writes its audit entry in the same transaction.

use crate::domain::error::Problem;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use super::error::AppError;
use crate::audit::Context;
use crate::db::evaluation::{self as store, SurveyRow, UsageRow};
use crate::db::lifecycle::DocumentMeta;
use crate::db::procedures::{self, ProcedureRow};
use crate::db::{lifecycle, write_tx, DbConnection};
use crate::domain::burden::{Burden, CostRates};
use crate::domain::comment::body_sha256;
use crate::domain::error::FieldError;
use crate::domain::evaluation::{
    percent, read_usage_csv, tally, use_shares, Month, ProcedureUsage, SurveyAnswer, SurveyResults,
    Usage, UseShare,
};
use crate::domain::savings::{savings, Savings};
use crate::domain::workflow::{Registry, Tag};
use crate::domain::Category;

mod usage;
pub use usage::*;

mod usage_report;
pub use usage_report::*;

/// A procedure by id or code.
pub fn find(conn: &mut DbConnection, id_or_code: &str) -> Result<ProcedureRow, AppError> {
    let found = match procedures::find(conn, id_or_code)? {
        Some(p) => Some(p),
        None => procedures::find_by_code(conn, id_or_code)?,
    };
    found.ok_or_else(|| AppError::not_found("inexistente-tramite"))
}

/// Whether a procedure has a survey (it has been launched).
pub fn surveyed(registry: &Registry, p: &ProcedureRow) -> bool {
    registry.tagged(&p.workflow, p.workflow_version, &p.state, Tag::Surveyed)
}

/// What a citizen gets back: the answer's id only.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyReceipt {
    /// Id.
    pub id: String,
}

/// Stores a survey answer; 409 `survey_not_open` before the procedure is launched. A repeated
/// key (the page's one-time token, or the API's Idempotency-Key) stores nothing new.
pub fn submit_survey(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    procedure: &str,
    answer: &SurveyAnswer,
    key: Option<String>,
) -> Result<SurveyReceipt, AppError> {
    write_tx(conn, |conn| {
        let p = find(conn, procedure)?;
        if !surveyed(registry, &p) {
            return Err(AppError::conflict(
                "survey_not_open",
                Problem::new("conflicto-survey-not-open"),
            ));
        }
        if let Some(k) = &key {
            if let Some(existing) = store::answer_by_key(conn, k)? {
                return Ok(SurveyReceipt { id: existing.id });
            }
        }
        let row = SurveyRow {
            id: uuid::Uuid::now_v7().to_string(),
            procedure_id: p.id.clone(),
            satisfaction: answer.satisfaction,
            ease: answer.ease,
            completed_online: answer.completed_online,
            channel: answer.channel.as_str().into(),
            comment: answer.comment.clone(),
            comment_status: if answer.comment.is_some() {
                "received"
            } else {
                "none"
            }
            .into(),
            reject_reason: None,
            moderated_by: None,
            moderated_at: None,
            idempotency_key: key,
            received_at: ctx.now.naive_utc(),
        };
        store::insert_answer(conn, &row)?;
        ctx.record(
            conn,
            "survey.answered",
            "procedure",
            &p.id,
            serde_json::json!({
                "answer_id": row.id,
                "satisfaction": row.satisfaction,
                "ease": row.ease,
                "completed_online": row.completed_online,
                "channel": row.channel,
                "comment_sha256": row.comment.as_deref().map(body_sha256),
            }),
        )?;
        Ok(SurveyReceipt { id: row.id })
    })
}

/// The survey's results and its published comments.
#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    /// Counts and averages.
    #[serde(flatten)]
    pub results: SurveyResults,
    /// Published comments (text only, no dates).
    pub comments: Vec<String>,
}

/// A procedure's survey results.
pub fn survey(conn: &mut DbConnection, procedure: &str) -> Result<Survey, AppError> {
    let p = find(conn, procedure)?;
    let scores = store::scores(conn, &p.id)?;
    Ok(Survey {
        results: tally(scores.iter().map(|(s, e, d, c)| (*s, *e, *d, c.as_str()))),
        comments: store::published_comments(conn, &p.id)?,
    })
}

/// Publishes or withholds a survey comment (committee); audited as `survey.comment_moderated`.
pub fn moderate_comment(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    answer_id: &str,
    decision: &crate::domain::comment::Decision,
) -> Result<(), AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let reason = decision.reason.as_deref();
    write_tx(conn, |conn| {
        let a = store::answer(conn, answer_id)?
            .ok_or_else(|| AppError::not_found("inexistente-respuesta"))?;
        let status = decision.status.as_str();
        let changed = store::moderate(conn, &a.id, status, reason, ctx.actor, ctx.now.naive_utc())?;
        if changed == 0 {
            return Err(AppError::conflict(
                "already_moderated",
                Problem::new("conflicto-already-moderated"),
            ));
        }
        ctx.record(
            conn,
            "survey.comment_moderated",
            "procedure",
            &a.procedure_id,
            serde_json::json!({"answer_id": a.id, "status": status, "reason": reason}),
        )?;
        Ok(())
    })
}

/// A launched procedure's figures in the catalogue: its online share, and its average
/// satisfaction with the number of answers.
pub type CatalogueFigures = (Option<f64>, Option<(f64, i64)>);

/// Per procedure id: the online share of its last twelve months with data, and its average
/// satisfaction with the number of answers (for the catalogue).
pub fn catalogue_figures(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<HashMap<String, CatalogueFigures>, AppError> {
    let mut out: HashMap<String, CatalogueFigures> = HashMap::new();
    for id in ids {
        let months: Vec<(Month, Usage)> = store::usage_of(conn, id)?
            .iter()
            .filter_map(month_of)
            .collect();
        let share = use_shares(&[ProcedureUsage {
            category: None,
            months,
        }])
        .into_iter()
        .find(|s| s.total > 0)
        .map(|s| s.percent);
        out.entry(id.clone()).or_default().0 = share;
    }
    let mut sums: HashMap<String, (i64, i64)> = HashMap::new();
    for (id, s) in store::satisfaction_by_procedure(conn, ids)? {
        let e = sums.entry(id).or_default();
        e.0 += i64::from(s);
        e.1 += 1;
    }
    for (id, (sum, n)) in sums {
        out.entry(id).or_default().1 = Some(((sum as f64 * 10.0 / n as f64).round() / 10.0, n));
    }
    Ok(out)
}
