//! Cursor pagination: `?limit=` (default 50, at most 200) and an opaque `?cursor=`.
//! Pages are keyset ranges over an indexed key, so a page costs the same at any depth.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;

use crate::usecases::AppError;

/// Default page size.
pub const DEFAULT_LIMIT: i64 = 50;
/// Largest page size; larger requests are served this many.
pub const MAX_LIMIT: i64 = 200;

/// A checked page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    /// Items to return.
    pub limit: i64,
    /// Key after which the page starts.
    pub after: Option<String>,
}

impl PageRequest {
    /// Checks `limit` and decodes `cursor`.
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<Self, AppError> {
        let limit = match limit {
            None | Some("") => DEFAULT_LIMIT,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if n >= 1 => n.min(MAX_LIMIT),
                _ => return Err(AppError::field("limit", "campo-debe-ser-numero-entero-1")),
            },
        };
        let after = match cursor {
            None | Some("") => None,
            Some(text) => Some(decode_cursor(text)?),
        };
        Ok(Self { limit, after })
    }

    /// Rows to fetch: one more than the page, to learn whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }
}

fn decode_cursor(text: &str) -> Result<String, AppError> {
    let bad = || AppError::field("cursor", "campo-no-cursor-haya-dado-esta");
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let key = String::from_utf8(bytes).map_err(|_| bad())?;
    // Keys are ids (UUIDs) or sequence numbers; anything else was not issued here.
    let well_formed = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-');
    if !well_formed {
        return Err(bad());
    }
    Ok(key)
}

/// One page of a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `request.fetch()` rows, keyed by `key`.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        request: &PageRequest,
        key: impl Fn(&R) -> String,
        view: impl FnMut(R) -> T,
    ) -> Self {
        let more = rows.len() as i64 > request.limit;
        rows.truncate(request.limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| URL_SAFE_NO_PAD.encode(key(r)))
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(view).collect(),
            next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_cursors() {
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, 50);
        assert_eq!(PageRequest::parse(Some("500"), None).unwrap().limit, 200);
        assert!(PageRequest::parse(Some("0"), None).is_err());
        assert!(PageRequest::parse(Some("abc"), None).is_err());
        assert!(PageRequest::parse(None, Some("!!")).is_err());
        let id = uuid::Uuid::now_v7().to_string();
        let cursor = URL_SAFE_NO_PAD.encode(&id);
        assert_eq!(
            PageRequest::parse(None, Some(&cursor)).unwrap().after,
            Some(id)
        );
    }

    #[test]
    fn next_cursor_only_when_more_rows() {
        let req = PageRequest {
            limit: 2,
            after: None,
        };
        let page = Page::from_rows(vec!["a", "b", "c"], &req, |r| r.to_string(), |r| r);
        assert_eq!(page.items, vec!["a", "b"]);
        assert_eq!(page.next_cursor, Some(URL_SAFE_NO_PAD.encode("b")));
        let page = Page::from_rows(vec!["a", "b"], &req, |r| r.to_string(), |r| r);
        assert_eq!(page.next_cursor, None);
    }
}
