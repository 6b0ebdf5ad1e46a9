//! `/api/offline/paths`: the pages a person should be able to read offline — the policy library, notices,
//! FAQ, the certificates list, their inbox, and (for schools) their declarations with the certificates those
//! are for. The browser asks the service worker to keep a copy of each (see `public/sw-register.js`).

use leptos::prelude::*;

use crate::error::AppError;

/// At most this many declarations are kept (the most recently changed).
#[cfg(feature = "ssr")]
const MAX_DECLARATIONS: usize = 50;

#[server(prefix = "/api", endpoint = "offline/paths")]
pub async fn offline_paths() -> Result<Vec<String>, AppError> {
    crate::forms::run_read(async |conn| {
        use crate::declarations::service;
        let caller = crate::auth::guard::require_login().await?;
        let mut paths: Vec<String> =
            ["/", "/library", "/notices", "/faq", "/certificates", "/inbox"].map(String::from).to_vec();
        if caller.role.is_school_role() {
            let year = crate::windows::service::current_year();
            let mut rows: Vec<_> = service::records(conn, year, Some(caller.school_id()?))
                .await?
                .into_iter()
                .filter(|r| service::can_read(&caller, r))
                .collect();
            rows.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
            rows.truncate(MAX_DECLARATIONS);
            paths.push("/declarations".into());
            let mut certificates: Vec<i64> = rows.iter().map(|r| r.certificate_id).collect();
            certificates.sort_unstable();
            certificates.dedup();
            paths.extend(rows.iter().map(|r| format!("/declarations/{}", r.id)));
            paths.extend(certificates.into_iter().map(|c| format!("/certificates/{c}")));
        }
        Ok(paths)
    })
    .await
}
