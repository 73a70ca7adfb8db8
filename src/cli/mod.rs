//! The command line: parsing, and each subcommand's body in its own file.

mod audit;
mod backup;
mod commands;
mod users;

use crate::i18n::t;
use crate::tr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::db;
use crate::startup::Application;
pub use commands::Cli;
use commands::{AuditCommand, CampaignCommand, Command, OutboxCommand, WorkflowCommand};

/// Sends logs to standard error with the settings' filter (`RUST_LOG` overrides), as text
/// or as one JSON object per line (`log_format`).
fn init_logs(filter: &str, format: crate::config::LogFormat) {
    use tracing_subscriber::fmt::format::FmtSpan;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(std::io::stderr);
    let _ = match format {
        crate::config::LogFormat::Json => logs
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
        crate::config::LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
    };
}

/// Opens the database named by the settings and brings it up to date.
pub(crate) fn open(settings: &Settings) -> anyhow::Result<db::DbConnection> {
    let mut conn = db::establish(&settings.database_url)?;
    db::migrate(&mut conn)?;
    Ok(conn)
}

/// Runs the command line: what `main` does.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Workflow {
        command: WorkflowCommand::Check { file },
    } = &cli.command
    {
        return check_workflow(file);
    }
    if let Command::Audit {
        command: AuditCommand::VerifyReceipt { file, text, key },
    } = &cli.command
    {
        return audit::verify_receipt(file, text.as_deref(), key.as_deref());
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tramites: {e}");
            return ExitCode::from(2);
        }
    };
    init_logs(&settings.log, settings.log_format);
    match run(cli.command, settings) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tramites: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `tramites workflow check FILE`.
fn check_workflow(file: &std::path::Path) -> ExitCode {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match crate::domain::workflow::parse::parse(file, &source) {
        Ok(wf) => {
            println!(
                "{}: valid ({} v{}, {} states, {} transitions)",
                file.display(),
                wf.key,
                wf.version,
                wf.states.len(),
                wf.transitions.len()
            );
            ExitCode::SUCCESS
        }
        Err(faults) => {
            eprintln!("{faults}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    let clock = Arc::new(SystemClock::default());
    match command {
        Command::Serve { demo } => {
            if demo {
                load_demo(&settings, clock.now(), true)?;
            }
            serve(settings, clock)?;
        }
        Command::Migrate => {
            let mut conn = db::establish(&settings.database_url)?;
            let applied = db::migrate(&mut conn)?;
            println!("{applied} migration(s) applied; the database is up to date");
        }
        Command::Demo => load_demo(&settings, clock.now(), false)?,
        Command::User { command } => users::run(command, &settings, clock.now())?,
        Command::Audit {
            command:
                AuditCommand::Verify {
                    checkpoint,
                    require_seals,
                },
        } => {
            return audit::verify(&settings, checkpoint.as_deref(), require_seals);
        }
        Command::Audit {
            command: AuditCommand::Export { output },
        } => {
            audit::export(&settings, output.as_deref())?;
        }
        Command::Audit {
            command: AuditCommand::VerifyReceipt { file, text, key },
        } => {
            return Ok(audit::verify_receipt(
                &file,
                text.as_deref(),
                key.as_deref(),
            ))
        }
        Command::Outbox { command } => {
            let mut conn = open(&settings)?;
            match command {
                OutboxCommand::Status => {
                    for status in ["pending", "sent", "failed"] {
                        let rows = crate::notify::by_status(&mut conn, status)?;
                        println!("{status}: {}", rows.len());
                        if status == "failed" {
                            for r in rows {
                                println!(
                                    "  {} to {} ({}): {}",
                                    r.id,
                                    r.to_address,
                                    r.kind,
                                    r.last_error.unwrap_or_default()
                                );
                            }
                        }
                    }
                }
                OutboxCommand::Retry => {
                    let n = crate::notify::retry_failed(&mut conn, clock.now())?;
                    println!("{n} failed message(s) queued again");
                }
            }
        }
        Command::Import { file, commit } => return import(&settings, &file, commit, clock.now()),
        Command::Campaigns {
            command: CampaignCommand::Rebuild { consultation },
        } => campaigns(&settings, &consultation, clock.now())?,
        Command::Backup { file } => backup::take(&settings, &file, clock.now())?,
        Command::Restore { file } => return backup::restore(&settings, &file),
        Command::Workflow { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `tramites import FILE [--commit]`: exit 0 when the file is valid (and applied with
/// `--commit`), 1 when it has faults (nothing written).
fn import(
    settings: &Settings,
    file: &std::path::Path,
    commit: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let registry = crate::startup::workflow_files::load(&settings.workflows_dir)?;
    let mut conn = open(settings)?;
    let keys = crate::audit::AuditKeys::load_or_create(&settings.audit_key_file())?;
    let ctx = crate::audit::Context {
        keys: &keys,
        now,
        actor: "cli",
        roles: crate::domain::Role::ALL,
    };
    let bar = audit::progress_bar(0, "aplicando filas");
    let report = crate::usecases::import::import(
        &mut conn,
        &ctx,
        &registry,
        crate::sheets::read(&bytes, &settings.sheet_limits()),
        commit,
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    if !report.errors.is_empty() {
        for e in &report.errors {
            eprintln!("{}", crate::words::import_fault(e));
        }
        eprintln!("{}", tr!("cli-importar-errores", n = report.errors.len()));
        return Ok(ExitCode::from(1));
    }
    for c in &report.ignored_columns {
        println!("{}", tr!("cli-columna-ignorada", columna = c.as_str()));
    }
    println!(
        "{}",
        tr!(
            "cli-importar-resultado",
            aplicado = if report.applied { "si" } else { "no" },
            nuevos = report.created,
            cambiados = report.updated,
            iguales = report.unchanged
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `tramites campaigns rebuild CONSULTATION`, with a progress bar over the texts.
fn campaigns(
    settings: &Settings,
    consultation: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let mut conn = open(settings)?;
    let keys = crate::audit::AuditKeys::load_or_create(&settings.audit_key_file())?;
    let ctx = crate::audit::Context {
        keys: &keys,
        now,
        actor: "cli",
        roles: crate::domain::Role::ALL,
    };
    let bar = audit::progress_bar(0, &t("cli-agrupando"));
    let done = crate::usecases::campaigns::rebuild(
        &mut conn,
        &ctx,
        consultation.trim(),
        settings.campaign_similarity,
        &mut |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    println!("{}", serde_json::to_string_pretty(&done)?);
    Ok(())
}

/// Shows the generated `admin` password once, on the terminal only: never through the logs.
fn print_admin_password(password: &str) {
    println!("================================================================");
    println!(" {}", t("cli-primer-inicio"));
    println!(" {}", tr!("cli-contrasena", contrasena = password));
    println!(" {}", t("cli-guardela"));
    println!("================================================================");
}

fn serve(settings: Settings, clock: Arc<SystemClock>) -> anyhow::Result<()> {
    crate::server::allocator::return_freed_memory_at_once();
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let app = Application::build(settings, clock).await?;
        if let Some(password) = &app.generated_admin_password {
            print_admin_password(password);
        }
        actix_web::rt::spawn(async {
            actix_web::rt::time::sleep(crate::server::allocator::STARTING).await;
            crate::server::allocator::started();
        });
        app.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Loads the demo data; `first_admin` (for `serve --demo`) creates the first-start admin
/// before it, as `serve` alone would on a new database.
fn load_demo(
    settings: &Settings,
    now: chrono::DateTime<chrono::Utc>,
    first_admin: bool,
) -> anyhow::Result<()> {
    let registry = crate::startup::workflow_files::load(&settings.workflows_dir)?;
    let wf = registry
        .get(crate::domain::workflow::DEFAULT_KEY)
        .ok_or_else(|| anyhow::anyhow!("the default workflow is missing"))?;
    let mut conn = open(settings)?;
    let keys = crate::audit::AuditKeys::load_or_create(&settings.audit_key_file())?;
    // On a new database the first-start admin comes first, with TRAMITES_ADMIN_PASSWORD when
    // set: the demo's users would otherwise make this start look like a later one.
    if first_admin {
        let generated = crate::usecases::accounts::bootstrap_admin(
            &mut conn,
            &keys,
            now,
            settings.admin_password.as_deref(),
        )
        .map_err(|e| anyhow::anyhow!("cannot create the first admin: {e}"))?;
        if let Some(password) = &generated {
            print_admin_password(password);
        }
    }
    let report = crate::usecases::demo::load(&mut conn, &keys, now, &wf)?;
    println!(
        "{}",
        tr!(
            "cli-demo",
            anadidos = report.procedures_added.len(),
            existian = report.procedures_present
        )
    );
    for (username, role, password) in &report.users_added {
        println!(
            "  {}",
            tr!(
                "cli-demo-usuario",
                usuario = format!("{username:<14}"),
                rol = format!("{role:<10}"),
                contrasena = password.as_str()
            )
        );
    }
    if !report.users_present.is_empty() {
        println!(
            "  {}",
            tr!(
                "cli-demo-existentes",
                usuarios = report.users_present.join(", ")
            )
        );
    }
    Ok(())
}
