//! `/api/home`: everything a role's home shows, in one call, so the page has a single resource.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::model::{CurrentUser, ScopeCollege};
use crate::catalog::model::MajorRequest;
use crate::error::AppError;
use crate::library::model::Notice;
#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Role, crate::auth::guard, crate::catalog::model::RequestStatus, crate::forms::run_read,
    crate::library::model::notice_visible_to,
};

/// The role-specific part of a home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HomePanel {
    Welcome,
    Secretariat {
        registrations: usize,
        requests: usize,
        institutions: usize,
        registered: usize,
    },
    Coordinator {
        leads: usize,
        requests: Vec<MajorRequest>,
    },
    Lead {
        scope: Vec<ScopeCollege>,
        requests: Vec<MajorRequest>,
    },
    /// An organization answers the schools' requests to add majors.
    Org {
        requests: Vec<MajorRequest>,
    },
    Staff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub user: Option<CurrentUser>,
    pub panel: HomePanel,
    pub notices: Vec<Notice>,
    /// This year's application window, for everyone.
    pub window: crate::windows::api::WindowStatus,
    /// Unread inbox messages of the logged-in user.
    pub unread: i64,
}

#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home() -> Result<Home, AppError> {
    run_read(async |tx| {
        let caller = guard::current_caller().await?;
        let role = caller.as_ref().map(|c| c.role);
        let notices = crate::library::service::notices(tx, 50).await?;
        let notices = notices.into_iter().filter(|n| notice_visible_to(&n.audience, role)).take(3).collect();
        let window = crate::windows::service::current_status(tx).await?;
        let Some(caller) = caller else {
            return Ok(Home { user: None, panel: HomePanel::Welcome, notices, window, unread: 0 });
        };
        let user = crate::accounts::service::current_user(tx, &caller).await?;
        let panel = match caller.role {
            _ if caller.must_change_password => HomePanel::Staff,
            Role::Secretariat => {
                let counts = crate::institutions::service::registry_counts(tx).await?;
                HomePanel::Secretariat {
                    registrations: counts.registrations,
                    requests: counts.requests,
                    registered: counts.registered,
                    institutions: counts.institutions,
                }
            }
            Role::Coordinator => {
                let accounts = crate::accounts::service::accounts_of(tx, Some(caller.school_id()?)).await?;
                HomePanel::Coordinator {
                    leads: accounts.iter().filter(|a| a.role == Role::Lead).count(),
                    requests: crate::catalog::service::major_requests(tx, &caller).await?,
                }
            }
            Role::Lead => HomePanel::Lead {
                scope: crate::accounts::service::lead_scope(tx, &caller).await?,
                requests: crate::catalog::service::major_requests(tx, &caller).await?,
            },
            Role::Org if caller.organization_id.is_some() => {
                let requests = crate::catalog::service::major_requests(tx, &caller).await?;
                HomePanel::Org { requests: requests.into_iter().filter(|r| r.status == RequestStatus::Open).collect() }
            }
            Role::Expert | Role::Org => HomePanel::Staff,
        };
        let unread = crate::notifications::service::unread(tx, caller.id).await?;
        Ok(Home { user: Some(user), panel, notices, window, unread })
    })
    .await
}
