//! Keyboard focus is readable everywhere (WCAG 1.4.3 and 2.4.7): every link and button reached
//! with Tab, header included, on a public page and a workspace page, shows its text at 4.5:1 or
//! more against the focus background (the header's white links once stood at 1.6:1 on yellow).

use fantoccini::key::Key;
use fantoccini::Client;

use crate::driver;
use crate::helpers::spawn_app;
use crate::staff::sign_in;

/// The focused element's text and background contrast, from their computed colours (an element
/// with a transparent background is measured against the nearest painted ancestor).
const CONTRAST: &str = r#"
const el = document.activeElement;
const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
let bg = null;
for (let e = el; e; e = e.parentElement) {
  const c = rgb(getComputedStyle(e).backgroundColor);
  if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c; break; }
}
bg = bg || [255, 255, 255];
const fg = rgb(getComputedStyle(el).color);
const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
return [el.tagName + ' ' + (el.textContent || el.value || '').trim().slice(0, 40), (a + 0.05) / (b + 0.05)];
"#;

/// Tabs through the page's first `steps` focusable elements; returns those under 4.5:1.
async fn weak_focus(browser: &Client, steps: usize) -> Vec<String> {
    let mut weak = Vec::new();
    for _ in 0..steps {
        let active = browser.active_element().await.unwrap();
        active.send_keys(&Key::Tab.to_string()).await.unwrap();
        let got = browser.execute(CONTRAST, vec![]).await.unwrap();
        let (what, ratio) = (
            got[0].as_str().unwrap_or_default().to_string(),
            got[1].as_f64().unwrap_or(0.0),
        );
        if what.starts_with("BODY") {
            break;
        }
        if ratio < 4.5 {
            weak.push(format!("{what}: {ratio:.1}:1"));
        }
    }
    weak
}

#[tokio::test]
async fn every_focused_link_and_button_is_readable() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    app.user_with("comite", &["committee"]).await;
    for width in [360, 1280] {
        let browser = driver.browser(width, true).await;
        browser.goto(&app.url("/consultas")).await.unwrap();
        let weak = weak_focus(&browser, 12).await;
        assert!(weak.is_empty(), "public page at {width}: {weak:?}");
        sign_in(&browser, &app, "comite").await;
        let weak = weak_focus(&browser, 12).await;
        assert!(weak.is_empty(), "workspace at {width}: {weak:?}");
        browser.close().await.unwrap();
    }
}
