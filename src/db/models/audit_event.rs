//! Rows of the audit log. Recording (and what each action means) is in
//! `crate::audit`; this file only reads and writes rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::audit_events;
use crate::db::DbConn;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i32,
    pub at: NaiveDateTime,
    pub staff_id: Option<i32>,
    pub actor_name: String,
    pub action: String,
    pub standard_id: Option<i32>,
    pub version_id: Option<i32>,
    pub target: String,
    pub detail: String,
    pub public: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent<'a> {
    pub at: NaiveDateTime,
    pub staff_id: Option<i32>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub standard_id: Option<i32>,
    pub version_id: Option<i32>,
    pub target: &'a str,
    pub detail: &'a str,
    pub public: bool,
}

impl AuditEvent {
    pub fn insert(conn: &mut DbConn, new: &NewAuditEvent<'_>) -> QueryResult<()> {
        diesel::insert_into(audit_events::table)
            .values(new)
            .execute(conn)?;
        Ok(())
    }

    /// One page of the whole log, newest first, optionally only `action`.
    pub fn page(
        conn: &mut DbConn,
        action: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> QueryResult<Vec<AuditEvent>> {
        let mut q = audit_events::table
            .select(AuditEvent::as_select())
            .order((audit_events::at.desc(), audit_events::id.desc()))
            .offset(offset)
            .limit(limit)
            .into_boxed();
        if let Some(action) = action {
            q = q.filter(audit_events::action.eq(action.to_string()));
        }
        q.load(conn)
    }

    /// How many rows [`AuditEvent::page`] pages through.
    pub fn count(conn: &mut DbConn, action: Option<&str>) -> QueryResult<i64> {
        let mut q = audit_events::table.count().into_boxed();
        if let Some(action) = action {
            q = q.filter(audit_events::action.eq(action.to_string()));
        }
        q.get_result(conn)
    }

    /// The distinct actions in the log, for the filter.
    pub fn actions(conn: &mut DbConn) -> QueryResult<Vec<String>> {
        audit_events::table
            .select(audit_events::action)
            .distinct()
            .order(audit_events::action.asc())
            .load(conn)
    }

    /// The public events of a version, oldest first.
    pub fn public_for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<AuditEvent>> {
        audit_events::table
            .filter(audit_events::version_id.eq(version_id))
            .filter(audit_events::public.eq(true))
            .order((audit_events::at.asc(), audit_events::id.asc()))
            .select(AuditEvent::as_select())
            .load(conn)
    }

    /// Every event about a version (public or not), oldest first.
    pub fn for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<AuditEvent>> {
        audit_events::table
            .filter(audit_events::version_id.eq(version_id))
            .order((audit_events::at.asc(), audit_events::id.asc()))
            .select(AuditEvent::as_select())
            .load(conn)
    }
}
