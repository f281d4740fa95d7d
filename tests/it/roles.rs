//! The role matrix: every staff route, for an anonymous visitor and for
//! each role. Anonymous visitors are sent to sign in (or get a 401 from a
//! JSON route); a role the route allows is let in (not 401 or 403); any
//! other role gets a 403.
//!
//! The table below must list every route under `/staff`, `/moderation`,
//! `/editor` and `/admin` in `src/web/routes.rs`; the test reads the route
//! table and fails if one is missing, so a new staff route cannot ship
//! without its roles being checked here.

use std::collections::BTreeSet;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use docket::db::models::{Role, StaffUser};

use crate::comments::{app, call, get, open_form, seed_comment, Browser, Site};
use crate::staff::create_staff;

const ALL: &[Role] = &[Role::Admin, Role::Editor, Role::Moderator];
const ADMIN: &[Role] = &[Role::Admin];
const EDITORS: &[Role] = &[Role::Editor, Role::Admin];
const MODERATORS: &[Role] = &[Role::Moderator, Role::Admin];

/// Every staff route: method, path as written in `src/web/routes.rs`, and
/// the roles allowed. Add new staff routes here.
const MATRIX: &[(&str, &str, &[Role])] = &[
    ("GET", "/staff", ALL),
    ("GET", "/staff/password", ALL),
    ("POST", "/staff/password", ALL),
    ("GET", "/staff/accounts", ADMIN),
    ("POST", "/staff/accounts", ADMIN),
    ("POST", "/staff/accounts/{id}", ADMIN),
    ("GET", "/staff/audit", ADMIN),
    ("GET", "/staff/offices", ADMIN),
    ("POST", "/staff/offices", ADMIN),
    ("POST", "/staff/offices/{id}/remove", ADMIN),
    ("GET", "/moderation", MODERATORS),
    ("POST", "/moderation/comments/{id}", MODERATORS),
    ("GET", "/moderation/letters/{id}", MODERATORS),
    ("POST", "/moderation/comments/{id}/status", MODERATORS),
    ("POST", "/moderation/comments/{id}/redact", MODERATORS),
    ("GET", "/editor/periods", EDITORS),
    ("GET", "/editor/standards/{slug}/{label}/period", EDITORS),
    ("POST", "/editor/standards/{slug}/{label}/period", EDITORS),
    ("GET", "/editor/feedback", EDITORS),
    ("GET", "/editor/standards/{slug}/{label}/feedback", EDITORS),
    (
        "POST",
        "/editor/standards/{slug}/{label}/dispositions",
        EDITORS,
    ),
    ("POST", "/editor/standards/{slug}/drafts", EDITORS),
    ("GET", "/editor/standards/{slug}/drafts/{label}", EDITORS),
    ("POST", "/editor/standards/{slug}/drafts/{label}", EDITORS),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/accept",
        EDITORS,
    ),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/resolve",
        EDITORS,
    ),
    (
        "GET",
        "/editor/standards/{slug}/drafts/{label}/preview",
        EDITORS,
    ),
    (
        "GET",
        "/editor/standards/{slug}/drafts/{label}/redline",
        EDITORS,
    ),
    (
        "GET",
        "/editor/standards/{slug}/drafts/{label}/download",
        EDITORS,
    ),
    (
        "GET",
        "/editor/standards/{slug}/drafts/{label}/publish",
        EDITORS,
    ),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/publish",
        EDITORS,
    ),
    ("POST", "/editor/standards/{slug}/release-mode", EDITORS),
    ("GET", "/editor/standards/{slug}/{label}/release", EDITORS),
    ("POST", "/editor/standards/{slug}/{label}/release", EDITORS),
    ("POST", "/editor/standards/{slug}/{label}/review", EDITORS),
    (
        "POST",
        "/editor/standards/{slug}/{label}/no-decision",
        EDITORS,
    ),
    (
        "GET",
        "/editor/standards/{slug}/drafts/{label}/clauses/{key}",
        EDITORS,
    ),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/clauses/{key}",
        EDITORS,
    ),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/renumber",
        EDITORS,
    ),
    (
        "POST",
        "/editor/standards/{slug}/drafts/{label}/front",
        EDITORS,
    ),
    // Last: it ends the session (the test signs in again after it).
    ("POST", "/staff/logout", ALL),
];

/// Routes under the staff prefixes that anyone may use.
const PUBLIC_EXCEPTIONS: &[(&str, &str)] = &[("GET", "/staff/login"), ("POST", "/staff/login")];

const STAFF_PREFIXES: &[&str] = &["/staff", "/moderation", "/editor", "/admin"];

fn is_staff_path(path: &str) -> bool {
    STAFF_PREFIXES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// (method, path) of every `.route("…", web::method()…)` in the route table,
/// with the prefix of the `web::scope("…")` it is chained on, if any.
fn routes_in_table() -> Vec<(String, String)> {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/routes.rs"),
    )
    .expect("read src/web/routes.rs");
    for unsupported in ["web::resource(", ".default_service(web::resource"] {
        assert!(
            !src.contains(unsupported),
            "src/web/routes.rs uses `{unsupported}`; the role matrix test (tests/it/roles.rs) reads \
             only `.route(\"PATH\", web::METHOD().to(handler))` entries, on the app or on a \
             `web::scope(\"PREFIX\")`. Write the route that way, or teach `routes_in_table` to read it."
        );
    }
    // The text of a string literal starting at `at` (just after its quote).
    fn literal(text: &str, at: usize) -> (String, usize) {
        let end = at + text[at..].find('"').expect("the end of a string");
        (text[at..end].to_string(), end + 1)
    }
    let bytes = src.as_bytes();
    let mut found = Vec::new();
    // (paren depth of the scope's chain, prefix)
    let mut scopes: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("web::scope(\"") {
            let (prefix, end) = literal(&src, i + "web::scope(\"".len());
            scopes.push((depth, prefix));
            i = end + 1; // past the closing parenthesis
        } else if rest.starts_with(".route(")
            && rest[".route(".len()..].trim_start().starts_with('"')
        {
            let open = i + ".route(".len() + rest[".route(".len()..].find('"').unwrap();
            let (path, end) = literal(&src, open + 1);
            let after = &src[end..];
            let web_at = after.find("web::").expect("a method after the route path");
            // `read()` is the table's GET-and-HEAD route.
            let method = match after.find("read()") {
                Some(read_at) if read_at < web_at => "GET".to_string(),
                _ => {
                    let method_text = &after[web_at + "web::".len()..];
                    method_text[..method_text.find('(').expect("web::METHOD(")].to_ascii_uppercase()
                }
            };
            let prefix = match scopes.last() {
                Some((d, p)) if *d == depth => p.clone(),
                _ => String::new(),
            };
            found.push((method, format!("{prefix}{path}")));
            depth += 1; // the `(` of `.route(`
            i = end;
        } else if rest.starts_with('"') {
            let (_, end) = literal(&src, i + 1);
            i = end;
        } else {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    while scopes.last().is_some_and(|(d, _)| *d > depth) {
                        scopes.pop();
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    found
}

#[test]
fn every_staff_route_is_in_the_role_matrix() {
    let routes = routes_in_table();
    // The reader works: it sees routes everyone knows are there.
    assert!(
        routes.contains(&("GET".to_string(), "/staff/login".to_string())),
        "the route reader found no GET /staff/login in {routes:?}"
    );
    assert!(routes.contains(&("GET".to_string(), "/".to_string())));
    let table: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let exceptions: BTreeSet<(String, String)> = PUBLIC_EXCEPTIONS
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<String> = routes
        .iter()
        .filter(|(_, p)| is_staff_path(p))
        .filter(|r| !table.contains(*r) && !exceptions.contains(*r))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "These staff routes in src/web/routes.rs are missing from the role matrix: {missing:?}. \
         Add each one to MATRIX in tests/it/roles.rs with the roles allowed to use it \
         (and a value for any new path parameter in `fill`), so that anonymous visitors and \
         wrong roles are checked to be refused."
    );
    let stale: Vec<String> = table
        .iter()
        .filter(|r| !routes.contains(r))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "MATRIX in tests/it/roles.rs lists routes that src/web/routes.rs no longer has: {stale:?}"
    );
}

/// Ids from the seeded database, for the path parameters.
struct Ids {
    comment: i32,
    account: i32,
}

/// A real path for a route pattern.
fn fill(pattern: &str, ids: &Ids) -> String {
    let mut out = pattern
        .replace("{slug}", "ballots")
        .replace("{label}", "2")
        .replace("{key}", "custody");
    if out.contains("{id}") {
        let id = if pattern.starts_with("/staff/accounts/") {
            ids.account
        } else {
            ids.comment
        };
        out = out.replace("{id}", &id.to_string());
    }
    assert!(
        !out.contains('{'),
        "tests/it/roles.rs: no value for a parameter of {pattern}; add one in `fill`"
    );
    out
}

async fn sign_in<S, B>(svc: &S, b: &mut Browser, name: &str, password: &str)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, "/staff/login").await;
    let a = crate::comments::post(
        svc,
        b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password),
        ],
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::SEE_OTHER,
        "sign in {name}: {}",
        a.body
    );
}

/// Send `method path` with only a valid CSRF token as its form: enough to
/// pass the role check, never enough to change anything.
async fn request<S, B>(
    svc: &S,
    b: &mut Browser,
    method: &str,
    path: &str,
    csrf: &str,
) -> crate::comments::Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = match method {
        "GET" => actix_web::test::TestRequest::get().uri(path),
        "POST" => actix_web::test::TestRequest::post()
            .uri(path)
            .set_form([("csrf_token", csrf)]),
        other => panic!("tests/it/roles.rs: add a request for method {other}"),
    };
    call(svc, b, req).await
}

#[actix_web::test]
async fn every_staff_route_refuses_anonymous_visitors_and_wrong_roles() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    let comment = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Ana",
        "A comment.",
    );
    let mut passwords = Vec::new();
    for (name, role) in [
        ("ada", Role::Admin),
        ("eddie", Role::Editor),
        ("mona", Role::Moderator),
    ] {
        passwords.push((name, role, create_staff(&site.db, name, role)));
    }
    create_staff(&site.db, "target", Role::Moderator);
    let account = StaffUser::find_by_name(&mut site.conn(), "target")
        .unwrap()
        .unwrap()
        .id;
    let ids = Ids {
        comment: comment.id,
        account,
    };
    let svc = app!(site);

    // Anonymous: sent to sign in (pages) or 401 (JSON).
    let mut anon = Browser::new("192.0.2.10");
    let token = open_form(&svc, &mut anon, "/staff/login").await;
    for (method, pattern, _) in MATRIX {
        let path = fill(pattern, &ids);
        let a = request(&svc, &mut anon, method, &path, &token).await;
        let to_login = a.status == StatusCode::SEE_OTHER
            && a.headers
                .get(header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.starts_with("/staff/login"));
        assert!(
            to_login || a.status == StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}: expected a redirect to /staff/login or 401, got {}",
            a.status
        );
    }

    for (name, role, password) in &passwords {
        let mut b = Browser::new("192.0.2.11");
        sign_in(&svc, &mut b, name, password).await;
        let token = open_form(&svc, &mut b, "/staff").await;
        for (method, pattern, allowed) in MATRIX {
            let path = fill(pattern, &ids);
            let a = request(&svc, &mut b, method, &path, &token).await;
            if allowed.contains(role) {
                assert!(
                    a.status != StatusCode::UNAUTHORIZED && a.status != StatusCode::FORBIDDEN,
                    "{role} {method} {path}: allowed, but got {}: {}",
                    a.status,
                    a.body
                );
                let location = a
                    .headers
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok());
                assert!(
                    *pattern == "/staff/logout"
                        || !location.is_some_and(|l| l.starts_with("/staff/login")),
                    "{role} {method} {path}: allowed, but sent to sign in"
                );
            } else {
                assert_eq!(
                    a.status,
                    StatusCode::FORBIDDEN,
                    "{role} {method} {path}: not allowed, so 403; got: {}",
                    a.body
                );
            }
            if *pattern == "/staff/logout" {
                // Still the only way back in is to sign in again.
                let a = get(&svc, &mut b, "/staff").await;
                assert_eq!(a.status, StatusCode::SEE_OTHER, "{role} signed out");
            }
        }
    }
    // Nothing the matrix sent changed an account, a window or a comment.
    let after = site.version("ballots", "2");
    assert_eq!(
        (after.status.as_str(), after.comment_closes),
        (v2.status.as_str(), v2.comment_closes)
    );
    assert_eq!(site.comment(comment.id).status, comment.status);
    let target = StaffUser::by_id(&mut site.conn(), account).unwrap();
    assert_eq!(
        (target.role.as_str(), target.disabled),
        ("moderator", false)
    );
}
