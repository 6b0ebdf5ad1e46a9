//! The year's results (seed 二(三)): for each certificate, the pilot schools approved per level and the lead
//! institution (牵头院校) the secretariat named among them. Built here from plain rows so that the page, the
//! notice and the exports say the same thing, and so that it can be tested without a database.

mod roster;

use serde::{Deserialize, Serialize};

use crate::catalog::model::Level;
pub use roster::{lead_contact, Roster, RosterSchool, ROSTER_HEADER};

/// One approved declaration, as the results need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub institution_id: i64,
    pub institution: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelResult {
    pub level: Level,
    /// School names, each once, in name order.
    pub schools: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateResult {
    pub certificate_id: i64,
    pub certificate: String,
    /// The approved schools of any level, each once: the choices for the lead institution.
    pub schools: Vec<(i64, String)>,
    pub levels: Vec<LevelResult>,
    /// The named lead institution, if any.
    pub lead: Option<(i64, String)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultTotals {
    pub certificates: usize,
    pub certificate_levels: usize,
    pub schools: usize,
    /// Approved (certificate, level, school) pilots.
    pub pilots: usize,
}

/// Groups the approved declarations by certificate (in name order) and level, with each certificate's lead.
/// A school with two declarations of one certificate level (two colleges) is one pilot unit there.
/// `leads` are (certificate id, institution id); a lead that is not among the approved schools is ignored.
pub fn build(approved: &[Approved], leads: &[(i64, i64)]) -> Vec<CertificateResult> {
    let mut sorted: Vec<&Approved> = approved.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.certificate, a.certificate_id, &a.institution).cmp(&(&b.certificate, b.certificate_id, &b.institution))
    });
    let mut out: Vec<CertificateResult> = Vec::new();
    for a in sorted {
        if out.last().is_none_or(|c| c.certificate_id != a.certificate_id) {
            out.push(CertificateResult {
                certificate_id: a.certificate_id,
                certificate: a.certificate.clone(),
                schools: Vec::new(),
                levels: Vec::new(),
                lead: None,
            });
        }
        let Some(cert) = out.last_mut() else { continue };
        if !cert.schools.iter().any(|(id, _)| *id == a.institution_id) {
            cert.schools.push((a.institution_id, a.institution.clone()));
        }
        match cert.levels.iter_mut().find(|l| l.level == a.level) {
            Some(level) if !level.schools.contains(&a.institution) => level.schools.push(a.institution.clone()),
            Some(_) => {}
            None => cert.levels.push(LevelResult { level: a.level, schools: vec![a.institution.clone()] }),
        }
    }
    for cert in &mut out {
        cert.levels.sort_by_key(|l| Level::ALL.iter().position(|x| *x == l.level));
        cert.lead = leads
            .iter()
            .find(|(c, _)| *c == cert.certificate_id)
            .and_then(|(_, school)| cert.schools.iter().find(|(id, _)| id == school).cloned());
    }
    out
}

pub fn totals(results: &[CertificateResult]) -> ResultTotals {
    let mut schools: Vec<i64> = results.iter().flat_map(|c| c.schools.iter().map(|(id, _)| *id)).collect();
    schools.sort_unstable();
    schools.dedup();
    ResultTotals {
        certificates: results.len(),
        certificate_levels: results.iter().map(|c| c.levels.len()).sum(),
        schools: schools.len(),
        pilots: results.iter().flat_map(|c| &c.levels).map(|l| l.schools.len()).sum(),
    }
}

/// The certificates that have approved schools but no lead institution yet (publishing needs all of them).
pub fn without_lead(results: &[CertificateResult]) -> Vec<String> {
    results.iter().filter(|c| c.lead.is_none()).map(|c| c.certificate.clone()).collect()
}

pub const TABLE_HEADER: [&str; 5] = ["证书", "等级", "试点院校", "院校数", "牵头院校"];

/// The results as rows of text: one per certificate level (the notice, the page and the exports).
pub fn table_rows(results: &[CertificateResult]) -> Vec<Vec<String>> {
    results
        .iter()
        .flat_map(|c| {
            let lead = c.lead.as_ref().map(|(_, name)| name.clone()).unwrap_or_default();
            c.levels.iter().map(move |l| {
                vec![
                    c.certificate.clone(),
                    l.level.label().zh,
                    l.schools.join("、"),
                    l.schools.len().to_string(),
                    lead.clone(),
                ]
            })
        })
        .collect()
}

/// The text of the results notice, in Chinese as official notices are.
pub fn notice_body(year: i64, results: &[CertificateResult]) -> String {
    let t = totals(results);
    let mut body = format!(
        "经院校申报、学校审核、专家评审和秘书处统一审批，{year}年度广西1+X证书制度试点结果如下：\
         共{}个证书、{}个证书等级，{}所院校，{}个试点。各证书的牵头院校负责组织本证书试点院校工作群，\
         请各试点院校在“试点工作机构”页填报工作机构及联系人。\n",
        t.certificates, t.certificate_levels, t.schools, t.pilots
    );
    for (n, c) in results.iter().enumerate() {
        let lead = c.lead.as_ref().map(|(_, name)| name.as_str()).unwrap_or("未指定");
        body.push_str(&format!("\n{}. {}（牵头院校：{lead}）\n", n + 1, c.certificate));
        for l in &c.levels {
            body.push_str(&format!("  {}（{}所）：{}\n", l.level.label().zh, l.schools.len(), l.schools.join("、")));
        }
    }
    body.push_str("\n完整名单可在“试点结果”页查看并下载 Excel 或 CSV 表格。");
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approved(cert: i64, level: Level, school: i64) -> Approved {
        Approved {
            certificate_id: cert,
            certificate: format!("证书{cert}"),
            level,
            institution_id: school,
            institution: format!("学校{school}"),
        }
    }

    #[test]
    fn results_group_by_certificate_and_level_and_count_each_school_once() {
        let rows = [
            approved(2, Level::Intermediate, 1),
            approved(1, Level::Intermediate, 2),
            approved(1, Level::Junior, 1),
            approved(1, Level::Junior, 2),
            // A second college of school 1 with the same certificate level: still one pilot unit.
            approved(1, Level::Junior, 1),
        ];
        let results = build(&rows, &[(1, 2), (2, 9)]);
        assert_eq!(results.len(), 2);
        let first = &results[0];
        assert_eq!(first.certificate, "证书1");
        assert_eq!(first.levels.iter().map(|l| l.level).collect::<Vec<_>>(), vec![Level::Junior, Level::Intermediate]);
        assert_eq!(first.levels[0].schools, vec!["学校1".to_string(), "学校2".to_string()]);
        assert_eq!(first.lead, Some((2, "学校2".into())));
        assert_eq!(results[1].lead, None, "a lead that is not an approved school of the certificate is ignored");
        assert_eq!(without_lead(&results), vec!["证书2".to_string()]);
        assert_eq!(totals(&results), ResultTotals { certificates: 2, certificate_levels: 3, schools: 2, pilots: 4 });
    }

    #[test]
    fn the_table_and_the_notice_name_every_pilot_and_lead() {
        let results = build(&[approved(1, Level::Junior, 1), approved(1, Level::Senior, 2)], &[(1, 1)]);
        let rows = table_rows(&results);
        assert_eq!(rows[0], vec!["证书1", "初级", "学校1", "1", "学校1"]);
        assert_eq!(rows[1], vec!["证书1", "高级", "学校2", "1", "学校1"]);
        let body = notice_body(2026, &results);
        assert!(body.contains("共1个证书、2个证书等级，2所院校，2个试点"), "{body}");
        assert!(body.contains("1. 证书1（牵头院校：学校1）"), "{body}");
        assert!(body.contains("高级（1所）：学校2"), "{body}");
    }
}
