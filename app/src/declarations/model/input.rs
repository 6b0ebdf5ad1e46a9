//! The form as typed and its validation: the same code checks it while it is typed and again on the server.

use serde::{Deserialize, Serialize};

use super::DeclarationContent;
use crate::catalog::equipment::{AssessmentInput, AssessmentLine};
use crate::catalog::model::{parse_major_codes, Level};
use crate::i18n::Text;
use crate::validate::FieldError;

/// The form as posted: one text per field, so nothing typed is lost when a number is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationInput {
    pub majors: String,
    pub planned_count: String,
    pub venues: String,
    pub equipment: Vec<AssessmentInput>,
    pub teacher_training: String,
    pub students: String,
    pub pilot_years: String,
    pub pilot_trained: String,
    pub pilot_certified: String,
}

const MAX_TEXT: usize = 2000;

fn whole_number(field: &'static str, label: Text, text: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let t = text.trim();
    let value = if t.is_empty() { Some(0) } else { t.parse::<i64>().ok() };
    value.filter(|v| (min..=max).contains(v)).ok_or_else(|| {
        FieldError::new(
            field,
            &format!("{}应为{}到{}之间的整数。", label.zh, min, max),
            &format!("{} is a whole number from {} to {}.", label.en, min, max),
        )
    })
}

fn text_field(field: &'static str, label: Text, value: &str, required: bool) -> Result<String, FieldError> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(FieldError::new(field, &format!("请填写{}。", label.zh), &format!("Please fill in {}.", label.en)));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(FieldError::new(
            field,
            &format!("{}不能超过{MAX_TEXT}字。", label.zh),
            &format!("{} may have at most {MAX_TEXT} characters.", label.en),
        ));
    }
    Ok(v.to_string())
}

fn planned(text: &str) -> Result<i64, FieldError> {
    whole_number("planned_count", Text::new("计划培训人数", "The planned number"), text, 0, 100_000)
}

fn pilot_years(text: &str) -> Result<i64, FieldError> {
    whole_number("pilot_years", Text::new("试点年数", "Pilot years"), text, 0, 50)
}

fn pilot_count(field: &'static str, text: &str) -> Result<i64, FieldError> {
    let label = if field == "pilot_trained" {
        Text::new("已培训人数", "Number trained")
    } else {
        Text::new("已取证人数", "Number certified")
    };
    whole_number(field, label, text, 0, 1_000_000)
}

/// The live checks of the form's fields, in the shape `ui::Field` takes: the same functions the server's
/// `parse` runs.
pub mod checks {
    use super::*;

    pub fn majors(v: &str) -> Result<Option<Text>, FieldError> {
        parse_major_codes(v).map(|_| None)
    }

    pub fn planned_count(v: &str) -> Result<Option<Text>, FieldError> {
        planned(v).map(|_| None)
    }

    pub fn pilot_years(v: &str) -> Result<Option<Text>, FieldError> {
        super::pilot_years(v).map(|_| None)
    }

    pub fn pilot_trained(v: &str) -> Result<Option<Text>, FieldError> {
        pilot_count("pilot_trained", v).map(|_| None)
    }

    pub fn pilot_certified(v: &str) -> Result<Option<Text>, FieldError> {
        pilot_count("pilot_certified", v).map(|_| None)
    }
}

impl DeclarationInput {
    /// The input of a stored declaration, to fill the form.
    pub fn from_content(c: &DeclarationContent) -> DeclarationInput {
        let number = |n: i64| if n == 0 { String::new() } else { n.to_string() };
        DeclarationInput {
            majors: c.majors.join(", "),
            planned_count: number(c.planned_count),
            venues: c.venues.clone(),
            equipment: c
                .equipment
                .iter()
                .map(|l| AssessmentInput {
                    item: l.item.clone(),
                    has_it: l.has_it.then(|| "1".into()),
                    quantity: l.quantity.to_string(),
                    note: l.note.clone(),
                })
                .collect(),
            teacher_training: c.teacher_training.clone(),
            students: c.students.clone(),
            pilot_years: number(c.pilot_years),
            pilot_trained: number(c.pilot_trained),
            pilot_certified: number(c.pilot_certified),
        }
    }

    /// A draft may be saved incomplete; every field still has to be well-formed.
    pub fn parse(&self) -> Result<DeclarationContent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut keep = |r: Result<i64, FieldError>| r.map_err(|e| errors.push(e)).unwrap_or_default();
        let planned_count = keep(planned(&self.planned_count));
        let pilot_years = keep(pilot_years(&self.pilot_years));
        let pilot_trained = keep(pilot_count("pilot_trained", &self.pilot_trained));
        let pilot_certified = keep(pilot_count("pilot_certified", &self.pilot_certified));
        if pilot_certified > pilot_trained {
            errors.push(FieldError::new(
                "pilot_certified",
                "已取证人数不能多于已培训人数。",
                "More people cannot be certified than were trained.",
            ));
        }
        let majors = parse_major_codes(&self.majors).map_err(|e| errors.push(e)).unwrap_or_default();
        let mut texts = |field, label, value: &str| {
            text_field(field, label, value, false).map_err(|e| errors.push(e)).unwrap_or_default()
        };
        let venues = texts("venues", Text::new("教学场所", "Teaching venues"), &self.venues);
        let teacher_training =
            texts("teacher_training", Text::new("师资培训", "Teacher training"), &self.teacher_training);
        let students = texts("students", Text::new("学生情况", "Students"), &self.students);
        let mut equipment = Vec::new();
        for row in &self.equipment {
            match crate::catalog::equipment::parse_quantity(&row.quantity) {
                Some(quantity) => equipment.push(AssessmentLine {
                    item: row.item.trim().to_string(),
                    has_it: row.has_it.is_some(),
                    quantity,
                    note: row.note.trim().chars().take(300).collect(),
                }),
                None => errors.push(FieldError::new_owned(
                    "equipment".into(),
                    &format!("“{}”的数量应为0到100000之间的整数。", row.item),
                    &format!("The quantity of \"{}\" is a whole number from 0 to 100000.", row.item),
                )),
            }
        }
        if errors.is_empty() {
            Ok(DeclarationContent {
                majors,
                planned_count,
                venues,
                equipment,
                teacher_training,
                students,
                pilot_years,
                pilot_trained,
                pilot_certified,
            })
        } else {
            Err(errors)
        }
    }
}

/// The form value naming one certificate level in a select: "certificate_id:level".
pub fn offering_key(certificate_id: i64, level: Level) -> String {
    format!("{certificate_id}:{}", level.code())
}

/// Reads an [`offering_key`] back.
pub fn parse_offering_key(key: &str) -> Result<(i64, Level), FieldError> {
    key.split_once(':')
        .and_then(|(c, l)| Some((c.parse::<i64>().ok()?, Level::parse(l)?)))
        .ok_or_else(|| FieldError::new("offering", "请选择证书和等级。", "Choose a certificate and level."))
}

/// What must be complete before a declaration leaves the lead: the stricter check at submission.
pub fn check_complete(c: &DeclarationContent) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if c.majors.is_empty() {
        errors.push(FieldError::new("majors", "请至少选择一个申报专业。", "Choose at least one major."));
    }
    if c.planned_count < 1 {
        errors.push(FieldError::new(
            "planned_count",
            "请填写计划培训人数（累计人数）。",
            "Enter the planned number trained (cumulative).",
        ));
    }
    if c.venues.trim().is_empty() {
        errors.push(FieldError::new("venues", "请填写教学场所。", "Describe the teaching venues."));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DeclarationInput {
        DeclarationInput {
            majors: "530802".into(),
            planned_count: "120".into(),
            venues: "物流实训中心".into(),
            equipment: vec![AssessmentInput {
                item: "计算机".into(),
                has_it: Some("1".into()),
                quantity: "40".into(),
                note: String::new(),
            }],
            pilot_years: "2".into(),
            pilot_trained: "80".into(),
            pilot_certified: "70".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_parses_and_round_trips() {
        let content = input().parse().unwrap();
        assert_eq!(content.planned_count, 120);
        assert_eq!(content.equipment[0].quantity, 40);
        assert_eq!(DeclarationInput::from_content(&content).parse().unwrap(), content);
        assert!(check_complete(&content).is_ok());
    }

    #[test]
    fn every_bad_field_is_named_and_an_empty_draft_is_incomplete() {
        let bad = DeclarationInput {
            planned_count: "一百".into(),
            majors: "53080".into(),
            pilot_trained: "5".into(),
            pilot_certified: "6".into(),
            venues: "场".repeat(2001),
            ..input()
        };
        let fields: Vec<String> = bad.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["planned_count", "pilot_certified", "majors", "venues"]);
        let empty = DeclarationInput::default().parse().unwrap();
        let missing: Vec<String> = check_complete(&empty).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(missing, ["majors", "planned_count", "venues"]);
    }

    #[test]
    fn offering_keys_round_trip_and_bad_ones_are_refused() {
        assert_eq!(parse_offering_key(&offering_key(7, Level::Senior)), Ok((7, Level::Senior)));
        for bad in ["", "7", "x:junior", "7:特级"] {
            assert!(parse_offering_key(bad).is_err(), "{bad}");
        }
    }
}
