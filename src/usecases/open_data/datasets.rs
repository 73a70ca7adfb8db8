//! The files of `/datos`: each with its name, its words (from the catalog) and its media type.

use crate::i18n::{k, t};

/// One dataset of `/datos`.
pub struct Dataset {
    /// File name under `/datos/`.
    pub file: &'static str,
    /// Its title's catalog key (`title()` gives the words).
    pub title: &'static str,
    /// The catalog key of what it holds (`description()` gives the words).
    pub description: &'static str,
    /// Media type.
    pub media_type: &'static str,
}

impl Dataset {
    /// Its title in words.
    pub fn title(&self) -> String {
        t(self.title)
    }

    /// What it holds, in words.
    pub fn description(&self) -> String {
        t(self.description)
    }
}

/// Every file, in the order the page lists them.
pub const DATASETS: &[Dataset] = &[
    Dataset {
        file: "tramites.csv",
        title: k("datos-tramites-csv-titulo"),
        description: k("datos-tramites-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "tramites.xlsx",
        title: k("datos-tramites-xlsx-titulo"),
        description: k("datos-tramites-xlsx-descripcion"),
        media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    Dataset {
        file: "tramites.json",
        title: k("datos-tramites-json-titulo"),
        description: k("datos-tramites-json-descripcion"),
        media_type: "application/json",
    },
    Dataset {
        file: "tramites.jsonld",
        title: k("datos-tramites-jsonld-titulo"),
        description: k("datos-tramites-jsonld-descripcion"),
        media_type: "application/ld+json",
    },
    Dataset {
        file: "consultas.csv",
        title: k("datos-consultas-csv-titulo"),
        description: k("datos-consultas-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "comentarios.csv",
        title: k("datos-comentarios-csv-titulo"),
        description: k("datos-comentarios-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "textos.json",
        title: k("datos-textos-json-titulo"),
        description: k("datos-textos-json-descripcion"),
        media_type: "application/json",
    },
    Dataset {
        file: "historial.csv",
        title: k("datos-historial-csv-titulo"),
        description: k("datos-historial-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "indicadores.csv",
        title: k("datos-indicadores-csv-titulo"),
        description: k("datos-indicadores-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "informes.csv",
        title: k("datos-informes-csv-titulo"),
        description: k("datos-informes-csv-descripcion"),
        media_type: "text/csv",
    },
    Dataset {
        file: "catalogo.jsonld",
        title: k("datos-catalogo-jsonld-titulo"),
        description: k("datos-catalogo-jsonld-descripcion"),
        media_type: "application/ld+json",
    },
];

/// The licence of every dataset.
pub const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";
