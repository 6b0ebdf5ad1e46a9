//! What pages read: a declaration with its timeline and the caller's actions, list rows and totals.

use serde::{Deserialize, Serialize};

use super::{DeclarationContent, LeaderApproval};
use crate::catalog::model::Level;
use crate::declarations::state::{Action, Status};
use crate::i18n::Text;

/// One step of the timeline: who did what, when, with the comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: i64,
    pub by: String,
    pub from: Option<Status>,
    pub to: Status,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    pub id: i64,
    pub institution_id: i64,
    pub institution: String,
    pub college_id: i64,
    pub college: String,
    pub year: i64,
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub lead: String,
    pub status: Status,
    pub version: i64,
    pub content: DeclarationContent,
    /// Why the planned number is flagged, if it is.
    pub flag: Option<Text>,
    /// The secretariat's thresholds, so the page can flag a number as it is typed.
    pub thresholds: crate::declarations::flags::Thresholds,
    pub lead_confirmed: bool,
    pub leader_approval: Option<LeaderApproval>,
    pub events: Vec<Event>,
    pub photos: Vec<crate::evidence::model::Photo>,
    /// What the caller may do now (the server decides; the page shows these buttons).
    pub actions: Vec<Action>,
    /// Whether the caller may edit the content now.
    pub can_edit: bool,
    pub updated_at: i64,
}

/// A row of a declaration list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclarationSummary {
    pub id: i64,
    pub institution: String,
    pub city: String,
    pub college: String,
    pub year: i64,
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub lead: String,
    pub status: Status,
    pub planned_count: i64,
    pub majors: Vec<String>,
    pub flagged: bool,
    /// Flagged and not yet confirmed by the lead and approved by the school leader.
    pub needs_approval: bool,
    pub updated_at: i64,
}

/// The coordinator's totals before final submission, per school and per college.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub planned: i64,
    /// Distinct certificates, whatever the level.
    pub certificates: usize,
    pub certificate_levels: usize,
    pub majors: usize,
    pub declarations: usize,
}

/// Totals of a list of declarations.
pub fn totals(rows: &[&DeclarationSummary]) -> Totals {
    let mut certificates: Vec<i64> = rows.iter().map(|r| r.certificate_id).collect();
    certificates.sort_unstable();
    certificates.dedup();
    let mut levels: Vec<(i64, Level)> = rows.iter().map(|r| (r.certificate_id, r.level)).collect();
    levels.sort_by_key(|(c, l)| (*c, l.code()));
    levels.dedup();
    let mut majors: Vec<&String> = rows.iter().flat_map(|r| r.majors.iter()).collect();
    majors.sort();
    majors.dedup();
    Totals {
        planned: rows.iter().map(|r| r.planned_count).sum(),
        certificates: certificates.len(),
        certificate_levels: levels.len(),
        majors: majors.len(),
        declarations: rows.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_count_certificates_levels_and_majors_once() {
        let row = |certificate_id, level, majors: &[&str], planned| DeclarationSummary {
            id: 0,
            institution: String::new(),
            city: String::new(),
            college: String::new(),
            year: 2026,
            certificate_id,
            certificate: String::new(),
            level,
            lead: String::new(),
            status: Status::Draft,
            planned_count: planned,
            majors: majors.iter().map(|m| m.to_string()).collect(),
            flagged: false,
            needs_approval: false,
            updated_at: 0,
        };
        let rows = [
            row(1, Level::Junior, &["530802"], 100),
            row(1, Level::Intermediate, &["530802", "730701"], 50),
            row(2, Level::Junior, &["440301"], 30),
        ];
        let t = totals(&rows.iter().collect::<Vec<_>>());
        assert_eq!(t, Totals { planned: 180, certificates: 2, certificate_levels: 3, majors: 3, declarations: 3 });
    }
}
