//! Rendered public pages kept while nothing they show can have changed, served again with
//! fresh one-time form tokens.
//!
//! A consultation's page takes about ten queries and a template (1.2 ms of CPU); under 64
//! readers that capped it at 1,700 pages/s on two cores against 98,000/s for `/healthz`. A
//! page is kept with:
//! - the database's version ([`crate::db::changes`]) read before it was built: any commit of
//!   this process since, or of another process (seen within 1 ms on SQLite, 20 ms on
//!   PostgreSQL), makes it stale;
//! - the clock's time it was built at: it is served for [`MAX_AGE`] of the service's clock
//!   at most (what depends on time alone: the status at opening and closing, the days left),
//!   and never when the clock reads earlier.
//!
//! Each of its one-time tokens is rendered as a mark, random per process, and every answer
//! puts a newly issued token where each mark was: no two readers get the same token.
//!
//! What it holds is bounded: [`ENTRIES`] pages (by language and address); when full it is
//! emptied, so addresses made up to fill it only cost renderings.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use chrono::{DateTime, Utc};
use rand::RngCore;

use crate::db::changes::{Changes, Version};
use crate::i18n::Lang;

/// How long, by the service's clock, a kept page may be served.
pub const MAX_AGE: chrono::TimeDelta = chrono::TimeDelta::seconds(1);

/// Pages kept at most.
pub const ENTRIES: usize = 128;

/// Which page: its language and its address (path and query).
pub type Key = (Lang, String);

/// The kept pages of one service.
pub struct PageCache {
    changes: Option<Changes>,
    kept: parking_lot::Mutex<HashMap<Key, Arc<Kept>>>,
    marks: [String; 2],
}

/// One kept page: its HTML without the marks, and where each token goes.
pub struct Kept {
    version: Version,
    built: DateTime<Utc>,
    html: String,
    /// (byte position in `html`, which token) in order.
    cuts: Vec<(usize, usize)>,
}

/// The tokens of a page to render: fresh ones, or the marks of a page to keep.
pub struct Tokens {
    /// The comment form's.
    pub form: String,
    /// The "Me sumo" forms'.
    pub sign: String,
}

impl PageCache {
    /// Keeps pages checked against `changes`; `None` keeps none.
    pub fn new(changes: Option<Changes>) -> PageCache {
        let mark = |which: &str| {
            let mut nonce = [0u8; 16];
            rand::thread_rng().fill_bytes(&mut nonce);
            format!("{}.{which}", hex::encode(nonce))
        };
        PageCache {
            changes,
            kept: parking_lot::Mutex::new(HashMap::new()),
            marks: [mark("form"), mark("sign")],
        }
    }

    /// The database's version now, when pages may be kept.
    pub async fn version(&self) -> Option<Version> {
        self.changes.as_ref()?.version().await
    }

    /// The kept page of `key`, if built at `version` no longer than [`MAX_AGE`] before `now`.
    pub fn get(&self, key: &Key, version: Version, now: DateTime<Utc>) -> Option<Arc<Kept>> {
        let kept = self.kept.lock().get(key).cloned()?;
        (kept.version == version && kept.built <= now && now - kept.built < MAX_AGE).then_some(kept)
    }

    /// The marks to render in place of the tokens of a page to keep.
    pub fn marks(&self) -> Tokens {
        Tokens {
            form: self.marks[0].clone(),
            sign: self.marks[1].clone(),
        }
    }

    /// Keeps `html` (rendered with [`Self::marks`]) as the page of `key`, built at `version`
    /// and `built`.
    pub fn keep(&self, key: Key, version: Version, built: DateTime<Utc>, html: &str) -> Arc<Kept> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (which, mark) in self.marks.iter().enumerate() {
            found.extend(html.match_indices(mark.as_str()).map(|(at, _)| (at, which)));
        }
        found.sort_unstable();
        let mut text = String::with_capacity(html.len());
        let mut cuts = Vec::with_capacity(found.len());
        let mut from = 0;
        for (at, which) in found {
            text.push_str(&html[from..at]);
            cuts.push((text.len(), which));
            from = at + self.marks[which].len();
        }
        text.push_str(&html[from..]);
        let kept = Arc::new(Kept {
            version,
            built,
            html: text,
            cuts,
        });
        let mut all = self.kept.lock();
        if all.len() >= ENTRIES && !all.contains_key(&key) {
            all.clear();
        }
        all.insert(key, kept.clone());
        kept
    }
}

impl Kept {
    /// The page with `tokens` in place of its marks, answered as [`super::render`] would.
    pub fn respond(&self, tokens: &Tokens) -> HttpResponse {
        let mut html = String::with_capacity(self.html.len() + self.cuts.len() * 72);
        let mut from = 0;
        for &(at, which) in &self.cuts {
            html.push_str(&self.html[from..at]);
            html.push_str(if which == 0 {
                &tokens.form
            } else {
                &tokens.sign
            });
            from = at;
        }
        html.push_str(&self.html[from..]);
        super::page_response(StatusCode::OK, html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_has_its_own_tokens_where_the_marks_were() {
        let cache = PageCache::new(None);
        let m = cache.marks();
        let html = format!("<a>{}</a><b>{}</b><c>{}</c>", m.sign, m.form, m.sign);
        let now = Utc::now();
        let key = (Lang::Es, "/consultas/x".to_string());
        let kept = cache.keep(key.clone(), (1, 2), now, &html);
        let body = |r: HttpResponse| {
            let bytes = actix_web::body::to_bytes(r.into_body());
            String::from_utf8(
                futures_util::FutureExt::now_or_never(bytes)
                    .unwrap()
                    .unwrap()
                    .to_vec(),
            )
            .unwrap()
        };
        let tokens = Tokens {
            form: "F1".into(),
            sign: "S1".into(),
        };
        assert_eq!(body(kept.respond(&tokens)), "<a>S1</a><b>F1</b><c>S1</c>");
        assert!(cache.get(&key, (1, 2), now).is_some());
        assert!(cache.get(&key, (2, 2), now).is_none(), "a commit since");
        assert!(
            cache.get(&key, (1, 3), now).is_none(),
            "another process wrote"
        );
        assert!(cache.get(&key, (1, 2), now + MAX_AGE).is_none(), "too old");
        assert!(
            cache.get(&key, (1, 2), now - MAX_AGE).is_none(),
            "clock set back"
        );
        assert!(cache.get(&(Lang::En, key.1.clone()), (1, 2), now).is_none());
    }
}
