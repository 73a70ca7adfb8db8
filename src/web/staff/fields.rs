//! The procedure form of the workspace: its fields as typed, read into the API's inputs so the
//! same rules check them. Requirements go one per line; a line starting with `*` is one the
//! State already holds (Decreto 5-2021).

use crate::db::procedures::ProcedureRow;
use crate::domain::error::FieldError;
use crate::domain::procedure::Requirement;
use crate::domain::procedure_input::{CreateProcedure, PatchProcedure};
use crate::domain::{Audience, Category, Channel};
use crate::web::forms::Form;

/// The fields as typed (all text, so a bad number comes back as typed).
#[derive(Debug, Clone, Default)]
pub struct FieldsForm {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Responsible unit.
    pub responsible_unit: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Regulation reference.
    pub regulation_reference: String,
    /// `priority` / `general`.
    pub category: String,
    /// Audience key.
    pub audience: String,
    /// Channel key.
    pub channel: String,
    /// One requirement per line.
    pub requirements: String,
    /// Steps.
    pub steps: String,
    /// In-person visits.
    pub in_person_visits: String,
    /// Days to resolve.
    pub resolution_days: String,
    /// Fee in quetzales.
    pub fee_gtq: String,
    /// Yearly volume.
    pub annual_volume: String,
    /// Citizen hours per procedure.
    pub citizen_hours: String,
    /// Where to do it online.
    pub online_url: String,
    /// Offices, one a line.
    pub offices: String,
    /// Opening hours.
    pub opening_hours: String,
    /// Phone.
    pub phone: String,
    /// WhatsApp.
    pub whatsapp: String,
    /// The version the editor saw.
    pub version: String,
    /// Faults.
    pub errors: Vec<FieldError>,
}

const NAMES: &[&str] = &[
    "code",
    "name",
    "description",
    "responsible_unit",
    "legal_basis",
    "regulation_reference",
    "category",
    "audience",
    "channel",
    "requirements",
    "steps",
    "in_person_visits",
    "resolution_days",
    "fee_gtq",
    "annual_volume",
    "citizen_hours",
    "online_url",
    "offices",
    "opening_hours",
    "phone",
    "whatsapp",
    "version",
];

impl FieldsForm {
    /// The fault of a field.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| {
                e.field == field
                    || e.field.starts_with(&format!("{field}["))
                    || e.field.strip_prefix("access.") == Some(field)
            })
            .map(|e| crate::words::problem(&e.problem))
    }

    /// The form filled from a stored procedure.
    pub fn of(p: &ProcedureRow) -> FieldsForm {
        let f = p.fields();
        FieldsForm {
            code: f.code,
            name: f.name,
            description: f.description,
            responsible_unit: f.responsible_unit,
            legal_basis: f.legal_basis,
            regulation_reference: f.regulation_reference.unwrap_or_default(),
            category: f.category.as_str().into(),
            audience: f.audience.as_str().into(),
            channel: f.channel.as_str().into(),
            requirements: f
                .requirements
                .iter()
                .map(|r| format!("{}{}", if r.held_by_state { "* " } else { "" }, r.name))
                .collect::<Vec<_>>()
                .join("\n"),
            steps: f.steps.to_string(),
            in_person_visits: f.in_person_visits.to_string(),
            resolution_days: f.resolution_days.to_string(),
            fee_gtq: f.fee_gtq.to_string(),
            annual_volume: f.annual_volume.to_string(),
            citizen_hours: f.citizen_hours.to_string(),
            online_url: f.access.online_url.clone().unwrap_or_default(),
            offices: f.access.offices.clone().unwrap_or_default(),
            opening_hours: f.access.opening_hours.clone().unwrap_or_default(),
            phone: f.access.phone.clone().unwrap_or_default(),
            whatsapp: f.access.whatsapp.clone().unwrap_or_default(),
            version: p.version.to_string(),
            errors: Vec::new(),
        }
    }

    /// The form as submitted.
    pub fn read(form: &Form) -> FieldsForm {
        let mut out = FieldsForm {
            errors: form.errors.clone(),
            ..Default::default()
        };
        for name in NAMES {
            let value = form.get(name);
            let slot = match *name {
                "code" => &mut out.code,
                "name" => &mut out.name,
                "description" => &mut out.description,
                "responsible_unit" => &mut out.responsible_unit,
                "legal_basis" => &mut out.legal_basis,
                "regulation_reference" => &mut out.regulation_reference,
                "category" => &mut out.category,
                "audience" => &mut out.audience,
                "channel" => &mut out.channel,
                "requirements" => &mut out.requirements,
                "steps" => &mut out.steps,
                "in_person_visits" => &mut out.in_person_visits,
                "resolution_days" => &mut out.resolution_days,
                "fee_gtq" => &mut out.fee_gtq,
                "annual_volume" => &mut out.annual_volume,
                "online_url" => &mut out.online_url,
                "offices" => &mut out.offices,
                "opening_hours" => &mut out.opening_hours,
                "phone" => &mut out.phone,
                "whatsapp" => &mut out.whatsapp,
                "citizen_hours" => &mut out.citizen_hours,
                _ => &mut out.version,
            };
            *slot = value;
        }
        out
    }

    fn requirement_list(&self) -> Vec<Requirement> {
        self.requirements
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.strip_prefix('*') {
                Some(rest) => Requirement {
                    name: rest.trim().to_string(),
                    held_by_state: true,
                },
                None => Requirement {
                    name: l.to_string(),
                    held_by_state: false,
                },
            })
            .collect()
    }

    fn number<T: std::str::FromStr + Default>(&mut self, field: &str, text: &str) -> T {
        let t = text.trim().replace(',', "");
        if t.is_empty() {
            return T::default();
        }
        t.parse().unwrap_or_else(|_| {
            self.errors
                .push(FieldError::new(field, "campo-escriba-numero-como-3-12"));
            T::default()
        })
    }

    fn choice<T>(&mut self, field: &str, text: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let v = parse(text.trim());
        if v.is_none() {
            self.errors
                .push(FieldError::new(field, "campo-elija-opcion-lista"));
        }
        v
    }

    /// The registration input, or the faults of the typed text.
    pub fn create_input(&mut self) -> Option<CreateProcedure> {
        let (steps, visits, days) = (
            self.steps.clone(),
            self.in_person_visits.clone(),
            self.resolution_days.clone(),
        );
        let (fee, volume, hours) = (
            self.fee_gtq.clone(),
            self.annual_volume.clone(),
            self.citizen_hours.clone(),
        );
        let input = CreateProcedure {
            code: self.code.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            responsible_unit: self.responsible_unit.clone(),
            legal_basis: self.legal_basis.clone(),
            category: self.choice("category", &self.category.clone(), Category::parse)?,
            audience: self.choice("audience", &self.audience.clone(), Audience::parse)?,
            channel: self.choice("channel", &self.channel.clone(), Channel::parse)?,
            requirements: self.requirement_list(),
            steps: self.number("steps", &steps),
            in_person_visits: self.number("in_person_visits", &visits),
            resolution_days: self.number("resolution_days", &days),
            fee_gtq: self.number("fee_gtq", &fee),
            annual_volume: self.number("annual_volume", &volume),
            citizen_hours: self.number("citizen_hours", &hours),
            workflow: None,
            regulation_reference: Some(self.regulation_reference.trim().to_string())
                .filter(|r| !r.is_empty()),
            access: crate::domain::how_to::Access {
                online_url: Some(self.online_url.clone()),
                offices: Some(self.offices.clone()),
                opening_hours: Some(self.opening_hours.clone()),
                phone: Some(self.phone.clone()),
                whatsapp: Some(self.whatsapp.clone()),
            },
        };
        self.errors.is_empty().then_some(input)
    }

    /// The edit input (every field, as a PATCH would send it), or the faults.
    pub fn patch_input(&mut self) -> Option<PatchProcedure> {
        let c = self.create_input()?;
        Some(PatchProcedure {
            code: Some(c.code),
            name: Some(c.name),
            description: Some(c.description),
            responsible_unit: Some(c.responsible_unit),
            legal_basis: Some(c.legal_basis),
            category: Some(c.category),
            audience: Some(c.audience),
            channel: Some(c.channel),
            requirements: Some(c.requirements),
            steps: Some(c.steps),
            in_person_visits: Some(c.in_person_visits),
            resolution_days: Some(c.resolution_days),
            fee_gtq: Some(c.fee_gtq),
            annual_volume: Some(c.annual_volume),
            citizen_hours: Some(c.citizen_hours),
            regulation_reference: Some(c.regulation_reference),
            access: Some(c.access),
            ..Default::default()
        })
    }
}

/// The choices of the closed fields: (value, label).
pub struct Choices {
    /// Categories.
    pub categories: Vec<(&'static str, String)>,
    /// Audiences.
    pub audiences: Vec<(&'static str, String)>,
    /// Channels.
    pub channels: Vec<(&'static str, String)>,
}

impl Choices {
    /// Every choice, labelled in Spanish.
    pub fn all() -> Choices {
        use crate::format;
        Choices {
            categories: Category::ALL
                .iter()
                .map(|c| (c.as_str(), format::category(*c)))
                .collect(),
            audiences: Audience::ALL
                .iter()
                .map(|a| (a.as_str(), format::audience(*a)))
                .collect(),
            channels: Channel::ALL
                .iter()
                .map(|c| (c.as_str(), format::channel(*c)))
                .collect(),
        }
    }
}
