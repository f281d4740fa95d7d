//! The whole editors' cycle, as the public and an editor would do it in the
//! browser: the public comments on version 1 (some with proposed text, some
//! near-duplicates), an editor decides every comment, accepts two
//! proposals into the draft of version 2 and publishes it. Every commenter
//! is emailed their decision, the report lists every comment with its
//! outcome, the redline 1→2 shows the accepted wording, and version 2's
//! clauses show the earlier comments with their clause's fate.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use chrono::Utc;
use docket::db::models::subscription::{NewSubscription, Subscription, CONFIRMED};
use docket::db::models::{Standard, VersionStatus};

use crate::comments::{
    app, confirm, fields, get, open_form, post, send_form, verification_link, with, Browser, Site,
};
use crate::dispositions::{decide, editor, version_of};
use crate::support::{csrf_token_in, front, Content};

const V1: &str = "## 1 Integrity {#integrity}\n\n### 1.1 Chain of custody {#custody}\n\nBallots shall be logged at every hand-off.\n\n### 1.2 Seals {#seals}\n\nEvery container shall be sealed with a numbered seal, recorded on the log.\n\n### 1.3 Storage rooms {#storage}\n\nBallots are stored in a locked room with two keys held by different people.\n";

const CUSTODY_TEXT: &str = "Ballots shall be logged at every hand-off, with two signatures.";
const STORAGE_TEXT: &str =
    "Ballots are stored in a locked room with two keys held by two different people, and the room is inspected daily.";
const LETTER: &str = "Please require a photograph of every seal before and after transport. \
    Photographs make tampering visible and cost nothing, since every election office already has phones.";

/// One member of the public and what they send.
struct Commenter {
    email: &'static str,
    name: &'static str,
    addr: &'static str,
    /// `None`: on the whole version.
    clause: Option<&'static str>,
    kind: &'static str,
    body: String,
    proposed: &'static str,
}

/// Comment through the form, open the emailed link; returns the comment's
/// id and tracking number.
async fn comment<S, B>(svc: &S, site: &Site, who: &Commenter) -> (i32, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new(who.addr);
    let base = match who.clause {
        Some(k) => format!("/standards/ballots/1/clauses/{k}/comments"),
        None => "/standards/ballots/1/comments".to_string(),
    };
    let token = open_form(svc, &mut b, &format!("{base}/new")).await;
    let form = fields(&token, who.email, &who.body);
    let form = with(form, "name", who.name);
    let form = with(form, "kind", who.kind);
    let form = with(form, "proposed_text", who.proposed);
    let a = send_form(svc, &mut b, &base, &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), who.email);
    let a = confirm(svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let id = crate::comments::last_comment_id(site);
    let c = site.comment(id);
    assert!(c.is_public());
    (id, c.tracking_number)
}

#[actix_web::test]
async fn the_whole_cycle_from_comments_to_the_next_version() {
    let content = Content::new();
    content.standard("ballots", "Ballot Handling");
    content.version("ballots", "1", &format!("{}{V1}", front("1", "open")));
    let site = Site::new(content);
    {
        let mut conn = site.conn();
        let s = Standard::by_slug(&mut conn, "ballots").unwrap();
        Subscription::insert(
            &mut conn,
            &NewSubscription {
                standard_id: s.id,
                email: "follower@example.net",
                status: CONFIRMED,
                confirm_hash: None,
                confirm_expires: None,
                unsubscribe_token: "0123456789abcdef0123456789abcdef",
                created_at: Utc::now().naive_utc(),
                lang: "en",
            },
        )
        .unwrap();
    }
    let svc = app!(site);

    // The public comments on version 1.
    let people = [
        Commenter {
            email: "ana@example.org",
            name: "Ana Alvarez",
            addr: "198.51.100.1",
            clause: Some("custody"),
            kind: "technical",
            body: "One signature proves nothing.".to_string(),
            proposed: CUSTODY_TEXT,
        },
        Commenter {
            email: "ben@example.org",
            name: "Ben Brown",
            addr: "198.51.100.2",
            clause: Some("storage"),
            kind: "technical",
            body: "Rooms should be checked every day.".to_string(),
            proposed: STORAGE_TEXT,
        },
        Commenter {
            email: "cam@example.org",
            name: "Cam Chen",
            addr: "198.51.100.3",
            clause: Some("seals"),
            kind: "general",
            body: LETTER.to_string(),
            proposed: "",
        },
        Commenter {
            email: "dee@example.org",
            name: "Dee Diaz",
            addr: "198.51.100.4",
            clause: Some("seals"),
            kind: "general",
            body: LETTER.replace("Please require", "Please do require"),
            proposed: "",
        },
        Commenter {
            email: "eli@example.org",
            name: "Eli Evans",
            addr: "198.51.100.5",
            clause: Some("seals"),
            kind: "general",
            body: LETTER.replace("cost nothing", "cost almost nothing"),
            proposed: "",
        },
        Commenter {
            email: "fay@example.org",
            name: "Fay Fox",
            addr: "198.51.100.6",
            clause: None,
            kind: "editorial",
            body: "Please add a plain-language summary.".to_string(),
            proposed: "",
        },
        Commenter {
            email: "gus@example.org",
            name: "Gus Gray",
            addr: "198.51.100.7",
            clause: Some("custody"),
            kind: "technical",
            body: "Both people should sign.".to_string(),
            proposed: "Ballots shall be logged at every hand-off by both people.",
        },
    ];
    let mut ids = Vec::new();
    for p in &people {
        ids.push(comment(&svc, &site, p).await);
    }
    site.deliver();
    let [ana, ben, cam, dee, eli, fay, gus] = ids.as_slice() else {
        unreachable!()
    };

    // `serve` groups new comments into campaigns in the background, just
    // after they arrive; here the grouping pass runs once.
    let grouped = docket::comments::campaigns::sign_unsigned(&mut site.conn(), 50).unwrap();
    assert_eq!(grouped, 7, "every new comment waits for its campaign");
    // The editor sees every comment by clause, and the campaign.
    let mut ed = editor(&svc, &site).await;
    let page = get(&svc, &mut ed, "/editor/standards/ballots/1/feedback").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("0 of 7</strong> comments have a decision"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Campaign 1: 3 comments (0 decided)"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Campaign 2"));

    // The campaign is decided at once, before the draft exists.
    let group = format!("{},{},{}", cam.0, dee.0, eli.0);
    let decisions: Vec<(String, &str, &str, &str)> = vec![
        (
            group,
            "not_accepted",
            "Photographs are left to each county's procedures.",
            "seals",
        ),
        (
            fay.0.to_string(),
            "noted",
            "A summary will accompany the final version.",
            "",
        ),
    ];
    for (ids, outcome, rationale, key) in &decisions {
        let a = decide(
            &svc,
            &mut ed,
            "ballots",
            "1",
            ids,
            &[
                ("outcome", outcome),
                ("rationale", rationale),
                ("clause_key", key),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }

    // The draft of version 2, and the two proposals taken into it.
    let index = get(&svc, &mut ed, "/editor/feedback").await;
    let token = csrf_token_in(&index.body);
    let a = post(
        &svc,
        &mut ed,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let page = get(&svc, &mut ed, "/editor/standards/ballots/1/feedback").await;
    assert!(page
        .body
        .contains("Resolving clauses are checked against the draft of version 2"));
    let accept = |id: i32| {
        let token = csrf_token_in(&page.body);
        (token, id.to_string())
    };
    for id in [ana.0, ben.0] {
        let (token, id) = accept(id);
        let a = post(
            &svc,
            &mut ed,
            "/editor/standards/ballots/drafts/2/accept",
            &[("csrf_token", token.as_str()), ("comment_id", id.as_str())],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    // Gus's proposal changes the same words of the same clause: a
    // conflict page, not an overwrite.
    let (token, id) = accept(gus.0);
    let a = post(
        &svc,
        &mut ed,
        "/editor/standards/ballots/drafts/2/accept",
        &[("csrf_token", token.as_str()), ("comment_id", id.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.body.contains(&ana.1), "{}", a.body);

    for (id, outcome, rationale, key) in [
        (
            ana.0,
            "accepted",
            "Two signatures make the log trustworthy.",
            "custody",
        ),
        (ben.0, "accepted", "Daily inspection is added.", "storage"),
        (
            gus.0,
            "duplicate",
            "Covered by the accepted wording of the first proposal.",
            "custody",
        ),
    ] {
        let a = decide(
            &svc,
            &mut ed,
            "ballots",
            "1",
            &id.to_string(),
            &[
                ("outcome", outcome),
                ("rationale", rationale),
                ("clause_key", key),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    let page = get(&svc, &mut ed, "/editor/standards/ballots/1/feedback").await;
    assert!(
        page.body
            .contains("7 of 7</strong> comments have a decision"),
        "{}",
        page.body
    );

    // Every commenter has had exactly one decision email.
    let mails = site.deliver();
    for p in &people {
        let theirs: Vec<_> = mails
            .iter()
            .filter(|m| m.to == p.email && m.subject.starts_with("Decision on your comment"))
            .collect();
        assert_eq!(theirs.len(), 1, "{}: {mails:#?}", p.email);
    }

    // Publish version 2.
    let form = get(&svc, &mut ed, "/editor/standards/ballots/drafts/2/publish").await;
    let token = csrf_token_in(&form.body);
    let a = post(
        &svc,
        &mut ed,
        "/editor/standards/ballots/drafts/2/publish",
        &[
            ("csrf_token", token.as_str()),
            ("status", "open"),
            ("published", "2026-12-01"),
            ("comment_opens", ""),
            ("comment_closes", "2099-06-30T17:00"),
            ("confirm", "yes"),
            // Whatever the checklist holds is acknowledged.
            ("ack_undecided", "yes"),
            ("ack_numbering", "yes"),
            ("ack_title", "yes"),
            ("ack_notes", "yes"),
            ("ack_removed", "yes"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(
        version_of(&site, "ballots", "1").status(),
        VersionStatus::Superseded
    );
    let v2 = version_of(&site, "ballots", "2");
    assert!(v2.is_open_now());
    let mails = site.deliver();
    let notice: Vec<_> = mails
        .iter()
        .filter(|m| m.to == "follower@example.net")
        .collect();
    assert_eq!(notice.len(), 1, "{mails:#?}");
    assert!(notice[0].text.contains("/standards/ballots/compare/1...2"));

    let mut reader = Browser::new("192.0.2.10");
    // The report lists every comment with its outcome, resolved in version 2.
    let json = get(&svc, &mut reader, "/standards/ballots/1/dispositions.json").await;
    let report: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let outcome_of = |tracking: &str| {
        rows.iter()
            .find(|r| r["tracking_number"] == tracking)
            .unwrap_or_else(|| panic!("{tracking} is not in the report"))
            .clone()
    };
    for ((_, tracking), expected) in [
        (ana, "accepted"),
        (ben, "accepted"),
        (cam, "not_accepted"),
        (dee, "not_accepted"),
        (eli, "not_accepted"),
        (fay, "noted"),
        (gus, "duplicate"),
    ] {
        assert_eq!(outcome_of(tracking)["outcome"], expected, "{tracking}");
    }
    assert_eq!(outcome_of(&ana.1)["resolved_version"], "2");
    assert_eq!(
        outcome_of(&cam.1)["resolved_version"],
        "2",
        "settled when 2 was published"
    );
    assert_eq!(outcome_of(&fay.1)["resolved_version"], "");
    assert_eq!(outcome_of(&ana.1)["proposed_text"], CUSTODY_TEXT);
    assert_eq!(outcome_of(&ana.1)["commenter"], "Ana Alvarez");
    let html = get(&svc, &mut reader, "/standards/ballots/1/dispositions").await;
    assert!(html
        .body
        .contains("href=\"/standards/ballots/compare/1...2#c-custody\""));
    assert!(html
        .body
        .contains("href=\"/standards/ballots/2/clauses/storage\""));
    let csv = get(&svc, &mut reader, "/standards/ballots/1/dispositions.csv").await;
    assert_eq!(csv.body.split("\r\n").filter(|l| !l.is_empty()).count(), 8);
    for body in [&json.body, &html.body, &csv.body] {
        for p in &people {
            assert!(!body.contains(p.email), "{} leaked", p.email);
        }
    }

    // The redline 1→2 shows the accepted wording.
    let diff = get(&svc, &mut reader, "/api/v1/standards/ballots/compare/1...2").await;
    let diff: serde_json::Value = serde_json::from_str(&diff.body).unwrap();
    let inserted = |key: &str| -> String {
        let clause = diff["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap();
        assert_eq!(clause["status"], "modified", "{key}: {clause}");
        clause["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["op"] == "insert")
            .map(|c| c["text"].as_str().unwrap())
            .collect()
    };
    assert!(inserted("custody").contains("two signatures"));
    assert!(inserted("storage").contains("inspected daily"));
    assert_eq!(diff["summary"]["modified"], 2);
    assert_eq!(diff["summary"]["unchanged"], 2);
    let redline = get(&svc, &mut reader, "/standards/ballots/compare/1...2").await;
    assert!(redline.body.contains("two signatures"));

    // Version 2's clauses show the earlier comments with their clause's fate.
    let custody = get(&svc, &mut reader, "/standards/ballots/2/clauses/custody").await;
    assert!(
        custody.body.contains("Revised in version 2"),
        "{}",
        custody.body
    );
    assert!(custody.body.contains(&ana.1) && custody.body.contains(&gus.1));
    assert!(custody.body.contains("Editors' decision: Accepted"));
    assert!(custody.body.contains("Editors' decision: Duplicate"));
    let seals = get(&svc, &mut reader, "/standards/ballots/2/clauses/seals").await;
    assert!(
        seals.body.contains("Unchanged in version 2"),
        "{}",
        seals.body
    );
    for (_, t) in [cam, dee, eli] {
        assert!(seals.body.contains(t.as_str()));
    }
    assert!(seals.body.contains("Editors' decision: Not accepted"));
}
