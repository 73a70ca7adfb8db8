//! The `tramites` command line.

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use tramites::app::Application;
use tramites::clock::{Clock, SystemClock};
use tramites::config::Settings;
use tramites::domain::user::{CreateUser, PatchUser};
use tramites::domain::Role;
use tramites::{accounts, audit, db, demo, workflow};

/// Workflow engine for simplifying government procedures (trámites).
///
/// Settings come from config/default.toml, the file named by TRAMITES_CONFIG, then
/// TRAMITES_* environment variables (e.g. TRAMITES_DATABASE_URL, TRAMITES_BIND).
#[derive(Parser)]
#[command(name = "tramites", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the HTTP server (API and pages); migrations run first. SIGTERM drains and exits.
    Serve {
        /// Load the demo data (as `tramites demo`) before serving.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load the Ministry's real services and one demo user per role; twice adds nothing.
    Demo,
    /// Check or export the audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Inspect and retry the e-mail outbox.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Check workflow definition files.
    Workflow {
        #[command(subcommand)]
        command: WorkflowCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. The password is read from standard input with --password-stdin,
    /// otherwise generated and printed once.
    Add {
        /// Login name (lower case letters, digits, '.', '_', '-').
        #[arg(long)]
        username: String,
        /// Name shown to others (defaults to the login name).
        #[arg(long)]
        display_name: Option<String>,
        /// E-mail address.
        #[arg(long)]
        email: String,
        /// Roles, comma-separated: admin, committee, director, minister, auditor.
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users and their roles.
    List,
    /// Replace a user's roles (give none to remove every role).
    SetRoles {
        /// Login name.
        username: String,
        /// The new roles.
        roles: Vec<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify the hash chain (and each entry's seal when the audit key file is present):
    /// exit 0 when valid, 1 with the first invalid seq when not.
    Verify {
        /// A checkpoint saved earlier from GET /api/v1/audit/checkpoint: also prove the
        /// current chain extends it (detects a rewritten, re-hashed history).
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
    },
    /// Write the chain as JSON Lines (one entry per line) for outside auditors.
    Export {
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// Count messages by status and list the failed ones with their last error.
    Status,
    /// Put every failed message back in the queue (attempts reset).
    Retry,
}

#[derive(Subcommand)]
enum WorkflowCommand {
    /// Validate a workflow file: exit 0 when valid, 1 with every fault (file:line: fault).
    Check {
        /// The TOML file.
        file: std::path::PathBuf,
    },
}

fn init_logs(filter: &str) {
    use tracing_subscriber::fmt::format::FmtSpan;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

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

fn open(settings: &Settings) -> anyhow::Result<db::DbConnection> {
    let mut conn = db::establish(&settings.database_url)?;
    db::migrate(&mut conn)?;
    Ok(conn)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Workflow {
        command: WorkflowCommand::Check { file },
    } = &cli.command
    {
        return check_workflow(file);
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tramites: {e}");
            return ExitCode::from(2);
        }
    };
    init_logs(&settings.log);
    match run(cli.command, settings) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tramites: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn check_workflow(file: &std::path::Path) -> ExitCode {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match workflow::definition::parse(file, &source) {
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
                load_demo(&settings, clock.now())?;
            }
            serve(settings, clock)?;
        }
        Command::Migrate => {
            let mut conn = db::establish(&settings.database_url)?;
            let applied = db::migrate(&mut conn)?;
            println!("{applied} migration(s) applied; the database is up to date");
        }
        Command::Demo => load_demo(&settings, clock.now())?,
        Command::User { command } => user_command(command, &settings, clock.now())?,
        Command::Audit {
            command: AuditCommand::Verify { checkpoint },
        } => {
            return verify_audit(&settings, checkpoint.as_deref());
        }
        Command::Audit {
            command: AuditCommand::Export { output },
        } => {
            export_audit(&settings, output.as_deref())?;
        }
        Command::Outbox { command } => {
            let mut conn = open(&settings)?;
            match command {
                OutboxCommand::Status => {
                    for status in ["pending", "sent", "failed"] {
                        let rows = tramites::notify::by_status(&mut conn, status)?;
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
                    let n = tramites::notify::retry_failed(&mut conn, clock.now())?;
                    println!("{n} failed message(s) queued again");
                }
            }
        }
        Command::Workflow { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The audit key, when its file exists (verification never creates one).
fn existing_keys(settings: &Settings) -> anyhow::Result<Option<audit::AuditKeys>> {
    let path = settings.audit_key_file();
    Ok(if path.exists() {
        Some(audit::AuditKeys::load_or_create(&path)?)
    } else {
        None
    })
}

fn progress_bar(total: i64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total.max(0) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

fn verify_audit(
    settings: &Settings,
    checkpoint: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let mut conn = open(settings)?;
    let keys = existing_keys(settings)?;
    let report = match checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let cp: audit::Checkpoint = serde_json::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a checkpoint: {e}", path.display()))?;
            audit::verify_against(&mut conn, keys.as_ref(), &cp)?
        }
        None => {
            let (total, _) = audit::head(&mut conn)?;
            let bar = progress_bar(total, "verificando");
            let report = audit::verify_with_progress(&mut conn, keys.as_ref(), |n| {
                bar.set_position(n as u64)
            })?;
            bar.finish_and_clear();
            report
        }
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    if report.valid {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "audit chain INVALID: first invalid seq {}: {}",
        report.first_invalid_seq.unwrap_or(0),
        report.reason.unwrap_or_default()
    );
    Ok(ExitCode::from(1))
}

fn export_audit(settings: &Settings, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    use std::io::Write;
    let mut conn = open(settings)?;
    let (total, _) = audit::head(&mut conn)?;
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = progress_bar(total, "exportando");
    let mut after = 0;
    loop {
        let page = audit::page(&mut conn, &audit::Filter::default(), after, 10_000)?;
        for entry in &page {
            serde_json::to_writer(&mut out, entry)?;
            out.write_all(b"\n")?;
        }
        match page.last() {
            Some(last) => after = last.seq,
            None => break,
        }
        bar.set_position(after as u64);
    }
    out.flush()?;
    bar.finish_and_clear();
    eprintln!("{after} entries exported");
    Ok(())
}

fn serve(settings: Settings, clock: Arc<SystemClock>) -> anyhow::Result<()> {
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let app = Application::build(settings, clock).await?;
        if let Some(password) = &app.generated_admin_password {
            // Printed once, on the terminal only: never through the logs.
            println!("================================================================");
            println!(" Primer inicio: se creó el usuario `admin` / first start: user `admin`");
            println!(" Contraseña / password: {password}");
            println!(" Guárdela ahora; no se volverá a mostrar. Save it now.");
            println!("================================================================");
        }
        app.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn load_demo(settings: &Settings, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    let registry = workflow::Registry::load(&settings.workflows_dir)?;
    let wf = registry
        .get(workflow::definition::DEFAULT_KEY)
        .ok_or_else(|| anyhow::anyhow!("the default workflow is missing"))?;
    let mut conn = open(settings)?;
    let keys = audit::AuditKeys::load_or_create(&settings.audit_key_file())?;
    let report = demo::load(&mut conn, &keys, now, &wf)?;
    println!(
        "Demo: {} trámites añadidos, {} ya existían.",
        report.procedures_added.len(),
        report.procedures_present
    );
    for (username, role, password) in &report.users_added {
        println!("  usuario {username:<14} rol {role:<10} contraseña {password}");
    }
    if !report.users_present.is_empty() {
        println!(
            "  usuarios ya existentes (sin cambios): {}",
            report.users_present.join(", ")
        );
    }
    Ok(())
}

fn user_command(
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
                (tramites::auth::password::random_secret(15), true)
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

fn describe(e: tramites::error::ApiError) -> anyhow::Error {
    match e {
        tramites::error::ApiError::Validation(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect();
            anyhow::anyhow!("invalid input:\n  {}", lines.join("\n  "))
        }
        other => anyhow::anyhow!("{other}"),
    }
}
