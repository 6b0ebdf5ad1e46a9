//! What a declaration holds: the lead's content, the leader's approval of a flagged number, and the id an
//! outbox save carries.

use serde::{Deserialize, Serialize};

use crate::catalog::equipment::AssessmentLine;
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

/// The school leader's recorded approval of a flagged declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderApproval {
    pub name: String,
    pub title: String,
    /// "YYYY-MM-DD".
    pub date: String,
    pub note: String,
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
}
