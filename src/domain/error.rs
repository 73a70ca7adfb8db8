//! What went wrong, as data: the core never words a failure itself. A [`Problem`] names a message
//! of the catalog (`locales/es/errores.ftl`) and carries its values; the faces turn it into words
//! (`crate::words`), so a second language is a second catalog, not a second code path.

use std::fmt;

/// A value a problem's message shows: numbers choose the message's plural forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count or a limit.
    Number(i64),
    /// A name, a code, a date already formatted.
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

macro_rules! number_values {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_values!(i32, i64, u32, u64, usize);

impl From<&str> for Value {
    fn from(t: &str) -> Self {
        Value::Text(t.to_string())
    }
}

impl From<String> for Value {
    fn from(t: String) -> Self {
        Value::Text(t)
    }
}

impl From<&String> for Value {
    fn from(t: &String) -> Self {
        Value::Text(t.clone())
    }
}

/// A failure's kind (the key of its message in the catalog) and the values the message shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The catalog key, e.g. `campo-vacio`; stable, so clients may switch on it too.
    pub kind: &'static str,
    /// Named values the message shows, e.g. `max = 200`.
    pub params: Vec<(&'static str, Value)>,
}

impl Problem {
    /// A problem without values.
    pub fn new(kind: &'static str) -> Self {
        Self {
            kind,
            params: vec![],
        }
    }

    /// The same problem with one more value.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    /// The value named `name`, if the problem carries it.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// Shown in logs and on the command line's debug output: the key and its values, never a sentence.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind)?;
        for (name, value) in &self.params {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

/// A field's problem (the issue's `FieldProblem { kind, params }`).
pub type FieldProblem = Problem;

/// One invalid field of an input.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Path of the field, e.g. `requirements[0].name`.
    pub field: String,
    /// What is wrong with it.
    pub problem: FieldProblem,
}

impl FieldError {
    /// A field error of a kind without values.
    pub fn new(field: impl Into<String>, kind: &'static str) -> Self {
        Self {
            field: field.into(),
            problem: Problem::new(kind),
        }
    }

    /// A field error with its problem's values.
    pub fn with(field: impl Into<String>, problem: FieldProblem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }

    /// The same error with one more value for its message.
    pub fn with_param(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.problem = self.problem.with(name, value);
        self
    }
}
