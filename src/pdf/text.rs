//! Text measured with the embedded fonts' own advances, and broken into lines.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

pub(super) static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// The width of `text` at `size` points.
pub(super) fn advance(bold: bool, size: f32, text: &str) -> f32 {
    static FONTS: OnceLock<(skrifa::FontRef<'static>, skrifa::FontRef<'static>)> = OnceLock::new();
    let (regular, bold_font) = FONTS.get_or_init(|| {
        (
            skrifa::FontRef::new(REGULAR).expect("DejaVu Sans"),
            skrifa::FontRef::new(BOLD).expect("DejaVu Sans Bold"),
        )
    });
    let font = if bold { bold_font } else { regular };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Breaks `text` into lines no wider than `width` (a word longer than a line is cut).
pub(super) fn wrap(text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if advance(bold, size, &candidate) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            while advance(bold, size, &line) > width && line.chars().count() > 1 {
                let mut cut = line.chars().count() - 1;
                while cut > 1
                    && advance(bold, size, &line.chars().take(cut).collect::<String>()) > width
                {
                    cut -= 1;
                }
                let head: String = line.chars().take(cut).collect();
                let tail: String = line.chars().skip(cut).collect();
                lines.push(head);
                line = tail;
            }
        }
        lines.push(line);
    }
    lines
}
