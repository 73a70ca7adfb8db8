//! A consultation's campaigns as the API and the pages list them: largest first.

use std::collections::BTreeMap;

use crate::db::campaign_reads as reads;
use crate::db::DbConnection;
use crate::domain::status::CommentStatus;

/// One campaign of a consultation.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Its group key.
    pub group_key: String,
    /// Its id: its first comment's id.
    pub id: String,
    /// Members in all.
    pub size: i64,
    /// Published members.
    pub published: i64,
    /// Members awaiting moderation.
    pub waiting: i64,
    /// The first published member.
    pub first_published: Option<String>,
    /// Signatures added to its members.
    pub endorsements: i64,
}

impl Summary {
    /// `received` while any member awaits moderation, else `published` when any is, else
    /// `rejected`.
    pub fn status(&self) -> &'static str {
        if self.waiting > 0 {
            CommentStatus::Received.as_str()
        } else if self.published > 0 {
            CommentStatus::Published.as_str()
        } else {
            CommentStatus::Rejected.as_str()
        }
    }
}

/// Every campaign of a consultation, largest first (then oldest): for the public
/// (`staff` false) only those with a published member, sized by their published members.
pub fn summaries(
    conn: &mut DbConnection,
    consultation_id: &str,
    staff: bool,
) -> diesel::QueryResult<Vec<Summary>> {
    if !staff {
        return published(conn, consultation_id);
    }
    let mut by_key: BTreeMap<String, Summary> = BTreeMap::new();
    for (key, status, n, first) in reads::by_status(conn, consultation_id)? {
        let s = by_key.entry(key.clone()).or_default();
        s.group_key = key;
        s.size += n;
        if let Some(first) = first {
            if s.id.is_empty() || first < s.id {
                s.id = first.clone();
            }
            if status == CommentStatus::Published.as_str() {
                s.published += n;
                s.first_published = Some(first);
            }
        }
        if status == CommentStatus::Received.as_str() {
            s.waiting += n;
        }
    }
    add_endorsements(conn, consultation_id, &mut by_key)?;
    Ok(largest_first(by_key.into_values().collect()))
}

/// The campaigns the public sees: those with a published member, sized by their published
/// members. Read from the groups' own counters (only the groups with published comments, in
/// their partial index) and two seeks per such group, so it costs the same whatever the
/// number of comments waiting (issue 39); staff need every status, counted in [`summaries`].
fn published(conn: &mut DbConnection, consultation_id: &str) -> diesel::QueryResult<Vec<Summary>> {
    let groups = reads::published_groups(conn, consultation_id)?;
    let keys: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
    let ids = reads::campaign_ids(conn, consultation_id, &keys)?;
    let published = CommentStatus::Published.as_str();
    let shown = reads::firsts(conn, consultation_id, &keys, Some(published))?;
    let mut by_key: BTreeMap<String, Summary> = BTreeMap::new();
    for (key, n) in &groups {
        let (Some(id), Some(first)) = (ids.get(key), shown.get(key)) else {
            continue;
        };
        by_key.insert(
            key.clone(),
            Summary {
                group_key: key.clone(),
                id: id.clone(),
                size: *n,
                published: *n,
                waiting: 0,
                first_published: Some(first.clone()),
                endorsements: 0,
            },
        );
    }
    add_endorsements(conn, consultation_id, &mut by_key)?;
    Ok(largest_first(by_key.into_values().collect()))
}

/// Adds to each campaign the signatures of its members.
fn add_endorsements(
    conn: &mut DbConnection,
    consultation_id: &str,
    by_key: &mut BTreeMap<String, Summary>,
) -> diesel::QueryResult<()> {
    let signed = reads::endorsements_by_comment(conn, consultation_id)?;
    let ids: Vec<&str> = signed.keys().map(String::as_str).collect();
    for (comment, key) in reads::group_keys_of(conn, &ids)? {
        if let Some(s) = by_key.get_mut(&key) {
            s.endorsements += signed.get(&comment).copied().unwrap_or(0);
        }
    }
    Ok(())
}

/// Largest first, then oldest.
fn largest_first(mut all: Vec<Summary>) -> Vec<Summary> {
    all.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.id.cmp(&b.id)));
    all
}

/// The paging key of a campaign in [`summaries`]' order.
pub fn cursor_key(s: &Summary) -> String {
    format!("{:012}-{}", s.size, s.id)
}

/// The campaigns after a paging key.
pub fn after<'a>(all: &'a [Summary], key: Option<&str>) -> &'a [Summary] {
    let Some((size, id)) = key.and_then(|k| k.split_once('-')) else {
        return all;
    };
    let size: i64 = size.parse().unwrap_or(i64::MAX);
    let start = all
        .iter()
        .position(|s| s.size < size || (s.size == size && s.id.as_str() > id))
        .unwrap_or(all.len());
    &all[start..]
}
