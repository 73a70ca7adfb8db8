//! OpenAPI mirrors of the inputs the API reads as JSON bodies. Each mirror is the core
//! input's declaration with the derive changed, so the shapes agree (see the tests).

use super::described_by;
use super::RequirementDoc;
use crate::domain::{Audience, Category, Channel, Role};

/// A new procedure as written (`POST /api/v1/procedures`, a spreadsheet row, the demo).
#[derive(utoipa::ToSchema)]
#[schema(as = CreateProcedure)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct CreateProcedureDoc {
    /// Unique code, e.g. `MINTRAB-007` (letters, digits, `-`, `_`, `.`; stored upper case).
    code: String,
    /// Name, 1–300 characters.
    name: String,
    /// Description, up to 10,000 characters.
    #[serde(default)]
    description: String,
    /// Responsible unit, 1–300 characters.
    responsible_unit: String,
    /// Legal basis, up to 5,000 characters.
    #[serde(default)]
    legal_basis: String,
    /// `priority` or `general`.
    category: Category,
    /// Audience.
    audience: Audience,
    /// Channel.
    channel: Channel,
    /// Requirements (at most 200).
    #[serde(default)]
    requirements: Vec<RequirementDoc>,
    /// Steps, 0–1,000.
    #[serde(default)]
    steps: i64,
    /// Visits to an office, 0–100.
    #[serde(default)]
    in_person_visits: i64,
    /// Days to resolve, 0–3,650.
    #[serde(default)]
    resolution_days: i64,
    /// Fee in GTQ, 0–1,000,000 (rounded to centavos).
    #[serde(default)]
    fee_gtq: f64,
    /// Cases a year, 0–100,000,000.
    #[serde(default)]
    annual_volume: i64,
    /// Hours per case for the citizen, 0–10,000.
    #[serde(default)]
    citizen_hours: f64,
    /// Workflow key (default `simplificacion`).
    #[serde(default)]
    workflow: Option<String>,
    /// Acuerdo Ministerial enacting the change.
    #[serde(default)]
    regulation_reference: Option<String>,
    /// Where, when and how to do it today: `online_url` (http(s), ≤ 500), `offices` (one a
    /// line, ≤ 2,000), `opening_hours` (≤ 300), `phone` and `whatsapp` (≤ 40, digits and
    /// `+ - ( ) .`); every part optional.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    access: Option<serde_json::Value>,
}

/// A change to a procedure (`PATCH /api/v1/procedures/{id}`): only the fields present change.
/// `regulation_reference: null` clears it. `state` and `workflow` cannot be patched.
#[derive(utoipa::ToSchema)]
#[schema(as = PatchProcedure)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct PatchProcedureDoc {
    /// New code.
    code: Option<String>,
    /// New name.
    name: Option<String>,
    /// New description.
    description: Option<String>,
    /// New responsible unit.
    responsible_unit: Option<String>,
    /// New legal basis.
    legal_basis: Option<String>,
    /// New category.
    category: Option<Category>,
    /// New audience.
    audience: Option<Audience>,
    /// New channel.
    channel: Option<Channel>,
    /// New requirements (replace the list).
    requirements: Option<Vec<RequirementDoc>>,
    /// New steps.
    steps: Option<i64>,
    /// New visits.
    in_person_visits: Option<i64>,
    /// New days to resolve.
    resolution_days: Option<i64>,
    /// New fee.
    fee_gtq: Option<f64>,
    /// New volume.
    annual_volume: Option<i64>,
    /// New hours per case.
    citizen_hours: Option<f64>,
    /// New Acuerdo Ministerial, or null to clear it.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    regulation_reference: Option<Option<String>>,
    /// Replaces the whole of where, when and how to do it (parts left out become none).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    access: Option<serde_json::Value>,
    /// Refused: a state changes only through transitions.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    state: Option<Option<serde_json::Value>>,
    /// Refused: the workflow is fixed at creation.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    workflow: Option<Option<serde_json::Value>>,
}

/// Body of `POST /api/v1/users` (and `tramites user add`).
#[derive(utoipa::ToSchema)]
#[schema(as = CreateUser)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct CreateUserDoc {
    /// 3–64 characters: lower-case letters, digits, `.`, `_`, `-`.
    username: String,
    /// Name shown to others, 1–200 characters.
    display_name: String,
    /// E-mail address for notifications.
    email: String,
    /// At least 8 characters; stored only as an argon2id hash.
    password: String,
    /// Roles held.
    #[serde(default)]
    roles: Vec<Role>,
}

/// Body of `PATCH /api/v1/users/{id}`.
#[derive(utoipa::ToSchema)]
#[schema(as = PatchUser)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct PatchUserDoc {
    /// Replaces the roles held.
    roles: Option<Vec<Role>>,
    /// False blocks the account (its tokens stop working at once).
    active: Option<bool>,
    /// New display name.
    display_name: Option<String>,
    /// New e-mail.
    email: Option<String>,
    /// New password.
    password: Option<String>,
}

/// What a citizen sends.
#[derive(utoipa::ToSchema)]
#[schema(as = NewComment)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct NewCommentDoc {
    /// The comment, 1–10,000 characters after trimming.
    body: String,
    /// Name to show (else "Anónimo"), up to 200 characters.
    #[serde(default)]
    author_name: Option<String>,
    /// E-mail for the receipt and the answer; never shown.
    #[serde(default)]
    email: Option<String>,
    /// Organisation, up to 200 characters.
    #[serde(default)]
    organization: Option<String>,
}

/// General feedback as a citizen sends it.
#[derive(utoipa::ToSchema)]
#[schema(as = NewFeedback)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct NewFeedbackDoc {
    /// The opinion, 1–10,000 characters after trimming.
    body: String,
    /// `services`, `open_data`, `labour_needs` or `other`.
    topic: String,
    /// Name to show (else "Anónimo"), up to 200 characters.
    #[serde(default)]
    author_name: Option<String>,
    /// E-mail for the answer; never shown.
    #[serde(default)]
    email: Option<String>,
}

/// A moderation decision as staff write it.
#[derive(utoipa::ToSchema)]
#[schema(as = Moderation)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct ModerationDoc {
    /// `publish` or `reject`.
    decision: String,
    /// For a rejection: abusive, spam, off_topic, personal_data or duplicate.
    #[serde(default)]
    reason: Option<String>,
    /// Free text explaining the rejection.
    #[serde(default)]
    detail: Option<String>,
}

/// What the Committee writes to open a consultation.
#[derive(utoipa::ToSchema)]
#[schema(as = CreateConsultation)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct CreateConsultationDoc {
    /// Title, 1–300 characters.
    title: String,
    /// Summary, up to 5,000 characters.
    #[serde(default)]
    summary: String,
    /// The proposal (Markdown), 1–200,000 characters; it never changes once published.
    proposal_text: String,
    /// When it opens (RFC 3339); default now; a past time is refused.
    #[serde(default)]
    opens_at: Option<String>,
}

/// What a director writes to extend a consultation.
#[derive(utoipa::ToSchema)]
#[schema(as = Extend)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct ExtendDoc {
    /// The new closing time (RFC 3339), later than the current one.
    closes_at: String,
    /// Why.
    reason: String,
}

described_by!(
    crate::domain::procedure_input::CreateProcedure => CreateProcedureDoc,
    crate::domain::procedure_input::PatchProcedure => PatchProcedureDoc,
    crate::domain::user::CreateUser => CreateUserDoc,
    crate::domain::user::PatchUser => PatchUserDoc,
    crate::domain::comment::NewComment => NewCommentDoc,
    crate::domain::comment::Moderation => ModerationDoc,
    crate::domain::feedback::NewFeedback => NewFeedbackDoc,
    crate::domain::consultation::CreateConsultation => CreateConsultationDoc,
    crate::domain::consultation::Extend => ExtendDoc,
);
