//! The acceptance evaluation of a launched procedure (programme, line 5: "informe de uso de
//! los sistemas que incluye encuesta de usuarios y datos estadísticos"): the citizens' survey,
//! the transactions per channel month by month, and the share of transactions done online.

use crate::domain::error::Problem;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::FieldError;
use super::{Category, Channel};

pub mod usage;
pub use usage::*;

/// Longest survey comment, in characters.
pub const COMMENT_MAX: usize = 2000;

/// A survey answer as sent (page or API).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewSurveyAnswer {
    /// 1–5.
    pub satisfaction: Option<serde_json::Value>,
    /// 1–5.
    pub ease: Option<serde_json::Value>,
    /// Whether the procedure could be finished online (`yes`/`no` or a boolean).
    pub completed_online: Option<serde_json::Value>,
    /// The channel used.
    pub channel: Option<String>,
    /// Optional comment.
    pub comment: Option<String>,
}

/// A checked survey answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnswer {
    /// 1–5.
    pub satisfaction: i32,
    /// 1–5.
    pub ease: i32,
    /// Finished online.
    pub completed_online: bool,
    /// Channel used.
    pub channel: Channel,
    /// Comment (trimmed, None when empty).
    pub comment: Option<String>,
}

fn score(
    value: &Option<serde_json::Value>,
    field: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> i32 {
    let n = match value {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match n {
        Some(n @ 1..=5) => n as i32,
        Some(_) => {
            errors.push(FieldError::with(
                field,
                Problem::new("campo-del-1-al-5").with("que", what),
            ));
            0
        }
        None => {
            errors.push(FieldError::with(
                field,
                Problem::new("campo-elija-del-1-al-5").with("que", what),
            ));
            0
        }
    }
}

/// Checks an answer; every fault names its field.
pub fn check_survey(input: &NewSurveyAnswer) -> Result<SurveyAnswer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let satisfaction = score(
        &input.satisfaction,
        "satisfaction",
        "satisfaction",
        &mut errors,
    );
    let ease = score(&input.ease, "ease", "ease", &mut errors);
    let completed_online = match &input.completed_online {
        Some(serde_json::Value::Bool(b)) => Some(*b),
        Some(serde_json::Value::String(s)) => match s.trim() {
            "yes" | "si" | "sí" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    };
    if completed_online.is_none() {
        errors.push(FieldError::new(
            "completed_online",
            "campo-diga-si-pudo-terminar-tramite",
        ));
    }
    let channel = input
        .channel
        .as_deref()
        .map(str::trim)
        .and_then(Channel::parse);
    if channel.is_none() {
        errors.push(FieldError::new("channel", "campo-elija-canal-uso"));
    }
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(c) = &comment {
        if super::char_len(c) > COMMENT_MAX {
            errors.push(FieldError::with(
                "comment",
                Problem::new("campo-como-maximo").with("max", COMMENT_MAX),
            ));
        }
        if let Err(e) = super::text::check_controls("comment", c) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(SurveyAnswer {
            satisfaction,
            ease,
            completed_online: completed_online.unwrap_or_default(),
            channel: channel.unwrap_or(Channel::Online),
            comment,
        })
    } else {
        Err(errors)
    }
}

/// A procedure's months, as the share by use needs them.
pub struct ProcedureUsage {
    /// Its category.
    pub category: Option<Category>,
    /// Its months.
    pub months: Vec<(Month, Usage)>,
}

/// The share of transactions done online, for one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UseShare {
    /// `priority` or `general`.
    pub category: Category,
    /// Transactions done online.
    pub online: i64,
    /// Every transaction.
    pub total: i64,
    /// `online / total × 100`, one decimal; 0 when there are none.
    pub percent: f64,
    /// First month counted (`YYYY-MM`), if any.
    pub from: Option<String>,
    /// Last month counted.
    pub to: Option<String>,
}

/// For each category, the share of transactions done online over the last twelve months with
/// data: the twelve months ending at the latest month any procedure has figures for.
pub fn use_shares(procedures: &[ProcedureUsage]) -> Vec<UseShare> {
    let last = procedures
        .iter()
        .flat_map(|p| p.months.iter().map(|(m, _)| *m))
        .max();
    let first = last.map(|m| m.plus(-11));
    let mut sums: BTreeMap<Category, (i64, i64)> = BTreeMap::new();
    for p in procedures {
        let category = p.category.unwrap_or(Category::General);
        let entry = sums.entry(category).or_default();
        for (m, u) in &p.months {
            if first.is_some_and(|f| *m >= f) && last.is_some_and(|l| *m <= l) {
                entry.0 += u.online;
                entry.1 += u.total();
            }
        }
    }
    [Category::Priority, Category::General]
        .into_iter()
        .map(|category| {
            let (online, total) = sums.get(&category).copied().unwrap_or_default();
            UseShare {
                category,
                online,
                total,
                percent: percent(online, total),
                from: first.map(Month::key),
                to: last.map(Month::key),
            }
        })
        .collect()
}

/// `part / whole × 100` with one decimal; 0 when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

/// The survey's results: counts and averages, never single answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SurveyResults {
    /// Answers received.
    pub answers: i64,
    /// Average satisfaction (1–5), two decimals; None without answers.
    pub satisfaction_average: Option<f64>,
    /// Average ease (1–5).
    pub ease_average: Option<f64>,
    /// How many gave each satisfaction score, 1 to 5.
    pub satisfaction_counts: [i64; 5],
    /// How many gave each ease score.
    pub ease_counts: [i64; 5],
    /// How many could finish online.
    pub completed_online: i64,
    /// Answers by the channel used.
    pub by_channel: BTreeMap<String, i64>,
}

/// Tallies answers given as (satisfaction, ease, completed online, channel).
pub fn tally<'a>(answers: impl IntoIterator<Item = (i32, i32, bool, &'a str)>) -> SurveyResults {
    let mut r = SurveyResults::default();
    let (mut s_sum, mut e_sum) = (0i64, 0i64);
    for (s, e, done, channel) in answers {
        r.answers += 1;
        s_sum += i64::from(s);
        e_sum += i64::from(e);
        if (1..=5).contains(&s) {
            r.satisfaction_counts[(s - 1) as usize] += 1;
        }
        if (1..=5).contains(&e) {
            r.ease_counts[(e - 1) as usize] += 1;
        }
        if done {
            r.completed_online += 1;
        }
        *r.by_channel.entry(channel.to_string()).or_default() += 1;
    }
    if r.answers > 0 {
        let avg = |sum: i64| (sum as f64 * 100.0 / r.answers as f64).round() / 100.0;
        r.satisfaction_average = Some(avg(s_sum));
        r.ease_average = Some(avg(e_sum));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    fn u(online: i64, in_person: i64, other: i64) -> Usage {
        Usage {
            online,
            in_person,
            other,
        }
    }

    #[test]
    fn a_survey_answer_names_each_bad_field() {
        let bad = NewSurveyAnswer {
            satisfaction: Some(json!(6)),
            ease: Some(json!("0")),
            completed_online: Some(json!("quizá")),
            channel: Some("fax".into()),
            comment: Some("x".repeat(COMMENT_MAX + 1)),
        };
        let fields: Vec<String> = check_survey(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "satisfaction",
                "ease",
                "completed_online",
                "channel",
                "comment"
            ]
        );
        let good = NewSurveyAnswer {
            satisfaction: Some(json!("5")),
            ease: Some(json!(4)),
            completed_online: Some(json!("yes")),
            channel: Some("online".into()),
            comment: Some("  ".into()),
        };
        let a = check_survey(&good).unwrap();
        assert_eq!(
            (a.satisfaction, a.ease, a.completed_online, a.comment),
            (5, 4, true, None)
        );
    }

    #[test]
    fn months_parse_strictly_and_count() {
        for bad in ["2026-13", "2026-00", "2026-5", "26-05", "2026/05", "x"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(m("2026-01").plus(-1).key(), "2025-12");
        assert_eq!(m("2025-11").until(m("2026-02")), 3);
        assert!(check_usage(Some(&json!(-1)), None, None).is_err());
        assert_eq!(
            check_usage(Some(&json!(3)), None, Some(&json!("2")))
                .unwrap()
                .total(),
            5
        );
    }

    #[test]
    fn the_share_by_use_counts_the_last_twelve_months_with_data() {
        // Three procedures; the latest month with data anywhere is 2026-06, so the window is
        // 2025-07..2026-06 and 2025-06 is left out.
        let procedures = [
            ProcedureUsage {
                category: Some(Category::Priority),
                months: vec![(m("2025-06"), u(1000, 0, 0)), (m("2026-01"), u(30, 60, 10))],
            },
            ProcedureUsage {
                category: Some(Category::Priority),
                months: vec![(m("2026-06"), u(50, 50, 0)), (m("2025-07"), u(20, 80, 0))],
            },
            ProcedureUsage {
                category: Some(Category::General),
                months: vec![(m("2026-03"), u(1, 2, 1))],
            },
        ];
        let shares = use_shares(&procedures);
        // Priority: online 30 + 50 + 20 = 100 of 100 + 100 + 100 = 300 → 33.3 %.
        assert_eq!(
            (shares[0].online, shares[0].total, shares[0].percent),
            (100, 300, 33.3)
        );
        assert_eq!(shares[0].from.as_deref(), Some("2025-07"));
        assert_eq!(shares[0].to.as_deref(), Some("2026-06"));
        // General: 1 of 4 → 25 %.
        assert_eq!(
            (shares[1].online, shares[1].total, shares[1].percent),
            (1, 4, 25.0)
        );
    }

    #[test]
    fn a_usage_file_is_read_whole_or_refused_with_every_fault() {
        let good = "mes,en_linea,presencial,otro\n2026-01,10,20,0\n2026-02,15,5,1\n";
        assert_eq!(read_usage_csv(good.as_bytes()).unwrap().len(), 2);
        let bad = "month,online,in_person,other\n2026-13,1,1,1\n2026-01,-4,1,1\n2026-02,1,1,1\n2026-02,1,1,1\n";
        let errors = read_usage_csv(bad.as_bytes()).unwrap_err();
        let at: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(at, [(2, "month"), (3, "online"), (5, "month")]);
        assert_eq!(read_usage_csv(b"mes,online\n").unwrap_err().len(), 2);
    }

    #[test]
    fn survey_results_are_counts_and_averages() {
        let r = tally([
            (5, 4, true, "online"),
            (3, 2, false, "in_person"),
            (4, 5, true, "online"),
        ]);
        assert_eq!(r.answers, 3);
        assert_eq!(r.satisfaction_average, Some(4.0));
        assert_eq!(r.ease_average, Some(3.67));
        assert_eq!(r.satisfaction_counts, [0, 0, 1, 1, 1]);
        assert_eq!(r.completed_online, 2);
        assert_eq!(r.by_channel["online"], 2);
    }
}
