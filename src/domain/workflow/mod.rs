//! Workflow definitions (parsed from the text of `workflows/*.toml`) and the rules that move
//! procedures. Pure code: no database, no HTTP, no clock, no files; callers pass `now` and
//! the files' contents.

pub mod engine;
pub mod model;
pub mod parse;
#[cfg(test)]
mod parse_tests;
pub mod registry;
#[cfg(test)]
mod tests;

pub use model::{Workflow, DEFAULT_KEY};
pub use registry::Registry;

/// A transition's name in Spanish (the default workflow's keys; others are shown as keys).
pub fn transition_label(key: &str) -> String {
    match key {
        "start_analysis" => "Iniciar el análisis",
        "return_to_inventory" => "Devolver al inventario",
        "authorize_simplification" => "Autorizar la simplificación",
        "eliminate" => "Eliminar el trámite",
        "return_to_analysis" => "Devolver al análisis",
        "start_pilot" => "Iniciar la prueba piloto",
        "redesign" => "Rediseñar",
        "launch" => "Lanzar",
        "start_evaluation" => "Iniciar la evaluación",
        "close_cycle" => "Cerrar el ciclo",
        "new_cycle" => "Empezar un nuevo ciclo",
        other => return other.replace('_', " "),
    }
    .to_string()
}
