//! Names of downloaded files (RFC 6266): what an uploader typed is never trusted to name a file
//! on someone else's disk. Control characters and the bidirectional marks that make
//! `a\u{202E}fdp.exe` show as "aexe.pdf" are dropped, folders (`../`, `\`) are cut away, and
//! the header carries an ASCII `filename` for old clients beside `filename*=UTF-8''…`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a name becomes when nothing of it is left.
const FALLBACK: &str = "archivo";

/// Longest name kept, in characters.
const MAX_CHARS: usize = 120;

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}')
}

/// The name an uploader gave, made safe to offer: no folder, no control or direction
/// character, no leading dot, at most 120 characters, never empty.
pub fn clean(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if matches!(c, '"' | ':' | '*' | '?' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(MAX_CHARS)
        .collect();
    let kept = kept.trim().trim_start_matches('.').trim().to_string();
    if kept.is_empty() {
        FALLBACK.into()
    } else {
        kept
    }
}

/// The ASCII stand-in of a clean name: accents folded, anything else outside `A-Z a-z 0-9 . _ -`
/// made `_`.
fn ascii(name: &str) -> String {
    let folded = deunicode::deunicode(name);
    let out: String = folded
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let out = out.trim_start_matches('.').to_string();
    if out.is_empty() {
        FALLBACK.into()
    } else {
        out
    }
}

/// `attr-char` of RFC 8187: what may stand unencoded in `filename*`.
const ATTR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// A `Content-Disposition` value: `inline` or `attachment` (`inline` false), the ASCII
/// `filename` and, when the name is not plain ASCII, `filename*=UTF-8''…`.
pub fn content_disposition(inline: bool, name: &str) -> String {
    let name = clean(name);
    let plain = ascii(&name);
    let kind = if inline { "inline" } else { "attachment" };
    if plain == name {
        format!("{kind}; filename=\"{plain}\"")
    } else {
        let encoded = utf8_percent_encode(&name, ATTR);
        format!("{kind}; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_controls_and_direction_marks_are_removed() {
        assert_eq!(clean("../../etc/passwd"), "passwd");
        assert_eq!(clean("C:\\temp\\..\\informe.pdf"), "informe.pdf");
        assert_eq!(clean("a\u{202E}fdp.exe"), "afdp.exe");
        assert_eq!(clean("línea\r\nX-Otro: 1.pdf"), "líneaX-Otro_ 1.pdf");
        assert_eq!(clean("..."), "archivo");
        assert_eq!(clean(".oculto"), "oculto");
        assert_eq!(clean("\u{2067}"), "archivo");
    }

    #[test]
    fn a_name_with_accents_has_an_ascii_filename_and_an_encoded_one() {
        assert_eq!(
            content_disposition(false, "Informe del piloto (año 2026).pdf"),
            "attachment; filename=\"Informe_del_piloto__ano_2026_.pdf\"; \
             filename*=UTF-8''Informe%20del%20piloto%20%28a%C3%B1o%202026%29.pdf"
        );
        assert_eq!(
            content_disposition(true, "tramites.csv"),
            "inline; filename=\"tramites.csv\""
        );
    }
}
