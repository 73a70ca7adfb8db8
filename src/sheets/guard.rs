//! What a spreadsheet may make the server do before it is read: a workbook is a zip of XML
//! parts, and a few kilobytes can declare a sheet of 17 billion cells, a table of shared strings
//! of gigabytes, or one ODS cell repeated sixteen thousand times a row. Everything here is
//! checked while streaming, before `calamine` allocates anything proportional to what the file
//! *says*:
//! - every part of the archive is decompressed once into nothing, counting the bytes it really
//!   yields (a header's declared size can lie), and the sum may not pass `max_unpacked_bytes`;
//! - an ODS sheet's repeated rows and cells are counted from its XML (calamine expands them);
//! - an XLSX sheet is read cell by cell (never as the dense rectangle its `<dimension>` names);
//! - the text of the cells read, repeats included, may not pass `max_unpacked_bytes` either.
//!
//! A file over a limit is refused with a fault that names the limit and its setting.

use crate::tr;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::domain::error::Problem;
use crate::domain::import::ImportError;

/// Most parts a workbook may hold (real ones have a few dozen).
const MAX_PARTS: usize = 1_000;

/// The limits of one file (settings `import_max_rows`, `import_max_columns`,
/// `import_max_unpacked_bytes`).
#[derive(Debug, Clone, Copy)]
pub struct SheetLimits {
    /// Procedure rows after the header.
    pub max_rows: usize,
    /// Columns with a value.
    pub max_columns: usize,
    /// Bytes of the archive's decompressed parts, and of the cells' text.
    pub max_unpacked_bytes: u64,
}

impl Default for SheetLimits {
    fn default() -> Self {
        SheetLimits {
            max_rows: 10_000,
            max_columns: 64,
            max_unpacked_bytes: 32 * 1024 * 1024,
        }
    }
}

/// A fault of the file as a whole.
pub fn file_fault(problem: Problem) -> Vec<ImportError> {
    vec![ImportError {
        row: 0,
        column: String::new(),
        problem,
    }]
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0}", bytes as f64 / (1024.0 * 1024.0))
}

impl SheetLimits {
    /// The fault of a sheet with a value beyond the last allowed row (`row` as the sheet
    /// numbers it: the header is 1).
    pub fn too_many_rows(&self, row: u64) -> Vec<ImportError> {
        file_fault(
            Problem::new("hoja-demasiadas-filas")
                .with("fila", row)
                .with("max", self.max_rows),
        )
    }

    /// The fault of a sheet with a value beyond the last allowed column (1-based).
    pub fn too_many_columns(&self, column: u64) -> Vec<ImportError> {
        file_fault(
            Problem::new("hoja-demasiadas-columnas")
                .with("columna", column)
                .with("max", self.max_columns),
        )
    }

    /// The fault of a file whose parts, or whose cells' text, pass the byte limit.
    pub fn too_large(&self) -> Vec<ImportError> {
        file_fault(
            Problem::new("hoja-demasiado-grande").with("mb", megabytes(self.max_unpacked_bytes)),
        )
    }

    /// True when a value at the sheet's `row` (0-based, header 0) is beyond the limit.
    pub fn row_beyond(&self, row: u64) -> bool {
        row > self.max_rows as u64
    }

    /// True when a value at `column` (0-based) is beyond the limit.
    pub fn column_beyond(&self, column: u64) -> bool {
        column >= self.max_columns as u64
    }
}

fn broken(e: impl std::fmt::Display) -> Vec<ImportError> {
    file_fault(Problem::new("hoja-no-abre").with("detalle", e.to_string()))
}

/// Decompresses every part of the archive into nothing, counting what each really yields; on
/// an ODS, counts its sheets' repeated rows and cells too.
pub fn check_archive(bytes: &[u8], limits: &SheetLimits) -> Result<(), Vec<ImportError>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    if zip.len() > MAX_PARTS {
        return Err(file_fault(
            Problem::new("hoja-demasiadas-partes").with("max", MAX_PARTS),
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(broken)?;
        let budget = limits.max_unpacked_bytes - total;
        let read =
            std::io::copy(&mut part.take(budget + 1), &mut std::io::sink()).map_err(broken)?;
        total += read;
        if total > limits.max_unpacked_bytes {
            return Err(limits.too_large());
        }
    }
    if let Ok(content) = zip.by_name("content.xml") {
        check_ods(BufReader::new(content), limits)?;
    }
    Ok(())
}

fn repeats(e: &BytesStart<'_>, name: &[u8]) -> Result<u64, Vec<ImportError>> {
    for a in e.attributes() {
        let a = a.map_err(broken)?;
        if a.key.as_ref() == name {
            let text = std::str::from_utf8(&a.value).map_err(broken)?;
            return text
                .trim()
                .parse::<u64>()
                .map_err(|_| broken(tr!("texto-repeticion-no-valida", text = text.to_string())));
        }
    }
    Ok(1)
}

fn has_value_type(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"office:value-type")
}

/// The cells of one ODS row as the XML gives them.
#[derive(Default)]
struct OdsRow {
    repeated: u64,
    /// Columns passed so far.
    column: u64,
    /// 1-based column of the last cell with a value.
    last_value_column: u64,
    /// Text of the row's cells, repeats included.
    text: u64,
}

/// Counts an ODS `content.xml`: no value beyond the row or column limit (repeats counted as the
/// rows and cells they stand for) and no more text than the byte limit, in every sheet
/// (calamine reads them all when it opens the file).
fn check_ods(content: impl std::io::BufRead, limits: &SheetLimits) -> Result<(), Vec<ImportError>> {
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut row = OdsRow::default();
    // (columns repeated, text so far, has a value type) of the open cell.
    let mut cell: Option<(u64, u64, bool)> = None;
    let mut sheet_row = 0u64;
    let mut text_total = 0u64;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(broken)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => sheet_row = 0,
                b"table:table-row" => {
                    row = OdsRow {
                        repeated: repeats(e, b"table:number-rows-repeated")?,
                        ..OdsRow::default()
                    };
                    if matches!(event, Event::Empty(_)) {
                        sheet_row = sheet_row.saturating_add(row.repeated);
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let open = (
                        repeats(e, b"table:number-columns-repeated")?,
                        0,
                        has_value_type(e),
                    );
                    if matches!(event, Event::Empty(_)) {
                        end_cell(&mut row, open, limits)?;
                    } else {
                        cell = Some(open);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.1 = c.1.saturating_add(t.len() as u64);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => {
                    if let Some(open) = cell.take() {
                        end_cell(&mut row, open, limits)?;
                    }
                }
                b"table:table-row" => {
                    if row.last_value_column > 0 {
                        let last = sheet_row.saturating_add(row.repeated);
                        if limits.row_beyond(last.saturating_sub(1)) {
                            return Err(limits.too_many_rows(last));
                        }
                    }
                    text_total = text_total.saturating_add(row.text.saturating_mul(row.repeated));
                    if text_total > limits.max_unpacked_bytes {
                        return Err(limits.too_large());
                    }
                    sheet_row = sheet_row.saturating_add(row.repeated);
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn end_cell(
    row: &mut OdsRow,
    (repeated, text, typed): (u64, u64, bool),
    limits: &SheetLimits,
) -> Result<(), Vec<ImportError>> {
    row.column = row.column.saturating_add(repeated);
    if typed || text > 0 {
        if limits.column_beyond(row.column.saturating_sub(1)) {
            return Err(limits.too_many_columns(row.column));
        }
        row.last_value_column = row.column;
        row.text = row
            .text
            .saturating_add(text.max(1).saturating_mul(repeated));
    }
    Ok(())
}
