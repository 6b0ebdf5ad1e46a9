//! The shared validators in the shape the live form fields use.

use crate::i18n::Text;
use crate::validate::{self, FieldError};

pub fn credit_code(v: &str) -> Result<Option<Text>, FieldError> {
    validate::validate_credit_code(&validate::normalize_credit_code(v)).map(|_| None)
}

pub fn school_code(v: &str) -> Result<Option<Text>, FieldError> {
    validate::validate_school_code(v)
}

pub fn mobile(v: &str) -> Result<Option<Text>, FieldError> {
    validate::validate_mobile("contact_mobile", v).map(|_| None)
}

pub fn email(v: &str) -> Result<Option<Text>, FieldError> {
    validate::validate_email("contact_email", v).map(|_| None)
}

pub fn website(v: &str) -> Result<Option<Text>, FieldError> {
    validate::validate_url("website", v).map(|_| None)
}

pub fn username(v: &str) -> Result<Option<Text>, FieldError> {
    crate::accounts::model::validate_username(v).map(|_| None)
}
