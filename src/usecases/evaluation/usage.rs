//! A procedure's monthly use by channel: recording it (one month or a CSV of months), reading
//! it, and the online shares by use the indicators show.

use super::*;

/// Records a month's transactions (committee), replacing what the month held; audited as
/// `usage.recorded` with the figures before and after.
pub fn put_usage(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    month: Month,
    usage: Usage,
) -> Result<UsageRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    write_tx(conn, |conn| {
        put_usage_in(conn, ctx, procedure, month, usage)
    })
}

pub(super) fn put_usage_in(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    month: Month,
    usage: Usage,
) -> Result<UsageRow, AppError> {
    let p = find(conn, procedure)?;
    let row = UsageRow {
        procedure_id: p.id.clone(),
        month: month.key(),
        online: usage.online,
        in_person: usage.in_person,
        other: usage.other,
        updated_by: ctx.actor.into(),
        updated_at: ctx.now.naive_utc(),
    };
    let before = store::put_usage(conn, &row)?;
    ctx.record(
        conn,
        "usage.recorded",
        "procedure",
        &p.id,
        serde_json::json!({
            "month": row.month,
            "online": row.online, "in_person": row.in_person, "other": row.other,
            "before": before.map(|b| serde_json::json!({
                "online": b.online, "in_person": b.in_person, "other": b.other})),
        }),
    )?;
    Ok(row)
}

/// Records every month of a usage CSV in one transaction; any fault → 422 naming each row and
/// column, and nothing is written.
pub fn import_usage(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure: &str,
    bytes: &[u8],
) -> Result<Vec<UsageRow>, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    let months = read_usage_csv(bytes).map_err(|errors| {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| {
                    FieldError::with(
                        if e.column.is_empty() {
                            "file".to_string()
                        } else {
                            e.column.clone()
                        },
                        e.problem.with("fila", e.row),
                    )
                })
                .collect(),
        )
    })?;
    write_tx(conn, |conn| {
        months
            .iter()
            .map(|(m, u)| put_usage_in(conn, ctx, procedure, *m, *u))
            .collect()
    })
}

/// A procedure's months, oldest first.
pub fn usage(conn: &mut DbConnection, procedure: &str) -> Result<Vec<UsageRow>, AppError> {
    let p = find(conn, procedure)?;
    Ok(store::usage_of(conn, &p.id)?)
}

pub(super) fn month_of(row: &UsageRow) -> Option<(Month, Usage)> {
    Some((
        Month::parse(&row.month)?,
        Usage {
            online: row.online,
            in_person: row.in_person,
            other: row.other,
        },
    ))
}

/// For each category, the share of transactions done online over the last twelve months with
/// data.
pub fn shares_by_use(conn: &mut DbConnection) -> Result<Vec<UseShare>, AppError> {
    let categories: HashMap<String, Option<Category>> = procedures::all_by_code(conn)?
        .into_iter()
        .map(|p| (p.id, Category::parse(&p.category)))
        .collect();
    let mut by_procedure: HashMap<String, ProcedureUsage> = HashMap::new();
    for row in store::all_usage(conn)? {
        let Some(m) = month_of(&row) else { continue };
        by_procedure
            .entry(row.procedure_id.clone())
            .or_insert_with(|| ProcedureUsage {
                category: categories.get(&row.procedure_id).copied().flatten(),
                months: Vec::new(),
            })
            .months
            .push(m);
    }
    Ok(use_shares(&by_procedure.into_values().collect::<Vec<_>>()))
}
