//! The structured equipment list of an offering (item, specification, quantity) and a school's
//! self-assessment against it. Organizations type the list as lines "名称 | 规格 | 数量", which works the
//! same with scripts off; the parser is shared so the browser and the server report the same line errors.

use serde::{Deserialize, Serialize};

use crate::validate::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquipmentItem {
    pub item: String,
    pub spec: String,
    pub quantity: i64,
}

/// What a school has of one required item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentLine {
    pub item: String,
    pub has_it: bool,
    pub quantity: i64,
    pub note: String,
}

/// One posted row of the self-assessment form (`lines[n][item]`, `lines[n][has_it]`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentInput {
    pub item: String,
    /// A checkbox: present only when ticked.
    pub has_it: Option<String>,
    pub quantity: String,
    pub note: String,
}

pub const MAX_ITEMS: usize = 200;
const MAX_QUANTITY: i64 = 100_000;

/// Parses "名称 | 规格 | 数量" lines (ASCII or full-width bars); blank lines are skipped.
pub fn parse_equipment(text: &str) -> Result<Vec<EquipmentItem>, FieldError> {
    let mut items: Vec<EquipmentItem> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let line_no = n + 1;
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let bad = |zh: &str, en: &str| {
            FieldError::new("equipment", &format!("第{line_no}行：{zh}"), &format!("Line {line_no}: {en}"))
        };
        if parts.len() != 3 {
            return Err(bad(
                "应为“名称 | 规格 | 数量”三项，用竖线分隔。",
                "write \"item | specification | quantity\", separated by bars.",
            ));
        }
        if parts[0].is_empty() || parts[0].chars().count() > 100 {
            return Err(bad("请填写设备或软件名称（不超过100字）。", "name the item (at most 100 characters)."));
        }
        if parts[1].chars().count() > 300 {
            return Err(bad("规格不能超过300字。", "the specification may have at most 300 characters."));
        }
        let quantity = parse_quantity(parts[2])
            .filter(|q| *q >= 1)
            .ok_or_else(|| bad("数量应为1到100000之间的整数。", "the quantity is a whole number from 1 to 100000."))?;
        if items.iter().any(|i| i.item == parts[0]) {
            return Err(bad("名称与前面的行重复。", "this item is already listed above."));
        }
        items.push(EquipmentItem { item: parts[0].to_string(), spec: parts[1].to_string(), quantity });
    }
    if items.len() > MAX_ITEMS {
        return Err(FieldError::new(
            "equipment",
            &format!("设备清单最多{MAX_ITEMS}项。"),
            &format!("The list may have at most {MAX_ITEMS} items."),
        ));
    }
    Ok(items)
}

/// The editable text of a list; `parse_equipment(&format_equipment(x)) == x`.
pub fn format_equipment(items: &[EquipmentItem]) -> String {
    items.iter().map(|i| format!("{} | {} | {}", i.item, i.spec, i.quantity)).collect::<Vec<_>>().join("\n")
}

/// A whole number typed by a person ("3", " 12 "); empty is 0.
pub fn parse_quantity(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<i64>().ok().filter(|q| (0..=MAX_QUANTITY).contains(q))
}

/// Validates a posted self-assessment against the current list: only listed items, sane quantities.
pub fn validate_assessment(
    required: &[EquipmentItem],
    rows: &[AssessmentInput],
) -> Result<Vec<AssessmentLine>, FieldError> {
    rows.iter()
        .map(|row| {
            if !required.iter().any(|r| r.item == row.item) {
                return Err(FieldError::new(
                    "lines",
                    &format!("“{}”不在设备清单中，清单可能刚更新过，请刷新页面。", row.item),
                    &format!("\"{}\" is not on the list; it may have just changed. Reload the page.", row.item),
                ));
            }
            let quantity = parse_quantity(&row.quantity).ok_or_else(|| {
                FieldError::new(
                    "lines",
                    &format!("“{}”的数量应为0到100000之间的整数。", row.item),
                    &format!("The quantity of \"{}\" is a whole number from 0 to 100000.", row.item),
                )
            })?;
            if row.note.chars().count() > 300 {
                return Err(FieldError::new("lines", "备注不能超过300字。", "A note may have at most 300 characters."));
            }
            Ok(AssessmentLine {
                item: row.item.clone(),
                has_it: row.has_it.is_some(),
                quantity,
                note: row.note.trim().into(),
            })
        })
        .collect()
}

/// Items the school lacks or has too few of: what it still needs to buy before declaring.
pub fn shortfall<'a>(required: &'a [EquipmentItem], assessment: &[AssessmentLine]) -> Vec<&'a EquipmentItem> {
    required
        .iter()
        .filter(|r| !assessment.iter().any(|a| a.item == r.item && a.has_it && a.quantity >= r.quantity))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_into_items_and_round_trip() {
        let items = parse_equipment("计算机 | i5/16G | 40\n\n BIM软件｜正版授权 ｜ 40 ").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1], EquipmentItem { item: "BIM软件".into(), spec: "正版授权".into(), quantity: 40 });
        assert_eq!(parse_equipment(&format_equipment(&items)).unwrap(), items);
    }

    #[test]
    fn bad_lines_are_reported_by_line_number() {
        let err = parse_equipment("计算机 | i5 | 40\n投影仪 | 4K").unwrap_err();
        assert!(err.message.zh.starts_with("第2行"), "{}", err.message.zh);
        for bad in ["计算机 | i5 | 0", "计算机 | i5 | 三", " | i5 | 3", "a | b | 3\na | c | 4"] {
            assert!(parse_equipment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn assessment_accepts_only_listed_items_and_finds_the_shortfall() {
        let required = parse_equipment("计算机 | i5 | 40\n投影仪 | 4K | 1").unwrap();
        let row = |item: &str, has: bool, q: &str| AssessmentInput {
            item: item.into(),
            has_it: has.then(|| "1".into()),
            quantity: q.into(),
            note: String::new(),
        };
        let lines = validate_assessment(&required, &[row("计算机", true, "30"), row("投影仪", true, "1")]).unwrap();
        let missing: Vec<&str> = shortfall(&required, &lines).iter().map(|i| i.item.as_str()).collect();
        assert_eq!(missing, ["计算机"]);
        assert!(validate_assessment(&required, &[row("打印机", true, "1")]).is_err());
        assert!(validate_assessment(&required, &[row("计算机", true, "-1")]).is_err());
    }
}
