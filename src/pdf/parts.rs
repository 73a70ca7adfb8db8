//! The pieces a document is made of: bars of a chart and columns of a table.

/// One bar of a chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// What it measures.
    pub label: String,
    /// Its value.
    pub value: f64,
    /// A target line, if any.
    pub target: Option<f64>,
    /// Shown beside the bar.
    pub caption: String,
    /// Drawn green (a target reached) rather than blue.
    pub highlight: bool,
}

/// A table column.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// Heading.
    pub title: &'a str,
    /// Share of the text width (the shares of a table add up to 1).
    pub share: f32,
    /// Numbers are right-aligned.
    pub numeric: bool,
}
