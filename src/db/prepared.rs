//! Hand-written SQL that the connection keeps prepared.
//!
//! Diesel never caches a statement made with [`diesel::sql_query`]: on
//! PostgreSQL every call sends it as a new unnamed statement, which the
//! server parses and plans again each time. For statements on the path of
//! every comment (the rate limit, the locks, the comment number) parsing
//! and planning cost more than running them. [`prepared`] takes only a
//! `&'static str`, so the set of statements a connection keeps is fixed by
//! the program and cannot grow with its input.
//!
//! The text names its parameters `$1`, `$2`… on both backends (a number may
//! appear more than once); values are added in that order with
//! `.bind::<SqlType, _>(value)`, as with `sql_query`. A `$` followed by a
//! digit means a parameter everywhere in the text, so the text must not
//! hold one otherwise (in a string literal, say).

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::result::Error;
use diesel::serialize::ToSql;
use diesel::sql_types::{HasSqlType, Untyped};
use diesel::{QueryResult, RunQueryDsl};

/// A statement of fixed text and the values bound so far, kept prepared by
/// the connection. Made by [`prepared`].
#[derive(Debug, Clone, Copy)]
#[must_use = "a statement does nothing until it is run"]
pub struct Prepared<B = ()> {
    sql: &'static str,
    binds: B,
}

/// A statement of fixed text that the connection prepares once and reuses
/// (see the module documentation).
pub fn prepared(sql: &'static str) -> Prepared {
    Prepared { sql, binds: () }
}

/// One bound value and its SQL type.
#[derive(Debug, Clone, Copy)]
pub struct Bound<V, ST> {
    value: V,
    _type: std::marker::PhantomData<ST>,
}

impl<B: BindList> Prepared<B> {
    /// Bind the value of the next parameter (`$1` first).
    pub fn bind<ST, V>(self, value: V) -> Prepared<(B, Bound<V, ST>)> {
        Prepared {
            sql: self.sql,
            binds: (
                self.binds,
                Bound {
                    value,
                    _type: std::marker::PhantomData,
                },
            ),
        }
    }
}

/// The values bound to a statement, the first bound innermost.
pub trait BindList {
    /// How many values are bound.
    const LEN: usize;
}

impl BindList for () {
    const LEN: usize = 0;
}

impl<P: BindList, V, ST> BindList for (P, Bound<V, ST>) {
    const LEN: usize = P::LEN + 1;
}

/// Writing the `n`th bound value (from 0) as a parameter.
pub trait PushBind<DB: Backend>: BindList {
    fn push_nth<'b>(&'b self, n: usize, out: AstPass<'_, 'b, DB>) -> QueryResult<()>;
}

impl<DB: Backend> PushBind<DB> for () {
    fn push_nth<'b>(&'b self, n: usize, _: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        Err(Error::QueryBuilderError(
            format!("parameter ${} has no value bound", n + 1).into(),
        ))
    }
}

impl<DB, P, V, ST> PushBind<DB> for (P, Bound<V, ST>)
where
    DB: Backend + HasSqlType<ST>,
    P: PushBind<DB>,
    V: ToSql<ST, DB>,
{
    fn push_nth<'b>(&'b self, n: usize, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if n == P::LEN {
            out.push_bind_param::<ST, V>(&self.1.value)
        } else {
            self.0.push_nth(n, out)
        }
    }
}

impl<DB: Backend, B: PushBind<DB>> QueryFragment<DB> for Prepared<B> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        // Unlike `sql_query`, the statement is not marked unsafe to cache:
        // its text is static, so caching it by text stays bounded. Each
        // `$n` becomes the backend's own placeholder for the nth value.
        let mut rest = self.sql;
        // Which values a parameter used: one bound to none is a mistake in
        // the text (a `?` where `$n` was meant), not a value to drop.
        let mut used = vec![false; B::LEN];
        while let Some(at) = rest.find('$') {
            let digits = rest[at + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 0 {
                out.push_sql(&rest[..=at]);
                rest = &rest[at + 1..];
                continue;
            }
            out.push_sql(&rest[..at]);
            let n: usize = rest[at + 1..at + 1 + digits]
                .parse()
                .map_err(|_| Error::QueryBuilderError("parameter number too large".into()))?;
            if n == 0 {
                return Err(Error::QueryBuilderError("parameters count from $1".into()));
            }
            self.binds.push_nth(n - 1, out.reborrow())?;
            used[n - 1] = true;
            rest = &rest[at + 1 + digits..];
        }
        out.push_sql(rest);
        match used.iter().position(|u| !u) {
            Some(n) => Err(Error::QueryBuilderError(
                format!("value {} is bound to no parameter ${}", n + 1, n + 1).into(),
            )),
            None => Ok(()),
        }
    }
}

/// Cached by its text, not by type: the type says only what was bound.
impl<B> QueryId for Prepared<B> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<B> Query for Prepared<B> {
    type SqlType = Untyped;
}

impl<B, Conn> RunQueryDsl<Conn> for Prepared<B> {}
