//! Staff accounts in the browser and on the command line: changing one's
//! own password, and admins adding accounts, changing roles, disabling,
//! enabling and resetting passwords. Every bad request gets a clear error
//! and changes nothing; every change is audited; a disabled account or a
//! reset password signs the account out at once.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use docket::audit::actions;
use docket::db::models::{Role, StaffUser};

use crate::comments::{app, get, open_form, post, Answer, Browser, Site};
use crate::staff::create_staff;
use crate::support::count;

async fn sign_in<S, B>(svc: &S, name: &str, password: &str) -> (StatusCode, Browser)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("198.51.100.30");
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
    (a.status, b)
}

async fn signed_in<S, B>(svc: &S, name: &str, password: &str) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let (status, b) = sign_in(svc, name, password).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{name} signs in");
    b
}

async fn is_signed_in<S, B>(svc: &S, b: &mut Browser) -> bool
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = get(svc, b, "/staff").await;
    match a.status {
        StatusCode::OK => true,
        StatusCode::SEE_OTHER => {
            assert_eq!(a.headers.get(header::LOCATION).unwrap(), "/staff/login");
            false
        }
        other => panic!("/staff answered {other}"),
    }
}

/// Post a staff form with this browser's token added.
async fn send<S, B>(svc: &S, b: &mut Browser, path: &str, fields: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, "/staff").await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    post(svc, b, path, &form).await
}

/// Every account as (name, role, disabled, password hash), and the audit count.
fn accounts(site: &Site) -> (Vec<(String, String, bool, String)>, i64) {
    let mut conn = site.conn();
    let all = StaffUser::all(&mut conn)
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.role, u.disabled, u.password_hash))
        .collect();
    (all, count(&mut conn, "audit_events"))
}

fn user(site: &Site, name: &str) -> StaffUser {
    StaffUser::find_by_name(&mut site.conn(), name)
        .unwrap()
        .unwrap()
}

fn last_action(site: &Site) -> (String, String, String) {
    use diesel::prelude::*;
    use docket::db::schema::audit_events as a;
    a::table
        .order(a::id.desc())
        .select((a::action, a::actor_name, a::target))
        .first(&mut site.conn())
        .unwrap()
}

/// The password shown once on the accounts page.
fn shown_password(html: &str) -> String {
    let start = html
        .find("<code class=\"password\">")
        .unwrap_or_else(|| panic!("no password shown in {html}"))
        + "<code class=\"password\">".len();
    html[start..start + html[start..].find('<').unwrap()].to_string()
}

#[actix_web::test]
async fn changing_ones_own_password() {
    let site = Site::ballots();
    let old = create_staff(&site.db, "eddie", Role::Editor);
    let svc = app!(site);
    let mut b = signed_in(&svc, "eddie", &old).await;
    let mut other = signed_in(&svc, "eddie", &old).await;
    let a = get(&svc, &mut b, "/staff/password").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("autocomplete=\"current-password\""));
    assert!(a.body.contains("autocomplete=\"new-password\""));
    let new = "a brand new passphrase";
    let before = accounts(&site);
    for (fields, message) in [
        (
            vec![("new_password", new), ("new_password_again", new)],
            "Enter your current password.",
        ),
        (
            vec![
                ("current_password", old.as_str()),
                ("new_password", ""),
                ("new_password_again", ""),
            ],
            "Enter the new password.",
        ),
        (
            vec![
                ("current_password", old.as_str()),
                ("new_password", "too short"),
                ("new_password_again", "too short"),
            ],
            "at least 12 characters",
        ),
        (
            vec![
                ("current_password", old.as_str()),
                ("new_password", new),
                ("new_password_again", "a brand new passphrasE"),
            ],
            "The two new passwords are not the same",
        ),
        (
            vec![
                ("current_password", "not my password"),
                ("new_password", new),
                ("new_password_again", new),
            ],
            "Your current password is not correct",
        ),
        (
            vec![
                ("current_password", old.as_str()),
                ("new_password", old.as_str()),
                ("new_password_again", old.as_str()),
            ],
            "the same as the current one",
        ),
    ] {
        let a = send(&svc, &mut b, "/staff/password", &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}");
        assert!(a.body.contains(message), "{fields:?}: {}", a.body);
        assert!(a.body.contains("Your password was not changed"));
        assert_eq!(accounts(&site), before, "{fields:?}");
    }
    let a = post(
        &svc,
        &mut b,
        "/staff/password",
        &[
            ("csrf_token", "forged"),
            ("current_password", old.as_str()),
            ("new_password", new),
            ("new_password_again", new),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(accounts(&site), before);

    let a = send(
        &svc,
        &mut b,
        "/staff/password",
        &[
            ("current_password", old.as_str()),
            ("new_password", new),
            ("new_password_again", new),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("Your password is changed"));
    assert!(user(&site, "eddie").check_password(new));
    assert!(
        is_signed_in(&svc, &mut b).await,
        "this browser stays signed in"
    );
    assert!(
        !is_signed_in(&svc, &mut other).await,
        "others are signed out"
    );
    assert_eq!(
        sign_in(&svc, "eddie", &old).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(sign_in(&svc, "eddie", new).await.0, StatusCode::SEE_OTHER);
    let (action, actor, target) = last_action(&site);
    // The last event is the sign-in just above; the change is before it.
    assert_eq!(action, actions::SIGNED_IN);
    assert_eq!((actor.as_str(), target.as_str()), ("eddie", ""));
    use diesel::prelude::*;
    use docket::db::schema::audit_events as ae;
    let changed: i64 = ae::table
        .filter(ae::action.eq(actions::PASSWORD_CHANGED))
        .filter(ae::actor_name.eq("eddie"))
        .count()
        .get_result(&mut site.conn())
        .unwrap();
    assert_eq!(changed, 1);
}

#[actix_web::test]
async fn admins_add_accounts_and_bad_forms_change_nothing() {
    let site = Site::ballots();
    let pw = create_staff(&site.db, "ada", Role::Admin);
    create_staff(&site.db, "taken", Role::Moderator);
    let svc = app!(site);
    let mut b = signed_in(&svc, "ada", &pw).await;
    let a = get(&svc, &mut b, "/staff/accounts").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("<th scope=\"row\">ada (you)</th>"),
        "{}",
        a.body
    );
    assert!(a.body.contains("<th scope=\"row\">taken</th>"));
    let before = accounts(&site);
    for (fields, message) in [
        (
            vec![("role", "editor")],
            "Enter a name for the new account.",
        ),
        (vec![("name", "new.person")], "Choose a role"),
        (
            vec![("name", "new.person"), ("role", "owner")],
            "Unknown role “owner”",
        ),
        (
            vec![("name", "new person"), ("role", "editor")],
            "may use only letters, digits",
        ),
        (
            vec![
                ("name", "new.person"),
                ("role", "editor"),
                ("password", "short"),
            ],
            "at least 12 characters",
        ),
        (
            vec![("name", "Taken"), ("role", "editor")],
            "An account named “taken” already exists.",
        ),
    ] {
        let a = send(&svc, &mut b, "/staff/accounts", &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}: {}", a.body);
        assert!(a.body.contains(message), "{fields:?}: {}", a.body);
        assert!(a.body.contains("Nothing was changed"));
        assert_eq!(accounts(&site), before, "{fields:?}");
    }
    let a = post(
        &svc,
        &mut b,
        "/staff/accounts",
        &[("csrf_token", "forged"), ("name", "x"), ("role", "editor")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(accounts(&site), before);

    // A generated password, shown once.
    let a = send(
        &svc,
        &mut b,
        "/staff/accounts",
        &[("name", "New.Person"), ("role", "editor"), ("password", "")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a
        .body
        .contains("Account “new.person” created with the role editor."));
    let generated = shown_password(&a.body);
    assert_eq!(user(&site, "new.person").role(), Role::Editor);
    assert_eq!(
        last_action(&site),
        (
            actions::ACCOUNT_CREATED.to_string(),
            "ada".to_string(),
            "account new.person".to_string()
        )
    );
    signed_in(&svc, "new.person", &generated).await;
    // A given password is not shown.
    let a = send(
        &svc,
        &mut b,
        "/staff/accounts",
        &[
            ("name", "mod2"),
            ("role", "moderator"),
            ("password", "a given long password"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(!a.body.contains("class=\"password\""));
    signed_in(&svc, "mod2", "a given long password").await;

    // Not for editors.
    let mut e = signed_in(&svc, "new.person", &generated).await;
    let before = accounts(&site);
    let a = get(&svc, &mut e, "/staff/accounts").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = send(
        &svc,
        &mut e,
        "/staff/accounts",
        &[("name", "sneaky"), ("role", "admin")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(accounts(&site), before);
}

#[actix_web::test]
async fn role_changes_disabling_and_resets_take_effect_at_once() {
    let site = Site::ballots();
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let mona_pw = create_staff(&site.db, "mona", Role::Moderator);
    let svc = app!(site);
    let mut admin = signed_in(&svc, "ada", &pw).await;
    let mut mona = signed_in(&svc, "mona", &mona_pw).await;
    let mona_id = user(&site, "mona").id;
    let ada_id = user(&site, "ada").id;
    let path = format!("/staff/accounts/{mona_id}");
    let own = format!("/staff/accounts/{ada_id}");

    // Bad requests change nothing.
    let before = accounts(&site);
    for (target, fields, message) in [
        (&path, vec![], "Choose what to change"),
        (
            &path,
            vec![("action", "promote")],
            "Unknown action “promote”",
        ),
        (&path, vec![("action", "role")], "Choose a role"),
        (
            &path,
            vec![("action", "role"), ("role", "king")],
            "Unknown role “king”",
        ),
        (
            &path,
            vec![("action", "role"), ("role", "moderator")],
            "already has the role moderator",
        ),
        (&path, vec![("action", "enable")], "is already enabled"),
        (
            &path,
            vec![("action", "reset"), ("password", "short")],
            "at least 12 characters",
        ),
        (
            &own,
            vec![("action", "disable")],
            "You cannot disable your own account",
        ),
        (
            &own,
            vec![("action", "role"), ("role", "editor")],
            "You cannot change the role of your own account",
        ),
    ] {
        let a = send(&svc, &mut admin, target, &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}: {}", a.body);
        assert!(a.body.contains(message), "{fields:?}: {}", a.body);
        assert_eq!(accounts(&site), before, "{fields:?}");
    }
    let a = send(
        &svc,
        &mut admin,
        "/staff/accounts/99999",
        &[("action", "disable")],
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(accounts(&site), before);

    // Role: mona becomes an editor; her next request sees it.
    assert_eq!(
        get(&svc, &mut mona, "/moderation").await.status,
        StatusCode::OK
    );
    let a = send(
        &svc,
        &mut admin,
        &path,
        &[("action", "role"), ("role", "editor")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("“mona” is now an editor."), "{}", a.body);
    assert_eq!(
        get(&svc, &mut mona, "/moderation").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&svc, &mut mona, "/editor/periods").await.status,
        StatusCode::OK
    );
    assert_eq!(last_action(&site).0, actions::ACCOUNT_ROLE_CHANGED);

    // Disabled: signed out at once, and cannot sign in.
    let a = send(&svc, &mut admin, &path, &[("action", "disable")]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(user(&site, "mona").disabled);
    assert!(!is_signed_in(&svc, &mut mona).await);
    assert_eq!(
        sign_in(&svc, "mona", &mona_pw).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(last_action(&site).0, actions::ACCOUNT_DISABLED);
    let a = send(&svc, &mut admin, &path, &[("action", "disable")]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("is already disabled"));

    // Enabled again.
    let a = send(&svc, &mut admin, &path, &[("action", "enable")]).await;
    assert_eq!(a.status, StatusCode::OK);
    let mut mona = signed_in(&svc, "mona", &mona_pw).await;

    // Reset: a generated password, shown once; her session ends.
    let a = send(
        &svc,
        &mut admin,
        &path,
        &[("action", "reset"), ("password", "")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let fresh = shown_password(&a.body);
    assert!(!is_signed_in(&svc, &mut mona).await);
    assert_eq!(
        sign_in(&svc, "mona", &mona_pw).await.0,
        StatusCode::UNAUTHORIZED
    );
    signed_in(&svc, "mona", &fresh).await;
    let resets = {
        use diesel::prelude::*;
        use docket::db::schema::audit_events as ae;
        ae::table
            .filter(ae::action.eq(actions::ACCOUNT_PASSWORD_RESET))
            .select((ae::actor_name, ae::target))
            .load::<(String, String)>(&mut site.conn())
            .unwrap()
    };
    assert_eq!(
        resets,
        vec![("ada".to_string(), "account mona".to_string())]
    );
    // The password never reaches the audit log.
    let log = get(&svc, &mut admin, "/staff/audit").await;
    assert!(!log.body.contains(&fresh));
}

#[test]
fn the_last_admin_cannot_be_demoted_or_disabled() {
    use docket::accounts::{self, AccountError};
    let site = Site::ballots();
    create_staff(&site.db, "root", Role::Admin);
    let id = user(&site, "root").id;
    let mut conn = site.conn();
    let before = accounts(&site);
    match accounts::set_role(&mut conn, None, id, Role::Editor) {
        Err(AccountError::Refused(msg)) => {
            assert!(msg.contains("only enabled administrator"), "{msg}")
        }
        other => panic!("{other:?}"),
    }
    match accounts::set_disabled(&mut conn, None, id, true) {
        Err(AccountError::Refused(msg)) => {
            assert!(msg.contains("only enabled administrator"), "{msg}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(accounts(&site), before);
    // With a second admin, it can.
    create_staff(&site.db, "second", Role::Admin);
    accounts::set_role(&mut conn, None, id, Role::Editor).unwrap();
    assert_eq!(user(&site, "root").role(), Role::Editor);
    assert_eq!(
        last_action(&site),
        (
            actions::ACCOUNT_ROLE_CHANGED.to_string(),
            docket::audit::COMMAND_LINE.to_string(),
            "account root".to_string()
        )
    );
}

fn docket_cmd(site: &Site) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_docket"));
    cmd.arg("--database-url").arg(&site.db.url);
    cmd.env_remove("DOCKET_DATABASE_URL");
    cmd
}

#[test]
fn docket_user_changes_roles_and_disables_and_enables_accounts() {
    let site = Site::ballots();
    create_staff(&site.db, "root", Role::Admin);
    create_staff(&site.db, "olivia", Role::Moderator);
    let run = |args: &[&str]| {
        let out = docket_cmd(&site).arg("user").args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = run(&["role", "Olivia", "editor"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("`olivia` is now editor."), "{stdout}");
    assert_eq!(user(&site, "olivia").role(), Role::Editor);
    let (ok, _, stderr) = run(&["disable", "olivia"]);
    assert!(ok, "{stderr}");
    assert!(user(&site, "olivia").disabled);
    let (ok, _, stderr) = run(&["enable", "olivia"]);
    assert!(ok, "{stderr}");
    assert!(!user(&site, "olivia").disabled);
    assert_eq!(last_action(&site).0, actions::ACCOUNT_ENABLED);
    assert_eq!(last_action(&site).1, docket::audit::COMMAND_LINE);

    let before = accounts(&site);
    let (ok, _, stderr) = run(&["role", "nobody", "editor"]);
    assert!(!ok);
    assert!(
        stderr.contains("there is no account named `nobody`"),
        "{stderr}"
    );
    let (ok, _, stderr) = run(&["role", "olivia", "owner"]);
    assert!(!ok);
    assert!(stderr.contains("unknown role `owner`"), "{stderr}");
    let (ok, _, stderr) = run(&["disable", "root"]);
    assert!(!ok);
    assert!(stderr.contains("only enabled administrator"), "{stderr}");
    assert_eq!(accounts(&site), before);
}
