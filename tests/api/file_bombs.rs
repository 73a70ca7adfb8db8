//! Spreadsheets made to take the server's memory: a sheet whose two cells are at A1 and
//! XFD1048576, a table of shared strings and a cell of whitespace that unpack to 150 MB from a
//! few hundred kilobytes, and an ODS whose one cell is repeated across 16,384 columns and
//! 2,000 rows. Each is built here, sent to the real binary's import, and must be refused with
//! 422 naming the limit within 2 s while the server's peak memory stays under 200 MB; a real
//! ODS with LibreOffice's trailing empty rows still imports.

use std::io::Write;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

use crate::binary::{serve, stop, Served};
use crate::helpers::TestDb;

const PASSWORD: &str = "clave-de-bombas-123";

/// The server's peak resident memory (VmHWM), in bytes.
fn peak_rss(served: &Served) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", served.child.id())).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM in /proc/PID/status");
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap();
    kb * 1024
}

async fn committee_token(base: &str) -> String {
    let client = reqwest::Client::new();
    let token = |user: &'static str, password: &'static str| {
        let client = client.clone();
        async move {
            let res: Value = client
                .post(format!("{base}/api/v1/auth/token"))
                .json(&json!({"username": user, "password": password}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            res["access_token"].as_str().unwrap().to_string()
        }
    };
    let admin = token("admin", PASSWORD).await;
    let res = client
        .post(format!("{base}/api/v1/users"))
        .bearer_auth(&admin)
        .json(&json!({"username": "comite", "display_name": "Comité", "email": "comite@mintrabajo.gob.gt",
                      "password": "comite-password-123", "roles": ["committee"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    token("comite", "comite-password-123").await
}

async fn import(base: &str, token: &str, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    let res = reqwest::Client::new()
        .post(format!("{base}/api/v1/procedures/import"))
        .bearer_auth(token)
        .multipart(form)
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A zip of `(name, content)` parts, deflated at the fastest level.
fn zip_of(parts: Vec<(&str, Vec<u8>)>) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        let options = if name == "mimetype" {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .large_file(content.len() > u32::MAX as usize / 2)
        };
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The parts of a small valid XLSX, to swap one of them for a bomb.
fn xlsx_parts() -> Vec<(String, Vec<u8>)> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "código").unwrap();
    sheet.write_string(1, 0, "BOMB-1").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut content).unwrap();
            (f.name().to_string(), content)
        })
        .collect()
}

fn xlsx_with(part: &str, content: Vec<u8>) -> Vec<u8> {
    let mut parts = xlsx_parts();
    let slot = parts
        .iter_mut()
        .find(|(n, _)| n == part)
        .unwrap_or_else(|| panic!("{part} in the template"));
    slot.1 = content;
    zip_of(parts.iter().map(|(n, c)| (n.as_str(), c.clone())).collect())
}

const MB150: usize = 150 * 1024 * 1024;

fn corner_cells() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "código").unwrap();
    sheet.write_string(1_048_575, 16_383, "fin").unwrap();
    book.save_to_buffer().unwrap()
}

fn shared_strings() -> Vec<u8> {
    let item = b"<si><t>a</t></si>";
    let count = MB150 / item.len();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{count}\">"
    )
    .into_bytes();
    xml.reserve(MB150 + 64);
    for _ in 0..count {
        xml.extend_from_slice(item);
    }
    xml.extend_from_slice(b"</sst>");
    xlsx_with("xl/sharedStrings.xml", xml)
}

fn whitespace() -> Vec<u8> {
    let mut xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".to_vec();
    xml.resize(xml.len() + MB150, b' ');
    xml.extend_from_slice(b"</t></is></c></row></sheetData></worksheet>");
    xlsx_with("xl/worksheets/sheet1.xml", xml)
}

const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

fn ods(rows: &str) -> Vec<u8> {
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Trámites">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(vec![
        ("mimetype", ODS_MIME.to_vec()),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.into_bytes()),
    ])
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#)
        })
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

fn repeated_cells() -> Vec<u8> {
    ods(
        r#"<table:table-row table:number-rows-repeated="2000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    )
}

#[tokio::test]
async fn crafted_spreadsheets_are_refused_naming_the_limit_in_bounded_time_and_memory() {
    let db = TestDb::new();
    let served = serve(&db, Some(PASSWORD)).await;
    let base = served.base.clone();
    let token = committee_token(&base).await;
    type Bomb = (&'static str, &'static str, fn() -> Vec<u8>, &'static str);
    let bombs: [Bomb; 4] = [
        (
            "esquinas.xlsx",
            "A1 and XFD1048576",
            corner_cells,
            "import_max_rows",
        ),
        (
            "cadenas.xlsx",
            "150 MB of shared strings",
            shared_strings,
            "import_max_unpacked_bytes",
        ),
        (
            "espacios.xlsx",
            "150 MB of whitespace",
            whitespace,
            "import_max_unpacked_bytes",
        ),
        (
            "repetidas.ods",
            "a cell repeated 16,384 × 2,000 times",
            repeated_cells,
            "import_max_columns",
        ),
    ];
    for (name, what, make, setting) in bombs {
        let bytes = make();
        assert!(
            bytes.len() < 4 * 1024 * 1024,
            "{what}: {} bytes",
            bytes.len()
        );
        let started = Instant::now();
        let (status, report) = import(&base, &token, name, bytes).await;
        let took = started.elapsed();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {report}");
        assert_eq!(report["code"], "import_invalid", "{what}: {report}");
        let message = report["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(setting), "{what}: {message}");
        assert!(
            took < Duration::from_secs(2),
            "{what}: answered in {took:?}"
        );
        let peak = peak_rss(&served);
        eprintln!(
            "file bomb {what}: 422 in {took:?}, server peak RSS {} MB",
            peak >> 20
        );
        assert!(
            peak < 200 * 1024 * 1024,
            "{what}: the server reached {} MB",
            peak >> 20
        );
    }
    // A file of an ordinary size with LibreOffice's trailing empty rows still reads.
    let header = [
        "código",
        "nombre",
        "unidad responsable",
        "categoría",
        "público",
        "canal",
    ];
    let mut rows = ods_row(&header);
    rows.push_str(&ods_row(&[
        "ODS-001",
        "Constancia de salario",
        "Dirección General de Trabajo",
        "General",
        "Trabajadores",
        "Presencial",
    ]));
    rows.push_str(r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
    let (status, report) = import(&base, &token, "inventario.ods", ods(&rows)).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["created"], 1, "{report}");
    stop(served);
}

#[tokio::test]
async fn a_spreadsheet_over_the_row_limit_is_refused_by_the_command_line() {
    let db = TestDb::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "código").unwrap();
    for r in 1..=11u32 {
        sheet.write_string(r, 0, format!("FILA-{r}")).unwrap();
    }
    let path = db.dir().join("once.xlsx");
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let out = crate::binary::tramites(&db)
        .env("TRAMITES_IMPORT_MAX_ROWS", "10")
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("10 filas") && err.contains("import_max_rows"),
        "{err}"
    );
}
