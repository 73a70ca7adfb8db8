//! The message catalog: every word a person reads, from `locales/es/*.ftl` (Project Fluent),
//! embedded in the binary. Spanish is the source language; the code names messages by key and
//! never holds the sentences itself (the catalog test in `tests/api/catalog.rs` holds it to that).
//!
//! `t("key")` gives a message; `tr!("key", name = value, …)` one with arguments, whose plural
//! forms and number formats Fluent chooses by the language's rules.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The Spanish catalog's files, in the order they are loaded.
pub const SPANISH: &[(&str, &str)] = &[
    ("comun.ftl", include_str!("../../locales/es/comun.ftl")),
    ("paginas.ftl", include_str!("../../locales/es/paginas.ftl")),
    ("gestion.ftl", include_str!("../../locales/es/gestion.ftl")),
    ("errores.ftl", include_str!("../../locales/es/errores.ftl")),
    ("textos.ftl", include_str!("../../locales/es/textos.ftl")),
    ("correos.ftl", include_str!("../../locales/es/correos.ftl")),
];

/// The English catalog's files: the public pages' words (issue 37). A key missing here is
/// shown in Spanish, never as its key.
pub const ENGLISH: &[(&str, &str)] = &[
    ("comun.ftl", include_str!("../../locales/en/comun.ftl")),
    ("paginas.ftl", include_str!("../../locales/en/paginas.ftl")),
    ("errores.ftl", include_str!("../../locales/en/errores.ftl")),
    ("textos.ftl", include_str!("../../locales/en/textos.ftl")),
];

mod lang;
pub use lang::*;

fn load(
    tag: unic_langid::LanguageIdentifier,
    files: &[(&str, &str)],
) -> FluentBundle<FluentResource> {
    let folder = tag.language.as_str().to_string();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // The pages escape what they print; isolation marks would show as stray characters in
    // PDFs, e-mails and plain text.
    bundle.set_use_isolating(false);
    for (name, source) in files {
        let resource =
            FluentResource::try_new((*source).to_string()).unwrap_or_else(|(_, errors)| {
                panic!("locales/{folder}/{name} does not parse: {errors:?}")
            });
        if let Err(errors) = bundle.add_resource(resource) {
            panic!("locales/{folder}/{name} repeats keys: {errors:?}");
        }
    }
    bundle
}

fn bundle() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    BUNDLE.get_or_init(|| load(unic_langid::langid!("es-GT"), SPANISH))
}

fn english() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    BUNDLE.get_or_init(|| load(unic_langid::langid!("en-GB"), ENGLISH))
}

/// The catalog a message comes from: the page's language's when it has it, else Spanish's.
fn bundle_for(key: &str) -> &'static FluentBundle<FluentResource> {
    match lang() {
        Lang::En if english().has_message(key) => english(),
        _ => bundle(),
    }
}

/// A key kept in a table to be looked up later (the catalog test checks that it exists).
pub const fn k(key: &'static str) -> &'static str {
    key
}

/// One message of the catalog, without arguments.
pub fn t(key: &str) -> String {
    format(key, None)
}

/// A message that counts something: its plural form chosen by `n` (the argument `$n`), for
/// templates, which cannot call `tr!`.
pub fn tn(key: &str, n: impl std::borrow::Borrow<i64>) -> String {
    let n = *n.borrow();
    format(key, Some(&args([("n", arg(n))])))
}

/// A message with text arguments, for templates: `tf("key", &[("name", value)])`.
pub fn tf(key: &str, pairs: &[(&str, &str)]) -> String {
    let owned: Vec<(&str, FluentValue)> = pairs
        .iter()
        .map(|(name, value)| (*name, arg(value.to_string())))
        .collect();
    format(key, Some(&args(owned)))
}

/// One message of the catalog with its arguments (see the `tr!` macro).
pub fn format(key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle_for(key);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        // The catalog test keeps this from happening; say so loudly if it does.
        tracing::error!(key, "message missing from the catalog");
        return key.to_string();
    };
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(key, ?errors, "message formatted with errors");
    }
    match text {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    }
}

/// An argument for a message: numbers choose plural forms, text is inserted as given.
pub fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

/// Arguments built from `(name, value)` pairs.
pub fn args<'a>(pairs: impl IntoIterator<Item = (&'a str, FluentValue<'a>)>) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(name, value);
    }
    args
}

/// `tr!("key")` or `tr!("key", name = value, …)`: a message of the catalog with its arguments.
#[macro_export]
macro_rules! tr {
    ($key:expr) => {
        $crate::i18n::t($key)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format(
            $key,
            Some(&$crate::i18n::args([$((stringify!($name), $crate::i18n::arg($value))),+])),
        )
    };
}

#[cfg(test)]
mod tests;
