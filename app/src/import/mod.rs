//! Imports from spreadsheets: reading an uploaded .xlsx or CSV, the upload routes of the registry and the
//! major catalog (all rows or none, in one transaction), and the report of what an import did.
//! Owns table `import_reports`; endpoints `POST /api/institutions/import`, `POST /api/majors/import`,
//! `/api/institutions/import-report`; page `/registry/imports/:id` and `/majors/imports/:id`.

pub mod api;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod route;
#[cfg(feature = "ssr")]
pub mod service;
