//! A use case's refusal as staff read it: a workspace page naming each fault by its field in
//! words, with the way back to the page the person came from.

use crate::i18n::t;
use crate::tr;
use actix_web::HttpResponse;

use super::{labels, no_store, render};
use crate::server::AppState;
use crate::usecases::AppError;
use crate::web::errors;
use crate::words;

/// A refused staff action, shown inside the workspace: what went wrong, each fault in words
/// (field names, never codes), and the way back to the page the person came from.
#[derive(askama::Template)]
#[template(path = "gestion_error.html")]
struct FailurePage<'a> {
    title: String,
    messages: Vec<String>,
    back: &'a str,
}

/// A use case's refusal as staff read it, with a way back.
pub fn failure(state: &AppState, error: &AppError, back: &str) -> HttpResponse {
    let status = crate::server::problem::status_of(error);
    let messages = match error {
        AppError::Validation(faults) => faults
            .iter()
            .map(|f| {
                // The API lists the reasons' codes for integrators; staff chose from words.
                let problem = if f.problem.kind == "campo-motivo-retener" {
                    t("campo-motivo-retener-lista")
                } else {
                    words::problem(&f.problem)
                };
                crate::format::sentence(format!("{}: {problem}", labels::field(&f.field)))
            })
            .collect(),
        AppError::GuardFailed(guards) => {
            let missing: Vec<String> = guards
                .iter()
                .filter(|g| !g.passed)
                .map(|g| labels::guard(&state.workflows, g))
                .collect();
            vec![tr!("gestion-aun-no-se-puede", lista = missing.join("; "))]
        }
        AppError::SamePerson => vec![t("detalle-same-person")],
        AppError::Forbidden(_) => vec![t("gestion-rol-no-permite")],
        AppError::VersionConflict(_) => vec![t("gestion-version-cambio")],
        AppError::Conflict { detail, .. } => vec![words::problem(detail)],
        other => return errors::from_error(other),
    };
    let title = if matches!(error, AppError::Validation(_)) {
        t("gestion-revise-los-datos")
    } else {
        t("error-no-se-pudo-completar")
    };
    let mut res = render(
        status,
        &FailurePage {
            title,
            messages,
            back,
        },
    );
    no_store(&mut res);
    res
}
