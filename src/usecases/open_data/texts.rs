//! `textos.json`: each consultation's consulted draft and, once published, its final text,
//! article by article with their SHA-256, so that anyone can check the texts and the redline.

use super::*;
use crate::domain::draft::{compare, Draft};
use sha2::{Digest, Sha256};

fn articles(d: &Draft) -> Vec<Value> {
    d.articles
        .iter()
        .map(|a| json!({"number": a.number, "heading": a.heading, "text": a.text}))
        .collect()
}

/// Every consultation's texts, by article, in the consultations' order.
pub fn texts_json(conn: &mut DbConnection) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    for c in consultation_store::page(conn, None, None, None, i64::MAX)? {
        let consulted = Draft::of_stored(&c.proposal_text);
        let final_text = crate::db::drafts::final_text(conn, &c.id)?.map(|f| {
            let adopted = Draft::of_stored(&f.text);
            let notes: HashMap<String, String> = serde_json::from_str(&f.notes).unwrap_or_default();
            let changes: Vec<Value> = compare(&consulted, &adopted)
                .into_iter()
                .map(|a| {
                    json!({"number": a.article.number, "change": a.change.as_str(),
                           "note": notes.get(&a.article.number)})
                })
                .collect();
            json!({
                "published_at": time(&f.published_at), "sha256": f.sha256,
                "preamble": adopted.preamble, "articles": articles(&adopted), "changes": changes,
            })
        });
        out.push(json!({
            "consultation": c.id,
            "title": c.title,
            "supersedes": c.supersedes,
            "consulted": {
                "sha256": hex::encode(Sha256::digest(c.proposal_text.as_bytes())),
                "preamble": consulted.preamble,
                "articles": articles(&consulted),
            },
            "final": final_text,
        }));
    }
    serde_json::to_vec_pretty(&out).map_err(|e| AppError::Internal(e.to_string()))
}
