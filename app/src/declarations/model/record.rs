//! A declaration as stored, with the names lists and pages show: what the repository hands to services, with
//! its status and level already decoded (features read it through `declarations::service`).

use super::{DeclarationContent, DeclarationSummary, LeaderApproval};
use crate::catalog::model::Level;
use crate::declarations::flags::{flag, Thresholds};
use crate::declarations::state::Status;

#[derive(Debug, Clone, PartialEq)]
pub struct DeclarationRecord {
    pub id: i64,
    pub institution_id: i64,
    pub institution: String,
    pub city: String,
    pub college_id: i64,
    pub college: String,
    pub year: i64,
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub lead_id: i64,
    pub lead: String,
    pub status: Status,
    pub version: i64,
    pub content: DeclarationContent,
    pub planned_count: i64,
    /// Major codes, as stored beside the content for lists and exports.
    pub majors: Vec<String>,
    pub lead_confirmed: bool,
    pub leader_approval: Option<LeaderApproval>,
    pub updated_at: i64,
}

impl DeclarationRecord {
    pub fn summary(&self, thresholds: Thresholds) -> DeclarationSummary {
        let flagged = flag(self.planned_count, thresholds).is_some();
        DeclarationSummary {
            id: self.id,
            institution: self.institution.clone(),
            city: self.city.clone(),
            college: self.college.clone(),
            year: self.year,
            certificate_id: self.certificate_id,
            certificate: self.certificate.clone(),
            level: self.level,
            lead: self.lead.clone(),
            status: self.status,
            planned_count: self.planned_count,
            majors: self.majors.clone(),
            flagged,
            needs_approval: flagged && (!self.lead_confirmed || self.leader_approval.is_none()),
            updated_at: self.updated_at,
        }
    }
}
