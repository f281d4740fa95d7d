//! Decisions waiting for release (`decision_drafts`), replies marked as
//! needing no decision (`decision_waivers`) and each standard's choice
//! between immediate release and review-and-release (`release_modes`).
//!
//! None of these tables is read by a public page, the API, a feed, the
//! search index or the tallies: they are the editors' alone until a
//! release turns a draft into a disposition.

use chrono::NaiveDateTime;
use diesel::dsl::{exists, not};
use diesel::prelude::*;

use crate::db::schema::{
    comments, decision_drafts, decision_waivers, dispositions, release_modes, staff_users,
};
use crate::db::DbConn;

/// Where a decision not yet released stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Saved; only staff see it.
    Draft,
    /// An editor says it is ready for a second look.
    Ready,
    /// A second editor or an admin approved it: the next release takes it.
    Approved,
}

impl DraftState {
    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Draft => "draft",
            DraftState::Ready => "ready",
            DraftState::Approved => "approved",
        }
    }

    /// How the state reads to staff.
    pub fn display(self) -> &'static str {
        match self {
            DraftState::Draft => "Draft",
            DraftState::Ready => "Ready for approval",
            DraftState::Approved => "Approved, waiting for release",
        }
    }

    pub fn parse(s: &str) -> DraftState {
        match s {
            "ready" => DraftState::Ready,
            "approved" => DraftState::Approved,
            _ => DraftState::Draft,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = decision_drafts, treat_none_as_null = true)]
pub struct DecisionDraft {
    pub comment_id: i32,
    pub version_id: i32,
    pub outcome: String,
    pub rationale: String,
    pub resolved_version: Option<String>,
    pub resolved_clause_key: Option<String>,
    pub group_id: Option<i32>,
    pub state: String,
    pub drafted_by: i32,
    pub drafted_at: NaiveDateTime,
    pub ready_by: Option<i32>,
    pub approved_by: Option<i32>,
}

impl DecisionDraft {
    pub fn state(&self) -> DraftState {
        DraftState::parse(&self.state)
    }

    /// Store `new`, replacing any draft on the same comment (which goes
    /// back to the start of review).
    pub fn save(conn: &mut DbConn, new: &DecisionDraft) -> QueryResult<()> {
        let updated = diesel::update(decision_drafts::table.find(new.comment_id))
            .set(new)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(decision_drafts::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn find(conn: &mut DbConn, comment_id: i32) -> QueryResult<Option<DecisionDraft>> {
        decision_drafts::table
            .find(comment_id)
            .select(DecisionDraft::as_select())
            .first(conn)
            .optional()
    }

    /// Move a draft to `state`, naming who did it.
    pub fn set_state(
        conn: &mut DbConn,
        comment_id: i32,
        state: DraftState,
        by: i32,
    ) -> QueryResult<usize> {
        let row = decision_drafts::table.find(comment_id);
        match state {
            DraftState::Ready => diesel::update(row)
                .set((
                    decision_drafts::state.eq(state.as_str()),
                    decision_drafts::ready_by.eq(Some(by)),
                ))
                .execute(conn),
            DraftState::Approved => diesel::update(row)
                .set((
                    decision_drafts::state.eq(state.as_str()),
                    decision_drafts::approved_by.eq(Some(by)),
                ))
                .execute(conn),
            DraftState::Draft => diesel::update(row)
                .set((
                    decision_drafts::state.eq(state.as_str()),
                    decision_drafts::ready_by.eq(None::<i32>),
                    decision_drafts::approved_by.eq(None::<i32>),
                ))
                .execute(conn),
        }
    }

    pub fn delete(conn: &mut DbConn, comment_ids: &[i32]) -> QueryResult<usize> {
        diesel::delete(
            decision_drafts::table.filter(decision_drafts::comment_id.eq_any(comment_ids)),
        )
        .execute(conn)
    }

    /// Up to `limit` drafts of a version (`state` alone, if given), in
    /// comment order.
    pub fn of_version(
        conn: &mut DbConn,
        version_id: i32,
        state: Option<DraftState>,
        limit: i64,
    ) -> QueryResult<Vec<DecisionDraft>> {
        let mut q = decision_drafts::table
            .filter(decision_drafts::version_id.eq(version_id))
            .select(DecisionDraft::as_select())
            .order(decision_drafts::comment_id)
            .limit(limit)
            .into_boxed();
        if let Some(s) = state {
            q = q.filter(decision_drafts::state.eq(s.as_str()));
        }
        q.load(conn)
    }

    /// How many drafts a version has in each state.
    pub fn counts(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<(String, i64)>> {
        decision_drafts::table
            .filter(decision_drafts::version_id.eq(version_id))
            .group_by(decision_drafts::state)
            .select((decision_drafts::state, diesel::dsl::count_star()))
            .load(conn)
    }

    /// The drafts of the listed comments.
    pub fn for_comments(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<DecisionDraft>> {
        decision_drafts::table
            .filter(decision_drafts::comment_id.eq_any(ids))
            .select(DecisionDraft::as_select())
            .load(conn)
    }
}

/// The names of the listed staff accounts, by id.
pub fn staff_names(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<(i32, String)>> {
    staff_users::table
        .filter(staff_users::id.eq_any(ids))
        .select((staff_users::id, staff_users::name))
        .load(conn)
}

/// The release mode of a standard: `review`, or `immediate` (the default).
pub fn release_mode(conn: &mut DbConn, standard_id: i32) -> QueryResult<String> {
    Ok(release_modes::table
        .find(standard_id)
        .select(release_modes::mode)
        .first::<String>(conn)
        .optional()?
        .unwrap_or_else(|| "immediate".to_string()))
}

pub fn set_release_mode(
    conn: &mut DbConn,
    standard_id: i32,
    mode: &str,
    by: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(release_modes::table.find(standard_id))
        .set((
            release_modes::mode.eq(mode),
            release_modes::changed_by.eq(by),
            release_modes::changed_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(release_modes::table)
            .values((
                release_modes::standard_id.eq(standard_id),
                release_modes::mode.eq(mode),
                release_modes::changed_by.eq(by),
                release_modes::changed_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Mark the listed comments as needing no decision; those already marked
/// are left as they are. Returns how many were marked now.
pub fn waive(conn: &mut DbConn, ids: &[i32], by: i32, at: NaiveDateTime) -> QueryResult<usize> {
    let already: Vec<i32> = decision_waivers::table
        .filter(decision_waivers::comment_id.eq_any(ids))
        .select(decision_waivers::comment_id)
        .load(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .filter(|id| !already.contains(id))
        .map(|&id| {
            (
                decision_waivers::comment_id.eq(id),
                decision_waivers::staff_id.eq(by),
                decision_waivers::waived_at.eq(at),
            )
        })
        .collect();
    let mut n = 0;
    for row in rows {
        n += diesel::insert_into(decision_waivers::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(n)
}

/// Which of the listed comments are marked as needing no decision.
pub fn waived(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<i32>> {
    decision_waivers::table
        .filter(decision_waivers::comment_id.eq_any(ids))
        .select(decision_waivers::comment_id)
        .load(conn)
}

/// Up to `limit` published replies of a version with no decision, no
/// decision waiting for release and no mark: those the workspace offers
/// to mark as needing no decision. (id, tracking number, author, body.)
pub fn open_replies(
    conn: &mut DbConn,
    version_id: i32,
    limit: i64,
) -> QueryResult<Vec<(i32, String, String, String)>> {
    comments::table
        .filter(comments::version_id.eq(version_id))
        .filter(comments::parent_id.is_not_null())
        .filter(comments::status.eq("published"))
        .filter(not(exists(
            dispositions::table.filter(dispositions::comment_id.eq(comments::id)),
        )))
        .filter(not(exists(
            decision_drafts::table.filter(decision_drafts::comment_id.eq(comments::id)),
        )))
        .filter(not(exists(
            decision_waivers::table.filter(decision_waivers::comment_id.eq(comments::id)),
        )))
        .order(comments::id)
        .limit(limit)
        .select((
            comments::id,
            comments::tracking_number,
            comments::author_name,
            comments::body_md,
        ))
        .load(conn)
}

/// (id, tracking number, clause key) of the listed comments, in one query.
pub fn comment_places(
    conn: &mut DbConn,
    ids: &[i32],
) -> QueryResult<Vec<(i32, String, Option<String>)>> {
    comments::table
        .filter(comments::id.eq_any(ids))
        .select((
            comments::id,
            comments::tracking_number,
            comments::clause_key,
        ))
        .load(conn)
}
