//! A message with three values, for the commenting templates (askama
//! passes a template's arguments by reference, so the catalogue's array
//! form cannot be written in place there).

use crate::db::models::{CommentKind, Outcome};
use crate::i18n::Arg;

/// The message `key` in the current language with three named values:
/// `crate::web::comments::t3(<key>, "a", a, "b", b, "c", c)` in `{{ }}`.
pub fn t3(
    key: &str,
    n1: &str,
    v1: impl Arg,
    n2: &str,
    v2: impl Arg,
    n3: &str,
    v3: impl Arg,
) -> String {
    crate::i18n::current().t_with(key, &[(n1, &v1), (n2, &v2), (n3, &v3)])
}

/// A comment type's name (as `CommentKind::display` gives it) in the
/// current language.
pub fn kind_word(display: impl AsRef<str>) -> String {
    let display = display.as_ref();
    match CommentKind::ALL
        .into_iter()
        .find(|k| k.display() == display)
    {
        Some(k) => super::form::kind_name(k),
        None => display.to_string(),
    }
}

/// A decision's outcome (as `Outcome::display` gives it) in the current
/// language.
pub fn outcome_word(display: impl AsRef<str>) -> String {
    let display = display.as_ref();
    match Outcome::ALL.into_iter().find(|o| o.display() == display) {
        Some(o) => crate::i18n::t(&format!("mail-outcome-{}", o.as_str().replace('_', "-"))),
        None => display.to_string(),
    }
}
