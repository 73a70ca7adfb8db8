//! The cells of the inventory file: headers folded, choices, numbers and requirements read from
//! and written to text.

use super::*;

pub(super) fn folded_header(text: &str) -> String {
    fold(text.trim())
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

pub(super) fn column_of(header: &str) -> Option<&'static Column> {
    let h = folded_header(header);
    COLUMNS
        .iter()
        .find(|c| h == c.key || h == folded_header(c.es))
}

/// A closed field's value: the key or the Spanish label, in any case and with or without accents.
pub(super) fn choice<T: Copy>(
    text: &str,
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Option<T> {
    let t = folded_header(text);
    all.iter()
        .copied()
        .find(|v| t == key(*v) || t == folded_header(label(*v)))
}

pub(super) fn number(text: &str) -> Result<f64, ()> {
    let t = text.trim().replace(',', "");
    if t.is_empty() {
        return Ok(0.0);
    }
    t.parse::<f64>()
        .map_err(|_| ())
        .and_then(|v| if v.is_finite() { Ok(v) } else { Err(()) })
}

pub(super) fn whole(text: &str) -> Result<i64, ()> {
    let v = number(text)?;
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Ok(v as i64)
    } else {
        Err(())
    }
}

/// Requirements from one cell: `;`-separated, `*` marking those the State holds.
pub fn requirements_from_cell(cell: &str) -> Vec<Requirement> {
    cell.split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| match r.strip_prefix('*') {
            Some(rest) => Requirement {
                name: rest.trim().into(),
                held_by_state: true,
            },
            None => Requirement {
                name: r.into(),
                held_by_state: false,
            },
        })
        .collect()
}

/// Requirements into one cell.
pub fn requirements_to_cell(list: &[Requirement]) -> String {
    list.iter()
        .map(|r| format!("{}{}", if r.held_by_state { "*" } else { "" }, r.name))
        .collect::<Vec<_>>()
        .join("; ")
}
