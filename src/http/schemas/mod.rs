//! The OpenAPI description of the core's types. The core stays free of documentation
//! machinery: each type it exposes on the wire is described here, by a mirror that has the
//! same serde shape (checked by the tests below against the real types' JSON).

mod bodies;
mod workflow;

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::domain::status::ConsultationStatus;
use crate::domain::{Audience, Category, Channel, Role};

/// Describes closed sets of names (`string_enum!`) as string enums.
macro_rules! named_values {
    ($($t:ident),* $(,)?) => {$(
        impl PartialSchema for $t {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some($t::ALL.iter().map(|v| v.as_str())))
                    .into()
            }
        }
        impl ToSchema for $t {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($t))
            }
        }
    )*};
}

named_values!(Role, Category, Audience, Channel, ConsultationStatus);

/// Describes a core type by its mirror.
macro_rules! described_by {
    ($($real:ty => $doc:ty),* $(,)?) => {$(
        impl utoipa::PartialSchema for $real {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <$doc as utoipa::PartialSchema>::schema()
            }
        }
        impl utoipa::ToSchema for $real {
            fn name() -> std::borrow::Cow<'static, str> {
                <$doc as utoipa::ToSchema>::name()
            }
            fn schemas(
                out: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
            ) {
                <$doc as utoipa::ToSchema>::schemas(out)
            }
        }
    )*};
}
pub(crate) use described_by;

/// A document or fact a citizen must present.
#[derive(utoipa::ToSchema)]
#[schema(as = Requirement)]
#[allow(dead_code)]
pub struct RequirementDoc {
    /// What is asked for.
    name: String,
    /// True when the State already holds it (Decreto 5-2021 forbids asking for it again).
    held_by_state: bool,
}

/// Yearly burden on citizens (Standard Cost Model).
#[derive(utoipa::ToSchema)]
#[schema(as = Burden)]
#[allow(dead_code)]
pub struct BurdenDoc {
    /// `annual_volume × citizen_hours`.
    annual_hours: f64,
    /// `annual_volume × (fee_gtq + citizen_hours × hourly_value_gtq + in_person_visits × visit_cost_gtq)`.
    annual_cost_gtq: f64,
}

/// One invalid field of a request.
#[derive(utoipa::ToSchema)]
#[schema(as = FieldError)]
#[allow(dead_code)]
pub struct FieldErrorDoc {
    /// Path of the field, e.g. `requirements[0].name`.
    field: String,
    /// What is wrong, in plain words.
    message: String,
}

/// Comment counts of a consultation.
#[derive(utoipa::ToSchema)]
#[schema(as = Counts)]
#[allow(dead_code)]
pub struct CountsDoc {
    /// Every comment received.
    received: i64,
    /// Campaigns among them (identical and near-duplicate texts count once).
    distinct: i64,
    /// Published.
    published: i64,
    /// Withheld by moderation.
    rejected: i64,
    /// Published comments with an answer.
    answered: i64,
    /// Campaigns of near-duplicate texts with at least one received comment.
    distinct_arguments: i64,
    /// The largest campaign's size.
    largest_campaign: i64,
    /// Signatures ("Me sumo") added to published comments.
    endorsements: i64,
    /// Received comments by channel: `web`, `paper`, `phone`, `in_person`, `email`, `whatsapp`.
    by_channel: std::collections::BTreeMap<String, i64>,
}

/// What a citizen gets back for a comment.
#[derive(utoipa::ToSchema)]
#[schema(as = Receipt)]
#[allow(dead_code)]
pub struct ReceiptDoc {
    /// Id.
    id: String,
    /// Code to follow the comment (readable over the phone).
    tracking_code: String,
    /// `received` (awaiting moderation) or `published`.
    status: String,
    /// When it was received (UTC).
    received_at: String,
}

/// One fault of an imported file.
#[derive(utoipa::ToSchema)]
#[schema(as = ImportError)]
#[allow(dead_code)]
pub struct ImportErrorDoc {
    /// The spreadsheet's row (header = 1); 0 for the file as a whole.
    row: usize,
    /// The column's header as written in the file.
    column: String,
    /// What is wrong, in Spanish.
    message: String,
}

/// What happens (or would happen) to one imported row.
#[derive(utoipa::ToSchema)]
#[schema(as = RowOutcome)]
#[allow(dead_code)]
pub struct RowOutcomeDoc {
    /// The spreadsheet's row.
    row: usize,
    /// The procedure's code.
    code: String,
    /// `create`, `update` or `unchanged`.
    action: String,
    /// The fields an update changes.
    changed: Option<Vec<String>>,
}

/// The answer of an import (a dry run unless `?commit=true`).
#[derive(utoipa::ToSchema)]
#[schema(as = ImportReport)]
#[allow(dead_code)]
pub struct ImportReportDoc {
    /// Procedures created (or to create, in a dry run).
    created: usize,
    /// Procedures updated.
    updated: usize,
    /// Rows equal to what is stored.
    unchanged: usize,
    /// Every fault; any makes the import write nothing.
    errors: Vec<ImportErrorDoc>,
    /// True when the changes were written.
    applied: bool,
    /// Columns of the file that are not the inventory's, ignored.
    ignored_columns: Vec<String>,
    /// Row by row.
    rows: Vec<RowOutcomeDoc>,
}

/// Digital share of one category.
#[derive(utoipa::ToSchema)]
#[schema(as = Share)]
#[allow(dead_code)]
pub struct ShareDoc {
    /// Procedures counted (eliminated ones are left out).
    total: i64,
    /// Of those, procedures whose channel is `online`.
    digital: i64,
    /// `digital / total × 100`, one decimal.
    percent: f64,
}

/// A target of the Programa de Gobierno Electrónico 2021-2026.
#[derive(utoipa::ToSchema)]
#[schema(as = Target)]
#[allow(dead_code)]
pub struct TargetDoc {
    /// Year by which it is due.
    year: i32,
    /// `priority` or `general`.
    category: Category,
    /// Share of services to be digital, percent.
    percent: f64,
    /// Share today.
    current_percent: f64,
    /// True when the share today reaches the target.
    met: bool,
}

/// The programme's digitalisation indicators.
#[derive(utoipa::ToSchema)]
#[schema(as = Indicators)]
#[allow(dead_code)]
pub struct IndicatorsDoc {
    /// Priority services.
    priority: ShareDoc,
    /// General services.
    general: ShareDoc,
    /// The programme's targets.
    targets: Vec<TargetDoc>,
    /// Procedures per state.
    by_state: std::collections::BTreeMap<String, i64>,
    /// Procedures past their stage's time limit.
    overdue: i64,
    /// The share of transactions actually done online, per category, over the last twelve
    /// months with usage data.
    by_use: Vec<UseShareDoc>,
}

/// The share of transactions done online in one category.
#[derive(utoipa::ToSchema)]
#[schema(as = UseShare)]
#[allow(dead_code)]
pub struct UseShareDoc {
    /// `priority` or `general`.
    category: Category,
    /// Transactions done online.
    online: i64,
    /// Every transaction.
    total: i64,
    /// Percent, one decimal.
    percent: f64,
    /// First month counted.
    from: Option<String>,
    /// Last month counted.
    to: Option<String>,
}

/// One day of the indicators' series.
#[derive(utoipa::ToSchema)]
#[schema(as = SeriesPoint)]
#[allow(dead_code)]
pub struct SeriesPointDoc {
    /// The day (service time zone).
    #[schema(format = Date)]
    day: String,
    /// Priority services counted.
    priority_total: i64,
    /// Of those, online.
    priority_digital: i64,
    /// Share online, percent.
    priority_percent: f64,
    /// General services counted.
    general_total: i64,
    /// Of those, online.
    general_digital: i64,
    /// Share online, percent.
    general_percent: f64,
    /// Procedures past their stage's time limit.
    overdue: i64,
    /// Procedures per state.
    by_state: std::collections::BTreeMap<String, i64>,
}

/// The accountability report of a four-month period (see `/informes/{period}` for the same
/// figures as a page): `period`, `year`, `n`, `starts_on`, `ends_on`, `status`
/// (`in_progress` or `frozen`), `generated_at`, `stages`, `transitions`, `launched`,
/// `eliminated`, `consultations`, `savings`, `indicators`, `overdue`.
#[derive(utoipa::ToSchema)]
#[schema(as = AccountabilityReport)]
#[allow(dead_code)]
pub struct AccountabilityReportDoc {
    /// `2026-3`.
    period: String,
    /// Year.
    year: i32,
    /// 1 (January–April), 2 (May–August) or 3 (September–December).
    n: u32,
    /// First day.
    #[schema(format = Date)]
    starts_on: String,
    /// Last day.
    #[schema(format = Date)]
    ends_on: String,
    /// `in_progress` or `frozen`.
    status: String,
    /// When the figures were computed.
    generated_at: String,
    /// Procedures by stage at the start and the end.
    #[schema(value_type = Vec<Object>)]
    stages: Vec<serde_json::Value>,
    /// Transitions applied in the period, by kind.
    #[schema(value_type = Vec<Object>)]
    transitions: Vec<serde_json::Value>,
    /// Procedures launched in the period.
    #[schema(value_type = Vec<Object>)]
    launched: Vec<serde_json::Value>,
    /// Procedures eliminated in the period.
    #[schema(value_type = Vec<Object>)]
    eliminated: Vec<serde_json::Value>,
    /// Consultations held and their figures.
    #[schema(value_type = Object)]
    consultations: serde_json::Value,
    /// Savings of the procedures launched.
    #[schema(value_type = Object)]
    savings: serde_json::Value,
    /// Indicators against the targets.
    #[schema(value_type = Object)]
    indicators: serde_json::Value,
    /// Overdue stages and the oldest ones.
    #[schema(value_type = Object)]
    overdue: serde_json::Value,
}

described_by!(
    crate::domain::procedure::Requirement => RequirementDoc,
    crate::domain::burden::Burden => BurdenDoc,
    crate::domain::error::FieldError => FieldErrorDoc,
    crate::domain::comment::Counts => CountsDoc,
    crate::usecases::comments::Receipt => ReceiptDoc,
    crate::domain::indicators::Indicators => IndicatorsDoc,
    crate::usecases::import::ImportReport => ImportReportDoc,
    crate::usecases::reports::SeriesPoint => SeriesPointDoc,
    crate::domain::report::AccountabilityReport => AccountabilityReportDoc,
);

#[cfg(test)]
mod tests;
