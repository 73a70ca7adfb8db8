//! The reports as PDF: the accountability report and a consultation's report, with the same
//! figures, words and number format as their pages.

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::domain::report::{AccountabilityReport, ReportStatus};
use crate::format;
use crate::pdf::{Bar, Column, Pdf};
use crate::usecases::consultation_report;

mod usage;
pub use usage::*;

mod consultation;
pub use consultation::*;

fn col(title: &str, share: f32, numeric: bool) -> Column<'_> {
    Column {
        title,
        share,
        numeric,
    }
}

/// The accountability report.
pub fn accountability(
    r: &AccountabilityReport,
    sha256: Option<&str>,
    frozen_at: Option<NaiveDateTime>,
    tz: Tz,
) -> Vec<u8> {
    let period = crate::domain::report::Period {
        year: r.year,
        n: r.n,
    };
    let title = format!("Informe cuatrimestral de rendición de cuentas {}", r.period);
    let mut pdf = Pdf::new(&title);
    pdf.title("Informe cuatrimestral de rendición de cuentas");
    pdf.paragraph(&format!(
        "Ministerio de Trabajo y Previsión Social · Comité de Simplificación de Trámites. Periodo {}: {} ({} al {}).",
        r.period,
        period.label(),
        format::day(&r.starts_on),
        format::day(&r.ends_on)
    ));
    match (r.status, frozen_at, sha256) {
        (ReportStatus::Frozen, Some(at), Some(hash)) => pdf.note(&format!(
            "Informe cerrado el {}. No cambia más: la huella SHA-256 de sus cifras (JSON) es {hash} y está registrada en la bitácora de auditoría.",
            format::date_time(&at, tz)
        )),
        _ => pdf.note(&format!(
            "Periodo en curso: cifras al {}.",
            format::date_time_of(&r.generated_at, tz)
        )),
    }

    pdf.heading("Trámites por etapa");
    let rows: Vec<Vec<String>> = r
        .stages
        .iter()
        .map(|s| {
            vec![
                s.label.clone(),
                format::figure(s.at_start as f64),
                format::figure(s.at_end as f64),
            ]
        })
        .collect();
    pdf.table(
        &[
            col("Etapa", 0.5, false),
            col("Al inicio", 0.25, true),
            col("Al final", 0.25, true),
        ],
        &rows,
    );

    pdf.heading("Transiciones aplicadas en el periodo");
    if r.transitions.is_empty() {
        pdf.paragraph("Ninguna.");
    } else {
        let rows: Vec<Vec<String>> = r
            .transitions
            .iter()
            .map(|t| vec![t.label.clone(), format::figure(t.count as f64)])
            .collect();
        pdf.table(
            &[col("Transición", 0.75, false), col("Veces", 0.25, true)],
            &rows,
        );
    }

    for (heading, list) in [
        ("Trámites lanzados", &r.launched),
        ("Trámites eliminados", &r.eliminated),
    ] {
        pdf.heading(heading);
        if list.is_empty() {
            pdf.paragraph("Ninguno en el periodo.");
        } else {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|p| vec![p.code.clone(), p.title.clone(), format::date_of(&p.at, tz)])
                .collect();
            pdf.table(
                &[
                    col("Código", 0.2, false),
                    col("Trámite", 0.55, false),
                    col("Fecha", 0.25, false),
                ],
                &rows,
            );
        }
    }

    let c = &r.consultations;
    pdf.heading("Consultas públicas");
    pdf.paragraph(&format!(
        "Consultas realizadas: {}. Comentarios recibidos: {}; publicados: {}; retenidos: {}; respondidos: {}.",
        format::figure(c.held as f64),
        format::figure(c.received as f64),
        format::figure(c.published as f64),
        format::figure(c.withheld as f64),
        format::figure(c.answered as f64)
    ));
    if !c.items.is_empty() {
        let rows: Vec<Vec<String>> = c
            .items
            .iter()
            .map(|i| {
                vec![
                    i.title.clone(),
                    format::figure(i.received as f64),
                    format::figure(i.published as f64),
                    format::figure(i.withheld as f64),
                    format::figure(i.answered as f64),
                ]
            })
            .collect();
        pdf.table(
            &[
                col("Consulta", 0.4, false),
                col("Recibidos", 0.15, true),
                col("Publicados", 0.15, true),
                col("Retenidos", 0.15, true),
                col("Respondidos", 0.15, true),
            ],
            &rows,
        );
    }

    let s = &r.savings;
    pdf.heading("Ahorros logrados");
    pdf.paragraph(&format!(
        "Los trámites lanzados en el periodo ahorran cada año {} horas y {} a las personas, con {} requisitos menos ({} de ellos en poder del Estado, Decreto 5-2021).",
        format::figure(s.annual_hours),
        format::quetzales(s.annual_cost_gtq),
        format::figure(s.requirements_removed as f64),
        format::figure(s.held_by_state_removed as f64)
    ));
    if !s.procedures.is_empty() {
        let rows: Vec<Vec<String>> = s
            .procedures
            .iter()
            .map(|p| {
                vec![
                    format!("{} {}", p.code, p.title),
                    format::figure(p.annual_hours),
                    format::quetzales(p.annual_cost_gtq),
                    format::figure(p.requirements_removed as f64),
                    format::figure(p.visits_removed as f64),
                ]
            })
            .collect();
        pdf.table(
            &[
                col("Trámite", 0.36, false),
                col("Horas al año", 0.16, true),
                col("Quetzales al año", 0.18, true),
                col("Requisitos menos", 0.15, true),
                col("Visitas menos", 0.15, true),
            ],
            &rows,
        );
    }

    pdf.heading("Indicadores frente a las metas");
    pdf.note(&format!(
        "Medidos el {}. La raya negra marca la meta.",
        format::day(&r.indicators.measured_on)
    ));
    let bars: Vec<Bar> = r
        .indicators
        .targets
        .iter()
        .map(|t| Bar {
            label: format!(
                "Servicios {} en línea (meta {} % en {})",
                format::category_words(&t.category),
                format::figure(t.target_percent),
                t.year
            ),
            value: t.percent,
            target: Some(t.target_percent),
            caption: format!(
                "{} % ({} de {})",
                format::figure(t.percent),
                t.digital,
                t.total
            ),
            highlight: t.met,
        })
        .collect();
    pdf.bars(&bars, 100.0);

    pdf.heading("Etapas vencidas");
    pdf.paragraph(&format!(
        "Trámites con la etapa vencida: {}.",
        format::figure(r.overdue.count as f64)
    ));
    if !r.overdue.oldest.is_empty() {
        let rows: Vec<Vec<String>> = r
            .overdue
            .oldest
            .iter()
            .map(|o| {
                vec![
                    format!("{} {}", o.code, o.title),
                    o.label.clone(),
                    format::date_of(&o.due_at, tz),
                    format::figure(o.days_overdue as f64),
                ]
            })
            .collect();
        pdf.table(
            &[
                col("Trámite", 0.4, false),
                col("Etapa", 0.2, false),
                col("Venció", 0.25, false),
                col("Días", 0.15, true),
            ],
            &rows,
        );
    }
    pdf.finish()
}
