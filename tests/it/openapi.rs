//! The OpenAPI document describes every `/api/v1/` route, and the real
//! answers match the schemas it gives.

use actix_web::test;
use docket::db::models::Outcome;
use docket::web::{app, AppState};
use serde_json::Value;

use crate::comments::{seed_comment, Site};
use crate::open_data::{decide, decision, editor};

/// A small JSON Schema check: types (with null), required, properties,
/// items, enum and local `$ref`s; `oneOf` takes the first that fits.
pub fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let path = r.trim_start_matches("#/");
        let target = path.split('/').fold(doc, |v, part| &v[part]);
        return check(doc, target, value, at, errors);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = options.iter().any(|o| {
            let mut e = Vec::new();
            check(doc, o, value, at, &mut e);
            e.is_empty()
        });
        if !fits {
            errors.push(format!("{at}: fits none of oneOf"));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            errors.push(format!("{at}: {actual}, expected {types:?}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            errors.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let Value::Object(map) = value {
        for key in schema["required"].as_array().into_iter().flatten() {
            let key = key.as_str().unwrap();
            if !map.contains_key(key) {
                errors.push(format!("{at}: missing `{key}`"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (key, sub) in props {
                if let Some(v) = map.get(key) {
                    check(doc, sub, v, &format!("{at}.{key}"), errors);
                }
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(doc, sub, item, &format!("{at}[{i}]"), errors);
        }
    }
}

#[actix_web::test]
async fn the_openapi_document_covers_every_api_route_and_matches_the_answers() {
    let site = Site::ballots();
    // Decisions, so that their schema meets real ones: on a clause, resolved
    // in a published version, and on the whole version.
    let edna = editor(&site);
    let now = chrono::Utc::now().naive_utc();
    let v1 = site.version("ballots", "1");
    let on_clause = seed_comment(
        &mut site.conn(),
        v1.id,
        Some("custody"),
        None,
        "Ana",
        "Sign.",
    );
    let on_version = seed_comment(&mut site.conn(), v1.id, None, None, "Ben", "Clear.");
    let resolved = decision(Outcome::Accepted, "Done.", Some("custody"));
    decide(&site, &edna, ("ballots", "1"), on_clause.id, resolved, now);
    let noted = decision(Outcome::Noted, "Noted.", None);
    decide(&site, &edna, ("ballots", "1"), on_version.id, noted, now);
    let svc = test::init_service(app(AppState::new(
        site.db.pool.clone(),
        crate::support::site_config(),
    )))
    .await;

    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/api/v1/openapi.json")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let doc: Value = serde_json::from_slice(&test::read_body(resp).await).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();

    // Every API route in the route table is described (the index, routed
    // as `/api/v1` because trailing slashes are trimmed, as `/api/v1/`).
    let routes = include_str!("../../src/web/routes.rs");
    let api_routes: Vec<&str> = routes
        .split('"')
        .filter(|s| s.starts_with("/api/v1"))
        .map(|s| if s == "/api/v1" { "/api/v1/" } else { s })
        .collect();
    assert!(api_routes.len() >= 9, "{api_routes:?}");
    for route in &api_routes {
        assert!(
            paths.contains_key(*route),
            "{route} is in src/web/routes.rs but not in src/web/openapi.json"
        );
    }

    // Real answers fit their schemas.
    let cases = [
        ("/api/v1/", "/api/v1/"),
        ("/api/v1/standards", "/api/v1/standards"),
        ("/api/v1/standards/ballots", "/api/v1/standards/{slug}"),
        (
            "/api/v1/standards/ballots/clauses/custody/history",
            "/api/v1/standards/{slug}/clauses/{key}/history",
        ),
        (
            "/api/v1/standards/ballots/clauses/training/history",
            "/api/v1/standards/{slug}/clauses/{key}/history",
        ),
        (
            "/api/v1/standards/ballots/versions/1/dispositions",
            "/api/v1/standards/{slug}/versions/{label}/dispositions",
        ),
        (
            "/api/v1/standards/ballots/versions/1/dispositions?limit=1",
            "/api/v1/standards/{slug}/versions/{label}/dispositions",
        ),
        (
            "/api/v1/standards/ballots/versions/2",
            "/api/v1/standards/{slug}/versions/{label}",
        ),
        (
            "/api/v1/standards/ballots/compare/1...2",
            "/api/v1/standards/{slug}/compare/{range}",
        ),
        (
            "/api/v1/standards/ballots/versions/2/comments",
            "/api/v1/standards/{slug}/versions/{label}/comments",
        ),
    ];
    for (uri, path) in cases {
        let resp = test::call_service(&svc, test::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status(), 200, "{uri}");
        let body: Value = serde_json::from_slice(&test::read_body(resp).await).unwrap();
        if path.ends_with("/dispositions") {
            let decided = body["decisions"].as_array().unwrap();
            assert!(!decided.is_empty(), "{uri}: decisions to check");
            assert!(decided.iter().any(|d| d["resolved_clause_number"] == "1.2"));
        }
        let schema =
            &paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(schema.is_object(), "{path} has a 200 schema");
        let mut errors = Vec::new();
        check(&doc, schema, &body, uri, &mut errors);
        assert!(
            errors.is_empty(),
            "{uri} does not match its schema: {errors:#?}"
        );
    }

    // A bad page request is a described 400.
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/api/v1/standards/ballots/versions/2/comments?limit=0")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let comments = &paths["/api/v1/standards/{slug}/versions/{label}/comments"]["get"];
    assert!(comments["responses"]["400"].is_object());
    assert!(comments["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "limit"));

    // So is a bad page of decisions, and their 404.
    let dispositions = &paths["/api/v1/standards/{slug}/versions/{label}/dispositions"]["get"];
    for (uri, status) in [
        (
            "/api/v1/standards/ballots/versions/1/dispositions?after=x",
            "400",
        ),
        ("/api/v1/standards/ballots/versions/7/dispositions", "404"),
    ] {
        let resp = test::call_service(&svc, test::TestRequest::get().uri(uri).to_request()).await;
        assert_eq!(resp.status().as_str(), status, "{uri}");
        assert!(dispositions["responses"][status].is_object(), "{status}");
    }

    // Errors are described too.
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/api/v1/standards/nope/versions/1")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), 404);
    let body: Value = serde_json::from_slice(&test::read_body(resp).await).unwrap();
    let mut errors = Vec::new();
    check(
        &doc,
        &doc["components"]["schemas"]["Error"],
        &body,
        "404",
        &mut errors,
    );
    assert!(errors.is_empty(), "{errors:#?}");
}
