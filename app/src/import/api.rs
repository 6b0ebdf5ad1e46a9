//! Import server functions (the endpoint keeps its registry path, which pages already call).

use leptos::prelude::*;

use super::model::ImportReport;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {crate::accounts::model::Role, crate::auth::guard, crate::forms::run};

/// Secretariat: an import's report, by the id the upload redirected to.
#[server(prefix = "/api", endpoint = "institutions/import-report")]
pub async fn get_import_report(id: i64) -> Result<ImportReport, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        super::service::report(tx, id, caller.id).await
    })
    .await
}
