//! The language a version's text is read in on its pages: the official
//! English text, or a translation (`?text=es`, or the page's own language
//! when the version has a translation into it).
//!
//! Whatever is shown, comments stay by clause key: a comment made while
//! reading a translated clause is a comment on that clause, listed under
//! every language. The page cache keeps each language of a page apart.

use super::views::{ClauseView, VersionView};
use crate::db::models::{ClauseTranslation, Version, VersionTranslation};
use crate::db::DbConn;
use crate::error::AppError;
use crate::standard::translation::{self as tr, TextChoice};

/// The language of the page itself (its words, not the standard's text):
/// the interface language of the request.
pub fn page_lang() -> &'static str {
    crate::i18n::current().tag()
}

/// A `?text=` value, checked: `None` when absent, a 400 when it names no
/// text this site has.
pub fn asked(text: Option<&str>) -> Result<Option<&'static str>, AppError> {
    match text {
        None | Some("") => Ok(None),
        Some(value) => tr::parse_text_tag(value).map(Some).ok_or_else(|| {
            let mut choices = vec![tr::OFFICIAL];
            choices.extend(tr::LANGUAGES);
            let or = format!(" {} text=", crate::i18n::t("reading-or"));
            let choices = format!("text={}", choices.join(&or));
            AppError::BadRequest(crate::i18n::t2(
                "reading-no-text",
                "value",
                value,
                "choices",
                choices,
            ))
        }),
    }
}

/// What the cache keeps a page under beside its path (which the cache
/// keeps per interface language) and its other variants: the text asked
/// for. Without `?text=`, the text shown follows from the page's language
/// and the stored translations, which the cache's key and stamp cover.
pub fn cache_variant(asked: Option<&str>, other: Option<String>) -> Option<String> {
    let mut parts: Vec<String> = other.into_iter().collect();
    if let Some(text) = asked {
        parts.push(format!("text={text}"));
    }
    (!parts.is_empty()).then(|| parts.join("&"))
}

/// ` lang="…"`, or nothing. Tags come from this module's constants only.
pub fn lang_attr(tag: Option<&str>) -> String {
    tag.map(|t| format!(" lang=\"{t}\"")).unwrap_or_default()
}

/// How a version's text is shown on a page, for the templates.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The page's language.
    pub page: &'static str,
    /// The language of the text shown.
    pub shown: &'static str,
    /// A translation asked for that this version does not have.
    pub missing: Option<&'static str>,
    /// Translations this version has that are not shown, to offer.
    pub offers: Vec<&'static str>,
    /// The page's own address, without a query.
    pub path: String,
    /// `?text=…` was given: links to the version's other pages keep it.
    explicit: bool,
}

impl Reading {
    /// `lang` for the standard's text on this page, when it is not in the
    /// page's language.
    pub fn text_lang(&self) -> Option<&'static str> {
        (self.shown != self.page).then_some(self.shown)
    }

    /// `lang` for English text on this page (the official text, or words
    /// left untranslated), when the page is in another language.
    pub fn official_lang(&self) -> Option<&'static str> {
        (self.page != tr::OFFICIAL).then_some(tr::OFFICIAL)
    }

    /// ` lang="es"` for an element holding the standard's text, when it is
    /// not in the page's language; else nothing.
    pub fn text_lang_attr(&self) -> String {
        lang_attr(self.text_lang())
    }

    /// ` lang="en"` for an element holding English text on a page in
    /// another language; else nothing.
    pub fn official_lang_attr(&self) -> String {
        lang_attr(self.official_lang())
    }

    /// A translation is shown.
    pub fn translated(&self) -> bool {
        self.shown != tr::OFFICIAL
    }

    /// The language shown, named in the page's language ("Spanish").
    pub fn shown_name(&self) -> String {
        language_name(self.shown)
    }

    /// The missing translation's language, named in the page's language.
    pub fn missing_name(&self) -> String {
        self.missing.map(language_name).unwrap_or_default()
    }

    /// This page with the official English text.
    pub fn official_href(&self) -> String {
        format!("{}?text={}", self.path, tr::OFFICIAL)
    }

    /// This page in a translation.
    pub fn href_in(&self, tag: &str) -> String {
        format!("{}?text={tag}", self.path)
    }

    /// A translation's language, named in the page's language.
    pub fn name_of(&self, tag: &str) -> String {
        language_name(tag)
    }

    /// "Leer esta versión en español": an offer written in the language
    /// it offers.
    pub fn offer_text(&self, tag: &str) -> &'static str {
        match tag {
            "es" => "Leer esta versión en español",
            _ => "",
        }
    }

    /// What links to this version's other pages append, to stay in the
    /// text chosen with `?text=`: empty unless it was chosen.
    pub fn keep(&self) -> String {
        if self.explicit {
            format!("?text={}", self.shown)
        } else {
            String::new()
        }
    }
}

/// A language a text is in, named in the page's language: "Spanish",
/// "español". A tag the catalogue does not name is given as its English name.
pub fn language_name(tag: &str) -> String {
    match tag {
        "en" | "es" => crate::i18n::t(&format!("language-name-{tag}")),
        other => tr::english_name(other).to_string(),
    }
}

/// A version's translation shown on a page.
pub struct Translated {
    pub version: VersionTranslation,
    pub clauses: Vec<ClauseTranslation>,
}

impl Translated {
    /// Put the translated title, notes and introduction into a version's
    /// page, and its text into every clause. Notes left untranslated stay
    /// English; returns whether the notes are the translation's.
    pub fn apply_version(
        &self,
        view: &mut VersionView,
        preamble_html: &mut String,
        clauses: &mut [ClauseView],
    ) -> bool {
        view.title.clone_from(&self.version.title);
        preamble_html.clone_from(&self.version.preamble_html);
        for c in clauses {
            self.apply(c);
        }
        if self.version.notes.is_empty() {
            false
        } else {
            view.notes.clone_from(&self.version.notes);
            true
        }
    }

    /// Put the translated number, heading and text into clause views, by
    /// key (every translation has exactly its version's keys).
    pub fn apply(&self, view: &mut ClauseView) {
        if let Some(t) = self.clauses.iter().find(|c| c.clause_key == view.key) {
            view.number.clone_from(&t.number);
            view.heading.clone_from(&t.heading);
            view.html.clone_from(&t.html);
        }
    }
}

/// Choose the text of `version`'s page at `path` and load the translation
/// when one is shown. At most three queries.
pub fn load(
    conn: &mut DbConn,
    version: &Version,
    page: &'static str,
    asked: Option<&'static str>,
    path: &str,
) -> Result<(Reading, Option<Translated>), AppError> {
    let available = VersionTranslation::langs_of(conn, version.id)?;
    let TextChoice { shown, missing } = tr::choose_text(page, asked, &available);
    let offers = tr::LANGUAGES
        .iter()
        .copied()
        .filter(|t| *t != shown && available.iter().any(|a| a == t))
        .collect();
    let found = if shown == tr::OFFICIAL {
        None
    } else {
        VersionTranslation::find(conn, version.id, shown)?
    };
    let translated = match found {
        Some(v) => Some(Translated {
            clauses: ClauseTranslation::for_version(conn, version.id, shown)?,
            version: v,
        }),
        None => None,
    };
    let reading = Reading {
        page,
        shown: if translated.is_some() {
            shown
        } else {
            tr::OFFICIAL
        },
        missing,
        offers,
        path: path.to_string(),
        explicit: asked.is_some(),
    };
    Ok((reading, translated))
}
