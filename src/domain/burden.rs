//! The Standard Cost Model: what a procedure costs citizens in a year.

use serde::Serialize;

use super::procedure::ProcedureFields;

/// The two rates of the Standard Cost Model (settings).
#[derive(Debug, Clone, Copy)]
pub struct CostRates {
    /// Value of an hour of a citizen's time, GTQ.
    pub hourly_value_gtq: f64,
    /// Cost of one visit to an office, GTQ.
    pub visit_cost_gtq: f64,
}

/// Yearly burden on citizens (Standard Cost Model).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Burden {
    /// `annual_volume × citizen_hours`.
    pub annual_hours: f64,
    /// `annual_volume × (fee_gtq + citizen_hours × hourly_value_gtq + in_person_visits × visit_cost_gtq)`.
    pub annual_cost_gtq: f64,
}

impl ProcedureFields {
    /// The Standard Cost Model burden of this procedure at the given rates.
    pub fn burden(&self, rates: &CostRates) -> Burden {
        let volume = self.annual_volume as f64;
        let per_case = self.fee_gtq
            + self.citizen_hours * rates.hourly_value_gtq
            + f64::from(self.in_person_visits) * rates.visit_cost_gtq;
        Burden {
            annual_hours: round2(volume * self.citizen_hours),
            annual_cost_gtq: round2(volume * per_case),
        }
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
