//! A consultation's comment counts, kept as counters changed in the transaction of each
//! change (comment received, moderated, answered).

use std::collections::HashSet;

use diesel::prelude::*;

use super::schema::{comment_groups, comment_responses, comments, consultation_counts};
use super::DbConnection;
use crate::domain::comment::Counts;

/// Changes to add to the counters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Delta {
    /// Comments received.
    pub received: i64,
    /// New distinct texts.
    pub distinct: i64,
    /// Published.
    pub published: i64,
    /// Withheld.
    pub rejected: i64,
    /// Published comments with an answer.
    pub answered: i64,
}

/// Creates the counters of a new consultation.
pub fn create(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<()> {
    diesel::insert_into(consultation_counts::table)
        .values(consultation_counts::consultation_id.eq(consultation_id))
        .execute(conn)
        .map(|_| ())
}

/// Adds `d` to the counters: one statement prepared once per connection
/// ([`super::Prepared`]; diesel re-parses its own updates at every call).
pub fn add(conn: &mut DbConnection, consultation_id: &str, d: Delta) -> QueryResult<()> {
    use super::{bind, Prepared};
    use diesel::sql_types::{BigInt, Text};
    Prepared {
        // A VALUES list's columns are column1, column2, … on both backends.
        head: "UPDATE consultation_counts SET received = received + v.column1, \
               distinct_texts = distinct_texts + v.column2, \
               published = published + v.column3, rejected = rejected + v.column4, \
               answered = answered + v.column5 FROM (VALUES (",
        binds: (
            bind::<BigInt, _>(d.received),
            bind::<BigInt, _>(d.distinct),
            bind::<BigInt, _>(d.published),
            bind::<BigInt, _>(d.rejected),
            bind::<BigInt, _>(d.answered),
            bind::<Text, _>(consultation_id),
        ),
        tail: ")) AS v WHERE consultation_id = v.column6",
    }
    .execute(conn)
    .map(|_| ())
}

/// The counters of a consultation (zeros when it has none).
pub fn get(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Counts> {
    use consultation_counts::dsl as c;
    let row: Option<(i64, i64, i64, i64, i64, i64)> = c::consultation_counts
        .find(consultation_id)
        .select((
            c::received,
            c::distinct_texts,
            c::published,
            c::rejected,
            c::answered,
            c::endorsements,
        ))
        .first(conn)
        .optional()?;
    let (received, distinct, published, rejected, answered, endorsements) = row.unwrap_or_default();
    Ok(Counts {
        received,
        distinct,
        published,
        rejected,
        answered,
        distinct_arguments: distinct,
        largest_campaign: largest_campaign(conn, consultation_id)?,
        endorsements,
        by_channel: super::reach::by_channel(conn, consultation_id, received)?,
    })
}

/// The size of a consultation's largest campaign (group), whatever the number of its
/// comments: one seek at the end of the index of its campaigns of more than one comment
/// (`comment_groups_by_size`, partial since migration 000038 so that a new text's group of one
/// costs the writer nothing there); when no text came twice, 1 if it has a group at all.
pub fn largest_campaign(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<i64> {
    use diesel::dsl::{exists, select, sql};
    use diesel::sql_types::Bool;
    let largest: Option<i64> = comment_groups::table
        .filter(comment_groups::consultation_id.eq(consultation_id))
        // Written out, not bound, so that both backends' planners see the index's own condition.
        .filter(sql::<Bool>("size > 1"))
        .select(comment_groups::size)
        .order(comment_groups::size.desc())
        .first(conn)
        .optional()?;
    if let Some(size) = largest {
        return Ok(size);
    }
    let any: bool = select(exists(
        comment_groups::table
            .filter(comment_groups::consultation_id.eq(consultation_id))
            .filter(comment_groups::size.gt(0)),
    ))
    .get_result(conn)?;
    Ok(i64::from(any))
}

/// Adds endorsements to a consultation's counter.
pub fn add_endorsements(conn: &mut DbConnection, consultation_id: &str, n: i64) -> QueryResult<()> {
    use consultation_counts::dsl as c;
    diesel::update(c::consultation_counts.find(consultation_id))
        .set(c::endorsements.eq(c::endorsements + n))
        .execute(conn)
        .map(|_| ())
}

/// Adds `size` comments and `published` published ones to a group's counts, creating the
/// group when it is new; true when it was new (a distinct text).
pub fn add_to_group(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
    size: i64,
    published: i64,
) -> QueryResult<bool> {
    use comment_groups::dsl as g;
    let updated = diesel::update(g::comment_groups.find((consultation_id, group_key)))
        .set((
            g::size.eq(g::size + size),
            g::published.eq(g::published + published),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(g::comment_groups)
            .values((
                g::consultation_id.eq(consultation_id),
                g::group_key.eq(group_key),
                g::size.eq(size),
                g::published.eq(published),
            ))
            .execute(conn)?;
    }
    Ok(updated == 0)
}

/// Which of these groups of a consultation exist already, and which of them have an answer:
/// one query for a whole batch of comments.
pub fn known_groups(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_keys: &[&str],
) -> QueryResult<(HashSet<String>, HashSet<String>)> {
    let mut existing = HashSet::new();
    let mut answered = HashSet::new();
    for chunk in group_keys.chunks(super::consultations::ROWS_PER_INSERT) {
        // One query for both: only a known group can have an answer.
        let answer = comment_responses::table
            .filter(comment_responses::consultation_id.eq(comment_groups::consultation_id))
            .filter(comment_responses::group_key.eq(comment_groups::group_key));
        let rows: Vec<(String, bool)> = comment_groups::table
            .filter(comment_groups::consultation_id.eq(consultation_id))
            .filter(comment_groups::group_key.eq_any(chunk))
            .select((comment_groups::group_key, diesel::dsl::exists(answer)))
            .load(conn)?;
        for (key, has_answer) in rows {
            if has_answer {
                answered.insert(key.clone());
            }
            existing.insert(key);
        }
    }
    Ok((existing, answered))
}

/// A text group with its counts: a new group, or what a batch adds to a known one.
#[derive(Insertable)]
#[diesel(table_name = comment_groups)]
pub struct NewGroup<'a> {
    /// The consultation.
    pub consultation_id: &'a str,
    /// The group key of its texts.
    pub group_key: &'a str,
    /// Published comments in it.
    pub published: i64,
    /// Comments in it.
    pub size: i64,
}

/// Creates groups with their sizes and published counts (see [`crate::insert_rows`]).
pub fn insert_groups(conn: &mut DbConnection, groups: &[NewGroup<'_>]) -> QueryResult<()> {
    crate::insert_rows!(conn, comment_groups::table, groups)
}

/// A comment batch's groups and counters on PostgreSQL ([`crate::usecases::comment_batch::write`]), as two `WITH` queries
/// (`new_groups AS (INSERT … ON CONFLICT DO UPDATE), counted AS (UPDATE … FROM unnest …)`). Its
/// text never changes (arrays), so it is prepared once per connection with the audit insert
/// after it. `grown` are known groups with the comments and published comments to add: they go
/// through the same insert, whose conflict on the primary key adds to them. (An `UPDATE … FROM
/// unnest(…)` of them kept the generic plan made while the table was small, a hash join over
/// every group of every consultation: 315 µs of PostgreSQL's CPU per distinct comment.)
pub fn batch_writes<'a>(
    groups: &'a [NewGroup<'a>],
    grown: &'a [NewGroup<'a>],
    deltas: &'a [(&'a str, Delta)],
) -> impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a {
    use super::{bind, Prepared, Then};
    use diesel::sql_types::{Array, BigInt, Text};
    let count = |f: fn(&Delta) -> i64| {
        bind::<Array<BigInt>, _>(deltas.iter().map(|(_, d)| f(d)).collect::<Vec<_>>())
    };
    let all = || groups.iter().chain(grown);
    Prepared {
        head: "new_groups AS (INSERT INTO comment_groups (consultation_id, group_key, published, \
               size) SELECT * FROM unnest(",
        binds: Then(
            (
                bind::<Array<Text>, _>(all().map(|g| g.consultation_id).collect::<Vec<_>>()),
                bind::<Array<Text>, _>(all().map(|g| g.group_key).collect::<Vec<_>>()),
                bind::<Array<BigInt>, _>(all().map(|g| g.published).collect::<Vec<_>>()),
                bind::<Array<BigInt>, _>(all().map(|g| g.size).collect::<Vec<_>>()),
            ),
            Prepared {
                head: ") ON CONFLICT (consultation_id, group_key) DO UPDATE \
                       SET published = comment_groups.published + excluded.published, \
                       size = comment_groups.size + excluded.size), \
                       counted AS (UPDATE consultation_counts c \
                       SET received = c.received + v.received, \
                       distinct_texts = c.distinct_texts + v.distinct_texts, \
                       published = c.published + v.published, \
                       rejected = c.rejected + v.rejected, answered = c.answered + v.answered \
                       FROM unnest(",
                binds: (
                    bind::<Array<Text>, _>(deltas.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
                    count(|d| d.received),
                    count(|d| d.distinct),
                    count(|d| d.published),
                    count(|d| d.rejected),
                    count(|d| d.answered),
                ),
                tail: ") AS v (consultation_id, received, distinct_texts, published, rejected, \
                       answered) WHERE c.consultation_id = v.consultation_id)",
            },
        ),
        tail: "",
    }
}

/// Adds comments and published comments to known groups on SQLite: one statement per group,
/// prepared once per connection ([`super::Prepared`]).
pub fn grow_groups(conn: &mut DbConnection, grown: &[NewGroup<'_>]) -> QueryResult<()> {
    use super::{bind, Prepared};
    use diesel::sql_types::{BigInt, Text};
    for g in grown {
        Prepared {
            head: "UPDATE comment_groups SET size = size + v.column1, \
                   published = published + v.column2 FROM (VALUES (",
            binds: (
                bind::<BigInt, _>(g.size),
                bind::<BigInt, _>(g.published),
                bind::<Text, _>(g.consultation_id),
                bind::<Text, _>(g.group_key),
            ),
            tail: ")) AS v WHERE consultation_id = v.column3 AND group_key = v.column4",
        }
        .execute(conn)?;
    }
    Ok(())
}

/// True when the group has an answer.
pub fn group_answered(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        comment_responses::table.find((consultation_id, group_key)),
    ))
    .get_result(conn)
}

/// How many published comments the group holds.
pub fn published_in_group(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<i64> {
    comment_groups::table
        .find((consultation_id, group_key))
        .select(comment_groups::published)
        .first(conn)
        .optional()
        .map(Option::unwrap_or_default)
}

/// The first published comment of a group: where the page shows the group.
pub fn first_published(
    conn: &mut DbConnection,
    consultation_id: &str,
    group_key: &str,
) -> QueryResult<Option<String>> {
    comments::table
        .filter(comments::consultation_id.eq(consultation_id))
        .filter(comments::group_key.eq(group_key))
        .filter(comments::status.eq("published"))
        .order(comments::id.asc())
        .select(comments::id)
        .first(conn)
        .optional()
}

/// Comments awaiting moderation across every consultation (from the counters, not a scan).
pub fn waiting_everywhere(conn: &mut DbConnection) -> QueryResult<i64> {
    let rows: Vec<(i64, i64, i64)> = consultation_counts::table
        .select((
            consultation_counts::received,
            consultation_counts::published,
            consultation_counts::rejected,
        ))
        .load(conn)?;
    Ok(rows.iter().map(|(r, p, x)| r - p - x).sum())
}

/// Groups with published comments and no answer yet: (consultation, group key, published).
pub fn unanswered_groups(
    conn: &mut DbConnection,
    consultation_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(String, String, i64)>> {
    use comment_groups::dsl as g;
    use comment_responses::dsl as r;
    let mut q = g::comment_groups
        .filter(g::published.gt(0))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            r::comment_responses
                .filter(r::consultation_id.eq(g::consultation_id))
                .filter(r::group_key.eq(g::group_key)),
        )))
        .select((g::consultation_id, g::group_key, g::published))
        .limit(limit)
        .into_boxed();
    if let Some(c) = consultation_id {
        q = q.filter(g::consultation_id.eq(c.to_string()));
    }
    q.load(conn)
}

/// How many published comments each group of a consultation holds.
pub fn published_by_group(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<(String, i64)>> {
    comment_groups::table
        .filter(comment_groups::consultation_id.eq(consultation_id))
        .select((comment_groups::group_key, comment_groups::published))
        .load(conn)
}
