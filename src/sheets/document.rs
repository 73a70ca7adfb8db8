//! A draft written in a word processor, as text: the paragraphs of a `.docx` (Office Open XML,
//! `word/document.xml`) or an `.odt` (OpenDocument, `content.xml`), one per line with a blank
//! line between them (Markdown's paragraphs), so that the
//! draft parser reads `Artículo N` lines as it reads a typed text. The archive is checked first
//! as a workbook is ([`super::guard::check_archive`]: parts decompressed into nothing and
//! counted, never trusting the sizes declared); the XML is read as a stream by quick-xml.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;

use super::guard::{check_archive, SheetLimits};
use crate::domain::error::{FieldError, Problem};

/// Which word processor's format, by the part that holds the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Docx,
    Odt,
}

impl Format {
    fn part(self) -> &'static str {
        match self {
            Format::Docx => "word/document.xml",
            Format::Odt => "content.xml",
        }
    }
}

fn fault(kind: &'static str) -> Vec<FieldError> {
    vec![FieldError::new("file", kind)]
}

/// The text of a `.docx` or `.odt` file: each paragraph (and heading) a line, tabs and line
/// breaks kept; anything else (another format, a broken or oversized archive) is a fault on the
/// field `file`. At most `max_unpacked_bytes` are decompressed.
pub fn draft_text(bytes: &[u8], max_unpacked_bytes: u64) -> Result<String, Vec<FieldError>> {
    let limits = SheetLimits {
        max_unpacked_bytes,
        ..SheetLimits::default()
    };
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| fault("campo-borrador-formato"))?;
    let format = if zip.by_name(Format::Docx.part()).is_ok() {
        Format::Docx
    } else if zip.by_name(Format::Odt.part()).is_ok() {
        Format::Odt
    } else {
        return Err(fault("campo-borrador-formato"));
    };
    check_archive(bytes, &limits).map_err(|faults| {
        faults
            .into_iter()
            .map(|f| FieldError::with("file", f.problem))
            .collect::<Vec<_>>()
    })?;
    let part = zip
        .by_name(format.part())
        .map_err(|_| fault("campo-borrador-formato"))?;
    paragraphs(BufReader::new(part.take(max_unpacked_bytes)), format).map_err(|e| {
        vec![FieldError::with(
            "file",
            Problem::new("campo-borrador-ilegible").with("detalle", e),
        )]
    })
}

/// The paragraphs of a document part, one per line.
fn paragraphs(part: impl std::io::BufRead, format: Format) -> Result<String, String> {
    let [paragraph, text, tab, line_break, space]: [&[u8]; 5] = match format {
        Format::Docx => [b"w:p", b"w:t", b"w:tab", b"w:br", b""],
        Format::Odt => [b"text:p", b"", b"text:tab", b"text:line-break", b"text:s"],
    };
    let mut xml = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut out = String::new();
    // In a .docx only the text of w:t runs counts (w:instrText and the like do not).
    let mut in_text = format == Format::Odt;
    let mut depth_in_body = 0usize;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let name = name.as_ref();
                if format == Format::Odt && name == b"office:text" {
                    depth_in_body += 1;
                }
                if name == text && !text.is_empty() && matches!(event, Event::Start(_)) {
                    in_text = true;
                } else if name == tab {
                    out.push('\t');
                } else if name == line_break {
                    out.push('\n');
                } else if name == space && !space.is_empty() {
                    let n = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
                        .unwrap_or(1usize);
                    out.push_str(&" ".repeat(n.min(100)));
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if name == text && !text.is_empty() {
                    in_text = false;
                } else if name == paragraph || (format == Format::Odt && name == b"text:h") {
                    // A blank line after each paragraph: Markdown's paragraphs, so that the
                    // preview and the public page show them apart, as the document did.
                    out.push_str("\n\n");
                } else if format == Format::Odt && name == b"office:text" {
                    depth_in_body = depth_in_body.saturating_sub(1);
                }
            }
            Event::Text(t) if in_text && (format == Format::Docx || depth_in_body > 0) => {
                out.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if in_text && (format == Format::Docx || depth_in_body > 0) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    out.push(c);
                } else {
                    let name = r.decode().map_err(|e| e.to_string())?;
                    out.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Empty paragraphs make no more than one blank line.
    let mut text = out.trim().to_string();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    Ok(text)
}
