//! The integration test suite: one binary, the real application.
//!
//! Each test gets a fresh database: a temporary SQLite file by default, or
//! a fresh schema in the PostgreSQL database named by
//! `DOCKET_TEST_DATABASE_URL` (CI runs the suite once each way).

mod import;
mod migrations;
mod parse;
mod support;
mod web;
