//! The audit log: staff actions are recorded with who and when, in the
//! transaction of the action; admins read the whole log; the public
//! changelog of a version lists only its public events.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use chrono::{Duration, Utc};
use docket::audit::{self, actions, Actor, Event};
use docket::db::models::Role;
use docket::db::write_tx;

use crate::comments::{app, get, open_form, post, seed_comment, Browser, Site};
use crate::staff::create_staff;
use crate::support::{count, exec};

async fn signed_in<S, B>(svc: &S, name: &str, password: &str) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("198.51.100.40");
    let token = open_form(svc, &mut b, "/staff/login").await;
    let a = post(
        svc,
        &mut b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    b
}

/// (action, actor, target, detail, public) of every event, oldest first.
fn events(site: &Site) -> Vec<(String, String, String, String, bool)> {
    use diesel::prelude::*;
    use docket::db::schema::audit_events as a;
    a::table
        .order(a::id.asc())
        .select((a::action, a::actor_name, a::target, a::detail, a::public))
        .load(&mut site.conn())
        .unwrap()
}

#[actix_web::test]
async fn sign_in_sign_out_and_moderation_are_recorded() {
    let site = Site::ballots();
    let pw = create_staff(&site.db, "mona", Role::Moderator);
    let v2 = site.version("ballots", "2");
    let c = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Ana",
        "Rude words.",
    );
    let svc = app!(site);
    let mut b = signed_in(&svc, "mona", &pw).await;
    let token = open_form(&svc, &mut b, "/staff").await;
    let a = post(
        &svc,
        &mut b,
        &format!("/moderation/comments/{}", c.id),
        &[
            ("csrf_token", token.as_str()),
            ("action", "hide"),
            ("reason", "Personal attack"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    // A refused action leaves no audit row.
    let before = count(&mut site.conn(), "audit_events");
    let a = post(
        &svc,
        &mut b,
        &format!("/moderation/comments/{}", c.id),
        &[("csrf_token", token.as_str()), ("action", "spam")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&mut site.conn(), "audit_events"), before);
    let a = post(
        &svc,
        &mut b,
        "/staff/logout",
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let target = format!("comment {}", c.tracking_number);
    assert_eq!(
        events(&site),
        vec![
            (
                actions::SIGNED_IN.into(),
                "mona".into(),
                "".into(),
                "".into(),
                false
            ),
            (
                actions::COMMENT_HIDDEN.into(),
                "mona".into(),
                target,
                "Personal attack".into(),
                false
            ),
            (
                actions::SIGNED_OUT.into(),
                "mona".into(),
                "".into(),
                "".into(),
                false
            ),
        ]
    );
    // Moderation is not on the public changelog.
    let mut reader = Browser::new("192.0.2.80");
    let a = get(&svc, &mut reader, "/standards/ballots/2/changelog").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(!a.body.contains("Comment hidden"), "{}", a.body);
    assert!(a
        .body
        .contains("Nothing has been recorded for this version yet."));
}

#[test]
fn an_action_that_fails_leaves_no_audit_row() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let result: Result<(), diesel::result::Error> = write_tx(&mut conn, |conn| {
        audit::record(conn, &Event::command_line("test.tried"))?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(result.is_err());
    assert_eq!(count(&mut conn, "audit_events"), 0);
    write_tx(&mut conn, |conn| {
        audit::record(
            conn,
            &Event::by(
                &Actor {
                    id: 7,
                    name: "someone".to_string(),
                    role: docket::db::models::Role::Editor,
                },
                "test.done",
            )
            .target("a target")
            .detail("a detail"),
        )
    })
    .unwrap();
    drop(conn);
    assert_eq!(
        events(&site),
        vec![(
            "test.done".into(),
            "someone".into(),
            "a target".into(),
            "a detail".into(),
            false
        )]
    );
}

#[actix_web::test]
async fn admins_read_the_whole_log_newest_first_by_page_and_action() {
    let site = Site::ballots();
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let ed = create_staff(&site.db, "eddie", Role::Editor);
    let v2 = site.version("ballots", "2");
    let start = Utc::now().naive_utc() - Duration::days(1);
    write_tx(&mut site.conn(), |conn| {
        for i in 0..60 {
            audit::record_at(
                conn,
                &Event::command_line(actions::ACCOUNT_ENABLED).target(format!("account n{i:02}")),
                start + Duration::seconds(i),
            )?;
        }
        audit::record_at(
            conn,
            &Event::command_line(actions::PERIOD_EXTENDED)
                .on_version(v2.standard_id, v2.id)
                .detail("Extended for the test.")
                .public(),
            start + Duration::seconds(100),
        )
    })
    .unwrap();
    let svc = app!(site);
    let mut b = signed_in(&svc, "ada", &pw).await;
    let a = get(&svc, &mut b, "/staff/audit").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers.get("cache-control").unwrap(), "no-store");
    // Newest first: the sign-in, then the extension, then n59 …
    let signin = a.body.find("Signed in").expect("sign-in");
    let extended = a.body.find("Extended for the test.").expect("extension");
    let n59 = a.body.find("account n59").expect("n59");
    assert!(signin < extended && extended < n59);
    assert!(!a.body.contains("account n10"), "page 1 holds 50 events");
    assert!(a.body.contains("62 events; page 1 of 2"), "{}", a.body);
    assert!(a.body.contains("href=\"/staff/audit?page=2\""));
    let a = get(&svc, &mut b, "/staff/audit?page=2").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("account n00") && a.body.contains("account n11"));
    assert!(!a.body.contains("account n12"));
    // Filtered by action.
    let a = get(&svc, &mut b, "/staff/audit?action=period.extended").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("1 event."), "{}", a.body);
    assert!(a.body.contains("Extended for the test."));
    assert!(!a.body.contains("account n"));
    // Bad queries are clear errors.
    for (q, message) in [
        ("/staff/audit?page=0", "is not a page number"),
        ("/staff/audit?page=two", "is not a page number"),
        (
            "/staff/audit?action=nothing.such",
            "There are no “nothing.such” events",
        ),
    ] {
        let a = get(&svc, &mut b, q).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(a.body.contains(message), "{q}: {}", a.body);
    }
    // Admins only.
    let mut e = signed_in(&svc, "eddie", &ed).await;
    assert_eq!(
        get(&svc, &mut e, "/staff/audit").await.status,
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn the_changelog_lists_only_public_events_of_that_version() {
    let site = Site::ballots();
    let v1 = site.version("ballots", "1");
    let v2 = site.version("ballots", "2");
    let staff = docket::web::auth::Staff {
        id: 1,
        name: "eddie".into(),
        role: Role::Editor,
    };
    write_tx(&mut site.conn(), |conn| {
        audit::record(
            conn,
            &Event::by(&staff, actions::DISPOSITION_RECORDED)
                .on_version(v2.standard_id, v2.id)
                .detail("Comment SEED-1: accepted.")
                .public(),
        )?;
        audit::record(
            conn,
            &Event::by(&staff, "draft.saved")
                .on_version(v2.standard_id, v2.id)
                .detail("A private working note."),
        )?;
        audit::record(
            conn,
            &Event::by(&staff, actions::VERSION_PUBLISHED)
                .on_version(v1.standard_id, v1.id)
                .detail("Version 1 of another page.")
                .public(),
        )
    })
    .unwrap();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.81");
    let a = get(&svc, &mut b, "/standards/ballots/2/changelog").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Disposition recorded"), "{}", a.body);
    assert!(a.body.contains("Comment SEED-1: accepted."));
    assert!(!a.body.contains("private working note"));
    assert!(!a.body.contains("Version 1 of another page."));
    assert!(!a.body.contains("eddie"));
    let a = get(&svc, &mut b, "/standards/ballots/1/changelog").await;
    assert!(a.body.contains("Version 1 of another page."));
    assert_eq!(
        get(&svc, &mut b, "/standards/ballots/7/changelog")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Drafts are not public, nor is their changelog.
    exec(
        &mut site.conn(),
        &format!("UPDATE versions SET status = 'draft' WHERE id = {}", v2.id),
    );
    assert_eq!(
        get(&svc, &mut b, "/standards/ballots/2/changelog")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn actions_read_as_words() {
    assert_eq!(
        audit::describe(actions::PERIOD_EXTENDED),
        "Comment period extended"
    );
    assert_eq!(audit::describe("draft.saved"), "Draft saved");
    assert_eq!(audit::describe("x"), "X");
}
