//! The draft's title and notes, edited as fields rather than inside the
//! front matter by hand.
//!
//! The policy: like a clause, a save carries the values it started from;
//! if the draft was saved since, a field the other save left alone takes
//! the editor's value, and a field both changed differently is refused
//! ([`DraftError::FrontConflict`]) with nothing changed and what was typed
//! kept.

use chrono::NaiveDateTime;

use super::{refuse, DraftError};
use crate::actor::Actor;
use crate::audit;
use crate::db::models::{Draft, Standard};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1};
use crate::redline::merge::merge_whole;
use crate::standard::edit::{set_front_matter, toml_string};

/// Longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// Most bytes of notes.
pub const MAX_NOTES: usize = 64 * 1024;

/// The title and notes of a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Front {
    pub title: String,
    pub notes: String,
}

impl Front {
    pub fn from_form(title: &str, notes: &str) -> Front {
        Front {
            title: title.split_whitespace().collect::<Vec<_>>().join(" "),
            notes: notes.replace("\r\n", "\n").trim().to_string(),
        }
    }
}

/// Why a title and notes save was refused, with the fields as they are now.
#[derive(Debug, Clone)]
pub struct FrontConflict {
    pub message: String,
    pub revision: i32,
    pub current: Front,
}

/// Notes as TOML: a multi-line basic string when it has several lines,
/// so the file stays readable.
fn toml_notes(notes: &str) -> String {
    if !notes.contains('\n') {
        return toml_string(notes);
    }
    let mut out = String::from("\"\"\"\n");
    for c in notes.chars() {
        match c {
            '\n' => out.push('\n'),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\n\"\"\"");
    out
}

/// Set the title and notes of the draft `label`, made from `revision`
/// when they read `base`.
#[allow(clippy::too_many_arguments)]
pub fn save(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    revision: i32,
    base: &Front,
    mine: &Front,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<i32, DraftError> {
    if mine.title.is_empty() {
        return refuse(t("drafting-front-title-empty"));
    }
    if mine.title.chars().count() > MAX_TITLE || mine.notes.len() > MAX_NOTES {
        return refuse(t("drafting-front-too-long"));
    }
    write_tx(conn, |conn| {
        let draft = Draft::by_label(conn, standard.id, label)?;
        if draft.is_published() {
            return refuse(super::published_already(label));
        }
        let parsed = super::parse_draft(conn, &draft)?.map_err(|e| {
            DraftError::Refused(t1("drafting-front-no-parse", "problem", e.to_string()))
        })?;
        let current = Front {
            title: parsed.front.title.clone(),
            notes: parsed.front.notes.clone(),
        };
        let chosen = if draft.revision == revision {
            Some(mine.clone())
        } else {
            merge_whole(&base.title, &current.title, &mine.title)
                .zip(merge_whole(&base.notes, &current.notes, &mine.notes))
                .map(|(title, notes)| Front { title, notes })
        };
        let Some(chosen) = chosen else {
            return Err(DraftError::FrontConflict(Box::new(FrontConflict {
                message: crate::i18n::t2(
                    "drafting-front-conflict",
                    "by",
                    &draft.updated_by,
                    "revision",
                    draft.revision,
                ),
                revision: draft.revision,
                current,
            })));
        };
        if chosen == current {
            return Ok(draft.revision);
        }
        let source = set_front_matter(
            &draft.source,
            &[
                ("title", Some(toml_string(&chosen.title))),
                ("notes", Some(toml_notes(&chosen.notes))),
            ],
        )
        .map_err(|e| DraftError::Refused(t1("drafting-not-saved-because", "problem", e)))?;
        if !Draft::save(conn, draft.id, draft.revision, &source, &staff.name, now)? {
            return refuse(t("drafting-front-changed-meanwhile"));
        }
        audit::record_at(
            conn,
            &audit::Event::by(staff, "draft.front_saved")
                .on_standard(standard.id)
                .target(format!("{} draft of version {label}", standard.slug))
                .detail(format!(
                    "Revision {}: title “{}”.",
                    draft.revision + 1,
                    chosen.title
                )),
            now,
        )?;
        Ok(draft.revision + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard::parse::parse_version;

    #[test]
    fn notes_of_several_lines_are_written_readably_and_read_back() {
        let notes = "First line with \"quotes\" and a \\n backslash.\n\nSecond paragraph.";
        let src = "+++\nlabel = \"2\"\ntitle = \"T\"\nstatus = \"draft\"\nnotes = \"\"\"\nold\n\"\"\"\n+++\n\n## 1 A\n\nText.\n";
        let out = set_front_matter(
            src,
            &[
                ("title", Some(toml_string("New title"))),
                ("notes", Some(toml_notes(notes))),
            ],
        )
        .unwrap();
        let p = parse_version("2.md", out.as_bytes(), None).unwrap();
        assert_eq!(p.front.title, "New title");
        assert_eq!(p.front.notes, notes);
        assert!(out.contains("\nSecond paragraph.\n"), "{out}");
        assert!(out.ends_with("+++\n\n## 1 A\n\nText.\n"));
    }
}
