//! The parts of a paper form: a new page, and ruled lines to write on by hand.

use super::{Op, Pdf, BOTTOM, MARGIN, MUTED, WIDTH};

impl Pdf {
    /// Starts a new page (unless the current one is still empty).
    pub fn new_page(&mut self) {
        if !self.ops().is_empty() {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// A label and `lines` ruled lines under it, 24 points apart, to write on by hand.
    pub fn writing_lines(&mut self, label: &str, lines: usize) {
        self.room(18.0 + 24.0);
        self.paragraph(label);
        for _ in 0..lines {
            if self.y + 24.0 > BOTTOM {
                self.pages.push(Vec::new());
                self.y = MARGIN;
            }
            self.y += 24.0;
            let y = self.y;
            self.ops().push(Op::Line {
                x1: MARGIN,
                y1: y,
                x2: WIDTH - MARGIN,
                y2: y,
                width: 0.6,
                color: MUTED,
            });
        }
        self.y += 10.0;
    }
}
