//! The layers the README describes, checked from the imports themselves: a file may name only
//! the crate's modules its layer may depend on. Reads `src/` as text (no server).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A layer (the first folder or file under `src/`) and the crate modules it must not name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    // The core: nothing outside itself.
    (
        "domain",
        &[
            "audit", "auth", "cli", "clock", "config", "db", "format", "http", "i18n", "notify",
            "pdf", "server", "sheets", "startup", "usecases", "web", "words", "workers",
        ],
    ),
    // Storage: below the audit trail, the use cases and every face.
    (
        "db",
        &[
            "audit", "cli", "http", "i18n", "notify", "pdf", "server", "startup", "usecases",
            "web", "words", "workers",
        ],
    ),
    (
        "audit",
        &[
            "cli", "http", "server", "startup", "usecases", "web", "workers",
        ],
    ),
    (
        "usecases",
        &["cli", "http", "server", "startup", "web", "workers"],
    ),
    ("pdf", &["http", "server", "web"]),
    ("format", &["http", "server", "web"]),
    // The two faces share `server`, never each other.
    ("http", &["web"]),
    ("web", &["http"]),
    ("server", &["cli", "startup"]),
    // The catalog is a leaf: it names nothing of the crate.
    (
        "i18n",
        &[
            "audit", "auth", "cli", "db", "domain", "format", "http", "notify", "pdf", "server",
            "sheets", "startup", "usecases", "web", "workers",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line without its comment (`//`, `///`, `//!`); strings are kept, which at
/// worst finds a name that is not an import (then the test is stricter, never looser).
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

/// The top-level crate modules a file's code names: `crate::x` anywhere, and each first name
/// inside `crate::{a, b::c, …}` (a group may span lines).
pub fn named_modules(text: &str) -> BTreeSet<(usize, String)> {
    let mut found = BTreeSet::new();
    let lines: Vec<(usize, &str)> = text.lines().map(code).enumerate().collect();
    let joined: String = lines
        .iter()
        .map(|(_, l)| format!("{l}\n"))
        .collect::<String>();
    let line_of = |offset: usize| joined[..offset].matches('\n').count() + 1;
    let mut rest = 0;
    while let Some(i) = joined[rest..].find("crate::") {
        let at = rest + i;
        let before = joined[..at].chars().last();
        rest = at + "crate::".len();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `tramites_crate::…` or the like
        }
        let tail = &joined[rest..];
        if let Some(group) = tail.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && c == ',' {
                    at_start = true;
                    item.clear();
                    continue;
                }
                if at_start {
                    if c.is_alphanumeric() || c == '_' {
                        item.push(c);
                    } else if !item.is_empty() {
                        found.insert((line_of(at), item.clone()));
                        at_start = false;
                    }
                }
            }
            if at_start && !item.is_empty() {
                found.insert((line_of(at), item));
            }
        } else {
            let name: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert((line_of(at), name));
            }
        }
    }
    found
}

/// Every forbidden import under `root`, as `file:line: layer → module`.
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let relative = file.strip_prefix(root).expect("under src");
        let first = relative.components().next().expect("a component");
        let layer = first.as_os_str().to_string_lossy();
        let layer = layer.trim_end_matches(".rs");
        let Some((_, banned)) = FORBIDDEN.iter().find(|(l, _)| *l == layer) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("readable");
        for (line, module) in named_modules(&text) {
            if banned.contains(&module.as_str()) {
                out.push(format!(
                    "src/{}:{line}: `{layer}` must not import `crate::{module}`",
                    relative.display()
                ));
            }
        }
    }
    out
}

#[test]
fn the_layers_import_only_what_they_may() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&root);
    assert!(
        found.is_empty(),
        "forbidden imports ({}):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_reader_finds_paths_groups_and_nested_groups() {
    let text = "use crate::{\n    db::{self, x},\n    web::errors,\n};\n\
                // crate::http in a comment is not code\n\
                fn f() { crate::audit::head(); let _ = super::crate_like; }\n";
    let names: Vec<String> = named_modules(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(names, ["db", "web", "audit"]);
    let one = named_modules("let x = crate::http::client::limit(&req);");
    assert_eq!(one.into_iter().next(), Some((1, "http".to_string())));
}
