//! Spreadsheet files in and out, for the inventory's import and export: CSV (the `csv` crate)
//! and XLSX/ODS (read with `calamine`, written with `rust_xlsxwriter`, drop-down lists for the
//! closed fields included). The rules of what the rows mean are in `domain::import`.

use crate::i18n::t;
use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{DataValidation, Format, Workbook};

use crate::domain::error::Problem;
use crate::domain::import::{cells, ImportError, Sheet, COLUMNS};
use crate::domain::procedure::ProcedureFields;
use crate::domain::{Audience, Category, Channel};

mod document;
mod guard;
pub use document::draft_text;

pub use guard::SheetLimits;
use guard::{check_archive, file_fault};

const NOT_A_SHEET: &str = "hoja-no-es-hoja";
const EMPTY: &str = "hoja-vacia";

/// Reads a CSV, XLSX or ODS file (recognised from its bytes) into its first sheet's cells,
/// within `limits` (a file beyond them is refused before anything large is allocated).
pub fn read(bytes: &[u8], limits: &SheetLimits) -> Result<Sheet, Vec<ImportError>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_fault(Problem::new(EMPTY)));
    }
    let sheet = if bytes.starts_with(b"PK\x03\x04") {
        check_archive(bytes, limits)?;
        read_workbook(bytes, limits)?
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| file_fault(Problem::new(NOT_A_SHEET)))?;
        if text.contains('\0') {
            return Err(file_fault(Problem::new(NOT_A_SHEET)));
        }
        read_csv(text, limits)?
    };
    if sheet.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(file_fault(Problem::new(EMPTY)));
    }
    Ok(sheet)
}

fn read_csv(text: &str, limits: &SheetLimits) -> Result<Sheet, Vec<ImportError>> {
    // Spreadsheets in Spanish often save with `;`: use it when the header has more of them.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers = match records.next() {
        Some(Ok(r)) => r.iter().map(str::to_string).collect(),
        Some(Err(e)) => {
            return Err(file_fault(
                Problem::new("hoja-csv-ilegible").with("detalle", e.to_string()),
            ))
        }
        None => return Err(file_fault(Problem::new(EMPTY))),
    };
    let mut rows = Vec::new();
    for (i, r) in records.enumerate() {
        let r = r.map_err(|e| {
            vec![ImportError {
                row: i + 2,
                column: String::new(),
                problem: Problem::new("hoja-fila-ilegible").with("detalle", e.to_string()),
            }]
        })?;
        if limits.row_beyond(i as u64 + 1) {
            return Err(limits.too_many_rows(i as u64 + 2));
        }
        if let Some(last) = r
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(i, _)| i)
            .last()
        {
            if limits.column_beyond(last as u64) {
                return Err(limits.too_many_columns(last as u64 + 1));
            }
        }
        rows.push(
            r.iter()
                .take(limits.max_columns)
                .map(unneutralised)
                .collect(),
        );
    }
    Ok(Sheet { headers, rows })
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Cells placed one by one into rows, within the limits: (row, column) 0-based, header row 0.
struct Grid<'l> {
    rows: Vec<Vec<String>>,
    text: u64,
    limits: &'l SheetLimits,
}

impl Grid<'_> {
    fn put(&mut self, (row, col): (u32, u32), value: String) -> Result<(), Vec<ImportError>> {
        if value.is_empty() {
            return Ok(());
        }
        if self.limits.row_beyond(row.into()) {
            return Err(self.limits.too_many_rows(u64::from(row) + 1));
        }
        if self.limits.column_beyond(col.into()) {
            return Err(self.limits.too_many_columns(u64::from(col) + 1));
        }
        self.text += value.len() as u64;
        if self.text > self.limits.max_unpacked_bytes {
            return Err(self.limits.too_large());
        }
        let (row, col) = (row as usize, col as usize);
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = value;
        Ok(())
    }

    fn into_sheet(mut self) -> Result<Sheet, Vec<ImportError>> {
        // As calamine's ranges did: the first row with a value is the header.
        let Some(first) = self.rows.iter().position(|r| !r.is_empty()) else {
            return Err(file_fault(Problem::new(EMPTY)));
        };
        self.rows.drain(..first);
        let headers = self.rows.remove(0);
        Ok(Sheet {
            headers,
            rows: self.rows,
        })
    }
}

fn read_workbook(bytes: &[u8], limits: &SheetLimits) -> Result<Sheet, Vec<ImportError>> {
    let opened = |e: &dyn std::fmt::Display| {
        file_fault(Problem::new("hoja-no-abre").with("detalle", e.to_string()))
    };
    let first_sheet = || Problem::new("hoja-sin-hojas");
    let mut grid = Grid {
        rows: Vec::new(),
        text: 0,
        limits,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| opened(&e))?;
    if zip.by_name("xl/workbook.xml").is_ok() {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| opened(&e))?;
        let name = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| file_fault(first_sheet()))?;
        // Cell by cell: the sheet's `<dimension>` may name a rectangle of billions of cells.
        let mut cells = book.worksheet_cells_reader(&name).map_err(|e| opened(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| opened(&e))? {
            let value = cell_text(&Data::from(cell.get_value().clone()));
            grid.put(cell.get_position(), value)?;
        }
    } else if zip.by_name("content.xml").is_ok() {
        // `check_archive` has counted the ODS's repeats: its range is within the limits.
        let mut book: calamine::Ods<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| opened(&e))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| file_fault(first_sheet()))?
            .map_err(|e| opened(&e))?;
        let (top, left) = range.start().unwrap_or_default();
        for (r, c, d) in range.used_cells() {
            grid.put((top + r as u32, left + c as u32), cell_text(d))?;
        }
    } else {
        return Err(file_fault(Problem::new(NOT_A_SHEET)));
    }
    grid.into_sheet()
}

/// The header row of exports and of the template.
pub fn headers() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.es).collect()
}

/// A cell as a spreadsheet program may safely open it: text that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be taken for a formula (CSV injection), so it gets a
/// leading `'`, as OWASP advises; [`read`] takes that quote off again, so exports import back
/// unchanged.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    // A number such as `-12.5` is no formula, and stays a number for those who read the data.
    if cell.starts_with(FORMULA_STARTS) && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell of an imported CSV, without the quote [`neutralised`] put before a formula's start.
fn unneutralised(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// A table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read accents), the
/// header row, then the rows, every cell [`neutralised`].
pub fn csv_table(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(headers)?;
        for r in rows {
            w.write_record(r.iter().map(|c| neutralised(c).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// Rows as CSV with no header and no byte-order mark: a later chunk of a streamed table.
pub fn csv_rows(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(&mut out);
        for r in rows {
            w.write_record(r.iter().map(|c| neutralised(c).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The procedures as CSV, the import's columns.
pub fn csv_of(procedures: &[ProcedureFields]) -> Result<Vec<u8>, csv::Error> {
    csv_table(&headers(), procedures.iter().map(cells))
}

fn book_with(rows: &[Vec<String>], dropdowns: bool) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t("comun-tramites"))?;
    let bold = Format::new().set_bold();
    for (c, h) in headers().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, 22)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    if dropdowns {
        let lists: [(&str, Vec<&str>); 3] = [
            (
                "category",
                Category::ALL.iter().map(|v| v.label()).collect(),
            ),
            (
                "audience",
                Audience::ALL.iter().map(|v| v.label()).collect(),
            ),
            ("channel", Channel::ALL.iter().map(|v| v.label()).collect()),
        ];
        for (key, values) in lists {
            let col = COLUMNS.iter().position(|c| c.key == key).unwrap_or(0) as u16;
            let rule = DataValidation::new()
                .allow_list_strings(&values)?
                .set_error_title(t("texto-valor-no-valido"))?
                .set_error_message(t("texto-elija-valor-lista"))?;
            sheet.add_data_validation(1, col, 10_000, col, &rule)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// The procedures as XLSX, the same columns as the CSV, with the drop-down lists.
pub fn xlsx_of(procedures: &[ProcedureFields]) -> Result<Vec<u8>, String> {
    let rows: Vec<Vec<String>> = procedures.iter().map(cells).collect();
    book_with(&rows, true).map_err(|e| e.to_string())
}

/// The template: headers, one example row and the drop-down lists.
pub fn template() -> Result<Vec<u8>, String> {
    let example = vec![
        "MINTRAB-001",
        &t("texto-solicitud-constancia-laboral"),
        &t("texto-constancia-relacion-laboral-para"),
        &t("texto-direccion-general-trabajo"),
        &t("texto-codigo-trabajo-articulo-1"),
        &t("categoria-general"),
        &t("publico-workers"),
        &t("comun-presencial"),
        &t("texto-solicitud-firmada-copia-dpi"),
        "3",
        "2",
        "10",
        "0",
        "1200",
        "4",
        "",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    book_with(&[example], true).map_err(|e| e.to_string())
}
