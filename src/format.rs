//! Words and dates as the pages show them: Spanish, in the ministry's time zone, zone named.

use chrono::{Datelike, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use crate::domain::report::MONTHS;
use crate::domain::{Audience, Category, Channel};

/// The zone's name as people say it ("hora de Guatemala").
pub fn zone_name(tz: Tz) -> String {
    let city = tz.name().rsplit('/').next().unwrap_or("").replace('_', " ");
    format!("hora de {city}")
}

/// "21 de diciembre de 2026, 23:59 (hora de Guatemala)".
pub fn date_time(at: &NaiveDateTime, tz: Tz) -> String {
    let local = at.and_utc().with_timezone(&tz);
    format!(
        "{} de {} de {}, {:02}:{:02} ({})",
        local.day(),
        MONTHS[local.month0() as usize],
        local.year(),
        local.hour(),
        local.minute(),
        zone_name(tz)
    )
}

/// "21 de diciembre de 2026".
pub fn date(at: &NaiveDateTime, tz: Tz) -> String {
    let local = at.and_utc().with_timezone(&tz);
    format!(
        "{} de {} de {}",
        local.day(),
        MONTHS[local.month0() as usize],
        local.year()
    )
}

/// A whole number with thousands separated by commas, as Guatemala writes them.
pub fn number(value: f64) -> String {
    let rounded = value.round() as i64;
    let digits = rounded.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Quetzales: "Q 1,250", or "Q 25.50" when there are centavos.
pub fn quetzales(value: f64) -> String {
    let centavos = ((value * 100.0).round() as i64).rem_euclid(100);
    if centavos == 0 {
        format!("Q {}", number(value))
    } else {
        format!("Q {}.{centavos:02}", number(value.trunc()))
    }
}

/// The category in Spanish.
pub fn category(c: Category) -> &'static str {
    c.label()
}

/// The channel in Spanish.
pub fn channel(c: Channel) -> &'static str {
    c.label()
}

/// The audience in Spanish.
pub fn audience(a: Audience) -> &'static str {
    a.label()
}

/// Why a comment was withheld, in plain words.
pub fn reject_reason(reason: Option<&str>) -> &'static str {
    match reason {
        Some("abusive") => "lenguaje ofensivo",
        Some("spam") => "publicidad o envío masivo",
        Some("off_topic") => "no trata de esta propuesta",
        Some("personal_data") => "contenía datos personales",
        Some("duplicate") => "repetido",
        _ => "no cumple las reglas de participación",
    }
}

/// A message as a sentence: its first letter in upper case ("el comentario…" → "El comentario…").
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An answer's date with its outcome, when given ("3 de marzo de 2027 · Resultado: Aceptado").
pub fn answered(at: &NaiveDateTime, outcome: Option<&str>, tz: Tz) -> String {
    match outcome.and_then(crate::domain::comment::Outcome::parse) {
        Some(o) => format!("{} · Resultado: {}", date(at, tz), o.label()),
        None => date(at, tz),
    }
}

/// A figure with its decimals as stored (up to two): "4,000", "1,250.5", "-3.25".
pub fn figure(value: f64) -> String {
    let cents = (value.abs() * 100.0).round() as i64;
    let whole = number((cents / 100) as f64);
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    match cents % 100 {
        0 => format!("{sign}{whole}"),
        c if c % 10 == 0 => format!("{sign}{whole}.{}", c / 10),
        c => format!("{sign}{whole}.{c:02}"),
    }
}

/// A day: "31 de diciembre de 2026".
pub fn day(d: &chrono::NaiveDate) -> String {
    format!(
        "{} de {} de {}",
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// A month key in words: "2026-01" → "enero de 2026" (anything else is returned as it is).
pub fn month(key: &str) -> String {
    match key.split_once('-').map(|(y, m)| (y, m.parse::<usize>())) {
        Some((y, Ok(m @ 1..=12))) => format!("{} de {y}", MONTHS[m - 1]),
        _ => key.to_string(),
    }
}

/// A stored RFC 3339 time (as the reports' JSON holds them) as a date in words.
pub fn date_of(at: &str, tz: Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| date(&t.naive_utc(), tz))
        .unwrap_or_else(|_| at.to_string())
}

/// A stored RFC 3339 time as a date and time in words, with the zone named.
pub fn date_time_of(at: &str, tz: Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| date_time(&t.naive_utc(), tz))
        .unwrap_or_else(|_| at.to_string())
}

/// A yearly burden in words: "3,000 horas y Q 63,000 al año".
pub fn burden(b: &crate::domain::burden::Burden) -> String {
    format!(
        "{} horas y {} al año",
        figure(b.annual_hours),
        quetzales(b.annual_cost_gtq)
    )
}

/// An online share in words: "62.5 % en línea (50 de 80)".
pub fn online_share(s: Option<&crate::usecases::evaluation::Share>) -> String {
    s.map_or("sin meses en el periodo".into(), |s| {
        format!(
            "{} % en línea ({} de {})",
            figure(s.percent),
            figure(s.online as f64),
            figure(s.total as f64)
        )
    })
}

/// The category's words as the indicators page writes them.
pub fn category_words(key: &str) -> &'static str {
    match key {
        "priority" => "prioritarios",
        _ => "generales",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_spanish_and_local_with_the_zone_named() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 22)
            .unwrap()
            .and_hms_opt(5, 59, 59)
            .unwrap();
        assert_eq!(
            date_time(&at, chrono_tz::America::Guatemala),
            "21 de diciembre de 2026, 23:59 (hora de Guatemala)"
        );
        assert_eq!(number(1234567.4), "1,234,567");
        assert_eq!(quetzales(950.0), "Q 950");
        assert_eq!(quetzales(25.5), "Q 25.50");
    }

    #[test]
    fn figures_keep_their_decimals() {
        assert_eq!(super::figure(4000.0), "4,000");
        assert_eq!(super::figure(1250.5), "1,250.5");
        assert_eq!(super::figure(-3.25), "-3.25");
        assert_eq!(super::figure(0.0), "0");
    }
}
