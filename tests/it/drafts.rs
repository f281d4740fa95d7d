//! The next draft: started from the latest published version, edited with
//! stale saves refused, proposals accepted (and conflicts refused),
//! previewed, compared, downloaded and published; the downloaded file then
//! imports as unchanged.

use actix_web::http::{header, StatusCode};
use docket::db::models::{ClauseRow, Draft, Standard, Version, VersionStatus};
use docket::standard::import::import_dir;

use crate::comments::{app, get, open_form, post, Answer, Browser, Site};
use crate::dispositions::{editor, seed, snapshot, version_of, Seed};
use crate::support::{count, csrf_token_in};

const DRAFT: &str = "/editor/standards/ballots/drafts/3";

fn draft(site: &Site) -> Draft {
    let mut conn = site.conn();
    let s = Standard::by_slug(&mut conn, "ballots").unwrap();
    Draft::by_label(&mut conn, s.id, "3").unwrap()
}

/// Start the draft of ballots 3 from the editors' index.
async fn start<S, B>(svc: &S, b: &mut Browser) -> Answer
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let index = get(svc, b, "/editor/feedback").await;
    assert_eq!(index.status, StatusCode::OK, "{}", index.body);
    assert!(
        index.body.contains("Start the draft of version 3"),
        "{}",
        index.body
    );
    let token = csrf_token_in(&index.body);
    post(
        svc,
        b,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await
}

async fn save<S, B>(svc: &S, b: &mut Browser, revision: &str, source: &str) -> Answer
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, "/staff").await;
    post(
        svc,
        b,
        DRAFT,
        &[
            ("csrf_token", token.as_str()),
            ("revision", revision),
            ("source", source),
        ],
    )
    .await
}

async fn accept<S, B>(svc: &S, b: &mut Browser, id: i32) -> Answer
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, DRAFT).await;
    post(
        svc,
        b,
        &format!("{DRAFT}/accept"),
        &[
            ("csrf_token", token.as_str()),
            ("comment_id", &id.to_string()),
        ],
    )
    .await
}

#[actix_web::test]
async fn a_draft_starts_from_the_latest_version_and_refuses_stale_saves() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let a = start(&svc, &mut ed).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let d = draft(&site);
    assert_eq!(d.revision, 1);
    assert!(d.source.contains("label = \"3\"\n"), "{}", d.source);
    assert!(d.source.contains("status = \"draft\"\n"));
    assert!(!d.source.contains("comment_opens"));
    let v2 = version_of(&site, "ballots", "2");
    assert_eq!(d.base_version_id, v2.id);
    // Starting again opens the same draft.
    let again = start_again(&svc, &mut ed).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&mut site.conn(), "drafts"), 1);

    let page = get(&svc, &mut ed, DRAFT).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"revision\" value=\"1\""));
    assert!(
        page.body.contains("The draft parses: 5 clauses."),
        "{}",
        page.body
    );

    let edited = d.source.replace(
        "Staff who handle ballots shall be trained each year.",
        "Staff who handle ballots shall be trained before every election.",
    );
    let a = save(&svc, &mut ed, "1", &edited.replace('\n', "\r\n")).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let d2 = draft(&site);
    assert_eq!(d2.revision, 2);
    assert_eq!(d2.source, edited, "line ends are normalised");

    // A save made from revision 1 again is stale: refused, nothing changes.
    let before = snapshot(&site);
    let a = save(&svc, &mut ed, "1", "+++\nlabel = \"3\"\n+++\nclobber").await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a
        .body
        .contains("Not saved: the draft was changed since you opened it"));
    assert!(a.body.contains("revision 2"));
    assert!(
        a.body.contains("clobber"),
        "the refused text is shown to copy from"
    );
    assert_eq!(draft(&site).source, edited);
    assert_eq!(draft(&site).revision, 2);
    assert_eq!(snapshot(&site), before);
    // A save without a revision, or an empty one, is refused too.
    for (rev, text) in [("", edited.as_str()), ("x", edited.as_str()), ("2", "  ")] {
        let a = save(&svc, &mut ed, rev, text).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{rev:?}: {}", a.body);
        assert_eq!(snapshot(&site), before);
    }
    assert_eq!(draft(&site).source, edited);

    // An unparseable draft can be saved, and says why it cannot be published.
    let broken = edited.replace(
        "### 1.1 Training {#training}",
        "### 1.1 Training {#Bad Key}",
    );
    let a = save(&svc, &mut ed, "2", &broken).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let page = get(&svc, &mut ed, DRAFT).await;
    assert!(
        page.body.contains("The draft does not parse"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("3.md:"),
        "errors name the line: {}",
        page.body
    );
    let preview = get(&svc, &mut ed, &format!("{DRAFT}/preview")).await;
    assert!(preview.body.contains("The draft does not parse"));
}

async fn start_again<S, B>(svc: &S, b: &mut Browser) -> Answer
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, DRAFT).await;
    post(
        svc,
        b,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await
}

#[actix_web::test]
async fn accepting_proposals_edits_one_clause_and_a_second_for_it_is_a_conflict() {
    let site = Site::ballots();
    let v1 = version_of(&site, "ballots", "1");
    let v2 = version_of(&site, "ballots", "2");
    let proposal = |author: &'static str, text: &'static str, version_id: i32| Seed {
        version_id,
        clause_key: Some("custody"),
        author,
        organization: None,
        kind: "technical",
        body: "Stronger wording, please.",
        proposed: Some(text),
        status: "published",
    };
    let first = seed(
        &mut site.conn(),
        &proposal(
            "Ana",
            "Ballots shall be logged and countersigned at every hand-off.",
            v2.id,
        ),
    );
    let second = seed(
        &mut site.conn(),
        &proposal(
            "Ben",
            "Every hand-off of ballots shall be logged by both people.",
            v2.id,
        ),
    );
    let old = seed(&mut site.conn(), &proposal("Cal", "Old text.", v1.id));
    let plain = seed(
        &mut site.conn(),
        &Seed {
            proposed: None,
            ..proposal("Dot", "", v2.id)
        },
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let a = start(&svc, &mut ed).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let page = get(&svc, &mut ed, "/editor/standards/ballots/2/feedback").await;
    assert!(page
        .body
        .contains("Accept the proposed text into the draft of version 3"));

    let a = accept(&svc, &mut ed, first.id).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let d = draft(&site);
    assert_eq!(d.revision, 2);
    assert!(d.source.contains(
        "### 1.2 Chain of custody {#custody}\n\nBallots shall be logged and countersigned at every hand-off.\n\n### 1.3 Seals"
    ), "{}", d.source);
    assert_eq!(count(&mut site.conn(), "draft_acceptances"), 1);

    // The second proposal for the same clause changes the same words: a
    // conflict page, naming the first; nothing changes.
    let before = snapshot(&site);
    let a = accept(&svc, &mut ed, second.id).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("Conflict"), "{}", a.body);
    assert!(a.body.contains(&first.tracking_number), "{}", a.body);
    assert_eq!(snapshot(&site), before);
    assert_eq!(draft(&site).source, d.source);
    // Accepting the same comment twice, a comment of another version, a
    // comment without proposed text, or nothing: refused, nothing changes.
    for (id, message) in [
        (first.id, "already in the draft"),
        (old.id, "is not on version 2"),
        (plain.id, "proposes no replacement text"),
        (987654, "no comment number 987654"),
    ] {
        let a = accept(&svc, &mut ed, id).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{id}: {}", a.body);
        assert!(a.body.contains(message), "{id}: {}", a.body);
        assert_eq!(snapshot(&site), before);
    }
    // The editor resolves it by editing the clause by hand.
    let combined = d.source.replace(
        "Ballots shall be logged and countersigned at every hand-off.",
        "Every hand-off of ballots shall be logged and countersigned by both people.",
    );
    let a = save(&svc, &mut ed, "2", &combined).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);

    // Preview, redline and download.
    let preview = get(&svc, &mut ed, &format!("{DRAFT}/preview")).await;
    assert!(preview.body.contains("countersigned by both people"));
    assert!(preview.body.contains("<code>custody</code>"));
    let redline = get(&svc, &mut ed, &format!("{DRAFT}/redline")).await;
    assert_eq!(redline.status, StatusCode::OK);
    assert!(redline.body.contains("<ins"), "{}", redline.body);
    assert!(redline.body.contains("countersigned"));
    let download = get(&svc, &mut ed, &format!("{DRAFT}/download")).await;
    assert_eq!(download.body, combined);
    assert_eq!(
        download.headers.get(header::CONTENT_DISPOSITION).unwrap(),
        "attachment; filename=\"3.md\""
    );
}

/// Accepting a proposal on a clause the editor also edited keeps both
/// changes, and so does a second proposal for the same clause that changes
/// other words; one that changes the same words is a conflict that quotes
/// the texts and changes nothing.
#[actix_web::test]
async fn a_proposal_is_merged_with_the_editors_edit_and_earlier_proposals() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let proposal = |author: &'static str, text: &'static str| Seed {
        version_id: v2.id,
        clause_key: Some("custody"),
        author,
        organization: None,
        kind: "technical",
        body: "Clearer, please.",
        proposed: Some(text),
        status: "published",
    };
    let all = seed(
        &mut site.conn(),
        &proposal(
            "Ana",
            "All ballots shall be logged at every hand-off, with two signatures.",
        ),
    );
    let by_hand = seed(
        &mut site.conn(),
        &proposal(
            "Ben",
            "Ballots shall be logged by hand at every hand-off, with two signatures.",
        ),
    );
    let four = seed(
        &mut site.conn(),
        &proposal(
            "Cy",
            "Ballots shall be logged at every hand-off, with four signatures.",
        ),
    );
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    start(&svc, &mut ed).await;
    let d = draft(&site);
    let edited = d
        .source
        .replace("with two signatures.", "with three signatures.");
    assert_ne!(edited, d.source);
    let a = save(&svc, &mut ed, "1", &edited).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);

    for c in [&all, &by_hand] {
        let a = accept(&svc, &mut ed, c.id).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    let d = draft(&site);
    assert!(
        d.source.contains(
            "{#custody}\n\nAll ballots shall be logged by hand at every hand-off, with three signatures.\n\n### 1.3 Seals"
        ),
        "the editor's edit and both proposals are kept: {}",
        d.source
    );
    assert_eq!(count(&mut site.conn(), "draft_acceptances"), 2);

    let before = snapshot(&site);
    let a = accept(&svc, &mut ed, four.id).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    assert!(a.body.contains("Conflict"), "{}", a.body);
    for quoted in ["two", "three", "four"] {
        assert!(
            a.body.contains(quoted),
            "the message quotes {quoted}: {}",
            a.body
        );
    }
    assert!(a.body.contains(&all.tracking_number), "{}", a.body);
    // The page shows both redlines against the published text, offers
    // each text, and a box to write the clause.
    assert!(
        a.body.contains("<del>two</del><ins>three</ins>"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("<del>two</del><ins>four</ins>"),
        "{}",
        a.body
    );
    assert!(a.body.contains("Take the proposed text"), "{}", a.body);
    assert!(
        a.body.contains("Save this text into the draft"),
        "{}",
        a.body
    );
    assert_eq!(snapshot(&site), before);
    assert_eq!(draft(&site).source, d.source);

    // Written on the conflict page from an older revision: not saved; the
    // page again, with the current texts and the words typed kept.
    let token = csrf_token_in(&a.body);
    let id = four.id.to_string();
    let mine = "Ballots shall be logged by hand at every hand-off, with four signatures.";
    let resolve = format!("{DRAFT}/resolve");
    let current = d.revision.to_string();
    let form = |revision: &'static str| {
        [
            ("csrf_token", token.clone()),
            ("comment_id", id.clone()),
            ("revision", revision.to_string()),
            ("body", mine.to_string()),
        ]
    };
    let stale_fields = form("1");
    let stale_form: Vec<(&str, &str)> =
        stale_fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let stale = post(&svc, &mut ed, &resolve, &stale_form).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("was saved again"), "{}", stale.body);
    assert!(
        stale.body.contains(mine),
        "what was typed is kept: {}",
        stale.body
    );
    assert_eq!(draft(&site).source, d.source);
    // From the current revision: the editor's text goes into the clause.
    let mut current_fields = form("");
    current_fields[2].1 = current;
    let current_form: Vec<(&str, &str)> = current_fields
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let done = post(&svc, &mut ed, &resolve, &current_form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(
        draft(&site)
            .source
            .contains(&format!("{{#custody}}\n\n{mine}\n\n### 1.3 Seals")),
        "{}",
        draft(&site).source
    );
    assert_eq!(count(&mut site.conn(), "draft_acceptances"), 3);
}

#[actix_web::test]
async fn publishing_creates_the_version_closes_the_old_one_and_imports_as_unchanged() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    assert_eq!(start(&svc, &mut ed).await.status, StatusCode::SEE_OTHER);
    let d = draft(&site);
    let publish = format!("{DRAFT}/publish");
    let form = get(&svc, &mut ed, &publish).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let token = csrf_token_in(&form.body);
    let good = [
        ("csrf_token", token.as_str()),
        ("status", "open"),
        ("published", "2026-12-01"),
        ("comment_opens", "2026-12-01T09:00"),
        ("comment_closes", "2099-01-31T17:00"),
        ("confirm", "yes"),
    ];
    let with = |name: &'static str, value: &'static str| -> Vec<(&'static str, String)> {
        good.iter()
            .filter(|(n, _)| *n != name)
            .map(|(n, v)| (*n, v.to_string()))
            .chain((!value.is_empty()).then(|| (name, value.to_string())))
            .collect()
    };
    let before = snapshot(&site);
    for (fields, message) in [
        (with("confirm", ""), "Tick the box"),
        (with("status", ""), "Choose how to publish"),
        (with("status", "superseded"), "is not a status"),
        (with("comment_closes", ""), "Enter the closing date"),
        (with("comment_closes", "soon"), "is not a date and time"),
        (
            with("comment_closes", "2026-11-01T09:00"),
            "must close after it opens",
        ),
        (with("published", "yesterday"), "is not a date"),
    ] {
        let form: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let a = post(&svc, &mut ed, &publish, &form).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{message}: {}", a.body);
        assert!(a.body.contains(message), "{message}: {}", a.body);
        assert!(a.body.contains("Nothing was published"), "{}", a.body);
        assert_eq!(snapshot(&site), before);
    }
    // A draft that does not parse: the error names the line.
    let broken = d
        .source
        .replace("## 1 Integrity {#integrity}", "## 1 Integrity {#Not Valid}");
    assert_eq!(
        save(&svc, &mut ed, "1", &broken).await.status,
        StatusCode::SEE_OTHER
    );
    let before = snapshot(&site);
    let a = post(&svc, &mut ed, &publish, &good).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("does not parse"), "{}", a.body);
    assert!(a.body.contains("3.md:"), "{}", a.body);
    assert_eq!(snapshot(&site), before);
    // Fixed, and published.
    let fixed = broken
        .replace(
            "Staff who handle ballots shall be trained each year.",
            "Staff who handle ballots shall be trained before every election.",
        )
        .replace("{#Not Valid}", "{#integrity}");
    assert_eq!(
        save(&svc, &mut ed, "2", &fixed).await.status,
        StatusCode::SEE_OTHER
    );
    // The title is the one version 2 has: the publish page says so and
    // publishing waits until it is acknowledged.
    let form = get(&svc, &mut ed, &publish).await;
    assert!(
        form.body.contains("The title is the same as version 2"),
        "{}",
        form.body
    );
    assert!(form.body.contains("name=\"ack_title\""), "{}", form.body);
    let before = snapshot(&site);
    let a = post(&svc, &mut ed, &publish, &good).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains("the checklist has open items"),
        "{}",
        a.body
    );
    assert!(a.body.contains("The title is the same"), "{}", a.body);
    assert_eq!(snapshot(&site), before);
    let acknowledged: Vec<(&str, &str)> =
        good.iter().copied().chain([("ack_title", "yes")]).collect();
    let a = post(&svc, &mut ed, &publish, &acknowledged).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);

    let v2 = version_of(&site, "ballots", "2");
    let v3 = version_of(&site, "ballots", "3");
    assert_eq!(v3.status(), VersionStatus::Open);
    // The publication is in the integrity ledger, with the source's SHA-256.
    let head = docket::db::models::LedgerRow::head(&mut site.conn())
        .unwrap()
        .unwrap();
    assert_eq!(head.kind, "version.published");
    let facts: serde_json::Value = serde_json::from_str(&head.payload).unwrap();
    assert_eq!(facts["version"], "3");
    assert_eq!(facts["source_sha256"], v3.sha256.as_str());
    let report = docket::comments::ledger::verify_db(&mut site.conn()).unwrap();
    assert!(report.ok(), "{report:?}");
    assert!(v3.position > v2.position);
    assert_eq!(v2.status(), VersionStatus::Superseded);
    assert!(v2.comment_closes.unwrap() <= chrono::Utc::now().naive_utc());
    let keys = ClauseRow::keys_for_version(&mut site.conn(), v3.id).unwrap();
    assert_eq!(
        keys,
        ClauseRow::keys_for_version(&mut site.conn(), v2.id).unwrap(),
        "keys are inherited from version 2"
    );
    assert!(draft(&site).is_published());
    // Published versions do not change: the draft is read-only now.
    let a = save(&svc, &mut ed, "3", &fixed).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = post(&svc, &mut ed, &publish, &good).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&mut site.conn(), "versions"), 3);
    let a = get(&svc, &mut ed, &format!("{DRAFT}/clauses/custody")).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("can no longer be edited"), "{}", a.body);

    // The public site has version 3, and its redline.
    let mut reader = Browser::new("198.51.100.30");
    let page = get(&svc, &mut reader, "/standards/ballots/3").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("trained before every election"));
    let diff = get(&svc, &mut reader, "/api/v1/standards/ballots/compare/2...3").await;
    let diff: serde_json::Value = serde_json::from_str(&diff.body).unwrap();
    assert_eq!(diff["summary"]["modified"], 1, "{diff}");

    // The downloaded file, committed to content/, imports as unchanged.
    let file = get(&svc, &mut ed, &format!("{DRAFT}/download")).await;
    assert_eq!(
        file.body,
        Version::source(&mut site.conn(), v3.id).unwrap(),
        "the download is the published source"
    );
    assert!(file.body.contains("status = \"open\"\n"));
    assert!(
        file.body
            .contains("comment_closes = 2099-01-31T23:00:00Z\n"),
        "{}",
        file.body
    );
    site._content.version("ballots", "3", &file.body);
    let report = import_dir(&mut site.conn(), site._content.path()).unwrap();
    assert_eq!(report.versions_added, 0, "{report}");
    assert_eq!(report.versions_unchanged, 3, "{report}");
    assert_eq!(count(&mut site.conn(), "versions"), 3);
}
