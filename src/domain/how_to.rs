//! Where, when and how a person does a procedure today: the online address, the offices with
//! their hours, a phone and a WhatsApp number. CPSV-AP 3.2 calls these the service's channels
//! (`cv:hasChannel`), contact point (`cv:hasContactPoint`) and opening hours; the public page
//! leads with them, and the open data publishes them.

use serde::{Deserialize, Serialize};

use super::char_len;
use super::error::{FieldError, Problem};

/// How to do a procedure. Every part is optional; an empty text is none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Access {
    /// Where to do it online (`https://…`).
    pub online_url: Option<String>,
    /// The offices, one a line: name and address.
    pub offices: Option<String>,
    /// When the offices attend ("lunes a viernes, 8:00 a 16:00").
    pub opening_hours: Option<String>,
    /// A phone number for questions.
    pub phone: Option<String>,
    /// A WhatsApp number.
    pub whatsapp: Option<String>,
}

impl Access {
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self == &Access::default()
    }

    /// The same, checked: trimmed, empty parts dropped, lengths and forms enforced.
    pub fn checked(&self) -> Result<Access, Vec<FieldError>> {
        let mut faults = Vec::new();
        let mut part = |name: &str, value: &Option<String>, max: usize| {
            let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            if char_len(v) > max {
                faults.push(FieldError::with(
                    format!("access.{name}"),
                    Problem::new("campo-como-maximo").with("max", max),
                ));
            }
            Some(v.to_string())
        };
        let out = Access {
            online_url: part("online_url", &self.online_url, 500),
            offices: part("offices", &self.offices, 2_000),
            opening_hours: part("opening_hours", &self.opening_hours, 300),
            phone: part("phone", &self.phone, 40),
            whatsapp: part("whatsapp", &self.whatsapp, 40),
        };
        if let Some(url) = &out.online_url {
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > "https://".len()
                && !url
                    .chars()
                    .any(|c| c.is_whitespace() || c == '"' || c == '<');
            if !ok {
                faults.push(FieldError::new(
                    "access.online_url",
                    "campo-direccion-web-invalida",
                ));
            }
        }
        for (name, number) in [("phone", &out.phone), ("whatsapp", &out.whatsapp)] {
            let ok = number.as_deref().is_none_or(|n| {
                n.chars().filter(char::is_ascii_digit).count() >= 4
                    && n.chars()
                        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
            });
            if !ok {
                faults.push(FieldError::new(
                    format!("access.{name}"),
                    "campo-numero-telefono-invalido",
                ));
            }
        }
        if faults.is_empty() {
            Ok(out)
        } else {
            Err(faults)
        }
    }

    /// The offices, one a line.
    pub fn office_lines(&self) -> Vec<String> {
        self.offices
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The WhatsApp number as `wa.me` wants it (digits only).
    pub fn whatsapp_link(&self) -> Option<String> {
        let digits: String = self
            .whatsapp
            .as_deref()?
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        Some(format!("https://wa.me/{digits}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Access;

    #[test]
    fn parts_are_trimmed_and_checked() {
        let a = Access {
            online_url: Some(" https://tramites.mintrabajo.gob.gt/x ".into()),
            offices: Some("  ".into()),
            phone: Some("+502 2422-2222".into()),
            ..Access::default()
        };
        let c = a.checked().unwrap();
        assert_eq!(
            c.online_url.as_deref(),
            Some("https://tramites.mintrabajo.gob.gt/x")
        );
        assert_eq!(c.offices, None);
        let bad = Access {
            online_url: Some("javascript:alert(1)".into()),
            whatsapp: Some("llame".into()),
            ..Access::default()
        };
        let faults = bad.checked().unwrap_err();
        let fields: Vec<_> = faults.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["access.online_url", "access.whatsapp"]);
    }
}
