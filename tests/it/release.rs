//! Review and release of decisions: under review a decision is a draft
//! that only staff see (not in the report, the API, the feeds or search,
//! not counted, nobody mailed, nothing in the ledger); the editor who
//! marked it ready cannot approve it; a release makes every approved
//! decision public, mailed and ledgered at once; publishing the next
//! version releases the approved ones; immediate release stays as it was;
//! replies are marked as needing no decision in bulk; a forged form
//! changes nothing.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use docket::db::models::{Comment, Role};

use crate::comments::{app, get, open_form, post, seed_comment, Answer, Browser, Site};
use crate::dispositions::{decide, editor, snapshot, staff_browser};
use crate::support::{count, csrf_token_in};

const RELEASE: &str = "/editor/standards/ballots/2/release";
const REVIEW: &str = "/editor/standards/ballots/2/review";
const MODE: &str = "/editor/standards/ballots/release-mode";
const FEEDBACK: &str = "/editor/standards/ballots/2/feedback";

/// Post `form` with a token from the release page.
async fn send<S, B>(svc: &S, b: &mut Browser, uri: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, RELEASE).await;
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(form);
    post(svc, b, uri, &fields).await
}

/// Choose review and release for the ballots standard.
async fn review_mode<S, B>(svc: &S, b: &mut Browser)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = send(svc, b, MODE, &[("mode", "review"), ("label", "2")]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
}

/// A step of review on the comments `ids`.
async fn step<S, B>(svc: &S, b: &mut Browser, ids: &str, step: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    send(svc, b, REVIEW, &[("comment_ids", ids), ("step", step)]).await
}

fn comments(site: &Site, n: usize) -> Vec<Comment> {
    let v2 = site.version("ballots", "2");
    (0..n)
        .map(|i| {
            seed_comment(
                &mut site.conn(),
                v2.id,
                Some("custody"),
                None,
                &format!("Commenter {i}"),
                &format!("Comment number {i} on custody."),
            )
        })
        .collect()
}

/// What the public sees of version 2's decisions, in one string.
async fn public_view<S, B>(svc: &S) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("198.51.100.80");
    let mut out = String::new();
    for uri in [
        "/standards/ballots/2/dispositions",
        "/standards/ballots/2/dispositions.csv",
        "/standards/ballots/2/dispositions.json",
        "/standards/ballots/2/decisions.atom",
        "/api/v1/standards/ballots/versions/2/dispositions",
        "/search?q=quokkas",
    ] {
        let a = get(svc, &mut b, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        out.push_str(&a.body);
    }
    out
}

fn decided_tally(site: &Site) -> i64 {
    count(&mut site.conn(), "decision_tallies WHERE n > 0")
}

#[actix_web::test]
async fn a_draft_decision_stays_private_until_a_second_editor_approves_and_it_is_released() {
    let site = Site::ballots();
    let svc = app!(site);
    let cs = comments(&site, 3);
    let mut edith = editor(&svc, &site).await;
    let mut erin = staff_browser(&svc, &site, "erin", Role::Editor).await;
    review_mode(&svc, &mut edith).await;
    site.deliver();

    let before = snapshot(&site);
    for (c, why) in cs.iter().zip([
        "Quokkas guard the first box.",
        "Quokkas guard the second box.",
        "Quokkas guard the third box.",
    ]) {
        let a = decide(
            &svc,
            &mut edith,
            "ballots",
            "2",
            &c.id.to_string(),
            &[
                ("outcome", "accepted"),
                ("rationale", why),
                ("clause_key", ""),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    // Nothing public: no decision, no mail, no ledger entry, no tally, no
    // search hit; the public views do not know the rationale.
    assert_eq!(count(&mut site.conn(), "dispositions"), 0);
    assert_eq!(count(&mut site.conn(), "ledger"), before[3].1);
    assert_eq!(count(&mut site.conn(), "outbox"), before[1].1);
    assert_eq!(decided_tally(&site), 0);
    assert!(site.deliver().is_empty());
    let public = public_view(&svc).await;
    assert!(!public.contains("Quokkas"), "{public}");
    // Staff see the drafts, on the workspace and the release page.
    let page = get(&svc, &mut edith, FEEDBACK).await;
    assert!(
        page.body.contains("Not yet released: Accepted (draft)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("reviewed before release"),
        "{}",
        page.body
    );
    let page = get(&svc, &mut edith, RELEASE).await;
    assert!(
        page.body.contains("Quokkas guard the first box."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Decisions waiting for release (3)"),
        "{}",
        page.body
    );

    // Edith marks two ready; she cannot approve them herself.
    let two = format!("{},{}", cs[0].id, cs[1].id);
    assert_eq!(
        step(&svc, &mut edith, &two, "ready").await.status,
        StatusCode::SEE_OTHER
    );
    let before = snapshot(&site);
    let a = step(&svc, &mut edith, &two, "approve").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body
            .contains("another editor (or an admin) must approve it"),
        "{}",
        a.body
    );
    assert_eq!(
        count(&mut site.conn(), "decision_drafts WHERE state = 'approved'"),
        0
    );
    assert_eq!(snapshot(&site), before);
    // Nor can anyone approve a draft nobody marked ready.
    let a = step(&svc, &mut erin, &cs[2].id.to_string(), "approve").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("not marked ready yet"), "{}", a.body);
    // Nothing to release yet.
    let a = send(&svc, &mut erin, RELEASE, &[]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("nothing was released"), "{}", a.body);
    // Erin approves: still not public.
    assert_eq!(
        step(&svc, &mut erin, &two, "approve").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(count(&mut site.conn(), "dispositions"), 0);
    assert!(site.deliver().is_empty());
    let page = get(&svc, &mut erin, RELEASE).await;
    assert!(
        page.body.contains("Release 2 approved decisions"),
        "{}",
        page.body
    );

    // A forged release changes nothing.
    let before = snapshot(&site);
    let a = post(&svc, &mut erin, RELEASE, &[("csrf_token", "forged")]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(snapshot(&site), before);
    assert_eq!(count(&mut site.conn(), "decision_drafts"), 3);

    // The release: both approved decisions at once, each ledgered and
    // mailed; the third stays a draft.
    let ledger_before = count(
        &mut site.conn(),
        "ledger WHERE kind = 'comment.disposition'",
    );
    let a = send(&svc, &mut erin, RELEASE, &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "dispositions"), 2);
    assert_eq!(
        count(
            &mut site.conn(),
            "ledger WHERE kind = 'comment.disposition'"
        ),
        ledger_before + 2
    );
    assert_eq!(count(&mut site.conn(), "decision_drafts"), 1);
    assert_eq!(decided_tally(&site), 1);
    let mut sent: Vec<String> = site
        .deliver()
        .into_iter()
        .filter(|m| m.subject.starts_with("Decision on your comment"))
        .map(|m| m.to)
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        [
            "commenter.0@seed.example.org",
            "commenter.1@seed.example.org"
        ]
    );
    let public = public_view(&svc).await;
    assert!(public.contains("Quokkas guard the first box."), "{public}");
    assert!(public.contains("Quokkas guard the second box."), "{public}");
    assert!(!public.contains("Quokkas guard the third box."), "{public}");
    // The release is in the public changelog of the version.
    assert_eq!(
        count(
            &mut site.conn(),
            "audit_events WHERE action = 'decision.released' AND public"
        ),
        1
    );

    // An admin may approve a decision they marked ready themselves.
    let mut ada = staff_browser(&svc, &site, "ada", Role::Admin).await;
    let third = cs[2].id.to_string();
    assert_eq!(
        step(&svc, &mut ada, &third, "ready").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(&svc, &mut ada, &third, "approve").await.status,
        StatusCode::SEE_OTHER
    );
    // Withdrawn, it is gone and was never public.
    assert_eq!(
        step(&svc, &mut ada, &third, "withdraw").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(count(&mut site.conn(), "decision_drafts"), 0);
    assert_eq!(count(&mut site.conn(), "dispositions"), 2);
}

#[actix_web::test]
async fn publishing_the_next_version_releases_the_approved_decisions() {
    let site = Site::ballots();
    let svc = app!(site);
    let cs = comments(&site, 2);
    let mut edith = editor(&svc, &site).await;
    let mut erin = staff_browser(&svc, &site, "erin", Role::Editor).await;
    review_mode(&svc, &mut edith).await;
    for (c, why) in cs
        .iter()
        .zip(["Quokkas approved.", "Quokkas still a draft."])
    {
        let a = decide(
            &svc,
            &mut edith,
            "ballots",
            "2",
            &c.id.to_string(),
            &[("outcome", "noted"), ("rationale", why), ("clause_key", "")],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    let first = cs[0].id.to_string();
    assert_eq!(
        step(&svc, &mut edith, &first, "ready").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(&svc, &mut erin, &first, "approve").await.status,
        StatusCode::SEE_OTHER
    );
    site.deliver();

    // The draft of version 3, and its publishing checklist.
    let index = get(&svc, &mut edith, "/editor/feedback").await;
    let token = csrf_token_in(&index.body);
    let a = post(
        &svc,
        &mut edith,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let publish = "/editor/standards/ballots/drafts/3/publish";
    let form = get(&svc, &mut edith, publish).await;
    assert!(
        form.body
            .contains("2 decisions on version 2 are not released yet."),
        "{}",
        form.body
    );
    assert!(form.body.contains("1 approved: released"), "{}", form.body);
    assert!(form.body.contains("1 still drafts"), "{}", form.body);
    assert!(form.body.contains(RELEASE), "{}", form.body);
    assert!(
        form.body.contains("name=\"ack_unreleased\""),
        "{}",
        form.body
    );
    // Both comments have a decision waiting, so neither is undecided.
    assert!(!form.body.contains("have no decision"), "{}", form.body);
    let token = csrf_token_in(&form.body);
    let mut fields = vec![
        ("csrf_token", token.as_str()),
        ("status", "closed"),
        ("published", "2026-12-01"),
        ("confirm", "yes"),
        ("ack_title", "yes"),
        ("ack_notes", "yes"),
    ];
    // Not acknowledged: refused, nothing released.
    let before = snapshot(&site);
    let a = post(&svc, &mut edith, publish, &fields).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("not released yet"), "{}", a.body);
    assert_eq!(snapshot(&site), before);
    fields.push(("ack_unreleased", "yes"));
    let a = post(&svc, &mut edith, publish, &fields).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);

    // The approved decision is public, mailed and ledgered; the draft is not.
    assert_eq!(count(&mut site.conn(), "dispositions"), 1);
    assert_eq!(
        count(
            &mut site.conn(),
            &format!("dispositions WHERE comment_id = {first}")
        ),
        1
    );
    assert_eq!(
        count(
            &mut site.conn(),
            &format!("ledger WHERE kind = 'comment.disposition' AND comment_id = {first}")
        ),
        1
    );
    let mail: Vec<_> = site
        .deliver()
        .into_iter()
        .filter(|m| m.subject.starts_with("Decision on your comment"))
        .collect();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].to, "commenter.0@seed.example.org");
    let public = public_view(&svc).await;
    assert!(public.contains("Quokkas approved."), "{public}");
    assert!(!public.contains("Quokkas still a draft."), "{public}");
    assert_eq!(count(&mut site.conn(), "decision_drafts"), 1);
}

#[actix_web::test]
async fn immediate_release_is_the_default_and_unchanged() {
    let site = Site::ballots();
    let svc = app!(site);
    let cs = comments(&site, 2);
    let mut edith = editor(&svc, &site).await;
    let page = get(&svc, &mut edith, RELEASE).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("value=\"immediate\" checked"),
        "{}",
        page.body
    );
    let a = decide(
        &svc,
        &mut edith,
        "ballots",
        "2",
        &cs[0].id.to_string(),
        &[
            ("outcome", "accepted"),
            ("rationale", "Quokkas now."),
            ("clause_key", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "dispositions"), 1);
    assert_eq!(count(&mut site.conn(), "decision_drafts"), 0);
    assert_eq!(
        count(
            &mut site.conn(),
            "ledger WHERE kind = 'comment.disposition'"
        ),
        1
    );
    assert_eq!(site.deliver().len(), 1);
    assert!(public_view(&svc).await.contains("Quokkas now."));

    // Back to immediate release is refused while a decision waits.
    review_mode(&svc, &mut edith).await;
    let a = decide(
        &svc,
        &mut edith,
        "ballots",
        "2",
        &cs[1].id.to_string(),
        &[
            ("outcome", "noted"),
            ("rationale", "Quokkas later."),
            ("clause_key", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let a = send(
        &svc,
        &mut edith,
        MODE,
        &[("mode", "immediate"), ("label", "2")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body.contains("1 decision of this standard is waiting"),
        "{}",
        a.body
    );
    let a = send(
        &svc,
        &mut edith,
        MODE,
        &[("mode", "sometimes"), ("label", "2")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    // Withdrawn, the standard can go back; the next decision is public at once.
    let second = cs[1].id.to_string();
    assert_eq!(
        step(&svc, &mut edith, &second, "withdraw").await.status,
        StatusCode::SEE_OTHER
    );
    let a = send(
        &svc,
        &mut edith,
        MODE,
        &[("mode", "immediate"), ("label", "2")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let a = decide(
        &svc,
        &mut edith,
        "ballots",
        "2",
        &second,
        &[
            ("outcome", "noted"),
            ("rationale", "Quokkas at once."),
            ("clause_key", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "dispositions"), 2);
}

#[actix_web::test]
async fn replies_that_only_agree_are_marked_as_needing_no_decision_together() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let top = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Ana",
        "Seal the boxes.",
    );
    let agree: Vec<Comment> = ["+1", "Agreed."]
        .iter()
        .map(|body| {
            seed_comment(
                &mut site.conn(),
                v2.id,
                Some("custody"),
                Some(&top),
                "Ben",
                body,
            )
        })
        .collect();
    let mut edith = editor(&svc, &site).await;
    let page = get(&svc, &mut edith, FEEDBACK).await;
    for c in &agree {
        assert!(
            page.body.contains(&format!("name=\"reply-{}\"", c.id)),
            "{}",
            page.body
        );
    }
    assert!(!page.body.contains(&format!("name=\"reply-{}\"", top.id)));
    let no_decision = "/editor/standards/ballots/2/no-decision";

    // Refused, changing nothing: a forged token, a comment that is not a
    // reply, nothing ticked.
    let before = count(&mut site.conn(), "decision_waivers");
    let token = csrf_token_in(&page.body);
    let first = format!("reply-{}", agree[0].id);
    let a = post(
        &svc,
        &mut edith,
        no_decision,
        &[("csrf_token", "forged"), (first.as_str(), "yes")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let not_reply = format!("reply-{}", top.id);
    let a = post(
        &svc,
        &mut edith,
        no_decision,
        &[
            ("csrf_token", token.as_str()),
            (first.as_str(), "yes"),
            (not_reply.as_str(), "yes"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("is not a reply"), "{}", a.body);
    let a = post(
        &svc,
        &mut edith,
        no_decision,
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "decision_waivers"), before);

    // Both replies at once.
    let second = format!("reply-{}", agree[1].id);
    let a = post(
        &svc,
        &mut edith,
        no_decision,
        &[
            ("csrf_token", token.as_str()),
            (first.as_str(), "yes"),
            (second.as_str(), "yes"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "decision_waivers"), 2);
    let page = get(&svc, &mut edith, &format!("{FEEDBACK}?waived=2")).await;
    assert!(
        page.body
            .contains("2 replies marked as needing no decision"),
        "{}",
        page.body
    );
    assert!(page.body.contains("No decision needed"), "{}", page.body);
    assert!(
        !page.body.contains("Replies with no decision yet"),
        "{}",
        page.body
    );
    // They stay published and undecided in public.
    assert_eq!(count(&mut site.conn(), "dispositions"), 0);
    assert!(site.comment(agree[0].id).is_public());

    // The checklist counts only the top comment as undecided.
    let index = get(&svc, &mut edith, "/editor/feedback").await;
    let token = csrf_token_in(&index.body);
    post(
        &svc,
        &mut edith,
        "/editor/standards/ballots/drafts",
        &[("csrf_token", token.as_str())],
    )
    .await;
    let form = get(
        &svc,
        &mut edith,
        "/editor/standards/ballots/drafts/3/publish",
    )
    .await;
    assert!(
        form.body
            .contains("1 of the 3 public comments on version 2 have no decision."),
        "{}",
        form.body
    );
    assert!(form.body.contains("disposition=open"), "{}", form.body);
    let open = get(&svc, &mut edith, &format!("{FEEDBACK}?disposition=open")).await;
    assert!(
        open.body.contains(&format!("id=\"item-{}\"", top.id)),
        "{}",
        open.body
    );
    assert!(
        !open.body.contains(&format!("id=\"item-{}\"", agree[0].id)),
        "{}",
        open.body
    );
}

#[actix_web::test]
async fn forged_review_forms_change_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let cs = comments(&site, 1);
    let mut edith = editor(&svc, &site).await;
    review_mode(&svc, &mut edith).await;
    let id = cs[0].id.to_string();
    let a = decide(
        &svc,
        &mut edith,
        "ballots",
        "2",
        &id,
        &[
            ("outcome", "noted"),
            ("rationale", "Quokkas."),
            ("clause_key", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let drafts = || count(&mut site.conn(), "decision_drafts WHERE state = 'draft'");
    let before = (snapshot(&site), drafts());
    for (uri, form) in [
        (
            REVIEW,
            vec![("comment_ids", id.as_str()), ("step", "ready")],
        ),
        (
            REVIEW,
            vec![("comment_ids", id.as_str()), ("step", "withdraw")],
        ),
        (MODE, vec![("mode", "immediate"), ("label", "2")]),
        (RELEASE, vec![]),
    ] {
        let mut fields = vec![("csrf_token", "forged")];
        fields.extend(form);
        let a = post(&svc, &mut edith, uri, &fields).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!((snapshot(&site), drafts()), before, "{uri}");
    }
    assert_eq!(
        count(&mut site.conn(), "release_modes WHERE mode = 'review'"),
        1
    );
}

#[actix_web::test]
async fn revising_an_approved_draft_sends_it_back_to_review() {
    let site = Site::ballots();
    let svc = app!(site);
    let cs = comments(&site, 1);
    let mut edith = editor(&svc, &site).await;
    let mut erin = staff_browser(&svc, &site, "erin", Role::Editor).await;
    review_mode(&svc, &mut edith).await;
    let id = cs[0].id.to_string();
    let record = |why: &'static str| [("outcome", "noted"), ("rationale", why), ("clause_key", "")];
    let a = decide(
        &svc,
        &mut edith,
        "ballots",
        "2",
        &id,
        &record("Quokkas first."),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(
        step(&svc, &mut edith, &id, "ready").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        step(&svc, &mut erin, &id, "approve").await.status,
        StatusCode::SEE_OTHER
    );
    // Erin revises it: the approval no longer holds.
    let a = decide(
        &svc,
        &mut erin,
        "ballots",
        "2",
        &id,
        &record("Quokkas second."),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(
        count(
            &mut site.conn(),
            "decision_drafts WHERE state = 'draft' AND approved_by IS NULL"
        ),
        1
    );
    let a = send(&svc, &mut erin, RELEASE, &[]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    // The workspace form shows the revised draft.
    let page = get(&svc, &mut edith, FEEDBACK).await;
    assert!(page.body.contains("Quokkas second."), "{}", page.body);
    assert!(!page.body.contains("Quokkas first."), "{}", page.body);
    assert_eq!(count(&mut site.conn(), "dispositions"), 0);
}
