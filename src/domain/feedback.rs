//! General feedback (programme, line 20): what citizens say about the ministry's services, its
//! open data and the population's labour needs, outside any consultation. It is moderated like
//! comments: nobody sees it before the Committee publishes it.

use serde::Deserialize;

use super::comment::{check as check_comment, CheckedComment, NewComment};
use super::error::FieldError;

string_enum! {
    /// What the feedback is about.
    Topic {
        /// The ministry's services and procedures.
        Services => "services",
        /// The open data the ministry publishes.
        OpenData => "open_data",
        /// The population's labour needs.
        LabourNeeds => "labour_needs",
        /// Anything else.
        Other => "other",
    }
}

/// What a citizen sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFeedback {
    /// The opinion, 1–10,000 characters after trimming.
    pub body: String,
    /// `services`, `open_data`, `labour_needs` or `other`.
    pub topic: String,
    /// Name to show (else "Anónimo"), up to 200 characters.
    #[serde(default)]
    pub author_name: Option<String>,
    /// E-mail for the answer; never shown.
    #[serde(default)]
    pub email: Option<String>,
}

/// Checked feedback, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedFeedback {
    /// The topic.
    pub topic: Topic,
    /// Text, name and e-mail, under the same rules as a comment's.
    pub text: CheckedComment,
}

/// Checks feedback: the comment rules for text, name and e-mail, and a known topic.
pub fn check(input: &NewFeedback) -> Result<CheckedFeedback, Vec<FieldError>> {
    let text = check_comment(&NewComment {
        body: input.body.clone(),
        author_name: input.author_name.clone(),
        email: input.email.clone(),
        organization: None,
        article: None,
        proposed_text: None,
        language: None,
    });
    let topic = Topic::parse(input.topic.trim());
    let mut errors = text.as_ref().err().cloned().unwrap_or_default();
    if topic.is_none() {
        errors.push(FieldError::new("topic", "campo-elija-tema-lista"));
    }
    match (text, topic) {
        (Ok(text), Some(topic)) => Ok(CheckedFeedback { topic, text }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(body: &str, topic: &str) -> NewFeedback {
        NewFeedback {
            body: body.into(),
            topic: topic.into(),
            author_name: None,
            email: Some("no-es-correo".into()),
        }
    }

    #[test]
    fn every_fault_is_reported_at_once() {
        let errors = check(&input("  ", "cualquiera")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["body", "email", "topic"]);
    }

    #[test]
    fn a_good_opinion_is_trimmed_and_keeps_its_topic() {
        let mut i = input(
            "  Publiquen los datos de empleo por municipio. ",
            "open_data",
        );
        i.email = None;
        let ok = check(&i).unwrap();
        assert_eq!(ok.topic, Topic::OpenData);
        assert_eq!(ok.text.body, "Publiquen los datos de empleo por municipio.");
    }
}
