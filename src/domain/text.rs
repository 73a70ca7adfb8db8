//! One rule for control characters in any text a person sends: refused, naming the field.
//! PostgreSQL cannot store NUL, and no legitimate form field needs a control character, so
//! both backends answer the same. Tab, line feed and carriage return are text, not control.

use super::error::FieldError;
use crate::domain::error::Problem;

/// The first control character of `text` (C0 other than tab, LF and CR; DEL; C1), if any.
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Refuses a value holding a control character.
pub fn check_controls(field: &str, text: &str) -> Result<(), FieldError> {
    match control_character(text) {
        None => Ok(()),
        Some(c) => Err(FieldError::with(
            field,
            Problem::new("campo-caracter-control")
                .with("codigo", format!("U+{:04X}", u32::from(c))),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_other_controls_are_refused_but_line_breaks_are_text() {
        assert!(check_controls("body", "hola\u{0}").is_err());
        assert!(check_controls("body", "a\u{1b}[31m").is_err());
        assert!(check_controls("body", "a\u{7f}").is_err());
        assert!(check_controls("body", "a\u{85}").is_err());
        assert!(check_controls("body", "línea 1\r\nlínea 2\tfin").is_ok());
        assert_eq!(check_controls("q", "\u{0}").unwrap_err().field, "q");
    }
}
