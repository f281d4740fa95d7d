//! Test helpers: a fresh database per test, the app, and content fixtures.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use docket::db::{self, DbConn, Pool};

/// The PostgreSQL URL to test against, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("DOCKET_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres://") || u.starts_with("postgresql://"))
}

/// A fresh, migrated database that disappears when dropped.
pub struct TestDb {
    pub pool: Pool,
    #[allow(dead_code)]
    pub url: String,
    _dir: tempfile::TempDir,
    schema: Option<(String, String)>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        match postgres_url() {
            Some(base) => {
                let n = COUNTER.fetch_add(1, Ordering::SeqCst);
                let schema = format!(
                    "docket_t{}_{}_{}",
                    std::process::id(),
                    n,
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .subsec_nanos()
                );
                let mut admin = db::establish(&db::DbUrl::parse(&base).unwrap())
                    .expect("connect to PostgreSQL");
                exec(&mut admin, &format!("CREATE SCHEMA {schema}"));
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
                let pool = db::connect(&url, 4).expect("pool");
                TestDb {
                    pool,
                    url,
                    _dir: dir,
                    schema: Some((base, schema)),
                }
            }
            None => {
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                let pool = db::connect(&url, 4).expect("pool");
                TestDb {
                    pool,
                    url,
                    _dir: dir,
                    schema: None,
                }
            }
        }
    }

    pub fn conn(&self) -> db::PooledConn {
        self.pool.get().expect("connection")
    }

    pub fn is_postgres(&self) -> bool {
        self.schema.is_some()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.schema {
            if let Ok(mut admin) = db::establish(&db::DbUrl::parse(base).unwrap()) {
                exec(
                    &mut admin,
                    &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
                );
            }
        }
    }
}

pub fn exec(conn: &mut DbConn, sql: &str) {
    use diesel::RunQueryDsl;
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// A count of rows, for "nothing changed" checks.
pub fn count(conn: &mut DbConn, table: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
        .get_result::<N>(conn)
        .expect("count")
        .n
}

/// The repository's sample content.
pub fn sample_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Front matter for a version file.
pub fn front(label: &str, status: &str) -> String {
    let window = if status == "open" {
        "comment_opens = 2026-01-01T00:00:00Z\ncomment_closes = 2099-01-01T00:00:00Z\n"
    } else {
        "comment_opens = 2025-01-01T00:00:00Z\ncomment_closes = 2025-02-01T00:00:00Z\n"
    };
    format!(
        "+++\nlabel = \"{label}\"\ntitle = \"Test standard, version {label}\"\nstatus = \"{status}\"\npublished = 2025-01-01\n{window}+++\n\n"
    )
}

/// A small standard in a temporary content directory.
pub struct Content {
    pub dir: tempfile::TempDir,
}

impl Content {
    pub fn new() -> Content {
        Content {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn standard(&self, slug: &str, title: &str) -> &Self {
        let d = self.dir.path().join(slug);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("standard.toml"),
            format!("title = \"{title}\"\nsummary = \"Summary of {title}.\"\ntime_zone = \"America/Chicago\"\n"),
        )
        .unwrap();
        self
    }

    pub fn version(&self, slug: &str, label: &str, contents: &str) -> PathBuf {
        let p = self.dir.path().join(slug).join(format!("{label}.md"));
        std::fs::write(&p, contents).unwrap();
        p
    }

    pub fn version_bytes(&self, slug: &str, label: &str, contents: &[u8]) -> PathBuf {
        let p = self.dir.path().join(slug).join(format!("{label}.md"));
        std::fs::write(&p, contents).unwrap();
        p
    }
}

/// Two versions of a small standard: v1 superseded, v2 open.
pub fn two_versions() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}Preamble of the first draft.\n\n## 1 Integrity {{#integrity}}\n\n### 1.1 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off.\n\n### 1.2 Seals\n\nEvery container shall be sealed with a numbered seal, recorded on the log.\n\n### 1.3 Storage rooms\n\nBallots are stored in a locked room with two keys held by different people.\n",
            front("1", "superseded")
        ),
    );
    c.version(
        "ballots",
        "2",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\n### 1.1 Training {{#training}}\n\nStaff who handle ballots shall be trained each year.\n\n### 1.2 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off, with two signatures.\n\n### 1.3 Seals\n\nEvery container shall be sealed with a numbered seal, recorded on the log.\n\n### 1.4 Secure storage\n\nBallots are stored in a locked room with two keys held by two different people.\n",
            front("2", "open")
        ),
    );
    c
}

/// The session cookie a browser would keep between requests to the app,
/// and the CSRF token of the last form it was shown.
#[derive(Default, Clone)]
#[allow(dead_code)]
pub struct CookieJar {
    pub session: Option<actix_web::cookie::Cookie<'static>>,
}

#[allow(dead_code)]
impl CookieJar {
    /// Keep the session cookie a response sets (or forget it if removed).
    pub fn update<B>(&mut self, resp: &actix_web::dev::ServiceResponse<B>) {
        for c in resp.response().cookies() {
            if c.name() == docket::web::security::SESSION_COOKIE {
                if c.value().is_empty() {
                    self.session = None;
                } else {
                    self.session = Some(c.into_owned());
                }
            }
        }
    }

    /// Attach the session cookie, if any, to a request.
    pub fn apply(&self, req: actix_web::test::TestRequest) -> actix_web::test::TestRequest {
        match &self.session {
            Some(c) => req.cookie(c.clone()),
            None => req,
        }
    }
}

/// The value of the hidden `csrf_token` field in a page.
#[allow(dead_code)]
pub fn csrf_token_in(html: &str) -> String {
    let at = html
        .find("name=\"csrf_token\" value=\"")
        .unwrap_or_else(|| panic!("no csrf_token field in:\n{html}"));
    let rest = &html[at + "name=\"csrf_token\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The site's settings for an app under test: pages are never served
/// stale, so a test may change the database directly and look at a page at
/// once (the settings a real server uses are tested in `cluster`).
pub fn site_config() -> docket::config::SiteConfig {
    docket::config::SiteConfig {
        page_cache: docket::config::PageCacheSettings::exact(),
        ..docket::config::SiteConfig::default()
    }
}

/// A header's value as text ("" when absent or not text).
#[allow(dead_code)]
pub fn header_of(
    headers: &actix_web::http::header::HeaderMap,
    name: actix_web::http::header::HeaderName,
) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}
