//! Planning bulk expert assignment: each declaration gets N experts, never one with a conflict of interest
//! (their own institution or any other they declared), preferring experts of the certificate's area, and
//! spreading the work so that loads stay as even as the conflicts allow. Deterministic, so a plan can be
//! shown before it is saved and is the same when saved.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expert {
    pub id: i64,
    /// Declarations already assigned to them this year.
    pub load: usize,
    /// Institutions they may not review.
    pub conflicts: Vec<i64>,
    /// Areas they know (专业大类, e.g. 财经商贸大类); empty: none preferred.
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingDeclaration {
    pub id: i64,
    pub institution_id: i64,
    pub area: String,
    /// Experts already assigned (they count towards N and are not assigned twice).
    pub assigned: Vec<i64>,
    /// Experts who declared a conflict on this declaration: never given it again.
    pub declined: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// (declaration, expert) pairs to add.
    pub assignments: Vec<(i64, i64)>,
    /// Declarations that could not get N experts, with how many are missing.
    pub short: Vec<(i64, usize)>,
}

/// A declaration's area: the category (专业大类) most of its majors belong to, the earliest on a tie; empty
/// when none of its majors has one.
pub fn main_area(categories: &[String]) -> String {
    let mut best: (usize, &str) = (0, "");
    for c in categories.iter().filter(|c| !c.is_empty()) {
        let count = categories.iter().filter(|x| *x == c).count();
        if count > best.0 {
            best = (count, c);
        }
    }
    best.1.to_string()
}

fn may_review(expert: &Expert, d: &PendingDeclaration) -> bool {
    !expert.conflicts.contains(&d.institution_id)
        && !d.assigned.contains(&expert.id)
        && !d.declined.contains(&expert.id)
}

fn knows(expert: &Expert, area: &str) -> bool {
    expert.areas.iter().any(|a| a == area)
}

/// Gives each declaration up to `per_declaration` experts in all: of those allowed, experts of its area
/// first, then the least loaded, then the lowest id.
pub fn plan(pending: &[PendingDeclaration], experts: &[Expert], per_declaration: usize) -> Plan {
    let mut experts: Vec<Expert> = experts.to_vec();
    let mut plan = Plan::default();
    for d in pending {
        let mut missing = per_declaration.saturating_sub(d.assigned.len());
        let mut chosen: Vec<i64> = Vec::new();
        while missing > 0 {
            let best = experts
                .iter_mut()
                .filter(|e| may_review(e, d) && !chosen.contains(&e.id))
                .min_by_key(|e| (!knows(e, &d.area), e.load, e.id));
            let Some(expert) = best else { break };
            expert.load += 1;
            chosen.push(expert.id);
            plan.assignments.push((d.id, expert.id));
            missing -= 1;
        }
        if missing > 0 {
            plan.short.push((d.id, missing));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expert(id: i64, conflicts: &[i64], areas: &[&str]) -> Expert {
        Expert { id, load: 0, conflicts: conflicts.to_vec(), areas: areas.iter().map(|a| a.to_string()).collect() }
    }

    fn pending(id: i64, institution_id: i64, area: &str) -> PendingDeclaration {
        PendingDeclaration { id, institution_id, area: area.into(), assigned: vec![], declined: vec![] }
    }

    fn loads(plan: &Plan, experts: &[Expert]) -> Vec<usize> {
        experts.iter().map(|e| plan.assignments.iter().filter(|(_, x)| *x == e.id).count()).collect()
    }

    #[test]
    fn without_constraints_the_load_is_even() {
        let experts: Vec<Expert> = (1..=4).map(|id| expert(id, &[], &[])).collect();
        let declarations: Vec<PendingDeclaration> = (1..=10).map(|id| pending(id, 100 + id, "")).collect();
        let plan = plan(&declarations, &experts, 2);
        assert_eq!(plan.assignments.len(), 20);
        assert!(plan.short.is_empty());
        let l = loads(&plan, &experts);
        assert!(l.iter().max().unwrap() - l.iter().min().unwrap() <= 1, "{l:?}");
        for d in &declarations {
            let mine: Vec<i64> = plan.assignments.iter().filter(|(x, _)| *x == d.id).map(|(_, e)| *e).collect();
            assert_eq!(mine.len(), 2);
            assert_ne!(mine[0], mine[1], "two different experts");
        }
    }

    #[test]
    fn conflicts_are_never_assigned_and_shortfalls_are_reported() {
        // Expert 1 works at school 10; expert 2 declared school 20 too.
        let experts = vec![expert(1, &[10], &[]), expert(2, &[10, 20], &[]), expert(3, &[], &[])];
        let declarations = vec![pending(1, 10, ""), pending(2, 20, ""), pending(3, 30, "")];
        let plan = plan(&declarations, &experts, 2);
        for (d, e) in &plan.assignments {
            let institution = declarations.iter().find(|x| x.id == *d).unwrap().institution_id;
            assert!(!experts.iter().find(|x| x.id == *e).unwrap().conflicts.contains(&institution));
        }
        assert_eq!(plan.short, vec![(1, 1)], "only expert 3 may review school 10's declaration");
    }

    #[test]
    fn an_expert_who_declined_a_declaration_is_not_given_it_again() {
        let experts = vec![expert(1, &[], &[]), expert(2, &[], &[])];
        let mut d = pending(1, 10, "");
        d.declined = vec![1];
        let plan = plan(&[d], &experts, 2);
        assert_eq!(plan.assignments, vec![(1, 2)]);
        assert_eq!(plan.short, vec![(1, 1)]);
    }

    #[test]
    fn a_declaration_falls_in_the_area_of_most_of_its_majors() {
        let cats = |list: &[&str]| list.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(main_area(&cats(&["财经商贸大类", "交通运输大类", "交通运输大类"])), "交通运输大类");
        assert_eq!(main_area(&cats(&["财经商贸大类", "交通运输大类"])), "财经商贸大类", "the earliest on a tie");
        assert_eq!(main_area(&cats(&["", ""])), "");
        assert_eq!(main_area(&[]), "");
    }

    #[test]
    fn experts_of_the_area_come_first_and_earlier_assignments_count() {
        let mut experts = vec![expert(1, &[], &["财经商贸"]), expert(2, &[], &[]), expert(3, &[], &["财经商贸"])];
        experts[2].load = 5;
        let mut d = pending(1, 10, "财经商贸");
        d.assigned = vec![1];
        let plan = plan(&[d], &experts, 2);
        assert_eq!(plan.assignments, vec![(1, 3)], "the area counts before the load; expert 1 is not assigned twice");
    }
}
