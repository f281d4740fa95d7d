//! Signed letters: a PDF a commenter attaches to a comment, for an office
//! that must send its position on letterhead with a signature.
//!
//! The policy a reader must know:
//! - A letter is a PDF by its content, whatever its name or the type the
//!   browser claims: it starts with `%PDF-` at its very first byte (no
//!   leading bytes are tolerated, though some readers allow up to 1024:
//!   a file with a prefix may be something else that also parses as a PDF)
//!   and has an `%%EOF` marker in its last 1024 bytes, where readers look
//!   for it. Anything else, an HTML page named `letter.pdf` included, is
//!   refused and nothing of the comment is stored.
//! - At most [`MAX_LETTER_BYTES`].
//! - It is stored with the comment, in the same transaction, while the
//!   comment waits for its confirmation like any other; its SHA-256 is in
//!   the comment's publication entry in the ledger, and `docket verify`
//!   checks the stored bytes against it.
//! - It is served only while its comment is published (not waiting, hidden
//!   or marked as spam), always as a download.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::models::{Attachment, NewAttachment};
use crate::db::DbConn;
use crate::standard::sha256_hex;

/// The largest letter accepted: 10 MB (10,485,760 bytes).
pub const MAX_LETTER_BYTES: usize = 10 * 1024 * 1024;

/// How far from the end of a PDF its `%%EOF` marker may be.
const EOF_WINDOW: usize = 1024;

/// Most characters kept of a file's name.
const MAX_NAME_CHARS: usize = 100;

/// A letter that passed the checks, ready to store.
#[derive(Clone)]
pub struct Letter {
    /// The name given, reduced to safe characters, ending in `.pdf`.
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Hex SHA-256 of `bytes`.
    pub sha256: String,
}

impl std::fmt::Debug for Letter {
    /// Names the file and its digest; the bytes are left out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Letter")
            .field("file_name", &self.file_name)
            .field("size", &self.bytes.len())
            .field("sha256", &self.sha256)
            .finish()
    }
}

/// Why a file was not taken as a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    NotPdf,
    Empty,
}

impl Refusal {
    /// What the form says next to the file input.
    pub fn message(self) -> String {
        match self {
            Refusal::TooLarge => crate::i18n::t1(
                "letter-err-too-large",
                "max",
                size_text(MAX_LETTER_BYTES as i64),
            ),
            Refusal::NotPdf => crate::i18n::t("letter-err-not-pdf"),
            Refusal::Empty => crate::i18n::t("letter-err-empty"),
        }
    }
}

/// Whether `bytes` are a PDF document, as far as this site checks: see the
/// module's policy.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = bytes.starts_with(b"%PDF-") && bytes.get(5).is_some_and(u8::is_ascii_digit);
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    head && memchr::memmem::rfind(tail, b"%%EOF").is_some()
}

/// Check a file sent as a letter; `given_name` is the name the browser
/// sent with it.
pub fn check(given_name: &str, bytes: Vec<u8>) -> Result<Letter, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_LETTER_BYTES {
        return Err(Refusal::TooLarge);
    }
    if !is_pdf(&bytes) {
        return Err(Refusal::NotPdf);
    }
    Ok(Letter {
        file_name: safe_file_name(given_name),
        sha256: sha256_hex(&bytes),
        bytes,
    })
}

/// A file name safe in a `Content-Disposition` header and on any disk:
/// the last part of the path given, with ASCII letters, digits, `-`, `_`,
/// `.` and spaces kept and anything else made `_`, at most
/// [`MAX_NAME_CHARS`] characters, ending in `.pdf`; `letter.pdf` if
/// nothing is left.
pub fn safe_file_name(given: &str) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = base
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' | ' ' => c,
            _ => '_',
        })
        .collect();
    if name.len() >= 4 && name[name.len() - 4..].eq_ignore_ascii_case(".pdf") {
        name.truncate(name.len() - 4);
    }
    let stem: String = name
        .trim_matches(|c: char| c == '.' || c == ' ')
        .chars()
        .take(MAX_NAME_CHARS - 4)
        .collect();
    let stem = stem.trim_end_matches([' ', '.']);
    if stem.trim_matches('_').is_empty() {
        return "letter.pdf".to_string();
    }
    format!("{stem}.pdf")
}

/// A size as people read it: "850 bytes", "12 KB", "1.2 MB" (binary units,
/// as the limit is counted).
pub fn size_text(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < MB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else {
        let text = format!("{:.1}", b / MB);
        format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
    }
}

/// Store a checked letter with its comment. Call in the transaction that
/// stores the comment, before its publication is recorded.
pub fn store(
    conn: &mut DbConn,
    comment_id: i32,
    letter: &Letter,
    now: NaiveDateTime,
) -> QueryResult<Attachment> {
    Attachment::insert(
        conn,
        &NewAttachment {
            comment_id,
            file_name: &letter.file_name,
            sha256: &letter.sha256,
            content: &letter.bytes,
            created_at: now,
        },
    )
}

/// The link to a letter under its comment.
#[derive(Debug, Clone)]
pub struct LetterLink {
    pub href: String,
    /// "Signed letter (PDF, 1.2 MB)".
    pub text: String,
    pub file_name: String,
    pub size_bytes: i32,
    pub sha256: String,
}

impl LetterLink {
    pub fn of(a: &Attachment) -> LetterLink {
        LetterLink {
            href: crate::urls::letter(a.id),
            text: format!(
                "Signed letter (PDF, {})",
                size_text(i64::from(a.size_bytes))
            ),
            file_name: a.file_name.clone(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
        }
    }
}

/// The letters of some comments, by comment id, in one query.
pub fn links_for(conn: &mut DbConn, comment_ids: &[i32]) -> QueryResult<HashMap<i32, LetterLink>> {
    Ok(Attachment::of_comments(conn, comment_ids)?
        .iter()
        .map(|a| (a.comment_id, LetterLink::of(a)))
        .collect())
}

/// The letters of some comments, by comment id, linked for moderators
/// (who review a comment, and its letter, before it is public).
pub fn links_for_moderators(
    conn: &mut DbConn,
    comment_ids: &[i32],
) -> QueryResult<HashMap<i32, LetterLink>> {
    Ok(Attachment::of_comments(conn, comment_ids)?
        .iter()
        .map(|a| {
            let mut link = LetterLink::of(a);
            link.href = crate::urls::moderation_letter(a.id);
            (a.comment_id, link)
        })
        .collect())
}

/// A letter and its bytes, whatever its comment's status: for moderators.
pub fn any_letter(conn: &mut DbConn, id: i32) -> QueryResult<Option<(Attachment, Vec<u8>)>> {
    Attachment::content(conn, id)
}

/// A letter and its bytes, if its comment is public now.
pub fn public_letter(conn: &mut DbConn, id: i32) -> QueryResult<Option<(Attachment, Vec<u8>)>> {
    Attachment::public_content(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

    #[test]
    fn a_pdf_is_known_by_its_content() {
        assert!(is_pdf(PDF));
        assert!(check("letter.pdf", PDF.to_vec()).is_ok());
        let html = b"<!doctype html><script>alert(1)</script>%PDF-1.4\n%%EOF".to_vec();
        assert_eq!(
            check("letter.pdf", html).unwrap_err(),
            Refusal::NotPdf,
            "leading bytes are not allowed"
        );
        assert!(!is_pdf(b"%PDF-1.4\nno end marker"));
        assert!(!is_pdf(b"%PDF-x\n%%EOF"));
        let mut far = PDF.to_vec();
        far.extend(std::iter::repeat_n(b' ', EOF_WINDOW));
        assert!(!is_pdf(&far), "%%EOF must be near the end");
        assert_eq!(check("a.pdf", Vec::new()).unwrap_err(), Refusal::Empty);
        let mut big = PDF.to_vec();
        big.resize(MAX_LETTER_BYTES + 1, b' ');
        assert_eq!(check("a.pdf", big).unwrap_err(), Refusal::TooLarge);
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(
            safe_file_name("Letter from the clerk.PDF"),
            "Letter from the clerk.pdf"
        );
        assert_eq!(safe_file_name("C:\\Users\\pat\\carta.pdf"), "carta.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd.pdf");
        assert_eq!(safe_file_name("a\"b;c\r\n.pdf"), "a_b_c__.pdf");
        assert_eq!(safe_file_name("señal.pdf"), "se_al.pdf");
        assert_eq!(safe_file_name(""), "letter.pdf");
        assert_eq!(safe_file_name("..."), "letter.pdf");
        assert_eq!(safe_file_name("обращение.pdf"), "letter.pdf");
        assert!(safe_file_name(&"x".repeat(500)).len() <= MAX_NAME_CHARS);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(850), "850 bytes");
        assert_eq!(size_text(12 * 1024), "12 KB");
        assert_eq!(size_text(1_258_291), "1.2 MB");
        assert_eq!(size_text(MAX_LETTER_BYTES as i64), "10 MB");
    }
}
