//! The year's scoring rubric (评审指标) and an expert's score against it. The secretariat sets the criteria
//! and weights (they add up to 100); an expert marks each criterion 0–100, recommends approve, approve with
//! conditions or reject, and explains anything but a plain approval. Shared by the browser (live checks)
//! and the server.

use serde::{Deserialize, Serialize};

use crate::validate::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub label: String,
    /// Percent of the total; a rubric's weights add up to 100.
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub year: i64,
    pub criteria: Vec<Criterion>,
}

/// The seed's five aspects of a declaration, weighted as a starting point the secretariat can change.
pub fn default_rubric(year: i64) -> Rubric {
    let c = |label: &str, weight| Criterion { label: label.to_string(), weight };
    Rubric {
        year,
        criteria: vec![c("教学场所", 25), c("设备与软件", 25), c("师资培训", 20), c("学生情况", 15), c("试点经验", 15)],
    }
}

pub const MAX_CRITERIA: usize = 10;

/// Parses the editor's lines "名称 | 权重" into a rubric, naming the exact bad line.
pub fn parse_rubric(year: i64, text: &str) -> Result<Rubric, FieldError> {
    let bad = |n: usize, zh: &str, en: &str| {
        FieldError::new("criteria", &format!("第 {n} 行：{zh}"), &format!("Line {n}: {en}"))
    };
    let mut criteria: Vec<Criterion> = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let n = i + 1;
        let (label, weight) = line
            .split_once(['|', '｜'])
            .ok_or_else(|| bad(n, "请按“名称 | 权重”填写。", "write \"name | weight\"."))?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 30 {
            return Err(bad(n, "名称不能为空，且不超过30个字。", "the name must be 1–30 characters."));
        }
        if criteria.iter().any(|c| c.label == label) {
            return Err(bad(n, "名称重复。", "the name is repeated."));
        }
        let weight: u32 =
            weight.trim().parse().ok().filter(|w| (1..=100).contains(w)).ok_or_else(|| {
                bad(n, "权重应为 1 到 100 的整数。", "the weight must be a whole number from 1 to 100.")
            })?;
        criteria.push(Criterion { label: label.to_string(), weight });
    }
    if criteria.is_empty() || criteria.len() > MAX_CRITERIA {
        return Err(FieldError::new(
            "criteria",
            &format!("请设置 1 到 {MAX_CRITERIA} 项指标。"),
            &format!("Set 1 to {MAX_CRITERIA} criteria."),
        ));
    }
    let total: u32 = criteria.iter().map(|c| c.weight).sum();
    if total != 100 {
        return Err(FieldError::new(
            "criteria",
            &format!("各项权重之和应为 100，现在是 {total}。"),
            &format!("The weights must add up to 100; they add up to {total}."),
        ));
    }
    Ok(Rubric { year, criteria })
}

/// The editor's text for a rubric (the inverse of [`parse_rubric`]).
pub fn rubric_text(rubric: &Rubric) -> String {
    rubric.criteria.iter().map(|c| format!("{} | {}", c.label, c.weight)).collect::<Vec<_>>().join("\n")
}

crate::codes::coded_enum! {
    pub enum Recommendation {
        Approve = ("approve", "建议通过", "Approve"),
        ApproveWithConditions = ("conditions", "有条件通过", "Approve with conditions"),
        Reject = ("reject", "建议不通过", "Reject"),
    }
}

/// A score as the form sends it: one typed mark per criterion, in the rubric's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreInput {
    pub marks: Vec<String>,
    pub recommendation: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub marks: Vec<u32>,
    pub recommendation: Recommendation,
    pub comment: String,
}

impl Score {
    /// The weighted total, 0–100.
    pub fn total(&self, rubric: &Rubric) -> f64 {
        let sum: u32 = self.marks.iter().zip(&rubric.criteria).map(|(m, c)| m * c.weight).sum();
        f64::from(sum) / 100.0
    }
}

/// Checks a score against the rubric: every criterion marked 0–100, a recommendation, and a comment unless
/// the recommendation is a plain approval. All problems are named at once.
pub fn parse_score(rubric: &Rubric, input: &ScoreInput) -> Result<Score, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut marks = Vec::with_capacity(rubric.criteria.len());
    for (n, criterion) in rubric.criteria.iter().enumerate() {
        let typed = input.marks.get(n).map(|m| m.trim()).unwrap_or("");
        match typed.parse::<u32>() {
            Ok(m) if m <= 100 => marks.push(m),
            _ => errors.push(FieldError::new(
                "marks",
                &format!("“{}”请打 0 到 100 分。", criterion.label),
                &format!("Mark \"{}\" from 0 to 100.", criterion.label),
            )),
        }
    }
    let recommendation = Recommendation::parse(&input.recommendation);
    if recommendation.is_none() {
        errors.push(FieldError::new("recommendation", "请选择评审建议。", "Choose a recommendation."));
    }
    let comment = input.comment.trim().to_string();
    if recommendation.is_some_and(|r| r != Recommendation::Approve) && comment.is_empty() {
        errors.push(FieldError::new(
            "comment",
            "有条件通过或不通过时请写明意见。",
            "Explain the conditions or the reasons for rejecting.",
        ));
    }
    if comment.chars().count() > 2000 {
        errors.push(FieldError::new("comment", "意见不超过2000字。", "At most 2,000 characters."));
    }
    match (errors.is_empty(), recommendation) {
        (true, Some(recommendation)) => Ok(Score { marks, recommendation, comment }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rubric_is_valid_and_round_trips_through_the_editor() {
        let rubric = default_rubric(2026);
        assert_eq!(parse_rubric(2026, &rubric_text(&rubric)).unwrap(), rubric);
    }

    #[test]
    fn a_rubric_names_its_bad_line_and_its_weight_total() {
        let e = parse_rubric(2026, "场地 | 50\n设备 50").unwrap_err();
        assert!(e.message.zh.starts_with("第 2 行"), "{:?}", e.message);
        let e = parse_rubric(2026, "场地 | 50\n场地 | 50").unwrap_err();
        assert!(e.message.zh.contains("重复"));
        let e = parse_rubric(2026, "场地 | 0\n设备 | 100").unwrap_err();
        assert!(e.message.zh.starts_with("第 1 行"));
        let e = parse_rubric(2026, "场地 | 60\n设备｜30").unwrap_err();
        assert!(e.message.zh.contains("现在是 90"), "full-width bar accepted, total checked");
        assert!(parse_rubric(2026, "\n\n").is_err());
    }

    #[test]
    fn a_score_is_weighted_and_explained_unless_plainly_approved() {
        let rubric = default_rubric(2026);
        let input = |marks: [&str; 5], rec: &str, comment: &str| ScoreInput {
            marks: marks.map(String::from).to_vec(),
            recommendation: rec.into(),
            comment: comment.into(),
        };
        let score = parse_score(&rubric, &input(["80", "90", "70", "60", "100"], "approve", "")).unwrap();
        assert_eq!(score.total(&rubric), 20.0 + 22.5 + 14.0 + 9.0 + 15.0);
        let errors = parse_score(&rubric, &input(["80", "101", "", "x", "0"], "reject", " ")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["marks", "marks", "marks", "comment"]);
        assert!(errors[0].message.zh.contains("设备与软件"));
        assert!(parse_score(&rubric, &input(["1", "1", "1", "1", "1"], "maybe", "")).is_err());
        assert!(parse_score(&rubric, &input(["1", "1", "1", "1", "1"], "conditions", "补充设备清单")).is_ok());
    }
}
