//! The authenticated caller of a request and the rules of what its role and scope cover. Kept apart from
//! the guards that look it up, so features that only take a caller do not depend on how it is found.

use crate::accounts::model::Role;
use crate::error::AppError;

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: i64,
    pub role: Role,
    pub institution_id: Option<i64>,
    /// For org accounts: their organization.
    pub organization_id: Option<i64>,
    pub must_change_password: bool,
    /// For leads: the colleges the coordinator put in their scope.
    pub college_ids: Vec<i64>,
    /// For leads: the certificates they are limited to within their colleges (empty: all).
    pub certificate_ids: Vec<i64>,
}

impl Caller {
    /// Whether a lead's scope covers a college and a certificate: one of its colleges, and one of its
    /// certificates when the coordinator limited them. The only place this rule is written.
    pub fn covers(&self, college: i64, certificate: i64) -> bool {
        self.college_ids.contains(&college) && self.covers_certificate(certificate)
    }

    /// Whether the caller may act for a certificate at all: a lead only for their certificates when the
    /// coordinator limited them; every other school role for any.
    pub fn covers_certificate(&self, certificate: i64) -> bool {
        self.role != Role::Lead || self.certificate_ids.is_empty() || self.certificate_ids.contains(&certificate)
    }

    /// Refuses a lead acting for a certificate outside their scope.
    pub fn ensure_covers_certificate(&self, certificate: i64) -> Result<(), AppError> {
        if self.covers_certificate(certificate) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The caller's school, for coordinator and lead accounts.
    pub fn school_id(&self) -> Result<i64, AppError> {
        self.institution_id.filter(|_| self.role.is_school_role()).ok_or(AppError::Forbidden)
    }

    /// Refuses unless the caller is the secretariat or belongs to the given school.
    pub fn ensure_can_read_school(&self, institution_id: i64) -> Result<(), AppError> {
        match self.role {
            Role::Secretariat => Ok(()),
            Role::Coordinator | Role::Lead if self.institution_id == Some(institution_id) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }
}
