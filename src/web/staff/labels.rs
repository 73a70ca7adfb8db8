//! Plain Spanish for the workflow's keys as staff read them: transitions, documents, fields and
//! each guard's state ("Falta el documento informe del piloto").

use crate::domain::workflow::engine::GuardStatus;
use crate::domain::workflow::model::Guard;

use crate::domain::workflow::Registry;
use crate::i18n::{k, t};
use crate::tr;

/// A transition's name (the workflow files' labels).
pub fn transition(registry: &Registry, key: &str) -> String {
    registry.transition_label(key)
}

/// A document kind's name (the workflow files' `[[documents]]`).
pub fn document(registry: &Registry, kind: &str) -> String {
    registry.document_label(kind)
}

/// A field's name.
pub fn field(key: &str) -> String {
    let k = match key {
        "regulation_reference" => k("campo-nombre-regulation-reference"),
        "description" => k("campo-nombre-description"),
        "legal_basis" => k("campo-nombre-legal-basis"),
        "code" => k("campo-nombre-code"),
        "name" | "display_name" => k("campo-nombre-name"),
        "responsible_unit" => k("campo-nombre-responsible-unit"),
        "note" => k("campo-nombre-note"),
        "body" | "answer" => k("campo-nombre-body"),
        "reason" => k("campo-nombre-reason"),
        "outcome" => k("campo-nombre-outcome"),
        "username" => k("campo-nombre-username"),
        "password" => k("campo-nombre-password"),
        "email" => k("campo-nombre-email"),
        "closes_at" => k("campo-nombre-closes-at"),
        "file" => k("campo-nombre-file"),
        "kind" => k("campo-nombre-kind"),
        other => return other.replace('_', " "),
    };
    t(k)
}

/// A role's name.
pub fn role(key: &str) -> String {
    t(match key {
        "admin" => k("rol-admin"),
        "committee" => k("rol-committee"),
        "director" => k("rol-director"),
        "minister" => k("rol-minister"),
        "auditor" => k("rol-auditor"),
        _ => k("rol-otro"),
    })
}

/// What a guard's state means, said plainly: what is done, or what is missing.
pub fn guard(registry: &Registry, g: &GuardStatus) -> String {
    match (&g.guard, g.passed) {
        (Guard::ConsultationClosed, true) => t("condicion-consulta-cerro"),
        (Guard::ConsultationClosed, false) => t("condicion-falta-consulta"),
        (Guard::PublishedCommentsAnswered, true) => t("condicion-respuestas-completas"),
        (Guard::PublishedCommentsAnswered, false) => t("condicion-faltan-respuestas"),
        (Guard::FieldSet { field: f }, true) => tr!("condicion-campo-lleno", campo = field(f)),
        (Guard::FieldSet { field: f }, false) => tr!("condicion-falta-campo", campo = field(f)),
        (Guard::DocumentAttached { document: d }, true) => {
            tr!(
                "condicion-documento-adjunto",
                documento = document(registry, d)
            )
        }
        (Guard::DocumentAttached { document: d }, false) => {
            tr!(
                "condicion-falta-documento",
                documento = document(registry, d)
            )
        }
        (Guard::ChecklistComplete { .. }, true) => t("condicion-lista-completa"),
        (Guard::ChecklistComplete { .. }, false) => t("condicion-falta-lista"),
    }
}
