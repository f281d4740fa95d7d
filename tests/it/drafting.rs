//! The editors' desk: a draft edited clause by clause beside the published
//! clause and its comments; two editors saving one clause (merged, or a
//! conflict that keeps every word); numbering warnings and renumbering
//! that keeps keys; title and notes as fields; forged forms refused.

use actix_web::http::StatusCode;
use docket::db::models::{ClauseRow, Draft, Role, Standard};
use docket::standard::parse::parse_version;

use crate::comments::{app, get, post, Answer, Browser, Site};
use crate::dispositions::{decide, editor, seed, snapshot, staff_browser, version_of, Seed};
use crate::support::csrf_token_in;

const DRAFT: &str = "/editor/standards/ballots/drafts/3";
const CUSTODY: &str = "/editor/standards/ballots/drafts/3/clauses/custody";
const CUSTODY_V2: &str = "Ballots shall be logged at every hand-off, with two signatures.";

fn draft(site: &Site) -> Draft {
    let mut conn = site.conn();
    let s = Standard::by_slug(&mut conn, "ballots").unwrap();
    Draft::by_label(&mut conn, s.id, "3").unwrap()
}

/// Keys and numbers of the draft's clauses, as import would read them.
fn outline(site: &Site) -> Vec<(String, String)> {
    let d = draft(site);
    let prev = ClauseRow::clauses_of(&mut site.conn(), d.base_version_id).unwrap();
    parse_version("3.md", d.source.as_bytes(), Some(&prev))
        .unwrap()
        .clauses
        .into_iter()
        .map(|c| (c.key, c.number))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of the first form field `name` in a page (input or textarea).
fn field(html: &str, name: &str) -> String {
    let input = format!("name=\"{name}\" value=\"");
    let area = format!("name=\"{name}\"");
    let i = html.find(&input);
    let t = html.find(&area).filter(|at| {
        html[..*at]
            .rfind('<')
            .is_some_and(|lt| html[lt..].starts_with("<textarea"))
    });
    match (i, t) {
        (Some(i), t) if t.is_none_or(|t| i < t) => {
            let rest = &html[i + input.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        }
        (_, Some(t)) => {
            let rest = &html[t..];
            let rest = &rest[rest.find('>').unwrap() + 1..];
            unescape(&rest[..rest.find("</textarea>").unwrap()])
        }
        _ => panic!("no field {name} in:\n{html}"),
    }
}

/// The clause form as an editor opened it.
struct Opened {
    token: String,
    revision: String,
    number: String,
    heading: String,
    body: String,
}

async fn open<S, B>(svc: &S, b: &mut Browser, uri: &str) -> Opened
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let page = get(svc, b, uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    Opened {
        token: csrf_token_in(&page.body),
        revision: field(&page.body, "revision"),
        number: field(&page.body, "base_number"),
        heading: field(&page.body, "base_heading"),
        body: field(&page.body, "base_body"),
    }
}

/// Save a clause from an opened form with the fields given.
async fn save_clause<S, B>(
    svc: &S,
    b: &mut Browser,
    uri: &str,
    o: &Opened,
    (number, heading, body): (&str, &str, &str),
) -> Answer
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    post(
        svc,
        b,
        uri,
        &[
            ("csrf_token", o.token.as_str()),
            ("revision", &o.revision),
            ("base_number", &o.number),
            ("base_heading", &o.heading),
            ("base_body", &o.body),
            ("number", number),
            ("heading", heading),
            ("body", body),
        ],
    )
    .await
}

/// Start the draft of ballots 3.
async fn start<S, B>(svc: &S, b: &mut Browser)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let index = get(svc, b, "/editor/feedback").await;
    let token = csrf_token_in(&index.body);
    let a = post(
        svc,
        b,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
}

#[actix_web::test]
async fn editing_one_clause_leaves_every_other_byte_as_it_was() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let c = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: Some("custody"),
            author: "Pat Clerk",
            organization: Some("County Clerks"),
            kind: "technical",
            body: "Two signatures slow the *hand-off*.",
            proposed: None,
            status: "published",
        },
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    start(&svc, &mut ed).await;
    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &c.id.to_string(),
        &[
            ("outcome", "noted"),
            ("rationale", "Kept for accountability."),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);

    let page = get(&svc, &mut ed, DRAFT).await;
    assert!(
        page.body
            .contains(&format!("href=\"{CUSTODY}\">Chain of custody</a>")),
        "{}",
        page.body
    );
    assert!(page.body.contains("<code>training</code>"));

    let before = draft(&site);
    let o = open(&svc, &mut ed, CUSTODY).await;
    assert_eq!(
        (o.number.as_str(), o.heading.as_str(), o.body.as_str()),
        ("1.2", "Chain of custody", CUSTODY_V2)
    );
    let side = get(&svc, &mut ed, CUSTODY).await.body;
    assert!(side.contains("As published in version 2"));
    assert!(
        side.contains("Two signatures slow the <em>hand-off</em>."),
        "the comment, rendered"
    );
    assert!(
        side.contains("Decision: Noted.</strong> Kept for accountability."),
        "{side}"
    );

    let new_body = "Ballots shall be logged at every hand-off, with two signatures\nand the time.";
    let a = save_clause(
        &svc,
        &mut ed,
        CUSTODY,
        &o,
        ("1.2", "Chain of custody", new_body),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let after = draft(&site);
    assert_eq!(after.revision, before.revision + 1);
    assert_eq!(
        after.source,
        before.source.replace(CUSTODY_V2, new_body),
        "only the clause's own lines changed"
    );
    let page = get(&svc, &mut ed, &format!("{CUSTODY}?saved=2")).await.body;
    assert!(page.contains("Saved as revision 2."));
    assert!(
        page.contains("<ins>"),
        "the redline shows the words added: {page}"
    );
    assert!(page.contains("the time"));

    // A new heading keeps the key, written out; nothing else moves.
    let o = open(&svc, &mut ed, CUSTODY).await;
    let a = save_clause(
        &svc,
        &mut ed,
        CUSTODY,
        &o,
        ("1.2", "Custody of ballots", new_body),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let renamed = draft(&site);
    assert_eq!(
        renamed.source,
        after.source.replace(
            "### 1.2 Chain of custody {#custody}",
            "### 1.2 Custody of ballots {#custody}"
        )
    );

    // A body that would start a new clause is refused, the text kept.
    let o = open(&svc, &mut ed, CUSTODY).await;
    let before = snapshot(&site);
    let sneaky = "Logged.\n\n### 1.9 Smuggled clause\n\nText.";
    let a = save_clause(
        &svc,
        &mut ed,
        CUSTODY,
        &o,
        ("1.2", "Custody of ballots", sneaky),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("heading line"), "{}", a.body);
    assert!(a.body.contains("Smuggled clause"), "what was typed is kept");
    assert_eq!(draft(&site).source, renamed.source);
    assert_eq!(snapshot(&site), before);
    let a = save_clause(
        &svc,
        &mut ed,
        CUSTODY,
        &o,
        ("1.x", "Custody of ballots", "Text."),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("not a clause number"));
    assert_eq!(draft(&site).source, renamed.source);
}

#[actix_web::test]
async fn two_editors_saving_one_clause_merge_or_meet_a_conflict_and_lose_no_words() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let mut other = staff_browser(&svc, &site, "otto", Role::Editor).await;
    start(&svc, &mut ed).await;

    // Both open the clause at revision 1.
    let mine = open(&svc, &mut ed, CUSTODY).await;
    let theirs = open(&svc, &mut other, CUSTODY).await;
    let late = open(&svc, &mut other, CUSTODY).await;
    let a = save_clause(
        &svc,
        &mut other,
        CUSTODY,
        &theirs,
        (
            "1.2",
            "Chain of custody",
            "Ballots shall be logged at every single hand-off, with two signatures.",
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    // A save from revision 1 that changed other words is merged.
    let a = save_clause(
        &svc,
        &mut ed,
        CUSTODY,
        &mine,
        (
            "1.2",
            "Chain of custody",
            "Ballots shall be logged at every hand-off, with two signatures and the time.",
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let location = a
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.ends_with("?saved=3&merged=1"), "{location}");
    let merged =
        "Ballots shall be logged at every single hand-off, with two signatures and the time.";
    assert!(
        draft(&site).source.contains(merged),
        "{}",
        draft(&site).source
    );
    let page = get(&svc, &mut ed, &location).await.body;
    assert!(page.contains("combined with the changes someone else saved"));

    // A save from revision 1 that changed the same words is a conflict:
    // nothing changes, and every text is on the page.
    let before = snapshot(&site);
    let source = draft(&site).source;
    let typed = "Ballots shall be logged at each transfer, with three signatures.";
    let a = save_clause(
        &svc,
        &mut other,
        CUSTODY,
        &late,
        ("1.2", "Chain of custody", typed),
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("Not saved"));
    assert!(
        a.body.contains("three signatures"),
        "what was typed is kept"
    );
    assert!(a.body.contains("the time"), "the saved text is shown");
    assert!(a.body.contains(&format!("value=\"{typed}\"")), "{}", a.body);
    assert_eq!(draft(&site).source, source);
    assert_eq!(snapshot(&site), before);

    // Settling it from the conflict page saves against the new revision.
    let settled = Opened {
        token: csrf_token_in(&a.body),
        revision: field(&a.body, "revision"),
        number: field(&a.body, "base_number"),
        heading: field(&a.body, "base_heading"),
        body: field(&a.body, "base_body"),
    };
    assert_eq!(settled.revision, "3");
    assert_eq!(settled.body, merged);
    let combined =
        "Ballots shall be logged at every single hand-off, with three signatures and the time.";
    let a = save_clause(
        &svc,
        &mut other,
        CUSTODY,
        &settled,
        ("1.2", "Chain of custody", combined),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(draft(&site).source, source.replace(merged, combined));
    assert_eq!(draft(&site).revision, 4);
}

#[actix_web::test]
async fn numbers_are_checked_on_every_save_and_renumbering_keeps_keys() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    start(&svc, &mut ed).await;
    let keys_before: Vec<String> = outline(&site).into_iter().map(|(k, _)| k).collect();

    let seals = "/editor/standards/ballots/drafts/3/clauses/seals";
    let o = open(&svc, &mut ed, seals).await;
    assert_eq!(o.number, "1.3");
    let a = save_clause(&svc, &mut ed, seals, &o, ("1.6", &o.heading, &o.body)).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let page = get(&svc, &mut ed, seals).await.body;
    assert!(page.contains("Clause numbers to check"), "{page}");
    assert!(page.contains("1.2 is followed by 1.6"), "{page}");
    let desk = get(&svc, &mut ed, DRAFT).await.body;
    assert!(desk.contains("1.6 is followed by 1.4"), "{desk}");

    // A renumbering made from an old revision changes nothing.
    let token = csrf_token_in(&desk);
    let before = snapshot(&site);
    let source = draft(&site).source;
    let a = post(
        &svc,
        &mut ed,
        &format!("{DRAFT}/renumber"),
        &[("csrf_token", &token), ("revision", "1")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let back = a
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(get(&svc, &mut ed, &back)
        .await
        .body
        .contains("Not renumbered"));
    assert_eq!(draft(&site).source, source);
    assert_eq!(snapshot(&site), before);

    let revision = field(&desk, "revision");
    let a = post(
        &svc,
        &mut ed,
        &format!("{DRAFT}/renumber"),
        &[("csrf_token", &token), ("revision", &revision)],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let back = a
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let desk = get(&svc, &mut ed, &back).await.body;
    assert!(
        desk.contains("Renumbered: 1 clause numbers changed."),
        "{desk}"
    );
    assert!(
        desk.contains("The clause numbers run in sequence."),
        "{desk}"
    );
    let after = outline(&site);
    assert_eq!(
        after.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        keys_before
    );
    let numbers: Vec<&str> = after.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "1.1", "1.2", "1.3", "1.4"]);
    assert!(draft(&site).source.contains("### 1.3 Seals {#seals}\n"));
}

fn send(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[actix_web::test]
async fn title_and_notes_are_fields_and_a_late_save_keeps_what_was_typed() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let mut other = staff_browser(&svc, &site, "otto", Role::Editor).await;
    start(&svc, &mut ed).await;
    let desk = get(&svc, &mut ed, DRAFT).await.body;
    assert_eq!(field(&desk, "title"), "Test standard, version 2");
    assert!(desk.contains("The title is still the one of version 2."));
    let body_before = draft(&site).source.split("+++").nth(2).unwrap().to_string();

    let form = |token: &str, rev: &str, title: &str, notes: &str| {
        vec![
            ("csrf_token".to_string(), token.to_string()),
            ("revision".to_string(), rev.to_string()),
            (
                "base_title".to_string(),
                "Test standard, version 2".to_string(),
            ),
            ("base_notes".to_string(), String::new()),
            ("title".to_string(), title.to_string()),
            ("notes".to_string(), notes.to_string()),
        ]
    };
    let token = csrf_token_in(&desk);
    let notes = "Version 3 adds \"two signatures\".\r\n\r\nAnd a second paragraph.";
    let f = form(&token, "1", "Ballot Handling, version 3", notes);
    let a = post(&svc, &mut ed, &format!("{DRAFT}/front"), &send(&f)).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let d = draft(&site);
    let p = parse_version("3.md", d.source.as_bytes(), None).unwrap();
    assert_eq!(p.front.title, "Ballot Handling, version 3");
    assert_eq!(p.front.notes, notes.replace("\r\n", "\n"));
    assert_eq!(
        d.source.split("+++").nth(2).unwrap(),
        body_before,
        "the clauses are untouched"
    );
    let desk = get(&svc, &mut ed, DRAFT).await.body;
    assert!(!desk.contains("The title is still"));

    // A late save that changed the title differently is refused, typed kept.
    let other_desk = get(&svc, &mut other, DRAFT).await.body;
    let token = csrf_token_in(&other_desk);
    let before = snapshot(&site);
    let f = form(&token, "1", "Ballots, third edition", "");
    let a = post(&svc, &mut other, &format!("{DRAFT}/front"), &send(&f)).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("value=\"Ballots, third edition\""));
    assert!(
        a.body.contains("Ballot Handling, version 3"),
        "the saved title is shown"
    );
    assert_eq!(draft(&site).source, d.source);
    assert_eq!(snapshot(&site), before);
    // An empty title is refused.
    let f = form(&token, &d.revision.to_string(), "  ", "");
    let a = post(&svc, &mut other, &format!("{DRAFT}/front"), &send(&f)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(draft(&site).source, d.source);
}

#[actix_web::test]
async fn forged_or_missing_tokens_change_nothing_at_the_desk() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    start(&svc, &mut ed).await;
    let o = open(&svc, &mut ed, CUSTODY).await;
    let before = snapshot(&site);
    let source = draft(&site).source;
    for token in ["", "forged-token"] {
        let forged = Opened {
            token: token.to_string(),
            revision: o.revision.clone(),
            number: o.number.clone(),
            heading: o.heading.clone(),
            body: o.body.clone(),
        };
        let a = save_clause(&svc, &mut ed, CUSTODY, &forged, ("9", "Clobbered", "Gone.")).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
        for (path, fields) in [
            ("renumber", vec![("revision", "1")]),
            ("front", vec![("revision", "1"), ("title", "Clobbered")]),
        ] {
            let mut form = vec![("csrf_token", token)];
            form.extend(fields);
            let a = post(&svc, &mut ed, &format!("{DRAFT}/{path}"), &form).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{path}: {}", a.body);
        }
    }
    assert_eq!(draft(&site).source, source);
    assert_eq!(snapshot(&site), before);
}

#[actix_web::test]
async fn a_clause_keeps_an_inherited_key_whatever_its_new_text() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    start(&svc, &mut ed).await;
    // Renamed in the whole file without a key: the clause keeps its key
    // only through its text, which matches the published clause's.
    let d = draft(&site);
    let renamed = d.source.replace(
        "### 1.4 Secure storage\n",
        "### 1.4 Where ballots are kept\n",
    );
    assert_ne!(renamed, d.source);
    let token = csrf_token_in(&get(&svc, &mut ed, DRAFT).await.body);
    let a = post(
        &svc,
        &mut ed,
        DRAFT,
        &[
            ("csrf_token", token.as_str()),
            ("revision", "1"),
            ("source", &renamed),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let before = outline(&site);
    let (key, number) = before.last().unwrap().clone();
    assert_eq!(number, "1.4");

    // New words throughout: the key is written out and stays.
    let uri = format!("{DRAFT}/clauses/{key}");
    let o = open(&svc, &mut ed, &uri).await;
    let text = "Sealed containers wait in a vault with a logged door.";
    let a = save_clause(&svc, &mut ed, &uri, &o, ("1.4", &o.heading, text)).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(outline(&site), before, "every clause keeps its key");
    let source = draft(&site).source;
    assert!(
        source.contains(&format!(
            "### 1.4 Where ballots are kept {{#{key}}}\n\n{text}\n"
        )),
        "{source}"
    );
}
