//! Tests of the workflow file format: the default file and every fault.

use std::path::Path;

use super::parse::*;
use super::registry::*;

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
