//! The reports as PDF: the accountability report and a consultation's report, with the same
//! figures, words and number format as their pages.

use crate::i18n::t;
use crate::tr;
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

mod paper;
pub use paper::*;

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
    let title = tr!(
        "pdf-informe-informe-cuatrimestral-rendicion-cuentas",
        v1 = (r.period).to_string()
    );
    let mut pdf = Pdf::new(&title);
    pdf.title(&t("pdf-informe-informe-cuatrimestral-rendicion-cuentas-2"));
    pdf.paragraph(&tr!(
        "pdf-informe-ministerio-trabajo-prevision-social",
        v1 = (r.period).to_string(),
        v2 = (format::period(period)).to_string(),
        v3 = (format::day(&r.starts_on)).to_string(),
        v4 = (format::day(&r.ends_on)).to_string()
    ));
    match (r.status, frozen_at, sha256) {
        (ReportStatus::Frozen, Some(at), Some(hash)) => pdf.note(&tr!(
            "pdf-informe-informe-cerrado-no-cambia",
            v1 = (format::date_time(&at, tz)).to_string(),
            hash = hash.to_string()
        )),
        _ => pdf.note(&tr!(
            "pdf-informe-periodo-curso-cifras",
            v1 = (format::date_time_of(&r.generated_at, tz)).to_string()
        )),
    }

    pdf.heading(&t("pdf-informe-tramites-etapa"));
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
            col(&t("pdf-informe-etapa"), 0.5, false),
            col(&t("pdf-informe-inicio"), 0.25, true),
            col(&t("pdf-informe-final"), 0.25, true),
        ],
        &rows,
    );

    pdf.heading(&t("pdf-informe-transiciones-aplicadas-periodo"));
    if r.transitions.is_empty() {
        pdf.paragraph(&t("pdf-informe-ninguna"));
    } else {
        let rows: Vec<Vec<String>> = r
            .transitions
            .iter()
            .map(|t| vec![t.label.clone(), format::figure(t.count as f64)])
            .collect();
        pdf.table(
            &[
                col(&t("pdf-informe-transicion"), 0.75, false),
                col(&t("pdf-informe-veces"), 0.25, true),
            ],
            &rows,
        );
    }

    for (heading, list) in [
        (&t("pdf-informe-tramites-lanzados"), &r.launched),
        (&t("pdf-informe-tramites-eliminados"), &r.eliminated),
    ] {
        pdf.heading(heading);
        if list.is_empty() {
            pdf.paragraph(&t("pdf-informe-ninguno-periodo"));
        } else {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|p| vec![p.code.clone(), p.title.clone(), format::date_of(&p.at, tz)])
                .collect();
            pdf.table(
                &[
                    col(&t("pdf-informe-codigo"), 0.2, false),
                    col(&t("pdf-informe-tramite"), 0.55, false),
                    col(&t("pdf-informe-fecha"), 0.25, false),
                ],
                &rows,
            );
        }
    }

    let c = &r.consultations;
    pdf.heading(&t("pdf-informe-consultas-publicas"));
    pdf.paragraph(&tr!(
        "pdf-informe-consultas-realizadas-comentarios-recibidos",
        v1 = (format::figure(c.held as f64)).to_string(),
        v2 = (format::figure(c.received as f64)).to_string(),
        v3 = (format::figure(c.published as f64)).to_string(),
        v4 = (format::figure(c.withheld as f64)).to_string(),
        v5 = (format::figure(c.answered as f64)).to_string()
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
                col(&t("pdf-informe-consulta"), 0.4, false),
                col(&t("pdf-informe-recibidos"), 0.15, true),
                col(&t("pdf-informe-publicados"), 0.15, true),
                col(&t("pdf-informe-retenidos"), 0.15, true),
                col(&t("pdf-informe-respondidos"), 0.15, true),
            ],
            &rows,
        );
    }

    let s = &r.savings;
    pdf.heading(&t("pdf-informe-ahorros-logrados"));
    pdf.paragraph(&tr!(
        "pdf-informe-tramites-lanzados-periodo-ahorran",
        v1 = (format::figure(s.annual_hours)).to_string(),
        v2 = (format::quetzales(s.annual_cost_gtq)).to_string(),
        v3 = (format::figure(s.requirements_removed as f64)).to_string(),
        v4 = (format::figure(s.held_by_state_removed as f64)).to_string()
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
                col(&t("pdf-informe-tramite"), 0.36, false),
                col(&t("pdf-informe-horas-ano"), 0.16, true),
                col(&t("pdf-informe-quetzales-ano"), 0.18, true),
                col(&t("pdf-informe-requisitos-menos"), 0.15, true),
                col(&t("pdf-informe-visitas-menos"), 0.15, true),
            ],
            &rows,
        );
    }

    pdf.heading(&t("pdf-informe-indicadores-frente-metas"));
    pdf.note(&tr!(
        "pdf-informe-medidos-raya-negra-marca",
        v1 = (format::day(&r.indicators.measured_on)).to_string()
    ));
    let bars: Vec<Bar> = r
        .indicators
        .targets
        .iter()
        .map(|t| Bar {
            label: tr!(
                "pdf-informe-servicios-linea-meta",
                v1 = (format::category_words(&t.category)).to_string(),
                v2 = (format::figure(t.target_percent)).to_string(),
                v3 = (t.year).to_string()
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

    pdf.heading(&t("pdf-informe-etapas-vencidas"));
    pdf.paragraph(&tr!(
        "pdf-informe-tramites-etapa-vencida",
        v1 = (format::figure(r.overdue.count as f64)).to_string()
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
                col(&t("pdf-informe-tramite"), 0.4, false),
                col(&t("pdf-informe-etapa"), 0.2, false),
                col(&t("pdf-informe-vencio"), 0.25, false),
                col(&t("pdf-informe-dias"), 0.15, true),
            ],
            &rows,
        );
    }
    pdf.finish()
}
