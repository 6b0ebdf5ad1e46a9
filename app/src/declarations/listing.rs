//! What the declarations page lists: the caller's rows with the secretariat's filters, totals overall and
//! per college, and what a school may start (shared types and the pure rules that shape them).

use serde::{Deserialize, Serialize};

use super::flags::Thresholds;
use super::model::{totals, DeclarationSummary, Totals};
use crate::catalog::model::Level;
use crate::windows::model::WindowStatus;

/// What the declarations page shows for the caller: the rows it may see (flagged ones needing approval
/// first), totals overall and per college, the window and the flag thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclarationList {
    pub rows: Vec<DeclarationSummary>,
    pub totals: Totals,
    pub per_college: Vec<(String, Totals)>,
    pub window: WindowStatus,
    pub thresholds: Thresholds,
}

/// Secretariat filters; empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    /// Empty: this year.
    pub year: String,
    pub city: String,
    pub school: String,
    pub certificate: String,
    pub level: String,
    pub status: String,
    pub flagged: bool,
}

impl ListFilter {
    pub fn keeps(&self, s: &DeclarationSummary) -> bool {
        (self.city.is_empty() || s.city == self.city)
            && (self.school.trim().is_empty() || s.institution.contains(self.school.trim()))
            && (self.certificate.trim().is_empty() || s.certificate.contains(self.certificate.trim()))
            && (self.level.is_empty() || s.level.code() == self.level)
            && (self.status.is_empty() || s.status.code() == self.status)
            && (!self.flagged || s.flagged)
    }
}

/// What a lead or coordinator may start: colleges in scope, certificate levels open this year, and (for
/// the coordinator) the school's leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub colleges: Vec<(i64, String)>,
    pub offerings: Vec<(i64, String, Level)>,
    pub leads: Vec<(i64, String)>,
}

/// The page's list from the rows the caller may read: filtered, flagged rows needing approval first, with
/// totals overall and per college.
pub fn assemble(
    rows: Vec<DeclarationSummary>,
    filter: &ListFilter,
    window: WindowStatus,
    thresholds: Thresholds,
) -> DeclarationList {
    let mut rows: Vec<DeclarationSummary> = rows.into_iter().filter(|s| filter.keeps(s)).collect();
    rows.sort_by_key(|r| (!r.needs_approval, !r.flagged));
    let all: Vec<&DeclarationSummary> = rows.iter().collect();
    let mut colleges: Vec<String> = rows.iter().map(|r| r.college.clone()).collect();
    colleges.sort();
    colleges.dedup();
    let per_college = colleges
        .into_iter()
        .map(|c| {
            let of: Vec<&DeclarationSummary> = rows.iter().filter(|r| r.college == c).collect();
            (c, totals(&of))
        })
        .collect();
    DeclarationList { totals: totals(&all), per_college, rows, window, thresholds }
}
