//! Account types shared by server functions and the browser.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::validate::{collect, validate_mobile, validate_required, FieldError};

crate::codes::coded_enum! {
    /// The five roles of domain.md; one account holds one role.
    pub enum Role {
        Secretariat = ("secretariat", "秘书处", "Secretariat"),
        Expert = ("expert", "评审专家", "Expert"),
        Org = ("org", "培训评价组织", "Training evaluation organization"),
        Coordinator = ("coordinator", "校级总账号", "School coordinator"),
        Lead = ("lead", "证书负责人", "Certificate lead"),
    }
}

impl Role {
    /// Roles that belong to a school and see only that school's data.
    pub fn is_school_role(self) -> bool {
        matches!(self, Role::Coordinator | Role::Lead)
    }
}

crate::codes::coded_enum! {
    pub enum AccountStatus {
        Pending = ("pending", "待激活", "Pending activation"),
        Active = ("active", "正常", "Active"),
        Disabled = ("disabled", "已停用", "Disabled"),
    }
}

/// An account as stored (server side), its role and status decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub institution_id: Option<i64>,
    pub status: AccountStatus,
    pub must_change_password: bool,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub is_demo: bool,
    /// For org accounts: the training evaluation organization they speak for.
    pub organization_id: Option<i64>,
}

/// A new account as services create it.
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub institution_id: Option<i64>,
    pub status: AccountStatus,
    pub must_change_password: bool,
    pub mobile: Option<&'a str>,
    pub email: Option<&'a str>,
    pub is_demo: bool,
    pub created_by: Option<i64>,
}

/// The logged-in user as the UI sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    pub must_change_password: bool,
}

/// One row of an account list (secretariat staff list, a coordinator's sub-accounts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub status: AccountStatus,
    pub institution_name: Option<String>,
    pub mobile: Option<String>,
    /// For leads: the colleges in their scope.
    pub scope_colleges: Vec<ScopeCollege>,
    /// For leads: the certificates they are limited to within their colleges (empty: all certificates).
    pub scope_certificates: Vec<(i64, String)>,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeCollege {
    pub id: i64,
    pub name: String,
}

/// A password shown once, after creation or reset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub account_id: i64,
    pub username: String,
    pub password: String,
}

pub const MIN_PASSWORD_CHARS: usize = 8;

/// A new password must be long enough and mix letters and digits.
pub fn validate_new_password(password: &str, confirm: &str) -> Result<(), FieldError> {
    let long_enough = password.chars().count() >= MIN_PASSWORD_CHARS;
    let has_letter = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(long_enough && has_letter && has_digit) {
        return Err(FieldError::new(
            "new_password",
            "新密码至少8位，并同时包含字母和数字。",
            "The new password needs at least 8 characters with both letters and digits.",
        ));
    }
    if password != confirm {
        return Err(FieldError::new(
            "confirm_password",
            "两次输入的新密码不一致，请重新输入。",
            "The two new passwords differ; type them again.",
        ));
    }
    Ok(())
}

/// A username: 3–32 letters, digits, `_`, `-` or `.` (typed on phones, so no spaces).
pub fn validate_username(username: &str) -> Result<(), FieldError> {
    let len = username.chars().count();
    let ok = (3..=32).contains(&len) && username.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "username",
            "用户名为3–32位字母、数字、下划线、短横线或点，例如 gxzy_jwc。",
            "A username has 3–32 letters, digits, '_', '-' or '.', e.g. gxzy_jwc.",
        ))
    }
}

/// What a coordinator enters to create a certificate lead's sub-account.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LeadInput {
    pub username: String,
    pub display_name: String,
    pub mobile: String,
    pub college_ids: Vec<i64>,
}

impl LeadInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        collect([
            validate_username(&self.username),
            validate_required("display_name", Text::new("姓名", "the name"), &self.display_name, 40),
            validate_mobile("mobile", &self.mobile),
            if self.college_ids.is_empty() {
                Err(FieldError::new(
                    "college_ids",
                    "请至少选择一个二级学院/系部作为负责范围。",
                    "Choose at least one college as the lead's scope.",
                ))
            } else {
                Ok(())
            },
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn new_password_needs_letters_digits_and_length() {
        assert!(validate_new_password("abc12345", "abc12345").is_ok());
        assert!(validate_new_password("abcdefgh", "abcdefgh").is_err());
        assert!(validate_new_password("12345678", "12345678").is_err());
        assert!(validate_new_password("ab12", "ab12").is_err());
        assert_eq!(validate_new_password("abc12345", "abc12346").unwrap_err().field, "confirm_password");
    }

    #[test]
    fn lead_input_reports_every_wrong_field() {
        let errors =
            LeadInput { username: "a b".into(), display_name: "".into(), mobile: "123".into(), college_ids: vec![] }
                .validate()
                .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "display_name", "mobile", "college_ids"]);
    }
}
