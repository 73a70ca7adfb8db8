//! The workflow file format and its validation.
//!
//! A workflow is one TOML file: `key`, `version`, `initial_state`, `label`, a list of
//! `[[states]]` and a list of `[[transitions]]` (see `workflows/simplificacion.toml`).
//! Every fault is reported with the file, the line and a plain sentence. The caller reads
//! the file; this module only reads its text.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::model::{DocumentKind, Effect, Guard, Label, State, Transition, Workflow};
use crate::domain::Role;

/// The file as written, with positions for error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkflow {
    key: Spanned<String>,
    version: i32,
    label: Label,
    initial_state: Spanned<String>,
    states: Vec<Spanned<State>>,
    transitions: Vec<Spanned<RawTransition>>,
    #[serde(default)]
    documents: Vec<DocumentKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransition {
    key: Spanned<String>,
    #[serde(default)]
    label: Option<Label>,
    from: Vec<Spanned<String>>,
    to: Spanned<String>,
    propose: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    approve: Vec<Spanned<String>>,
    #[serde(default)]
    guards: Vec<Spanned<Guard>>,
    #[serde(default)]
    effects: Vec<Spanned<Effect>>,
}

/// One fault in a workflow file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// All faults of one load, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

impl std::fmt::Display for Faults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for Faults {}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// Parses and validates one workflow file's text.
pub fn parse(file: &Path, source: &str) -> Result<Workflow, Faults> {
    let fault = |offset: usize, message: String| Fault {
        file: file.to_path_buf(),
        line: line_of(source, offset),
        message,
    };
    let raw: RawWorkflow = toml::from_str(source).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        Faults(vec![fault(offset, e.message().trim().to_string())])
    })?;
    let mut faults = Vec::new();

    let mut state_keys = HashSet::new();
    for s in &raw.states {
        let st = s.get_ref();
        if !state_keys.insert(st.key.clone()) {
            faults.push(fault(
                s.span().start,
                format!("the state `{}` is declared twice", st.key),
            ));
        }
        if !st.terminal && st.time_limit_days.is_none() {
            faults.push(fault(
                s.span().start,
                format!(
                    "the state `{}` is not terminal and needs a time_limit_days",
                    st.key
                ),
            ));
        }
        let mut items = HashSet::new();
        for item in &st.checklist {
            if !items.insert(item.key.clone()) {
                faults.push(fault(
                    s.span().start,
                    format!("the checklist of `{}` lists `{}` twice", st.key, item.key),
                ));
            }
        }
    }
    if !state_keys.contains(raw.initial_state.get_ref()) {
        faults.push(fault(
            raw.initial_state.span().start,
            format!(
                "the initial state `{}` is not declared",
                raw.initial_state.get_ref()
            ),
        ));
    }

    let mut transition_keys = HashSet::new();
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut transitions = Vec::new();
    for t in &raw.transitions {
        let rt = t.get_ref();
        let key = rt.key.get_ref().clone();
        if !transition_keys.insert(key.clone()) {
            faults.push(fault(
                rt.key.span().start,
                format!("the transition `{key}` is declared twice"),
            ));
        }
        let mut check_state = |name: &Spanned<String>, what: &str| {
            if !state_keys.contains(name.get_ref()) {
                faults.push(fault(
                    name.span().start,
                    format!(
                        "the transition `{key}` {what} the unknown state `{}`",
                        name.get_ref()
                    ),
                ));
            }
        };
        for from in &rt.from {
            check_state(from, "leaves from");
        }
        check_state(&rt.to, "leads to");
        let mut roles = |list: &[Spanned<String>], what: &str| -> Vec<Role> {
            list.iter()
                .filter_map(|r| {
                    let role = Role::parse(r.get_ref());
                    if role.is_none() {
                        faults.push(fault(
                            r.span().start,
                            format!(
                                "the transition `{key}` names the unknown role `{}` in `{what}` (known: {})",
                                r.get_ref(),
                                Role::expected()
                            ),
                        ));
                    }
                    role
                })
                .collect()
        };
        let propose = roles(rt.propose.get_ref(), "propose");
        let approve = roles(&rt.approve, "approve");
        if rt.propose.get_ref().is_empty() {
            faults.push(fault(
                rt.propose.span().start,
                format!("the transition `{key}` has nobody who may propose it"),
            ));
        }
        for g in &rt.guards {
            if let Guard::ChecklistComplete { state } = g.get_ref() {
                if !state_keys.contains(state) {
                    faults.push(fault(
                        g.span().start,
                        format!("the guard of `{key}` names the unknown state `{state}`"),
                    ));
                }
            }
            if let Guard::FieldSet { field } = g.get_ref() {
                if field != "regulation_reference" {
                    faults.push(fault(
                        g.span().start,
                        format!("the guard of `{key}` names the unknown field `{field}` (known: regulation_reference)"),
                    ));
                }
            }
        }
        for e in &rt.effects {
            let Effect::SetField { field, value } = e.get_ref();
            if field != "channel" || crate::domain::Channel::parse(value).is_none() {
                faults.push(fault(
                    e.span().start,
                    format!(
                        "the effect of `{key}` must set `channel` to one of {} (got `{field}` = `{value}`)",
                        crate::domain::Channel::expected()
                    ),
                ));
            }
        }
        for from in &rt.from {
            edges
                .entry(from.get_ref().clone())
                .or_default()
                .push(rt.to.get_ref().clone());
        }
        transitions.push(Transition {
            key,
            label: rt.label.clone(),
            from: rt.from.iter().map(|f| f.get_ref().clone()).collect(),
            to: rt.to.get_ref().clone(),
            propose,
            approve,
            guards: rt.guards.iter().map(|g| g.get_ref().clone()).collect(),
            effects: rt.effects.iter().map(|e| e.get_ref().clone()).collect(),
        });
    }

    for s in &raw.states {
        let st = s.get_ref();
        let outgoing = edges.get(&st.key).map_or(0, Vec::len);
        if st.terminal && outgoing > 0 {
            faults.push(fault(
                s.span().start,
                format!("the terminal state `{}` has outgoing transitions", st.key),
            ));
        }
        if !st.terminal && outgoing == 0 {
            faults.push(fault(
                s.span().start,
                format!(
                    "the state `{}` is not terminal but no transition leaves it",
                    st.key
                ),
            ));
        }
    }

    let mut reached = HashSet::new();
    let mut queue = VecDeque::from([raw.initial_state.get_ref().clone()]);
    while let Some(state) = queue.pop_front() {
        if reached.insert(state.clone()) {
            queue.extend(edges.get(&state).into_iter().flatten().cloned());
        }
    }
    for s in &raw.states {
        if !reached.contains(&s.get_ref().key) {
            faults.push(fault(
                s.span().start,
                format!(
                    "no transition reaches the state `{}` from the initial state",
                    s.get_ref().key
                ),
            ));
        }
    }

    if !faults.is_empty() {
        faults.sort_by_key(|f| f.line);
        return Err(Faults(faults));
    }
    Ok(Workflow {
        key: raw.key.into_inner(),
        version: raw.version,
        label: raw.label,
        initial_state: raw.initial_state.into_inner(),
        states: raw.states.into_iter().map(Spanned::into_inner).collect(),
        transitions,
        documents: raw.documents,
    })
}
