//! The audit page's listing: entries in words (who, what, on what, linked), filtered by dates,
//! person, action and procedure, newest first in keyset pages of [`PAGE`].

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;

use super::labels;
use crate::audit::{self, AuditEntry, Filter};
use crate::db::{procedures, users, DbConnection};
use crate::format;
use crate::i18n::t;
use crate::usecases::AppError;
use crate::web::forms::Choice;

/// Entries per page.
pub const PAGE: i64 = 50;

/// `?desde=&hasta=&persona=&accion=&tramite=&antes=` (dates `YYYY-MM-DD`, the service's zone;
/// `tramite` a procedure's code; `antes` the last number of the page before).
#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub desde: String,
    #[serde(default)]
    pub hasta: String,
    #[serde(default)]
    pub persona: String,
    #[serde(default)]
    pub accion: String,
    #[serde(default)]
    pub tramite: String,
    /// Text, not a number: a flattened query reads every value as text.
    pub antes: Option<String>,
}

/// One entry as the page shows it.
pub struct Row {
    /// Its number in the chain.
    pub seq: i64,
    /// When, in words.
    pub when: String,
    /// Who.
    pub who: String,
    /// What happened.
    pub what: String,
    /// On what, in words.
    pub on: String,
    /// The page of what it is about, when there is one.
    pub href: Option<String>,
}

/// What the listing found.
pub struct Listing {
    /// The entries of this page.
    pub rows: Vec<Row>,
    /// The next (older) page's address.
    pub older: Option<String>,
    /// The people who may have acted.
    pub people: Vec<Choice>,
    /// Every action.
    pub actions: Vec<Choice>,
    /// The query as typed, to show in the form.
    pub query: ListQuery,
    /// A filter that could not be used, in words.
    pub problem: Option<String>,
    /// True when any filter is set.
    pub filtered: bool,
}

/// The start of a day typed as `YYYY-MM-DD` in the service's zone, as a stored (UTC) time.
fn day_start(day: &str, tz: Tz) -> Option<chrono::NaiveDateTime> {
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let local = tz
        .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
        .earliest()?;
    Some(local.naive_utc())
}

/// Reads the filters and the page, and the words for every entry.
pub fn list(conn: &mut DbConnection, q: ListQuery, tz: Tz) -> Result<Listing, AppError> {
    let mut filter = Filter::default();
    let mut problem = None;
    if !q.desde.is_empty() {
        filter.from = day_start(&q.desde, tz);
        problem = filter.from.is_none().then(|| t("auditoria-filtro-fecha"));
    }
    if !q.hasta.is_empty() {
        // Up to the end of that day.
        let next = NaiveDate::parse_from_str(&q.hasta, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.succ_opt())
            .map(|d| d.format("%Y-%m-%d").to_string());
        filter.to = next.and_then(|d| day_start(&d, tz));
        problem = problem.or_else(|| filter.to.is_none().then(|| t("auditoria-filtro-fecha")));
    }
    if !q.persona.is_empty() {
        filter.actor = Some(q.persona.clone());
    }
    if labels::AUDIT_ACTIONS.iter().any(|(c, _)| *c == q.accion) {
        filter.action = Some(q.accion.clone());
    }
    let code = q.tramite.trim();
    let mut nothing = problem.is_some();
    if !code.is_empty() {
        match procedures::find_by_code(conn, code)? {
            Some(p) => {
                filter.subject_type = Some("procedure".into());
                filter.subject_id = Some(p.id);
            }
            None => {
                let unknown = crate::tr!("auditoria-filtro-tramite", codigo = code);
                problem = Some(problem.map_or(unknown.clone(), |p| format!("{p} {unknown}")));
                nothing = true;
            }
        }
    }
    let entries = if nothing {
        Vec::new()
    } else {
        let before = q.antes.as_deref().and_then(|a| a.parse().ok());
        audit::latest(conn, &filter, before, PAGE + 1)?
    };
    let staff = users::page(conn, None, 1000)?;
    let names: HashMap<String, String> = staff
        .iter()
        .map(|u| (u.id.clone(), u.display_name.clone()))
        .collect();
    let older = (entries.len() as i64 > PAGE)
        .then(|| entries.get(PAGE as usize - 1).map(|e| page_link(&q, e.seq)))
        .flatten();
    let mut rows = Vec::new();
    let mut procedures_seen = HashMap::new();
    for e in entries.iter().take(PAGE as usize) {
        rows.push(row(conn, e, &names, &mut procedures_seen, tz)?);
    }
    let mut people: Vec<Choice> = staff
        .iter()
        .map(|u| Choice {
            selected: q.persona == u.id,
            value: u.id.clone(),
            label: format!("{} ({})", u.display_name, u.username),
        })
        .collect();
    people.sort_by(|a, b| a.label.cmp(&b.label));
    for code in ["public", "system", "cli", "demo"] {
        people.push(Choice {
            selected: q.persona == code,
            value: code.into(),
            label: labels::audit_actor(code),
        });
    }
    let mut actions: Vec<Choice> = labels::AUDIT_ACTIONS
        .iter()
        .map(|(code, key)| Choice {
            selected: q.accion == *code,
            value: (*code).into(),
            label: t(key),
        })
        .collect();
    actions.sort_by(|a, b| a.label.cmp(&b.label));
    let filtered = !(q.desde.is_empty()
        && q.hasta.is_empty()
        && q.persona.is_empty()
        && q.accion.is_empty()
        && code.is_empty());
    Ok(Listing {
        rows,
        older,
        people,
        actions,
        query: q,
        problem,
        filtered,
    })
}

/// The address of the page after `seq`, with the same filters.
fn page_link(q: &ListQuery, seq: i64) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("desde", &q.desde),
        ("hasta", &q.hasta),
        ("persona", &q.persona),
        ("accion", &q.accion),
        ("tramite", &q.tramite),
    ] {
        if !v.is_empty() {
            url.append_pair(k, v);
        }
    }
    url.append_pair("antes", &seq.to_string());
    format!("/gestion/auditoria?{}", url.finish())
}

/// One entry in words, its subject named and linked where the workspace has a page for it.
fn row(
    conn: &mut DbConnection,
    e: &AuditEntry,
    names: &HashMap<String, String>,
    procedures_seen: &mut HashMap<String, Option<(String, String)>>,
    tz: Tz,
) -> Result<Row, AppError> {
    let kind = labels::audit_subject(&e.subject_type);
    let short: String = e.subject_id.chars().take(8).collect();
    let (on, href) = match e.subject_type.as_str() {
        "procedure" => {
            // A page often names the same procedure many times: read it once.
            if !procedures_seen.contains_key(&e.subject_id) {
                let found = procedures::find(conn, &e.subject_id)?.map(|p| (p.code, p.name));
                procedures_seen.insert(e.subject_id.clone(), found);
            }
            match &procedures_seen[&e.subject_id] {
                Some((code, name)) => (
                    format!("{kind} {code} · {name}"),
                    Some(format!("/gestion/tramites/{}", e.subject_id)),
                ),
                None => (format!("{kind} {short}"), None),
            }
        }
        "consultation" => (
            format!("{kind} {short}"),
            Some(format!("/gestion/consultas/{}", e.subject_id)),
        ),
        "user" => (
            names
                .get(&e.subject_id)
                .map_or_else(|| format!("{kind} {short}"), |n| format!("{kind} {n}")),
            Some(format!("/gestion/usuarios/{}", e.subject_id)),
        ),
        _ => (format!("{kind} {short}"), None),
    };
    Ok(Row {
        seq: e.seq,
        when: format::date_time(&e.at, tz),
        who: names
            .get(&e.actor)
            .cloned()
            .unwrap_or_else(|| labels::audit_actor(&e.actor)),
        what: labels::audit_action(&e.action),
        on,
        href,
    })
}
