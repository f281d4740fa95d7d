//! The language of each request: chosen, remembered and announced.
//!
//! The middleware picks the language (`?lang=`, then the `docket_lang`
//! cookie, then `Accept-Language`), makes it the current one for the whole
//! handling of the request, and says which it was (`Content-Language`,
//! and `Vary` on pages, whose words depend on it).
//!
//! The switch in every page's header is a small form that posts here: a
//! reader's choice is remembered only when they ask, never by opening a
//! link. It needs no CSRF token (pages with it stay cacheable): all it can
//! do is choose a language, and a post from another site is refused by
//! the same-origin check before it arrives.

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::i18n::{self, Lang};

/// The cookie that remembers a reader's choice.
pub const COOKIE: &str = "docket_lang";

tokio::task_local! {
    /// The address of the page being served, without `lang=`.
    static HERE: String;
}

/// Middleware: choose the language and serve the request in it.
pub async fn choose<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let query = query_lang(req.query_string());
    let cookie = req.cookie(COOKIE).map(|c| c.value().to_string());
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let lang = i18n::negotiate(query.as_deref(), cookie.as_deref(), accept.as_deref());
    let here = here_without_lang(req.path(), req.query_string());
    let mut res = i18n::scope(lang, HERE.scope(here, next.call(req))).await?;
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    let page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/atom+xml"));
    if page {
        let vary = match headers.get(header::VARY).and_then(|v| v.to_str().ok()) {
            Some(existing) if !existing.is_empty() => {
                format!("{existing}, Accept-Language, Cookie")
            }
            _ => "Accept-Language, Cookie".to_string(),
        };
        if let Ok(value) = HeaderValue::from_str(&vary) {
            headers.insert(header::VARY, value);
        }
    }
    Ok(res)
}

/// The address of the page being served, for the language switch to come
/// back to (`/` outside a request).
pub fn here() -> String {
    HERE.try_with(String::clone)
        .unwrap_or_else(|_| "/".to_string())
}

/// Run `work` in the given language and page address: for work a
/// request hands to another thread (see [`Carried`]).
pub fn within<R>(carried: Carried, work: impl FnOnce() -> R) -> R {
    i18n::with(carried.lang, || HERE.sync_scope(carried.here, work))
}

/// What a request's work needs to speak its language on another thread.
pub struct Carried {
    lang: Lang,
    here: String,
}

/// The current request's language and address, to carry to another thread.
pub fn carry() -> Carried {
    Carried {
        lang: i18n::current(),
        here: here(),
    }
}

/// The languages the switch offers: every one but the current.
pub fn others() -> Vec<Lang> {
    let now = i18n::current();
    Lang::ALL.into_iter().filter(|l| *l != now).collect()
}

/// Whether text in the language `tag` differs from the page's, so that
/// its container needs `lang="{tag}"`: in templates,
/// `{% if crate::web::language::differs("en") %} lang="en"{% endif %}`.
pub fn differs(tag: &str) -> bool {
    i18n::current().tag() != tag
}

fn query_lang(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let value = pair.strip_prefix("lang=")?;
        Some(value.to_string())
    })
}

fn here_without_lang(path: &str, query: &str) -> String {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language`: remember the reader's choice and go back.
pub async fn switch(form: web::Form<Switch>) -> HttpResponse {
    let lang = Lang::from_tag(&form.lang).unwrap_or_default();
    let cookie = Cookie::build(COOKIE, lang.tag())
        .path("/")
        .max_age(actix_web::cookie::time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .finish();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, local_address(&form.next)))
        .cookie(cookie)
        .finish()
}

/// `next` if it is an address on this site, else the home page.
fn local_address(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_comes_back_only_to_this_site() {
        assert_eq!(local_address("/standards/a?x=1"), "/standards/a?x=1");
        assert_eq!(local_address("//evil.example/"), "/");
        assert_eq!(local_address("https://evil.example/"), "/");
        assert_eq!(local_address("/\\evil.example"), "/");
        assert_eq!(here_without_lang("/s", "lang=es&q=a"), "/s?q=a");
        assert_eq!(here_without_lang("/s", "lang=es"), "/s");
    }
}
