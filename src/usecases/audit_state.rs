//! The stored state held to the chain. A chain whose every hash and seal holds proves only
//! that its entries were not changed; this pass proves that the tables still say what the
//! entries say: each audited row has its entry, its state now (a comment's status, a user's
//! roles, a procedure's state, code and name, an opinion's status) is the one the chain's last
//! entry for it gives, and every text or file whose SHA-256 the chain records (answers,
//! opinions, documents, frozen reports and their PDFs, comments' senders) still hashes to it.
//! An empty or shortened chain over data that is there leaves rows without their entries, and
//! so is caught too. Each mismatch names its table, its row and the entry it contradicts.

use std::collections::HashMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::audit::{self, Mismatch};
use crate::db::{audited_rows as rows, DbConnection};
use crate::domain::fingerprint::sender_sha256;

/// Mismatches listed at most (the count says how many there were).
const MOST: usize = 100;

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// An entry and the value it gives.
type Said = (i64, String);

/// What the chain says of each row: (the last entry about it, the value it gives).
#[derive(Default)]
struct Expected {
    /// id → (seq, status, consultation, the entry recording the sender's SHA-256, if any).
    comments: HashMap<String, (i64, String, String, Option<Said>)>,
    /// (consultation, group) → (seq, SHA-256 of the answer).
    answers: HashMap<(String, String), (i64, String)>,
    /// id → (seq, roles, active).
    users: HashMap<String, (i64, String, bool)>,
    /// id → (seq, field, value) for code, name and state.
    procedures: HashMap<String, HashMap<&'static str, (i64, String)>>,
    /// id → (seq, SHA-256).
    documents: HashMap<String, (i64, String)>,
    /// id → (seq of the text, SHA-256, status with its seq, answer with its seq).
    feedback: HashMap<String, Feedback>,
    /// period → (seq, SHA-256).
    reports: HashMap<String, (i64, String)>,
    /// consultation → (seq, SHA-256 of the JSON, the PDF's (seq, SHA-256) once drawn).
    consultation_reports: HashMap<String, (i64, String, Option<Said>)>,
}

#[derive(Default)]
struct Feedback {
    text: (i64, String),
    status: (i64, String),
    answer: Option<(i64, String)>,
}

fn text(data: &Value, key: &str) -> String {
    data[key].as_str().unwrap_or_default().to_string()
}

fn decided(data: &Value) -> String {
    if let Some(s) = data["status"].as_str() {
        return s.to_string();
    }
    match data["decision"].as_str() {
        Some("publish") => "published".into(),
        Some("reject") => "rejected".into(),
        other => other.unwrap_or_default().to_string(),
    }
}

impl Expected {
    fn learn(&mut self, e: &audit::AuditEntry) {
        let data = || serde_json::from_str::<Value>(&e.data).unwrap_or(Value::Null);
        let id = e.subject_id.clone();
        match e.action.as_str() {
            "comment.received" => {
                let d = data();
                let sender = d["sender_sha256"].as_str().map(|h| (e.seq, h.to_string()));
                let entry = (
                    e.seq,
                    text(&d, "status"),
                    text(&d, "consultation_id"),
                    sender,
                );
                self.comments.insert(id, entry);
            }
            "comment.moderated" => {
                if let Some(c) = self.comments.get_mut(&id) {
                    c.0 = e.seq;
                    c.1 = decided(&data());
                }
            }
            "comment.answered" => {
                let d = data();
                if let Some(c) = self.comments.get(&id) {
                    let key = (c.2.clone(), text(&d, "group_key"));
                    // The group's first answer stands; later ones are recorded but not stored.
                    self.answers
                        .entry(key)
                        .or_insert((e.seq, text(&d, "sha256")));
                }
            }
            "user.created" | "user.updated" => {
                let d = data();
                let active = d["active"].as_bool().unwrap_or(true);
                self.users.insert(id, (e.seq, text(&d, "roles"), active));
            }
            "procedure.created" | "procedure.updated" | "transition.applied" => {
                let d = data();
                let known = self.procedures.entry(id).or_default();
                // Entries written before updates recorded their code and name: a change of
                // either that the entry does not give leaves that field unknown.
                if let Some(changed) = d["changed"].as_array() {
                    for field in ["code", "name"] {
                        if changed.iter().any(|c| c == field) && d[field].is_null() {
                            known.remove(field);
                        }
                    }
                }
                for (field, key) in [("code", "code"), ("name", "name"), ("state", "state")] {
                    let key = if e.action == "transition.applied" && field == "state" {
                        "to"
                    } else {
                        key
                    };
                    if let Some(v) = d[key].as_str() {
                        known.insert(field, (e.seq, v.to_string()));
                    }
                }
            }
            "document.attached" => {
                let d = data();
                self.documents
                    .insert(text(&d, "document_id"), (e.seq, text(&d, "sha256")));
            }
            "feedback.received" => {
                let f = Feedback {
                    text: (e.seq, text(&data(), "sha256")),
                    status: (e.seq, "received".into()),
                    answer: None,
                };
                self.feedback.insert(id, f);
            }
            "feedback.moderated" => {
                if let Some(f) = self.feedback.get_mut(&id) {
                    f.status = (e.seq, decided(&data()));
                }
            }
            "feedback.answered" => {
                if let Some(f) = self.feedback.get_mut(&id) {
                    f.answer = Some((e.seq, text(&data(), "sha256")));
                }
            }
            "report.frozen" => {
                self.reports.insert(id, (e.seq, text(&data(), "sha256")));
            }
            "consultation.report_frozen" => {
                let entry = (e.seq, text(&data(), "sha256"), None);
                self.consultation_reports.insert(id, entry);
            }
            "consultation.report_pdf_frozen" => {
                if let Some(r) = self.consultation_reports.get_mut(&id) {
                    r.2 = Some((e.seq, text(&data(), "sha256")));
                }
            }
            _ => {}
        }
    }
}

/// The mismatches found so far, at most [`MOST`] kept.
struct Found {
    list: Vec<Mismatch>,
    count: usize,
}

impl Found {
    fn add(&mut self, table: &str, row: &str, seq: Option<i64>, problem: String) {
        self.count += 1;
        if self.list.len() < MOST {
            self.list.push(Mismatch {
                table: table.into(),
                row: row.into(),
                seq,
                problem,
            });
        }
    }

    fn missing(&mut self, table: &str, row: &str) {
        self.add(table, row, None, "no audit entry records this row".into());
    }

    fn differs(&mut self, table: &str, row: &str, seq: i64, what: &str, now: &str, said: &str) {
        self.add(
            table,
            row,
            Some(seq),
            format!("{what} is «{now}», but entry {seq} says «{said}»"),
        );
    }

    fn altered(&mut self, table: &str, row: &str, seq: i64, what: &str) {
        self.add(
            table,
            row,
            Some(seq),
            format!("{what} no longer matches the SHA-256 entry {seq} records"),
        );
    }
}

/// Holds the tables to the first `entries` entries of the chain; the mismatches (at most 100)
/// and how many there were.
pub fn check(conn: &mut DbConnection, entries: i64) -> diesel::QueryResult<(Vec<Mismatch>, usize)> {
    let mut expected = Expected::default();
    let mut after = 0;
    while after < entries {
        let page = audit::page(conn, &audit::Filter::default(), after, 10_000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for e in page.iter().filter(|e| e.seq <= entries) {
            expected.learn(e);
        }
    }
    let mut found = Found {
        list: Vec::new(),
        count: 0,
    };
    check_comments(conn, &expected, &mut found)?;
    check_others(conn, &expected, &mut found)?;
    Ok((found.list, found.count))
}

fn check_comments(
    conn: &mut DbConnection,
    expected: &Expected,
    found: &mut Found,
) -> diesel::QueryResult<()> {
    let mut after = String::new();
    loop {
        let page = rows::comments_after(conn, &after, 10_000)?;
        let Some(last) = page.last() else { break };
        after = last.0.clone();
        for (id, _, status, name, organization, email) in &page {
            let Some((seq, said, _, sender)) = expected.comments.get(id) else {
                found.missing("comments", id);
                continue;
            };
            if status != said {
                found.differs("comments", id, *seq, "status", status, said);
            }
            let now = sender_sha256(name.as_deref(), organization.as_deref(), email.as_deref());
            if let Some((at, _)) = sender.as_ref().filter(|(_, s)| *s != now) {
                found.altered(
                    "comments",
                    id,
                    *at,
                    "the sender's name, organisation or e-mail",
                );
            }
        }
    }
    for (consultation, group, body) in rows::responses(conn)? {
        let row = format!("{consultation}/{group}");
        match expected.answers.get(&(consultation, group)) {
            None => found.missing("comment_responses", &row),
            Some((seq, said)) if *said != sha(body.as_bytes()) => {
                found.altered("comment_responses", &row, *seq, "the answer")
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn check_others(
    conn: &mut DbConnection,
    expected: &Expected,
    found: &mut Found,
) -> diesel::QueryResult<()> {
    for (id, roles, active) in rows::users(conn)? {
        match expected.users.get(&id) {
            None => found.missing("users", &id),
            Some((seq, said, was_active)) => {
                if roles != *said {
                    found.differs("users", &id, *seq, "roles", &roles, said);
                }
                if active != *was_active {
                    let (now, said) = (active.to_string(), was_active.to_string());
                    found.differs("users", &id, *seq, "active", &now, &said);
                }
            }
        }
    }
    for (id, code, name, state) in rows::procedures(conn)? {
        let Some(known) = expected.procedures.get(&id) else {
            found.missing("procedures", &id);
            continue;
        };
        for (field, now) in [("code", &code), ("name", &name), ("state", &state)] {
            if let Some((seq, said)) = known.get(field) {
                if now != said {
                    found.differs("procedures", &id, *seq, field, now, said);
                }
            }
        }
    }
    for id in rows::document_ids(conn)? {
        match expected.documents.get(&id) {
            None => found.missing("documents", &id),
            Some((seq, said)) => {
                if *said != sha(&rows::document_content(conn, &id)?) {
                    found.altered("documents", &id, *seq, "the document's bytes");
                }
            }
        }
    }
    for (id, body, status, answer) in rows::feedback(conn)? {
        let Some(f) = expected.feedback.get(&id) else {
            found.missing("feedback", &id);
            continue;
        };
        if f.text.1 != sha(body.as_bytes()) {
            found.altered("feedback", &id, f.text.0, "the opinion's text");
        }
        if status != f.status.1 {
            found.differs("feedback", &id, f.status.0, "status", &status, &f.status.1);
        }
        match (&answer, &f.answer) {
            (Some(a), Some((seq, said))) if *said != sha(a.as_bytes()) => {
                found.altered("feedback", &id, *seq, "the answer")
            }
            (Some(_), None) => found.add(
                "feedback",
                &id,
                None,
                "has an answer that no audit entry records".into(),
            ),
            _ => {}
        }
    }
    for (period, body) in rows::frozen_reports(conn)? {
        match expected.reports.get(&period) {
            None => found.missing("frozen_reports", &period),
            Some((seq, said)) if *said != sha(body.as_bytes()) => {
                found.altered("frozen_reports", &period, *seq, "the frozen report")
            }
            Some(_) => {}
        }
    }
    for (id, body, pdf) in rows::consultation_reports(conn)? {
        let Some((seq, said, drawn)) = expected.consultation_reports.get(&id) else {
            found.missing("consultation_reports", &id);
            continue;
        };
        if *said != sha(body.as_bytes()) {
            found.altered("consultation_reports", &id, *seq, "the frozen report");
        }
        match (pdf, drawn) {
            (Some(pdf), Some((seq, said))) if *said != sha(&pdf) => {
                found.altered("consultation_reports", &id, *seq, "the frozen PDF")
            }
            (Some(_), None) => found.add(
                "consultation_reports",
                &id,
                Some(*seq),
                "has a PDF that no audit entry records".into(),
            ),
            _ => {}
        }
    }
    Ok(())
}
