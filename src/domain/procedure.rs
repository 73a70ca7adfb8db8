//! A procedure (trámite) of the inventory: its descriptive fields, their rules, and its burden.

use crate::domain::error::Problem;
use serde::{Deserialize, Serialize};

pub use super::burden::{Burden, CostRates};
use super::error::FieldError;
pub use super::procedure_input::{CreateProcedure, PatchProcedure};
use super::{char_len, Audience, Category, Channel};

/// A document or fact a citizen must present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// What is asked for.
    pub name: String,
    /// True when the State already holds it (Decreto 5-2021 forbids asking for it again).
    pub held_by_state: bool,
}

/// The descriptive fields of a procedure, all valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureFields {
    /// Unique code, upper case (e.g. `MINTRAB-007`).
    pub code: String,
    /// Name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Unit of the Ministry in charge.
    pub responsible_unit: String,
    /// Laws and regulations that found it.
    pub legal_basis: String,
    /// Priority or general.
    pub category: Category,
    /// Who uses it.
    pub audience: Audience,
    /// How it is carried out.
    pub channel: Channel,
    /// What is asked of the citizen.
    pub requirements: Vec<Requirement>,
    /// Number of steps.
    pub steps: i32,
    /// Visits to an office.
    pub in_person_visits: i32,
    /// Days the Ministry takes to resolve.
    pub resolution_days: i32,
    /// Fee in quetzales.
    pub fee_gtq: f64,
    /// Cases a year.
    pub annual_volume: i64,
    /// Hours a citizen spends on one case.
    pub citizen_hours: f64,
    /// The Acuerdo Ministerial that enacts the change.
    pub regulation_reference: Option<String>,
    /// Where, when and how to do it today.
    #[serde(default)]
    pub access: super::how_to::Access,
}

/// Collects field errors while checking.
#[derive(Default)]
struct Check(Vec<FieldError>);

impl Check {
    fn text(&mut self, field: &str, value: &str, min: usize, max: usize) -> String {
        let trimmed = value.trim();
        let len = char_len(trimmed);
        if len < min {
            self.0
                .push(FieldError::new(field, "campo-no-puede-estar-vacio"));
        } else if len > max {
            self.0.push(FieldError::with(
                field,
                Problem::new("campo-como-maximo").with("max", max),
            ));
        }
        trimmed.to_string()
    }

    fn int(&mut self, field: &str, value: i64, max: i64) -> i64 {
        if !(0..=max).contains(&value) {
            self.0.push(FieldError::with(
                field,
                Problem::new("campo-entero-hasta").with("max", max),
            ));
        }
        value
    }

    fn number(&mut self, field: &str, value: f64, max: f64) -> f64 {
        if !value.is_finite() || !(0.0..=max).contains(&value) {
            self.0.push(FieldError::with(
                field,
                Problem::new("campo-numero-hasta").with("max", max.to_string()),
            ));
        }
        value
    }

    fn code(&mut self, value: &str) -> String {
        let code = value.trim().to_uppercase();
        let ok_chars = code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if code.is_empty() || code.len() > 32 || !ok_chars {
            self.0
                .push(FieldError::new("code", "campo-debe-tener-1-32-letras"));
        }
        code
    }

    fn requirements(&mut self, list: &[Requirement]) -> Vec<Requirement> {
        if list.len() > 200 {
            self.0.push(FieldError::new(
                "requirements",
                "campo-puede-tener-como-maximo-200-2",
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, r)| Requirement {
                name: self.text(&format!("requirements[{i}].name"), &r.name, 1, 300),
                held_by_state: r.held_by_state,
            })
            .collect()
    }

    fn reference(&mut self, value: Option<&str>) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        Some(self.text("regulation_reference", value, 1, 200))
    }

    fn access(&mut self, value: &super::how_to::Access) -> super::how_to::Access {
        value.checked().unwrap_or_else(|faults| {
            self.0.extend(faults);
            value.clone()
        })
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// Rounds an amount of quetzales to centavos.
fn centavos(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

impl ProcedureFields {
    /// Validates a creation body.
    pub fn from_create(input: &CreateProcedure) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let fields = ProcedureFields {
            code: c.code(&input.code),
            name: c.text("name", &input.name, 1, 300),
            description: c.text("description", &input.description, 0, 10_000),
            responsible_unit: c.text("responsible_unit", &input.responsible_unit, 1, 300),
            legal_basis: c.text("legal_basis", &input.legal_basis, 0, 5_000),
            category: input.category,
            audience: input.audience,
            channel: input.channel,
            requirements: c.requirements(&input.requirements),
            steps: c.int("steps", input.steps, 1_000) as i32,
            in_person_visits: c.int("in_person_visits", input.in_person_visits, 100) as i32,
            resolution_days: c.int("resolution_days", input.resolution_days, 3_650) as i32,
            fee_gtq: centavos(c.number("fee_gtq", input.fee_gtq, 1_000_000.0)),
            annual_volume: c.int("annual_volume", input.annual_volume, 100_000_000),
            citizen_hours: c.number("citizen_hours", input.citizen_hours, 10_000.0),
            regulation_reference: c.reference(input.regulation_reference.as_deref()),
            access: c.access(&input.access),
        };
        c.finish(fields)
    }

    /// Applies a patch, validating every field it touches.
    pub fn patched(&self, patch: &PatchProcedure) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        if patch.state.is_some() {
            c.0.push(FieldError::new(
                "state",
                "campo-solo-cambia-transiciones-flujo",
            ));
        }
        if patch.workflow.is_some() {
            c.0.push(FieldError::new("workflow", "campo-fija-registrar-tramite"));
        }
        let mut f = self.clone();
        if let Some(v) = &patch.code {
            f.code = c.code(v);
        }
        if let Some(v) = &patch.name {
            f.name = c.text("name", v, 1, 300);
        }
        if let Some(v) = &patch.description {
            f.description = c.text("description", v, 0, 10_000);
        }
        if let Some(v) = &patch.responsible_unit {
            f.responsible_unit = c.text("responsible_unit", v, 1, 300);
        }
        if let Some(v) = &patch.legal_basis {
            f.legal_basis = c.text("legal_basis", v, 0, 5_000);
        }
        f.category = patch.category.unwrap_or(f.category);
        f.audience = patch.audience.unwrap_or(f.audience);
        f.channel = patch.channel.unwrap_or(f.channel);
        if let Some(v) = &patch.requirements {
            f.requirements = c.requirements(v);
        }
        if let Some(v) = patch.steps {
            f.steps = c.int("steps", v, 1_000) as i32;
        }
        if let Some(v) = patch.in_person_visits {
            f.in_person_visits = c.int("in_person_visits", v, 100) as i32;
        }
        if let Some(v) = patch.resolution_days {
            f.resolution_days = c.int("resolution_days", v, 3_650) as i32;
        }
        if let Some(v) = patch.fee_gtq {
            f.fee_gtq = centavos(c.number("fee_gtq", v, 1_000_000.0));
        }
        if let Some(v) = patch.annual_volume {
            f.annual_volume = c.int("annual_volume", v, 100_000_000);
        }
        if let Some(v) = patch.citizen_hours {
            f.citizen_hours = c.number("citizen_hours", v, 10_000.0);
        }
        if let Some(v) = &patch.regulation_reference {
            f.regulation_reference = c.reference(v.as_deref());
        }
        if let Some(v) = &patch.access {
            f.access = c.access(v);
        }
        c.finish(f)
    }

    /// The names of the fields whose values differ in `after`.
    pub fn changed_fields(&self, after: &ProcedureFields) -> Vec<String> {
        let (a, b) = (serde_json::to_value(self), serde_json::to_value(after));
        match (a, b) {
            (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) => a
                .iter()
                .filter(|(k, v)| b.get(*k) != Some(v))
                .map(|(k, _)| k.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Text the `q` filter matches: code, name and unit, lower case, accents folded.
    pub fn search_text(&self) -> String {
        fold(&format!(
            "{} {} {}",
            self.code, self.name, self.responsible_unit
        ))
    }
}

/// Lower-cases and strips accents so `tramite` finds `Trámite`.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CreateProcedure {
        serde_json::from_value(serde_json::json!({
            "code": "mintrab-007", "name": " Libro de Salarios ", "responsible_unit": "Inspección",
            "category": "priority", "audience": "employers", "channel": "in_person",
            "requirements": [{"name": "DPI", "held_by_state": true}],
            "steps": 4, "in_person_visits": 2, "resolution_days": 10, "fee_gtq": 10.005,
            "annual_volume": 1000, "citizen_hours": 3.5
        }))
        .unwrap()
    }

    #[test]
    fn valid_input_is_normalised() {
        let f = ProcedureFields::from_create(&sample()).unwrap();
        assert_eq!(f.code, "MINTRAB-007");
        assert_eq!(f.name, "Libro de Salarios");
        assert_eq!(f.fee_gtq, 10.01);
    }

    #[test]
    fn burden_follows_the_standard_cost_model() {
        let f = ProcedureFields::from_create(&sample()).unwrap();
        let rates = CostRates {
            hourly_value_gtq: 20.0,
            visit_cost_gtq: 30.0,
        };
        let b = f.burden(&rates);
        assert_eq!(b.annual_hours, 3500.0);
        // 1000 × (10.01 + 3.5 × 20 + 2 × 30) = 140,010
        assert_eq!(b.annual_cost_gtq, 140_010.0);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut input = sample();
        input.name = "x".repeat(11_000);
        input.steps = -1;
        input.fee_gtq = f64::NAN;
        input.code = "bad code!".into();
        let errors = ProcedureFields::from_create(&input).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["code", "name", "steps", "fee_gtq"]);
    }

    #[test]
    fn patch_refuses_state_and_clears_reference() {
        let mut f = ProcedureFields::from_create(&sample()).unwrap();
        f.regulation_reference = Some("AM 1-2026".into());
        let patch: PatchProcedure =
            serde_json::from_str(r#"{"regulation_reference": null, "steps": 3}"#).unwrap();
        let g = f.patched(&patch).unwrap();
        assert_eq!(g.regulation_reference, None);
        assert_eq!(g.steps, 3);
        let patch: PatchProcedure = serde_json::from_str(r#"{"state": "pilot"}"#).unwrap();
        assert_eq!(f.patched(&patch).unwrap_err()[0].field, "state");
    }

    #[test]
    fn search_folds_accents() {
        assert_eq!(fold("Trámite ÚNICO"), "tramite unico");
    }
}
