//! The workflow model: states, transitions, guards and effects, as a validated value.

use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// A label in Spanish and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

/// One item of a state's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Key used in the API.
    pub key: String,
    /// Spanish label.
    pub es: String,
    /// English label.
    pub en: String,
}

/// A state of the lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Key used in the API.
    pub key: String,
    /// Labels.
    pub label: Label,
    /// True for end states.
    #[serde(default)]
    pub terminal: bool,
    /// Days a procedure may stay in this state (non-terminal states).
    #[serde(default)]
    pub time_limit_days: Option<u32>,
    /// Items to tick while in this state.
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// True when public consultations may be opened in this state.
    #[serde(default)]
    pub consultations: bool,
    /// Minimum consultation window, in calendar months.
    #[serde(default)]
    pub consultation_window_months: Option<u32>,
}

/// A condition a transition needs (a closed set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Guard {
    /// A consultation on the procedure has closed.
    ConsultationClosed,
    /// Every published comment on the procedure's consultations has a response.
    PublishedCommentsAnswered,
    /// A field of the procedure is set (e.g. `regulation_reference`).
    FieldSet {
        /// The field.
        field: String,
    },
    /// A document of this kind is attached.
    DocumentAttached {
        /// The document kind, e.g. `pilot_report`.
        document: String,
    },
    /// Every item of a state's checklist is done.
    ChecklistComplete {
        /// The state whose checklist counts.
        state: String,
    },
}

/// Something a transition does besides changing the state (a closed set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// Sets a field of the procedure (only `channel` today).
    SetField {
        /// The field.
        field: String,
        /// The value.
        value: String,
    },
}

/// A move from some states to one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// Key used in the API.
    pub key: String,
    /// States it leaves from.
    pub from: Vec<String>,
    /// State it leads to.
    pub to: String,
    /// Roles that may propose it.
    pub propose: Vec<Role>,
    /// Roles that may approve it; empty means applied at once.
    #[serde(default)]
    pub approve: Vec<Role>,
    /// Conditions checked when proposed and again when approved.
    #[serde(default)]
    pub guards: Vec<Guard>,
    /// Effects applied with the transition.
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// A validated workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workflow {
    /// Key (e.g. `simplificacion`).
    pub key: String,
    /// Version of the definition; procedures record the version they run under.
    pub version: i32,
    /// Labels.
    pub label: Label,
    /// State new procedures start in.
    pub initial_state: String,
    /// States, in file order.
    pub states: Vec<State>,
    /// Transitions, in file order.
    pub transitions: Vec<Transition>,
}

impl Workflow {
    /// The state with this key.
    pub fn state(&self, key: &str) -> Option<&State> {
        self.states.iter().find(|s| s.key == key)
    }

    /// The transition with this key.
    pub fn transition(&self, key: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.key == key)
    }

    /// When a procedure that entered `state` at `entered_at` runs out of time, if ever.
    pub fn due_at(
        &self,
        state: &str,
        entered_at: chrono::DateTime<chrono::Utc>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        let days = self.state(state)?.time_limit_days?;
        Some(entered_at + chrono::Duration::days(i64::from(days)))
    }

    /// True when `state` is an end state.
    pub fn is_terminal(&self, state: &str) -> bool {
        self.state(state).is_some_and(|s| s.terminal)
    }
}

/// The workflow a procedure runs under unless it names another.
pub const DEFAULT_KEY: &str = "simplificacion";
