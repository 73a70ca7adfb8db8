//! Reach (issue 37): where a comment came from, the language it was written in, the day an
//! office received it, and translations of a draft. Rules only; no storage, no clock.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use super::error::{FieldError, Problem};

string_enum! {
    /// How a comment reached the Committee.
    CommentChannel {
        /// The public form or the API.
        Web => "web",
        /// A letter or a paper form handed in at an office.
        Paper => "paper",
        /// Dictated over the phone.
        Phone => "phone",
        /// Said in person at an office or a meeting.
        InPerson => "in_person",
        /// Sent by e-mail to an office.
        Email => "email",
        /// Sent by WhatsApp to an office.
        Whatsapp => "whatsapp",
    }
}

/// The language a comment is taken to be written in when nobody says (ISO 639-3).
pub const SPANISH: &str = "spa";

/// The default of the setting `draft_languages`: K'iche', Kaqchikel, Mam, Q'eqchi', English.
pub const DRAFT_LANGUAGES: &[&str] = &["quc", "cak", "mam", "kek", "eng"];

/// An ISO 639-3 code as given: three lowercase ASCII letters (spaces around trimmed).
pub fn language_code(field: &str, given: &str) -> Result<String, FieldError> {
    let code = given.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code.to_string())
    } else {
        Err(FieldError::new(field, "campo-codigo-idioma"))
    }
}

/// Checks the day an office received a comment: within the consultation's window, taken as
/// the local days of its opening and closing, and not after today.
pub fn received_on(
    day: NaiveDate,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(), FieldError> {
    let first = opens.with_timezone(&tz).date_naive();
    let last = closes.with_timezone(&tz).date_naive();
    let today = now.with_timezone(&tz).date_naive();
    if day < first || day > last {
        return Err(FieldError::with(
            "received_on",
            Problem::new("campo-fuera-del-plazo")
                .with("desde", first.to_string())
                .with("hasta", last.to_string()),
        ));
    }
    if day > today {
        return Err(FieldError::new(
            "received_on",
            "campo-no-puede-estar-futuro",
        ));
    }
    Ok(())
}

/// A translation of a consultation as the Committee gives it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewTranslation {
    /// ISO 639-3 code.
    pub language: String,
    /// The title in that language.
    pub title: String,
    /// The summary.
    #[serde(default)]
    pub summary: String,
    /// The draft, in the same articles as the original.
    pub proposal_text: String,
    /// Who translated it.
    pub translator: String,
}

/// Checks a translation: a language listed in `allowed`, the title, the draft and the
/// translator given; every field trimmed.
pub fn check_translation(
    input: &NewTranslation,
    allowed: &[String],
) -> Result<NewTranslation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let language = match language_code("language", &input.language) {
        Ok(code) if allowed.contains(&code) => code,
        Ok(_) => {
            errors.push(FieldError::with(
                "language",
                Problem::new("campo-idioma-no-previsto").with("idiomas", allowed.join(", ")),
            ));
            String::new()
        }
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let required = |errors: &mut Vec<FieldError>, field: &str, v: &str, max: usize| {
        let v = v.trim();
        if v.is_empty() {
            errors.push(FieldError::new(field, "campo-obligatorio"));
        } else if v.chars().count() > max {
            errors.push(FieldError::new(field, "campo-demasiado-largo"));
        }
        v.to_string()
    };
    let title = required(&mut errors, "title", &input.title, 300);
    let proposal_text = required(&mut errors, "proposal_text", &input.proposal_text, 200_000);
    let translator = required(&mut errors, "translator", &input.translator, 200);
    let summary = input.summary.trim().to_string();
    if summary.chars().count() > 5_000 {
        errors.push(FieldError::new("summary", "campo-demasiado-largo"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewTranslation {
        language,
        title,
        summary,
        proposal_text,
        translator,
    })
}

/// The SHA-256 a translation is frozen with: of its title, summary and draft, each followed by
/// a NUL byte, so that no two different translations share it.
pub fn translation_sha256(title: &str, summary: &str, proposal_text: &str) -> String {
    let mut h = Sha256::new();
    for part in [title, summary, proposal_text] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_day_counts_in_the_ministry_zone() {
        let tz = chrono_tz::America::Guatemala;
        // Opens 1 March 08:00 local (14:00 UTC), closes 1 April 23:59 local (2 April 05:59 UTC).
        let (opens, closes) = (at(2027, 3, 1, 14), at(2027, 4, 2, 5));
        let now = at(2027, 4, 20, 12);
        let day = |d: u32, m: u32| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        assert!(received_on(day(1, 3), opens, closes, tz, now).is_ok());
        assert!(received_on(day(1, 4), opens, closes, tz, now).is_ok());
        assert!(received_on(day(2, 4), opens, closes, tz, now).is_err());
        assert!(received_on(day(28, 2), opens, closes, tz, now).is_err());
        // Not a day that has not come yet, even inside the window.
        assert!(received_on(day(20, 3), opens, closes, tz, at(2027, 3, 10, 12)).is_err());
    }

    #[test]
    fn languages_are_iso_639_3_codes_from_the_setting() {
        assert_eq!(language_code("language", " quc ").unwrap(), "quc");
        assert!(language_code("language", "qu").is_err());
        assert!(language_code("language", "QUC").is_err());
        let allowed: Vec<String> = DRAFT_LANGUAGES.iter().map(|s| s.to_string()).collect();
        let ok = NewTranslation {
            language: "quc".into(),
            title: "T".into(),
            summary: String::new(),
            proposal_text: "Artículo 1. X".into(),
            translator: "Ana".into(),
        };
        assert!(check_translation(&ok, &allowed).is_ok());
        let other = NewTranslation {
            language: "xyz".into(),
            ..ok.clone()
        };
        assert!(check_translation(&other, &allowed).is_err());
    }

    #[test]
    fn the_frozen_hash_separates_the_parts() {
        assert_ne!(
            translation_sha256("ab", "c", "d"),
            translation_sha256("a", "bc", "d")
        );
    }
}
