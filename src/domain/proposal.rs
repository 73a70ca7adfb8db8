//! A consultation's proposal, written in Markdown, shown as safe HTML.

/// Renders a proposal's Markdown as HTML that is safe to show: raw HTML in the text is
/// dropped, not passed through, and links keep only http(s), mailto and local targets.
pub fn proposal_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let safe_url = |url: &str| {
        let lower = url.trim().to_lowercase();
        lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
            || lower.starts_with('#')
            || lower.starts_with('/')
    };
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Some(Event::Start(Tag::Link {
            link_type,
            dest_url: "#".into(),
            title,
            id,
        })),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: "#".into(),
            title,
            id,
        })),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_render_without_raw_html_or_script_links() {
        let html = proposal_html("## Propuesta\n\n**En línea** <script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://mintrabajo.gob.gt)\n\n<img src=x onerror=alert(1)>");
        assert!(
            html.contains("<h2>Propuesta</h2>") && html.contains("<strong>En línea</strong>"),
            "{html}"
        );
        assert!(
            !html.contains("<script") && !html.contains("onerror") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://mintrabajo.gob.gt\""),
            "{html}"
        );
    }
}
