//! Plain Spanish for the workflow's keys as staff read them: transitions, documents, fields and
//! each guard's state ("Falta el documento informe del piloto").

use crate::domain::workflow::engine::GuardStatus;
use crate::domain::workflow::model::Guard;

use crate::domain::workflow::Registry;

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
    match key {
        "regulation_reference" => "referencia de la norma",
        "description" => "descripción",
        "legal_basis" => "base legal",
        "code" => "código",
        "name" | "display_name" => "nombre",
        "responsible_unit" => "unidad responsable",
        "note" => "nota",
        "body" | "answer" => "texto",
        "reason" => "motivo",
        "outcome" => "resultado",
        "username" => "usuario",
        "password" => "contraseña",
        "email" => "correo",
        "closes_at" => "fecha de cierre",
        "file" => "archivo",
        "kind" => "tipo de documento",
        other => return other.replace('_', " "),
    }
    .to_string()
}

/// A role's name.
pub fn role(key: &str) -> &'static str {
    match key {
        "admin" => "Administración",
        "committee" => "Comité",
        "director" => "Dirección",
        "minister" => "Ministro o Ministra",
        "auditor" => "Auditoría",
        _ => "Otro",
    }
}

/// What a guard's state means, said plainly: what is done, or what is missing.
pub fn guard(registry: &Registry, g: &GuardStatus) -> String {
    match (&g.guard, g.passed) {
        (Guard::ConsultationClosed, true) => {
            "Una consulta pública sobre el trámite ya cerró".into()
        }
        (Guard::ConsultationClosed, false) => {
            "Falta que cierre una consulta pública sobre el trámite".into()
        }
        (Guard::PublishedCommentsAnswered, true) => {
            "Todos los comentarios publicados tienen respuesta".into()
        }
        (Guard::PublishedCommentsAnswered, false) => {
            "Faltan respuestas a comentarios publicados".into()
        }
        (Guard::FieldSet { field: f }, true) => format!("El campo {} está lleno", field(f)),
        (Guard::FieldSet { field: f }, false) => format!("Falta llenar el campo {}", field(f)),
        (Guard::DocumentAttached { document: d }, true) => {
            format!("El documento {} está adjunto", document(registry, d))
        }
        (Guard::DocumentAttached { document: d }, false) => {
            format!("Falta el documento {}", document(registry, d))
        }
        (Guard::ChecklistComplete { .. }, true) => "La lista de verificación está completa".into(),
        (Guard::ChecklistComplete { .. }, false) => {
            "Falta completar la lista de verificación".into()
        }
    }
}
