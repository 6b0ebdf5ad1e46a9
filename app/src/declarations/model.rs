//! Declaration types shared by the browser and the server, and the validation of the form (the same code
//! checks it while it is typed and again on the server).

use serde::{Deserialize, Serialize};

use super::state::{Action, Status};
use crate::catalog::equipment::{AssessmentInput, AssessmentLine};
use crate::catalog::model::{parse_major_codes, Level};
use crate::i18n::Text;
use crate::validate::FieldError;

/// What the lead fills in: every section of the 申报书.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationContent {
    /// Major codes (from the offering's eligible majors).
    pub majors: Vec<String>,
    /// 累计人数: the cumulative number planned to be trained.
    pub planned_count: i64,
    pub venues: String,
    /// Equipment against the offering's list (prefilled from the school's self-assessment).
    pub equipment: Vec<AssessmentLine>,
    pub teacher_training: String,
    pub students: String,
    pub pilot_years: i64,
    pub pilot_trained: i64,
    pub pilot_certified: i64,
}

/// The outbox id a phone gives a save, and how the server can tell the phone's own earlier saves whose
/// answers it never got: their `chain` (one id for every save of one pending edit), or, from phones that
/// predate chains, the list of their ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOp {
    pub op_id: String,
    pub after: Vec<String>,
    pub chain: Option<String>,
}

impl ClientOp {
    /// From the form's `op_id`, comma-separated `after_ops` and `op_chain`; none when no id was sent (a plain
    /// form).
    pub fn parse(
        op_id: Option<&str>,
        after: Option<&str>,
        chain: Option<&str>,
    ) -> Result<Option<ClientOp>, FieldError> {
        let valid =
            |id: &str| (8..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let Some(op_id) = op_id.map(str::trim).filter(|id| !id.is_empty()) else { return Ok(None) };
        let after: Vec<String> =
            after.unwrap_or_default().split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect();
        let chain = chain.map(str::trim).filter(|c| !c.is_empty());
        if !valid(op_id) || after.len() > 50 || !after.iter().all(|a| valid(a)) || !chain.is_none_or(valid) {
            return Err(FieldError::new("op_id", "同步编号无效。", "The sync id is not valid."));
        }
        Ok(Some(ClientOp { op_id: op_id.to_string(), after, chain: chain.map(String::from) }))
    }
}

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
        let planned_count = keep(whole_number(
            "planned_count",
            Text::new("计划培训人数", "The planned number"),
            &self.planned_count,
            0,
            100_000,
        ));
        let pilot_years =
            keep(whole_number("pilot_years", Text::new("试点年数", "Pilot years"), &self.pilot_years, 0, 50));
        let pilot_trained = keep(whole_number(
            "pilot_trained",
            Text::new("已培训人数", "Number trained"),
            &self.pilot_trained,
            0,
            1_000_000,
        ));
        let pilot_certified = keep(whole_number(
            "pilot_certified",
            Text::new("已取证人数", "Number certified"),
            &self.pilot_certified,
            0,
            1_000_000,
        ));
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

/// The school leader's recorded approval of a flagged declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderApproval {
    pub name: String,
    pub title: String,
    /// "YYYY-MM-DD".
    pub date: String,
    pub note: String,
}

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
    pub thresholds: super::flags::Thresholds,
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
    fn outbox_save_ids_are_checked() {
        assert_eq!(ClientOp::parse(None, Some("a"), None).unwrap(), None, "a plain form post has none");
        assert_eq!(ClientOp::parse(Some(" "), None, None).unwrap(), None);
        let op = ClientOp::parse(Some("3f2b8c1e-0a4d"), Some("op-aaaaaaaa, op-bbbbbbbb,"), None).unwrap().unwrap();
        assert_eq!(op.after, ["op-aaaaaaaa", "op-bbbbbbbb"]);
        assert!(ClientOp::parse(Some("short"), None, None).is_err());
        assert!(ClientOp::parse(Some("op-aaaaaaaa"), Some("op-bbbbbbbb,bad id!"), None).is_err());
        let many = vec!["op-aaaaaaaa"; 51].join(",");
        assert!(ClientOp::parse(Some("op-cccccccc"), Some(&many), None).is_err());
        let chained = ClientOp::parse(Some("op-cccccccc"), Some(""), Some("chain-0001")).unwrap().unwrap();
        assert_eq!(chained.chain.as_deref(), Some("chain-0001"));
        assert!(ClientOp::parse(Some("op-cccccccc"), None, Some("bad chain!")).is_err());
    }

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
