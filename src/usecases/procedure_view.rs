//! A procedure as both faces show it (the API's JSON, the open data's JSON): its fields, its
//! burden and, once analysed, its baseline and savings.

use serde::Serialize;

use crate::db::procedures::ProcedureRow;
use crate::domain::procedure::{Burden, CostRates, Requirement};
use crate::domain::{Audience, Category, Channel};

/// A procedure as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProcedureView {
    /// Id.
    pub id: String,
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Responsible unit.
    pub responsible_unit: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Category.
    pub category: Category,
    /// Audience.
    pub audience: Audience,
    /// Channel.
    pub channel: Channel,
    /// Requirements.
    pub requirements: Vec<Requirement>,
    /// Steps.
    pub steps: i32,
    /// Visits to an office.
    pub in_person_visits: i32,
    /// Days to resolve.
    pub resolution_days: i32,
    /// Fee, GTQ.
    pub fee_gtq: f64,
    /// Cases a year.
    pub annual_volume: i64,
    /// Hours per case for the citizen.
    pub citizen_hours: f64,
    /// Workflow key.
    pub workflow: String,
    /// Workflow version the procedure runs under.
    pub workflow_version: i32,
    /// Acuerdo Ministerial enacting the change.
    pub regulation_reference: Option<String>,
    /// Where, when and how to do it today: `online_url`, `offices` (one a line),
    /// `opening_hours`, `phone`, `whatsapp`; each null when not known.
    #[schema(value_type = Object)]
    pub access: crate::domain::how_to::Access,
    /// Current state.
    pub state: String,
    /// Version for `If-Match`.
    pub version: i32,
    /// When the current state was entered.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub state_entered_at: chrono::NaiveDateTime,
    /// When the current stage's time limit runs out (null in end states).
    #[serde(serialize_with = "crate::domain::time::naive_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<chrono::NaiveDateTime>,
    /// Created.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
    /// Last changed.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: chrono::NaiveDateTime,
    /// Standard Cost Model burden.
    pub burden: Burden,
    /// The burden when it first entered `analysis` (absent before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineView>,
    /// The yearly saving against the baseline (absent before a baseline exists).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub savings: Option<crate::domain::savings::Savings>,
}

/// The burden a procedure had when it first entered analysis.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BaselineView {
    /// Requirements then.
    pub requirements: Vec<Requirement>,
    /// Steps.
    pub steps: i32,
    /// In-person visits.
    pub in_person_visits: i32,
    /// Days to resolve.
    pub resolution_days: i32,
    /// Fee, GTQ.
    pub fee_gtq: f64,
    /// Citizen hours per procedure.
    pub citizen_hours: f64,
    /// Yearly volume then.
    pub annual_volume: i64,
    /// Its burden at today's rates.
    pub burden: Burden,
}

impl ProcedureView {
    /// The view of a stored procedure at the given cost rates.
    pub fn new(row: ProcedureRow, rates: &CostRates) -> Self {
        let f = row.fields();
        let base = row.baseline_fields();
        ProcedureView {
            savings: base
                .as_ref()
                .map(|b| crate::domain::savings::savings(b, &f, rates)),
            baseline: base.map(|b| BaselineView {
                burden: b.burden(rates),
                requirements: b.requirements,
                steps: b.steps,
                in_person_visits: b.in_person_visits,
                resolution_days: b.resolution_days,
                fee_gtq: b.fee_gtq,
                citizen_hours: b.citizen_hours,
                annual_volume: b.annual_volume,
            }),
            burden: f.burden(rates),
            id: row.id,
            code: f.code,
            name: f.name,
            description: f.description,
            responsible_unit: f.responsible_unit,
            legal_basis: f.legal_basis,
            category: f.category,
            audience: f.audience,
            channel: f.channel,
            requirements: f.requirements,
            steps: f.steps,
            in_person_visits: f.in_person_visits,
            resolution_days: f.resolution_days,
            fee_gtq: f.fee_gtq,
            annual_volume: f.annual_volume,
            citizen_hours: f.citizen_hours,
            workflow: row.workflow,
            workflow_version: row.workflow_version,
            regulation_reference: f.regulation_reference,
            access: f.access,
            state: row.state,
            version: row.version,
            state_entered_at: row.state_entered_at,
            due_at: row.due_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}
