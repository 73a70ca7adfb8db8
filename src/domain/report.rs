//! The four-monthly accountability report (programme, line 19): its periods, what it holds,
//! and how the stages at a past moment are rebuilt from the applied transitions.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A four-month period: `n` = 1 (January–April), 2 (May–August), 3 (September–December).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    /// Year.
    pub year: i32,
    /// 1, 2 or 3.
    pub n: u32,
}

impl Period {
    /// `2026-3` → the period; anything else (n outside 1–3, a year outside 2000–9999) → None.
    pub fn parse(text: &str) -> Option<Period> {
        let (y, n) = text.split_once('-')?;
        if y.len() != 4 || n.len() != 1 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let n: u32 = n.parse().ok()?;
        ((2000..=9999).contains(&year) && (1..=3).contains(&n)).then_some(Period { year, n })
    }

    /// The period a day falls in.
    pub fn containing(day: NaiveDate) -> Period {
        Period {
            year: day.year(),
            n: (day.month0() / 4) + 1,
        }
    }

    /// The period before this one.
    pub fn previous(self) -> Period {
        if self.n == 1 {
            Period {
                year: self.year - 1,
                n: 3,
            }
        } else {
            Period {
                year: self.year,
                n: self.n - 1,
            }
        }
    }

    /// `2026-3`.
    pub fn key(self) -> String {
        format!("{}-{}", self.year, self.n)
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.n - 1) * 4 + 1, 1).expect("valid period")
    }

    /// The first day after it.
    pub fn end(self) -> NaiveDate {
        if self.n == 3 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1).expect("valid period")
        } else {
            NaiveDate::from_ymd_opt(self.year, self.n * 4 + 1, 1).expect("valid period")
        }
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.end().pred_opt().expect("valid period")
    }
}

/// A procedure as needed to rebuild its stage at a past moment.
pub struct Lifeline<'a> {
    /// Id.
    pub id: &'a str,
    /// When it was registered.
    pub created_at: NaiveDateTime,
    /// Its state now.
    pub state: &'a str,
}

/// One applied transition as needed to rebuild stages.
pub struct Step<'a> {
    /// The procedure.
    pub procedure_id: &'a str,
    /// From.
    pub from: &'a str,
    /// To.
    pub to: &'a str,
    /// When it was applied.
    pub at: NaiveDateTime,
}

/// How many procedures stood in each state at `moment` (those registered later do not
/// count). A procedure's state then is the target of its last transition before `moment`,
/// or, if none, the state its first transition left from (its state now when it has none).
/// `steps` must be in the order they were applied.
pub fn states_at(
    procedures: &[Lifeline<'_>],
    steps: &[Step<'_>],
    moment: NaiveDateTime,
) -> BTreeMap<String, i64> {
    let mut first_from: HashMap<&str, &str> = HashMap::new();
    let mut last_before: HashMap<&str, &str> = HashMap::new();
    for s in steps {
        first_from.entry(s.procedure_id).or_insert(s.from);
        if s.at < moment {
            last_before.insert(s.procedure_id, s.to);
        }
    }
    let mut out = BTreeMap::new();
    for p in procedures.iter().filter(|p| p.created_at < moment) {
        let state = last_before
            .get(p.id)
            .or_else(|| first_from.get(p.id))
            .copied()
            .unwrap_or(p.state);
        *out.entry(state.to_string()).or_insert(0) += 1;
    }
    out
}

/// Procedures in one state at the start and at the end of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageLine {
    /// State key.
    pub state: String,
    /// Its name.
    pub label: String,
    /// At the start of the period.
    pub at_start: i64,
    /// At its end (or now, while it runs).
    pub at_end: i64,
}

/// Transitions of one kind applied in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitionLine {
    /// Transition key.
    pub transition: String,
    /// Its name.
    pub label: String,
    /// How many.
    pub count: i64,
}

/// A procedure that was launched or eliminated in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureLine {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A consultation held (open at some time) in the period, and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationLine {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Window (RFC 3339).
    pub opens_at: String,
    /// Window end (RFC 3339).
    pub closes_at: String,
    /// Comments received.
    pub received: i64,
    /// Published.
    pub published: i64,
    /// Withheld.
    pub withheld: i64,
    /// Published comments with an answer.
    pub answered: i64,
}

/// The consultations of the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConsultationSummary {
    /// How many.
    pub held: i64,
    /// Comments received in all.
    pub received: i64,
    /// Published.
    pub published: i64,
    /// Withheld.
    pub withheld: i64,
    /// Answered.
    pub answered: i64,
    /// Each one.
    pub items: Vec<ConsultationLine>,
}

/// What the simplification of one launched procedure saves a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavingsLine {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Citizen hours a year.
    pub annual_hours: f64,
    /// Quetzales a year.
    pub annual_cost_gtq: f64,
    /// Requirements removed.
    pub requirements_removed: i64,
    /// Of those, the ones the State already held.
    pub held_by_state_removed: i64,
    /// In-person visits removed.
    pub visits_removed: i64,
    /// Days to resolve saved.
    pub days_saved: i64,
}

/// The savings of the procedures launched in the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SavingsSummary {
    /// Citizen hours a year, in all.
    pub annual_hours: f64,
    /// Quetzales a year, in all.
    pub annual_cost_gtq: f64,
    /// Requirements removed, in all.
    pub requirements_removed: i64,
    /// Of those, held by the State.
    pub held_by_state_removed: i64,
    /// Each procedure.
    pub procedures: Vec<SavingsLine>,
}

/// One target of the programme against the share measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLine {
    /// `priority` or `general`.
    pub category: String,
    /// Year the target is due.
    pub year: i32,
    /// Target, percent.
    pub target_percent: f64,
    /// Share measured, percent.
    pub percent: f64,
    /// Online services counted.
    pub digital: i64,
    /// Services counted.
    pub total: i64,
    /// Whether the target is reached.
    pub met: bool,
}

/// The indicators as measured for the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSummary {
    /// The day they were measured.
    pub measured_on: NaiveDate,
    /// Each target.
    pub targets: Vec<IndicatorLine>,
}

/// A procedure past its stage's time limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueLine {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// State key.
    pub state: String,
    /// State name.
    pub label: String,
    /// When its time ran out (RFC 3339).
    pub due_at: String,
    /// Whole days since.
    pub days_overdue: i64,
}

/// Stages past their time limit when the report was made, oldest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OverdueSummary {
    /// How many.
    pub count: i64,
    /// The oldest ten.
    pub oldest: Vec<OverdueLine>,
}

/// Whether the report can still change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// The period runs: figures as of `generated_at`.
    InProgress,
    /// The period has ended: stored, hashed into the audit chain, served unchanged.
    Frozen,
}

/// The accountability report of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountabilityReport {
    /// `2026-3`.
    pub period: String,
    /// Year.
    pub year: i32,
    /// 1, 2 or 3.
    pub n: u32,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// In progress or frozen.
    pub status: ReportStatus,
    /// When the figures were computed (RFC 3339).
    pub generated_at: String,
    /// Procedures by stage at the start and the end.
    pub stages: Vec<StageLine>,
    /// Transitions applied in the period, by kind.
    pub transitions: Vec<TransitionLine>,
    /// Procedures launched in the period.
    pub launched: Vec<ProcedureLine>,
    /// Procedures eliminated in the period.
    pub eliminated: Vec<ProcedureLine>,
    /// Consultations held.
    pub consultations: ConsultationSummary,
    /// Savings of the procedures launched.
    pub savings: SavingsSummary,
    /// Indicators against the targets.
    pub indicators: IndicatorSummary,
    /// Overdue stages.
    pub overdue: OverdueSummary,
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
