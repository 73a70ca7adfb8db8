//! The subcommands and their flags, as `tramites --help` shows them.

use clap::{Parser, Subcommand};

/// Workflow engine for simplifying government procedures (trámites).
///
/// Settings come from config/default.toml, the file named by TRAMITES_CONFIG, then
/// TRAMITES_* environment variables (e.g. TRAMITES_DATABASE_URL, TRAMITES_BIND).
#[derive(Parser)]
#[command(name = "tramites", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// Import the inventory from a CSV or XLSX file: a dry run unless --commit; every fault is
    /// listed as `fila N, columna X: message` and a file with any fault writes nothing.
    Import {
        /// The file (CSV in UTF-8, XLSX or ODS).
        file: std::path::PathBuf,
        /// Apply the changes (in one transaction).
        #[arg(long)]
        commit: bool,
    },
    /// Near-duplicate comment campaigns.
    Campaigns {
        #[command(subcommand)]
        command: CampaignCommand,
    },
    /// Write a consistent backup of the database into FILE (a new file) while the service
    /// runs: the backend's own copy and a manifest (audit chain length and head hash, rows per
    /// table). The audit key file and the settings are not in it: keep them too.
    Backup {
        /// The backup file to create (a ZIP file; it must not exist).
        file: std::path::PathBuf,
    },
    /// Restore a backup into an empty database (refused otherwise), then check it against its
    /// manifest and verify the audit chain: exit 0 when both hold, 1 when not.
    Restore {
        /// A file written by `tramites backup`.
        file: std::path::PathBuf,
    },
    /// Check workflow definition files.
    Workflow {
        #[command(subcommand)]
        command: WorkflowCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum UserCommand {
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
pub(crate) enum AuditCommand {
    /// Verify the hash chain (and each entry's seal when the audit key file is present):
    /// exit 0 when valid, 1 with the first invalid seq when not.
    Verify {
        /// A checkpoint saved earlier from GET /api/v1/audit/checkpoint: also prove the
        /// current chain extends it (detects a rewritten, re-hashed history).
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
        /// Fail (exit 3) when the seals cannot be checked because the audit key file is absent.
        #[arg(long)]
        require_seals: bool,
    },
    /// Check a comment's receipt offline (from the tracking page or
    /// GET /api/v1/comments/by-tracking/CODE/receipt): the tree head's signature, the entry's
    /// hash, the inclusion proof and, with --text, the text. Exit 0 when valid, 1 when not.
    VerifyReceipt {
        /// The receipt (JSON).
        file: std::path::PathBuf,
        /// The text as it was sent (compared without white space at both ends).
        #[arg(long)]
        text: Option<std::path::PathBuf>,
        /// The audit key's public half (hex) as the Ministry publishes it; default: the one
        /// the receipt carries.
        #[arg(long)]
        key: Option<String>,
    },
    /// Write the chain as JSON Lines (one entry per line) for outside auditors.
    Export {
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum OutboxCommand {
    /// Count messages by status and list the failed ones with their last error.
    Status,
    /// Put every failed message back in the queue (attempts reset).
    Retry,
}

#[derive(Subcommand)]
pub(crate) enum WorkflowCommand {
    /// Validate a workflow file: exit 0 when valid, 1 with every fault (file:line: fault).
    Check {
        /// The TOML file.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum CampaignCommand {
    /// Recompute a consultation's campaigns from scratch with the setting campaign_similarity
    /// (audited; the same comments always give the same campaigns).
    Rebuild {
        /// The consultation's id.
        consultation: String,
    },
}
