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

impl Label {
    /// The label in English when `english`, else in Spanish.
    pub fn text(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.es
        }
    }
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

/// What a state means to the rest of the system (the code names no state of a workflow; it
/// asks for these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// Entering it the first time keeps the procedure's burden as the baseline its savings
    /// are measured from.
    Baseline,
    /// Entering it launches the simplified procedure (reports list it as launched; its usage
    /// is compared before and after the month it entered).
    Launched,
    /// Citizens may answer the procedure's satisfaction survey while it is here.
    Surveyed,
    /// The procedure was eliminated: it no longer counts as a service in the shares.
    Eliminated,
    /// The public path of the procedure leaves it out (an end nobody is headed for).
    Hidden,
}

/// A kind of document a workflow's procedures carry (guards may ask for one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentKind {
    /// Key used in the API (`kind`).
    pub key: String,
    /// Labels.
    pub label: Label,
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
    /// What the state means to reports, indicators, savings and surveys.
    #[serde(default)]
    pub tags: Vec<Tag>,
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
    /// Labels (the key, spaced, when absent).
    #[serde(default)]
    pub label: Option<Label>,
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
    /// The kinds of document its procedures carry.
    #[serde(default)]
    pub documents: Vec<DocumentKind>,
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

    /// True when both have the same rules: states (keys, ends, time limits, checklists,
    /// consultations) and transitions (keys, states, roles, guards, effects). Labels, tags and
    /// document kinds are words and meanings, not rules.
    pub fn same_rules(&self, other: &Workflow) -> bool {
        let states = |w: &Workflow| -> Vec<State> {
            w.states
                .iter()
                .map(|s| State {
                    label: Label {
                        es: String::new(),
                        en: String::new(),
                    },
                    tags: Vec::new(),
                    checklist: s
                        .checklist
                        .iter()
                        .map(|c| ChecklistItem {
                            key: c.key.clone(),
                            es: String::new(),
                            en: String::new(),
                        })
                        .collect(),
                    ..s.clone()
                })
                .collect()
        };
        let transitions = |w: &Workflow| -> Vec<Transition> {
            w.transitions
                .iter()
                .map(|t| Transition {
                    label: None,
                    ..t.clone()
                })
                .collect()
        };
        self.key == other.key
            && self.version == other.version
            && self.initial_state == other.initial_state
            && states(self) == states(other)
            && transitions(self) == transitions(other)
    }

    /// True when `state` carries `tag`.
    pub fn has_tag(&self, state: &str, tag: Tag) -> bool {
        self.state(state).is_some_and(|s| s.tags.contains(&tag))
    }

    /// A transition's name in Spanish: its label, or its key spaced out.
    pub fn transition_label(&self, key: &str) -> Option<String> {
        let t = self.transition(key)?;
        Some(
            t.label
                .as_ref()
                .map_or_else(|| spaced(key), |l| l.es.clone()),
        )
    }

    /// A document kind's name in Spanish, when the workflow names it.
    pub fn document_label(&self, kind: &str) -> Option<String> {
        self.documents
            .iter()
            .find(|d| d.key == kind)
            .map(|d| d.label.es.clone())
    }

    /// True when `state` is an end state.
    pub fn is_terminal(&self, state: &str) -> bool {
        self.state(state).is_some_and(|s| s.terminal)
    }
}

/// The workflow a procedure runs under unless it names another.
pub const DEFAULT_KEY: &str = "simplificacion";

/// A key as words (`start_pilot` → `start pilot`), for keys no label names.
pub fn spaced(key: &str) -> String {
    key.replace('_', " ")
}
