//! The statements a submission is made of, one by one: each does in one
//! round trip what used to take two or three, and must still refuse what
//! it refused before.

use chrono::Utc;
use diesel::prelude::*;
use docket::db::group::{FloodWatch, GroupWriter, Shape};
use docket::db::models::{Comment, Commenter, NewComment, NewCommenter, RateEvent};
use docket::db::schema::{commenters, comments, rate_events};
use docket::db::write_tx;

use crate::comments::{seed_comment, Site};
use crate::support::count;

fn new_commenter<'a>(email: &'a str, name: &'a str) -> NewCommenter<'a> {
    NewCommenter {
        email,
        display_name: name,
        organization: None,
        unsubscribe_token: "0123456789abcdef",
        created_at: Utc::now().naive_utc(),
    }
}

#[test]
fn a_known_address_keeps_its_commenter_and_a_new_one_is_added_once() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let first =
        Commenter::by_email_or_insert(&mut conn, &new_commenter("ana@example.org", "Ana")).unwrap();
    let again = Commenter::by_email_or_insert(
        &mut conn,
        &NewCommenter {
            unsubscribe_token: "fedcba9876543210",
            ..new_commenter("ana@example.org", "Someone Else")
        },
    )
    .unwrap();
    assert_eq!(first.id, again.id);
    // What the address already had is kept: the second call wrote nothing.
    assert_eq!(again.display_name, "Ana");
    assert_eq!(again.unsubscribe_token, first.unsubscribe_token);
    let other = Commenter::by_email_or_insert(
        &mut conn,
        &NewCommenter {
            unsubscribe_token: "00112233445566778899",
            ..new_commenter("bo@example.org", "Bo")
        },
    )
    .unwrap();
    assert_ne!(other.id, first.id);
    let rows: i64 = commenters::table.count().get_result(&mut conn).unwrap();
    assert_eq!(rows, 2);
}

#[test]
fn a_tracking_number_already_given_is_not_given_again() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    let mut conn = site.conn();
    let taken = seed_comment(&mut conn, v2.id, Some("custody"), None, "Ana", "First.");
    let before = count(&mut conn, "comments");
    let commenter =
        Commenter::by_email_or_insert(&mut conn, &new_commenter("bo@example.org", "Bo")).unwrap();
    let now = Utc::now().naive_utc();
    let row = |tracking| NewComment {
        version_id: v2.id,
        clause_key: Some("custody"),
        parent_id: None,
        depth: 0,
        kind: "general",
        body_md: "Second.",
        body_html: "<p>Second.</p>",
        proposed_text: None,
        quoted_text: None,
        commenter_id: commenter.id,
        status: "unverified",
        tracking_number: tracking,
        created_at: now,
        published_at: None,
        author_name: "Bo",
        author_organization: None,
        submission_key: None,
        proposed_html: None,
        lang: "en",
    };
    let (taken_number, free) = (taken.tracking_number.clone(), "BH2-9999-ZZZZ".to_string());
    let stored = write_tx(&mut conn, |conn| {
        let (number, id) = Comment::next_number_and_id(conn, v2.id)?;
        assert!(number >= 1);
        let refused = Comment::insert_unless_tracked(conn, id, &row(&taken_number), None)?;
        assert!(
            refused.is_none(),
            "a taken tracking number was written again"
        );
        // The same id is free for the next check code drawn.
        Comment::insert_unless_tracked(conn, id, &row(&free), None)
    })
    .unwrap()
    .expect("a free tracking number is written");
    assert_eq!(stored.tracking_number, "BH2-9999-ZZZZ");
    assert_eq!(count(&mut conn, "comments"), before + 1);
    let first: String = comments::table
        .find(taken.id)
        .select(comments::body_md)
        .first(&mut conn)
        .unwrap();
    assert_eq!(first, "First.", "the earlier comment is untouched");
}

#[test]
fn the_rate_count_in_one_statement_counts_and_refuses_as_before() {
    let site = Site::ballots();
    let mut conn = site.conn();
    let now = Utc::now().naive_utc();
    let hour = chrono::Duration::hours(1);
    // An event older than the hour is forgotten; a recent one counts.
    write_tx(&mut conn, |conn| {
        RateEvent::record(conn, "comment", "10.0.0.1", now - hour * 2)?;
        RateEvent::record(
            conn,
            "comment",
            "10.0.0.1",
            now - chrono::Duration::minutes(5),
        )?;
        RateEvent::record(conn, "comment", "10.0.0.2", now)
    })
    .unwrap();
    let take = |conn: &mut docket::db::DbConn| {
        write_tx(conn, |conn| {
            RateEvent::lock_all(conn, &[("comment", "10.0.0.1"), ("other", "x")])?;
            RateEvent::take(conn, "comment", "10.0.0.1", now - hour, now, 2)
        })
        .unwrap()
    };
    let (n, earliest) = take(&mut conn);
    assert_eq!(n, 1);
    assert_eq!(
        earliest.map(|t| t.and_utc().timestamp()),
        Some((now - chrono::Duration::minutes(5)).and_utc().timestamp())
    );
    // The second take finds two and records nothing: refused.
    let (n, _) = take(&mut conn);
    assert_eq!(n, 2);
    let left: i64 = rate_events::table
        .filter(rate_events::address.eq("10.0.0.1"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        left, 2,
        "the old event is gone and the refused one not recorded"
    );
    let other: i64 = rate_events::table
        .filter(rate_events::address.eq("10.0.0.2"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(other, 1, "another address is not touched");
}

#[actix_web::test]
async fn background_work_sees_a_flood_of_requests_but_not_its_own_jobs() {
    let site = Site::ballots();
    let writer = GroupWriter::start(site.db.pool.clone(), Shape::sqlite()).unwrap();
    let mut watch = FloodWatch::new(writer.clone());
    assert!(!watch.flooded(), "nothing written yet");
    // Background work (the grouping worker) writes from its own thread.
    let background = writer.clone();
    std::thread::spawn(move || {
        background
            .write_blocking(|_conn| Ok::<_, diesel::result::Error>(()))
            .unwrap()
    })
    .join()
    .unwrap();
    assert!(!watch.flooded(), "background jobs are not a flood");
    // A request's write is.
    writer
        .write(|_conn| Ok::<_, diesel::result::Error>(()))
        .await
        .unwrap();
    assert!(watch.flooded(), "a request wrote since the last look");
    assert!(!watch.flooded(), "and nothing since");
}

/// A statement written by hand is kept prepared: its parameters are bound
/// by number (one may appear twice), and a number with no value bound is an
/// error, not a statement sent with a value missing, and so is a value
/// bound to no parameter.
#[test]
fn a_prepared_statement_binds_by_number_and_is_kept() {
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Joined {
        #[diesel(sql_type = Text)]
        s: String,
    }
    let db = crate::support::TestDb::new();
    let mut conn = db.conn();
    let sql = "SELECT CAST($2 AS TEXT) || CAST($1 AS TEXT) || CAST($2 AS TEXT) AS s";
    for _ in 0..2 {
        let row: Joined = docket::db::prepared(sql)
            .bind::<Text, _>("a")
            .bind::<Text, _>("b")
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(row.s, "bab");
    }
    let missing = docket::db::prepared(sql)
        .bind::<Text, _>("a")
        .get_result::<Joined>(&mut conn);
    assert!(missing.is_err(), "a statement ran with $2 unbound");
    let unused = docket::db::prepared("SELECT CAST('a' AS TEXT) AS s")
        .bind::<Text, _>("b")
        .get_result::<Joined>(&mut conn);
    assert!(unused.is_err(), "a bound value was dropped");
    if db.is_postgres() {
        #[derive(QueryableByName)]
        struct Kept {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        // Run twice above, prepared once, under a name of its own; each
        // value is sent where it appears, numbered in order.
        let kept: Kept = diesel::sql_query(
            "SELECT COUNT(*) AS n FROM pg_prepared_statements \
             WHERE statement = 'SELECT CAST($1 AS TEXT) || CAST($2 AS TEXT) || CAST($3 AS TEXT) AS s'",
        )
        .get_result(&mut conn)
        .unwrap();
        assert_eq!(kept.n, 1);
    }
}

/// A writer keeps its connection between batches. When the database cuts
/// it (a restart, an administrator ending the session), at most the one
/// batch that finds it cut fails, and says so; the next write takes a
/// connection the pool has checked and is stored.
#[actix_web::test]
async fn a_writer_whose_connection_is_cut_recovers_on_the_next_write() {
    use diesel::sql_types::Integer;
    #[derive(QueryableByName)]
    struct Pid {
        #[diesel(sql_type = Integer)]
        pid: i32,
    }
    let site = Site::ballots();
    let postgres = site.db.is_postgres();
    let shape = if postgres {
        Shape::postgres(1)
    } else {
        Shape::sqlite()
    };
    let writer = GroupWriter::start(site.db.pool.clone(), shape).unwrap();
    let record = |n: i64| {
        move |conn: &mut docket::db::DbConn| {
            RateEvent::record(conn, "writer-test", &n.to_string(), Utc::now().naive_utc())
        }
    };
    for n in 0..4 {
        writer.write(record(n)).await.unwrap();
    }
    if postgres {
        // The one writer's session, ended from another; other tests share
        // the server, so only this session is ended, and the call waits
        // until it is gone.
        let pid = writer
            .write(|conn| {
                diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(conn)
            })
            .await
            .unwrap()
            .pid;
        diesel::sql_query("SELECT pg_terminate_backend($1, 10000)")
            .bind::<Integer, _>(pid)
            .execute(&mut site.conn())
            .unwrap();
    }
    let mut failed = 0;
    let mut stored = 0;
    for n in 4..12 {
        match writer.write(record(n)).await {
            Ok(_) => stored += 1,
            Err(_) => failed += 1,
        }
    }
    assert!(failed <= 1, "{failed} writes failed after the cut");
    let rows: i64 = rate_events::table
        .filter(rate_events::bucket.eq("writer-test"))
        .count()
        .get_result(&mut site.conn())
        .unwrap();
    assert_eq!(rows, 4 + stored, "every acknowledged write is stored");
    assert!(stored >= 7);
}

/// A new address's confirmation mail is written in one statement on
/// PostgreSQL and in four on SQLite; either way the outbox holds the text
/// with the ledger head in its footer, the mail record points at it, and
/// the link in it confirms the comment.
#[actix_web::test]
async fn a_new_address_gets_its_mail_record_and_link_in_one_go() {
    use crate::comments::{app, confirm, submit, verification_link, Browser};
    use docket::db::models::{LedgerRow, OutboxRow};
    use docket::db::schema::{verification_mails, verification_tokens};
    let site = Site::ballots();
    let svc = app!(site);
    let head = LedgerRow::head(&mut site.conn())
        .unwrap()
        .expect("a ledger head");
    let mut b = Browser::new("10.9.9.9");
    let a = submit(&svc, &mut b, "first@example.org", "Number every seal.").await;
    assert_eq!(a.status, actix_web::http::StatusCode::OK, "{}", a.body);
    let mut conn = site.conn();
    let mails: Vec<OutboxRow> = OutboxRow::all(&mut conn)
        .unwrap()
        .into_iter()
        .filter(|m| m.to_addr == "first@example.org")
        .collect();
    assert_eq!(mails.len(), 1);
    let text = &mails[0].body_text;
    assert!(
        text.ends_with(&format!(
            "\n\n-- \nLedger head {}:{}\n",
            head.seq, head.hash
        )),
        "{text}"
    );
    assert!(
        !text.contains("\n\n\n-- "),
        "one blank line before the footer"
    );
    let (outbox_id, mail_id): (i32, i32) = verification_mails::table
        .select((verification_mails::outbox_id, verification_mails::id))
        .first(&mut conn)
        .unwrap();
    assert_eq!(outbox_id, mails[0].id);
    let token_mail: Option<i32> = verification_tokens::table
        .select(verification_tokens::mail_id)
        .first(&mut conn)
        .unwrap();
    assert_eq!(token_mail, Some(mail_id));
    drop(conn);
    let link = verification_link(&site.deliver(), "first@example.org");
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, actix_web::http::StatusCode::OK, "{}", a.body);
    let published: i64 = comments::table
        .filter(comments::status.eq("published"))
        .count()
        .get_result(&mut site.conn())
        .unwrap();
    assert_eq!(published, 1);
}

/// Writers commit batches, each job in a savepoint of its batch: many jobs
/// sent at once are all stored but the one that failed. On PostgreSQL each
/// writer counts comments in a tally shard of its own (so two writers never
/// wait on each other's tally rows), and a comment stored outside the
/// writers counts in its server process's shard, below 16. Whatever the
/// shards, a clause's count is their sum.
#[actix_web::test]
async fn writers_commit_batches_and_count_in_shards_of_their_own() {
    use docket::db::models::tally::StatusScope;
    use docket::db::models::Tallies;
    use docket::db::schema::comment_tallies;
    let site = Site::ballots();
    let postgres = site.db.is_postgres();
    let v2 = site.version("ballots", "2");
    let shape = if postgres {
        Shape {
            first_shard: Some(40),
            ..Shape::postgres(2)
        }
    } else {
        Shape::sqlite()
    };
    let writer = GroupWriter::start(site.db.pool.clone(), shape).unwrap();
    let in_custody = |conn: &mut docket::db::DbConn| -> i64 {
        comments::table
            .filter(comments::version_id.eq(v2.id))
            .filter(comments::clause_key.eq("custody"))
            .count()
            .get_result(conn)
            .unwrap()
    };
    let before = in_custody(&mut site.conn());
    let jobs = (0..60).map(|n| {
        let writer = writer.clone();
        async move {
            writer
                .write(move |conn| {
                    let c = seed_comment(
                        conn,
                        v2.id,
                        Some("custody"),
                        None,
                        &format!("Writer {n}"),
                        "Seal logs should be kept.",
                    );
                    if n == 17 {
                        // Stored, then refused: the savepoint is undone.
                        return Err(diesel::result::Error::RollbackTransaction);
                    }
                    Ok(c.id)
                })
                .await
        }
    });
    let results = futures_util::future::join_all(jobs).await;
    let stored: Vec<i32> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .copied()
        .collect();
    assert_eq!(stored.len(), 59, "every job but the failed one stored");
    assert!(results[17].is_err());
    let outside = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Outside",
        "Stored by a request of its own.",
    );
    let mut conn = site.conn();
    let in_clause = in_custody(&mut conn);
    let counted = Tallies::one(&mut conn, v2.id, Some("custody"), StatusScope::Any).unwrap();
    assert_eq!(counted, in_clause, "the shards add up to the count");
    assert_eq!(
        in_clause,
        before + 60,
        "59 from the writers and one outside"
    );
    assert!(!stored.contains(&outside.id));
    if postgres {
        let shards: Vec<i32> = comment_tallies::table
            .filter(comment_tallies::version_id.eq(v2.id))
            .filter(comment_tallies::clause_key.eq("custody"))
            .filter(comment_tallies::n.ne(0))
            .select(comment_tallies::shard)
            .load(&mut conn)
            .unwrap();
        assert!(
            shards.iter().all(|s| [40, 41].contains(s) || *s < 16),
            "{shards:?}"
        );
        assert!(shards.iter().any(|s| [40, 41].contains(s)), "{shards:?}");
        assert!(shards.iter().any(|s| *s < 16), "{shards:?}");
    }
}
