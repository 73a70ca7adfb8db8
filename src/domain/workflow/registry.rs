//! Every workflow the service knows, by key and by recorded version.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::model::{Tag, Workflow, DEFAULT_KEY};
use super::parse::{parse, Fault, Faults};
use crate::domain::Role;

/// The built-in default workflow, used when the workflows folder is absent.
pub const DEFAULT_WORKFLOW: &str = include_str!("../../../workflows/simplificacion.toml");

/// The workflows loaded at start-up, by key, and every recorded version of them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    workflows: HashMap<String, Arc<Workflow>>,
    versions: HashMap<(String, i32), Arc<Workflow>>,
}

impl Registry {
    /// The built-in default workflow alone (used when the workflows folder is absent).
    pub fn builtin() -> Result<Self, Faults> {
        Self::from_sources(&[(
            PathBuf::from("simplificacion.toml"),
            DEFAULT_WORKFLOW.to_string(),
        )])
    }

    /// Parses the given files (name and text, in the caller's order); every fault of every
    /// file is reported, and two files may not share a key.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Self, Faults> {
        let mut registry = Registry::default();
        let mut faults = Vec::new();
        for (file, source) in sources {
            match parse(file, source) {
                Ok(wf) => {
                    if registry.workflows.contains_key(&wf.key) {
                        faults.push(Fault {
                            file: file.clone(),
                            line: 1,
                            message: format!(
                                "the workflow key `{}` is used by another file",
                                wf.key
                            ),
                        });
                    }
                    registry.workflows.insert(wf.key.clone(), Arc::new(wf));
                }
                Err(Faults(mut f)) => faults.append(&mut f),
            }
        }
        if faults.is_empty() {
            Ok(registry)
        } else {
            Err(Faults(faults))
        }
    }

    /// True when the default workflow is among those loaded.
    pub fn has_default(&self) -> bool {
        self.workflows.contains_key(DEFAULT_KEY)
    }

    /// Adds a recorded version (procedures keep the version they started under).
    pub fn add_version(&mut self, workflow: Workflow) {
        self.versions
            .insert((workflow.key.clone(), workflow.version), Arc::new(workflow));
    }

    /// The rules a procedure runs under: its recorded version, else the current file.
    pub fn version(&self, key: &str, version: i32) -> Option<Arc<Workflow>> {
        self.versions
            .get(&(key.to_string(), version))
            .cloned()
            .or_else(|| {
                self.workflows
                    .get(key)
                    .filter(|w| w.version == version)
                    .cloned()
            })
    }

    /// Roles that may propose some transition of some workflow.
    pub fn proposing_roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .all()
            .iter()
            .flat_map(|w| w.transitions.iter().flat_map(|t| t.propose.clone()))
            .collect();
        roles.sort();
        roles.dedup();
        roles
    }

    /// Roles that may approve some transition of some workflow.
    pub fn approving_roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .every()
            .flat_map(|w| w.transitions.iter().flat_map(|t| t.approve.clone()))
            .collect();
        roles.sort();
        roles.dedup();
        roles
    }

    /// Every workflow and version loaded (newest and older ones).
    fn every(&self) -> impl Iterator<Item = &Arc<Workflow>> {
        self.workflows.values().chain(self.versions.values())
    }

    /// The states of every workflow (newest versions, the default workflow first), each key
    /// once, in file order.
    pub fn states(&self) -> Vec<super::model::State> {
        let mut workflows = self.all();
        workflows.sort_by_key(|w| w.key != DEFAULT_KEY);
        let mut out: Vec<super::model::State> = Vec::new();
        for st in workflows.iter().flat_map(|w| w.states.iter()) {
            if !out.iter().any(|o| o.key == st.key) {
                out.push(st.clone());
            }
        }
        out
    }

    /// A state's name in Spanish, from the first workflow that has it (the key otherwise).
    pub fn state_label(&self, key: &str) -> String {
        self.state_label_in(key, false)
    }

    /// A state's name in English when `english`, else in Spanish.
    pub fn state_label_in(&self, key: &str, english: bool) -> String {
        self.every()
            .find_map(|w| w.state(key).map(|s| s.label.text(english).to_string()))
            .unwrap_or_else(|| key.to_string())
    }

    /// A transition's name in Spanish, from the first workflow that has it.
    pub fn transition_label(&self, key: &str) -> String {
        self.every()
            .find_map(|w| w.transition_label(key))
            .unwrap_or_else(|| super::model::spaced(key))
    }

    /// A document kind's name in Spanish, from the first workflow that names it.
    pub fn document_label(&self, kind: &str) -> String {
        self.every()
            .find_map(|w| w.document_label(kind))
            .unwrap_or_else(|| super::model::spaced(kind))
    }

    /// True when `state` of the workflow `key` at `version` carries `tag` (the newest
    /// version when that one is not loaded).
    pub fn tagged(&self, key: &str, version: i32, state: &str, tag: Tag) -> bool {
        self.version(key, version)
            .or_else(|| self.get(key))
            .is_some_and(|w| w.has_tag(state, tag))
    }

    /// The workflow with this key.
    pub fn get(&self, key: &str) -> Option<Arc<Workflow>> {
        self.workflows.get(key).cloned()
    }

    /// All workflows, by key.
    pub fn all(&self) -> Vec<Arc<Workflow>> {
        let mut list: Vec<_> = self.workflows.values().cloned().collect();
        list.sort_by(|a, b| a.key.cmp(&b.key));
        list
    }
}
