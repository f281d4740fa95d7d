//! Campaigns: exact and near copies of one comment, grouped when each
//! comment is stored so editors can read and decide them together.
//!
//! The policy a reader must know: grouping is decided once, at arrival, in
//! a fixed few statements that never read the version's other comments in
//! bulk. A comment's [`Signature`] is a function of its text alone (so it
//! can be computed before the write lock): the SHA-256 of its normalised
//! words finds exact copies, and a MinHash over its word shingles, cut into
//! LSH bands, finds near copies. A comment joins the campaign of an earlier
//! comment with the same normalised text, or of one sharing a band whose
//! estimated similarity is at least [`THRESHOLD`]; otherwise it starts its
//! own (`campaign_id` is its own id). Grouping only ever adds a label:
//! every member is still listed, counted and decided on its own row.

use diesel::prelude::*;
use diesel::QueryResult;

use crate::db::group::{FloodWatch, GroupWriter};
use crate::db::models::Comment;
use crate::db::schema::{comment_bands, comments};
use crate::db::{write_tx, DbConn, Pool};

/// Words per shingle.
pub const SHINGLE: usize = 2;
/// MinHash functions in a signature.
pub const HASHES: usize = 128;
/// LSH bands; each holds `HASHES / BANDS` signature values.
pub const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
/// Lowest estimated similarity (the share of equal signature values, an
/// estimate of the Jaccard similarity of the shingle sets) at which a
/// comment joins an earlier one's campaign.
pub const THRESHOLD: f64 = 0.4;
/// Seeds the hash functions; changing it changes every stored signature.
const SEED: u64 = 0x646f_636b_6574_2d31;

/// The words of a text, lowercased, without punctuation.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text a comment is compared by: its body and its proposed text.
pub fn comment_text(body_md: &str, proposed_text: Option<&str>) -> String {
    format!("{body_md}\n{}", proposed_text.unwrap_or(""))
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The splitmix64 finaliser: a well-mixed 64-bit permutation.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What a comment is grouped by; a function of its text only, the same on
/// every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Hex SHA-256 of the words, lowercased, joined by single spaces.
    pub text_hash: String,
    /// The minimum of each hash function over the shingles; empty when the
    /// text has no words.
    pub minhash: Vec<u64>,
}

impl Signature {
    /// The signature of a text.
    pub fn of(text: &str) -> Signature {
        let w = words(text);
        let text_hash = crate::standard::sha256_hex(w.join(" "));
        if w.is_empty() {
            return Signature {
                text_hash,
                minhash: Vec::new(),
            };
        }
        let shingles: Vec<u64> = if w.len() < SHINGLE {
            vec![fnv1a(w.join(" ").as_bytes())]
        } else {
            w.windows(SHINGLE)
                .map(|s| fnv1a(s.join(" ").as_bytes()))
                .collect()
        };
        let minhash = (0..HASHES as u64)
            .map(|i| {
                let seed = splitmix(SEED ^ i);
                shingles
                    .iter()
                    .map(|s| splitmix(s ^ seed))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect();
        Signature { text_hash, minhash }
    }

    /// The signature of a comment's text (see [`comment_text`]).
    pub fn of_comment(body_md: &str, proposed_text: Option<&str>) -> Signature {
        Signature::of(&comment_text(body_md, proposed_text))
    }

    /// The share of equal values: an estimate of the Jaccard similarity of
    /// the two texts' shingle sets. Zero when either has no words.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.minhash.len() != HASHES || other.minhash.len() != HASHES {
            return 0.0;
        }
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// `(band number, band hash)` for each band; none for a text without words.
    pub fn bands(&self) -> Vec<(i32, i64)> {
        if self.minhash.len() != HASHES {
            return Vec::new();
        }
        self.minhash
            .chunks(ROWS)
            .enumerate()
            .map(|(i, rows)| {
                let bytes: Vec<u8> = rows.iter().flat_map(|v| v.to_le_bytes()).collect();
                (i as i32, fnv1a(&bytes) as i64)
            })
            .collect()
    }

    /// The MinHash values as stored: little-endian bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.minhash.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The MinHash values from their stored bytes (empty when malformed).
    pub fn minhash_from_bytes(bytes: &[u8]) -> Vec<u64> {
        if bytes.len() != HASHES * 8 {
            return Vec::new();
        }
        bytes
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect()
    }
}

/// An earlier comment that shares a band: (id, campaign, signature bytes).
type Candidate = (i32, Option<i32>, Option<Vec<u8>>);

/// The campaign of the most similar candidate at or above [`THRESHOLD`]
/// (ties go to the earliest), if any.
fn best_match(sig: &Signature, candidates: &[Candidate]) -> Option<i32> {
    let mut best: Option<(f64, i32, i32)> = None;
    for (id, campaign, bytes) in candidates {
        let other = Signature {
            text_hash: String::new(),
            minhash: Signature::minhash_from_bytes(bytes.as_deref().unwrap_or_default()),
        };
        let s = sig.similarity(&other);
        let better = match best {
            None => true,
            Some((bs, bid, _)) => s > bs || (s == bs && *id < bid),
        };
        if s >= THRESHOLD && better {
            best = Some((s, *id, campaign.unwrap_or(*id)));
        }
    }
    best.map(|(_, _, campaign)| campaign)
}

/// Sign a stored comment and put it in its campaign. Call right after the
/// comment is inserted, in the same transaction.
pub fn sign(conn: &mut DbConn, comment: &Comment) -> QueryResult<i32> {
    let sig = Signature::of_comment(&comment.body_md, comment.proposed_text.as_deref());
    sign_with(conn, comment.id, comment.version_id, &sig)
}

/// As [`sign`], with the signature computed beforehand (outside the write
/// lock). At most four statements: the exact copy, the band candidates
/// (only when there is no exact copy), the new bands, and the comment's
/// own columns. Returns the campaign it joined or started.
pub fn sign_with(
    conn: &mut DbConn,
    comment_id: i32,
    version_id: i32,
    sig: &Signature,
) -> QueryResult<i32> {
    let bands = sig.bands();
    let exact: Option<(i32, Option<i32>)> = if bands.is_empty() {
        None
    } else {
        comments::table
            .filter(comments::version_id.eq(version_id))
            .filter(comments::text_hash.eq(&sig.text_hash))
            .filter(comments::id.ne(comment_id))
            .order(comments::id.asc())
            .select((comments::id, comments::campaign_id))
            .first(conn)
            .optional()?
    };
    // Each band value has one owner, its first comment: only values no
    // comment owns yet are written, and an exact copy writes none (its
    // original owns the same ones).
    let mut store: Vec<(i32, i64)> = Vec::new();
    let campaign = match exact {
        Some((id, campaign)) => campaign.unwrap_or(id),
        None if bands.is_empty() => comment_id,
        None => {
            // One indexed lookup by (version, band value); the band number
            // must match too.
            let hashes: Vec<i64> = bands.iter().map(|(_, h)| *h).collect();
            let held: Vec<(i32, i64, i32)> = comment_bands::table
                .filter(comment_bands::version_id.eq(version_id))
                .filter(comment_bands::band_hash.eq_any(&hashes))
                .select((
                    comment_bands::band_no,
                    comment_bands::band_hash,
                    comment_bands::comment_id,
                ))
                .load::<(i32, i64, i32)>(conn)?
                .into_iter()
                .filter(|(no, hash, id)| bands.contains(&(*no, *hash)) && *id != comment_id)
                .collect();
            store = bands
                .iter()
                .filter(|band| !held.iter().any(|(no, hash, _)| (*no, *hash) == **band))
                .copied()
                .collect();
            let ids: Vec<i32> = held.iter().map(|(_, _, id)| *id).collect();
            let candidates: Vec<Candidate> = comments::table
                .filter(comments::id.eq_any(&ids))
                .select((comments::id, comments::campaign_id, comments::signature))
                .load(conn)?;
            best_match(sig, &candidates).unwrap_or(comment_id)
        }
    };
    if !store.is_empty() {
        let rows: Vec<_> = store
            .iter()
            .map(|(no, hash)| {
                (
                    comment_bands::version_id.eq(version_id),
                    comment_bands::band_no.eq(*no),
                    comment_bands::band_hash.eq(*hash),
                    comment_bands::comment_id.eq(comment_id),
                )
            })
            .collect();
        crate::per_backend!(conn => diesel::insert_into(comment_bands::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(conn))?;
    }
    let signed = SignComment {
        id: comment_id,
        text_hash: &sig.text_hash,
        signature: (!sig.minhash.is_empty()).then(|| sig.to_bytes()),
        campaign,
    };
    crate::per_backend!(conn => signed.execute(conn))?;
    Ok(campaign)
}

/// `UPDATE comments SET text_hash, signature, campaign_id WHERE id`, as a
/// statement of one fixed shape that Diesel keeps prepared. Diesel never
/// keeps an `update(…).set(…)` prepared, and preparing an update of
/// `comments` compiles every trigger on the table (the tallies, the page
/// generation) each time: with one such statement per comment grouped, that
/// was most of the grouping worker's share of the writer.
struct SignComment<'a> {
    id: i32,
    text_hash: &'a str,
    signature: Option<Vec<u8>>,
    campaign: i32,
}

/// The statement's identity in Diesel's cache of prepared statements.
struct SignCommentQuery;

impl diesel::query_builder::QueryId for SignComment<'_> {
    type QueryId = SignCommentQuery;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<DB> diesel::query_builder::QueryFragment<DB> for SignComment<'_>
where
    DB: diesel::backend::Backend
        + diesel::sql_types::HasSqlType<diesel::sql_types::Binary>
        + diesel::sql_types::HasSqlType<diesel::sql_types::Text>
        + diesel::sql_types::HasSqlType<diesel::sql_types::Integer>,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
    Option<Vec<u8>>:
        diesel::serialize::ToSql<diesel::sql_types::Nullable<diesel::sql_types::Binary>, DB>,
    i32: diesel::serialize::ToSql<diesel::sql_types::Integer, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        use diesel::sql_types::{Binary, Integer, Nullable, Text};
        out.push_sql("UPDATE comments SET text_hash = ");
        out.push_bind_param::<Text, _>(self.text_hash)?;
        out.push_sql(", signature = ");
        out.push_bind_param::<Nullable<Binary>, _>(&self.signature)?;
        out.push_sql(", campaign_id = ");
        out.push_bind_param::<Integer, _>(&self.campaign)?;
        out.push_sql(" WHERE id = ");
        out.push_bind_param::<Integer, _>(&self.id)?;
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for SignComment<'_> {}

/// Sign the next `batch` comments that have no signature yet, oldest
/// first, inside the caller's transaction. Returns how many it signed.
pub fn sign_next(conn: &mut DbConn, batch: i64) -> QueryResult<usize> {
    let next = next_unsigned(conn, batch)?;
    sign_all(conn, &next)?;
    Ok(next.len())
}

/// A comment without a signature, with its signature computed.
pub struct Unsigned {
    id: i32,
    version_id: i32,
    signature: Signature,
}

/// The oldest `batch` comments without a signature, each with the
/// signature of its text: a read, and hashing that needs no lock.
pub fn next_unsigned(conn: &mut DbConn, batch: i64) -> QueryResult<Vec<Unsigned>> {
    let rows: Vec<(i32, i32, String, Option<String>)> = comments::table
        .filter(comments::text_hash.is_null())
        .order(comments::id.asc())
        .limit(batch)
        .select((
            comments::id,
            comments::version_id,
            comments::body_md,
            comments::proposed_text,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, version_id, body, proposed)| Unsigned {
            id,
            version_id,
            signature: Signature::of_comment(&body, proposed.as_deref()),
        })
        .collect())
}

/// Store the signatures of `unsigned` and put each comment in its campaign.
pub fn sign_all(conn: &mut DbConn, unsigned: &[Unsigned]) -> QueryResult<()> {
    for u in unsigned {
        sign_with(conn, u.id, u.version_id, &u.signature)?;
    }
    Ok(())
}

/// Sign every comment that has no signature yet, `batch` at a time, each
/// batch in its own transaction (for `docket import`).
pub fn sign_unsigned(conn: &mut DbConn, batch: i64) -> QueryResult<usize> {
    let mut total = 0;
    loop {
        let n = write_tx(conn, |conn| sign_next(conn, batch))?;
        total += n;
        if (n as i64) < batch {
            return Ok(total);
        }
    }
}

/// How many comments the grouper signs in one job of the group writer.
pub const GROUPER_BATCH: i64 = 50;

/// The grouping worker of `serve`: puts new comments in their campaigns
/// shortly after they arrive, [`GROUPER_BATCH`] at a time, and checks again
/// every second when there is nothing to do. It reads the next comments
/// and computes their signatures on a connection of its own; only storing
/// them goes through the group writer (so it never waits on a lock), and
/// while a backlog lasts it pauses between batches, longer while
/// submissions are waiting for the writer, so a flood of submissions keeps
/// the writer. Keeping this off the submission itself
/// keeps a flood of comments fast; the backlog of a burst is grouped right
/// after it.
pub fn spawn_grouper(
    pool: Pool,
    writer: GroupWriter,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let mut watch = FloodWatch::new(writer.clone());
    let mut flooded = false;
    std::thread::Builder::new()
        .name("docket-grouper".to_string())
        .spawn(move || loop {
            // During a flood each job is small, so the submissions that
            // share its batch are not kept waiting for it.
            let size = if flooded {
                GROUPER_FLOOD_BATCH
            } else {
                GROUPER_BATCH
            };
            let next = pool
                .get()
                .map_err(|e| e.to_string())
                .and_then(|mut conn| next_unsigned(&mut conn, size).map_err(|e| e.to_string()));
            let pause = match next {
                Ok(next) if next.is_empty() => GROUPER_IDLE,
                Ok(next) => {
                    let full = next.len() as i64 == size;
                    let result = writer.write_blocking(move |conn| sign_all(conn, &next));
                    flooded = watch.flooded();
                    match result {
                        // Submissions are waiting, or kept arriving while
                        // this batch ran: a flood. Yield the database to
                        // them and catch up after.
                        Ok(()) if full && flooded => GROUPER_YIELD,
                        Ok(()) if full => GROUPER_PAUSE,
                        Ok(()) => GROUPER_IDLE,
                        Err(err) => {
                            tracing::warn!(error = %err, "campaign grouping: will retry");
                            GROUPER_IDLE
                        }
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "campaign grouping: will retry");
                    GROUPER_IDLE
                }
            };
            std::thread::sleep(pause);
        })
}

/// How many comments the grouper signs in one job while submissions keep
/// arriving: a job of 50 holds the batch it shares with submissions for
/// some 50 ms on PostgreSQL, where two writers take them all.
pub const GROUPER_FLOOD_BATCH: i64 = 10;

/// How long the grouper waits when nothing is left to group.
const GROUPER_IDLE: std::time::Duration = std::time::Duration::from_secs(1);
/// How long it waits between full batches of a backlog: at most 50
/// comments every 20 ms, 2,500 a second, leaving the writer to submissions.
const GROUPER_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);
/// How long it waits between full batches while submissions queue for the
/// writer: at most 40 comments a second are grouped during a flood (a few
/// hundredths of the writers' time), and the backlog right after it.
const GROUPER_YIELD: std::time::Duration = std::time::Duration::from_millis(250);

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "Please require two signatures at every hand-off of ballots. \
        A single signature is not enough to prove the chain of custody was kept, \
        and counties already have two people present at each transfer.";

    #[test]
    fn normalising_ignores_case_punctuation_and_spacing() {
        let a = Signature::of(LETTER);
        let b = Signature::of(&LETTER.to_uppercase().replace(". ", "!!   "));
        assert_eq!(a.text_hash, b.text_hash);
        assert_eq!(a, b);
        assert_eq!(words("Hand-off, ballots!"), ["hand", "off", "ballots"]);
    }

    #[test]
    fn signatures_are_fixed_values() {
        // The same on every platform and every run: stored signatures stay
        // comparable with new ones.
        let s = Signature::of("Ballots shall be logged.");
        assert_eq!(s.minhash.len(), HASHES);
        assert_eq!(s, Signature::of("ballots  SHALL be logged"));
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(splitmix(0), 0xe220_a839_7b1d_cdaf);
        assert_eq!(
            Signature::minhash_from_bytes(&s.to_bytes()),
            s.minhash,
            "stored bytes round-trip"
        );
    }

    #[test]
    fn near_copies_are_similar_and_different_texts_are_not() {
        let a = Signature::of(LETTER);
        let edited = Signature::of(
            &LETTER
                .replace("Please require", "Please do require")
                .replace("already", "usually"),
        );
        let other =
            Signature::of("The seal log should be kept for 22 months, as federal law requires.");
        assert!(
            a.similarity(&edited) >= THRESHOLD,
            "{}",
            a.similarity(&edited)
        );
        assert!(a.similarity(&other) < THRESHOLD);
        assert_eq!(a.bands().len(), BANDS);
        let empty = Signature::of("!!!");
        assert!(empty.bands().is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
    }
}
