//! The languages of the interface, and the catalogue of everything it says.
//!
//! Every word the site shows that is not content (a page's labels, a form's
//! errors, a mail's sentences, a feed's titles) is a message in a Project
//! Fluent catalogue, one per language, under `locales/<tag>/`. The
//! catalogues are compiled into the binary; a test fails when a key is
//! missing in either language or a message uses a variable the other does
//! not.
//!
//! The language of the request being served is set once, by the web
//! layer's middleware, for the whole handling of that request (a tokio
//! task-local), so templates and domain code ask [`current`] instead of
//! carrying a language through every call. Work done outside a request (a
//! mail rendered for a commenter) names its language with [`with`].

use std::future::Future;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag: `en`, `es`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language a tag names (`es`, `es-MX`, `ES`), if the site has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.tag()))
    }

    /// The message `key` in this language.
    pub fn t(self, key: &str) -> String {
        format(self, key, None)
    }

    /// The message `key` in this language, with named values.
    pub fn t_with(self, key: &str, args: &[(&str, &dyn Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.fluent());
        }
        format(self, key, Some(&fluent))
    }
}

/// The language chosen for a request: an explicit `?lang=` first, then the
/// reader's choice remembered in the cookie, then the browser's
/// `Accept-Language` (by quality), then English.
pub fn negotiate(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Lang {
    query
        .and_then(Lang::from_tag)
        .or_else(|| cookie.and_then(Lang::from_tag))
        .or_else(|| accept.and_then(from_accept_language))
        .unwrap_or_default()
}

/// The best language an `Accept-Language` header names, if any is ours.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .next()
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality <= 0.0 {
            continue;
        }
        if let Some(lang) = Lang::from_tag(tag) {
            if best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
    }
    best.map(|(lang, _)| lang)
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// The language of the request being served (English outside one).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or_default()
}

/// Run `work` with `lang` as the current language.
pub async fn scope<F: Future>(lang: Lang, work: F) -> F::Output {
    CURRENT.scope(lang, work).await
}

/// Run `work` (synchronous) with `lang` as the current language.
pub fn with<R>(lang: Lang, work: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(lang, work)
}

/// The message `key` in the current language.
pub fn t(key: &str) -> String {
    current().t(key)
}

/// The message `key` in the current language with one named value.
pub fn t1(key: &str, name: &str, value: impl Arg) -> String {
    current().t_with(key, &[(name, &value)])
}

/// The message `key` in the current language with two named values.
pub fn t2(key: &str, name: &str, value: impl Arg, name2: &str, value2: impl Arg) -> String {
    current().t_with(key, &[(name, &value), (name2, &value2)])
}

/// The message `key` in the current language with three named texts.
pub fn t_with_three(key: &str, args: [(&str, String); 3]) -> String {
    let [(n1, v1), (n2, v2), (n3, v3)] = &args;
    current().t_with(key, &[(n1, v1), (n2, v2), (n3, v3)])
}

/// A value a message can take: text, or a number (which also chooses a
/// plural form).
pub trait Arg {
    fn fluent(&self) -> FluentValue<'static>;
}

impl Arg for str {
    fn fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl Arg for String {
    fn fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

macro_rules! number_arg {
    ($($ty:ty),*) => {$(
        impl Arg for $ty {
            fn fluent(&self) -> FluentValue<'static> {
                FluentValue::from(*self as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

impl<T: Arg + ?Sized> Arg for &T {
    fn fluent(&self) -> FluentValue<'static> {
        (**self).fluent()
    }
}

impl<T: Arg> Arg for Option<T> {
    fn fluent(&self) -> FluentValue<'static> {
        match self {
            Some(value) => value.fluent(),
            None => FluentValue::from(String::new()),
        }
    }
}

/// The catalogue files, the same names in every language.
macro_rules! catalogue {
    ($($file:literal),* $(,)?) => {
        /// Each file's name with its English and Spanish text.
        pub const FILES: &[(&str, &str, &str)] = &[$((
            $file,
            include_str!(concat!("../locales/en/", $file)),
            include_str!(concat!("../locales/es/", $file)),
        )),*];
    };
}
catalogue!(
    "site.ftl",
    "pages.ftl",
    "comments.ftl",
    "mail.ftl",
    "staff.ftl",
    "editor.ftl",
    "errors.ftl",
    "desk.ftl",
    "drafting.ftl",
    "decisions.ftl",
);

/// A language's messages, parsed once.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

fn load(lang: Lang) -> Catalogue {
    let id = lang.tag().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The text goes into HTML and mail, not a bidirectional UI: no
    // isolation marks around values.
    bundle.set_use_isolating(false);
    for (name, en, es) in FILES {
        let text = match lang {
            Lang::En => *en,
            Lang::Es => *es,
        };
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{}/{name}: {errors:?}", lang.tag()));
        if let Err(errors) = bundle.add_resource(resource) {
            panic!("locales/{}/{name}: {errors:?}", lang.tag());
        }
    }
    Catalogue { bundle }
}

static CATALOGUES: LazyLock<[Catalogue; 2]> = LazyLock::new(|| [load(Lang::En), load(Lang::Es)]);

fn catalogue(lang: Lang) -> &'static Catalogue {
    &CATALOGUES[lang as usize]
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let found = catalogue(lang)
        .bundle
        .get_message(key)
        .and_then(|m| m.value())
        .map(|pattern| (lang, pattern))
        .or_else(|| {
            let english = catalogue(Lang::En).bundle.get_message(key)?.value()?;
            Some((Lang::En, english))
        });
    let Some((used, pattern)) = found else {
        tracing::warn!(key, "no message in the catalogue");
        return key.to_string();
    };
    let mut errors = Vec::new();
    let text = catalogue(used)
        .bundle
        .format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, ?errors, "a message could not be formatted in full");
    }
    text.into_owned()
}

/// Every message key in a catalogue file's text, in order.
pub fn keys(ftl: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(ftl.to_string()) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_language_we_have() {
        assert_eq!(
            from_accept_language("es-MX,es;q=0.9,en;q=0.8"),
            Some(Lang::Es)
        );
        assert_eq!(
            from_accept_language("fr, en;q=0.5, es;q=0.7"),
            Some(Lang::Es)
        );
        assert_eq!(from_accept_language("fr, de"), None);
        assert_eq!(from_accept_language("es;q=0, en"), Some(Lang::En));
        assert_eq!(negotiate(None, Some("es"), Some("en")), Lang::Es);
        assert_eq!(negotiate(Some("en"), Some("es"), Some("es")), Lang::En);
        assert_eq!(negotiate(None, Some("klingon"), None), Lang::En);
    }

    #[test]
    fn the_current_language_is_the_scopes() {
        assert_eq!(current(), Lang::En);
        assert_eq!(with(Lang::Es, current), Lang::Es);
        assert_eq!(with(Lang::Es, || t("site-search")), "Buscar");
    }
}
