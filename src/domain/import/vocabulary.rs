//! The inventory spreadsheet's vocabulary: the closed values its import accepts and its export
//! writes, in Spanish whatever language the pages speak, so that a file exported today imports
//! tomorrow unchanged. This is a file format, like a JSON field's name, not interface text: the
//! pages name the same values from the catalog (`crate::format::category` and its siblings).

use crate::domain::{Audience, Category, Channel};

impl Category {
    /// The word the inventory spreadsheet uses.
    pub fn label(self) -> &'static str {
        match self {
            Category::Priority => "Prioritario",
            Category::General => "General",
        }
    }
}

impl Channel {
    /// The word the inventory spreadsheet uses.
    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "Presencial",
            Channel::Hybrid => "En parte en línea",
            Channel::Online => "En línea",
        }
    }
}

impl Audience {
    /// The word the inventory spreadsheet uses.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Citizens => "Ciudadanía",
            Audience::Employers => "Empleadores",
            Audience::Workers => "Trabajadores",
            Audience::PublicServants => "Servidores públicos",
        }
    }
}
