//! The comment form as submitted ([`Draft`]) and its checks: each field's
//! limits, control and text-direction characters refused with a message
//! naming the character, line ends made LF, and the body rendered to safe
//! HTML here, before any write lock is taken ([`Valid`]).

use super::super::letters::Letter;
use super::super::sanitize::SafeHtml;
use super::super::threads::stored_redline;
use super::super::{MAX_BODY_CHARS, MAX_NAME_CHARS, MAX_ORGANIZATION_CHARS, MAX_PROPOSED_CHARS};
use crate::db::models::{ClauseRow, CommentKind};
use crate::i18n::{t, t1, t2};

/// The form as submitted.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub proposed_text: String,
}

/// A problem with one field, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone)]
pub struct Valid {
    pub name: String,
    /// Trimmed and in lower case.
    pub email: String,
    pub organization: Option<String>,
    pub kind: CommentKind,
    pub body: String,
    /// The body rendered and sanitised, done here so that storing the
    /// comment (under the write lock) does no rendering.
    pub body_html: SafeHtml,
    pub proposed_text: Option<String>,
    /// The proposed text as a redline against its clause, stored with the
    /// comment so no page diffs it again: set by [`Valid::against`].
    pub proposed_html: Option<String>,
    /// The signed letter sent with it, checked: set by [`Valid::with_letter`].
    pub letter: Option<Letter>,
}

impl Valid {
    /// Send a checked letter with the comment.
    pub fn with_letter(mut self, letter: Option<Letter>) -> Valid {
        self.letter = letter;
        self
    }

    /// Compute the proposed text's redline against `clause` (the clause
    /// commented on), before any write lock is taken. The form's box starts
    /// as the clause's own text, so proposed text that is still the same
    /// (line ends and trailing spaces aside) proposes nothing.
    pub fn against(mut self, clause: Option<&ClauseRow>) -> Valid {
        if let (Some(c), Some(p)) = (clause, self.proposed_text.as_deref()) {
            if same_text(&c.body_md, p) {
                self.proposed_text = None;
            }
        }
        self.proposed_html = stored_redline(clause, self.proposed_text.as_deref());
        self
    }
}

/// Whether two Markdown texts differ only in line ends, trailing spaces
/// and blank lines at either end: a proposal left as the clause's text
/// proposes nothing.
pub fn same_text(a: &str, b: &str) -> bool {
    let lines = |s: &str| -> Vec<String> {
        normalise_newlines(s)
            .trim()
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    lines(a) == lines(b)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// Text as browsers send it from a text area (CR LF line ends) with every
/// line end made a single LF.
fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The first control character that has no place in a multi-line text:
/// U+0000 to U+001F except tab and newline, and U+007F. Such characters
/// break XML (the Atom feed), confuse spreadsheets reading the CSV, and a
/// NUL is refused by PostgreSQL.
pub fn stray_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}')
}

/// The first bidirectional override or isolate control (U+202A to U+202E,
/// U+2066 to U+2069): in a name, one would reverse the rest of the line it
/// is shown on.
pub fn bidi_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// How a character the form refuses is named in a message.
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Check a draft. `proposals` says whether replacement text may be given
/// (comments on a clause; not replies or whole-version comments).
pub fn validate(d: &Draft, proposals: bool) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &'static str, message: String| errors.push(FieldError { field, message });

    let name = d.name.trim();
    if name.is_empty() {
        err("name", t("form-err-name-missing"));
    } else if chars(name) > MAX_NAME_CHARS || has_control(name) {
        err(
            "name",
            t1("form-err-name-long", "max", MAX_NAME_CHARS.to_string()),
        );
    } else if let Some(c) = bidi_control(name) {
        err("name", t1("form-err-name-bidi", "code", code_point(c)));
    }

    let email = d.email.trim().to_lowercase();
    if email.is_empty() {
        err("email", t("form-err-email-missing"));
    } else if !crate::mail::is_valid_address(&email)
        || !email
            .rsplit_once('@')
            .is_some_and(|(_, domain)| domain.contains('.'))
    {
        err("email", t("form-err-email-invalid"));
    }

    let organization = d.organization.trim();
    if chars(organization) > MAX_ORGANIZATION_CHARS || has_control(organization) {
        err(
            "organization",
            t1(
                "form-err-organization-long",
                "max",
                MAX_ORGANIZATION_CHARS.to_string(),
            ),
        );
    } else if let Some(c) = bidi_control(organization) {
        err(
            "organization",
            t1("form-err-organization-bidi", "code", code_point(c)),
        );
    }

    let kind = match d.kind.trim().parse::<CommentKind>() {
        Ok(k) => Some(k),
        Err(_) => {
            err("kind", t("form-err-kind"));
            None
        }
    };

    let body = normalise_newlines(&d.body);
    let body = body.trim();
    let body_len = chars(body);
    if body.is_empty() {
        err("body", t("form-err-body-missing"));
    } else if body_len > MAX_BODY_CHARS {
        err(
            "body",
            t2(
                "form-err-body-long",
                "length",
                body_len.to_string(),
                "max",
                MAX_BODY_CHARS.to_string(),
            ),
        );
    } else if let Some(c) = stray_control(body) {
        err("body", t1("form-err-body-control", "code", code_point(c)));
    }

    let proposed = normalise_newlines(&d.proposed_text);
    let proposed = proposed.trim();
    let proposed_len = chars(proposed);
    if !proposed.is_empty() && !proposals {
        err("proposed_text", t("form-err-proposed-not-here"));
    } else if proposed_len > MAX_PROPOSED_CHARS {
        err(
            "proposed_text",
            t2(
                "form-err-proposed-long",
                "length",
                proposed_len.to_string(),
                "max",
                MAX_PROPOSED_CHARS.to_string(),
            ),
        );
    } else if let Some(c) = stray_control(proposed) {
        err(
            "proposed_text",
            t1("form-err-proposed-control", "code", code_point(c)),
        );
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Valid {
        name: name.to_string(),
        email,
        organization: (!organization.is_empty()).then(|| organization.to_string()),
        kind: kind.unwrap_or(CommentKind::General),
        body: body.to_string(),
        body_html: SafeHtml::from_markdown(body),
        proposed_text: (!proposed.is_empty()).then(|| proposed.to_string()),
        proposed_html: None,
        letter: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            name: "Ana".into(),
            email: " Ana@Example.org ".into(),
            organization: String::new(),
            kind: "technical".into(),
            body: "Text".into(),
            proposed_text: String::new(),
        }
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let v = validate(&draft(), true).unwrap();
        assert_eq!(v.email, "ana@example.org");
        assert_eq!(v.kind, CommentKind::Technical);
        assert_eq!(v.organization, None);
    }

    #[test]
    fn proposed_text_left_as_the_clause_proposes_nothing() {
        let clause = ClauseRow {
            id: 1,
            version_id: 1,
            position: 0,
            clause_key: "k".into(),
            number: "1".into(),
            heading: "H".into(),
            level: 1,
            body_md: "First line.\n\nSecond line.\n".into(),
            html: String::new(),
            parent_key: None,
            line: 1,
        };
        let same = Draft {
            proposed_text: "First line.  \r\n\r\nSecond line.".into(),
            ..draft()
        };
        let v = validate(&same, true).unwrap().against(Some(&clause));
        assert_eq!((v.proposed_text, v.proposed_html), (None, None));
        let edited = Draft {
            proposed_text: "First line.\r\n\r\nA new second line.".into(),
            ..draft()
        };
        let v = validate(&edited, true).unwrap().against(Some(&clause));
        assert!(v.proposed_html.is_some());
    }

    #[test]
    fn each_bad_field_is_named() {
        let d = Draft {
            name: " ".into(),
            email: "not an address".into(),
            kind: "rant".into(),
            body: "x".repeat(MAX_BODY_CHARS + 1),
            proposed_text: "y".into(),
            ..draft()
        };
        let fields: Vec<&str> = validate(&d, false)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "email", "kind", "body", "proposed_text"]);
    }
}
