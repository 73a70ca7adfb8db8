//! The programme's digitalisation indicators: shares of digital services against the targets
//! of the Programa de Gobierno Electrónico 2021-2026.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Category, Channel};

/// Digital share of one category.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Share {
    /// Procedures counted (eliminated ones are no longer services and are left out).
    pub total: i64,
    /// Of those, procedures whose channel is `online`.
    pub digital: i64,
    /// `digital / total × 100`, one decimal; 0 when there are none.
    pub percent: f64,
}

/// A target of the programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// Year by which it is due.
    pub year: i32,
    /// `priority` or `general`.
    pub category: Category,
    /// Share of services to be digital, percent.
    pub percent: f64,
    /// Share today.
    pub current_percent: f64,
    /// True when the share today reaches the target.
    pub met: bool,
}

/// The indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    /// Priority services.
    pub priority: Share,
    /// General services.
    pub general: Share,
    /// The programme's targets.
    pub targets: Vec<Target>,
    /// Procedures per state.
    pub by_state: BTreeMap<String, i64>,
    /// Procedures past their stage's time limit.
    pub overdue: i64,
    /// Beside the share of services whose channel says `online`: the share of transactions
    /// actually done online, per category, over the last twelve months with usage data.
    pub by_use: Vec<super::evaluation::UseShare>,
}

/// The programme's targets: 2024 → 100 % of priority and 50 % of general services digital;
/// 2026 → 100 % of general services digital.
pub const TARGETS: &[(i32, Category, f64)] = &[
    (2024, Category::Priority, 100.0),
    (2024, Category::General, 50.0),
    (2026, Category::General, 100.0),
];

/// Number of procedures per (category, channel, state).
pub struct CountRow {
    /// Category.
    pub category: Option<Category>,
    /// Channel.
    pub channel: Option<Channel>,
    /// State.
    pub state: String,
    /// The state is one of eliminated procedures (no longer services: they do not count in
    /// the shares).
    pub eliminated: bool,
    /// How many.
    pub count: i64,
}

/// Computes the indicators from the counts; `states` lists every known state so that empty
/// ones show as 0.
pub fn compute(counts: &[CountRow], states: &[String], overdue: i64) -> Indicators {
    let mut by_state: BTreeMap<String, i64> = states.iter().map(|s| (s.clone(), 0)).collect();
    let (mut priority, mut general) = (Share::default(), Share::default());
    for row in counts {
        *by_state.entry(row.state.clone()).or_insert(0) += row.count;
        if row.eliminated {
            continue;
        }
        let share = match row.category {
            Some(Category::Priority) => &mut priority,
            _ => &mut general,
        };
        share.total += row.count;
        if row.channel == Some(Channel::Online) {
            share.digital += row.count;
        }
    }
    for share in [&mut priority, &mut general] {
        share.percent = if share.total == 0 {
            0.0
        } else {
            (share.digital as f64 * 1000.0 / share.total as f64).round() / 10.0
        };
    }
    let targets = TARGETS
        .iter()
        .map(|&(year, category, percent)| {
            let current = match category {
                Category::Priority => priority.percent,
                Category::General => general.percent,
            };
            Target {
                year,
                category,
                percent,
                current_percent: current,
                met: current >= percent,
            }
        })
        .collect();
    Indicators {
        priority,
        general,
        targets,
        by_state,
        overdue,
        by_use: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(category: Category, channel: Channel, state: &str, count: i64) -> CountRow {
        CountRow {
            category: Some(category),
            channel: Some(channel),
            state: state.into(),
            eliminated: state == ELIMINATED,
            count,
        }
    }

    /// The default workflow's eliminated state (its file tags it `eliminated`).
    const ELIMINATED: &str = "eliminated";

    #[test]
    fn eliminated_procedures_leave_the_shares_but_not_the_states() {
        let counts = [
            row(Category::Priority, Channel::Online, "launch", 1),
            row(Category::Priority, Channel::InPerson, "inventory", 2),
            row(Category::General, Channel::Online, ELIMINATED, 5),
            row(Category::General, Channel::Online, "closed", 1),
        ];
        let i = compute(&counts, &["inventory".into(), "pilot".into()], 3);
        assert_eq!((i.priority.total, i.priority.digital), (3, 1));
        assert_eq!(i.priority.percent, 33.3);
        assert_eq!((i.general.total, i.general.digital), (1, 1));
        assert_eq!(i.by_state[ELIMINATED], 5);
        assert_eq!(i.by_state["pilot"], 0);
        assert!(i.targets[1].met && !i.targets[0].met);
        assert_eq!(i.overdue, 3);
    }
}
