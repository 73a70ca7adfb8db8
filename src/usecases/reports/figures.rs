//! A report as figures: the long table (section, key, concept, measure, value) that the CSV
//! and XLSX files hold.

use super::*;
use crate::i18n::t;
use crate::tr;

pub(super) fn round2(value: f64) -> f64 {
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
    pub measure: String,
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
    let mut push = |section, key: &str, concept: &str, measure: &str, value| {
        out.push(Figure {
            section,
            key: key.to_string(),
            concept: concept.to_string(),
            measure: measure.to_string(),
            value,
        })
    };
    let num = |n: f64| FigureValue::Number(n);
    let text = |t: &str| FigureValue::Text(t.to_string());
    let status = match r.status {
        ReportStatus::Frozen => t("datos-congelado"),
        ReportStatus::InProgress => t("datos-curso"),
    };
    push(
        "periodo",
        &r.period,
        &t("datos-periodo"),
        "inicio",
        text(&r.starts_on.to_string()),
    );
    push(
        "periodo",
        &r.period,
        &t("datos-periodo"),
        "fin",
        text(&r.ends_on.to_string()),
    );
    push(
        "periodo",
        &r.period,
        &t("datos-periodo"),
        "estado",
        text(&status),
    );
    push(
        "periodo",
        &r.period,
        &t("datos-periodo"),
        "generado",
        text(&r.generated_at),
    );
    for s in &r.stages {
        push(
            "etapas",
            &s.state,
            &s.label,
            &t("datos-inicio"),
            num(s.at_start as f64),
        );
        push(
            "etapas",
            &s.state,
            &s.label,
            &t("datos-final"),
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
            &t("inicio-todas-consultas"),
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
        &t("pdf-informe-tramites-lanzados"),
        &t("datos-horas-ano"),
        num(s.annual_hours),
    );
    push(
        "ahorros",
        "total",
        &t("pdf-informe-tramites-lanzados"),
        &t("datos-quetzales-ano"),
        num(s.annual_cost_gtq),
    );
    push(
        "ahorros",
        "total",
        &t("pdf-informe-tramites-lanzados"),
        &t("datos-requisitos-eliminados"),
        num(s.requirements_removed as f64),
    );
    push(
        "ahorros",
        "total",
        &t("pdf-informe-tramites-lanzados"),
        &t("datos-eliminados-poder-estado"),
        num(s.held_by_state_removed as f64),
    );
    for p in &s.procedures {
        push(
            "ahorros",
            &p.code,
            &p.title,
            &t("datos-horas-ano"),
            num(p.annual_hours),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            &t("datos-quetzales-ano"),
            num(p.annual_cost_gtq),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            &t("datos-requisitos-eliminados"),
            num(p.requirements_removed as f64),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            &t("datos-visitas-eliminadas"),
            num(p.visits_removed as f64),
        );
        push(
            "ahorros",
            &p.code,
            &p.title,
            &t("datos-dias-ahorrados"),
            num(p.days_saved as f64),
        );
    }
    for target in &r.indicators.targets {
        let key = format!("{}-{}", target.category, target.year);
        let concept = tr!(
            "datos-servicios-linea-meta",
            v1 = (target.category).to_string(),
            v2 = (target.year).to_string()
        );
        push(
            "indicadores",
            &key,
            &concept,
            &t("datos-meta"),
            num(target.target_percent),
        );
        push(
            "indicadores",
            &key,
            &concept,
            &t("datos-medido"),
            num(target.percent),
        );
    }
    push(
        "vencidos",
        "total",
        &t("comun-etapas-vencidas"),
        &t("datos-tramites"),
        num(r.overdue.count as f64),
    );
    for o in &r.overdue.oldest {
        push(
            "vencidos",
            &o.code,
            &o.title,
            &t("datos-dias-atraso"),
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
                .set_title(tr!(
                    "datos-informe-cuatrimestral",
                    v1 = (r.period).to_string()
                ))
                .set_creation_datetime(&made),
        );
        let sheet = book.add_worksheet();
        sheet.set_name(t("datos-cifras"))?;
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
