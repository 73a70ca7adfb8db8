//! A consultation on paper (issue 37): its draft article by article, how to comment (on the
//! web, on paper at an office, with a tracking code), and a last page with a blank comment
//! form with lines to write on, for offices and community radios to print.

use crate::domain::draft::Draft;
use crate::i18n::t;
use crate::pdf::Pdf;
use crate::tr;

/// What the paper consultation shows.
pub struct Paper<'a> {
    /// The consultation's title.
    pub title: &'a str,
    /// Its summary.
    pub summary: &'a str,
    /// Its draft.
    pub draft: &'a Draft,
    /// "Recibe comentarios desde el … hasta el …".
    pub window: &'a str,
    /// Its page's full address.
    pub address: &'a str,
    /// The offices that take comments on paper (the setting `paper_offices`).
    pub offices: &'a [String],
}

/// The PDF.
pub fn consultation_on_paper(p: &Paper<'_>) -> Vec<u8> {
    let mut pdf = Pdf::new(&tr!("papel-titulo", titulo = p.title));
    pdf.title(&tr!("papel-titulo", titulo = p.title));
    if !p.summary.is_empty() {
        pdf.paragraph(p.summary);
    }
    pdf.paragraph(p.window);
    pdf.heading(&t("papel-como-comentar"));
    pdf.paragraph(&tr!("papel-en-la-web", direccion = p.address));
    pdf.paragraph(&t("papel-en-papel"));
    for office in p.offices {
        pdf.paragraph(&format!("• {office}"));
    }
    pdf.paragraph(&t("papel-seguimiento"));
    pdf.heading(&t("papel-propuesta"));
    if !p.draft.preamble.is_empty() {
        pdf.paragraph(&p.draft.preamble);
    }
    for a in &p.draft.articles {
        pdf.heading(&crate::words::article_title(&a.number, &a.heading));
        for paragraph in a.text.split("\n\n").filter(|x| !x.trim().is_empty()) {
            pdf.paragraph(paragraph.trim());
        }
    }
    pdf.new_page();
    pdf.title(&t("papel-formulario"));
    pdf.paragraph(&tr!("papel-formulario-consulta", titulo = p.title));
    pdf.writing_lines(&t("papel-formulario-nombre"), 1);
    pdf.writing_lines(&t("papel-formulario-contacto"), 1);
    pdf.writing_lines(&t("papel-formulario-articulo"), 1);
    pdf.writing_lines(&t("papel-formulario-comentario"), 14);
    pdf.note(&t("papel-formulario-uso-oficina"));
    pdf.writing_lines(&t("papel-formulario-recibido"), 1);
    pdf.finish()
}
