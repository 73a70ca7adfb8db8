//! Importing a 5,000-row XLSX inventory in one transaction, then importing its own export
//! (which must report no change). SQLite in a temporary folder by default; PostgreSQL when
//! BENCH_DATABASE_URL names a database (its tables are dropped and created again).
//!
//! `cargo bench --bench import` (release build).

use std::time::Instant;
use tramites::sheets::{read, SheetLimits};

use tramites::audit::{AuditKeys, Context};
use tramites::usecases::import::import;

fn inventory(n: usize) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in tramites::sheets::headers().iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 1..=n {
        let cells = [
            format!("BENCH-{i:05}"),
            format!("Trámite de prueba número {i}"),
            "Solicitud de constancia para trabajadores del sector privado".into(),
            "Dirección General de Trabajo".into(),
            "Código de Trabajo".into(),
            if i % 3 == 0 { "Prioritario" } else { "General" }.into(),
            "Trabajadores".into(),
            "Presencial".into(),
            "Solicitud firmada; *Copia del DPI; Constancia laboral".into(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(i as u32, c as u16, v)?;
        }
        for (c, v) in [
            (9u16, 3.0),
            (10, 2.0),
            (11, 15.0),
            (12, 25.5),
            (13, 1200.0),
            (14, 4.0),
        ] {
            sheet.write_number(i as u32, c, v)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/import.db", dir.path().display()));
    let mut conn = tramites::db::establish(&url)?;
    if url.starts_with("postgres") {
        tramites::db::revert_all(&mut conn)?;
    }
    tramites::db::migrate(&mut conn)?;
    let registry = tramites::startup::workflow_files::load(std::path::Path::new("workflows"))?;
    let keys = AuditKeys::load_or_create(&dir.path().join("audit.key"))?;
    let ctx = Context {
        keys: &keys,
        now: chrono::Utc::now(),
        actor: "cli",
        roles: tramites::domain::Role::ALL,
    };
    let file = inventory(5000)?;
    let started = Instant::now();
    let report = import(
        &mut conn,
        &ctx,
        &registry,
        read(&file, &SheetLimits::default()),
        true,
        |_, _| {},
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let first = started.elapsed();
    anyhow::ensure!(
        report.errors.is_empty() && report.created == 5000,
        "{:?}",
        report.errors
    );
    let fields: Vec<_> = tramites::db::procedures::all_by_code(&mut conn)?
        .iter()
        .map(|p| p.fields())
        .collect();
    let export = tramites::sheets::xlsx_of(&fields).map_err(anyhow::Error::msg)?;
    let started = Instant::now();
    let again = import(
        &mut conn,
        &ctx,
        &registry,
        read(&export, &SheetLimits::default()),
        false,
        |_, _| {},
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let second = started.elapsed();
    println!(
        "{}: 5,000-row XLSX ({} KB) imported in {:.2} s; its export checked in {:.2} s: {} created, {} updated, {} unchanged",
        if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
        file.len() / 1024,
        first.as_secs_f64(),
        second.as_secs_f64(),
        again.created,
        again.updated,
        again.unchanged
    );
    Ok(())
}
