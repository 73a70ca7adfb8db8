use super::*;

#[test]
fn long_text_wraps_within_the_width_and_keeps_every_word() {
    let text = "Constancia de no tener antecedentes penales emitida por el Organismo Judicial \
                de la República de Guatemala";
    let lines = wrap(text, false, 10.0, 150.0);
    assert!(lines.len() > 2, "{lines:?}");
    assert!(lines.iter().all(|l| advance(false, 10.0, l) <= 150.0));
    assert_eq!(lines.join(" "), text);
}

#[test]
fn a_document_is_a_pdf_with_its_pages_and_is_the_same_each_time() {
    let make = || {
        let mut pdf = Pdf::new("Prueba");
        pdf.title("Informe");
        for i in 0..80 {
            pdf.paragraph(&format!(
                "Párrafo número {i} con acentos: año, región, güisquil."
            ));
        }
        pdf.finish()
    };
    let (a, b) = (make(), make());
    assert!(a.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!(a, b, "the same input gives the same bytes");
}
