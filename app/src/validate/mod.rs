//! Field validators shared by the browser and the server: the same code checks a form as it is typed
//! and again when the server receives it. Each error names the field, says what is wrong and how to fix it.

mod contact;
pub mod credit_code;
pub mod ime;
mod phone;
mod school_code;

pub use contact::{validate_email, validate_url};
pub use credit_code::{normalize as normalize_credit_code, validate_credit_code};
pub use phone::{normal_mobile, normal_phone, tidy_phone, validate_mobile, validate_phone};
pub use school_code::{normalize as normalize_school_code, validate_school_code};

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// A problem with one named form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Text,
}

impl FieldError {
    pub fn new(field: &'static str, zh: &str, en: &str) -> Self {
        Self::new_owned(field.to_string(), zh, en)
    }

    pub fn new_owned(field: String, zh: &str, en: &str) -> Self {
        FieldError { field, message: Text::new(zh, en) }
    }
}

/// Checks that a required text field is filled and not too long.
pub fn validate_required(field: &'static str, label: Text, value: &str, max_chars: usize) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, &format!("请填写{}。", label.zh), &format!("Please fill in {}.", label.en)));
    }
    if value.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            &format!("{}不能超过{}个字。", label.zh, max_chars),
            &format!("{} may have at most {} characters.", label.en, max_chars),
        ));
    }
    Ok(())
}

/// Collects the errors of several checks into one list (empty means valid).
pub fn collect(checks: impl IntoIterator<Item = Result<(), FieldError>>) -> Result<(), Vec<FieldError>> {
    let errors: Vec<FieldError> = checks.into_iter().filter_map(Result::err).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
