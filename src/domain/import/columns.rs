//! The inventory's columns: each field's key (accepted as a header) and its Spanish header,
//! in export order. Where, when and how to do a procedure (`access` in the API) takes five
//! columns, one a part, so that a spreadsheet stays one value a cell.

/// One column: the field's key and its Spanish header.
pub struct Column {
    /// The API's field name (also accepted as a header).
    pub key: &'static str,
    /// The Spanish header, as exported and in the template.
    pub es: &'static str,
    /// True when a file must have it.
    pub required: bool,
}

/// Every column, in export order.
pub const COLUMNS: &[Column] = &[
    Column {
        key: "code",
        es: "código",
        required: true,
    },
    Column {
        key: "name",
        es: "nombre",
        required: true,
    },
    Column {
        key: "description",
        es: "descripción",
        required: false,
    },
    Column {
        key: "responsible_unit",
        es: "unidad responsable",
        required: true,
    },
    Column {
        key: "legal_basis",
        es: "base legal",
        required: false,
    },
    Column {
        key: "category",
        es: "categoría",
        required: true,
    },
    Column {
        key: "audience",
        es: "público",
        required: true,
    },
    Column {
        key: "channel",
        es: "canal",
        required: true,
    },
    Column {
        key: "requirements",
        es: "requisitos",
        required: false,
    },
    Column {
        key: "steps",
        es: "pasos",
        required: false,
    },
    Column {
        key: "in_person_visits",
        es: "visitas presenciales",
        required: false,
    },
    Column {
        key: "resolution_days",
        es: "días para resolver",
        required: false,
    },
    Column {
        key: "fee_gtq",
        es: "costo (GTQ)",
        required: false,
    },
    Column {
        key: "annual_volume",
        es: "trámites al año",
        required: false,
    },
    Column {
        key: "citizen_hours",
        es: "horas por trámite",
        required: false,
    },
    Column {
        key: "regulation_reference",
        es: "referencia de la norma",
        required: false,
    },
    Column {
        key: "online_url",
        es: "dirección en línea",
        required: false,
    },
    Column {
        key: "offices",
        es: "oficinas",
        required: false,
    },
    Column {
        key: "opening_hours",
        es: "horario de atención",
        required: false,
    },
    Column {
        key: "phone",
        es: "teléfono",
        required: false,
    },
    Column {
        key: "whatsapp",
        es: "whatsapp",
        required: false,
    },
];
