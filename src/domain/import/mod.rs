//! The inventory as a spreadsheet: its columns (Spanish or English headers), reading rows into
//! the procedure's checked fields with every fault as `fila N, columna X: message`, and writing
//! rows back in the same shape so that export → edit → import round-trips.
//!
//! Rows are numbered as the spreadsheet shows them: the header is row 1, the first procedure
//! row 2. Requirements share one cell, separated by `;`; a requirement starting with `*` is one
//! the State already holds (Decreto 5-2021). Closed fields take the API's key (`priority`) or
//! the Spanish label (`Prioritario`). Columns the file has and this list lacks (e.g. `estado`)
//! are ignored and reported: an import never changes a procedure's state.

use std::collections::{HashMap, HashSet};

use super::error::{FieldError, Problem};
use super::how_to::Access;
use super::procedure::{fold, ProcedureFields, Requirement};
use super::procedure_input::CreateProcedure;
use super::{Audience, Category, Channel};

mod vocabulary;

mod cells;
pub use cells::*;

mod columns;
pub use columns::*;

/// A fault of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// The spreadsheet's row (header = 1); 0 for the file as a whole.
    pub row: usize,
    /// The column's header as written in the file (empty for the file or a row as a whole).
    pub column: String,
    /// What is wrong (worded by the faces, `crate::words`).
    pub problem: Problem,
}

impl ImportError {
    fn file(problem: Problem) -> ImportError {
        ImportError {
            row: 0,
            column: String::new(),
            problem,
        }
    }
}

/// A sheet as read: the header row and the rows under it, every cell as text.
pub struct Sheet {
    /// Header cells.
    pub headers: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// A row read and checked.
#[derive(Debug, Clone)]
pub struct ReadRow {
    /// Its row number.
    pub row: usize,
    /// Its fields.
    pub fields: ProcedureFields,
}

/// What a file holds: its rows, and the columns it had that are not the inventory's.
#[derive(Debug)]
pub struct ReadFile {
    /// Rows, checked.
    pub rows: Vec<ReadRow>,
    /// Headers ignored.
    pub ignored_columns: Vec<String>,
}

/// Reads and checks every row; returns every fault of the file, not the first.
pub fn read(sheet: &Sheet) -> Result<ReadFile, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut at: HashMap<&'static str, (usize, String)> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        match column_of(h) {
            Some(c) if at.contains_key(c.key) => errors.push(ImportError {
                row: 1,
                column: h.trim().into(),
                problem: Problem::new("importar-columna-repetida"),
            }),
            Some(c) => {
                at.insert(c.key, (i, h.trim().to_string()));
            }
            None => ignored.push(h.trim().to_string()),
        }
    }
    for c in COLUMNS
        .iter()
        .filter(|c| c.required && !at.contains_key(c.key))
    {
        errors.push(ImportError {
            row: 1,
            column: c.es.into(),
            problem: Problem::new("importar-falta-columna"),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let data: Vec<(usize, &Vec<String>)> = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 2, r))
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if data.is_empty() {
        return Err(vec![ImportError::file(Problem::new("importar-sin-filas"))]);
    }
    let mut rows = Vec::with_capacity(data.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, cells) in data {
        let header = |key: &str| {
            at.get(key)
                .map(|(_, h)| h.clone())
                .unwrap_or_else(|| key.to_string())
        };
        let cell = |key: &str| -> String {
            at.get(key)
                .and_then(|(i, _)| cells.get(*i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let mut fault = |key: &str, problem: Problem| {
            errors.push(ImportError {
                row: n,
                column: header(key),
                problem,
            });
        };
        let int = |key: &str, fault: &mut dyn FnMut(&str, Problem)| {
            whole(&cell(key)).unwrap_or_else(|_| {
                fault(key, Problem::new("importar-entero"));
                0
            })
        };
        let steps = int("steps", &mut fault);
        let visits = int("in_person_visits", &mut fault);
        let days = int("resolution_days", &mut fault);
        let volume = int("annual_volume", &mut fault);
        let mut decimal = |key: &str| {
            number(&cell(key)).unwrap_or_else(|_| {
                fault(key, Problem::new("importar-numero"));
                0.0
            })
        };
        let fee = decimal("fee_gtq");
        let hours = decimal("citizen_hours");
        let category = choice(
            &cell("category"),
            Category::ALL,
            Category::as_str,
            Category::label,
        );
        let audience = choice(
            &cell("audience"),
            Audience::ALL,
            Audience::as_str,
            Audience::label,
        );
        let channel = choice(
            &cell("channel"),
            Channel::ALL,
            Channel::as_str,
            Channel::label,
        );
        for (key, ok, allowed) in [
            (
                "category",
                category.is_some(),
                Category::ALL.iter().map(|c| c.label()).collect::<Vec<_>>(),
            ),
            (
                "audience",
                audience.is_some(),
                Audience::ALL.iter().map(|c| c.label()).collect(),
            ),
            (
                "channel",
                channel.is_some(),
                Channel::ALL.iter().map(|c| c.label()).collect(),
            ),
        ] {
            if !ok {
                fault(
                    key,
                    Problem::new("importar-uno-de").with("opciones", allowed.join(", ")),
                );
            }
        }
        let (Some(category), Some(audience), Some(channel)) = (category, audience, channel) else {
            continue;
        };
        let input = CreateProcedure {
            code: cell("code"),
            name: cell("name"),
            description: cell("description"),
            responsible_unit: cell("responsible_unit"),
            legal_basis: cell("legal_basis"),
            category,
            audience,
            channel,
            requirements: requirements_from_cell(&cell("requirements")),
            steps,
            in_person_visits: visits,
            resolution_days: days,
            fee_gtq: fee,
            annual_volume: volume,
            citizen_hours: hours,
            workflow: None,
            regulation_reference: Some(cell("regulation_reference")).filter(|r| !r.is_empty()),
            access: Access {
                online_url: Some(cell("online_url")),
                offices: Some(cell("offices")),
                opening_hours: Some(cell("opening_hours")),
                phone: Some(cell("phone")),
                whatsapp: Some(cell("whatsapp")),
            },
        };
        match ProcedureFields::from_create(&input) {
            Ok(fields) => {
                if let Some(first) = seen.insert(fields.code.clone(), n) {
                    fault(
                        "code",
                        Problem::new("importar-codigo-repetido")
                            .with("codigo", &fields.code)
                            .with("fila", first),
                    );
                } else {
                    rows.push(ReadRow { row: n, fields });
                }
            }
            Err(faults) => {
                for FieldError { field, problem } in faults {
                    // `access.phone` is the `phone` column; `requirements[2].name`, `requirements`.
                    let field = field.strip_prefix("access.").unwrap_or(&field);
                    let key = field
                        .split(['[', '.'])
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    fault(&key, problem);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(ReadFile {
            rows,
            ignored_columns: ignored,
        })
    } else {
        Err(errors)
    }
}

/// The cells of a procedure's row, in [`COLUMNS`] order (closed fields as Spanish labels).
pub fn cells(f: &ProcedureFields) -> Vec<String> {
    vec![
        f.code.clone(),
        f.name.clone(),
        f.description.clone(),
        f.responsible_unit.clone(),
        f.legal_basis.clone(),
        f.category.label().into(),
        f.audience.label().into(),
        f.channel.label().into(),
        requirements_to_cell(&f.requirements),
        f.steps.to_string(),
        f.in_person_visits.to_string(),
        f.resolution_days.to_string(),
        f.fee_gtq.to_string(),
        f.annual_volume.to_string(),
        f.citizen_hours.to_string(),
        f.regulation_reference.clone().unwrap_or_default(),
        f.access.online_url.clone().unwrap_or_default(),
        f.access.offices.clone().unwrap_or_default(),
        f.access.opening_hours.clone().unwrap_or_default(),
        f.access.phone.clone().unwrap_or_default(),
        f.access.whatsapp.clone().unwrap_or_default(),
    ]
}

/// The codes of a file's rows, to find the stored procedures they name.
pub fn codes(file: &ReadFile) -> HashSet<String> {
    file.rows.iter().map(|r| r.fields.code.clone()).collect()
}

#[cfg(test)]
mod tests;
