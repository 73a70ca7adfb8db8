//! Spreadsheet files in and out, for the inventory's import and export: CSV (the `csv` crate)
//! and XLSX/ODS (read with `calamine`, written with `rust_xlsxwriter`, drop-down lists for the
//! closed fields included). The rules of what the rows mean are in `domain::import`.

use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{DataValidation, Format, Workbook};

use crate::domain::import::{cells, ImportError, Sheet, COLUMNS};
use crate::domain::procedure::ProcedureFields;
use crate::domain::{Audience, Category, Channel};

fn file_fault(message: &str) -> Vec<ImportError> {
    vec![ImportError {
        row: 0,
        column: String::new(),
        message: message.into(),
    }]
}

/// Reads a CSV, XLSX or ODS file (recognised from its bytes) into its first sheet's cells.
pub fn read(bytes: &[u8]) -> Result<Sheet, Vec<ImportError>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_fault("el archivo está vacío"));
    }
    let sheet = if bytes.starts_with(b"PK\x03\x04") {
        read_workbook(bytes)?
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| {
                file_fault("el archivo no es una hoja de cálculo: envíe un CSV (UTF-8) o un XLSX")
            })?;
        if text.contains('\0') {
            return Err(file_fault(
                "el archivo no es una hoja de cálculo: envíe un CSV (UTF-8) o un XLSX",
            ));
        }
        read_csv(text)?
    };
    if sheet.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(file_fault("el archivo está vacío"));
    }
    Ok(sheet)
}

fn read_csv(text: &str) -> Result<Sheet, Vec<ImportError>> {
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
        Some(Err(e)) => return Err(file_fault(&format!("el CSV no se puede leer: {e}"))),
        None => return Err(file_fault("el archivo está vacío")),
    };
    let mut rows = Vec::new();
    for (i, r) in records.enumerate() {
        match r {
            Ok(r) => rows.push(r.iter().map(str::to_string).collect()),
            Err(e) => {
                return Err(vec![ImportError {
                    row: i + 2,
                    column: String::new(),
                    message: format!("la fila no se puede leer: {e}"),
                }])
            }
        }
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

fn read_workbook(bytes: &[u8]) -> Result<Sheet, Vec<ImportError>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| file_fault(&format!("la hoja de cálculo no se puede abrir: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| file_fault("la hoja de cálculo no tiene hojas"))?
        .map_err(|e| file_fault(&format!("la primera hoja no se puede leer: {e}")))?;
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect::<Vec<String>>());
    let headers = rows
        .next()
        .ok_or_else(|| file_fault("el archivo está vacío"))?;
    Ok(Sheet {
        headers,
        rows: rows.collect(),
    })
}

/// The header row of exports and of the template.
pub fn headers() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.es).collect()
}

/// A table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read accents), the
/// header row, then the rows.
pub fn csv_table(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(headers)?;
        for r in rows {
            w.write_record(&r)?;
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
    sheet.set_name("Trámites")?;
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
                .set_error_title("Valor no válido")?
                .set_error_message("Elija un valor de la lista.")?;
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
        "Solicitud de constancia laboral",
        "Constancia de relación laboral para trámites bancarios.",
        "Dirección General de Trabajo",
        "Código de Trabajo, artículo 1",
        "General",
        "Trabajadores",
        "Presencial",
        "Solicitud firmada; *Copia del DPI",
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
