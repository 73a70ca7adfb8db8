//! The reports as PDF: the accountability report and a consultation's report, with the same
//! figures, words and number format as their pages.

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::domain::report::{AccountabilityReport, ReportStatus};
use crate::format;
use crate::pdf::{Bar, Column, Pdf};
use crate::usecases::consultation_report;

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

/// A closed consultation's report.
pub fn consultation(r: &consultation_report::Report, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&format!("Informe de la consulta «{}»", r.title));
    pdf.title(&format!("Informe de la consulta «{}»", r.title));
    pdf.paragraph("Qué se recibió y qué hizo el Comité con cada texto.");
    let rows = vec![
        vec![
            "Comentarios recibidos".to_string(),
            format::figure(r.received as f64),
        ],
        vec![
            "Textos distintos".into(),
            format::figure(r.distinct_texts as f64),
        ],
        vec![
            "Textos enviados por varias personas".into(),
            format::figure(r.campaign_groups as f64),
        ],
        vec![
            "Comentarios en esas campañas".into(),
            format::figure(r.campaign_comments as f64),
        ],
        vec!["Publicados".into(), format::figure(r.published as f64)],
        vec!["Retenidos".into(), format::figure(r.withheld as f64)],
        vec![
            "Publicados con respuesta".into(),
            format::figure(r.answered as f64),
        ],
    ];
    pdf.table(
        &[col("Cifra", 0.7, false), col("Comentarios", 0.3, true)],
        &rows,
    );
    if let Some(avg) = r.average_days_to_answer {
        pdf.paragraph(&format!(
            "El Comité tardó en promedio {} días en responder (el texto que más esperó: {} días).",
            format::figure(avg),
            r.longest_days_to_answer.unwrap_or_default()
        ));
    }
    if !r.withheld_by_reason.is_empty() {
        pdf.heading("Retenidos, por motivo");
        let rows: Vec<Vec<String>> = r
            .withheld_by_reason
            .iter()
            .map(|(k, n)| {
                vec![
                    format::reject_reason(Some(k)).to_string(),
                    format::figure(*n as f64),
                ]
            })
            .collect();
        pdf.table(
            &[col("Motivo", 0.7, false), col("Comentarios", 0.3, true)],
            &rows,
        );
    }
    if !r.outcomes.is_empty() {
        pdf.heading("Resultado de los comentarios publicados");
        let rows: Vec<Vec<String>> = r
            .outcomes
            .iter()
            .map(|(k, n)| {
                vec![
                    crate::domain::comment::Outcome::parse(k)
                        .map(|o| o.label())
                        .unwrap_or("Sin resultado indicado")
                        .to_string(),
                    format::figure(*n as f64),
                ]
            })
            .collect();
        pdf.table(
            &[col("Resultado", 0.7, false), col("Comentarios", 0.3, true)],
            &rows,
        );
    }
    pdf.heading("Cada texto publicado y su respuesta");
    if r.items.is_empty() {
        pdf.paragraph("No se publicó ningún comentario.");
    }
    for i in &r.items {
        let who = if i.senders > 1 {
            format!("Enviado por {} personas", i.senders)
        } else {
            "1 persona".to_string()
        };
        pdf.note(&who);
        pdf.paragraph(&i.body);
        match (&i.answer, i.answered_at) {
            (Some(a), Some(at)) => {
                pdf.note(&format!(
                    "Respuesta del Comité ({})",
                    format::answered(&at, i.outcome.as_deref(), tz)
                ));
                pdf.paragraph(a);
            }
            _ => pdf.note("Sin respuesta."),
        }
    }
    pdf.finish()
}

/// A procedure's usage report (the document that closes its cycle).
pub fn usage(r: &crate::usecases::evaluation::UsageReport, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&format!(
        "Informe de uso {} ({} a {})",
        r.code, r.from, r.to
    ));
    pdf.title(&format!("Informe de uso: {} {}", r.code, r.title));
    pdf.paragraph(&format!(
        "Evaluación de la aceptación, de {} a {}. Uso por canal mes a mes, encuesta a las personas usuarias y carga antes y después de la simplificación.",
        r.from, r.to
    ));
    pdf.note(&format!(
        "Generado el {}.",
        format::date_time_of(&r.generated_at, tz)
    ));
    pdf.heading("Trámites realizados por canal");
    let max = r.months.iter().map(|m| m.total).max().unwrap_or(0) as f64;
    let bars: Vec<Bar> = r
        .months
        .iter()
        .map(|m| Bar {
            label: format!(
                "{} ({} en línea)",
                m.month,
                format::figure(m.online_percent) + " %"
            ),
            value: m.total as f64,
            target: None,
            caption: format::figure(m.total as f64),
            highlight: false,
        })
        .collect();
    pdf.bars(&bars, max);
    let mut rows: Vec<Vec<String>> = r
        .months
        .iter()
        .chain(std::iter::once(&r.total))
        .map(|m| {
            vec![
                if m.month == "total" {
                    "Total".to_string()
                } else {
                    m.month.clone()
                },
                format::figure(m.online as f64),
                format::figure(m.in_person as f64),
                format::figure(m.other as f64),
                format::figure(m.total as f64),
                format!("{} %", format::figure(m.online_percent)),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec!["—".into(); 6]);
    }
    pdf.table(
        &[
            col("Mes", 0.2, false),
            col("En línea", 0.16, true),
            col("Presencial", 0.16, true),
            col("Otros", 0.14, true),
            col("Total", 0.16, true),
            col("En línea (%)", 0.18, true),
        ],
        &rows,
    );
    pdf.heading("En línea antes y después del lanzamiento");
    match &r.launch_month {
        Some(l) => pdf.paragraph(&format!(
            "Lanzado en {l}. Antes: {}. Después: {}.",
            format::online_share(r.before_launch.as_ref()),
            format::online_share(r.after_launch.as_ref())
        )),
        None => pdf.paragraph("El trámite aún no se ha lanzado."),
    }
    let s = &r.survey.results;
    pdf.heading("Encuesta a las personas usuarias");
    pdf.paragraph(&format!(
        "Respuestas: {}. Satisfacción media: {} de 5. Facilidad media: {} de 5. Pudieron terminarlo en línea: {}.",
        format::figure(s.answers as f64),
        s.satisfaction_average.map_or("—".into(), format::figure),
        s.ease_average.map_or("—".into(), format::figure),
        format::figure(s.completed_online as f64)
    ));
    let rows: Vec<Vec<String>> = (1..=5)
        .map(|n| {
            vec![
                n.to_string(),
                format::figure(s.satisfaction_counts[n - 1] as f64),
                format::figure(s.ease_counts[n - 1] as f64),
            ]
        })
        .collect();
    pdf.table(
        &[
            col("Puntuación", 0.34, false),
            col("Satisfacción", 0.33, true),
            col("Facilidad", 0.33, true),
        ],
        &rows,
    );
    pdf.heading("Carga antes y después");
    let b = format::burden;
    match (&r.burden_before, &r.savings) {
        (Some(before), Some(saved)) => pdf.paragraph(&format!(
            "Antes del análisis: {}. Ahora: {}. Ahorro: {} horas y {} al año, {} requisitos menos, {} visitas menos.",
            b(before),
            b(&r.burden_now),
            format::figure(saved.annual_hours),
            format::quetzales(saved.annual_cost_gtq),
            saved.requirements_removed,
            saved.visits_removed
        )),
        _ => pdf.paragraph(&format!("Ahora: {}.", b(&r.burden_now))),
    }
    pdf.heading("Comentarios publicados");
    if r.survey.comments.is_empty() {
        pdf.paragraph("Ninguno.");
    }
    for c in &r.survey.comments {
        pdf.paragraph(&format!("«{c}»"));
    }
    pdf.finish()
}
