//! The declaration state machine of domain.md, in one place for the browser (which buttons to show) and the
//! server (what to allow). [`transition`] is the whole machine, one line per move; its test lists every
//! allowed move and refuses every other pair, so no separate diagram can drift from it.

use serde::{Deserialize, Serialize};

use crate::accounts::model::Role;
use crate::i18n::Text;

crate::codes::coded_enum! {
    pub enum Status {
        Draft = ("draft", "草稿", "Draft"),
        SchoolReview = ("school_review", "校内审核中", "School review"),
        PendingReview = ("pending_review", "待审核", "Awaiting review"),
        Returned = ("returned", "退回修改", "Returned for revision"),
        UnderReview = ("under_review", "专家评审中", "Under expert review"),
        Approved = ("approved", "已通过", "Approved"),
        Rejected = ("rejected", "未通过", "Rejected"),
    }
}

impl Status {
    /// Only drafts and returned declarations may be edited; everything else is locked.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// What someone does to a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// The lead (or the coordinator) sends a draft or a returned declaration to the school's review.
    Submit,
    /// The coordinator sends it back to the lead with a comment.
    ReturnToLead,
    /// The coordinator's final submission to the secretariat (in a batch).
    FinalSubmit,
    /// The secretariat returns it for revision, with a required reason, only while the window is open.
    ReturnForRevision,
    StartReview,
    Approve,
    Reject,
    /// The secretariat reopens an approved declaration, with a logged reason.
    Reopen,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Submit,
        Action::ReturnToLead,
        Action::FinalSubmit,
        Action::ReturnForRevision,
        Action::StartReview,
        Action::Approve,
        Action::Reject,
        Action::Reopen,
    ];

    /// Whether the action needs a comment (a reason the school will read).
    pub fn needs_comment(self) -> bool {
        matches!(self, Action::ReturnToLead | Action::ReturnForRevision | Action::Reject | Action::Reopen)
    }

    fn roles(self) -> &'static [Role] {
        match self {
            Action::Submit => &[Role::Lead, Role::Coordinator],
            Action::ReturnToLead | Action::FinalSubmit => &[Role::Coordinator],
            _ => &[Role::Secretariat],
        }
    }
}

/// Why a transition is refused, in words the person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    WrongRole,
    WrongState(Status),
    WindowClosed,
    CommentRequired,
}

impl Refusal {
    pub fn message(&self) -> Text {
        match self {
            Refusal::WrongRole => Text::new("您的角色不能进行此操作。", "Your role cannot do this."),
            Refusal::WrongState(s) => Text::new(
                &format!("申报书当前为“{}”，不能进行此操作。请刷新页面查看最新状态。", s.label().zh),
                &format!("The declaration is \"{}\" now; this is not possible. Reload to see its state.", s.label().en),
            ),
            Refusal::WindowClosed => Text::new(
                "申报时间已截止，秘书处不能再退回修改。",
                "The application window has closed; it can no longer be returned for revision.",
            ),
            Refusal::CommentRequired => Text::new("请填写原因或意见。", "Please give a reason or comment."),
        }
    }
}

/// The state after `action`, or why it is refused. `window_open` matters for returns for revision.
pub fn transition(
    from: Status,
    action: Action,
    role: Role,
    window_open: bool,
    comment: &str,
) -> Result<Status, Refusal> {
    if !action.roles().contains(&role) {
        return Err(Refusal::WrongRole);
    }
    let to = match (from, action) {
        (Status::Draft | Status::Returned, Action::Submit) => Status::SchoolReview,
        (Status::SchoolReview, Action::ReturnToLead) => Status::Draft,
        (Status::SchoolReview, Action::FinalSubmit) => Status::PendingReview,
        (Status::PendingReview, Action::ReturnForRevision) => Status::Returned,
        (Status::PendingReview, Action::StartReview) => Status::UnderReview,
        (Status::PendingReview | Status::UnderReview, Action::Approve) => Status::Approved,
        (Status::PendingReview | Status::UnderReview, Action::Reject) => Status::Rejected,
        (Status::Approved, Action::Reopen) => Status::UnderReview,
        _ => return Err(Refusal::WrongState(from)),
    };
    if action == Action::ReturnForRevision && !window_open {
        return Err(Refusal::WindowClosed);
    }
    if action.needs_comment() && comment.trim().is_empty() {
        return Err(Refusal::CommentRequired);
    }
    Ok(to)
}

/// The actions a role may take on a declaration in a state (the buttons the page shows).
pub fn available_actions(from: Status, role: Role, window_open: bool) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| transition(from, *a, role, window_open, "reason").is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every allowed (from, action) pair with its result; every other pair must be refused.
    const ALLOWED: [(Status, Action, Status); 11] = [
        (Status::Draft, Action::Submit, Status::SchoolReview),
        (Status::Returned, Action::Submit, Status::SchoolReview),
        (Status::SchoolReview, Action::ReturnToLead, Status::Draft),
        (Status::SchoolReview, Action::FinalSubmit, Status::PendingReview),
        (Status::PendingReview, Action::ReturnForRevision, Status::Returned),
        (Status::PendingReview, Action::StartReview, Status::UnderReview),
        (Status::PendingReview, Action::Approve, Status::Approved),
        (Status::PendingReview, Action::Reject, Status::Rejected),
        (Status::UnderReview, Action::Approve, Status::Approved),
        (Status::UnderReview, Action::Reject, Status::Rejected),
        (Status::Approved, Action::Reopen, Status::UnderReview),
    ];

    fn actor(action: Action) -> Role {
        action.roles()[0]
    }

    #[test]
    fn every_allowed_transition_and_every_refused_one() {
        for from in Status::ALL {
            for action in Action::ALL {
                let result = transition(from, action, actor(action), true, "原因");
                match ALLOWED.iter().find(|(f, a, _)| *f == from && *a == action) {
                    Some((_, _, to)) => assert_eq!(result, Ok(*to), "{from:?} {action:?}"),
                    None => assert_eq!(result, Err(Refusal::WrongState(from)), "{from:?} {action:?}"),
                }
            }
        }
    }

    #[test]
    fn each_action_belongs_to_its_roles() {
        let roles = [Role::Secretariat, Role::Coordinator, Role::Lead, Role::Expert, Role::Org];
        for (from, action, _) in ALLOWED {
            for role in roles {
                let ok = transition(from, action, role, true, "原因").is_ok();
                assert_eq!(ok, action.roles().contains(&role), "{role:?} {action:?}");
            }
        }
        // A lead cannot final-submit nor approve; an expert and an org do nothing here.
        assert_eq!(
            transition(Status::SchoolReview, Action::FinalSubmit, Role::Lead, true, ""),
            Err(Refusal::WrongRole)
        );
        assert_eq!(transition(Status::PendingReview, Action::Approve, Role::Expert, true, ""), Err(Refusal::WrongRole));
    }

    #[test]
    fn returns_need_an_open_window_and_a_reason() {
        let back = |open, comment| {
            transition(Status::PendingReview, Action::ReturnForRevision, Role::Secretariat, open, comment)
        };
        assert_eq!(back(false, "缺少照片"), Err(Refusal::WindowClosed));
        assert_eq!(back(true, "  "), Err(Refusal::CommentRequired));
        assert_eq!(back(true, "缺少照片"), Ok(Status::Returned));
        assert_eq!(
            transition(Status::Approved, Action::Reopen, Role::Secretariat, false, ""),
            Err(Refusal::CommentRequired)
        );
        assert_eq!(
            transition(Status::SchoolReview, Action::ReturnToLead, Role::Coordinator, false, ""),
            Err(Refusal::CommentRequired)
        );
    }

    #[test]
    fn only_drafts_and_returned_declarations_are_editable() {
        let editable: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_editable()).collect();
        assert_eq!(editable, [Status::Draft, Status::Returned]);
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn buttons_follow_the_rules() {
        assert_eq!(
            available_actions(Status::SchoolReview, Role::Coordinator, true),
            [Action::ReturnToLead, Action::FinalSubmit]
        );
        assert_eq!(available_actions(Status::Draft, Role::Lead, false), [Action::Submit]);
        assert_eq!(
            available_actions(Status::PendingReview, Role::Secretariat, false),
            [Action::StartReview, Action::Approve, Action::Reject]
        );
        assert!(available_actions(Status::Approved, Role::Lead, true).is_empty());
    }
}
