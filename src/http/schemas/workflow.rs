//! OpenAPI mirrors of the workflow model and of the engine's answers.

use super::described_by;
use crate::domain::Role;

/// A label in Spanish and English.
#[derive(utoipa::ToSchema)]
#[schema(as = Label)]
#[allow(dead_code)]
pub struct LabelDoc {
    /// Spanish.
    es: String,
    /// English.
    en: String,
}

/// One item of a state's checklist.
#[derive(utoipa::ToSchema)]
#[schema(as = ChecklistItem)]
#[allow(dead_code)]
pub struct ChecklistItemDoc {
    /// Key used in the API.
    key: String,
    /// Spanish label.
    es: String,
    /// English label.
    en: String,
}

/// A state of the lifecycle.
#[derive(utoipa::ToSchema)]
#[schema(as = State)]
#[allow(dead_code)]
pub struct StateDoc {
    /// Key used in the API.
    key: String,
    /// Labels.
    label: LabelDoc,
    /// True for end states.
    terminal: bool,
    /// Days a procedure may stay in this state (non-terminal states).
    time_limit_days: Option<u32>,
    /// Items to tick while in this state.
    checklist: Vec<ChecklistItemDoc>,
    /// True when public consultations may be opened in this state.
    consultations: bool,
    /// Minimum consultation window, in calendar months.
    consultation_window_months: Option<u32>,
    /// What the state means: `baseline`, `launched`, `surveyed`, `eliminated`, `hidden`.
    tags: Vec<String>,
}

/// A kind of document the workflow's procedures carry.
#[derive(utoipa::ToSchema)]
#[schema(as = DocumentKind)]
#[allow(dead_code)]
pub struct DocumentKindDoc {
    /// Key used in the API (`kind`).
    key: String,
    /// Labels.
    label: LabelDoc,
}

/// A condition a transition needs (a closed set).
#[derive(utoipa::ToSchema)]
#[schema(as = Guard)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(dead_code)]
pub enum GuardDoc {
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
#[derive(utoipa::ToSchema)]
#[schema(as = Effect)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(dead_code)]
pub enum EffectDoc {
    /// Sets a field of the procedure (only `channel` today).
    SetField {
        /// The field.
        field: String,
        /// The value.
        value: String,
    },
}

/// A move from some states to one state.
#[derive(utoipa::ToSchema)]
#[schema(as = Transition)]
#[allow(dead_code)]
pub struct TransitionDoc {
    /// Key used in the API.
    key: String,
    /// Labels (absent: the key is shown).
    label: Option<LabelDoc>,
    /// States it leaves from.
    from: Vec<String>,
    /// State it leads to.
    to: String,
    /// Roles that may propose it.
    propose: Vec<Role>,
    /// Roles that may approve it; empty means applied at once.
    approve: Vec<Role>,
    /// Conditions checked when proposed and again when approved.
    guards: Vec<GuardDoc>,
    /// Effects applied with the transition.
    effects: Vec<EffectDoc>,
}

/// A validated workflow.
#[derive(utoipa::ToSchema)]
#[schema(as = Workflow)]
#[allow(dead_code)]
pub struct WorkflowDoc {
    /// Key (e.g. `simplificacion`).
    key: String,
    /// Version of the definition; procedures record the version they run under.
    version: i32,
    /// Labels.
    label: LabelDoc,
    /// State new procedures start in.
    initial_state: String,
    /// States, in file order.
    states: Vec<StateDoc>,
    /// Transitions, in file order.
    transitions: Vec<TransitionDoc>,
    /// The kinds of document its procedures carry.
    documents: Vec<DocumentKindDoc>,
}

/// One guard and whether it holds.
#[derive(utoipa::ToSchema)]
#[schema(as = GuardStatus)]
#[allow(dead_code)]
pub struct GuardStatusDoc {
    /// The guard.
    guard: GuardDoc,
    /// True when it holds.
    passed: bool,
    /// What it asks for, in Spanish (shown to staff).
    description: String,
}

/// One transition as the "available" listing shows it.
#[derive(utoipa::ToSchema)]
#[schema(as = Available)]
#[allow(dead_code)]
pub struct AvailableDoc {
    /// Key.
    transition: String,
    /// State it leads to.
    to: String,
    /// True when the caller holds a role that may propose it.
    can_propose: bool,
    /// Roles that must approve it (empty: applied at once).
    approve: Vec<Role>,
    /// Each guard and whether it holds now.
    guards: Vec<GuardStatusDoc>,
}

described_by!(
    crate::domain::workflow::Workflow => WorkflowDoc,
    crate::domain::workflow::engine::GuardStatus => GuardStatusDoc,
    crate::domain::workflow::engine::Available => AvailableDoc,
);
