//! Institution registry types (院校总库) shared by server functions and the browser.

use serde::{Deserialize, Serialize};

use crate::accounts::model::validate_username;
use crate::i18n::Text;
use crate::validate::{
    collect, validate_credit_code, validate_email, validate_mobile, validate_required, validate_school_code,
    validate_url, FieldError,
};

/// Guangxi's 14 prefecture-level cities (zh, en).
pub const CITIES: [(&str, &str); 14] = [
    ("南宁市", "Nanning"),
    ("柳州市", "Liuzhou"),
    ("桂林市", "Guilin"),
    ("梧州市", "Wuzhou"),
    ("北海市", "Beihai"),
    ("防城港市", "Fangchenggang"),
    ("钦州市", "Qinzhou"),
    ("贵港市", "Guigang"),
    ("玉林市", "Yulin"),
    ("百色市", "Baise"),
    ("贺州市", "Hezhou"),
    ("河池市", "Hechi"),
    ("来宾市", "Laibin"),
    ("崇左市", "Chongzuo"),
];

/// Institution types (code, zh, en). The code is what is stored.
pub const KINDS: [(&str, &str, &str); 4] = [
    ("undergraduate", "本科院校", "Undergraduate university"),
    ("higher_vocational", "高职(专科)院校", "Higher vocational college"),
    ("secondary_vocational", "中职学校", "Secondary vocational school"),
    ("technician", "技工院校", "Technician school"),
];

pub fn kind_label(code: &str) -> Text {
    KINDS.iter().find(|k| k.0 == code).map(|k| Text::new(k.1, k.2)).unwrap_or_else(|| Text::new(code, code))
}

pub fn city_label(zh: &str) -> Text {
    CITIES.iter().find(|c| c.0 == zh).map(|c| Text::new(c.0, c.1)).unwrap_or_else(|| Text::new(zh, zh))
}

/// Accepts a kind by code or by its Chinese or English label (imports use labels).
pub fn parse_kind(value: &str) -> Option<&'static str> {
    let v = value.trim();
    KINDS.iter().find(|k| k.0 == v || k.1 == v || k.2.eq_ignore_ascii_case(v)).map(|k| k.0)
}

/// Accepts a city with or without the 市 suffix, or by its English name.
pub fn parse_city(value: &str) -> Option<&'static str> {
    let v = value.trim();
    CITIES.iter().find(|c| c.0 == v || c.0.trim_end_matches('市') == v || c.1.eq_ignore_ascii_case(v)).map(|c| c.0)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Institution {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub credit_code: String,
    pub school_code: String,
    pub website: String,
    pub address: String,
    pub contact_name: String,
    pub contact_mobile: String,
    pub contact_email: String,
    pub is_demo: bool,
    /// Whether an active or pending coordinator account exists for it.
    pub has_coordinator: bool,
}

/// The registry fields the secretariat edits (and imports row by row).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InstitutionInput {
    pub name: String,
    pub kind: String,
    pub city: String,
    pub credit_code: String,
    pub school_code: String,
    pub website: String,
    pub address: String,
}

impl InstitutionInput {
    /// Trims every field and upper-cases the credit code, so what is checked is what is stored.
    pub fn normalized(mut self) -> Self {
        for field in [
            &mut self.name,
            &mut self.kind,
            &mut self.city,
            &mut self.school_code,
            &mut self.website,
            &mut self.address,
        ] {
            *field = field.trim().to_string();
        }
        self.credit_code = crate::validate::normalize_credit_code(&self.credit_code);
        self.school_code = crate::validate::normalize_school_code(&self.school_code);
        self
    }

    /// Errors block saving; the Ok value lists warnings to show (school code outside Guangxi).
    pub fn validate(&self) -> Result<Vec<Text>, Vec<FieldError>> {
        let mut warnings = Vec::new();
        let school_code = match validate_school_code(&self.school_code) {
            Ok(warning) => {
                warnings.extend(warning);
                Ok(())
            }
            Err(e) => Err(e),
        };
        collect([
            validate_required("name", Text::new("院校名称", "the institution name"), &self.name, 80),
            match parse_kind(&self.kind) {
                Some(_) => Ok(()),
                None => Err(FieldError::new(
                    "kind",
                    "请选择院校类型：本科院校、高职(专科)院校、中职学校或技工院校。",
                    "Choose the type: undergraduate, higher vocational, secondary vocational or technician school.",
                )),
            },
            match parse_city(&self.city) {
                Some(_) => Ok(()),
                None => Err(FieldError::new(
                    "city",
                    "请选择广西14个地级市之一，例如 南宁市。",
                    "Choose one of Guangxi's 14 cities, e.g. Nanning.",
                )),
            },
            validate_credit_code(&self.credit_code),
            school_code,
            if self.website.is_empty() { Ok(()) } else { validate_url("website", &self.website) },
            validate_required("address", Text::new("详细地址", "the address"), &self.address, 200),
        ])?;
        Ok(warnings)
    }
}

/// The contact profile a coordinator gives when registering (and keeps up to date).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContactInput {
    pub contact_name: String,
    pub contact_mobile: String,
    pub contact_email: String,
}

impl ContactInput {
    /// The input with the mobile number in its normal form, as it is stored.
    pub fn tidied(contact_name: String, contact_mobile: String, contact_email: String) -> ContactInput {
        ContactInput { contact_name, contact_mobile: crate::validate::tidy_phone(&contact_mobile), contact_email }
    }

    pub fn validate(&self) -> Vec<Result<(), FieldError>> {
        vec![
            validate_required("contact_name", Text::new("联系人姓名", "the contact name"), &self.contact_name, 40),
            validate_mobile("contact_mobile", self.contact_mobile.trim()),
            validate_email("contact_email", self.contact_email.trim()),
        ]
    }
}

/// A school registering its coordinator account (校级总账号) for a registry entry.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RegistrationInput {
    pub institution_id: i64,
    pub username: String,
    pub password: String,
    pub confirm_password: String,
    pub contact: ContactInput,
}

impl RegistrationInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = vec![
            validate_username(&self.username),
            crate::accounts::model::validate_new_password(&self.password, &self.confirm_password),
        ];
        checks.extend(self.contact.validate());
        collect(checks)
    }
}

/// A school not found in the registry asks the secretariat to add it (seed FAQ 2).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AdditionRequestInput {
    pub name: String,
    pub city: String,
    pub note: String,
    pub contact: ContactInput,
}

impl AdditionRequestInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = vec![
            validate_required("name", Text::new("院校名称", "the institution name"), &self.name, 80),
            match parse_city(&self.city) {
                Some(_) => Ok(()),
                None => Err(FieldError::new("city", "请选择所在地级市。", "Choose the city.")),
            },
        ];
        checks.extend(self.contact.validate());
        collect(checks)
    }
}

/// A registry search hit shown to an unregistered school: no private data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryHit {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub registered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct College {
    pub id: i64,
    pub institution_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdditionRequest {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub note: String,
    pub contact_name: String,
    pub contact_mobile: String,
    pub contact_email: String,
    pub created_at: i64,
}

/// A coordinator registration waiting for activation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingRegistration {
    pub account_id: i64,
    pub username: String,
    pub institution_id: i64,
    pub institution_name: String,
    pub contact_name: String,
    pub contact_mobile: String,
    pub contact_email: String,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> InstitutionInput {
        InstitutionInput {
            name: "广西示范职业技术学院".into(),
            kind: "高职(专科)院校".into(),
            city: "南宁".into(),
            credit_code: "91350100m000100y43".into(),
            school_code: "4145012345".into(),
            website: "https://www.example.edu.cn".into(),
            address: "南宁市示范路1号".into(),
        }
        .normalized()
    }

    #[test]
    fn a_complete_institution_validates_without_warnings() {
        assert_eq!(valid().validate(), Ok(vec![]));
    }

    #[test]
    fn labels_and_short_city_names_are_accepted() {
        assert_eq!(parse_kind("中职学校"), Some("secondary_vocational"));
        assert_eq!(parse_city("柳州"), Some("柳州市"));
        assert_eq!(parse_city("Baise"), Some("百色市"));
        assert_eq!(parse_city("广州市"), None);
    }

    #[test]
    fn a_school_code_outside_guangxi_is_a_warning_not_an_error() {
        let input = InstitutionInput { school_code: "4144012345".into(), ..valid() };
        assert_eq!(input.validate().unwrap().len(), 1);
    }

    #[test]
    fn every_bad_field_is_reported_by_name() {
        let input = InstitutionInput::default();
        let fields: Vec<String> = input.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "kind", "city", "credit_code", "school_code", "address"]);
    }
}
