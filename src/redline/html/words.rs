//! The words of the redline's HTML views, in each language: what screen
//! readers announce for each mark, the badges, the legend and the summary
//! line.

use std::sync::LazyLock;

use super::mark_into;
use crate::i18n::Lang;
use crate::redline::{Op, Redline, Status};

/// The fixed words of a redline's marks, badges and notes, in one
/// language. A long redline repeats them thousands of times, so each
/// language's are looked up once; and they are handed down with the
/// rendering, part of which may run on another thread, where no request's
/// language is set.
pub(super) struct Words {
    pub lang: Lang,
    /// "[inserted: ", "[deleted: ": what screen readers announce.
    pub inserted: String,
    pub deleted: String,
    pub added: String,
    pub removed: String,
    pub modified: String,
    pub unchanged: String,
    pub moved: String,
    pub replaced: String,
    pub history: String,
    pub of_this_clause: String,
    pub change_moved: String,
    pub change_renumbered: String,
    pub change_replaced: String,
}

impl Words {
    fn of(lang: Lang) -> Words {
        let t = |key: &str| lang.t(key);
        Words {
            lang,
            inserted: format!("[{}: ", t("drafting-redline-inserted")),
            deleted: format!("[{}: ", t("drafting-redline-deleted")),
            added: t("drafting-redline-added"),
            removed: t("drafting-redline-removed"),
            modified: t("drafting-redline-modified"),
            unchanged: t("drafting-redline-unchanged"),
            moved: t("drafting-redline-moved"),
            replaced: t("drafting-redline-replaced"),
            history: t("version-history"),
            of_this_clause: t("drafting-redline-of-this-clause"),
            change_moved: t("drafting-redline-change-moved"),
            change_renumbered: t("drafting-redline-change-renumbered"),
            change_replaced: t("drafting-redline-change-replaced"),
        }
    }

    /// The words in `lang`.
    pub fn get(lang: Lang) -> &'static Words {
        static ALL: LazyLock<Vec<Words>> =
            LazyLock::new(|| Lang::ALL.into_iter().map(Words::of).collect());
        ALL.iter().find(|w| w.lang == lang).unwrap_or(&ALL[0])
    }

    /// The words in the current language.
    pub fn current() -> &'static Words {
        Words::get(crate::i18n::current())
    }

    /// "Added", "Modified"…: a clause's status, capitalised.
    pub fn status(&self, s: Status) -> &str {
        match s {
            Status::Added => &self.added,
            Status::Removed => &self.removed,
            Status::Modified => &self.modified,
            Status::Unchanged => &self.unchanged,
        }
    }
}

/// A clause's status as headings and badges name it ("Added",
/// "Modified"), in the current language.
pub fn status_name(s: Status) -> String {
    Words::current().status(s).to_string()
}

/// "1 added, 0 removed, 2 modified, 5 unchanged; 1 moved.", in the current
/// language.
pub fn summary_line(r: &Redline) -> String {
    let s = &r.summary;
    crate::i18n::current().t_with(
        "drafting-redline-summary",
        &[
            ("added", &s.added),
            ("removed", &s.removed),
            ("modified", &s.modified),
            ("unchanged", &s.unchanged),
            ("moved", &s.moved),
        ],
    )
}

/// A sentence explaining the marks, itself marked the same way, in the
/// current language.
pub fn legend() -> String {
    let w = Words::current();
    let marked = |op: Op, word: String| {
        let mut out = String::new();
        mark_into(&mut out, op, &word, w);
        out
    };
    let inserted = marked(Op::Insert, w.lang.t("drafting-redline-underlined"));
    let deleted = marked(Op::Delete, w.lang.t("drafting-redline-struck"));
    let sentence = w.lang.t_with(
        "drafting-redline-legend",
        &[("inserted", &inserted), ("deleted", &deleted)],
    );
    format!("<p class=\"rl-legend\">{sentence}</p>")
}
