//! The workflow file format and its validation.
//!
//! A workflow is one TOML file: `key`, `version`, `initial_state`, `label`, a list of
//! `[[states]]` and a list of `[[transitions]]` (see `workflows/simplificacion.toml`).
//! Every fault is reported with the file, the line and a plain sentence.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::domain::Role;

/// A label in Spanish and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

/// One item of a state's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransition {
    key: Spanned<String>,
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
    })
}

/// The built-in default workflow, used when the workflows folder is absent.
pub const DEFAULT_WORKFLOW: &str = include_str!("../../workflows/simplificacion.toml");

/// The workflows loaded at start-up, by key, and every recorded version of them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    workflows: HashMap<String, Arc<Workflow>>,
    versions: HashMap<(String, i32), Arc<Workflow>>,
}

impl Registry {
    /// Loads every `*.toml` in `dir`, or the built-in default when `dir` does not exist.
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut registry = Registry::default();
        if !dir.exists() {
            tracing::warn!(dir = %dir.display(), "workflows folder not found; using the built-in default");
            let wf = parse(Path::new("simplificacion.toml"), DEFAULT_WORKFLOW)?;
            registry.workflows.insert(wf.key.clone(), Arc::new(wf));
            return Ok(registry);
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut faults = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            match parse(&file, &source) {
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
        if !faults.is_empty() {
            return Err(Faults(faults).into());
        }
        if !registry.workflows.contains_key(DEFAULT_KEY) {
            anyhow::bail!(
                "{}: no workflow with the default key `{DEFAULT_KEY}`",
                dir.display()
            );
        }
        Ok(registry)
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
            .versions
            .values()
            .chain(self.workflows.values())
            .flat_map(|w| w.transitions.iter().flat_map(|t| t.approve.clone()))
            .collect();
        roles.sort();
        roles.dedup();
        roles
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

/// The workflow a procedure runs under unless it names another.
pub const DEFAULT_KEY: &str = "simplificacion";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_workflow_is_valid() {
        let wf = parse(Path::new("simplificacion.toml"), DEFAULT_WORKFLOW).unwrap();
        assert_eq!(wf.initial_state, "inventory");
        assert_eq!(wf.transitions.len(), 11);
        assert!(wf.is_terminal("closed") && wf.is_terminal("eliminated"));
        assert_eq!(wf.state("launch").unwrap().checklist.len(), 3);
    }

    /// The default file with `from` replaced by `to`; the fault must name `needle`'s line.
    fn fault_of(from: &str, to: &str) -> (Faults, String) {
        assert!(DEFAULT_WORKFLOW.contains(from), "{from}");
        let src = DEFAULT_WORKFLOW.replacen(from, to, 1);
        (parse(Path::new("w.toml"), &src).unwrap_err(), src)
    }

    fn line_with(src: &str, needle: &str) -> usize {
        // The last occurrence: a duplicate is reported where it is declared again.
        src.lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| l.contains(needle))
            .unwrap()
            + 1
    }

    #[test]
    fn each_fault_is_refused_with_its_line_and_a_sentence() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // (replace, with, the line holding, message part)
            ("to = \"pilot\"", "to = \"piloto\"", "\"piloto\"", "unknown state `piloto`"),
            ("from = [\"feedback\"]\nto = \"closed\"", "from = [\"limbo\"]\nto = \"closed\"", "\"limbo\"", "leaves from the unknown state `limbo`"),
            ("{ kind = \"consultation_closed\" }", "{ kind = \"moon_is_full\" }", "moon_is_full", "moon_is_full"),
            ("{ kind = \"checklist_complete\", state = \"launch\" }", "{ kind = \"checklist_complete\", state = \"lunch\" }", "lunch", "unknown state `lunch`"),
            ("effects = [{ kind = \"set_field\", field = \"channel\", value = \"online\" }]", "effects = [{ kind = \"set_field\", field = \"channel\", value = \"pigeon\" }]", "pigeon", "must set `channel`"),
            ("key = \"new_cycle\"", "key = \"launch\"", "key = \"launch\"", "the transition `launch` is declared twice"),
            ("key = \"closed\"\nlabel", "key = \"feedback\"\nlabel", "key = \"feedback\"", "the state `feedback` is declared twice"),
            ("propose = [\"committee\"]\napprove = [\"minister\"]", "propose = []\napprove = [\"minister\"]", "propose = []", "nobody who may propose"),
            ("key = \"eliminated\"\nlabel = { es = \"Eliminado\", en = \"Eliminated\" }\nterminal = true", "key = \"eliminated\"\nlabel = { es = \"Eliminado\", en = \"Eliminated\" }\ntime_limit_days = 5", "key = \"eliminated\"", "not terminal but no transition leaves it"),
            ("initial_state = \"inventory\"", "initial_state = \"nowhere\"", "initial_state", "initial state `nowhere` is not declared"),
            ("time_limit_days = 30\n\n[[states]]\nkey = \"analysis\"", "\n[[states]]\nkey = \"analysis\"", "key = \"inventory\"", "needs a time_limit_days"),
            ("version = 1", "version = \"one\"", "version", "invalid type"),
        ];
        for (from, to, needle, message) in cases {
            let (faults, src) = fault_of(from, to);
            let line = line_with(&src, needle);
            assert!(
                // A state's faults point at its `[[states]]` header, the line above its key.
                faults
                    .0
                    .iter()
                    .any(|f| (f.line == line || f.line + 1 == line) && f.message.contains(message)),
                "{message}: expected at line {line}, got:\n{faults}"
            );
        }
    }

    #[test]
    fn unreachable_states_and_terminal_exits_are_refused() {
        // A state no transition reaches.
        let src = format!("{DEFAULT_WORKFLOW}\n[[states]]\nkey = \"orphan\"\nlabel = {{ es = \"x\", en = \"x\" }}\nterminal = true\n");
        let faults = parse(Path::new("w.toml"), &src).unwrap_err();
        assert!(
            faults
                .to_string()
                .contains("no transition reaches the state `orphan`"),
            "{faults}"
        );
        // A terminal state with a way out.
        let src = format!("{DEFAULT_WORKFLOW}\n[[transitions]]\nkey = \"resurrect\"\nfrom = [\"closed\"]\nto = \"analysis\"\npropose = [\"committee\"]\n");
        let faults = parse(Path::new("w.toml"), &src).unwrap_err();
        assert!(
            faults
                .to_string()
                .contains("the terminal state `closed` has outgoing transitions"),
            "{faults}"
        );
    }

    #[test]
    fn faults_name_the_line() {
        let src = DEFAULT_WORKFLOW.replace("approve = [\"minister\"]", "approve = [\"king\"]");
        let faults = parse(Path::new("w.toml"), &src).unwrap_err();
        let line = src.lines().position(|l| l.contains("\"king\"")).unwrap() + 1;
        assert_eq!(faults.0.len(), 1, "{faults}");
        assert_eq!(faults.0[0].line, line);
        assert!(
            faults.0[0].message.contains("unknown role `king`"),
            "{faults}"
        );
        assert!(faults.to_string().starts_with(&format!("w.toml:{line}:")));
    }
}
