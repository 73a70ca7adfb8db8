//! What a simplification saved: the burden a procedure had when it first entered analysis
//! (its baseline) against its burden now, by the Standard Cost Model at the settings' rates,
//! and the requirements removed, counting those the State already held (Decreto 5-2021).

use serde::Serialize;

use super::burden::CostRates;
use super::procedure::{fold, ProcedureFields};

/// The yearly saving.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Savings {
    /// Citizen hours saved a year.
    pub annual_hours: f64,
    /// Quetzales saved a year (fees, time and visits).
    pub annual_cost_gtq: f64,
    /// Requirements no longer asked for.
    pub requirements_removed: usize,
    /// Of those, the ones the State already held.
    pub held_by_state_removed: usize,
    /// In-person visits no longer needed, per procedure.
    pub visits_removed: i32,
    /// Days to resolve saved, per procedure.
    pub days_saved: i32,
}

/// The saving from `baseline` to `now`. Both burdens use today's yearly volume, so a change in
/// demand is not counted as a saving.
pub fn savings(baseline: &ProcedureFields, now: &ProcedureFields, rates: &CostRates) -> Savings {
    let mut before = baseline.clone();
    before.annual_volume = now.annual_volume;
    let (b, n) = (before.burden(rates), now.burden(rates));
    let kept: Vec<String> = now
        .requirements
        .iter()
        .map(|r| fold(r.name.trim()))
        .collect();
    let removed: Vec<_> = baseline
        .requirements
        .iter()
        .filter(|r| !kept.contains(&fold(r.name.trim())))
        .collect();
    Savings {
        annual_hours: round2(b.annual_hours - n.annual_hours),
        annual_cost_gtq: round2(b.annual_cost_gtq - n.annual_cost_gtq),
        requirements_removed: removed.len(),
        held_by_state_removed: removed.iter().filter(|r| r.held_by_state).count(),
        visits_removed: baseline.in_person_visits - now.in_person_visits,
        days_saved: baseline.resolution_days - now.resolution_days,
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procedure::Requirement;

    fn fields(reqs: &[(&str, bool)], visits: i32, hours: f64, volume: i64) -> ProcedureFields {
        let mut f: ProcedureFields = serde_json::from_value(serde_json::json!({
            "code": "A-1", "name": "n", "description": "", "responsible_unit": "u", "legal_basis": "",
            "category": "general", "audience": "workers", "channel": "in_person", "requirements": [],
            "steps": 3, "in_person_visits": visits, "resolution_days": 10, "fee_gtq": 0.0,
            "annual_volume": volume, "citizen_hours": hours, "regulation_reference": null
        }))
        .unwrap();
        f.requirements = reqs
            .iter()
            .map(|(n, s)| Requirement {
                name: n.to_string(),
                held_by_state: *s,
            })
            .collect();
        f
    }

    #[test]
    fn fewer_requirements_visits_and_hours_save_by_the_standard_cost_model() {
        let rates = CostRates {
            hourly_value_gtq: 20.0,
            visit_cost_gtq: 30.0,
        };
        let before = fields(
            &[("DPI", true), ("Solicitud", false), ("Constancia", false)],
            2,
            5.0,
            500,
        );
        let after = fields(&[("solicitud", false)], 0, 1.0, 1000);
        let s = savings(&before, &after, &rates);
        // Volume 1,000 for both: 4 hours and 2 visits less each time.
        assert_eq!(s.annual_hours, 4000.0);
        assert_eq!(s.annual_cost_gtq, 1000.0 * (4.0 * 20.0 + 2.0 * 30.0));
        assert_eq!(
            (
                s.requirements_removed,
                s.held_by_state_removed,
                s.visits_removed
            ),
            (2, 1, 2)
        );
    }
}
