//! Atom feeds: well-formed XML whatever a comment contains; the feeds of a
//! standard's versions and of a version's decisions, newest first and capped;
//! and pages that announce their feeds.

use actix_web::http::StatusCode;

use crate::comments::{
    app, confirm, fields, get, last_comment_id, open_form, post, verification_link, with, Browser,
    Site, CUSTODY_FORM, CUSTODY_POST, EMAIL,
};

/// Check that `xml` is one well-formed element after an optional XML
/// declaration: tags nest and match, attribute values are quoted, and every
/// `&` starts a known entity or a character reference. Returns the element
/// names in document order.
fn well_formed(xml: &str) -> Result<Vec<String>, String> {
    let mut rest = xml;
    if let Some(decl) = rest.strip_prefix("<?xml") {
        let end = decl.find("?>").ok_or("unclosed declaration")?;
        rest = &decl[end + 2..];
    }
    let mut open: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut roots = 0;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt])?;
        if open.is_empty() && !rest[..lt].trim().is_empty() {
            return Err(format!("text outside the root: {:?}", &rest[..lt]));
        }
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || ":-_.".contains(c))
        {
            return Err(format!("bad element name in <{tag}>"));
        }
        check_attributes(&tag[name_end..])?;
        if open.is_empty() {
            roots += 1;
        }
        names.push(name.to_string());
        if !empty {
            open.push(name.to_string());
        }
    }
    check_text(rest)?;
    match (open.is_empty(), roots, rest.trim().is_empty()) {
        (true, 1, true) => Ok(names),
        _ => Err(format!(
            "unclosed {open:?}, {roots} roots, trailing {rest:?}"
        )),
    }
}

fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        let semi = rest[amp..].find(';').ok_or("bare &")? + amp;
        let entity = &rest[amp + 1..semi];
        let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || entity
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !known {
            return Err(format!("unknown entity &{entity};"));
        }
        rest = &rest[semi + 1..];
    }
    Ok(())
}

fn check_attributes(attrs: &str) -> Result<(), String> {
    let mut rest = attrs.trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or(format!("attribute without value: {rest}"))?;
        let quote = rest[eq + 1..]
            .chars()
            .next()
            .ok_or("attribute without value")?;
        if quote != '"' && quote != '\'' {
            return Err(format!("unquoted attribute: {rest}"));
        }
        let value_start = eq + 2;
        let value_end = rest[value_start..]
            .find(quote)
            .ok_or("unclosed attribute")?
            + value_start;
        let value = &rest[value_start..value_end];
        if value.contains('<') {
            return Err(format!("< in attribute: {value}"));
        }
        check_text(value)?;
        rest = rest[value_end + 1..].trim_start();
    }
    Ok(())
}

/// The text between the first `<open>` and the next `</close>` after `from`,
/// with the entities a template writes undone.
fn text_of(xml: &str, from: usize, open: &str, close: &str) -> String {
    let start = xml[from..].find(open).unwrap() + from + open.len();
    let end = xml[start..].find(close).unwrap() + start;
    xml[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_checker_refuses_what_is_not_well_formed() {
    assert!(well_formed("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t &amp; &#39;</a>\n").is_ok());
    for bad in [
        "<a>x & y</a>",
        "<a><b></a></b>",
        "<a x=1></a>",
        "<a>1 < 2</a>",
        "<a></a><b></b>",
        "<a x=\"<\"></a>",
        "<a>",
    ] {
        assert!(well_formed(bad).is_err(), "{bad}");
    }
}

#[actix_web::test]
async fn the_comment_feed_is_well_formed_xml_whatever_a_comment_contains() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let body = "Use <b>two</b> seals & a \"log\"; it's < 5 minutes > none ]]> &amp;";
    let form = with(
        with(
            fields(&token, EMAIL, body),
            "name",
            "Ana \"Seal\" <O'Neil> & Co",
        ),
        "organization",
        "Clerks & <Recorders> 'United'",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let link = verification_link(&site.deliver(), EMAIL);
    assert_eq!(confirm(&svc, &mut b, &link).await.status, StatusCode::OK);
    let id = last_comment_id(&site);

    let mut reader = Browser::new("192.0.2.200");
    let feed = get(&svc, &mut reader, "/standards/ballots/2/comments.atom")
        .await
        .body;
    let names = well_formed(&feed).unwrap_or_else(|e| panic!("{e}:\n{feed}"));
    assert_eq!(names[0], "feed");
    assert_eq!(names.iter().filter(|n| *n == "entry").count(), 1);
    let entry = feed
        .find(&format!("/comments/{id}</id>"))
        .expect("the comment's entry");
    let entry = feed[..entry].rfind("<entry>").unwrap();
    assert_eq!(
        text_of(&feed, entry, "<name>", "</name>"),
        "Ana \"Seal\" <O'Neil> & Co (Clerks & <Recorders> 'United')"
    );
    assert_eq!(
        text_of(&feed, entry, "<title>", "</title>"),
        format!(
            "Comment on clause 1.2 by Ana \"Seal\" <O'Neil> & Co ({})",
            site.comment(id).tracking_number
        )
    );
    // The content is the comment's HTML, escaped once more for XML: no
    // markup of the comment becomes markup of the feed.
    let html = text_of(&feed, entry, "<content type=\"html\">", "</content>");
    assert!(html.contains("&lt;b&gt;two&lt;/b&gt;"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
}

#[actix_web::test]
async fn a_feed_holds_the_newest_hundred_comments_whatever_the_total() {
    use docket::comments::published::FEED_ENTRIES;
    let site = Site::ballots();
    let version = site.version("ballots", "2");
    let total = FEED_ENTRIES as usize + 20;
    let mut ids = Vec::new();
    for i in 0..total {
        let c = crate::comments::seed_comment(
            &mut site.conn(),
            version.id,
            Some("custody"),
            None,
            &format!("Commenter {i}"),
            &format!("Comment number {i}."),
        );
        ids.push(c.id);
    }
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.90");
    let a = get(&svc, &mut b, "/standards/ballots/2/comments.atom").await;
    assert_eq!(a.status, StatusCode::OK);
    well_formed(&a.body).unwrap();
    assert_eq!(a.body.matches("<entry>").count(), FEED_ENTRIES as usize);
    // Newest first: the last comment leads, the oldest twenty are left out.
    let newest = a.body.find(&format!("/comments/{}<", ids[total - 1]));
    let next = a.body.find(&format!("/comments/{}<", ids[total - 2]));
    assert!(newest.is_some() && newest < next, "{}", a.body);
    for old in &ids[..20] {
        assert!(
            !a.body.contains(&format!("/comments/{old}<")),
            "comment {old} is older than the newest {FEED_ENTRIES}"
        );
    }
}

#[actix_web::test]
async fn the_versions_feed_lists_the_published_versions_newest_first() {
    let content = crate::support::two_versions();
    content.version(
        "ballots",
        "3",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\nA draft.\n",
            crate::support::front("3", "draft")
        ),
    );
    content.standard("later", "Later Standard");
    content.version(
        "later",
        "1",
        &format!(
            "{}## 1 Scope {{#scope}}\n\nNot yet.\n",
            crate::support::front("1", "draft")
        ),
    );
    let site = Site::new(content);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.91");
    // Not taken for a version labelled "versions.atom".
    let a = get(&svc, &mut b, "/standards/ballots/versions.atom").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a
        .headers
        .get(actix_web::http::header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let names = well_formed(&a.body).unwrap_or_else(|e| panic!("{e}:\n{}", a.body));
    assert_eq!(names[0], "feed");
    assert_eq!(a.body.matches("<entry>").count(), 2, "no draft: {}", a.body);
    let base = "http://127.0.0.1:8080";
    assert!(a.body.contains(&format!(
        "<link rel=\"self\" href=\"{base}/standards/ballots/versions.atom\"/>"
    )));
    let second = a
        .body
        .find(&format!("<id>{base}/standards/ballots/2</id>"))
        .expect("version 2");
    let first = a
        .body
        .find(&format!("<id>{base}/standards/ballots/1</id>"))
        .expect("version 1");
    assert!(second < first, "newest first");
    let entry = a.body[..second].rfind("<entry>").unwrap();
    assert_eq!(
        text_of(&a.body, entry, "<title>", "</title>"),
        "Version 2: Test standard, version 2 (Open for comment)"
    );
    assert!(a
        .body
        .contains("<author><name>The editors of Ballot Handling</name></author>"));
    assert!(!a.body.contains("A draft."));

    // A standard with nothing published yet has an empty feed to follow;
    // an unknown one has none.
    let a = get(&svc, &mut b, "/standards/later/versions.atom").await;
    assert_eq!(a.status, StatusCode::OK);
    well_formed(&a.body).unwrap();
    assert_eq!(a.body.matches("<entry>").count(), 0);
    let a = get(&svc, &mut b, "/standards/nothing/versions.atom").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);

    // The feed holds the newest versions only: with room for one, version 2.
    let (_, newest) = docket::releases::newest(&mut site.conn(), "ballots", 1).unwrap();
    let labels: Vec<&str> = newest.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["2"]);
}

#[actix_web::test]
async fn the_decisions_feed_holds_the_newest_hundred_decisions_each_linking_its_comment() {
    use crate::open_data::{decide, decision, editor};
    use docket::comments::published::FEED_ENTRIES;
    use docket::db::models::Outcome;
    let site = Site::ballots();
    let svc = app!(site);
    let edna = editor(&site);
    let version = site.version("ballots", "2");
    let start = chrono::Utc::now().naive_utc() - chrono::Duration::hours(2);
    let total = FEED_ENTRIES as usize + 5;
    let mut ids = Vec::new();
    for i in 0..total {
        let c = crate::comments::seed_comment(
            &mut site.conn(),
            version.id,
            Some("custody"),
            None,
            &format!("Commenter {i}"),
            &format!("Comment number {i}."),
        );
        ids.push(c.id);
    }
    // Decided in the order opposite to the comments', one a second.
    for (n, id) in ids.iter().rev().enumerate() {
        decide(
            &site,
            &edna,
            ("ballots", "2"),
            *id,
            decision(
                Outcome::NotAccepted,
                &format!("Reason {n}: <b>seals</b> & \"logs\"."),
                None,
            ),
            start + chrono::Duration::seconds(n as i64),
        );
    }
    let mut b = Browser::new("192.0.2.92");
    let a = get(&svc, &mut b, "/standards/ballots/2/decisions.atom").await;
    assert_eq!(a.status, StatusCode::OK);
    let names = well_formed(&a.body).unwrap_or_else(|e| panic!("{e}:\n{}", a.body));
    assert_eq!(names[0], "feed");
    assert_eq!(a.body.matches("<entry>").count(), FEED_ENTRIES as usize);
    let base = "http://127.0.0.1:8080";
    let link = |id: i32| {
        format!("<link rel=\"alternate\" type=\"text/html\" href=\"{base}/comments/{id}\"/>")
    };
    // The last decided (the first comment) leads, then the one before.
    let newest = a.body.find(&link(ids[0])).expect("the newest decision");
    let next = a.body.find(&link(ids[1])).expect("the one before");
    assert!(newest < next, "newest first");
    for old in &ids[total - 5..] {
        assert!(
            !a.body.contains(&link(*old)),
            "decision on {old} is older than the newest {FEED_ENTRIES}"
        );
    }
    let entry = a.body[..newest].rfind("<entry>").unwrap();
    assert_eq!(
        text_of(&a.body, entry, "<title>", "</title>"),
        format!(
            "Not accepted: comment {} on clause 1.2",
            site.comment(ids[0]).tracking_number
        )
    );
    let html = text_of(&a.body, entry, "<content type=\"html\">", "</content>");
    assert!(
        html.contains(&format!(
            "Reason {}: &lt;b&gt;seals&lt;/b&gt; &amp; &quot;logs&quot;.",
            total - 1
        )),
        "{html}"
    );
    assert!(a.body.contains(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{base}/standards/ballots/2/dispositions\"/>"
    )));
    assert!(!a.body.contains("edna"), "no staff name");
    assert!(!a.body.contains("Comment number"), "no comment text");

    // The API still walks every one of them.
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/versions/2/dispositions?limit=500",
    )
    .await;
    let page: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(page["decisions"].as_array().unwrap().len(), total);

    // No decisions yet: an empty, well-formed feed; a draft or unknown
    // version: none.
    let a = get(&svc, &mut b, "/standards/ballots/1/decisions.atom").await;
    assert_eq!(a.status, StatusCode::OK);
    well_formed(&a.body).unwrap();
    assert_eq!(a.body.matches("<entry>").count(), 0);
    let a = get(&svc, &mut b, "/standards/ballots/9/decisions.atom").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn pages_announce_their_feeds_in_the_head_and_link_them() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.93");
    let announce = |title: &str, href: &str| {
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title}\" href=\"{href}\">"
        )
    };
    let versions = announce(
        "Versions of Ballot Handling",
        "/standards/ballots/versions.atom",
    );
    let comments = announce(
        "Comments on Ballot Handling, version 2",
        "/standards/ballots/2/comments.atom",
    );
    let decisions = announce(
        "Decisions on comments on Ballot Handling, version 2",
        "/standards/ballots/2/decisions.atom",
    );
    for (path, wanted) in [
        ("/standards/ballots", vec![&versions]),
        ("/standards/ballots/2", vec![&comments, &decisions]),
        (
            "/standards/ballots/2/clauses/custody",
            vec![&comments, &decisions],
        ),
    ] {
        let a = get(&svc, &mut b, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        let (head, body) = a.body.split_once("</head>").unwrap();
        for link in wanted {
            assert!(
                head.contains(link.as_str()),
                "{path} announces {link}:\n{head}"
            );
            // And a reader sees a link to it on the page.
            let href = link
                .split("href=\"")
                .nth(1)
                .unwrap()
                .trim_end_matches("\">");
            assert!(
                body.contains(&format!(
                    "<a href=\"{href}\" type=\"application/atom+xml\">"
                )),
                "{path} links {href}"
            );
        }
    }
}
