//! `tramites user add|list|set-roles`.

use std::io::BufRead;

use crate::config::Settings;
use crate::domain::user::{CreateUser, PatchUser};
use crate::domain::Role;
use crate::usecases::accounts;
use crate::{audit, db};

use super::commands::UserCommand;
use super::open;

fn parse_roles(names: &[String]) -> anyhow::Result<Vec<Role>> {
    names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            Role::parse(n)
                .ok_or_else(|| anyhow::anyhow!("unknown role `{n}` (known: {})", Role::expected()))
        })
        .collect()
}

/// Runs a `user` subcommand.
pub(crate) fn run(
    command: UserCommand,
    settings: &Settings,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let mut conn = open(settings)?;
    let keys = audit::AuditKeys::load_or_create(&settings.audit_key_file())?;
    let ctx = audit::Context {
        keys: &keys,
        now,
        actor: "cli",
        roles: crate::domain::Role::ALL,
    };
    match command {
        UserCommand::Add {
            username,
            display_name,
            email,
            roles,
            password_stdin,
        } => {
            let roles = parse_roles(&roles)?;
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (crate::auth::password::random_secret(15), true)
            };
            let input = CreateUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                email,
                password: password.clone(),
                roles,
            };
            let row = accounts::create(&mut conn, &ctx, &input).map_err(describe)?;
            println!(
                "created user {} ({}) with roles [{}]",
                row.username, row.id, row.roles
            );
            if generated {
                println!("password: {password}");
            }
        }
        UserCommand::List => {
            let mut after: Option<String> = None;
            println!("{:<24} {:<8} {:<36} roles", "username", "active", "id");
            loop {
                let page = db::users::page(&mut conn, after.as_deref(), 200)?;
                for u in &page {
                    println!(
                        "{:<24} {:<8} {:<36} {}",
                        u.username, u.active, u.id, u.roles
                    );
                }
                match page.last() {
                    Some(last) if page.len() == 200 => after = Some(last.id.clone()),
                    _ => break,
                }
            }
        }
        UserCommand::SetRoles { username, roles } => {
            let roles = parse_roles(&roles)?;
            let user = db::users::find_by_username(&mut conn, &username)?
                .ok_or_else(|| anyhow::anyhow!("no user `{username}`"))?;
            let patch = PatchUser {
                roles: Some(roles),
                ..Default::default()
            };
            let row = accounts::update(&mut conn, &ctx, &user.id, &patch).map_err(describe)?;
            println!("{} now has roles [{}]", row.username, row.roles);
        }
    }
    Ok(())
}

fn describe(e: crate::usecases::AppError) -> anyhow::Error {
    match e {
        crate::usecases::AppError::Validation(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|f| format!("{}: {}", f.field, crate::words::problem(&f.problem)))
                .collect();
            anyhow::anyhow!("invalid input:\n  {}", lines.join("\n  "))
        }
        other => anyhow::anyhow!("{other}"),
    }
}
