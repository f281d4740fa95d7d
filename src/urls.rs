//! Every address the site links to, one function each. Pages, mail, feeds
//! and the API all build their links here, so an address is spelt once and
//! a route and the links to it cannot drift apart. Paths are relative to
//! the site (`/standards/…`); [`absolute`] puts the base URL in front, for
//! mail and feeds.
//!
//! Slugs, labels, clause keys and tokens are restricted by their own
//! validation to characters that need no escaping in a path.

/// `base` + `path`, for links that leave the site (mail, feeds).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

pub fn standard(slug: &str) -> String {
    format!("/standards/{slug}")
}

pub fn version(slug: &str, label: &str) -> String {
    format!("/standards/{slug}/{label}")
}

/// The comments section of a version's page.
pub fn version_comments(slug: &str, label: &str) -> String {
    format!("/standards/{slug}/{label}#comments")
}

pub fn clause(slug: &str, label: &str, key: &str) -> String {
    format!("/standards/{slug}/{label}/clauses/{key}")
}

/// A clause's page, or the version's page for a comment on the whole version.
pub fn place(slug: &str, label: &str, key: Option<&str>) -> String {
    match key {
        Some(k) => clause(slug, label, k),
        None => version(slug, label),
    }
}

/// The clause histories of a standard (`…/clauses/{key}` below it).
pub fn clause_histories(slug: &str) -> String {
    format!("/standards/{slug}/clauses")
}

/// The redline between two versions.
pub fn compare(slug: &str, from: &str, to: &str) -> String {
    format!("/standards/{slug}/compare/{from}...{to}")
}

/// One clause within the redline between two versions.
pub fn compare_clause(slug: &str, from: &str, to: &str, key: &str) -> String {
    format!("{}#c-{key}", compare(slug, from, to))
}

pub fn dispositions(slug: &str, label: &str) -> String {
    format!("/standards/{slug}/{label}/dispositions")
}

/// A page of a version's comments in the API: `limit` of them after
/// cursor `after`.
pub fn api_comments_page(slug: &str, label: &str, limit: i64, after: i32) -> String {
    format!("/api/v1/standards/{slug}/versions/{label}/comments?limit={limit}&after={after}")
}

/// The bulk download of a version's public comments, `format` being
/// `csv` or `ndjson`.
pub fn comments_download(slug: &str, label: &str, format: &str) -> String {
    format!("/standards/{slug}/{label}/comments.{format}")
}

pub fn comments_feed(slug: &str, label: &str) -> String {
    format!("/standards/{slug}/{label}/comments.atom")
}

/// The Atom feed of a version's decisions on its comments.
pub fn decisions_feed(slug: &str, label: &str) -> String {
    format!("/standards/{slug}/{label}/decisions.atom")
}

/// The Atom feed of a standard's published versions.
pub fn versions_feed(slug: &str) -> String {
    format!("/standards/{slug}/versions.atom")
}

/// Following a standard by email.
pub fn subscribe(slug: &str) -> String {
    format!("/standards/{slug}/subscribe")
}

/// A clause's history across every published version.
pub fn clause_history(slug: &str, key: &str) -> String {
    format!("/standards/{slug}/clauses/{key}/history")
}

pub fn comment(id: i32) -> String {
    format!("/comments/{id}")
}

/// A signed letter attached to a comment (a PDF download).
pub fn letter(id: i32) -> String {
    format!("/letters/{id}")
}

/// A signed letter as moderators open it, whatever its comment's status.
pub fn moderation_letter(id: i32) -> String {
    format!("/moderation/letters/{id}")
}

/// A value percent-encoded for an address's query: letters, digits and
/// `-._~` stay, every other byte is `%XX`.
pub fn query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A search page's address: `path` with the non-empty parameters given.
pub fn search(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", query_value(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Where a reply to comment `id` is posted.
pub fn replies(id: i32) -> String {
    format!("/comments/{id}/replies")
}

pub fn receipt(id: i32) -> String {
    format!("/receipts/{id}")
}

/// The page a confirmation link opens (and its button posts to).
pub fn verify(token: &str) -> String {
    format!("/verify/{token}")
}

/// The one link confirming a list of comments sent together.
pub fn verify_list(token: &str) -> String {
    format!("/verify/list/{token}")
}

pub fn verify_renew(token: &str) -> String {
    format!("/verify/{token}/renew")
}

/// Stop notices about replies to one's comments.
pub fn unsubscribe(token: &str) -> String {
    format!("/unsubscribe/{token}")
}

pub fn subscription_confirm(token: &str) -> String {
    format!("/subscriptions/confirm/{token}")
}

pub fn subscription_unsubscribe(token: &str) -> String {
    format!("/subscriptions/unsubscribe/{token}")
}

pub fn editor_draft(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/drafts/{label}")
}

pub fn editor_feedback(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/feedback")
}

/// Where the editors' decision form posts.
pub fn editor_dispositions(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/dispositions")
}

/// The decisions of a version waiting for release, and where the
/// release button posts.
pub fn editor_release(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/release")
}

/// Where a step of review (ready, approve, withdraw) posts.
pub fn editor_review(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/review")
}

/// Where replies are marked as needing no decision.
pub fn editor_no_decision(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/no-decision")
}

/// Where a standard's way of releasing decisions is chosen.
pub fn editor_release_mode(slug: &str) -> String {
    format!("/editor/standards/{slug}/release-mode")
}

/// Where a new comment on a clause is posted.
pub fn clause_comments(slug: &str, label: &str, key: &str) -> String {
    format!("{}/comments", clause(slug, label, key))
}

/// Where a new comment on the whole version is posted.
pub fn version_comments_post(slug: &str, label: &str) -> String {
    format!("{}/comments", version(slug, label))
}

/// The index of the API.
pub fn api_index() -> String {
    "/api/v1/".to_string()
}

/// The OpenAPI document describing the API.
pub fn api_openapi() -> String {
    "/api/v1/openapi.json".to_string()
}

pub fn api_standard(slug: &str) -> String {
    format!("/api/v1/standards/{slug}")
}

pub fn api_version(slug: &str, label: &str) -> String {
    format!("/api/v1/standards/{slug}/versions/{label}")
}

/// The first page of a version's comments in the API.
pub fn api_comments(slug: &str, label: &str) -> String {
    format!("{}/comments", api_version(slug, label))
}

/// The first page of the decisions on a version's comments in the API.
pub fn api_dispositions(slug: &str, label: &str) -> String {
    format!("{}/dispositions", api_version(slug, label))
}

/// A page of the decisions on a version's comments in the API: `limit`
/// of them after cursor `after`.
pub fn api_dispositions_page(slug: &str, label: &str, limit: i64, after: i32) -> String {
    format!(
        "{}?limit={limit}&after={after}",
        api_dispositions(slug, label)
    )
}

/// A clause's history in the API.
pub fn api_clause_history(slug: &str, key: &str) -> String {
    format!("/api/v1/standards/{slug}/clauses/{key}/history")
}

/// The redline between two versions as JSON.
pub fn api_compare(slug: &str, from: &str, to: &str) -> String {
    format!("/api/v1/standards/{slug}/compare/{from}...{to}")
}

pub fn editor_period(slug: &str, label: &str) -> String {
    format!("/editor/standards/{slug}/{label}/period")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_spelt_as_the_routes_are() {
        assert_eq!(
            clause("pw", "2", "pw-oath"),
            "/standards/pw/2/clauses/pw-oath"
        );
        assert_eq!(place("pw", "2", None), "/standards/pw/2");
        assert_eq!(
            compare_clause("pw", "1", "2", "k"),
            "/standards/pw/compare/1...2#c-k"
        );
        assert_eq!(
            absolute("https://example.org/", &comment(7)),
            "https://example.org/comments/7"
        );
    }
}
