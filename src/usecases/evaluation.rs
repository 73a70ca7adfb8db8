//! The acceptance evaluation of launched procedures: the citizens' survey, the Committee's
//! monthly transactions per channel, the share of transactions done online, and the usage
//! report that closes the cycle (attached as the procedure's `usage_report` document).
//! Every change writes its audit entry in the same transaction.

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

/// A procedure by id or code.
pub fn find(conn: &mut DbConnection, id_or_code: &str) -> Result<ProcedureRow, AppError> {
    let found = match procedures::find(conn, id_or_code)? {
        Some(p) => Some(p),
        None => procedures::find_by_code(conn, id_or_code)?,
    };
    found.ok_or_else(|| AppError::NotFound("no existe ese trámite".into()))
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
                "la encuesta se abre cuando el trámite se lanza",
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
    publish: bool,
    reason: Option<&str>,
) -> Result<(), AppError> {
    if !publish && !reason.is_some_and(|r| crate::domain::comment::REJECT_REASONS.contains(&r)) {
        return Err(AppError::field(
            "reason",
            "diga por qué se retiene: abusive, spam, off_topic, personal_data o duplicate",
        ));
    }
    write_tx(conn, |conn| {
        let a = store::answer(conn, answer_id)?
            .ok_or_else(|| AppError::NotFound("no existe esa respuesta".into()))?;
        let status = if publish { "published" } else { "rejected" };
        let changed = store::moderate(
            conn,
            &a.id,
            status,
            if publish { None } else { reason },
            ctx.actor,
            ctx.now.naive_utc(),
        )?;
        if changed == 0 {
            return Err(AppError::conflict(
                "already_moderated",
                "ese comentario ya fue moderado o no tiene comentario",
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

/// Records a month's transactions (committee), replacing what the month held; audited as
/// `usage.recorded` with the figures before and after.
pub fn put_usage(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    month: Month,
    usage: Usage,
) -> Result<UsageRow, AppError> {
    write_tx(conn, |conn| {
        put_usage_in(conn, ctx, procedure, month, usage)
    })
}

fn put_usage_in(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    month: Month,
    usage: Usage,
) -> Result<UsageRow, AppError> {
    let p = find(conn, procedure)?;
    let row = UsageRow {
        procedure_id: p.id.clone(),
        month: month.key(),
        online: usage.online,
        in_person: usage.in_person,
        other: usage.other,
        updated_by: ctx.actor.into(),
        updated_at: ctx.now.naive_utc(),
    };
    let before = store::put_usage(conn, &row)?;
    ctx.record(
        conn,
        "usage.recorded",
        "procedure",
        &p.id,
        serde_json::json!({
            "month": row.month,
            "online": row.online, "in_person": row.in_person, "other": row.other,
            "before": before.map(|b| serde_json::json!({
                "online": b.online, "in_person": b.in_person, "other": b.other})),
        }),
    )?;
    Ok(row)
}

/// Records every month of a usage CSV in one transaction; any fault → 422 naming each row and
/// column, and nothing is written.
pub fn import_usage(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    bytes: &[u8],
) -> Result<Vec<UsageRow>, AppError> {
    let months = read_usage_csv(bytes).map_err(|errors| {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| {
                    FieldError::new(
                        if e.column.is_empty() {
                            "file".to_string()
                        } else {
                            e.column.clone()
                        },
                        format!("fila {}: {}", e.row, e.message),
                    )
                })
                .collect(),
        )
    })?;
    write_tx(conn, |conn| {
        months
            .iter()
            .map(|(m, u)| put_usage_in(conn, ctx, procedure, *m, *u))
            .collect()
    })
}

/// A procedure's months, oldest first.
pub fn usage(conn: &mut DbConnection, procedure: &str) -> Result<Vec<UsageRow>, AppError> {
    let p = find(conn, procedure)?;
    Ok(store::usage_of(conn, &p.id)?)
}

fn month_of(row: &UsageRow) -> Option<(Month, Usage)> {
    Some((
        Month::parse(&row.month)?,
        Usage {
            online: row.online,
            in_person: row.in_person,
            other: row.other,
        },
    ))
}

/// For each category, the share of transactions done online over the last twelve months with
/// data.
pub fn shares_by_use(conn: &mut DbConnection) -> Result<Vec<UseShare>, AppError> {
    let categories: HashMap<String, Option<Category>> = procedures::all_by_code(conn)?
        .into_iter()
        .map(|p| (p.id, Category::parse(&p.category)))
        .collect();
    let mut by_procedure: HashMap<String, ProcedureUsage> = HashMap::new();
    for row in store::all_usage(conn)? {
        let Some(m) = month_of(&row) else { continue };
        by_procedure
            .entry(row.procedure_id.clone())
            .or_insert_with(|| ProcedureUsage {
                category: categories.get(&row.procedure_id).copied().flatten(),
                months: Vec::new(),
            })
            .months
            .push(m);
    }
    Ok(use_shares(&by_procedure.into_values().collect::<Vec<_>>()))
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

/// One month of the usage report.
#[derive(Debug, Clone, Serialize)]
pub struct MonthLine {
    /// `YYYY-MM`.
    pub month: String,
    /// Online.
    pub online: i64,
    /// In person.
    pub in_person: i64,
    /// Other channels.
    pub other: i64,
    /// All.
    pub total: i64,
    /// Share online, percent.
    pub online_percent: f64,
}

/// Online share over some months.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Online.
    pub online: i64,
    /// All.
    pub total: i64,
    /// Percent.
    pub percent: f64,
}

/// The usage report of a procedure for a chosen period.
#[derive(Debug, Clone, Serialize)]
pub struct UsageReport {
    /// Procedure id.
    pub procedure_id: String,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// First month.
    pub from: String,
    /// Last month.
    pub to: String,
    /// The month it was launched, if it has been.
    pub launch_month: Option<String>,
    /// Each month of the period (months without figures show as 0).
    pub months: Vec<MonthLine>,
    /// The period's totals.
    pub total: MonthLine,
    /// Online share in the period's months before the launch.
    pub before_launch: Option<Share>,
    /// Online share from the launch month on.
    pub after_launch: Option<Share>,
    /// The survey.
    pub survey: Survey,
    /// The burden when analysis began.
    pub burden_before: Option<Burden>,
    /// The burden now.
    pub burden_now: Burden,
    /// The yearly saving.
    pub savings: Option<Savings>,
    /// When it was made (RFC 3339).
    pub generated_at: String,
}

fn line(month: String, u: Usage) -> MonthLine {
    MonthLine {
        month,
        online: u.online,
        in_person: u.in_person,
        other: u.other,
        total: u.total(),
        online_percent: percent(u.online, u.total()),
    }
}

fn share(months: &[&MonthLine]) -> Option<Share> {
    if months.is_empty() {
        return None;
    }
    let online = months.iter().map(|m| m.online).sum();
    let total = months.iter().map(|m| m.total).sum();
    Some(Share {
        online,
        total,
        percent: percent(online, total),
    })
}

/// The usage report of `procedure` from `from` to `to` (at most ten years).
pub fn usage_report(
    conn: &mut DbConnection,
    registry: &Registry,
    procedure: &str,
    from: Month,
    to: Month,
    rates: &CostRates,
    now: DateTime<Utc>,
) -> Result<UsageReport, AppError> {
    if from.until(to) < 0 {
        return Err(AppError::field(
            "hasta",
            "el último mes va después del primero",
        ));
    }
    if from.until(to) >= 120 {
        return Err(AppError::field(
            "hasta",
            "el informe cubre como mucho diez años",
        ));
    }
    let p = find(conn, procedure)?;
    let stored: HashMap<String, Usage> = store::usage_of(conn, &p.id)?
        .iter()
        .filter_map(month_of)
        .map(|(m, u)| (m.key(), u))
        .collect();
    let months: Vec<MonthLine> = (0..=from.until(to))
        .map(|i| {
            let key = from.plus(i).key();
            let u = stored.get(&key).copied().unwrap_or_default();
            line(key, u)
        })
        .collect();
    let sum = months.iter().fold(Usage::default(), |a, m| Usage {
        online: a.online + m.online,
        in_person: a.in_person + m.in_person,
        other: a.other + m.other,
    });
    let launch_month = lifecycle::history(conn, &p.id)?
        .iter()
        .filter(|h| registry.tagged(&p.workflow, p.workflow_version, &h.to_state, Tag::Launched))
        .map(|h| h.at)
        .max()
        .map(|at| Month {
            year: at.year(),
            month: at.month(),
        });
    let (before, after): (Vec<&MonthLine>, Vec<&MonthLine>) = match launch_month {
        Some(l) => months.iter().partition(|m| m.month < l.key()),
        None => (months.iter().collect(), Vec::new()),
    };
    let fields = p.fields();
    let base = p.baseline_fields();
    Ok(UsageReport {
        procedure_id: p.id.clone(),
        code: p.code.clone(),
        title: p.name.clone(),
        from: from.key(),
        to: to.key(),
        launch_month: launch_month.map(Month::key),
        total: line("total".into(), sum),
        before_launch: share(&before),
        after_launch: launch_month.and_then(|_| share(&after)),
        survey: survey(conn, &p.id)?,
        burden_before: base.as_ref().map(|b| {
            let mut b = b.clone();
            b.annual_volume = fields.annual_volume;
            b.burden(rates)
        }),
        burden_now: fields.burden(rates),
        savings: base.as_ref().map(|b| savings(b, &fields, rates)),
        months,
        generated_at: crate::domain::time::rfc3339(&now.naive_utc()),
    })
}

/// Attaches the usage report's PDF as the procedure's `usage_report` document (its SHA-256 is
/// recorded in the `document.attached` entry).
pub fn attach_usage_report(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    report: &UsageReport,
    pdf: &[u8],
) -> Result<DocumentMeta, AppError> {
    let filename = format!(
        "informe-de-uso-{}-{}-a-{}.pdf",
        report.code, report.from, report.to
    );
    super::documents::attach(
        conn,
        ctx,
        &report.procedure_id,
        &super::documents::Upload {
            kind: "usage_report",
            filename: &filename,
            content_type: "application/pdf",
            bytes: pdf,
        },
    )
}
