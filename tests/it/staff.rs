//! Staff accounts: `docket user`, sign-in and sign-out, throttling, the
//! `Staff` extractor and role checks.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::{test, web, App};
use chrono::Utc;
use docket::config::SiteConfig;
use docket::db::models::staff::hash_password;
use docket::db::models::{NewStaffUser, Role, StaffUser};
use docket::db::write_tx;
use docket::error::AppError;
use docket::web::auth::Staff;
use docket::web::{routes, security, AppState};

use crate::support::{count, csrf_token_in, CookieJar, TestDb};

/// Create a staff account directly; returns its password.
pub fn create_staff(db: &TestDb, name: &str, role: Role) -> String {
    let password = format!("{name}-correct-horse-battery");
    let hash = hash_password(&password).unwrap();
    write_tx(&mut db.conn(), |conn| {
        StaffUser::insert(
            conn,
            &NewStaffUser {
                name,
                password_hash: &hash,
                role: role.as_str(),
                created_at: Utc::now().naive_utc(),
                disabled: false,
            },
        )
    })
    .unwrap();
    password
}

async fn admin_only(staff: Staff) -> Result<String, AppError> {
    staff.require(&[Role::Admin])?;
    Ok(format!("hello admin {}", staff.name))
}

async fn moderators(staff: Staff) -> Result<String, AppError> {
    staff.require(&[Role::Moderator, Role::Admin])?;
    Ok(format!("hello {}", staff.name))
}

/// The real route table and middleware, plus two role-checked routes.
macro_rules! service {
    ($db:expr) => {
        service!($db, crate::support::site_config())
    };
    ($db:expr, $config:expr) => {{
        let state = AppState::new($db.pool.clone(), $config);
        test::init_service(
            App::new()
                .app_data(web::Data::new(state.clone()))
                .app_data(security::form_config())
                .wrap(security::session_middleware(&state.config))
                .route("/test/admin-only", web::get().to(admin_only))
                .route("/test/moderators", web::get().to(moderators))
                .configure(routes::configure),
        )
        .await
    }};
}

async fn call<S, B>(
    svc: &S,
    jar: &mut CookieJar,
    req: test::TestRequest,
) -> (StatusCode, String, Option<String>)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let resp = test::call_service(svc, jar.apply(req).to_request()).await;
    jar.update(&resp);
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string());
    let body = test::read_body(resp).await;
    (status, String::from_utf8(body.to_vec()).unwrap(), location)
}

/// Open the sign-in page and submit it; returns the answer to the POST.
async fn sign_in<S, B>(
    svc: &S,
    jar: &mut CookieJar,
    name: &str,
    password: &str,
    next: &str,
) -> (StatusCode, String, Option<String>)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let (status, page, _) = call(svc, jar, test::TestRequest::get().uri("/staff/login")).await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_token_in(&page);
    call(
        svc,
        jar,
        test::TestRequest::post().uri("/staff/login").set_form([
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password),
            ("next", next),
        ]),
    )
    .await
}

#[actix_web::test]
async fn the_login_page_is_a_labelled_form_with_a_csrf_token() {
    let db = TestDb::new();
    let svc = service!(db);
    let mut jar = CookieJar::default();
    let (status, html, _) =
        call(&svc, &mut jar, test::TestRequest::get().uri("/staff/login")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<label for=\"login-name\">"), "{html}");
    assert!(html.contains("<label for=\"login-password\">"), "{html}");
    assert!(html.contains("autocomplete=\"current-password\""));
    assert!(!csrf_token_in(&html).is_empty());
    let cookie = jar
        .session
        .clone()
        .expect("the session cookie carries the token");
    assert_eq!(cookie.http_only(), Some(true));
    assert_eq!(cookie.same_site(), Some(actix_web::cookie::SameSite::Lax));
    assert_ne!(cookie.secure(), Some(true), "plain http in development");
    assert!(!cookie.value().contains(&csrf_token_in(&html)), "encrypted");
}

#[actix_web::test]
async fn staff_sign_in_reach_their_home_and_sign_out() {
    let db = TestDb::new();
    let password = create_staff(&db, "mona", Role::Moderator);
    let svc = service!(db);
    let mut jar = CookieJar::default();

    let (status, _, location) = sign_in(&svc, &mut jar, "Mona", &password, "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/staff"));

    let (status, html, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Signed in as <strong>mona</strong> (Moderator)"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/moderation\">Moderation queue</a>"),
        "{html}"
    );
    // Already signed in: the sign-in page sends you on.
    let (status, _, location) =
        call(&svc, &mut jar, test::TestRequest::get().uri("/staff/login")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/staff"));

    // Signing out needs the form's token, like every form.
    let (status, _, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::post()
            .uri("/staff/logout")
            .set_form([("csrf_token", "forged")]),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let token = csrf_token_in(&html);
    let (status, _, location) = call(
        &svc,
        &mut jar,
        test::TestRequest::post()
            .uri("/staff/logout")
            .set_form([("csrf_token", token.as_str())]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/staff/login"));
    let (status, _, location) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/staff/login"));
}

#[actix_web::test]
async fn anonymous_visitors_are_sent_to_sign_in_and_back() {
    let db = TestDb::new();
    let password = create_staff(&db, "ada", Role::Admin);
    let svc = service!(db);
    let mut jar = CookieJar::default();
    let (status, _, location) = call(
        &svc,
        &mut jar,
        test::TestRequest::get().uri("/test/admin-only?tab=all"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/staff/login?next=/test/admin-only%3Ftab%3Dall")
    );
    let (status, html, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::get().uri("/staff/login?next=/test/admin-only%3Ftab%3Dall"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("name=\"next\" value=\"/test/admin-only?tab=all\""),
        "{html}"
    );
    let (status, _, location) =
        sign_in(&svc, &mut jar, "ada", &password, "/test/admin-only?tab=all").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/test/admin-only?tab=all"));
    let (status, body, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::get().uri("/test/admin-only"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "hello admin ada");
}

#[actix_web::test]
async fn sign_in_never_redirects_off_the_site() {
    let db = TestDb::new();
    let password = create_staff(&db, "ed", Role::Editor);
    let svc = service!(db);
    for next in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let mut jar = CookieJar::default();
        let (status, _, location) = sign_in(&svc, &mut jar, "ed", &password, next).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location.as_deref(), Some("/staff"), "next = {next}");
    }
}

#[actix_web::test]
async fn the_wrong_role_gets_a_403_page() {
    let db = TestDb::new();
    let password = create_staff(&db, "eve", Role::Editor);
    let svc = service!(db);
    let mut jar = CookieJar::default();
    sign_in(&svc, &mut jar, "eve", &password, "").await;
    let (status, html, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::get().uri("/test/moderators"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("<h1>Not allowed</h1>"), "{html}");
    assert!(
        html.contains("This page is for moderator or administrator accounts; you are signed in as eve (editor)."),
        "{html}"
    );
    let (status, _, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::get().uri("/test/admin-only"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn require_admits_exactly_the_listed_roles() {
    for role in Role::ALL {
        let staff = Staff {
            id: 1,
            name: "x".to_string(),
            role,
        };
        assert!(staff.require(&[role]).is_ok());
        let others: Vec<Role> = Role::ALL.into_iter().filter(|r| *r != role).collect();
        assert!(matches!(
            staff.require(&others),
            Err(AppError::Forbidden(_))
        ));
        assert!(staff.require(&[]).is_err());
    }
}

#[actix_web::test]
async fn a_wrong_password_or_unknown_name_is_refused_the_same_way() {
    let db = TestDb::new();
    let password = create_staff(&db, "mo", Role::Moderator);
    let svc = service!(db);
    for (name, pw) in [("mo", "not the password"), ("nobody", password.as_str())] {
        let mut jar = CookieJar::default();
        let (status, html, _) = sign_in(&svc, &mut jar, name, pw, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(
            html.contains("The account name or password is not correct."),
            "{html}"
        );
        assert!(html.contains("role=\"alert\""));
        let (status, _, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "not signed in");
    }
    assert_eq!(count(&mut db.conn(), "login_failures"), 2);
}

#[actix_web::test]
async fn repeated_failures_pause_sign_in_for_that_account() {
    let db = TestDb::new();
    let password = create_staff(&db, "target", Role::Admin);
    let other = create_staff(&db, "bystander", Role::Editor);
    let svc = service!(db);
    let mut jar = CookieJar::default();
    for _ in 0..docket::web::auth::MAX_FAILURES_PER_ADDRESS_AND_NAME {
        let (status, _, _) = sign_in(&svc, &mut jar, "target", "guess", "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused, with a clear message.
    let (status, html, _) =
        call(&svc, &mut jar, test::TestRequest::get().uri("/staff/login")).await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_token_in(&html);
    let resp = test::call_service(
        &svc,
        jar.apply(test::TestRequest::post().uri("/staff/login").set_form([
            ("csrf_token", token.as_str()),
            ("name", "target"),
            ("password", password.as_str()),
        ]))
        .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp
        .headers()
        .get(header::RETRY_AFTER)
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    let html = String::from_utf8(test::read_body(resp).await.to_vec()).unwrap();
    assert!(html.contains("Too many failed sign-in attempts"), "{html}");
    // 15 minutes after the first failure, rounded up: 15 unless this test was very slow.
    assert!(
        html.contains("try again in 15 minutes") || html.contains("try again in 14 minutes"),
        "{html}"
    );

    // Other accounts are not locked by it.
    let mut jar = CookieJar::default();
    let (status, _, _) = sign_in(&svc, &mut jar, "bystander", &other, "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn repeated_failures_from_one_address_pause_it() {
    let db = TestDb::new();
    let password = create_staff(&db, "real", Role::Editor);
    let svc = service!(db);
    let from = |req: test::TestRequest| req.peer_addr("203.0.113.9:4000".parse().unwrap());
    let mut jar = CookieJar::default();
    let (_, html, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff/login")).await;
    let token = csrf_token_in(&html);
    let attempt = |name: String, pw: String| {
        from(test::TestRequest::post().uri("/staff/login").set_form([
            ("csrf_token", token.clone()),
            ("name", name),
            ("password", pw),
        ]))
    };
    for i in 0..docket::web::auth::MAX_FAILURES_PER_ADDRESS {
        let (status, _, _) = call(&svc, &mut jar, attempt(format!("user{i}"), "x".into())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = call(&svc, &mut jar, attempt("real".into(), password.clone())).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    let (status, _, _) = call(
        &svc,
        &mut jar,
        test::TestRequest::post()
            .uri("/staff/login")
            .peer_addr("198.51.100.7:4000".parse().unwrap())
            .set_form([
                ("csrf_token", token.as_str()),
                ("name", "real"),
                ("password", password.as_str()),
            ]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn disabling_an_account_or_changing_its_password_ends_its_sessions() {
    let db = TestDb::new();
    let password = create_staff(&db, "dee", Role::Moderator);
    let svc = service!(db);
    let user = StaffUser::find_by_name(&mut db.conn(), "dee")
        .unwrap()
        .unwrap();

    let mut jar = CookieJar::default();
    sign_in(&svc, &mut jar, "dee", &password, "").await;
    let (status, _, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
    assert_eq!(status, StatusCode::OK);
    StaffUser::set_password_hash(
        &mut db.conn(),
        user.id,
        &hash_password("a new password 123").unwrap(),
    )
    .unwrap();
    let (status, _, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let mut jar = CookieJar::default();
    let (status, _, _) = sign_in(&svc, &mut jar, "dee", "a new password 123", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    StaffUser::set_disabled(&mut db.conn(), user.id, true).unwrap();
    let (status, _, _) = call(&svc, &mut jar, test::TestRequest::get().uri("/staff")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut jar = CookieJar::default();
    let (status, html, _) = sign_in(&svc, &mut jar, "dee", "a new password 123", "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("This account is disabled."), "{html}");
}

#[actix_web::test]
async fn app_servers_sharing_the_secret_key_share_sessions() {
    let db = TestDb::new();
    let password = create_staff(&db, "sam", Role::Editor);
    let config = crate::support::site_config();
    let one = service!(db, config.clone());
    let two = service!(db, config);
    let stranger = service!(db, crate::support::site_config());
    let mut jar = CookieJar::default();
    sign_in(&one, &mut jar, "sam", &password, "").await;
    let (status, _, _) = call(
        &two,
        &mut jar.clone(),
        test::TestRequest::get().uri("/staff"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "another server with the same key");
    let (status, _, _) = call(
        &stranger,
        &mut jar.clone(),
        test::TestRequest::get().uri("/staff"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "a different key cannot read the cookie"
    );
}

#[actix_web::test]
async fn the_session_cookie_is_secure_behind_https() {
    let db = TestDb::new();
    let config = SiteConfig {
        base_url: "https://standards.example.org".to_string(),
        ..crate::support::site_config()
    };
    let svc = service!(db, config);
    let mut jar = CookieJar::default();
    call(&svc, &mut jar, test::TestRequest::get().uri("/staff/login")).await;
    assert_eq!(jar.session.unwrap().secure(), Some(true));
}

fn docket_cmd(db: &TestDb) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_docket"));
    cmd.arg("--database-url").arg(&db.url);
    cmd.env_remove("DOCKET_DATABASE_URL");
    cmd
}

#[actix_web::test]
async fn docket_user_adds_lists_and_resets_accounts() {
    use std::io::Write;
    let db = TestDb::new();
    let out = docket_cmd(&db)
        .args(["user", "add", "Olivia", "--role", "moderator"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Created moderator account `olivia`."),
        "{stdout}"
    );
    let printed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .expect("a generated password is printed")
        .to_string();
    let user = StaffUser::find_by_name(&mut db.conn(), "olivia")
        .unwrap()
        .unwrap();
    assert_eq!(user.role(), Role::Moderator);
    assert!(
        user.password_hash.starts_with("$argon2id$"),
        "{}",
        user.password_hash
    );
    assert!(user.check_password(&printed));
    assert!(!user.check_password("wrong"));

    let mut child = docket_cmd(&db)
        .args(["user", "add", "root", "--role", "admin", "--password-stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Password:"));
    let root = StaffUser::find_by_name(&mut db.conn(), "root")
        .unwrap()
        .unwrap();
    assert!(root.check_password("a long enough password"));

    let out = docket_cmd(&db).args(["user", "list"]).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    assert!(lines[0].starts_with("olivia") && lines[0].contains("moderator"));
    assert!(lines[1].starts_with("root") && lines[1].contains("admin"));
    assert!(!listing.contains("argon2"), "hashes are never shown");

    let out = docket_cmd(&db)
        .args(["user", "passwd", "olivia"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let fresh = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .unwrap();
    let user = StaffUser::find_by_name(&mut db.conn(), "olivia")
        .unwrap()
        .unwrap();
    assert!(user.check_password(fresh));
    assert!(!user.check_password(&printed));

    // Mistakes are refused with a clear message and change nothing.
    for (args, expect) in [
        (
            vec!["user", "add", "olivia", "--role", "editor"],
            "already exists",
        ),
        (
            vec!["user", "add", "x y", "--role", "editor"],
            "may use only",
        ),
        (vec!["user", "add", "zed", "--role", "boss"], "unknown role"),
        (
            vec!["user", "passwd", "nobody"],
            "no account named `nobody`",
        ),
    ] {
        let out = docket_cmd(&db).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expect), "{args:?}: {stderr}");
    }
    assert_eq!(count(&mut db.conn(), "staff_users"), 2);
}
