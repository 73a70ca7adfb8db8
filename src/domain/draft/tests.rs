use super::*;

fn kinds(result: Result<Draft, Vec<FieldError>>) -> Vec<(String, String)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| {
            let line = e
                .problem
                .param("linea")
                .map(|v| v.to_string())
                .unwrap_or_default();
            (e.problem.kind.to_string(), line)
        })
        .collect()
}

#[test]
fn numbers_headings_and_markdown_marks_start_articles() {
    let text = "ACUERDO MINISTERIAL\nConsiderando que…\n\n## Artículo 1. Objeto\nEste acuerdo regula el registro.\n\
                Segunda línea.\nARTICULO 2 - Requisitos\nSolo el DPI.\nartículo 3: Vigencia\nRige mañana.\n";
    let d = parse("proposal_text", text).unwrap();
    assert_eq!(d.preamble, "ACUERDO MINISTERIAL\nConsiderando que…");
    let got: Vec<(&str, &str, &str, usize)> = d
        .articles
        .iter()
        .map(|a| {
            (
                a.number.as_str(),
                a.heading.as_str(),
                a.text.as_str(),
                a.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "1",
                "Objeto",
                "Este acuerdo regula el registro.\nSegunda línea.",
                4
            ),
            ("2", "Requisitos", "Solo el DPI.", 7),
            ("3", "Vigencia", "Rige mañana.", 9),
        ]
    );
}

#[test]
fn bis_follows_its_article() {
    let d = parse(
        "proposal_text",
        "Artículo 1\nUno.\nArtículo 1 bis. Añadido\nUno bis.\nArtículo 2\nDos.",
    )
    .unwrap();
    let numbers: Vec<&str> = d.articles.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(numbers, vec!["1", "1 bis", "2"]);
    assert_eq!(d.articles[1].heading, "Añadido");
    assert_eq!(
        kinds(parse(
            "proposal_text",
            "Artículo 1\nArtículo 2\nArtículo 1 bis"
        )),
        vec![("borrador-bis-suelto".into(), "3".into())]
    );
}

#[test]
fn roman_numerals_are_refused_naming_the_line() {
    assert_eq!(
        kinds(parse(
            "proposal_text",
            "Preámbulo\nArtículo I. Objeto\nTexto"
        )),
        vec![("borrador-romano".into(), "2".into())]
    );
}

#[test]
fn a_gap_and_a_repeat_are_faults_not_merges() {
    assert_eq!(
        kinds(parse("final_text", "Artículo 1\nA\nArtículo 3\nC")),
        vec![("borrador-salto".into(), "3".into())]
    );
    let faults = parse(
        "proposal_text",
        "Artículo 1\nA\nArtículo 2\nB\nArtículo 2\nB otra vez",
    )
    .unwrap_err();
    assert_eq!(faults[0].field, "proposal_text");
    assert_eq!(faults[0].problem.kind, "borrador-repetido");
    assert_eq!(
        faults[0].problem.param("primera").map(|v| v.to_string()),
        Some("3".into())
    );
    assert_eq!(
        kinds(parse("proposal_text", "Artículo 2\nEmpieza en dos")),
        vec![("borrador-salto".into(), "1".into())]
    );
}

#[test]
fn a_text_without_articles_is_one_preamble() {
    let d = parse(
        "proposal_text",
        "Se deja de pedir la copia del DPI.\n\nEl artículo 5 del Código no cambia.",
    )
    .unwrap();
    assert!(d.articles.is_empty());
    assert_eq!(
        d.preamble,
        "Se deja de pedir la copia del DPI.\n\nEl artículo 5 del Código no cambia."
    );
    assert_eq!(parse("proposal_text", "").unwrap(), Draft::default());
}

#[test]
fn a_line_that_names_an_article_without_a_number_is_text() {
    let d = parse(
        "proposal_text",
        "Artículo único. Se aprueba.\nArtículos varios",
    )
    .unwrap();
    assert!(d.articles.is_empty());
}

#[test]
fn a_change_reads_as_what_went_out_then_what_came_in() {
    let d = diff_words(
        "Se presentará el contrato firmado y una copia del DPI.",
        "Se presentará el contrato firmado en línea.",
    );
    assert_eq!(
        d,
        [
            Piece::Same("Se presentará el contrato firmado ".into()),
            Piece::Del("y una copia del DPI.".into()),
            Piece::Ins("en línea.".into()),
        ]
    );
    assert_eq!(word_counts(&d), (2, 5));
    assert_eq!(diff_words("igual", "igual"), [Piece::Same("igual".into())]);
    assert_eq!(
        diff_words("uno dos tres", "uno 2 tres"),
        [
            Piece::Same("uno ".into()),
            Piece::Del("dos".into()),
            Piece::Ins("2".into()),
            Piece::Same(" tres".into()),
        ]
    );
}

#[test]
fn the_final_text_is_compared_article_by_article() {
    let consulted = parse("t", "Artículo 1\nuno\nArtículo 2\ndos\nArtículo 3\ntres").unwrap();
    let adopted = parse(
        "t",
        "Artículo 1\nuno\nArtículo 1 bis\nnuevo\nArtículo 2\ndos  cambiado",
    )
    .unwrap();
    let got: Vec<(String, Change)> = compare(&consulted, &adopted)
        .into_iter()
        .map(|c| (c.article.number, c.change))
        .collect();
    assert_eq!(
        got,
        [
            ("1".to_string(), Change::Unchanged),
            ("1 bis".to_string(), Change::Added),
            ("2".to_string(), Change::Changed),
            ("3".to_string(), Change::Removed),
        ]
    );
    assert_eq!(normalize_number(" 7-BIS "), "7 bis");
    assert_eq!(anchor("7 bis"), "articulo-7-bis");
}
