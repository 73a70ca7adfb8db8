//! Chromium through ChromeDriver (Debian's `chromium` and `chromium-driver`), driven by
//! fantoccini; axe-core (npm) checks accessibility. Without Chromium the tests say they were
//! skipped; CI installs both and fails when they did not run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// A running ChromeDriver; stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
    profiles: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Starts ChromeDriver, or says why the browser tests are skipped.
pub fn start() -> Option<Driver> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        // CI installs them: there, a missing browser is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser tests: install chromium and chromium-driver"
        );
        println!("BROWSER TESTS SKIPPED: install chromium and chromium-driver to run them");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver {
        child,
        port,
        profiles: tempfile::tempdir().expect("a profile folder"),
    })
}

impl Driver {
    /// A new headless browser `width` pixels wide, with JavaScript on or off.
    pub async fn browser(&self, width: u32, javascript: bool) -> Client {
        let profile = self.profiles.path().join(uuid::Uuid::new_v4().to_string());
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                // A reader in Guatemala: the pages follow Accept-Language (issue 37).
                "--lang=es-GT",
                format!("--window-size={width},900"),
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        options["prefs"] = json!({"intl.accept_languages": "es-GT,es"});
        if !javascript {
            options["prefs"]["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let caps = json!({"goog:chromeOptions": options});
        let caps = caps.as_object().cloned().unwrap_or_default();
        // Two TLS back ends are compiled in (through different crates): name one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        ClientBuilder::rustls()
            .expect("TLS for the WebDriver client")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

/// axe-core's script: from AXE_PATH, or where `.ci/run` installs it (target/axe). On a fresh
/// clone where `.ci/run` never ran, the suite installs it there itself with npm (once per run);
/// without npm, outside CI, the axe checks are skipped with the reason printed, and in CI a
/// missing axe-core fails the tests.
pub fn axe_source() -> Option<String> {
    static AXE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    AXE.get_or_init(load_axe).clone()
}

fn load_axe() -> Option<String> {
    let prefix = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/axe");
    let given = std::env::var("AXE_PATH").ok().map(PathBuf::from);
    let path = given
        .clone()
        .unwrap_or_else(|| prefix.join("node_modules/axe-core/axe.min.js"));
    if given.is_none() && !path.exists() {
        eprintln!(
            "axe-core is missing: installing it with `npm install --prefix {} axe-core@4`",
            prefix.display()
        );
        let installed = std::process::Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .args(["axe-core@4", "--silent"])
            .status();
        if !installed.as_ref().is_ok_and(|s| s.success()) {
            eprintln!("npm could not install axe-core: {installed:?}");
        }
    }
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "skipping the axe-core checks: {} cannot be read ({e}); install npm, or set AXE_PATH",
                path.display()
            );
            None
        }
        Err(e) => panic!(
            "CI must run the axe-core checks: {} cannot be read ({e})",
            path.display()
        ),
    }
}

/// Runs axe on the page the browser shows; returns the violations (id: help, targets).
pub async fn axe_violations(browser: &Client, axe: &Option<String>) -> Vec<String> {
    let Some(axe) = axe else {
        return Vec::new();
    };
    browser.execute(axe, vec![]).await.expect("axe-core loads");
    let result = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']})
                .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' +
                    JSON.stringify(v.nodes.map(n => n.target)))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(result).unwrap_or_default()
}

/// The check boxes and radio buttons on the page whose label does not sit beside them (to
/// their right, overlapping the box's height) nor around them: a label below its box leaves
/// a reader guessing which box it names. Each as "id: label text".
pub async fn boxes_apart_from_labels(browser: &Client) -> Vec<String> {
    let result = browser
        .execute(
            "return [...document.querySelectorAll('input[type=checkbox],input[type=radio]')]
                .filter(i => i.offsetParent !== null)
                .flatMap(i => {
                    const label = i.labels && i.labels[0];
                    if (!label) return [i.id + ': no label'];
                    const b = i.getBoundingClientRect(), l = label.getBoundingClientRect();
                    const beside = l.left >= b.right && l.top < b.bottom && l.bottom > b.top;
                    const around = l.left <= b.left && l.right >= b.right && l.top <= b.top && l.bottom >= b.bottom;
                    return beside || around ? [] : [i.id + ': ' + label.textContent.trim()];
                });",
            vec![],
        )
        .await
        .expect("the boxes are measured");
    serde_json::from_value(result).unwrap_or_default()
}

/// Saves a screenshot of the whole page under target/screenshots/NAME-WIDTH.png.
pub async fn screenshot(browser: &Client, name: &str, width: u32) {
    let height = browser
        .execute(
            "return Math.ceil(document.documentElement.scrollHeight);",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(900)
        .clamp(400, 8000) as u32;
    let _ = browser.set_window_size(width, height).await;
    let png = browser.screenshot().await.expect("a screenshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshots folder");
    std::fs::write(dir.join(format!("{name}-{width}.png")), png).expect("the screenshot saved");
    let _ = browser.set_window_size(width, 900).await;
}

/// Every key of the Spanish catalog (`locales/es/*.ftl`), read with Fluent's own parser.
pub fn catalog_keys() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/es");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let resource = fluent_syntax::parser::parse(text).expect("the catalog parses");
        for e in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = e {
                keys.push(m.id.name);
            }
        }
    }
    keys
}

/// Words that show an English sentence slipped into a Spanish page.
const ENGLISH: &[&str] = &[
    "the", "and", "must", "is", "with", "this", "not", "found", "please", "invalid", "request",
    "should", "cannot", "your",
];

/// What a person reads on the page (its text and the labels of its controls) that is a
/// catalog key, or an English word on a page in Spanish: nothing. (A page in English is
/// checked for Spanish left on it by the API test `english`.)
pub async fn stray_words(browser: &Client, keys: &[String]) -> Vec<String> {
    let text = browser
        .execute(
            "const parts = [document.title, document.body.innerText];
             for (const e of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
               for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
                 if (e.getAttribute(a)) parts.push(e.getAttribute(a));
               }
             }
             return parts.join('\\n');",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",.;:()«»\"¿?¡!".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Vec<String> = words
        .iter()
        .filter(|w| keys.iter().any(|k| k == *w))
        .map(|w| format!("key {w}"))
        .collect();
    let lang = browser
        .execute("return document.documentElement.lang;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    if lang == "en" {
        return found;
    }
    let lower = text.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if ENGLISH.contains(&word) {
            found.push(format!("English «{word}»"));
        }
    }
    found
}

/// Whether the page scrolls sideways: the document is wider than the window. Names the widest
/// elements that stick out past the right edge, to say what to fix.
pub async fn sideways(browser: &Client) -> Option<String> {
    let got = browser
        .execute(
            r#"const w = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= w) return null;
            const out = [];
            const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              const own = getComputedStyle(e).overflowX !== 'visible';
              const right = own ? r.right : Math.max(r.right, r.left + e.scrollWidth);
              if (right <= w + 0.5 || clipped(e)) continue;
              out.push(e.tagName + (e.className ? '.' + e.className : '') + ' ' + Math.round(right) + 'px «' + (e.textContent || '').trim().slice(0, 30) + '»');
              if (out.length > 5) break;
            }
            return 'document ' + document.documentElement.scrollWidth + 'px in ' + w + 'px: ' + out.join(', ');"#,
            vec![],
        )
        .await
        .ok()?;
    got.as_str().map(str::to_string)
}
