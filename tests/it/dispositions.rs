//! Dispositions: recording a decision on a comment (emailed, audited, in
//! the ledger, shown under the comment), the public report in HTML, CSV
//! and JSON, and every kind of bad input refused with nothing changed.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use chrono::Utc;
use docket::db::models::{
    Comment, CommentStatus, Commenter, NewComment, NewCommenter, Role, Standard, Version,
};
use docket::db::{write_tx, DbConn};

use crate::comments::{
    app, comment_and_verify, get, open_form, post, seed_comment, Browser, Site, CUSTODY_PAGE, EMAIL,
};
use crate::staff::create_staff;
use crate::support::count;

/// Sign a new staff account with `role` in from a fresh browser.
pub async fn staff_browser<S, B>(svc: &S, site: &Site, name: &str, role: Role) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let password = create_staff(&site.db, name, role);
    let mut b = Browser::new("203.0.113.77");
    let token = open_form(svc, &mut b, "/staff/login").await;
    let a = post(
        svc,
        &mut b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password.as_str()),
            ("next", "/staff"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    b
}

/// A signed-in editor.
pub async fn editor<S, B>(svc: &S, site: &Site) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    staff_browser(svc, site, "edith", Role::Editor).await
}

/// Everything a comment can carry, for fixtures.
pub struct Seed<'a> {
    pub version_id: i32,
    pub clause_key: Option<&'a str>,
    pub author: &'a str,
    pub organization: Option<&'a str>,
    pub kind: &'a str,
    pub body: &'a str,
    pub proposed: Option<&'a str>,
    pub status: &'a str,
}

/// Store a comment directly, with a commenter of its own.
pub fn seed(conn: &mut DbConn, s: &Seed<'_>) -> Comment {
    let now = Utc::now().naive_utc();
    write_tx(conn, |conn| {
        let email = format!(
            "{}@seed.example.org",
            s.author.to_lowercase().replace(' ', ".")
        );
        let commenter = match Commenter::by_email(conn, &email)? {
            Some(c) => c,
            None => Commenter::insert(
                conn,
                &NewCommenter {
                    email: &email,
                    display_name: s.author,
                    organization: s.organization,
                    unsubscribe_token: &docket::comments::random_hex(8),
                    created_at: now,
                },
            )?,
        };
        let html = docket::comments::SafeHtml::from_markdown(s.body);
        let tracking = format!("SEED-{}", docket::comments::random_code(8));
        Comment::insert(
            conn,
            &NewComment {
                version_id: s.version_id,
                clause_key: s.clause_key,
                parent_id: None,
                depth: 0,
                kind: s.kind,
                body_md: s.body,
                body_html: html.as_str(),
                proposed_text: s.proposed,
                quoted_text: None,
                commenter_id: commenter.id,
                status: s.status,
                tracking_number: &tracking,
                created_at: now,
                published_at: (s.status == "published").then_some(now),
                author_name: &commenter.display_name,
                author_organization: commenter.organization.as_deref(),
                submission_key: None,
                proposed_html: None,
                lang: "en",
            },
            None,
        )
        .and_then(|c| {
            docket::comments::campaigns::sign(conn, &c)?;
            Ok(c)
        })
    })
    .unwrap()
}

/// Post a disposition form for `ids` on `slug`/`label` with a token from
/// the feedback page; returns the answer.
pub async fn decide<S, B>(
    svc: &S,
    b: &mut Browser,
    slug: &str,
    label: &str,
    ids: &str,
    fields: &[(&str, &str)],
) -> crate::comments::Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(
        svc,
        b,
        &format!("/editor/standards/{slug}/{label}/feedback"),
    )
    .await;
    let mut form = vec![("csrf_token", token.as_str()), ("comment_ids", ids)];
    form.extend_from_slice(fields);
    post(
        svc,
        b,
        &format!("/editor/standards/{slug}/{label}/dispositions"),
        &form,
    )
    .await
}

/// Row counts that a refused form must leave alone.
pub fn snapshot(site: &Site) -> Vec<(&'static str, i64)> {
    let mut conn = site.conn();
    [
        "dispositions",
        "outbox",
        "audit_events",
        "ledger",
        "versions",
        "clauses",
        "drafts",
        "draft_acceptances",
    ]
    .into_iter()
    .map(|t| (t, count(&mut conn, t)))
    .collect()
}

pub fn version_of(site: &Site, slug: &str, label: &str) -> Version {
    let mut conn = site.conn();
    let s = Standard::by_slug(&mut conn, slug).unwrap();
    Version::by_label(&mut conn, s.id, label).unwrap()
}

fn location(a: &crate::comments::Answer) -> String {
    a.headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

#[actix_web::test]
async fn a_decision_is_emailed_audited_shown_under_the_comment_and_reported() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(
        &svc,
        &site,
        "198.51.100.1",
        EMAIL,
        "Two signatures at every hand-off, please.",
    )
    .await;
    site.deliver();
    let tracking = site.comment(id).tracking_number;
    let ledger_before = count(&mut site.conn(), "ledger");

    let mut ed = editor(&svc, &site).await;
    let page = get(&svc, &mut ed, "/editor/standards/ballots/2/feedback").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&tracking));
    assert!(page.body.contains("0 of 1"), "{}", page.body);

    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &id.to_string(),
        &[
            ("outcome", "accepted"),
            (
                "rationale",
                "Agreed: two signatures make the log trustworthy.",
            ),
            ("clause_key", "custody"),
            ("return_to", "?kind=technical"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let back = location(&a);
    assert!(
        back.starts_with("/editor/standards/ballots/2/feedback?kind=technical&done=1"),
        "{back}"
    );
    let page = get(&svc, &mut ed, &back).await;
    assert!(page.body.contains("Disposition recorded"), "{}", page.body);

    // Stored, in the ledger and the audit log.
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "dispositions"), 1);
    assert_eq!(count(&mut conn, "ledger"), ledger_before + 1);
    let v2 = version_of(&site, "ballots", "2");
    let events = docket::db::models::AuditEvent::public_for_version(&mut conn, v2.id).unwrap();
    assert!(
        events.iter().any(|e| e.action == "disposition.recorded"
            && e.public
            && e.target.contains(&tracking)),
        "{events:#?}"
    );
    drop(conn);

    // The commenter is told, with a link to the clause (no next version yet).
    let mails = site.deliver();
    let mail: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.starts_with("Decision on your comment"))
        .collect();
    assert_eq!(mail.len(), 1, "{mails:#?}");
    assert_eq!(mail[0].to, EMAIL);
    assert!(mail[0].subject.contains(&tracking));
    assert!(mail[0].text.contains("Outcome: Accepted"));
    // The resolving clause is named by number and heading, not by its key.
    assert!(
        mail[0].text.contains("clause 1.2 (Chain of custody)"),
        "{}",
        mail[0].text
    );
    assert!(!mail[0].text.contains("“custody”"), "{}", mail[0].text);
    assert!(mail[0]
        .text
        .contains("two signatures make the log trustworthy"));
    assert!(
        mail[0]
            .text
            .contains("/standards/ballots/2/clauses/custody"),
        "{}",
        mail[0].text
    );

    // Shown under the comment on the public site.
    let mut reader = Browser::new("198.51.100.200");
    let clause = get(&svc, &mut reader, CUSTODY_PAGE).await;
    assert!(
        clause.body.contains("Editors' decision: Accepted"),
        "{}",
        clause.body
    );
    assert!(clause
        .body
        .contains("two signatures make the log trustworthy"));
    let permalink = get(&svc, &mut reader, &format!("/comments/{id}")).await;
    assert!(permalink.body.contains("Editors' decision: Accepted"));

    // The report, in three formats, without the email address.
    let html = get(&svc, &mut reader, "/standards/ballots/2/dispositions").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains(&tracking));
    assert!(html.body.contains("Accepted"));
    assert!(html.body.contains("Ana Example"));
    let csv = get(&svc, &mut reader, "/standards/ballots/2/dispositions.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut lines = csv.body.split("\r\n");
    assert!(lines
        .next()
        .unwrap()
        .starts_with("tracking_number,clause_number,clause_key"));
    assert!(
        csv.body.contains(&format!("{tracking},1.2,custody,")),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(",accepted,"));
    let json = get(&svc, &mut reader, "/standards/ballots/2/dispositions.json").await;
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v["rows"][0]["tracking_number"], tracking.as_str());
    assert_eq!(v["rows"][0]["outcome"], "accepted");
    assert_eq!(v["rows"][0]["resolved_clause_key"], "custody");
    assert_eq!(v["decided"], 1);
    // The comments API carries the decision with the comment.
    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await;
    let a: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let decided: Vec<&serde_json::Value> = a["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["tracking_number"] == tracking.as_str())
        .collect();
    assert_eq!(decided.len(), 1, "{}", api.body);
    assert_eq!(decided[0]["disposition"]["outcome"], "accepted");
    assert!(
        decided[0]["disposition"]["rationale"]
            .as_str()
            .unwrap()
            .len()
            > 3
    );
    for body in [&html.body, &csv.body, &json.body, &clause.body, &api.body] {
        assert!(!body.contains(EMAIL), "an email address leaked");
        assert!(!body.contains("@seed.example.org"));
    }
}

#[actix_web::test]
async fn bad_disposition_input_is_a_clear_400_and_changes_nothing() {
    let site = Site::ballots();
    let v1 = version_of(&site, "ballots", "1");
    let v2 = version_of(&site, "ballots", "2");
    let on_v2 = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Pat",
        "Log it.",
    );
    let on_v1 = seed_comment(
        &mut site.conn(),
        v1.id,
        Some("custody"),
        None,
        "Lee",
        "Older.",
    );
    let held = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: Some("custody"),
            author: "Kim",
            organization: None,
            kind: "general",
            body: "Waiting for a moderator.",
            proposed: None,
            status: CommentStatus::Pending.as_str(),
        },
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let mut moderator = staff_browser(&svc, &site, "morgan", Role::Moderator).await;
    let before = snapshot(&site);
    let good = on_v2.id.to_string();
    type Case<'a> = (String, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            good.clone(),
            vec![("rationale", "Because.")],
            "Choose an outcome",
        ),
        (
            good.clone(),
            vec![("outcome", "maybe"), ("rationale", "Because.")],
            "Unknown outcome",
        ),
        (
            good.clone(),
            vec![("outcome", "noted"), ("rationale", "  ")],
            "Write a rationale",
        ),
        (
            good.clone(),
            vec![("outcome", "noted")],
            "Write a rationale",
        ),
        (
            on_v1.id.to_string(),
            vec![("outcome", "noted"), ("rationale", "Because.")],
            "is on version 1, not version 2",
        ),
        (
            format!("{good},{}", on_v1.id),
            vec![("outcome", "noted"), ("rationale", "Because.")],
            "is on version 1, not version 2",
        ),
        (
            held.id.to_string(),
            vec![("outcome", "noted"), ("rationale", "Because.")],
            "is not published",
        ),
        (
            good.clone(),
            vec![
                ("outcome", "accepted"),
                ("rationale", "Because."),
                ("clause_key", "nowhere"),
            ],
            "no clause with the key",
        ),
        (
            good.clone(),
            vec![
                ("outcome", "accepted"),
                ("rationale", "Because."),
                ("clause_key", "Not A Key"),
            ],
            "is not a clause key",
        ),
        (
            String::new(),
            vec![("outcome", "noted"), ("rationale", "Because.")],
            "No comment was named",
        ),
        (
            "99999".to_string(),
            vec![("outcome", "noted"), ("rationale", "Because.")],
            "no comment number 99999",
        ),
    ];
    for (ids, fields, message) in cases {
        let a = decide(&svc, &mut ed, "ballots", "2", &ids, &fields).await;
        assert_eq!(
            a.status,
            StatusCode::BAD_REQUEST,
            "{ids} {fields:?}: {}",
            a.body
        );
        assert!(
            a.body.contains(message),
            "{ids} {fields:?}: expected “{message}” in {}",
            a.body
        );
        assert_eq!(
            snapshot(&site),
            before,
            "{ids} {fields:?} changed something"
        );
    }
    // Without the form's token, or from a moderator: refused too.
    let a = post(
        &svc,
        &mut ed,
        "/editor/standards/ballots/2/dispositions",
        &[
            ("comment_ids", good.as_str()),
            ("outcome", "noted"),
            ("rationale", "x"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let token = open_form(&svc, &mut moderator, "/staff").await;
    let a = post(
        &svc,
        &mut moderator,
        "/editor/standards/ballots/2/dispositions",
        &[
            ("csrf_token", token.as_str()),
            ("comment_ids", good.as_str()),
            ("outcome", "noted"),
            ("rationale", "x"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    // A version that does not exist.
    let token = open_form(&svc, &mut ed, "/editor/standards/ballots/2/feedback").await;
    let a = post(
        &svc,
        &mut ed,
        "/editor/standards/ballots/9/dispositions",
        &[
            ("csrf_token", token.as_str()),
            ("comment_ids", good.as_str()),
            ("outcome", "noted"),
            ("rationale", "x"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(snapshot(&site), before);
    let c = site.comment(on_v2.id);
    assert_eq!(c.status(), CommentStatus::Published);
}

#[actix_web::test]
async fn a_new_decision_replaces_the_old_one_and_the_csv_defuses_formulas() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let c = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: None,
            author: "Formula Fan",
            organization: Some("=cmd|' /C calc'!A0"),
            kind: "editorial",
            body: "=HYPERLINK(\"http://evil.example\",\"click\")",
            proposed: None,
            status: "published",
        },
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let ids = c.id.to_string();
    for (outcome, rationale) in [
        ("noted", "First thought."),
        ("out_of_scope", "Second, final thought."),
    ] {
        let a = decide(
            &svc,
            &mut ed,
            "ballots",
            "2",
            &ids,
            &[("outcome", outcome), ("rationale", rationale)],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    assert_eq!(count(&mut site.conn(), "dispositions"), 1);
    let mut reader = Browser::new("198.51.100.9");
    let csv = get(&svc, &mut reader, "/standards/ballots/2/dispositions.csv").await;
    assert!(
        csv.body
            .contains(",out_of_scope,\"Second, final thought.\""),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains("First thought"));
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("'=cmd|' /C calc'!A0"), "{}", csv.body);
    for line in csv.body.split("\r\n") {
        for cell in line.split(',') {
            assert!(!cell.starts_with('='), "{line}");
        }
    }
    // Two emails: one per decision.
    let mails: Vec<_> = site
        .deliver()
        .into_iter()
        .filter(|m| m.subject.starts_with("Decision on your comment"))
        .collect();
    assert_eq!(mails.len(), 2);
}

/// The public report reads as blocks: it leads with counts by outcome and
/// by clause, shows each comment rendered (not as Markdown source), its
/// proposed text as a redline against the clause, the decision, and the
/// clause by number and heading.
#[actix_web::test]
async fn the_report_leads_with_counts_and_shows_each_comment_as_a_block() {
    use docket::db::models::{Disposition, NewDisposition, StaffUser};

    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    let proposal = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: Some("custody"),
            author: "Ana Example",
            organization: Some("County Clerks"),
            kind: "technical",
            body: "Logging is **not enough** without a second signature.",
            proposed: Some("Ballots shall be logged at every hand-off, with three signatures."),
            status: "published",
        },
    );
    let plain = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: None,
            author: "Ben Reader",
            organization: None,
            kind: "general",
            body: "Clear overall.",
            proposed: None,
            status: "published",
        },
    );
    create_staff(&site.db, "ed", Role::Editor);
    let ed = StaffUser::find_by_name(&mut site.conn(), "ed")
        .unwrap()
        .unwrap();
    write_tx(&mut site.conn(), |conn| {
        Disposition::upsert(
            conn,
            &NewDisposition {
                comment_id: proposal.id,
                outcome: "accepted_modified",
                rationale: "Two signatures are kept; the log gains a time.",
                staff_id: ed.id,
                decided_at: Utc::now().naive_utc(),
                resolved_version: None,
                resolved_clause_key: None,
                group_id: None,
            },
        )
    })
    .unwrap();
    let svc = app!(site);
    let mut reader = Browser::new("192.0.2.90");
    let html = get(&svc, &mut reader, "/standards/ballots/2/dispositions").await;
    assert_eq!(html.status, StatusCode::OK);
    let body = &html.body;
    let overview = body
        .find("Decisions by outcome")
        .expect("counts by outcome");
    let first_item = body.find("class=\"report-item\"").expect("comment blocks");
    assert!(overview < first_item, "the counts lead");
    assert!(body.contains("Comments by clause"), "{body}");
    assert!(
        !body.contains("<table class=\"report\">"),
        "no nine-column table"
    );
    // Accepted with modification: 1; no decision yet: 1.
    assert!(
        body.contains(
            "<th scope=\"row\">Accepted with modification</th><td class=\"num-cell\">1</td>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<th scope=\"row\">No decision yet</th><td class=\"num-cell\">1</td>"),
        "{body}"
    );
    assert!(body.contains("1.2 Chain of custody</a></th><td class=\"num-cell\">1</td><td class=\"num-cell\">1</td>"), "{body}");
    // The comment rendered, not its Markdown.
    assert!(body.contains("<strong>not enough</strong>"), "{body}");
    assert!(!body.contains("**not enough**"), "{body}");
    // The proposal as a redline against the clause.
    assert!(
        body.contains("<del><span class=\"sr-only\">[deleted: </span>two<span class=\"sr-only\">]</span></del><ins><span class=\"sr-only\">[inserted: </span>three"),
        "{body}"
    );
    assert!(body.contains(&format!("id=\"r-{}\"", proposal.tracking_number)));
    assert!(body.contains(&format!("id=\"r-{}\"", plain.tracking_number)));
    assert!(body.contains("County Clerks"));
    assert!(body.contains("Two signatures are kept"));
}
