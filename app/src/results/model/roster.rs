//! A lead institution's roster (牵头院校): the pilot schools of its certificate with the contacts their
//! follow-up gave.

use serde::{Deserialize, Serialize};

use crate::catalog::model::Level;
use crate::followup::model::FollowUp;

/// One pilot school in a lead institution's roster, with the contacts its follow-up gave (None: not yet
/// submitted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterSchool {
    pub institution_id: i64,
    pub institution: String,
    pub levels: Vec<Level>,
    pub followup: Option<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    pub year: i64,
    pub certificate_id: i64,
    pub certificate: String,
    pub lead_institution: String,
    pub schools: Vec<RosterSchool>,
}

pub const ROSTER_HEADER: [&str; 14] = [
    "院校",
    "试点等级",
    "分管校领导",
    "职务",
    "电话",
    "教务处联系人",
    "职务",
    "手机",
    "QQ邮箱",
    "证书负责人",
    "手机",
    "QQ邮箱",
    "填报状态",
    "牵头院校",
];

impl Roster {
    /// The roster as rows of text (page export); the certificate's own lead contact is picked from each
    /// school's follow-up.
    pub fn rows(&self) -> Vec<Vec<String>> {
        self.schools
            .iter()
            .map(|s| {
                let levels = s.levels.iter().map(|l| l.label().zh).collect::<Vec<_>>().join("、");
                let is_lead = if s.institution == self.lead_institution { "是" } else { "" };
                match &s.followup {
                    Some(f) => {
                        let lead = lead_contact(f, &self.certificate);
                        vec![
                            s.institution.clone(),
                            levels,
                            f.leader_name.clone(),
                            f.leader_title.clone(),
                            f.leader_phone.clone(),
                            f.staff_name.clone(),
                            f.staff_title.clone(),
                            f.staff_mobile.clone(),
                            f.staff_qq_email.clone(),
                            lead.map(|l| l.name.clone()).unwrap_or_default(),
                            lead.map(|l| l.mobile.clone()).unwrap_or_default(),
                            lead.map(|l| l.qq_email.clone()).unwrap_or_default(),
                            "已填报".into(),
                            is_lead.into(),
                        ]
                    }
                    None => {
                        let mut row = vec![String::new(); ROSTER_HEADER.len()];
                        row[0] = s.institution.clone();
                        row[1] = levels;
                        row[12] = "未填报".into();
                        row[13] = is_lead.into();
                        row
                    }
                }
            })
            .collect()
    }
}

/// A school's follow-up contact for one certificate's lead.
pub fn lead_contact<'a>(f: &'a FollowUp, certificate: &str) -> Option<&'a crate::followup::model::LeadContact> {
    f.leads.iter().find(|l| l.certificate == certificate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roster_shows_submitted_contacts_and_marks_the_missing() {
        let followup = FollowUp {
            leader_name: "王校长".into(),
            staff_qq_email: "12345678@qq.com".into(),
            leads: vec![
                crate::followup::model::LeadContact {
                    certificate: "别的证书".into(),
                    name: "甲".into(),
                    ..Default::default()
                },
                crate::followup::model::LeadContact {
                    certificate: "证书1".into(),
                    name: "乙".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let roster = Roster {
            year: 2026,
            certificate_id: 1,
            certificate: "证书1".into(),
            lead_institution: "学校1".into(),
            schools: vec![
                RosterSchool {
                    institution_id: 1,
                    institution: "学校1".into(),
                    levels: vec![Level::Junior],
                    followup: Some(followup),
                },
                RosterSchool {
                    institution_id: 2,
                    institution: "学校2".into(),
                    levels: vec![Level::Junior, Level::Senior],
                    followup: None,
                },
            ],
        };
        let rows = roster.rows();
        assert_eq!(rows[0][2], "王校长");
        assert_eq!(rows[0][9], "乙", "the lead contact of this certificate, not another one");
        assert_eq!(rows[0][13], "是");
        assert_eq!(rows[1][1], "初级、高级");
        assert_eq!(rows[1][12], "未填报");
        assert!(rows.iter().all(|r| r.len() == ROSTER_HEADER.len()));
    }
}
