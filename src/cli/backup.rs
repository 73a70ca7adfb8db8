//! `tramites backup FILE` and `tramites restore FILE`: the use case's steps with a spinner or a
//! progress bar, and what was done said in Spanish.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::config::Settings;
use crate::i18n::t;
use crate::tr;
use crate::usecases::backup;

fn spinner(what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Writes the backup and says what it holds.
pub(crate) fn take(
    settings: &Settings,
    file: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let bar = spinner(&t("cli-respaldando"));
    let manifest = backup::take(&settings.database_url, file, now);
    bar.finish_and_clear();
    let manifest = manifest?;
    println!(
        "{}",
        tr!(
            "cli-respaldo-escrito",
            archivo = file.display().to_string(),
            entradas = manifest.chain_length,
            cabeza = manifest.head_hash.as_str(),
            comentarios = manifest.tables.get("comments").copied().unwrap_or(0),
            bytes = manifest.payload_bytes
        )
    );
    println!(
        "{}",
        tr!(
            "cli-respaldo-clave",
            clave = settings.audit_key_file().display().to_string()
        )
    );
    Ok(())
}

/// Restores, then says whether the database holds what the manifest says and its chain
/// verifies: exit 0 when both hold, 1 when not.
pub(crate) fn restore(settings: &Settings, file: &Path) -> anyhow::Result<ExitCode> {
    let keys = super::audit::existing_keys(settings)?;
    let manifest = backup::read_manifest(file)?;
    let bar = super::audit::progress_bar(manifest.chain_length, &t("cli-restaurando"));
    let restored = backup::restore(&settings.database_url, file, keys.as_ref(), |n| {
        bar.set_position(n as u64)
    });
    bar.finish_and_clear();
    let restored = restored?;
    for (table, expected, found) in &restored.count_mismatches {
        eprintln!(
            "{}",
            tr!(
                "cli-restaurado-filas",
                tabla = table.as_str(),
                manifiesto = *expected,
                restauradas = *found
            )
        );
    }
    if let Some((length, hash)) = &restored.head_mismatch {
        eprintln!(
            "{}",
            tr!(
                "cli-restaurado-cabeza",
                entradas = *length,
                cabeza = hash.as_str()
            )
        );
    }
    let v = &restored.verification;
    if !v.valid {
        eprintln!(
            "{}",
            tr!(
                "cli-restaurado-invalida",
                seq = v.first_invalid_seq.unwrap_or(0),
                razon = v.reason.clone().unwrap_or_default()
            )
        );
    }
    if !restored.holds() {
        return Ok(ExitCode::from(1));
    }
    println!(
        "{}",
        tr!(
            "cli-restaurado",
            entradas = restored.manifest.chain_length,
            cabeza = restored.manifest.head_hash.as_str(),
            tablas = restored.manifest.tables.len(),
            fecha = restored.manifest.created_at.to_rfc3339()
        )
    );
    if !v.sealed {
        println!("{}", t("cli-restaurado-sin-clave"));
    }
    if restored.migrations_applied > 0 {
        println!(
            "{}",
            tr!("cli-restaurado-migrado", n = restored.migrations_applied)
        );
    }
    Ok(ExitCode::SUCCESS)
}
