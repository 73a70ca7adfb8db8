//! The four-monthly accountability report (programme, line 19) and the indicators' daily
//! series it draws on.
//!
//! A period's report is computed from the data while the period runs. The first time it is
//! asked for after the period has ended (by anyone, or by the daily timer) it is frozen: its
//! JSON is stored, its SHA-256 recorded in the audit chain (`report.frozen`), and from then on
//! the stored JSON is what every format is made from, so later edits change nothing in it.

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
        return Err(AppError::NotFound(format!(
            "el periodo {} aún no empieza",
            period.key()
        )));
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
    write_tx(conn, |conn| {
        if let Some(row) = store::frozen(conn, &period.key())? {
            return from_frozen(row);
        }
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
    })
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

fn line(p: &ProcedureRow, at: &NaiveDateTime) -> ProcedureLine {
    ProcedureLine {
        code: p.code.clone(),
        title: p.name.clone(),
        at: rfc3339(at),
    }
}

fn compute_report(
    conn: &mut DbConnection,
    settings: ReportSettings<'_>,
    period: Period,
    now: DateTime<Utc>,
    status: ReportStatus,
) -> Result<AccountabilityReport, AppError> {
    let start = local_midnight(settings.tz, period.first_day());
    let end = local_midnight(settings.tz, period.end()).min(now.naive_utc());
    let all = procedures::all_by_code(conn)?;
    let by_id: HashMap<&str, &ProcedureRow> = all.iter().map(|p| (p.id.as_str(), p)).collect();
    let history = lifecycle::all_history(conn)?;
    let lifelines: Vec<Lifeline<'_>> = all
        .iter()
        .map(|p| Lifeline {
            id: &p.id,
            created_at: p.created_at,
            state: &p.state,
        })
        .collect();
    let steps: Vec<Step<'_>> = history
        .iter()
        .map(|(h, _)| Step {
            procedure_id: &h.procedure_id,
            from: &h.from_state,
            to: &h.to_state,
            at: h.at,
        })
        .collect();
    let at_start = states_at(&lifelines, &steps, start);
    let at_end = states_at(&lifelines, &steps, end);
    let mut keys: Vec<String> = Vec::new();
    let known = settings
        .registry
        .all()
        .iter()
        .flat_map(|w| w.states.iter().map(|s| s.key.clone()))
        .collect::<Vec<_>>();
    for k in known
        .into_iter()
        .chain(at_start.keys().chain(at_end.keys()).cloned())
    {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let stages = keys
        .into_iter()
        .map(|k| StageLine {
            label: settings.registry.state_label(&k),
            at_start: at_start.get(&k).copied().unwrap_or(0),
            at_end: at_end.get(&k).copied().unwrap_or(0),
            state: k,
        })
        .collect();

    let in_period: Vec<_> = history
        .iter()
        .filter(|(h, _)| h.at >= start && h.at < end)
        .collect();
    let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
    let (mut launched, mut eliminated) = (Vec::new(), Vec::new());
    for (h, _) in &in_period {
        *kinds.entry(h.transition.clone()).or_default() += 1;
        if let Some(p) = by_id.get(h.procedure_id.as_str()) {
            let tagged = |tag| {
                settings
                    .registry
                    .tagged(&p.workflow, p.workflow_version, &h.to_state, tag)
            };
            if tagged(Tag::Launched) && !launched.iter().any(|l: &ProcedureLine| l.code == p.code) {
                launched.push(line(p, &h.at));
            }
            if tagged(Tag::Eliminated) {
                eliminated.push(line(p, &h.at));
            }
        }
    }
    let transitions = kinds
        .into_iter()
        .map(|(k, count)| TransitionLine {
            label: settings.registry.transition_label(&k),
            transition: k,
            count,
        })
        .collect();

    let mut consultations_summary = ConsultationSummary::default();
    for c in consultations::overlapping(conn, start, end)? {
        let counts = super::consultations::counts(conn, &c.id)?;
        consultations_summary.held += 1;
        consultations_summary.received += counts.received;
        consultations_summary.published += counts.published;
        consultations_summary.withheld += counts.rejected;
        consultations_summary.answered += counts.answered;
        consultations_summary.items.push(ConsultationLine {
            id: c.id,
            title: c.title,
            opens_at: rfc3339(&c.opens_at),
            closes_at: rfc3339(&c.closes_at),
            received: counts.received,
            published: counts.published,
            withheld: counts.rejected,
            answered: counts.answered,
        });
    }

    let mut saved = SavingsSummary::default();
    for l in &launched {
        let Some(p) = all.iter().find(|p| p.code == l.code) else {
            continue;
        };
        let Some(base) = p.baseline_fields() else {
            continue;
        };
        let s = savings(&base, &p.fields(), &settings.rates);
        saved.procedures.push(SavingsLine {
            code: p.code.clone(),
            title: p.name.clone(),
            annual_hours: s.annual_hours,
            annual_cost_gtq: s.annual_cost_gtq,
            requirements_removed: s.requirements_removed as i64,
            held_by_state_removed: s.held_by_state_removed as i64,
            visits_removed: i64::from(s.visits_removed),
            days_saved: i64::from(s.days_saved),
        });
    }
    saved.annual_hours = round2(saved.procedures.iter().map(|s| s.annual_hours).sum());
    saved.annual_cost_gtq = round2(saved.procedures.iter().map(|s| s.annual_cost_gtq).sum());
    saved.requirements_removed = saved
        .procedures
        .iter()
        .map(|s| s.requirements_removed)
        .sum();
    saved.held_by_state_removed = saved
        .procedures
        .iter()
        .map(|s| s.held_by_state_removed)
        .sum();

    // A period that has ended is measured by its last recorded day; one that runs, now.
    let last_day = period.last_day().min(today(settings.tz, now));
    let indicators = match (status, store::snapshot_on_or_before(conn, last_day)?) {
        (ReportStatus::Frozen, Some(row)) if row.day >= period.first_day() => {
            indicator_summary(&snapshot_indicators(&row), row.day)
        }
        _ => indicator_summary(
            &live_indicators(conn, settings.registry, now)?,
            today(settings.tz, now),
        ),
    };

    let mut late: Vec<&ProcedureRow> = all
        .iter()
        .filter(|p| p.due_at.is_some_and(|d| d < now.naive_utc()))
        .collect();
    late.sort_by_key(|p| (p.due_at, p.code.clone()));
    let overdue = OverdueSummary {
        count: late.len() as i64,
        oldest: late
            .iter()
            .take(10)
            .map(|p| {
                let due = p.due_at.unwrap_or_default();
                OverdueLine {
                    code: p.code.clone(),
                    title: p.name.clone(),
                    state: p.state.clone(),
                    label: settings.registry.state_label(&p.state),
                    due_at: rfc3339(&due),
                    days_overdue: (now.naive_utc() - due).num_days(),
                }
            })
            .collect(),
    };

    Ok(AccountabilityReport {
        period: period.key(),
        year: period.year,
        n: period.n,
        starts_on: period.first_day(),
        ends_on: period.last_day(),
        status,
        generated_at: rfc3339(&now.naive_utc()),
        stages,
        transitions,
        launched,
        eliminated,
        consultations: consultations_summary,
        savings: saved,
        indicators,
        overdue,
    })
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// One figure of a report, as the CSV and XLSX files hold them: a long table that any
/// spreadsheet can filter (section, key, concept, measure, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `etapas`, `transiciones`, `lanzados`, `eliminados`, `consultas`, `ahorros`,
    /// `indicadores`, `vencidos` or `periodo`.
    pub section: &'static str,
    /// A state, transition, code, consultation id or `total`.
    pub key: String,
    /// What it is, in words.
    pub concept: String,
    /// What is measured.
    pub measure: &'static str,
    /// The value.
    pub value: FigureValue,
}

/// A figure's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// A number.
    Number(f64),
    /// A date or word.
    Text(String),
}

impl FigureValue {
    /// As a CSV cell (numbers as the JSON writes them).
    pub fn cell(&self) -> String {
        match self {
            FigureValue::Number(n) => serde_json::Number::from_f64(*n)
                .map(|n| {
                    let s = n.to_string();
                    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
                })
                .unwrap_or_default(),
            FigureValue::Text(t) => t.clone(),
        }
    }
}

/// The CSV and XLSX headers.
pub const FIGURE_HEADERS: [&str; 5] = ["seccion", "clave", "concepto", "medida", "valor"];

/// Every figure of the report, in the order of its sections.
pub fn figures(r: &AccountabilityReport) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut push = |section, key: &str, concept: &str, measure, value| {
        out.push(Figure {
            section,
            key: key.to_string(),
            concept: concept.to_string(),
            measure,
            value,
        })
    };
    let num = |n: f64| FigureValue::Number(n);
    let text = |t: &str| FigureValue::Text(t.to_string());
    let status = match r.status {
        ReportStatus::Frozen => "congelado",
        ReportStatus::InProgress => "en curso",
    };
    push(
        "periodo",
        &r.period,
        "Periodo",
        "inicio",
        text(&r.starts_on.to_string()),
    );
    push(
        "periodo",
        &r.period,
        "Periodo",
        "fin",
        text(&r.ends_on.to_string()),
    );
    push("periodo", &r.period, "Periodo", "estado", text(status));
    push(
        "periodo",
        &r.period,
        "Periodo",
        "generado",
        text(&r.generated_at),
    );
    for s in &r.stages {
        push(
            "etapas",
            &s.state,
            &s.label,
            "al inicio",
            num(s.at_start as f64),
        );
        push(
            "etapas",
            &s.state,
            &s.label,
            "al final",
            num(s.at_end as f64),
        );
    }
    for t in &r.transitions {
        push(
            "transiciones",
            &t.transition,
            &t.label,
            "aplicadas",
            num(t.count as f64),
        );
    }
    for (section, list) in [("lanzados", &r.launched), ("eliminados", &r.eliminated)] {
        for p in list {
            push(section, &p.code, &p.title, "fecha", text(&p.at));
        }
    }
    let c = &r.consultations;
    for (measure, value) in [
        ("realizadas", c.held),
        ("recibidos", c.received),
        ("publicados", c.published),
        ("retenidos", c.withheld),
        ("respondidos", c.answered),
    ] {
        push(
            "consultas",
            "total",
            "Todas las consultas",
            measure,
            num(value as f64),
        );
    }
    for i in &c.items {
        for (measure, value) in [
            ("recibidos", i.received),
            ("publicados", i.published),
            ("retenidos", i.withheld),
            ("respondidos", i.answered),
        ] {
            push("consultas", &i.id, &i.title, measure, num(value as f64));
        }
    }
    let s = &r.savings;
    push(
        "ahorros",
        "total",
        "Trámites lanzados",
        "horas al año",
        num(s.annual_hours),
    );
    push(
        "ahorros",
        "total",
        "Trámites lanzados",
        "quetzales al año",
        num(s.annual_cost_gtq),
    );
    push(
        "ahorros",
        "total",
        "Trámites lanzados",
        "requisitos eliminados",
        num(s.requirements_removed as f64),
    );
    push(
        "ahorros",
        "total",
        "Trámites lanzados",
        "eliminados en poder del Estado",
        num(s.held_by_state_removed as f64),
    );
    for p in &s.procedures {
        push(
            "ahorros",
            &p.code,
            &p.title,
            "horas al año",
            num(p.annual_hours),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            "quetzales al año",
            num(p.annual_cost_gtq),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            "requisitos eliminados",
            num(p.requirements_removed as f64),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            "visitas eliminadas",
            num(p.visits_removed as f64),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            "días ahorrados",
            num(p.days_saved as f64),
        );
    }
    for t in &r.indicators.targets {
        let key = format!("{}-{}", t.category, t.year);
        let concept = format!("Servicios {} en línea, meta {}", t.category, t.year);
        push(
            "indicadores",
            &key,
            &concept,
            "meta (%)",
            num(t.target_percent),
        );
        push("indicadores", &key, &concept, "medido (%)", num(t.percent));
    }
    push(
        "vencidos",
        "total",
        "Etapas vencidas",
        "trámites",
        num(r.overdue.count as f64),
    );
    for o in &r.overdue.oldest {
        push(
            "vencidos",
            &o.code,
            &o.title,
            "días de atraso",
            num(o.days_overdue as f64),
        );
    }
    out
}

/// The report's figures as CSV.
pub fn figures_csv(r: &AccountabilityReport) -> Result<Vec<u8>, AppError> {
    let rows = figures(r).into_iter().map(|f| {
        vec![
            f.section.to_string(),
            f.key,
            f.concept,
            f.measure.to_string(),
            f.value.cell(),
        ]
    });
    crate::sheets::csv_table(&FIGURE_HEADERS, rows).map_err(|e| AppError::Internal(e.to_string()))
}

/// The report's figures as an XLSX workbook (sheet "Cifras"; numbers stored as numbers).
pub fn figures_xlsx(r: &AccountabilityReport) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{DocProperties, Format, Workbook};
    // The file's creation time is the report's, so a frozen report's workbook is the same
    // file every time it is downloaded.
    let made = DateTime::parse_from_rfc3339(&r.generated_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    let build = || -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        book.set_properties(
            &DocProperties::new()
                .set_title(format!("Informe cuatrimestral {}", r.period))
                .set_creation_datetime(&made),
        );
        let sheet = book.add_worksheet();
        sheet.set_name("Cifras")?;
        let bold = Format::new().set_bold();
        for (c, h) in FIGURE_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (c, w) in [14, 24, 48, 28, 16].into_iter().enumerate() {
            sheet.set_column_width(c as u16, w)?;
        }
        for (i, f) in figures(r).into_iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, f.section)?;
            sheet.write_string(row, 1, &f.key)?;
            sheet.write_string(row, 2, &f.concept)?;
            sheet.write_string(row, 3, f.measure)?;
            match f.value {
                FigureValue::Number(n) => sheet.write_number(row, 4, n)?,
                FigureValue::Text(t) => sheet.write_string(row, 4, &t)?,
            };
        }
        book.save_to_buffer()
    };
    build().map_err(|e| AppError::Internal(e.to_string()))
}

/// One day of the indicators' series.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesPoint {
    /// The day (`YYYY-MM-DD`, service time zone).
    pub day: NaiveDate,
    /// Priority services counted.
    pub priority_total: i64,
    /// Of those, online.
    pub priority_digital: i64,
    /// Share online, percent.
    pub priority_percent: f64,
    /// General services counted.
    pub general_total: i64,
    /// Of those, online.
    pub general_digital: i64,
    /// Share online, percent.
    pub general_percent: f64,
    /// Procedures past their stage's time limit.
    pub overdue: i64,
    /// Procedures per state.
    pub by_state: BTreeMap<String, i64>,
}

impl From<&SnapshotRow> for SeriesPoint {
    fn from(row: &SnapshotRow) -> Self {
        let ind = snapshot_indicators(row);
        SeriesPoint {
            day: row.day,
            priority_total: ind.priority.total,
            priority_digital: ind.priority.digital,
            priority_percent: ind.priority.percent,
            general_total: ind.general.total,
            general_digital: ind.general.digital,
            general_percent: ind.general.percent,
            overdue: row.overdue,
            by_state: ind.by_state,
        }
    }
}

/// The series as points, oldest first.
pub fn series_points(conn: &mut DbConnection) -> Result<Vec<SeriesPoint>, AppError> {
    Ok(series(conn)?.iter().map(SeriesPoint::from).collect())
}
