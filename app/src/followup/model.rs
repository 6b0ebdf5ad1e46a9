//! After approval (seed 二(三)): a pilot school's working organization and contacts — the leadership group
//! (normally led by the vice-president for teaching), the working group, the school leader in charge of
//! 1+X, the coordinator staff, and each certificate's lead. Checked the same way in the browser and on the
//! server.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::validate::{collect, validate_mobile, validate_phone, validate_required, FieldError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadContact {
    pub certificate: String,
    pub name: String,
    pub mobile: String,
    pub qq_email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub leadership_group: String,
    pub working_group: String,
    pub leader_name: String,
    pub leader_title: String,
    pub leader_phone: String,
    pub staff_name: String,
    pub staff_title: String,
    pub staff_mobile: String,
    pub staff_qq_email: String,
    pub leads: Vec<LeadContact>,
}

/// A QQ mailbox: the QQ number (5–11 digits, not starting with 0) at qq.com.
pub fn validate_qq_email(field: String, email: &str) -> Result<(), FieldError> {
    let ok =
        email.trim().to_ascii_lowercase().strip_suffix("@qq.com").is_some_and(|n| {
            (5..=11).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()) && !n.starts_with('0')
        });
    if ok {
        Ok(())
    } else {
        Err(FieldError::new_owned(
            field,
            "请填写QQ邮箱，例如 12345678@qq.com。",
            "Enter a QQ mailbox, e.g. 12345678@qq.com.",
        ))
    }
}

impl FollowUp {
    /// The phone numbers in their normal form (`0771-1234567`, `13800000000`), as they are stored.
    pub fn tidied(&self) -> FollowUp {
        let mut tidy = self.clone();
        tidy.leader_phone = crate::validate::tidy_phone(&self.leader_phone);
        tidy.staff_mobile = crate::validate::tidy_phone(&self.staff_mobile);
        for lead in &mut tidy.leads {
            lead.mobile = crate::validate::tidy_phone(&lead.mobile);
        }
        tidy
    }

    /// Every part is needed before the secretariat can use it; all problems are named at once.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let required = |field, zh, en, value: &str| validate_required(field, Text::new(zh, en), value, 500);
        let mut checks = vec![
            required("leadership_group", "领导小组", "the leadership group", &self.leadership_group),
            required("working_group", "工作小组", "the working group", &self.working_group),
            required("leader_name", "分管校领导姓名", "the leader's name", &self.leader_name),
            required("leader_title", "分管校领导职务", "the leader's title", &self.leader_title),
            validate_phone("leader_phone", &self.leader_phone),
            required("staff_name", "教务处联系人姓名", "the coordinator staff's name", &self.staff_name),
            required("staff_title", "教务处联系人职务", "the coordinator staff's title", &self.staff_title),
            validate_mobile("staff_mobile", self.staff_mobile.trim()),
            validate_qq_email("staff_qq_email".into(), &self.staff_qq_email),
        ];
        for (n, lead) in self.leads.iter().enumerate() {
            checks.push(if lead.name.trim().is_empty() {
                Err(FieldError::new_owned(
                    format!("leads[{n}][name]"),
                    &format!("请填写“{}”负责人姓名。", lead.certificate),
                    &format!("Enter the lead of \"{}\".", lead.certificate),
                ))
            } else {
                Ok(())
            });
            checks.push(validate_mobile("mobile", lead.mobile.trim()).map_err(|mut e| {
                e.field = format!("leads[{n}][mobile]");
                e
            }));
            checks.push(validate_qq_email(format!("leads[{n}][qq_email]"), &lead.qq_email));
        }
        collect(checks)
    }
}

/// What the coordinator's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyFollowUp {
    pub year: i64,
    /// The school's approved certificate levels this year ("物流管理 初级"); empty: nothing to follow up.
    pub approved: Vec<String>,
    /// What was submitted, or a start made from the school's accounts.
    pub followup: FollowUp,
    pub submitted_at: Option<i64>,
}

/// One approved school in the secretariat's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpStatus {
    pub institution_id: i64,
    pub institution: String,
    pub submitted_at: Option<i64>,
}

/// What `/followup` shows its caller: a coordinator their school's form, the secretariat who has submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FollowUpView {
    School(Box<MyFollowUp>),
    Secretariat(Vec<FollowUpStatus>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> FollowUp {
        FollowUp {
            leadership_group: "组长：教学副校长张三；成员：教务处、各二级学院院长".into(),
            working_group: "教务处牵头，各证书负责人".into(),
            leader_name: "张三".into(),
            leader_title: "副校长".into(),
            leader_phone: "0771-1234567".into(),
            staff_name: "李四".into(),
            staff_title: "教务处副处长".into(),
            staff_mobile: "13800000000".into(),
            staff_qq_email: "12345678@qq.com".into(),
            leads: vec![LeadContact {
                certificate: "物流管理".into(),
                name: "王五".into(),
                mobile: "13900000000".into(),
                qq_email: "87654321@QQ.com".into(),
            }],
        }
    }

    #[test]
    fn a_complete_follow_up_passes_and_each_gap_is_named() {
        assert!(complete().check().is_ok());
        let mut f = complete();
        f.leader_phone = "电话".into();
        f.staff_qq_email = "li@163.com".into();
        f.leads[0].mobile = "1234".into();
        f.leads[0].name = " ".into();
        let fields: Vec<String> = f.check().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["leader_phone", "staff_qq_email", "leads[0][name]", "leads[0][mobile]"]);
    }

    #[test]
    fn qq_mailboxes_and_phones() {
        assert!(validate_qq_email("e".into(), "10001@qq.com").is_ok());
        assert!(validate_qq_email("e".into(), "01234@qq.com").is_err(), "no leading zero");
        assert!(validate_qq_email("e".into(), "1234@qq.com").is_err(), "too short");
        assert!(validate_phone("p", "13800000000").is_ok());
        assert!(validate_phone("p", "0771-1234567").is_ok());
        assert!(validate_phone("p", "0771-12345").is_err(), "a local number has 7–8 digits");
        assert!(validate_phone("p", "123").is_err());
    }
}
