//! The pure core: the types of the trade, their rules, the calendar and the workflow engine.
//! Nothing here reads a clock, a file, a database or a request: callers pass `now` and
//! file contents in, so every rule can be tested at any date in microseconds.

/// Declares a closed set of snake_case names with parsing and printing.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a wire name.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted names, for error messages.
            pub fn expected() -> String {
                [$($text),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod access;
pub mod burden;
pub mod calendar;
pub mod campaign;
pub mod campaign_grouping;
pub mod codes;
pub mod comment;
pub mod consultation;
pub mod draft;
pub mod error;
pub mod evaluation;
pub mod feedback;
pub mod file_name;
pub mod fingerprint;
pub mod how_to;
pub mod import;
pub mod indicators;
pub mod login;
pub mod merkle;
pub mod procedure;
pub mod procedure_input;
pub mod proposal;
pub mod public;
pub mod reach;
pub mod report;
pub mod savings;
pub mod search;
pub mod session;
pub mod status;
pub mod text;
pub mod time;
pub mod tracking;
pub mod user;
pub mod workflow;

string_enum! {
    /// What a staff member may do.
    Role {
        /// Manages users.
        Admin => "admin",
        /// Comité de Simplificación: registers and advances procedures, runs consultations.
        Committee => "committee",
        /// Approves transitions.
        Director => "director",
        /// Approves the transitions the workflow reserves to the Minister.
        Minister => "minister",
        /// Reads the audit trail.
        Auditor => "auditor",
    }
}

string_enum! {
    /// Priority services carry the programme's 2024 target of 100 % digital.
    Category {
        /// Priority service.
        Priority => "priority",
        /// General service.
        General => "general",
    }
}

string_enum! {
    /// Who the procedure serves.
    Audience {
        /// Citizens.
        Citizens => "citizens",
        /// Employers.
        Employers => "employers",
        /// Workers.
        Workers => "workers",
        /// Public servants.
        PublicServants => "public_servants",
    }
}

string_enum! {
    /// How the procedure is carried out; `online` counts as digital.
    Channel {
        /// At an office.
        InPerson => "in_person",
        /// Partly online.
        Hybrid => "hybrid",
        /// Fully online.
        Online => "online",
    }
}

/// Roles stored as a sorted comma-separated list.
pub fn roles_to_text(roles: &[Role]) -> String {
    let mut sorted: Vec<Role> = roles.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads roles stored by [`roles_to_text`]; unknown names are dropped.
pub fn roles_from_text(text: &str) -> Vec<Role> {
    text.split(',').filter_map(Role::parse).collect()
}

/// Checks the note of a proposal or a decision: trimmed, at most 2,000 characters, and
/// present when `required` (a rejection says why).
pub fn check_note(text: &str, required: bool) -> Result<String, error::FieldError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(error::FieldError::new("note", "campo-escriba-motivo"));
    }
    if char_len(text) > 2_000 {
        return Err(error::FieldError::with(
            "note",
            error::Problem::new("campo-como-maximo").with("max", 2_000),
        ));
    }
    Ok(text.to_string())
}

/// Counts characters (not bytes) after trimming, for length rules.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_sorted_and_unique() {
        let text = roles_to_text(&[Role::Director, Role::Committee, Role::Director]);
        assert_eq!(text, "committee,director");
        assert_eq!(
            roles_from_text(&text),
            vec![Role::Committee, Role::Director]
        );
        assert_eq!(roles_from_text(""), vec![]);
    }

    #[test]
    fn enums_parse_their_wire_names_only() {
        assert_eq!(Channel::parse("in_person"), Some(Channel::InPerson));
        assert_eq!(Channel::parse("InPerson"), None);
        assert_eq!(Audience::PublicServants.as_str(), "public_servants");
    }
}
