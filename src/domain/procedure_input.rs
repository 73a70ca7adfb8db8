//! What staff write to register or change a procedure, before its rules are checked.

use serde::{Deserialize, Deserializer};

use super::procedure::Requirement;
use super::{Audience, Category, Channel};

/// A new procedure as written (`POST /api/v1/procedures`, a spreadsheet row, the demo).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateProcedure {
    /// Unique code, e.g. `MINTRAB-007` (letters, digits, `-`, `_`, `.`; stored upper case).
    pub code: String,
    /// Name, 1–300 characters.
    pub name: String,
    /// Description, up to 10,000 characters.
    #[serde(default)]
    pub description: String,
    /// Responsible unit, 1–300 characters.
    pub responsible_unit: String,
    /// Legal basis, up to 5,000 characters.
    #[serde(default)]
    pub legal_basis: String,
    /// `priority` or `general`.
    pub category: Category,
    /// Audience.
    pub audience: Audience,
    /// Channel.
    pub channel: Channel,
    /// Requirements (at most 200).
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// Steps, 0–1,000.
    #[serde(default)]
    pub steps: i64,
    /// Visits to an office, 0–100.
    #[serde(default)]
    pub in_person_visits: i64,
    /// Days to resolve, 0–3,650.
    #[serde(default)]
    pub resolution_days: i64,
    /// Fee in GTQ, 0–1,000,000 (rounded to centavos).
    #[serde(default)]
    pub fee_gtq: f64,
    /// Cases a year, 0–100,000,000.
    #[serde(default)]
    pub annual_volume: i64,
    /// Hours per case for the citizen, 0–10,000.
    #[serde(default)]
    pub citizen_hours: f64,
    /// Workflow key (default `simplificacion`).
    #[serde(default)]
    pub workflow: Option<String>,
    /// Acuerdo Ministerial enacting the change.
    #[serde(default)]
    pub regulation_reference: Option<String>,
    /// Where, when and how to do it today.
    #[serde(default)]
    pub access: super::how_to::Access,
}

/// A change to a procedure (`PATCH /api/v1/procedures/{id}`): only the fields present change.
/// `regulation_reference: null` clears it. `state` and `workflow` cannot be patched.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchProcedure {
    /// New code.
    pub code: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New responsible unit.
    pub responsible_unit: Option<String>,
    /// New legal basis.
    pub legal_basis: Option<String>,
    /// New category.
    pub category: Option<Category>,
    /// New audience.
    pub audience: Option<Audience>,
    /// New channel.
    pub channel: Option<Channel>,
    /// New requirements (replace the list).
    pub requirements: Option<Vec<Requirement>>,
    /// New steps.
    pub steps: Option<i64>,
    /// New visits.
    pub in_person_visits: Option<i64>,
    /// New days to resolve.
    pub resolution_days: Option<i64>,
    /// New fee.
    pub fee_gtq: Option<f64>,
    /// New volume.
    pub annual_volume: Option<i64>,
    /// New hours per case.
    pub citizen_hours: Option<f64>,
    /// New Acuerdo Ministerial, or null to clear it.
    #[serde(default, deserialize_with = "present")]
    pub regulation_reference: Option<Option<String>>,
    /// Replaces the whole of where, when and how to do it.
    pub access: Option<super::how_to::Access>,
    /// Refused: a state changes only through transitions.
    #[serde(default, deserialize_with = "present")]
    pub state: Option<Option<serde_json::Value>>,
    /// Refused: the workflow is fixed at creation.
    #[serde(default, deserialize_with = "present")]
    pub workflow: Option<Option<serde_json::Value>>,
}

/// Distinguishes a field sent as `null` (Some(None)) from a missing one (None).
fn present<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}
