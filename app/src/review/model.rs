//! What the review pages show, shared by server functions and the browser.

use serde::{Deserialize, Serialize};

use super::rubric::{Recommendation, Rubric, Score};
use super::scores::Aggregate;
use crate::catalog::model::Level;
use crate::declarations::model::DeclarationSummary;
use crate::declarations::state::Status;

/// One of an expert's assignments, as their list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyAssignment {
    pub id: i64,
    pub declaration_id: i64,
    pub institution: String,
    pub certificate: String,
    pub level: Level,
    pub status: Status,
    /// The weighted total of their score, once given.
    pub total: Option<f64>,
    /// They declared a conflict of interest on it.
    pub declined: bool,
}

/// An expert's scoring form: the rubric and what they gave so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    pub id: i64,
    pub declaration_id: i64,
    pub rubric: Rubric,
    pub score: Option<Score>,
    pub declined: bool,
    /// Still under review (scores can be given or changed).
    pub open: bool,
}

/// A declaration in the secretariat's progress table: its experts (name, total, recommendation, comment)
/// and the aggregate of the scores given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub declaration: DeclarationSummary,
    pub experts: Vec<(String, Option<f64>, Option<Recommendation>, String)>,
    pub aggregate: Option<Aggregate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpertLoad {
    pub id: i64,
    pub name: String,
    pub load: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewOverview {
    pub year: i64,
    pub rubric: Rubric,
    pub rows: Vec<ProgressRow>,
    pub experts: Vec<ExpertLoad>,
}

impl ReviewOverview {
    /// (assignments, scored, declarations still short of a score)
    pub fn progress(&self) -> (usize, usize, usize) {
        let assigned = self.rows.iter().map(|r| r.experts.len()).sum();
        let scored = self.rows.iter().map(|r| r.experts.iter().filter(|e| e.1.is_some()).count()).sum();
        let missing = self
            .rows
            .iter()
            .filter(|r| r.declaration.status == Status::UnderReview && r.experts.iter().any(|e| e.1.is_none()))
            .count();
        (assigned, scored, missing)
    }
}
