//! Who acts: the signed-in staff member, as every layer sees them. The web
//! layer finds them from the session; the domain records them (the audit
//! log by name, the public ledger by id only) and checks their role. One
//! type, so "who did this" means the same thing everywhere.

use crate::error::AppError;

pub use crate::db::models::Role;

/// A staff member acting now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: i32,
    /// The sign-in name: shown to staff and written to the audit log, never
    /// to public pages or the ledger.
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// Allow only the listed roles (list `Role::Admin` too if admins may);
    /// anyone else is refused with a message naming the roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            return Ok(());
        }
        let names: Vec<&str> = roles.iter().map(|r| r.display()).collect();
        Err(AppError::Forbidden(format!(
            "This page is for {} accounts; you are signed in as {} ({}).",
            names.join(" or ").to_lowercase(),
            self.name,
            self.role.display().to_lowercase()
        )))
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }
}
