//! The usage report's PDF.

use super::*;
use crate::i18n::t;
use crate::tr;

/// A procedure's usage report (the document that closes its cycle).
pub fn usage(r: &crate::usecases::evaluation::UsageReport, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&tr!(
        "pdf-uso-informe-uso",
        v1 = (r.code).to_string(),
        v2 = (r.from).to_string(),
        v3 = (r.to).to_string()
    ));
    pdf.title(&tr!(
        "pdf-uso-informe-uso-2",
        v1 = (r.code).to_string(),
        v2 = (r.title).to_string()
    ));
    pdf.paragraph(&tr!(
        "pdf-uso-evaluacion-aceptacion-uso-canal",
        v1 = (r.from).to_string(),
        v2 = (r.to).to_string()
    ));
    pdf.note(&tr!(
        "pdf-uso-generado",
        v1 = (format::date_time_of(&r.generated_at, tz)).to_string()
    ));
    pdf.heading(&t("pdf-uso-tramites-realizados-canal"));
    let max = r.months.iter().map(|m| m.total).max().unwrap_or(0) as f64;
    let bars: Vec<Bar> = r
        .months
        .iter()
        .map(|m| Bar {
            label: tr!(
                "pdf-uso-linea",
                v1 = (m.month).to_string(),
                v2 = (format::figure(m.online_percent) + " %").to_string()
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
                    t("pdf-uso-total")
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
            col(&t("pdf-uso-mes"), 0.2, false),
            col(&t("pdf-uso-linea-2"), 0.16, true),
            col(&t("pdf-uso-presencial"), 0.16, true),
            col(&t("pdf-uso-otros"), 0.14, true),
            col(&t("pdf-uso-total"), 0.16, true),
            col(&t("pdf-uso-linea-3"), 0.18, true),
        ],
        &rows,
    );
    pdf.heading(&t("pdf-uso-linea-antes-despues-lanzamiento"));
    match &r.launch_month {
        Some(l) => pdf.paragraph(&tr!(
            "pdf-uso-lanzado-antes-despues",
            l = l.to_string(),
            v1 = (format::online_share(r.before_launch.as_ref())).to_string(),
            v2 = (format::online_share(r.after_launch.as_ref())).to_string()
        )),
        None => pdf.paragraph(&t("pdf-uso-tramite-aun-no-ha")),
    }
    let s = &r.survey.results;
    pdf.heading(&t("pdf-uso-encuesta-personas-usuarias"));
    pdf.paragraph(&tr!(
        "pdf-uso-respuestas-satisfaccion-media-5",
        v1 = (format::figure(s.answers as f64)).to_string(),
        v2 = (s.satisfaction_average.map_or("—".into(), format::figure)).to_string(),
        v3 = (s.ease_average.map_or("—".into(), format::figure)).to_string(),
        v4 = (format::figure(s.completed_online as f64)).to_string()
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
            col(&t("pdf-uso-puntuacion"), 0.34, false),
            col(&t("pdf-uso-satisfaccion"), 0.33, true),
            col(&t("pdf-uso-facilidad"), 0.33, true),
        ],
        &rows,
    );
    pdf.heading(&t("pdf-uso-carga-antes-despues"));
    let b = format::burden;
    match (&r.burden_before, &r.savings) {
        (Some(before), Some(saved)) => pdf.paragraph(&tr!(
            "pdf-uso-antes-analisis-ahora-ahorro",
            v1 = (b(before)).to_string(),
            v2 = (b(&r.burden_now)).to_string(),
            v3 = (format::figure(saved.annual_hours)).to_string(),
            v4 = (format::quetzales(saved.annual_cost_gtq)).to_string(),
            v5 = (saved.requirements_removed).to_string(),
            v6 = (saved.visits_removed).to_string()
        )),
        _ => pdf.paragraph(&tr!("pdf-uso-ahora", v1 = (b(&r.burden_now)).to_string())),
    }
    pdf.heading(&t("pdf-uso-comentarios-publicados"));
    if r.survey.comments.is_empty() {
        pdf.paragraph(&t("pdf-uso-ninguno"));
    }
    for c in &r.survey.comments {
        pdf.paragraph(&format!("«{c}»"));
    }
    pdf.finish()
}
