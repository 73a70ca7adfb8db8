//! The four-monthly accountability report (programme, line 19) and the indicators' daily
//! series it draws on.
//!
//! A period's report is computed from the data while the period runs. The first time it is
//! asked for after the period has ended (by anyone, or by the daily timer) it is frozen: its
//! JSON is stored, its SHA-256 recorded in the audit chain (`report.frozen`), and from then on
//! the stored JSON is what every format is made from, so later edits change nothing in it.

use crate::domain::error::Problem;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use super::error::AppError;
use crate::audit::Context;
use crate::db::procedures::ProcedureRow;
use crate::db::reports::{self as store, FrozenRow, SnapshotRow};
use crate::db::{consultations, lifecycle, procedures, write_tx, DbConnection};
use crate::domain::burden::CostRates;
use crate::domain::indicators::{compute, CountRow, Indicators};
use crate::domain::report::{
    states_at, AccountabilityReport, ConsultationLine, ConsultationSummary, IndicatorLine,
    IndicatorSummary, Lifeline, OverdueLine, OverdueSummary, Period, ProcedureLine, ReportStatus,
    SavingsLine, SavingsSummary, StageLine, Step, TransitionLine,
};
use crate::domain::savings::savings;
use crate::domain::time::rfc3339;
use crate::domain::workflow::{Registry, Tag};
use crate::domain::{Category, Channel};

mod series;
pub use series::*;

mod figures;
pub use figures::*;

mod compute;
use compute::*;

/// What the report needs besides the database.
#[derive(Clone, Copy)]
pub struct ReportSettings<'a> {
    /// The loaded workflows (state names).
    pub registry: &'a Registry,
    /// The Standard Cost Model rates.
    pub rates: CostRates,
    /// The service's time zone: periods and days begin at its midnight.
    pub tz: Tz,
}

/// A report as served.
#[derive(Debug, Clone)]
pub struct ReportDoc {
    /// The figures.
    pub report: AccountabilityReport,
    /// Its JSON: the stored bytes once frozen.
    pub json: Vec<u8>,
    /// SHA-256 of the JSON once frozen.
    pub sha256: Option<String>,
    /// When it was frozen.
    pub frozen_at: Option<NaiveDateTime>,
}

/// One line of the reports' index.
#[derive(Debug, Clone)]
pub struct IndexLine {
    /// The period.
    pub period: Period,
    /// Frozen: its hash and when.
    pub frozen: Option<(String, NaiveDateTime)>,
}

fn local_midnight(tz: Tz, day: NaiveDate) -> NaiveDateTime {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight");
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(midnight)
}

/// The day `now` falls on in the service's time zone.
pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

fn live_indicators(
    conn: &mut DbConnection,
    registry: &Registry,
    now: DateTime<Utc>,
) -> Result<Indicators, AppError> {
    super::indicators::indicators(conn, registry, now)
}

/// Records the indicators of `now`'s day, replacing an earlier measurement of that day; with
/// `only_if_missing`, does nothing when the day already has one (the daily timer). Returns
/// the measurement made. Audited as `indicators.recorded`.
pub fn record_indicators(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    tz: Tz,
    only_if_missing: bool,
) -> Result<Option<SnapshotRow>, AppError> {
    let day = today(tz, ctx.now);
    write_tx(conn, |conn| {
        if only_if_missing && store::snapshot(conn, day)?.is_some() {
            return Ok(None);
        }
        let ind = live_indicators(conn, registry, ctx.now)?;
        let row = SnapshotRow {
            day,
            priority_total: ind.priority.total,
            priority_digital: ind.priority.digital,
            general_total: ind.general.total,
            general_digital: ind.general.digital,
            overdue: ind.overdue,
            by_state: serde_json::to_string(&ind.by_state).unwrap_or_else(|_| "{}".into()),
            recorded_at: ctx.now.naive_utc(),
        };
        store::put_snapshot(conn, &row)?;
        ctx.record(
            conn,
            "indicators.recorded",
            "indicators",
            &day.to_string(),
            serde_json::json!({
                "priority_total": row.priority_total,
                "priority_digital": row.priority_digital,
                "general_total": row.general_total,
                "general_digital": row.general_digital,
                "overdue": row.overdue,
            }),
        )?;
        Ok(Some(row))
    })
}

/// The indicators' series, oldest first.
pub fn series(conn: &mut DbConnection) -> Result<Vec<SnapshotRow>, AppError> {
    Ok(store::series(conn)?)
}

/// The shares of a measurement, as the indicators compute them.
pub fn snapshot_indicators(row: &SnapshotRow) -> Indicators {
    let counts = [
        (Category::Priority, row.priority_digital, row.priority_total),
        (Category::General, row.general_digital, row.general_total),
    ]
    .into_iter()
    .flat_map(|(category, digital, total)| {
        [
            CountRow {
                category: Some(category),
                channel: Some(Channel::Online),
                state: String::new(),
                eliminated: false,
                count: digital,
            },
            CountRow {
                category: Some(category),
                channel: Some(Channel::InPerson),
                state: String::new(),
                eliminated: false,
                count: total - digital,
            },
        ]
    })
    .collect::<Vec<_>>();
    let by_state: BTreeMap<String, i64> = serde_json::from_str(&row.by_state).unwrap_or_default();
    let mut ind = compute(&counts, &[], row.overdue);
    ind.by_state = by_state;
    ind
}

fn indicator_summary(ind: &Indicators, measured_on: NaiveDate) -> IndicatorSummary {
    IndicatorSummary {
        measured_on,
        targets: ind
            .targets
            .iter()
            .map(|t| {
                let share = match t.category {
                    Category::Priority => &ind.priority,
                    Category::General => &ind.general,
                };
                IndicatorLine {
                    category: t.category.as_str().into(),
                    year: t.year,
                    target_percent: t.percent,
                    percent: t.current_percent,
                    digital: share.digital,
                    total: share.total,
                    met: t.met,
                }
            })
            .collect(),
    }
}

/// The periods from the one the first procedure was registered in (or today's) to today's,
/// newest first, with those already frozen.
pub fn index(
    conn: &mut DbConnection,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<IndexLine>, AppError> {
    let current = Period::containing(today(tz, now));
    let first = procedures::first_created(conn)?
        .map(|at| Period::containing(at.and_utc().with_timezone(&tz).date_naive()))
        .unwrap_or(current)
        .min(current);
    let frozen: HashMap<String, (String, NaiveDateTime)> = store::frozen_list(conn)?
        .into_iter()
        .map(|(p, h, at)| (p, (h, at)))
        .collect();
    let mut out = Vec::new();
    let mut p = current;
    loop {
        out.push(IndexLine {
            period: p,
            frozen: frozen.get(&p.key()).cloned(),
        });
        if p <= first {
            break;
        }
        p = p.previous();
    }
    Ok(out)
}

/// The report of `period` at `now`: 404 before the period starts; frozen (stored, hashed into
/// the audit chain) the first time it is asked for once it has ended.
pub fn report(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    settings: ReportSettings<'_>,
    period: Period,
) -> Result<ReportDoc, AppError> {
    let now = ctx.now;
    let start = local_midnight(settings.tz, period.first_day());
    let end = local_midnight(settings.tz, period.end());
    if now.naive_utc() < start {
        return Err(AppError::NotFound(
            Problem::new("inexistente-periodo-futuro").with("periodo", period.key()),
        ));
    }
    if let Some(row) = store::frozen(conn, &period.key())? {
        return from_frozen(row);
    }
    if now.naive_utc() < end {
        let report = compute_report(conn, settings, period, now, ReportStatus::InProgress)?;
        let json = serde_json::to_vec(&report).map_err(|e| AppError::Internal(e.to_string()))?;
        return Ok(ReportDoc {
            report,
            json,
            sha256: None,
            frozen_at: None,
        });
    }
    let mut fresh = false;
    let doc = write_tx(conn, |conn| {
        if let Some(row) = store::frozen(conn, &period.key())? {
            return from_frozen(row);
        }
        fresh = true;
        let report = compute_report(conn, settings, period, now, ReportStatus::Frozen)?;
        let body = serde_json::to_string(&report).map_err(|e| AppError::Internal(e.to_string()))?;
        let sha256 = hex::encode(Sha256::digest(body.as_bytes()));
        let row = FrozenRow {
            period: period.key(),
            body,
            sha256: sha256.clone(),
            frozen_at: now.naive_utc(),
        };
        store::freeze(conn, &row)?;
        ctx.record(
            conn,
            "report.frozen",
            "report",
            &row.period,
            serde_json::json!({"sha256": sha256, "bytes": row.body.len()}),
        )?;
        from_frozen(row)
    })?;
    if fresh {
        crate::usecases::transparency::publish_after_freeze(conn, ctx);
    }
    Ok(doc)
}

fn from_frozen(row: FrozenRow) -> Result<ReportDoc, AppError> {
    let report: AccountabilityReport =
        serde_json::from_str(&row.body).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(ReportDoc {
        report,
        json: row.body.into_bytes(),
        sha256: Some(row.sha256),
        frozen_at: Some(row.frozen_at),
    })
}

/// Freezes the last ended period's report if nobody has asked for it yet (the daily timer).
pub fn freeze_last_ended(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    settings: ReportSettings<'_>,
) -> Result<bool, AppError> {
    let last = Period::containing(today(settings.tz, ctx.now)).previous();
    if store::frozen(conn, &last.key())?.is_some() {
        return Ok(false);
    }
    // Nothing to account for in a period that ended before the first procedure was registered.
    let first = procedures::first_created(conn)?;
    if first.is_none_or(|at| at >= local_midnight(settings.tz, last.end())) {
        return Ok(false);
    }
    report(conn, ctx, settings, last).map(|_| true)
}
