//! Citizens following a procedure's consultations by e-mail: double opt-in, one-click leave.

use super::error::AppError;
use super::procedures::find_procedure;
use crate::audit::Context;
use crate::db::subscriptions::{self as store, SubscriptionRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::status::OutboxStatus;

/// Checks an address for a subscription (Spanish message: citizens read it).
pub fn check_address(email: &str) -> Result<String, AppError> {
    // Addresses are compared in lower case: `Ana@x` and `ana@x` are one subscription.
    let email = email.trim().to_lowercase();
    let mut errors = Vec::new();
    crate::domain::user::check_email(&email, &mut errors);
    if errors.is_empty() {
        Ok(email)
    } else {
        Err(AppError::field("email", "campo-no-direccion-correo-valida"))
    }
}

/// Asks to be told when the procedure's consultations open: a confirmation link is e-mailed,
/// nothing else is sent before it is opened. Asking again re-sends the link; an address
/// already confirmed changes nothing.
pub fn subscribe(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure_id: &str,
    email: &str,
) -> Result<(), AppError> {
    let email = check_address(email)?;
    write_tx(conn, |conn| {
        let p = find_procedure(conn, procedure_id)?;
        let row = match store::live(conn, &p.id, &email)? {
            Some(s) if s.confirmed_at.is_some() => return Ok(()),
            Some(s) => {
                // One confirmation link a day: asking again within it sends nothing more.
                let day_before = ctx.now - chrono::Duration::hours(24);
                let statuses = [OutboxStatus::Pending.as_str(), OutboxStatus::Sent.as_str()];
                let kinds = ["subscription_confirm"];
                if crate::notify::recent_to(conn, &email, &kinds, day_before, &statuses)? > 0 {
                    return Ok(());
                }
                s
            }
            None => {
                let row = SubscriptionRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    procedure_id: p.id.clone(),
                    email: email.clone(),
                    token: crate::auth::password::random_secret(24),
                    confirmed_at: None,
                    unsubscribed_at: None,
                    created_at: ctx.now.naive_utc(),
                };
                store::insert(conn, &row)?;
                row
            }
        };
        // A keyed pseudonym links repeated requests of one address without letting anyone
        // confirm a guessed address from the chain or its export.
        let pseudonym = ctx
            .keys
            .pseudonym("subscription-email", &email.to_lowercase());
        let data = serde_json::json!({"procedure_id": p.id, "email_pseudonym": pseudonym});
        ctx.record(
            conn,
            "subscription.requested",
            "subscription",
            &row.id,
            data,
        )?;
        let link = format!(
            "{}/suscripcion/confirmar?token={}",
            crate::notify::public_url(),
            row.token
        );
        let m = crate::notify::messages::confirm_subscription(&email, &p.code, &p.name, &link);
        crate::notify::enqueue(conn, ctx.now, m)?;
        Ok(())
    })
}

/// Confirms (true) or cancels (false) the subscription a link's token names; returns the
/// procedure's id.
pub fn set_by_token(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    token: &str,
    confirming: bool,
) -> Result<String, AppError> {
    write_tx(conn, |conn| {
        let s = store::by_token(conn, token)?
            .ok_or_else(|| AppError::not_found("inexistente-enlace"))?;
        let action = if confirming {
            store::confirm(conn, &s.id, ctx.now.naive_utc())?;
            "subscription.confirmed"
        } else {
            store::cancel(conn, &s.id, ctx.now.naive_utc())?;
            "subscription.cancelled"
        };
        let data = serde_json::json!({"procedure_id": s.procedure_id});
        ctx.record(conn, action, "subscription", &s.id, data)?;
        Ok(s.procedure_id)
    })
}
