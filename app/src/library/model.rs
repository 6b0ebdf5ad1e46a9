//! Library types shared by server functions and the browser.

use serde::{Deserialize, Serialize};

use crate::accounts::model::Role;
use crate::i18n::Text;
use crate::validate::{collect, validate_required, validate_url, FieldError};

/// National (国家) or regional (自治区) documents.
pub const SCOPES: [(&str, &str, &str); 2] =
    [("national", "国家有关文件", "National"), ("regional", "自治区有关文件", "Regional")];

pub fn scope_label(code: &str) -> Text {
    SCOPES.iter().find(|s| s.0 == code).map(|s| Text::new(s.1, s.2)).unwrap_or_else(|| Text::new(code, code))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub id: i64,
    pub scope: String,
    pub seq: i64,
    pub title: String,
    pub doc_number: String,
    /// Empty when the document has no public link.
    pub url: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PolicyInput {
    pub scope: String,
    pub title: String,
    pub doc_number: String,
    pub url: String,
}

impl PolicyInput {
    pub fn normalized(self) -> Self {
        PolicyInput {
            scope: self.scope.trim().to_string(),
            title: self.title.trim().to_string(),
            doc_number: self.doc_number.trim().to_string(),
            url: self.url.trim().to_string(),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        collect([
            if SCOPES.iter().any(|s| s.0 == self.scope) {
                Ok(())
            } else {
                Err(FieldError::new("scope", "请选择国家或自治区文件。", "Choose national or regional."))
            },
            validate_required("title", Text::new("文件标题", "the title"), &self.title, 200),
            if self.doc_number.chars().count() > 60 {
                Err(FieldError::new("doc_number", "文号不能超过60个字。", "The document number is too long."))
            } else {
                Ok(())
            },
            if self.url.is_empty() { Ok(()) } else { validate_url("url", &self.url) },
        ])
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// Empty for everyone, else the code of the one role it is for.
    pub audience: String,
    pub pinned: bool,
    pub links: Vec<String>,
    pub published_at: i64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NoticeInput {
    pub title: String,
    pub body: String,
    pub audience: String,
    pub pinned: bool,
    /// One URL per line.
    pub links: String,
}

impl NoticeInput {
    pub fn link_list(&self) -> Vec<String> {
        self.links.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = vec![
            validate_required("title", Text::new("标题", "the title"), &self.title, 100),
            // Long enough for a published results notice, which lists every pilot school of the year.
            validate_required("body", Text::new("正文", "the text"), &self.body, 20000),
            if self.audience.is_empty() || Role::from_code(&self.audience).is_some() {
                Ok(())
            } else {
                Err(FieldError::new("audience", "请选择发布对象。", "Choose who the notice is for."))
            },
        ];
        checks.extend(self.link_list().iter().map(|l| validate_url("links", l)));
        collect(checks)
    }
}

/// Whether a notice is shown to a reader of this role (None: not logged in).
pub fn notice_visible_to(audience: &str, role: Option<Role>) -> bool {
    audience.is_empty() || role == Some(Role::Secretariat) || role.is_some_and(|r| r.code() == audience)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    pub id: i64,
    pub seq: i64,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContactCard {
    pub phone: String,
    pub email: String,
    pub address: String,
    pub website: String,
}

impl ContactCard {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        collect([
            validate_required("phone", Text::new("电话", "the phone number"), &self.phone, 40),
            crate::validate::validate_email("email", self.email.trim()),
            if self.website.trim().is_empty() { Ok(()) } else { validate_url("website", self.website.trim()) },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_without_a_link_is_valid_but_a_bad_link_is_not() {
        let input = PolicyInput { scope: "national".into(), title: "某文件".into(), ..Default::default() };
        assert_eq!(input.validate(), Ok(()));
        let bad = PolicyInput { url: "www.moe.gov.cn".into(), ..input };
        assert_eq!(bad.validate().unwrap_err()[0].field, "url");
    }

    #[test]
    fn notice_links_are_checked_one_by_one() {
        let input = NoticeInput {
            title: "2026年申报通知".into(),
            body: "正文".into(),
            links: "https://a.cn/x\n\n  not-a-link ".into(),
            ..Default::default()
        };
        assert_eq!(input.link_list().len(), 2);
        assert_eq!(input.validate().unwrap_err().len(), 1);
    }

    #[test]
    fn a_notice_for_one_role_is_hidden_from_the_others() {
        assert!(notice_visible_to("", None));
        assert!(notice_visible_to("lead", Some(Role::Lead)));
        assert!(!notice_visible_to("lead", Some(Role::Coordinator)));
        assert!(!notice_visible_to("lead", None));
        assert!(notice_visible_to("lead", Some(Role::Secretariat)));
    }
}
