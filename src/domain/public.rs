//! What the public may see of a citizen's text (a comment, an opinion): one rule for every
//! page, the API and the open data. A withheld text shows no words, only when and why; a
//! text without a name is signed "Anónimo"; the Committee's answer shows once the text is
//! published. Staff see everything.

use super::status::CommentStatus;

/// The signature of a text sent without a name.
pub const ANONYMOUS: &str = "Anónimo";

/// A citizen's text as stored, as far as the rule needs.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    /// Its moderation status (`received`, `published`, `rejected`).
    pub status: &'a str,
    /// The name given, if any.
    pub author_name: Option<&'a str>,
}

/// What may be shown of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The name, or [`ANONYMOUS`].
    pub author: String,
    /// Its status in public words: `withheld` for a rejected text.
    pub status: &'static str,
    /// Whether its words may be shown.
    pub words: bool,
    /// Whether it was withheld (then its date and reason are shown instead).
    pub withheld: bool,
    /// Whether the Committee's answer to it may be shown.
    pub answer: bool,
}

/// The public's view of a stored text (`staff`: the workspace's or the API's staff, who see
/// everything).
pub fn shown(text: Stored<'_>, staff: bool) -> Shown {
    let status = CommentStatus::parse(text.status);
    let withheld = status == Some(CommentStatus::Rejected);
    Shown {
        author: text.author_name.unwrap_or(ANONYMOUS).to_string(),
        status: match status {
            Some(CommentStatus::Rejected) => "withheld",
            Some(s) => s.as_str(),
            None => "received",
        },
        words: !withheld || staff,
        withheld,
        answer: status == Some(CommentStatus::Published) || staff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withheld_texts_lose_their_words_and_nameless_ones_are_anonymous() {
        let rejected = Stored {
            status: "rejected",
            author_name: None,
        };
        let public = shown(rejected, false);
        assert_eq!(
            (
                public.author.as_str(),
                public.status,
                public.words,
                public.answer
            ),
            (ANONYMOUS, "withheld", false, false)
        );
        assert!(shown(rejected, true).words, "staff see the words");
        let published = shown(
            Stored {
                status: "published",
                author_name: Some("Ana"),
            },
            false,
        );
        assert_eq!(
            (published.author.as_str(), published.words, published.answer),
            ("Ana", true, true)
        );
        assert!(
            !shown(
                Stored {
                    status: "received",
                    author_name: None
                },
                false
            )
            .answer
        );
    }
}
