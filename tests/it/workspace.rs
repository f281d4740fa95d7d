//! The feedback workspace: comments grouped by clause in clause order with
//! counts, filters and search, and campaigns of near-duplicate comments
//! shown whole and decided together.

use actix_web::http::StatusCode;
use docket::db::models::{Disposition, Outcome};

use crate::comments::{app, get, Site};
use crate::dispositions::{decide, editor, seed, snapshot, version_of, Seed};
use crate::support::count;

const FEEDBACK: &str = "/editor/standards/ballots/2/feedback";

fn at(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("“{needle}” is not on the page:\n{body}"))
}

#[actix_web::test]
async fn comments_are_grouped_by_clause_in_order_and_filters_narrow_them() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let mk = |clause: Option<&'static str>,
              author: &'static str,
              org: Option<&'static str>,
              kind: &'static str,
              body: &'static str,
              proposed: Option<&'static str>,
              status: &'static str| {
        seed(
            &mut site.conn(),
            &Seed {
                version_id: v2.id,
                clause_key: clause,
                author,
                organization: org,
                kind,
                body,
                proposed,
                status,
            },
        )
    };
    let seals = mk(
        Some("seals"),
        "Ola",
        None,
        "editorial",
        "Seal numbers belong in the log.",
        None,
        "published",
    );
    let whole = mk(
        None,
        "Wes",
        None,
        "general",
        "The whole draft reads well.",
        None,
        "published",
    );
    let custody = mk(
        Some("custody"),
        "Cora",
        Some("County Clerks' Association"),
        "technical",
        "Require two signatures at every HAND-OFF.",
        Some("Ballots shall be logged at every hand-off, with two signatures and the time."),
        "published",
    );
    let pending = mk(
        Some("custody"),
        "Pia",
        None,
        "general",
        "Held for review text.",
        None,
        "pending",
    );
    let unconfirmed = mk(
        Some("custody"),
        "Uma",
        None,
        "general",
        "Never confirmed text.",
        None,
        "unverified",
    );

    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let page = get(&svc, &mut ed, FEEDBACK).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    // Whole version first, then the clauses in document order, with counts.
    let whole_at = at(b, "id=\"whole-version-title\"");
    let custody_at = at(b, "id=\"clause-custody-title\"");
    let seals_at = at(b, "id=\"clause-seals-title\"");
    assert!(whole_at < custody_at && custody_at < seals_at);
    assert!(
        b.contains("Clause 1.2 Chain of custody <span class=\"count\">(2 comments)</span>"),
        "{b}"
    );
    assert!(b.contains("The whole version <span class=\"count\">(1 comment)</span>"));
    assert!(b.contains(&custody.tracking_number) && b.contains(&pending.tracking_number));
    assert!(
        !b.contains(&unconfirmed.tracking_number),
        "unconfirmed submissions are not listed by default"
    );
    assert!(
        b.contains("0 of 4</strong> comments have a decision"),
        "{b}"
    );
    // The accept button needs a draft; there is none yet.
    assert!(!b.contains("Accept the proposed text"));

    let shown = |body: &str| -> Vec<&'static str> {
        [
            ("seals", &seals.tracking_number),
            ("whole", &whole.tracking_number),
            ("custody", &custody.tracking_number),
            ("pending", &pending.tracking_number),
            ("unconfirmed", &unconfirmed.tracking_number),
        ]
        .into_iter()
        .filter(|(_, t)| body.contains(&format!("<span class=\"tracking\">{t}</span>")))
        .map(|(n, _)| n)
        .collect()
    };
    assert_eq!(shown(b), ["seals", "whole", "custody", "pending"]);
    for (query, expect) in [
        ("?kind=editorial", vec!["seals"]),
        ("?kind=technical", vec!["custody"]),
        ("?status=pending", vec!["pending"]),
        ("?status=unverified", vec!["unconfirmed"]),
        ("?proposed=yes", vec!["custody"]),
        ("?proposed=no", vec!["seals", "whole", "pending"]),
        ("?org=clerks", vec!["custody"]),
        ("?q=hand-off", vec!["custody"]),
        ("?q=TIME", vec!["custody"]),
        ("?q=reads+well", vec!["whole"]),
        (
            "?disposition=none",
            vec!["seals", "whole", "custody", "pending"],
        ),
        ("?disposition=any", vec![]),
        ("?kind=general&status=published", vec!["whole"]),
    ] {
        let page = get(&svc, &mut ed, &format!("{FEEDBACK}{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(shown(&page.body), expect, "{query}");
    }
    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &whole.id.to_string(),
        &[("outcome", "noted"), ("rationale", "Thank you.")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    for (query, expect) in [
        ("?disposition=none", vec!["seals", "custody", "pending"]),
        ("?disposition=noted", vec!["whole"]),
        ("?disposition=any", vec!["whole"]),
        ("?disposition=accepted", vec![]),
    ] {
        let page = get(&svc, &mut ed, &format!("{FEEDBACK}{query}")).await;
        assert_eq!(shown(&page.body), expect, "{query}");
    }
    let page = get(&svc, &mut ed, &format!("{FEEDBACK}?disposition=none")).await;
    assert!(
        page.body.contains("The filters below show 3 of them"),
        "{}",
        page.body
    );
    // A filter value that means nothing is a clear 400.
    for bad in [
        "?kind=angry",
        "?status=lost",
        "?disposition=maybe",
        "?proposed=perhaps",
    ] {
        let page = get(&svc, &mut ed, &format!("{FEEDBACK}{bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(page.body.contains("filter"), "{bad}: {}", page.body);
    }
}

const LETTER: &str = "Please require a photograph of every seal before and after transport. \
    Photographs make tampering visible and cost nothing, since every election office already has phones.";

#[actix_web::test]
async fn a_campaign_is_shown_whole_counted_and_decided_together() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let variants = [
        (Some("seals"), "Ann", LETTER.to_string()),
        (
            Some("seals"),
            "Bob",
            LETTER.replace("Please require", "Please do require"),
        ),
        (
            Some("custody"),
            "Cy",
            LETTER.replace("cost nothing", "cost almost nothing"),
        ),
    ];
    let mut members = Vec::new();
    for (key, author, body) in &variants {
        members.push(seed(
            &mut site.conn(),
            &Seed {
                version_id: v2.id,
                clause_key: *key,
                author,
                organization: None,
                kind: "general",
                body,
                proposed: None,
                status: "published",
            },
        ));
    }
    let other = seed(
        &mut site.conn(),
        &Seed {
            version_id: v2.id,
            clause_key: Some("seals"),
            author: "Dee",
            organization: None,
            kind: "technical",
            body: "Seal logs should be kept for twenty-two months.",
            proposed: None,
            status: "published",
        },
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    // Even when a search shows one member, the campaign lists all three.
    let page = get(&svc, &mut ed, &format!("{FEEDBACK}?q=almost")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Campaign 1: 3 comments (0 decided)"),
        "{}",
        page.body
    );
    // Each member links to the campaign's own listing, where it is shown.
    let low = members.iter().map(|m| m.id).min().unwrap();
    for m in &members {
        assert!(page.body.contains(&format!(
            "{FEEDBACK}?campaign={low}#item-{}\">{}</a>",
            m.id, m.tracking_number
        )));
    }
    assert!(!page.body.contains("Campaign 2"));
    assert!(!page.body.contains(&format!("href=\"#item-{}\"", other.id)));
    // Unfiltered, every member is listed under its own clause too.
    let page = get(&svc, &mut ed, FEEDBACK).await;
    for m in &members {
        assert!(page.body.contains(&format!("id=\"item-{}\"", m.id)));
    }
    assert!(page.body.contains("<a href=\"#campaign-1\">Campaign 1</a>"));

    let ids = members
        .iter()
        .map(|m| m.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let audit_before = count(&mut site.conn(), "audit_events");
    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &ids,
        &[
            ("outcome", "not_accepted"),
            ("rationale", "Photographs are left to each county."),
            ("clause_key", "seals"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let mut conn = site.conn();
    for m in &members {
        let d = Disposition::for_comment(&mut conn, m.id)
            .unwrap()
            .expect("decided");
        assert_eq!(d.outcome(), Outcome::NotAccepted);
        assert_eq!(d.group_id, Some(low));
        assert_eq!(d.resolved_clause_key.as_deref(), Some("seals"));
    }
    assert!(Disposition::for_comment(&mut conn, other.id)
        .unwrap()
        .is_none());
    assert_eq!(count(&mut conn, "audit_events"), audit_before + 1);
    drop(conn);
    let mails: Vec<_> = site
        .deliver()
        .into_iter()
        .filter(|m| m.subject.starts_with("Decision on your comment"))
        .collect();
    assert_eq!(mails.len(), 3, "one email per member");
    let page = get(&svc, &mut ed, FEEDBACK).await;
    assert!(
        page.body.contains("Campaign 1: 3 comments (3 decided)"),
        "{}",
        page.body
    );

    // A group that names one bad member changes nothing for any of them.
    let before = snapshot(&site);
    let a = decide(
        &svc,
        &mut ed,
        "ballots",
        "2",
        &format!("{},{}", other.id, 424242),
        &[("outcome", "noted"), ("rationale", "x")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(snapshot(&site), before);
    assert!(Disposition::for_comment(&mut site.conn(), other.id)
        .unwrap()
        .is_none());
}
