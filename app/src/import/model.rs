//! What an import did: every row saved, or nothing saved and every bad row listed.

use serde::{Deserialize, Serialize};

use crate::validate::FieldError;

/// The result of an import: either everything was saved, or nothing and every bad row is listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows_read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub errors: Vec<FieldError>,
}
