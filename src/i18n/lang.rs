//! The language a page is written in (issue 37): Spanish by default, or English. A public
//! page's language comes from `?lang=` (which also sets the cookie `tramites_idioma`), then
//! the cookie, then the browser's `Accept-Language`; the server's middleware runs the request
//! inside [`scoped`], so that every message formatted while answering it comes from that
//! language's catalog ([`super::format`]) with no parameter threaded through the code. Work
//! outside the request's task (PDFs drawn on a blocking thread, e-mails) stays Spanish.

use std::future::Future;

/// A language of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Spanish, the source language and the default.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// Its BCP 47 code, as `<html lang>` and `hreflang` say it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// Parses a code (`es`, `en`, `en-GB`…); other languages are not offered.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers among those offered (RFC 9110
    /// section 12.5.4: the highest `q`, the first among equals), if any.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

/// The page being answered: its language and its address without `lang=`.
#[derive(Debug, Clone)]
struct Page {
    lang: Lang,
    path: String,
}

tokio::task_local! {
    static PAGE: Page;
}

/// Runs `f` (a request's handling) with `lang` as the language of its messages; `path` is the
/// page's address (path and query) for its links to itself in another language.
pub async fn scoped<F: Future>(lang: Lang, path: String, f: F) -> F::Output {
    PAGE.scope(Page { lang, path }, f).await
}

/// The language of the page being answered (Spanish outside a page).
pub fn lang() -> Lang {
    PAGE.try_with(|p| p.lang).unwrap_or_default()
}

/// The language the page offers to switch to.
pub fn other_lang() -> Lang {
    match lang() {
        Lang::Es => Lang::En,
        Lang::En => Lang::Es,
    }
}

/// The address of this page in `lang`: its path and query with `lang=` set.
pub fn alternate(lang: Lang) -> String {
    let path = PAGE
        .try_with(|p| p.path.clone())
        .unwrap_or_else(|_| "/".to_string());
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={}", lang.code())
}

/// A page's address without its `lang=` parameter and without any secret one (a one-click
/// link's `token=` must not be copied into the page's links); the rest of the query kept.
pub fn without_lang(path: &str, query: &str) -> String {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang=") && !p.contains("token"))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_preference_is_read_by_weight() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("fr-CA, es;q=0.5, en;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("es-GT,en;q=0.9"), Some(Lang::Es));
        assert_eq!(Lang::from_accept_language("de, fr;q=0.5"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, es"), Some(Lang::Es));
    }

    #[test]
    fn its_own_address_in_another_language_keeps_the_query() {
        assert_eq!(
            without_lang("/consultas/x", "lang=en&texto=quc"),
            "/consultas/x?texto=quc"
        );
        assert_eq!(without_lang("/", ""), "/");
        assert_eq!(
            without_lang("/suscripcion/baja", "token=secreto"),
            "/suscripcion/baja"
        );
    }

    #[tokio::test]
    async fn messages_follow_the_page_s_language() {
        assert_eq!(lang(), Lang::Es);
        let inside = scoped(Lang::En, "/consultas?desde=a".into(), async {
            (lang(), alternate(Lang::Es))
        })
        .await;
        assert_eq!(inside, (Lang::En, "/consultas?desde=a&lang=es".to_string()));
    }
}
