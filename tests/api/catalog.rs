//! Every word a person reads lives in the catalog (`locales/es/*.ftl`): a key the code or a template
//! uses must be in it, a key nobody uses must not, and neither Rust code outside tests nor a template
//! may hold a sentence of its own. Reads the tree as text (no server).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Files whose Spanish is content, not interface: the demo's sample records (what the Committee
/// would type into the inventory) and the `Anónimo` shown for a comment without a name in the
/// API's field docs.
const ALLOWED_FILES: &[&str] = &[
    "src/usecases/demo.rs",
    // The campaigns' labelled test corpus: what citizens would write, not words of the interface.
    "src/domain/campaign_corpus.rs",
    // The inventory spreadsheet's format: its column headers and the closed values its import
    // accepts and its export writes, fixed so that a file exported today imports tomorrow.
    "src/domain/import/mod.rs",
    "src/domain/import/columns.rs",
    "src/domain/import/vocabulary.rs",
    // The OpenAPI document's description, written for integrators in English like the rest of
    // the API reference.
    "src/http/openapi.rs",
];

/// Single literals that are data, not interface text: words an input may use, and the open data
/// files' column headers (a published format reusers parse, fixed like the API's field names).
const ALLOWED_LITERALS: &[(&str, &str)] = &[
    ("src/domain/evaluation/mod.rs", "sí"),
    ("src/domain/evaluation/usage.rs", "en línea"),
    ("src/domain/public.rs", "Anónimo"),
    ("src/usecases/open_data/comments_file.rs", "organización"),
    ("src/usecases/open_data/mod.rs", "trámite"),
    ("src/usecases/open_data/mod.rs", "título"),
    ("src/usecases/open_data/consultations_file.rs", "trámite"),
    ("src/usecases/open_data/consultations_file.rs", "título"),
    ("src/usecases/open_data/mod.rs", "transición"),
    ("src/usecases/open_data/mod.rs", "prioritarios en línea"),
    ("src/usecases/open_data/mod.rs", "prioritarios en línea (%)"),
    ("src/usecases/open_data/mod.rs", "generales en línea"),
    ("src/usecases/open_data/mod.rs", "generales en línea (%)"),
    (
        "src/usecases/open_data/mod.rs",
        "trámites con la etapa vencida",
    ),
    ("src/usecases/open_data/mod.rs", "página"),
    ("src/usecases/consultation_report_articles.rs", "artículo"),
    ("src/usecases/consultation_report_articles.rs", "título"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The keys a Fluent file defines (messages and terms), parsed by Fluent itself.
fn defined_keys(ftl: &str) -> Result<Vec<String>, String> {
    let resource =
        fluent_syntax::parser::parse(ftl.to_string()).map_err(|(_, e)| format!("{e:?}"))?;
    Ok(resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.clone()),
            _ => None,
        })
        .collect())
}

/// The part of a Rust file that is not tests: up to its `#[cfg(test)]` module, without comments.
fn production_code(source: &str) -> String {
    let end = source.find("#[cfg(test)]\nmod ").unwrap_or(source.len());
    // Comment lines become empty lines, so that the line numbers stay the file's.
    source[..end]
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("//") || t.starts_with("#[doc") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The string literals of Rust code, with their line numbers (plain and raw strings).
fn literals(code: &str) -> Vec<(usize, String)> {
    let bytes: Vec<char> = code.chars().collect();
    let mut out = vec![];
    let (mut i, mut line) = (0, 1);
    while i < bytes.len() {
        let c = bytes[i];
        if c == '\n' {
            line += 1;
        }
        // A char literal such as '"' is not the start of a string.
        if c == '\'' && i + 2 < bytes.len() && bytes[i + 2] == '\'' {
            i += 3;
            continue;
        }
        if c == '\'' && i + 3 < bytes.len() && bytes[i + 1] == '\\' && bytes[i + 3] == '\'' {
            i += 4;
            continue;
        }
        let raw = c == 'r' && matches!(bytes.get(i + 1), Some('"') | Some('#'));
        if raw && (i == 0 || !bytes[i - 1].is_alphanumeric()) {
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = bytes[start..].iter().collect();
            let len = rest.find(&close).unwrap_or(rest.len());
            let text: String = rest.chars().take(len).collect();
            let at = line;
            line += text.matches('\n').count();
            out.push((at, text));
            i = start + len + close.chars().count();
            continue;
        }
        if c == '"' {
            let at = line;
            let mut text = String::new();
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    text.push(bytes[i]);
                    i += 1;
                }
                if i < bytes.len() {
                    if bytes[i] == '\n' {
                        line += 1;
                    }
                    text.push(bytes[i]);
                }
                i += 1;
            }
            out.push((at, text));
        }
        i += 1;
    }
    out
}

/// A literal shaped like a catalog key: lower-case words joined by hyphens.
fn is_key(text: &str) -> bool {
    text.contains('-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A literal that reads like words for a person in Spanish.
fn is_sentence(text: &str) -> bool {
    text.chars().any(|c| "áéíóúñÁÉÍÓÚÑ¿¡".contains(c))
}

/// Keys named in Rust code: `t("…")`, `tr!("…"…)` and `k("…")` (a key kept in a table).
fn keys_in_rust(code: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for marker in ["t(", "tn(", "tf(", "tr!(", "k("] {
        let mut rest = code;
        while let Some(at) = rest.find(marker) {
            let before = rest[..at].chars().last();
            rest = &rest[at + marker.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(quoted) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = quoted.find('"') {
                keys.insert(quoted[..end].to_string());
            }
        }
    }
    keys
}

/// The text a template shows outside `{{ }}`, `{% %}`, comments and tags: must have no words.
fn template_words(template: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = template;
    while !rest.is_empty() {
        let next = ["{{", "{%", "{#", "<"]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, *m)))
            .min();
        let Some((at, open)) = next else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..at]);
        text.push(' ');
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            _ => ">",
        };
        rest = &rest[at + open.len()..];
        // A tag's end, past any {{ }} or {% %} inside its attributes.
        let mut skip = 0;
        if open == "<" {
            while let Some(inner) = rest[skip..].find(['{', '>']) {
                let at = skip + inner;
                if rest[at..].starts_with('>') {
                    break;
                }
                let closer = if rest[at..].starts_with("{{") {
                    "}}"
                } else if rest[at..].starts_with("{%") {
                    "%}"
                } else {
                    "{"
                };
                skip = at + rest[at..].find(closer).map_or(1, |e| e + closer.len());
            }
        }
        rest = match rest[skip..].find(close) {
            Some(end) => &rest[skip + end + close.len()..],
            None => "",
        };
    }
    text.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(str::to_string)
        .collect()
}

/// Attribute values a person reads (labels for screen readers, placeholders, alternative texts).
fn template_attribute_words(template: &str) -> Vec<String> {
    let mut out = vec![];
    for attr in ["aria-label=\"", "placeholder=\"", "alt=\"", "title=\""] {
        for piece in template.split(attr).skip(1) {
            // The value ends at the first quote outside `{{ }}` (expressions hold quotes).
            let mut value = String::new();
            let mut rest = piece;
            loop {
                let quote = rest.find('"').unwrap_or(rest.len());
                match rest.find("{{").filter(|open| *open < quote) {
                    Some(open) => {
                        value.push_str(&rest[..open]);
                        let close = rest[open..].find("}}").map_or(rest.len(), |c| open + c + 2);
                        rest = &rest[close..];
                    }
                    None => {
                        value.push_str(&rest[..quote]);
                        break;
                    }
                }
            }
            // What is left once the expressions are taken out is written in the template.
            if value.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                out.push(value.trim().to_string());
            }
        }
    }
    // Quoted text inside `{% %}` that reads as Spanish (a loop over questions, a title).
    let mut rest = template;
    while let Some(open) = rest.find("{%") {
        let close = rest[open..].find("%}").map_or(rest.len(), |c| open + c);
        let block = &rest[open..close];
        for (i, literal) in block.split('"').enumerate() {
            if i % 2 == 1 && is_sentence(literal) {
                out.push(literal.to_string());
            }
        }
        rest = &rest[close..];
    }
    out
}

/// Keys named in templates: `crate::i18n::t("…")`.
fn keys_in_templates(template: &str) -> BTreeSet<String> {
    keys_in_rust(template)
}

struct Faults {
    missing: Vec<String>,
    unused: Vec<String>,
    sentences: Vec<String>,
}

fn check(
    catalog: &[(String, String)],
    rust: &[(String, String)],
    templates: &[(String, String)],
) -> Faults {
    let mut defined = BTreeSet::new();
    let mut faults = Faults {
        missing: vec![],
        unused: vec![],
        sentences: vec![],
    };
    for (name, ftl) in catalog {
        match defined_keys(ftl) {
            Ok(keys) => {
                for key in keys {
                    if !defined.insert(key.clone()) {
                        faults
                            .missing
                            .push(format!("{key} is defined twice ({name})"));
                    }
                }
            }
            Err(e) => faults.missing.push(format!("{name} does not parse: {e}")),
        }
    }
    // The families of keys (`campo-…`, `conflicto-…`): a literal of one of them anywhere in
    // the code names a key (kept in a table, passed as a problem's kind) and must exist.
    let families: BTreeSet<&str> = defined
        .iter()
        .filter_map(|k: &String| k.split('-').next())
        .collect();
    let mut used = BTreeSet::new();
    let mut literal_text = BTreeSet::new();
    for (name, source) in rust {
        let code = production_code(source);
        used.extend(keys_in_rust(&code));
        for (line, text) in literals(&code) {
            if is_key(&text) && text.split('-').next().is_some_and(|f| families.contains(f)) {
                used.insert(text.clone());
            }
            literal_text.insert(text.clone());
            let allowed = ALLOWED_FILES.contains(&name.as_str())
                || ALLOWED_LITERALS.contains(&(name.as_str(), text.as_str()));
            if is_sentence(&text) && !allowed {
                faults.sentences.push(format!("{name}:{line}: \"{text}\""));
            }
        }
    }
    for (name, source) in templates {
        used.extend(keys_in_templates(source));
        for word in template_words(source)
            .into_iter()
            .chain(template_attribute_words(source))
        {
            faults.sentences.push(format!("{name}: «{word}»"));
        }
    }
    for key in &used {
        if !defined.contains(key) {
            faults.missing.push(key.clone());
        }
    }
    for key in &defined {
        // A key is used when the code names it (a call, or a literal kept in a table).
        if !used.contains(key) && !literal_text.contains(key) {
            faults.unused.push(key.clone());
        }
    }
    faults
}

/// Files as (path, text).
type Files = Vec<(String, String)>;

fn read_tree() -> (Files, Files, Files) {
    let read = |dir: &str, ext: &str| {
        let mut paths = vec![];
        files(&root().join(dir), ext, &mut paths);
        paths.sort();
        paths
            .into_iter()
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                !(name == "tests.rs"
                    || name.ends_with("_tests.rs")
                    || p.components().any(|c| c.as_os_str() == "tests"))
            })
            .map(|p| (relative(&p), std::fs::read_to_string(&p).unwrap()))
            .collect::<Vec<_>>()
    };
    (
        read("locales/es", "ftl"),
        read("src", "rs"),
        read("templates", "html"),
    )
}

#[test]
fn every_word_is_in_the_catalog_and_every_key_is_used() {
    let (catalog, rust, templates) = read_tree();
    assert!(catalog.len() >= 3 && rust.len() > 100 && templates.len() > 20);
    let faults = check(&catalog, &rust, &templates);
    assert!(
        faults.missing.is_empty() && faults.unused.is_empty() && faults.sentences.is_empty(),
        "keys missing from locales/es: {:#?}\ncatalog keys nobody uses: {:#?}\nwords for people \
         outside the catalog (move them to locales/es): {:#?}",
        faults.missing,
        faults.unused,
        faults.sentences
    );
}

#[test]
fn the_check_finds_a_missing_key_an_unused_key_and_a_sentence() {
    let catalog = vec![
        (
            "a.ftl".to_string(),
            "usada = Usada\nsobrante = Nadie la usa\n".to_string(),
        ),
        ("b.ftl".to_string(), "usada = Otra vez\n".to_string()),
    ];
    let rust = vec![(
        "src/x.rs".to_string(),
        "fn f() { t(\"usada\"); tr!(\"falta\", n = 1); let s = \"Ya existe un trámite\"; }\n\
         #[cfg(test)]\nmod tests { const OK: &str = \"en pruebas sí\"; }"
            .to_string(),
    )];
    let templates = vec![(
        "templates/x.html".to_string(),
        "<p class=\"a\">{{ crate::i18n::t(\"usada\") }}</p><p>Texto suelto</p><a aria-label=\"Menú principal\" href=\"{{ x }}\">{% if a > b %}{% endif %}</a>"
            .to_string(),
    )];
    let faults = check(&catalog, &rust, &templates);
    assert_eq!(
        faults.missing,
        vec!["usada is defined twice (b.ftl)", "falta"]
    );
    assert_eq!(faults.unused, vec!["sobrante"]);
    assert_eq!(
        faults.sentences,
        vec![
            "src/x.rs:1: \"Ya existe un trámite\"",
            "templates/x.html: «Texto»",
            "templates/x.html: «suelto»",
            "templates/x.html: «Menú principal»",
        ]
    );
}
