//! The change history of an offering: which fields changed, from what to what (shared so the rule that
//! decides what counts as a change has one home).

use super::equipment::format_equipment;
use super::fees::format_yuan;
use super::model::Offering;
use crate::i18n::Text;

/// Lines describing what differs between the stored offering (if any) and the saved one.
pub fn describe_changes(old: Option<&Offering>, new: &Offering) -> Vec<Text> {
    let Some(old) = old else {
        return vec![Text::new(
            &format!("新建：考核费用 {}，{}", format_yuan(new.fee_fen), open_label(new.is_open).zh),
            &format!("Created: exam fee {}, {}", format_yuan(new.fee_fen), open_label(new.is_open).en),
        )];
    };
    let mut lines = Vec::new();
    if old.is_open != new.is_open {
        let (a, b) = (open_label(old.is_open), open_label(new.is_open));
        lines.push(Text::new(&format!("开放状态：{} → {}", a.zh, b.zh), &format!("Open: {} → {}", a.en, b.en)));
    }
    if old.fee_fen != new.fee_fen {
        let (a, b) = (format_yuan(old.fee_fen), format_yuan(new.fee_fen));
        lines.push(Text::new(&format!("考核费用：{a} → {b}"), &format!("Exam fee: {a} → {b}")));
    }
    if old.cap_fen != new.cap_fen {
        let cap = |c: Option<i64>| c.map(format_yuan).unwrap_or_else(|| "—".into());
        let (a, b) = (cap(old.cap_fen), cap(new.cap_fen));
        lines.push(Text::new(&format!("成本上限：{a} → {b}"), &format!("Cost cap: {a} → {b}")));
    }
    let texts = [
        (Text::new("考核站点建设条件", "Exam-site conditions"), &old.site_conditions, &new.site_conditions),
        (Text::new("年度考试计划", "Exam plan"), &old.exam_plan, &new.exam_plan),
        (Text::new("师资培训计划", "Teacher-training plan"), &old.training_plan, &new.training_plan),
    ];
    for (label, a, b) in texts {
        if a.trim() != b.trim() {
            let was = shorten(a);
            lines.push(Text::new(
                &format!("{}：已修改（原文：{was}）", label.zh),
                &format!("{}: changed (was: {was})", label.en),
            ));
        }
    }
    if old.equipment != new.equipment {
        let (a, b, was) = (old.equipment.len(), new.equipment.len(), shorten(&format_equipment(&old.equipment)));
        lines.push(Text::new(
            &format!("设备清单：{a} 项 → {b} 项（原清单：{was}）"),
            &format!("Equipment list: {a} → {b} items (was: {was})"),
        ));
    }
    let codes = |o: &Offering| o.eligible_majors.iter().map(|m| m.code.clone()).collect::<Vec<_>>();
    let (before, after) = (codes(old), codes(new));
    let added: Vec<String> = after.iter().filter(|c| !before.contains(c)).cloned().collect();
    let removed: Vec<String> = before.iter().filter(|c| !after.contains(c)).cloned().collect();
    if !added.is_empty() {
        let list = added.join("、");
        lines.push(Text::new(&format!("新增可申报专业：{list}"), &format!("Majors added: {list}")));
    }
    if !removed.is_empty() {
        let list = removed.join("、");
        lines.push(Text::new(&format!("移除可申报专业：{list}"), &format!("Majors removed: {list}")));
    }
    lines
}

fn open_label(open: bool) -> Text {
    if open {
        Text::new("开放", "open")
    } else {
        Text::new("未开放", "not open")
    }
}

/// The first 60 characters, so the history stays readable on a phone.
fn shorten(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return "—".into();
    }
    let short: String = t.chars().take(60).collect();
    if short.len() < t.len() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::Level;

    fn offering(fee: i64) -> Offering {
        Offering {
            year: 2026,
            level: Level::Junior,
            is_open: true,
            fee_fen: fee,
            cap_fen: None,
            site_conditions: "机房".into(),
            exam_plan: String::new(),
            training_plan: String::new(),
            equipment: Vec::new(),
            eligible_majors: Vec::new(),
        }
    }

    #[test]
    fn only_changed_fields_are_listed() {
        let old = offering(29000);
        assert!(describe_changes(Some(&old), &old.clone()).is_empty());
        let mut new = offering(30000);
        new.site_conditions = "实训室".into();
        let lines = describe_changes(Some(&old), &new);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].zh, "考核费用：¥290 → ¥300");
        assert_eq!(lines[0].en, "Exam fee: ¥290 → ¥300");
        assert!(lines[1].zh.starts_with("考核站点建设条件：已修改（原文：机房"));
        assert!(describe_changes(None, &new)[0].zh.starts_with("新建"));
    }
}
