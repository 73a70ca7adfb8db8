use super::*;

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet {
        headers: [
            "Código",
            "Nombre",
            "Unidad responsable",
            "Categoría",
            "público",
            "canal",
            "requisitos",
            "pasos",
            "estado",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
    }
}

#[test]
fn spanish_headers_labels_and_markers_read_into_fields() {
    let file = read(&sheet(&[&[
        "mt-1",
        "Permiso",
        "Unidad",
        "Prioritario",
        "trabajadores",
        "En línea",
        "DPI; *Constancia del IGSS",
        "3",
        "launch",
    ]]))
    .unwrap();
    let f = &file.rows[0].fields;
    assert_eq!(
        (f.code.as_str(), f.category, f.channel),
        ("MT-1", Category::Priority, Channel::Online)
    );
    assert_eq!(f.requirements.len(), 2);
    assert!(f.requirements[1].held_by_state && !f.requirements[0].held_by_state);
    assert_eq!(file.ignored_columns, ["estado"]);
    assert_eq!(
        requirements_to_cell(&f.requirements),
        "DPI; *Constancia del IGSS"
    );
}

#[test]
fn every_fault_is_reported_with_its_row_and_column() {
    let errors = read(&sheet(&[
        &[
            "A-1",
            "Uno",
            "U",
            "General",
            "Trabajadores",
            "Presencial",
            "",
            "3",
            "",
        ],
        &[
            "A-2",
            "",
            "U",
            "General",
            "Trabajadores",
            "Presencial",
            "",
            "tres",
            "",
        ],
        &[
            "A-1",
            "Otro",
            "U",
            "Especial",
            "Trabajadores",
            "Presencial",
            "",
            "1",
            "",
        ],
    ]))
    .unwrap_err();
    let text: Vec<String> = errors
        .iter()
        .map(|e| format!("{} {} {}", e.row, e.column, e.problem.kind))
        .collect();
    assert!(
        text.contains(&"3 pasos importar-entero".to_string()),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.starts_with("3 Nombre ")), "{text:?}");
    assert!(
        text.contains(&"4 Categoría importar-uno-de".to_string()),
        "{text:?}"
    );
}

#[test]
fn a_header_only_file_and_a_missing_column_are_faults_of_the_file() {
    assert_eq!(read(&sheet(&[])).unwrap_err()[0].row, 0);
    let s = Sheet {
        headers: vec!["código".into()],
        rows: vec![],
    };
    let errors = read(&s).unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.column == "nombre" && e.problem.kind == "importar-falta-columna"));
}
