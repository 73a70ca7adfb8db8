//! Words and dates as the pages show them: Spanish, in the ministry's time zone, zone named.

use chrono::{Datelike, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use crate::domain::comment::Outcome;
use crate::domain::feedback::Topic;
use crate::domain::report::Period;
use crate::domain::{Audience, Category, Channel};
use crate::i18n::{k, t};
use crate::tr;

/// A month's name (0 = January).
pub fn month_name(month0: u32) -> String {
    const KEYS: [&str; 12] = [
        k("mes-1"),
        k("mes-2"),
        k("mes-3"),
        k("mes-4"),
        k("mes-5"),
        k("mes-6"),
        k("mes-7"),
        k("mes-8"),
        k("mes-9"),
        k("mes-10"),
        k("mes-11"),
        k("mes-12"),
    ];
    t(KEYS[month0 as usize % 12])
}

/// The zone's name as people say it ("hora de Guatemala").
pub fn zone_name(tz: Tz) -> String {
    let city = tz.name().rsplit('/').next().unwrap_or("").replace('_', " ");
    tr!("fecha-zona", ciudad = city)
}

/// "21 de diciembre de 2026, 23:59 (hora de Guatemala)".
pub fn date_time(at: &NaiveDateTime, tz: Tz) -> String {
    let local = at.and_utc().with_timezone(&tz);
    tr!(
        "fecha-hora",
        fecha = day(&local.date_naive()),
        hora = format!("{:02}:{:02}", local.hour(), local.minute()),
        zona = zone_name(tz)
    )
}

/// "21 de diciembre de 2026".
pub fn date(at: &NaiveDateTime, tz: Tz) -> String {
    day(&at.and_utc().with_timezone(&tz).date_naive())
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

/// The category in words.
pub fn category(c: Category) -> String {
    t(match c {
        Category::Priority => k("categoria-priority"),
        Category::General => k("categoria-general"),
    })
}

/// The channel in words.
pub fn channel(c: Channel) -> String {
    t(match c {
        Channel::InPerson => k("canal-in-person"),
        Channel::Hybrid => k("canal-hybrid"),
        Channel::Online => k("canal-online"),
    })
}

/// The audience in words.
pub fn audience(a: Audience) -> String {
    t(match a {
        Audience::Citizens => k("publico-citizens"),
        Audience::Employers => k("publico-employers"),
        Audience::Workers => k("publico-workers"),
        Audience::PublicServants => k("publico-public-servants"),
    })
}

/// An answer's outcome in words.
pub fn outcome(o: Outcome) -> String {
    t(match o {
        Outcome::Accepted => k("resultado-accepted"),
        Outcome::PartiallyAccepted => k("resultado-partially-accepted"),
        Outcome::NotAccepted => k("resultado-not-accepted"),
        Outcome::NotApplicable => k("resultado-not-applicable"),
    })
}

/// An opinion's topic in words ("Otro tema" when unknown).
pub fn topic(topic: Option<Topic>) -> String {
    t(match topic {
        Some(Topic::Services) => k("tema-services"),
        Some(Topic::OpenData) => k("tema-open-data"),
        Some(Topic::LabourNeeds) => k("tema-labour-needs"),
        Some(Topic::Other) | None => k("tema-other"),
    })
}

/// A four-month period in words: "septiembre a diciembre de 2026".
pub fn period(p: Period) -> String {
    let first = p.n.saturating_sub(1) * 4;
    tr!(
        "periodo-meses",
        desde = month_name(first),
        hasta = month_name(first + 3),
        anio = p.year.to_string()
    )
}

/// Why a comment was withheld, in plain words.
pub fn reject_reason(reason: Option<&str>) -> String {
    t(match reason {
        Some("abusive") => k("motivo-abusive"),
        Some("spam") => k("motivo-spam"),
        Some("off_topic") => k("motivo-off-topic"),
        Some("personal_data") => k("motivo-personal-data"),
        Some("duplicate") => k("motivo-duplicate"),
        _ => k("motivo-otro"),
    })
}

/// A message as a sentence: its first letter in upper case ("el comentario…" → "El comentario…").
pub fn sentence(message: impl AsRef<str>) -> String {
    let mut chars = message.as_ref().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An answer's date with its outcome, when given ("3 de marzo de 2027 · Resultado: Aceptado").
pub fn answered(at: &NaiveDateTime, result: Option<&str>, tz: Tz) -> String {
    match result.and_then(crate::domain::comment::Outcome::parse) {
        Some(o) => tr!(
            "respuesta-con-resultado",
            fecha = date(at, tz),
            resultado = outcome(o)
        ),
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
    tr!(
        "fecha-dia",
        dia = d.day().to_string(),
        mes = month_name(d.month0()),
        anio = d.year().to_string()
    )
}

/// A month key in words: "2026-01" → "enero de 2026" (anything else is returned as it is).
pub fn month(key: &str) -> String {
    match key.split_once('-').map(|(y, m)| (y, m.parse::<usize>())) {
        Some((y, Ok(m @ 1..=12))) => {
            tr!(
                "fecha-mes",
                mes = month_name(m as u32 - 1),
                anio = y.to_string()
            )
        }
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
    tr!(
        "carga-anual",
        horas = figure(b.annual_hours),
        quetzales = quetzales(b.annual_cost_gtq)
    )
}

/// An online share in words: "62.5 % en línea (50 de 80)".
pub fn online_share(s: Option<&crate::usecases::evaluation::Share>) -> String {
    s.map_or_else(
        || t("uso-sin-meses-periodo"),
        |s| {
            tr!(
                "uso-proporcion",
                porcentaje = figure(s.percent),
                en_linea = figure(s.online as f64),
                total = figure(s.total as f64)
            )
        },
    )
}

/// The category's words as the indicators page writes them.
pub fn category_words(key: &str) -> String {
    t(match key {
        "priority" => k("categoria-plural-priority"),
        _ => k("categoria-plural-general"),
    })
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
