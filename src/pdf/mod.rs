//! PDF documents made in the process (no browser, no office suite): a small flowing layout of
//! headings, paragraphs, tables and bar charts on A4 pages, drawn with `krilla`, which embeds
//! the subset of the DejaVu Sans fonts used (their licence is beside them in `fonts/`).
//!
//! Layout first places every piece on its page as plain drawing operations; rendering then
//! writes them, so page numbers ("página 2 de 5") are known when the footers are drawn. The
//! same input gives the same bytes: nothing here reads the clock.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

mod form;
mod parts;
pub use parts::*;

pub mod reports;
mod text;

use text::{advance, wrap, BOLD, REGULAR};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = HEIGHT - 60.0;
const TEXT: (u8, u8, u8) = (27, 27, 27);
const MUTED: (u8, u8, u8) = (80, 90, 95);
const BLUE: (u8, u8, u8) = (11, 79, 138);
const GREEN: (u8, u8, u8) = (0, 112, 60);
const LIGHT: (u8, u8, u8) = (243, 242, 241);

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: (u8, u8, u8),
    },
}

/// A document being laid out.
pub struct Pdf {
    title: String,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pdf {
    /// A new document; `title` goes in its metadata and every page's footer.
    pub fn new(title: &str) -> Self {
        Pdf {
            title: title.to_string(),
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn text_lines(&mut self, text: &str, size: f32, bold: bool, color: (u8, u8, u8)) {
        let leading = size * 1.4;
        for line in wrap(text, bold, size, WIDTH - 2.0 * MARGIN) {
            self.room(leading);
            self.y += leading;
            let y = self.y - size * 0.3;
            self.ops().push(Op::Text {
                x: MARGIN,
                y,
                size,
                bold,
                color,
                text: line,
            });
        }
    }

    /// The document's title (once, at the top).
    pub fn title(&mut self, text: &str) {
        self.text_lines(text, 18.0, true, TEXT);
        self.y += 6.0;
    }

    /// A section heading (kept with at least three lines after it).
    pub fn heading(&mut self, text: &str) {
        self.room(70.0);
        self.y += 10.0;
        self.text_lines(text, 13.0, true, BLUE);
        self.y += 2.0;
    }

    /// A paragraph.
    pub fn paragraph(&mut self, text: &str) {
        self.text_lines(text, 10.0, false, TEXT);
        self.y += 4.0;
    }

    /// A line of small grey print.
    pub fn note(&mut self, text: &str) {
        self.text_lines(text, 8.5, false, MUTED);
        self.y += 3.0;
    }

    /// A table; a row that does not fit goes to the next page with the headings again.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) {
        const SIZE: f32 = 8.5;
        const PAD: f32 = 3.0;
        let full = WIDTH - 2.0 * MARGIN;
        let widths: Vec<f32> = columns.iter().map(|c| c.share * full).collect();
        let heads: Vec<String> = columns.iter().map(|c| c.title.to_string()).collect();
        let draw_row = |pdf: &mut Pdf, cells: &[String], bold: bool, shade: bool| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(c, bold, SIZE, w - 2.0 * PAD))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * SIZE * 1.3 + 2.0 * PAD;
            let top = pdf.y;
            if shade {
                pdf.ops().push(Op::Rect {
                    x: MARGIN,
                    y: top,
                    w: full,
                    h: height,
                    color: LIGHT,
                });
            }
            let mut x = MARGIN;
            for ((cell, w), col) in wrapped.iter().zip(&widths).zip(columns) {
                for (i, line) in cell.iter().enumerate() {
                    let tw = advance(bold, SIZE, line);
                    let tx = if col.numeric {
                        x + w - PAD - tw
                    } else {
                        x + PAD
                    };
                    pdf.ops().push(Op::Text {
                        x: tx,
                        y: top + PAD + (i as f32 + 1.0) * SIZE * 1.3 - SIZE * 0.3,
                        size: SIZE,
                        bold,
                        color: TEXT,
                        text: line.clone(),
                    });
                }
                x += w;
            }
            let bottom = top + height;
            pdf.y = bottom;
            pdf.ops().push(Op::Line {
                x1: MARGIN,
                y1: bottom,
                x2: MARGIN + full,
                y2: bottom,
                width: if bold { 1.0 } else { 0.4 },
                color: MUTED,
            });
            height
        };
        self.room((SIZE * 1.3 * 2.0 + 2.0 * PAD) * 2.0);
        draw_row(self, &heads, true, false);
        for (i, row) in rows.iter().enumerate() {
            let lines = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(c, false, SIZE, w - 2.0 * PAD).len())
                .max()
                .unwrap_or(1);
            let need = lines as f32 * SIZE * 1.3 + 2.0 * PAD;
            if self.y + need > BOTTOM {
                self.room(BOTTOM);
                draw_row(self, &heads, true, false);
            }
            draw_row(self, row, false, i % 2 == 1);
        }
        self.y += 8.0;
    }

    /// A horizontal bar chart; `max` is the value of a full bar.
    pub fn bars(&mut self, bars: &[Bar], max: f64) {
        let full = WIDTH - 2.0 * MARGIN;
        let label_w = full * 0.42;
        let chart_w = full * 0.40;
        let x0 = MARGIN + label_w;
        for b in bars {
            let label = wrap(&b.label, false, 8.5, label_w - 6.0);
            let height = (label.len() as f32 * 11.0).max(16.0) + 6.0;
            self.room(height);
            let top = self.y;
            for (i, l) in label.iter().enumerate() {
                self.ops().push(Op::Text {
                    x: MARGIN,
                    y: top + 10.0 + i as f32 * 11.0,
                    size: 8.5,
                    bold: false,
                    color: TEXT,
                    text: l.clone(),
                });
            }
            let scale = |v: f64| {
                if max <= 0.0 {
                    0.0
                } else {
                    (v / max).clamp(0.0, 1.0) as f32 * chart_w
                }
            };
            self.ops().push(Op::Rect {
                x: x0,
                y: top + 2.0,
                w: chart_w,
                h: 12.0,
                color: LIGHT,
            });
            let w = scale(b.value);
            if w > 0.0 {
                self.ops().push(Op::Rect {
                    x: x0,
                    y: top + 2.0,
                    w,
                    h: 12.0,
                    color: if b.highlight { GREEN } else { BLUE },
                });
            }
            if let Some(t) = b.target {
                let tx = x0 + scale(t);
                self.ops().push(Op::Line {
                    x1: tx,
                    y1: top,
                    x2: tx,
                    y2: top + 16.0,
                    width: 2.0,
                    color: TEXT,
                });
            }
            self.ops().push(Op::Text {
                x: x0 + chart_w + 6.0,
                y: top + 11.0,
                size: 8.5,
                bold: true,
                color: TEXT,
                text: b.caption.clone(),
            });
            self.y = top + height;
        }
        self.y += 6.0;
    }

    /// The finished PDF (PDF 1.7, language `es`, fonts embedded as subsets).
    pub fn finish(self) -> Vec<u8> {
        let regular = Font::new(REGULAR.into(), 0).expect("DejaVu Sans");
        let bold = Font::new(BOLD.into(), 0).expect("DejaVu Sans Bold");
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(self.title.clone())
                .language("es".into())
                .creator("tramites".into()),
        );
        let count = self.pages.len();
        for (n, mut ops) in self.pages.into_iter().enumerate() {
            let footer = crate::tr!(
                "pdf-pie-pagina",
                titulo = self.title.as_str(),
                pagina = n + 1,
                paginas = count
            );
            let footer = wrap(&footer, false, 7.5, WIDTH - 2.0 * MARGIN)
                .into_iter()
                .next()
                .unwrap_or_default();
            ops.push(Op::Text {
                x: MARGIN,
                y: HEIGHT - 30.0,
                size: 7.5,
                bold: false,
                color: MUTED,
                text: footer,
            });
            let settings = PageSettings::from_wh(WIDTH, HEIGHT).expect("A4");
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: b,
                        color,
                        text,
                    } => {
                        surface.set_fill(Some(fill(color)));
                        surface.set_stroke(None);
                        let font = if b { bold.clone() } else { regular.clone() };
                        surface.draw_text(
                            Point::from_xy(x, y),
                            font,
                            size,
                            &text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Op::Rect { x, y, w, h, color } => {
                        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                            let mut pb = PathBuilder::new();
                            pb.push_rect(rect);
                            if let Some(path) = pb.finish() {
                                surface.set_fill(Some(fill(color)));
                                surface.set_stroke(None);
                                surface.draw_path(&path);
                            }
                        }
                    }
                    Op::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        color,
                    } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(x1, y1);
                        pb.line_to(x2, y2);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                                width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document.finish().unwrap_or_default()
    }
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

#[cfg(test)]
mod tests;
