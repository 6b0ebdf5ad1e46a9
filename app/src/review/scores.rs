//! What the secretariat reads per declaration: how many experts scored it, the average and spread of their
//! weighted totals, and their recommendations, with a mark when the experts disagree.

use serde::{Deserialize, Serialize};

use super::rubric::Recommendation;

/// Experts whose totals differ by this much (or who recommend both approving and rejecting) disagree.
pub const DISAGREEMENT_POINTS: f64 = 20.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    pub scored: usize,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub approve: usize,
    pub conditions: usize,
    pub reject: usize,
}

impl Aggregate {
    pub fn spread(&self) -> f64 {
        self.max - self.min
    }

    pub fn disagreement(&self) -> bool {
        self.spread() >= DISAGREEMENT_POINTS || (self.reject > 0 && self.approve + self.conditions > 0)
    }
}

/// `None` until at least one expert has scored.
pub fn aggregate(scores: &[(f64, Recommendation)]) -> Option<Aggregate> {
    if scores.is_empty() {
        return None;
    }
    let totals = scores.iter().map(|(t, _)| *t);
    let count = |r: Recommendation| scores.iter().filter(|(_, x)| *x == r).count();
    let sum: f64 = totals.clone().sum();
    Some(Aggregate {
        scored: scores.len(),
        mean: (sum / scores.len() as f64 * 10.0).round() / 10.0,
        min: totals.clone().fold(f64::INFINITY, f64::min),
        max: totals.fold(f64::NEG_INFINITY, f64::max),
        approve: count(Recommendation::Approve),
        conditions: count(Recommendation::ApproveWithConditions),
        reject: count(Recommendation::Reject),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Recommendation::*;

    #[test]
    fn averages_spreads_and_disagreements() {
        assert_eq!(aggregate(&[]), None);
        let a = aggregate(&[(80.0, Approve), (75.5, ApproveWithConditions), (81.0, Approve)]).unwrap();
        assert_eq!((a.scored, a.mean, a.min, a.max), (3, 78.8, 75.5, 81.0));
        assert_eq!((a.approve, a.conditions, a.reject), (2, 1, 0));
        assert!(!a.disagreement());
        assert!(aggregate(&[(90.0, Approve), (65.0, Approve)]).unwrap().disagreement(), "25 points apart");
        assert!(aggregate(&[(70.0, Approve), (68.0, Reject)]).unwrap().disagreement(), "approve and reject");
    }
}
