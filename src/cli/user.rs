//! `docket user`: staff accounts from the command line.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;

use crate::accounts::{self, AccountError};
use crate::db::models::staff::{hash_password, normalize_name, MIN_PASSWORD_LEN};
use crate::db::models::{Role, StaffUser};
use crate::db::DbConn;
use crate::secrets::random_token;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account and print its password (or read it from standard input).
    Add {
        /// Account name: letters, digits, `.`, `_` and `-` (stored in lower case).
        name: String,
        /// admin, editor or moderator.
        #[arg(long)]
        role: Role,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List staff accounts.
    List,
    /// Set a new password (printed, or read from standard input); signs out the account's sessions.
    Passwd {
        name: String,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Give an account another role (admin, editor or moderator).
    Role { name: String, role: Role },
    /// Disable an account: it cannot sign in, and its sessions end at once.
    Disable { name: String },
    /// Enable a disabled account again.
    Enable { name: String },
}

impl clap::builder::ValueParserFactory for Role {
    type Parser = clap::builder::ValueParser;
    fn value_parser() -> Self::Parser {
        clap::builder::ValueParser::new(|s: &str| s.parse::<Role>())
    }
}

fn read_password_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.chars().count() < MIN_PASSWORD_LEN {
        bail!("the password must have at least {MIN_PASSWORD_LEN} characters");
    }
    Ok(password)
}

/// A password from standard input, or a new random one (and whether it was generated).
fn new_password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if from_stdin {
        Ok((read_password_line()?, false))
    } else {
        Ok((random_token(15), true))
    }
}

pub fn run(conn: &mut DbConn, command: UserCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command {
        UserCommand::Add {
            name,
            role,
            password_stdin,
        } => {
            let (password, generated) = new_password(password_stdin)?;
            let hash = hash_password(&password)?;
            let user = accounts::create(conn, None, &name, role, &hash).map_err(|e| match e {
                AccountError::Refused(msg) => anyhow::Error::msg(msg),
                other => {
                    anyhow::Error::new(other).context(format!("cannot create the account `{name}`"))
                }
            })?;
            writeln!(out, "Created {} account `{}`.", role.as_str(), user.name)?;
            if generated {
                writeln!(out, "Password: {password}")?;
                writeln!(out, "It is shown only now; sign in at /staff/login.")?;
            }
        }
        UserCommand::List => {
            let users = StaffUser::all(conn)?;
            if users.is_empty() {
                writeln!(
                    out,
                    "No staff accounts. Create one with `docket user add NAME --role admin`."
                )?;
            }
            for u in users {
                writeln!(
                    out,
                    "{:<24} {:<10} created {}{}",
                    u.name,
                    u.role,
                    u.created_at.format("%Y-%m-%d %H:%M UTC"),
                    if u.disabled { "  (disabled)" } else { "" }
                )?;
            }
        }
        UserCommand::Passwd {
            name,
            password_stdin,
        } => {
            let key = normalize_name(&name).map_err(anyhow::Error::msg)?;
            let Some(user) = StaffUser::find_by_name(conn, &key)? else {
                bail!("there is no account named `{key}`; see `docket user list`");
            };
            let (password, generated) = new_password(password_stdin)?;
            let hash = hash_password(&password)?;
            accounts::reset_password(conn, None, user.id, &hash)?;
            writeln!(
                out,
                "Password of `{}` changed; its sessions are signed out.",
                user.name
            )?;
            if generated {
                writeln!(out, "Password: {password}")?;
            }
        }
        UserCommand::Role { name, role } => {
            let user = find(conn, &name)?;
            let user = accounts::set_role(conn, None, user.id, role)?;
            writeln!(out, "`{}` is now {}.", user.name, user.role)?;
        }
        UserCommand::Disable { name } => {
            let user = find(conn, &name)?;
            let user = accounts::set_disabled(conn, None, user.id, true)?;
            writeln!(
                out,
                "`{}` is disabled; its sessions are signed out.",
                user.name
            )?;
        }
        UserCommand::Enable { name } => {
            let user = find(conn, &name)?;
            let user = accounts::set_disabled(conn, None, user.id, false)?;
            writeln!(out, "`{}` is enabled.", user.name)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The account called `name`, or an error that says how to list them.
fn find(conn: &mut DbConn, name: &str) -> anyhow::Result<StaffUser> {
    let key = normalize_name(name).map_err(anyhow::Error::msg)?;
    StaffUser::find_by_name(conn, &key)?
        .ok_or_else(|| anyhow::anyhow!("there is no account named `{key}`; see `docket user list`"))
}
