//! The open data (programme, line 16): the inventory, consultations, published comments, the
//! history and the indicators as CSV, JSON, XLSX and JSON-LD (CPSV-AP 3.2 for the procedures,
//! DCAT-AP 3 for the catalogue a CKAN portal harvests). Never an e-mail address, an address or
//! a withheld text: comments are published ones only.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::error::AppError;
use crate::db::consultations as consultation_store;
use crate::db::procedures::ProcedureRow;
use crate::db::{counts, lifecycle, procedures, DbConnection};
use crate::domain::burden::CostRates;
use crate::domain::import::{cells, COLUMNS};
use crate::domain::savings::savings;
use crate::domain::status::CommentStatus;
use crate::i18n::t;
use crate::tr;

mod comments_file;
mod consultations_file;
mod datasets;
mod texts;
pub use comments_file::*;
pub use consultations_file::*;
pub use datasets::*;
pub use texts::*;

pub(super) fn csv_bytes(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, AppError> {
    crate::sheets::csv_table(headers, rows).map_err(|e| AppError::Internal(e.to_string()))
}

pub(super) fn time(t: &chrono::NaiveDateTime) -> String {
    crate::domain::time::rfc3339(t)
}

/// The inventory's extra columns, after the import's: state and the figures of savings.
const EXTRA: &[&str] = &[
    "estado",
    "carga anual (horas)",
    "carga anual (GTQ)",
    "ahorro anual (horas)",
    "ahorro anual (GTQ)",
    "requisitos eliminados",
    "eliminados en poder del Estado",
];

fn inventory_rows(all: &[ProcedureRow], rates: &CostRates) -> Vec<Vec<String>> {
    all.iter()
        .map(|p| {
            let f = p.fields();
            let burden = f.burden(rates);
            let saved = p.baseline_fields().map(|b| savings(&b, &f, rates));
            let mut row = cells(&f);
            row.push(p.state.clone());
            row.push(burden.annual_hours.to_string());
            row.push(burden.annual_cost_gtq.to_string());
            row.push(
                saved
                    .map(|s| s.annual_hours.to_string())
                    .unwrap_or_default(),
            );
            row.push(
                saved
                    .map(|s| s.annual_cost_gtq.to_string())
                    .unwrap_or_default(),
            );
            row.push(
                saved
                    .map(|s| s.requirements_removed.to_string())
                    .unwrap_or_default(),
            );
            row.push(
                saved
                    .map(|s| s.held_by_state_removed.to_string())
                    .unwrap_or_default(),
            );
            row
        })
        .collect()
}

fn inventory_headers() -> Vec<&'static str> {
    COLUMNS
        .iter()
        .map(|c| c.es)
        .chain(EXTRA.iter().copied())
        .collect()
}

/// `tramites.csv`.
pub fn procedures_csv(conn: &mut DbConnection, rates: &CostRates) -> Result<Vec<u8>, AppError> {
    let all = procedures::all_by_code(conn)?;
    csv_bytes(&inventory_headers(), inventory_rows(&all, rates))
}

/// `tramites.xlsx`.
pub fn procedures_xlsx(conn: &mut DbConnection, rates: &CostRates) -> Result<Vec<u8>, AppError> {
    let all = procedures::all_by_code(conn)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    for (c, h) in inventory_headers().iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    for (r, row) in inventory_rows(&all, rates).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                // Numbers from «pasos» on, except the texts: the norm's reference, where and
                // how to do it (a phone must stay as written) and the state.
                Ok(n) if c >= 9 && !(15..=COLUMNS.len()).contains(&c) => sheet
                    .write_number(r as u32 + 1, c as u16, n)
                    .map_err(fail)?,
                _ => sheet
                    .write_string(r as u32 + 1, c as u16, v)
                    .map_err(fail)?,
            };
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// `tramites.json`: the API's view of each procedure.
pub fn procedures_json(
    conn: &mut DbConnection,
    view: impl Fn(ProcedureRow) -> Value,
) -> Result<Vec<u8>, AppError> {
    let all: Vec<Value> = procedures::all_by_code(conn)?
        .into_iter()
        .map(view)
        .collect();
    serde_json::to_vec_pretty(&all).map_err(|e| AppError::Internal(e.to_string()))
}

/// The channels of a procedure for CPSV-AP: the kind it is carried out through, with the
/// online address as its `cv:hasInput`-free homepage, and each office as an in-person channel
/// with its opening hours.
fn channels(f: &crate::domain::procedure::ProcedureFields) -> Vec<Value> {
    let a = &f.access;
    let mut out = vec![json!({
        "@type": "cv:Channel", "dct:type": f.channel.as_str(),
        "skos:prefLabel": {"@language": "es", "@value": f.channel.label()},
        "foaf:homepage": a.online_url,
    })];
    for office in a.office_lines() {
        out.push(json!({
            "@type": "cv:Channel", "dct:type": "in_person",
            "dct:description": {"@language": "es", "@value": office},
            "cv:openingHours": a.opening_hours,
        }));
    }
    out
}

/// The contact point of a procedure for CPSV-AP (phone, WhatsApp, hours), or null.
fn contact_point(a: &crate::domain::how_to::Access) -> Value {
    if a.phone.is_none() && a.whatsapp.is_none() {
        return Value::Null;
    }
    json!({
        "@type": "cv:ContactPoint",
        "cv:telephone": a.phone,
        "cv:contactPage": a.whatsapp_link(),
        "cv:openingHours": a.opening_hours,
    })
}

/// `tramites.jsonld`: each procedure a CPSV-AP 3.2 `cpsv:PublicService`.
pub fn procedures_jsonld(conn: &mut DbConnection, base: &str) -> Result<Vec<u8>, AppError> {
    let services: Vec<Value> = procedures::all_by_code(conn)?
        .iter()
        .map(|p| {
            let f = p.fields();
            json!({
                "@id": format!("{base}/tramites/{}", f.code),
                "@type": "cpsv:PublicService",
                "dct:identifier": f.code,
                "dct:title": {"@language": "es", "@value": f.name},
                "dct:description": {"@language": "es", "@value": f.description},
                "cv:hasCompetentAuthority": {
                    "@type": "cv:PublicOrganisation",
                    "skos:prefLabel": {"@language": "es", "@value": tr!("datos-ministerio-unidad", unidad = f.responsible_unit.as_str())}
                },
                "cpsv:follows": {"@type": "eli:LegalResource", "dct:description": {"@language": "es", "@value": f.legal_basis}},
                "cv:holdsRequirement": f.requirements.iter().map(|r| json!({
                    "@type": "cv:Requirement",
                    "dct:title": {"@language": "es", "@value": r.name},
                    "dct:description": {"@language": "es", "@value": if r.held_by_state { "El Estado ya lo tiene (Decreto 5-2021): no debe pedirse" } else { "Lo presenta la persona" }}
                })).collect::<Vec<_>>(),
                "cv:hasCost": {"@type": "cv:Cost", "cv:value": f.fee_gtq, "cv:currency": "http://publications.europa.eu/resource/authority/currency/GTQ"},
                "cv:processingTime": format!("P{}D", f.resolution_days),
                "cv:hasChannel": channels(&f),
                "cv:hasContactPoint": contact_point(&f.access),
                "adms:status": p.state,
            })
        })
        .collect();
    let doc = json!({
        "@context": {
            "cpsv": "http://purl.org/vocab/cpsv#",
            "cv": "http://data.europa.eu/m8g/",
            "dct": "http://purl.org/dc/terms/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "eli": "http://data.europa.eu/eli/ontology#",
            "adms": "http://www.w3.org/ns/adms#",
            "foaf": "http://xmlns.com/foaf/0.1/"
        },
        "@graph": services
    });
    serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))
}

/// `historial.csv`.
pub fn history_csv(conn: &mut DbConnection) -> Result<Vec<u8>, AppError> {
    let rows = lifecycle::all_history(conn)?
        .into_iter()
        .map(|(h, code)| vec![code, h.transition, h.from_state, h.to_state, time(&h.at)]);
    csv_bytes(&["trámite", "transición", "de", "a", "fecha"], rows)
}

/// `indicadores.csv`: the series, one row per recorded day: the shares online by category,
/// the targets beside them, the overdue stages, and procedures per stage (`states` in order).
pub fn indicators_csv(
    points: &[super::reports::SeriesPoint],
    states: &[(String, String)],
) -> Result<Vec<u8>, AppError> {
    use crate::domain::indicators::TARGETS;
    let mut headers: Vec<String> = vec![
        "fecha".into(),
        "servicios prioritarios".into(),
        "prioritarios en línea".into(),
        "prioritarios en línea (%)".into(),
        "servicios generales".into(),
        "generales en línea".into(),
        "generales en línea (%)".into(),
    ];
    for (year, category, _) in TARGETS {
        headers.push(format!(
            "meta {year} servicios {} (%)",
            category.label().to_lowercase()
        ));
    }
    headers.push("trámites con la etapa vencida".into());
    for (_, label) in states {
        headers.push(format!("en etapa: {label}"));
    }
    let rows = points.iter().map(|p| {
        let mut row = vec![
            p.day.to_string(),
            p.priority_total.to_string(),
            p.priority_digital.to_string(),
            p.priority_percent.to_string(),
            p.general_total.to_string(),
            p.general_digital.to_string(),
            p.general_percent.to_string(),
        ];
        row.extend(TARGETS.iter().map(|(_, _, percent)| percent.to_string()));
        row.push(p.overdue.to_string());
        row.extend(
            states
                .iter()
                .map(|(key, _)| p.by_state.get(key).copied().unwrap_or(0).to_string()),
        );
        row
    });
    let heads: Vec<&str> = headers.iter().map(String::as_str).collect();
    csv_bytes(&heads, rows)
}

/// `informes.csv`: every four-month period since the first procedure, with its report's
/// state, its SHA-256 once frozen, and where to download it.
pub fn reports_csv(lines: &[super::reports::IndexLine], base: &str) -> Result<Vec<u8>, AppError> {
    let rows = lines.iter().map(|l| {
        let key = l.period.key();
        let (state, hash, at) = match &l.frozen {
            Some((hash, at)) => ("congelado", hash.clone(), time(at)),
            None => ("en curso", String::new(), String::new()),
        };
        vec![
            key.clone(),
            l.period.first_day().to_string(),
            l.period.last_day().to_string(),
            state.to_string(),
            at,
            hash,
            format!("{base}/informes/{key}"),
            format!("{base}/informes/{key}.pdf"),
            format!("{base}/informes/{key}.json"),
        ]
    });
    csv_bytes(
        &[
            "periodo",
            "inicio",
            "fin",
            "estado",
            "congelado",
            "sha256 del json",
            "página",
            "pdf",
            "json",
        ],
        rows,
    )
}

/// `catalogo.jsonld`: a DCAT-AP 3 catalogue of every file.
pub fn catalogue(base: &str, modified: &str) -> Result<Vec<u8>, AppError> {
    let datasets: Vec<Value> = DATASETS
        .iter()
        .filter(|d| d.file != "catalogo.jsonld")
        .map(|d| {
            let url = format!("{base}/datos/{}", d.file);
            json!({
                "@id": format!("{base}/datos#{}", d.file),
                "@type": "dcat:Dataset",
                "dct:title": {"@language": "es", "@value": d.title()},
                "dct:description": {"@language": "es", "@value": d.description()},
                "dct:publisher": {"@type": "foaf:Agent", "foaf:name": t("datos-ministerio")},
                "dct:license": {"@id": LICENCE},
                "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"},
                "dct:modified": {"@type": "xsd:dateTime", "@value": modified},
                "dcat:distribution": [{
                    "@type": "dcat:Distribution",
                    "dcat:accessURL": {"@id": url},
                    "dcat:downloadURL": {"@id": url},
                    "dcat:mediaType": {"@id": format!("http://www.iana.org/assignments/media-types/{}", d.media_type)},
                    "dct:license": {"@id": LICENCE}
                }]
            })
        })
        .collect();
    let doc = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"
        },
        "@id": format!("{base}/datos/catalogo.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": {"@language": "es", "@value": t("datos-catalogo-titulo")},
        "dct:description": {"@language": "es", "@value": t("datos-catalogo-descripcion")},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": t("datos-ministerio")},
        "dct:license": {"@id": LICENCE},
        "dct:modified": {"@type": "xsd:dateTime", "@value": modified},
        "dcat:dataset": datasets
    });
    serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))
}
