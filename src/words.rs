//! The faces' words for what the core returns as data: a [`Problem`] becomes its catalog message,
//! and the core's field and file faults are serialised with their message for the API and the
//! import report. The core itself never holds a sentence.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::domain::error::{FieldError, Problem, Value};
use crate::domain::evaluation::usage::UsageFileError;
use crate::domain::import::ImportError;
use crate::domain::workflow::engine::GuardStatus;
use crate::domain::workflow::model::Guard;
use crate::i18n::{self, arg};

/// A problem in words. A problem that names a `fila` (a row of a file) says so first.
pub fn problem(p: &Problem) -> String {
    let args = i18n::args(p.params.iter().map(|(name, value)| {
        (
            *name,
            match value {
                // Thousands grouped as Guatemala writes them ("10,000"); smaller numbers stay
                // numbers, so that Fluent chooses their plural forms.
                Value::Number(n) if n.abs() >= 1_000 => arg(crate::format::number(*n as f64)),
                Value::Number(n) => arg(*n),
                Value::Text(t) => arg(t.as_str()),
            },
        )
    }));
    let text = i18n::format(p.kind, Some(&args));
    match p.param("fila") {
        Some(Value::Number(row)) if !p.kind.starts_with("importar-") => {
            crate::tr!("campo-en-fila", fila = *row, problema = text)
        }
        _ => text,
    }
}

impl Serialize for FieldError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("FieldError", 3)?;
        out.serialize_field("field", &self.field)?;
        out.serialize_field("kind", self.problem.kind)?;
        out.serialize_field("message", &problem(&self.problem))?;
        out.end()
    }
}

/// A fault of an imported file as a person reads it: where, then what.
pub fn import_fault(e: &ImportError) -> String {
    let what = problem(&e.problem);
    match (e.row, e.column.is_empty()) {
        (0, _) => crate::tr!("importar-en-archivo", problema = what),
        (r, true) => crate::tr!("importar-en-fila", fila = r, problema = what),
        (r, false) => crate::tr!(
            "importar-en-columna",
            fila = r,
            columna = e.column.as_str(),
            problema = what
        ),
    }
}

/// A fault of a file (an import or a usage upload) as the API gives it: where, and what in words.
fn file_fault<S: Serializer>(
    s: S,
    name: &'static str,
    (row, column): (usize, &str),
    p: &Problem,
) -> Result<S::Ok, S::Error> {
    let mut out = s.serialize_struct(name, 4)?;
    out.serialize_field("row", &row)?;
    out.serialize_field("column", column)?;
    out.serialize_field("kind", p.kind)?;
    out.serialize_field("message", &problem(p))?;
    out.end()
}

impl Serialize for ImportError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        file_fault(s, "ImportError", (self.row, &self.column), &self.problem)
    }
}

impl Serialize for UsageFileError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        file_fault(s, "UsageFileError", (self.row, &self.column), &self.problem)
    }
}

/// What a guard asks for, in words (the API's `guards[].description`).
pub fn guard(g: &Guard) -> String {
    match g {
        Guard::ConsultationClosed => crate::i18n::t("guardia-consulta-cerrada"),
        Guard::PublishedCommentsAnswered => crate::i18n::t("guardia-comentarios-respondidos"),
        Guard::FieldSet { field } => crate::tr!("guardia-campo", campo = field.as_str()),
        Guard::DocumentAttached { document } => {
            crate::tr!("guardia-documento", documento = document.as_str())
        }
        Guard::ChecklistComplete { state } => crate::tr!("guardia-lista", etapa = state.as_str()),
    }
}

impl Serialize for GuardStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("GuardStatus", 3)?;
        out.serialize_field("guard", &self.guard)?;
        out.serialize_field("passed", &self.passed)?;
        out.serialize_field("description", &guard(&self.guard))?;
        out.end()
    }
}

/// An article's title as pages and PDFs show it: "Artículo 7 bis. Heading".
pub fn article_title(number: &str, heading: &str) -> String {
    if heading.is_empty() {
        crate::tr!("borrador-articulo", numero = number.to_string())
    } else {
        crate::tr!(
            "borrador-articulo-titulo",
            numero = number.to_string(),
            titulo = heading.to_string()
        )
    }
}
