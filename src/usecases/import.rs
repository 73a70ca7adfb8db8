//! Importing the inventory from a spreadsheet: every row checked first and every fault
//! reported; by default a dry run saying what would be created, changed or left alone; with
//! `commit`, the whole file in one transaction (new codes in the workflow's initial state,
//! existing ones updated field by field, never their state, each change audited like a
//! PATCH). A file with any fault writes nothing.

use std::collections::HashMap;

use serde::Serialize;

use super::error::AppError;
use super::procedures::{insert_new, update_fields};
use crate::audit::Context;
use crate::db::procedures as store;
use crate::db::{write_tx, DbConnection};
use crate::domain::import::{read, ImportError, Sheet};
use crate::domain::workflow::registry::Registry;
use crate::domain::workflow::DEFAULT_KEY;

/// What happens (or would happen) to one row.
#[derive(Debug, Clone, Serialize)]
pub struct RowOutcome {
    /// The spreadsheet's row.
    pub row: usize,
    /// The procedure's code.
    pub code: String,
    /// `create`, `update` or `unchanged`.
    pub action: &'static str,
    /// The fields an update changes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

/// The answer of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// Procedures created (or to create, in a dry run).
    pub created: usize,
    /// Procedures updated.
    pub updated: usize,
    /// Rows equal to what is stored.
    pub unchanged: usize,
    /// Every fault: `{row, column, message}`; any makes the import write nothing.
    pub errors: Vec<ImportError>,
    /// True when the changes were written.
    pub applied: bool,
    /// Columns of the file that are not the inventory's, ignored.
    pub ignored_columns: Vec<String>,
    /// Row by row.
    pub rows: Vec<RowOutcome>,
}

impl ImportReport {
    fn failed(errors: Vec<ImportError>) -> ImportReport {
        ImportReport {
            created: 0,
            updated: 0,
            unchanged: 0,
            errors,
            applied: false,
            ignored_columns: Vec::new(),
            rows: Vec::new(),
        }
    }
}

/// Checks a file read by [`crate::sheets::read`] (its faults, when it could not be read, are
/// the report's) and, with `commit` and no fault, applies it. `progress(done, total)` is
/// called while rows are applied.
pub fn import(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    sheet: Result<Sheet, Vec<ImportError>>,
    commit: bool,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    let sheet = match sheet {
        Ok(s) => s,
        Err(errors) => return Ok(ImportReport::failed(errors)),
    };
    let file = match read(&sheet) {
        Ok(f) => f,
        Err(errors) => return Ok(ImportReport::failed(errors)),
    };
    let workflow = registry
        .get(DEFAULT_KEY)
        .ok_or_else(|| AppError::Internal("the default workflow is not loaded".into()))?;
    let codes: Vec<String> = file.rows.iter().map(|r| r.fields.code.clone()).collect();
    let plan = |conn: &mut DbConnection, apply: bool, progress: &mut dyn FnMut(usize, usize)| {
        let mut stored: HashMap<String, _> = store::by_codes(conn, &codes)?
            .into_iter()
            .map(|p| (p.code.clone(), p))
            .collect();
        let mut report = ImportReport {
            created: 0,
            updated: 0,
            unchanged: 0,
            errors: Vec::new(),
            applied: apply,
            ignored_columns: file.ignored_columns.clone(),
            rows: Vec::with_capacity(file.rows.len()),
        };
        let total = file.rows.len();
        for (i, r) in file.rows.iter().enumerate() {
            let (action, changed) = match stored.get_mut(&r.fields.code) {
                None => {
                    if apply {
                        insert_new(conn, ctx, &r.fields, &workflow)?;
                    }
                    report.created += 1;
                    ("create", Vec::new())
                }
                Some(row) => {
                    let changed = row.fields().changed_fields(&r.fields);
                    if changed.is_empty() {
                        report.unchanged += 1;
                        ("unchanged", changed)
                    } else {
                        if apply {
                            update_fields(conn, ctx, row, &r.fields)?;
                        }
                        report.updated += 1;
                        ("update", changed)
                    }
                }
            };
            report.rows.push(RowOutcome {
                row: r.row,
                code: r.fields.code.clone(),
                action,
                changed,
            });
            if apply && (i + 1) % 100 == 0 {
                progress(i + 1, total);
            }
        }
        if apply {
            progress(total, total);
        }
        Ok::<_, AppError>(report)
    };
    if commit {
        write_tx(conn, |conn| plan(conn, true, &mut progress))
    } else {
        plan(conn, false, &mut progress)
    }
}
