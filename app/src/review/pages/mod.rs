//! Review pages: `/review` for the secretariat (rubric, assignment, progress, 统一审批), `/assignments` for
//! an expert (conflicts of interest and their list) and `/assignments/:id` (the declaration and its score).

mod assignments;
mod overview;
mod scoring;

pub use assignments::AssignmentsPage;
pub use overview::ReviewPage;
pub use scoring::ScoringPage;
