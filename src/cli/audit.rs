//! `tramites audit verify`, `tramites audit verify-receipt` and `tramites audit export`.

use std::process::ExitCode;

use crate::audit;
use crate::config::Settings;

use super::open;

/// The audit key, when its file exists (verification never creates one).
pub(crate) fn existing_keys(settings: &Settings) -> anyhow::Result<Option<audit::AuditKeys>> {
    let path = settings.audit_key_file();
    Ok(if path.exists() {
        Some(audit::AuditKeys::load_or_create(&path)?)
    } else {
        None
    })
}

pub(crate) fn progress_bar(total: i64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total.max(0) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// `tramites audit verify`: exit 0 when valid, 1 when not, 3 when seals were required but
/// could not be checked.
pub(crate) fn verify(
    settings: &Settings,
    checkpoint: Option<&std::path::Path>,
    require_seals: bool,
) -> anyhow::Result<ExitCode> {
    let mut conn = open(settings)?;
    let keys = existing_keys(settings)?;
    let report = match checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let cp: audit::Checkpoint = serde_json::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a checkpoint: {e}", path.display()))?;
            crate::usecases::audit::verify_against(&mut conn, keys.as_ref(), &cp)?
        }
        None => {
            let (total, _) = audit::head(&mut conn)?;
            let bar = progress_bar(total, "verificando");
            let report =
                crate::usecases::audit::verify_with_progress(&mut conn, keys.as_ref(), |n| {
                    bar.set_position(n as u64)
                })?;
            bar.finish_and_clear();
            report
        }
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    if let Some(warning) = &report.warning {
        eprintln!("WARNING: {warning}");
    }
    if report.valid && require_seals && !report.sealed {
        eprintln!(
            "audit chain NOT VERIFIED: --require-seals, but there is no audit key file at {}",
            settings.audit_key_file().display()
        );
        return Ok(ExitCode::from(3));
    }
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

pub(crate) fn export(settings: &Settings, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    let mut conn = open(settings)?;
    let (total, _) = audit::head(&mut conn)?;
    let mut out: Box<dyn std::io::Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = progress_bar(total, "exportando");
    let written =
        crate::usecases::audit::export(&mut conn, &mut out, |seq| bar.set_position(seq as u64))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    eprintln!("{written} entries exported");
    Ok(())
}

/// `tramites audit verify-receipt FILE [--text FILE] [--key HEX]`: offline, no settings and
/// no database. Exit 0 when the receipt holds, 1 when a part fails (named), 2 when a file
/// cannot be read.
pub(crate) fn verify_receipt(
    file: &std::path::Path,
    text: Option<&std::path::Path>,
    key: Option<&str>,
) -> ExitCode {
    use crate::audit::receipt::{check, Problem, Receipt};
    use crate::i18n::t;
    let read = |path: &std::path::Path| {
        std::fs::read_to_string(path).map_err(|e| {
            eprintln!("{}: {e}", path.display());
            ExitCode::from(2)
        })
    };
    let receipt = match read(file) {
        Ok(body) => body,
        Err(code) => return code,
    };
    let receipt: Receipt = match serde_json::from_str(&receipt) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "{}: {} ({e})",
                file.display(),
                t("recibo-no-es-comprobante")
            );
            return ExitCode::from(1);
        }
    };
    let text = match text.map(read).transpose() {
        Ok(text) => text,
        Err(code) => return code,
    };
    match check(&receipt, text.as_deref(), key) {
        Ok(()) => {
            println!(
                "{}",
                crate::tr!(
                    "recibo-valido",
                    seq = receipt.seq,
                    tamano = receipt.tree_head.tree_size,
                    fecha = receipt.tree_head.timestamp.as_str(),
                    texto = if text.is_some() { "si" } else { "no" }
                )
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            let key = match problem {
                Problem::TreeHead => "recibo-falla-encabezado",
                Problem::Entry => "recibo-falla-entrada",
                Problem::Inclusion => "recibo-falla-inclusion",
                Problem::TextHash => "recibo-falla-hash-texto",
                Problem::Text => "recibo-falla-texto",
            };
            eprintln!("{}", t(key));
            ExitCode::from(1)
        }
    }
}
