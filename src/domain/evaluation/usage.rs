//! Months and usage figures: a month's transactions by channel, checked, and read from a CSV
//! file of months.

use super::*;
use crate::domain::error::Problem;

/// A month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// `2026-05` → the month; `2026-13`, `2026-5` or anything else → None.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        ((2000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// `2026-05`.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Months from `self` to `other` (negative when `other` is earlier).
    pub fn until(self, other: Month) -> i32 {
        (other.year - self.year) * 12 + other.month as i32 - self.month as i32
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Month {
            year: index.div_euclid(12),
            month: (index.rem_euclid(12) + 1) as u32,
        }
    }
}

/// Transactions of one month, by channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    /// Done online.
    pub online: i64,
    /// Done at an office.
    pub in_person: i64,
    /// By any other channel (telephone, post…).
    pub other: i64,
}

impl Usage {
    /// Every transaction.
    pub fn total(&self) -> i64 {
        self.online + self.in_person + self.other
    }
}

/// Largest count accepted for one channel and month.
pub const USAGE_MAX: i64 = 1_000_000_000_000;

/// Checks a month's counts: whole numbers from 0; every fault names its field.
pub fn check_usage(
    online: Option<&serde_json::Value>,
    in_person: Option<&serde_json::Value>,
    other: Option<&serde_json::Value>,
) -> Result<Usage, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut count = |field: &str, v: Option<&serde_json::Value>| -> i64 {
        let n = match v {
            None | Some(serde_json::Value::Null) => Some(0),
            Some(serde_json::Value::Number(n)) => n.as_i64(),
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => Some(0),
            Some(serde_json::Value::String(s)) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if (0..=USAGE_MAX).contains(&n) => n,
            Some(n) if n < 0 => {
                errors.push(FieldError::new(field, "campo-no-puede-ser-negativo"));
                0
            }
            _ => {
                errors.push(FieldError::new(field, "campo-debe-ser-numero-entero-desde"));
                0
            }
        }
    };
    let usage = Usage {
        online: count("online", online),
        in_person: count("in_person", in_person),
        other: count("other", other),
    };
    if errors.is_empty() {
        Ok(usage)
    } else {
        Err(errors)
    }
}

/// A fault in an uploaded usage file.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageFileError {
    /// Row in the file (the header is row 1).
    pub row: usize,
    /// Column.
    pub column: String,
    /// What is wrong (worded by the faces).
    pub problem: Problem,
}

/// Reads a usage CSV: a header naming `month`, `online`, `in_person`, `other` (or `mes`,
/// `en_linea`, `presencial`, `otro`), then one month per row. Every fault is reported;
/// nothing is kept unless the whole file is right.
/// Months one usage file may bring: a hundred years. A file of 96,000 months held the write
/// lock for 17-25 s.
pub const USAGE_MAX_MONTHS: usize = 1_200;

/// Reads a usage CSV (within [`USAGE_MAX_MONTHS`]).
pub fn read_usage_csv(bytes: &[u8]) -> Result<Vec<(Month, Usage)>, Vec<UsageFileError>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let fault = |row: usize, column: &str, problem: Problem| UsageFileError {
        row,
        column: column.into(),
        problem,
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => return Err(vec![fault(1, "", Problem::new("uso-no-es-csv"))]),
    };
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    let columns = [
        ("month", find(&["month", "mes"])),
        (
            "online",
            find(&["online", "en_linea", "en línea", "en linea"]),
        ),
        ("in_person", find(&["in_person", "presencial"])),
        ("other", find(&["other", "otro", "otros"])),
    ];
    let missing: Vec<UsageFileError> = columns
        .iter()
        .filter(|(_, at)| at.is_none())
        .map(|(name, _)| fault(1, name, Problem::new("importar-falta-columna")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let at = |i: usize| columns[i].1.unwrap_or(0);
    let mut out: Vec<(Month, Usage)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        if i >= USAGE_MAX_MONTHS {
            return Err(vec![fault(
                row,
                "",
                Problem::new("uso-demasiados-meses").with("max", USAGE_MAX_MONTHS),
            )]);
        }
        let Ok(record) = record else {
            errors.push(fault(row, "", Problem::new("uso-fila-ilegible")));
            continue;
        };
        let cell = |c: usize| record.get(at(c)).unwrap_or("").trim().to_string();
        let Some(month) = Month::parse(&cell(0)) else {
            errors.push(fault(
                row,
                "month",
                Problem::new("campo-mes-invalido-use-aaaa-mm"),
            ));
            continue;
        };
        let value = |c: usize| serde_json::Value::String(cell(c));
        match check_usage(Some(&value(1)), Some(&value(2)), Some(&value(3))) {
            Ok(u) => {
                if !seen.insert(month) {
                    errors.push(fault(row, "month", Problem::new("uso-mes-repetido")));
                } else {
                    out.push((month, u));
                }
            }
            Err(es) => errors.extend(es.into_iter().map(|e| fault(row, &e.field, e.problem))),
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(fault(2, "", Problem::new("uso-sin-meses")));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
