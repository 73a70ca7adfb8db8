//! `consultas.csv`: every consultation with its window, state and counts, and how its copies
//! were counted (campaigns).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{csv_bytes, time};
use crate::db::consultations as consultation_store;
use crate::db::{counts, procedures, DbConnection};
use crate::usecases::error::AppError;

/// `consultas.csv`.
/// With each consultation's campaigns (issue 36): distinct arguments, the ten largest
/// campaigns' sizes and shares, the signatures, and the threshold copies were counted with.
pub fn consultations_csv(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    similarity: f64,
) -> Result<Vec<u8>, AppError> {
    let codes: HashMap<String, String> = procedures::all_by_code(conn)?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    let mut rows = Vec::new();
    for c in consultation_store::page(conn, None, None, None, i64::MAX)? {
        let n = counts::get(conn, &c.id)?;
        let largest =
            crate::usecases::consultation_report_campaigns::largest(conn, &c.id, n.received)?;
        let sizes: Vec<String> = largest
            .iter()
            .map(|l| format!("{} ({:.1} %)", l.size, l.share))
            .collect();
        let status = match crate::usecases::consultations::status_of(&c, now) {
            crate::domain::calendar::Status::Scheduled => "scheduled",
            crate::domain::calendar::Status::Open => "open",
            crate::domain::calendar::Status::Closed => "closed",
        };
        rows.push(vec![
            c.id.clone(),
            codes.get(&c.procedure_id).cloned().unwrap_or_default(),
            c.title.clone(),
            time(&c.opens_at),
            time(&c.closes_at),
            status.into(),
            n.received.to_string(),
            n.distinct.to_string(),
            n.published.to_string(),
            n.rejected.to_string(),
            n.answered.to_string(),
            n.distinct_arguments.to_string(),
            n.largest_campaign.to_string(),
            sizes.join("; "),
            n.endorsements.to_string(),
            format!("{similarity}"),
        ]);
    }
    csv_bytes(
        &[
            "id",
            "trámite",
            "título",
            "abre",
            "cierra",
            "estado",
            "recibidos",
            "textos distintos",
            "publicados",
            "retenidos",
            "respondidos",
            &crate::i18n::t("datos-argumentos-distintos"),
            &crate::i18n::t("datos-campana-mayor"),
            &crate::i18n::t("datos-campanas-mayores"),
            &crate::i18n::t("datos-firmas-me-sumo"),
            &crate::i18n::t("datos-umbral-similitud"),
        ],
        rows,
    )
}
