//! The documents stay true: every path, command, setting, environment variable and Rust item that
//! `README.md`, `CONTRIBUTING.md` and `docs/*.md` name in backticks exists in this tree (commands are
//! asked of the real binary's `--help`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn documents() -> Vec<(String, String)> {
    let mut names = vec!["README.md".to_string(), "CONTRIBUTING.md".to_string()];
    for entry in std::fs::read_dir(root().join("docs")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".md") {
            names.push(format!("docs/{name}"));
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(root().join(&n)).unwrap();
            (n, text)
        })
        .collect()
}

/// The spans between backticks (inline code) and the lines of fenced blocks.
fn spans(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            let code = line.split(" #").next().unwrap_or_default().trim();
            if !code.is_empty() && !code.starts_with('#') {
                out.push(code.to_string());
            }
            continue;
        }
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 && !piece.is_empty() {
                out.push(piece.to_string());
            }
        }
    }
    out
}

const ROOTS: &[&str] = &[
    "src/",
    "tests/",
    "templates/",
    "locales/",
    "docs/",
    "bench/",
    "benches/",
    "migrations/",
    "workflows/",
    "config/",
    "assets/",
    ".ci/",
];

/// A path in the tree: the part before a placeholder or a glob must exist.
fn path_exists(path: &str) -> bool {
    let cut = path.find(['<', '{', '*']).unwrap_or(path.len());
    let known = &path[..cut];
    let known = if cut < path.len() {
        known.rsplit_once('/').map_or("", |(dir, _)| dir)
    } else {
        known
    };
    root().join(known).exists()
}

/// A file named without its folder (`helpers.rs`, `access.rs`): at the top, or somewhere under `src/` or
/// `tests/`.
fn file_somewhere(name: &str) -> bool {
    let suffix = format!("/{name}");
    root().join(name).is_file()
        || ["src", "tests"]
            .iter()
            .any(|d| any_file(&root().join(d), &|p| p.to_string_lossy().ends_with(&suffix)))
}

/// Whether some file under `dir` (at any depth) satisfies `found`.
fn any_file(dir: &Path, found: &dyn Fn(&Path) -> bool) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let p = e.path();
        if p.is_dir() {
            any_file(&p, found)
        } else {
            found(&p)
        }
    })
}

/// `domain::public::shown`, `usecases::comments::Submission`: the module is a file or folder under
/// `src/`, and the last name (when it is not a module) appears in it.
fn rust_item_exists(item: &str) -> bool {
    let item = item.trim_start_matches("crate::");
    let parts: Vec<&str> = item
        .split("::")
        .map(|p| p.split(['(', '<', '{', ' ']).next().unwrap_or_default())
        .collect();
    let mut dir = root().join("src");
    for (i, part) in parts.iter().enumerate() {
        let folder = dir.join(part);
        let file = dir.join(format!("{part}.rs"));
        if folder.is_dir() {
            dir = folder;
            continue;
        }
        if file.is_file() {
            let text = code_of(&std::fs::read_to_string(&file).unwrap());
            return parts[i + 1..].iter().all(|name| has_word(&text, name));
        }
        // Not a module: a name defined in one of the folder's files (re-exported by its mod.rs).
        let text: String = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| code_of(&std::fs::read_to_string(e.path()).unwrap_or_default()))
            .collect();
        return parts[i..].iter().all(|name| has_word(&text, name));
    }
    true
}

/// Rust code without its comment lines.
fn code_of(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `name` as a whole identifier in `text`.
fn has_word(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().last();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The subcommand words of `tramites …` or `cargo run -- …`, and the flags it names.
fn command_of(span: &str) -> Option<(Vec<String>, Vec<String>)> {
    let rest = span
        .strip_prefix("tramites ")
        .or_else(|| span.strip_prefix("cargo run -- "))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let subcommands = words
        .iter()
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !w.starts_with('-')
        })
        .map(|w| w.to_string())
        .collect();
    let flags = words
        .iter()
        .filter_map(|w| {
            let w = w.trim_matches(|c| c == '[' || c == ']');
            w.starts_with("--")
                .then(|| w.split('=').next().unwrap_or(w).to_string())
        })
        .collect();
    Some((subcommands, flags))
}

fn help_of(subcommands: &[String]) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_tramites"))
        .args(subcommands)
        .arg("--help")
        .env("TRAMITES_LOG", "error")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

fn settings() -> String {
    ["src/config/mod.rs", "src/config/keys.rs"]
        .iter()
        .map(|f| std::fs::read_to_string(root().join(f)).unwrap())
        .collect()
}

#[test]
fn every_path_command_setting_and_item_the_documents_name_exists() {
    let config = settings();
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (doc, text) in documents() {
        for span in spans(&text) {
            let first = span.split_whitespace().next().unwrap_or_default();
            let first = first.trim_end_matches([',', '.', ')', ':']);
            // Paths of the tree.
            if ROOTS.iter().any(|r| first.starts_with(r))
                || ["README.md", "CONTRIBUTING.md", "Cargo.toml"].contains(&first)
            {
                checked += 1;
                if !path_exists(first) {
                    wrong.push(format!("{doc}: path `{first}`"));
                }
            } else if first.ends_with(".rs") && !first.contains('/') && !first.contains("::") {
                checked += 1;
                if !file_somewhere(first) {
                    wrong.push(format!("{doc}: file `{first}`"));
                }
            } else if first.ends_with(".rs") && first.contains('/') {
                checked += 1;
                if !root().join("src").join(first).exists() && !root().join(first).exists() {
                    wrong.push(format!("{doc}: file `{first}`"));
                }
            }
            // Commands of the binary, with their flags.
            if let Some((subcommands, flags)) = command_of(&span) {
                checked += 1;
                match help_of(&subcommands) {
                    None => wrong.push(format!("{doc}: command `{span}`")),
                    Some(help) => {
                        for flag in flags.iter().filter(|f| !help.contains(f.as_str())) {
                            wrong.push(format!("{doc}: flag {flag} of `{span}`"));
                        }
                    }
                }
            }
            if let Some(name) = span.strip_prefix("cargo bench --bench ") {
                checked += 1;
                let name = name.split_whitespace().next().unwrap_or_default();
                if !cargo.contains(&format!("name = \"{name}\"")) {
                    wrong.push(format!("{doc}: benchmark `{name}`"));
                }
            }
            // Environment variables: read somewhere in the code or the tests.
            for var in span
                .split(|c: char| !(c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()))
                .filter(|w| w.starts_with("TRAMITES_") && w.len() > 9 && !w.ends_with('_'))
            {
                checked += 1;
                let key = var.trim_start_matches("TRAMITES_").to_lowercase();
                let read = config.contains(&format!("pub {key}:"))
                    || grep_tree(var)
                    || config.contains(&format!("\"{key}\""));
                if !read {
                    wrong.push(format!("{doc}: environment variable {var}"));
                }
            }
            // Rust items named by their module path.
            let modules = [
                "domain::",
                "usecases::",
                "db::",
                "audit::",
                "notify::",
                "server::",
                "http::",
                "web::",
                "pdf::",
                "format::",
                "i18n::",
                "words::",
                "cli::",
                "workers::",
                "startup::",
            ];
            if modules
                .iter()
                .any(|m| first.trim_start_matches("crate::").starts_with(m))
            {
                checked += 1;
                if !rust_item_exists(first) {
                    wrong.push(format!("{doc}: item `{first}`"));
                }
            }
        }
        // The settings table of OPERATIONS: every key is a field of the settings.
        if doc == "docs/OPERATIONS.md" {
            let table = text.split("## Settings").nth(1).unwrap_or_default();
            let table = table.split("\n## ").next().unwrap_or_default();
            for row in table.lines().filter(|l| l.starts_with("| `")) {
                let cell = row.split('|').nth(1).unwrap_or_default();
                for key in cell.split('`').skip(1).step_by(2) {
                    checked += 1;
                    if !config.contains(&format!("pub {key}:")) {
                        wrong.push(format!("{doc}: setting `{key}`"));
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} names checked: is the reader broken?"
    );
    assert!(
        wrong.is_empty(),
        "names the documents give that do not exist: {wrong:#?}"
    );
}

fn grep_tree(needle: &str) -> bool {
    let holds = |p: &Path| std::fs::read_to_string(p).is_ok_and(|t| t.contains(needle));
    ["src", "tests", "config", ".ci", "bench"]
        .iter()
        .any(|d| any_file(&root().join(d), &holds))
        || holds(&root().join("build.rs"))
}

#[test]
fn the_readme_is_short_and_the_documents_exist() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 200,
        "README.md has {} lines",
        readme.lines().count()
    );
    for doc in [
        "docs/ARCHITECTURE.md",
        "docs/OPERATIONS.md",
        "docs/API.md",
        "docs/PERFORMANCE.md",
        "CONTRIBUTING.md",
    ] {
        assert!(root().join(doc).is_file(), "{doc} is missing");
        assert!(readme.contains(doc), "the README does not point to {doc}");
    }
}

#[test]
fn the_reader_finds_what_does_not_exist() {
    assert!(!path_exists("src/db/secrets.rs"));
    assert!(path_exists("locales/es/*.ftl"));
    assert!(!rust_item_exists("db::secrets"));
    assert!(rust_item_exists("domain::public::shown"));
    assert!(!rust_item_exists("domain::public::nowhere_at_all"));
    assert!(help_of(&["nonexistent".to_string()]).is_none());
    assert!(help_of(&["audit".to_string(), "verify".to_string()])
        .is_some_and(|h| h.contains("--checkpoint")));
    assert_eq!(
        command_of("tramites audit verify [--checkpoint FILE]"),
        Some((
            vec!["audit".into(), "verify".into()],
            vec!["--checkpoint".into()]
        ))
    );
}
