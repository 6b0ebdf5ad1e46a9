//! What other features read of the catalog (server only): a certificate and its organization, an
//! offering's eligible majors, a school's equipment self-assessment, the open offerings, the majors and
//! their categories, and the major import. These do not check a caller: the calling service has.

use super::model::{CertificateDetail, Level, Major, MajorRequest, OfferingAssessment};
use super::repo;
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::error::AppError;

pub use super::majors::import_file as import_majors;

pub async fn certificate(conn: &mut Conn, id: i64) -> Result<CertificateDetail, AppError> {
    repo::get_certificate(conn, id).await
}

/// The organization a certificate belongs to (NotFound for an unknown certificate).
pub async fn certificate_organization(conn: &mut Conn, certificate_id: i64) -> Result<i64, AppError> {
    repo::certificate_organization(conn, certificate_id).await
}

/// Every certificate's id and name.
pub async fn certificate_names(conn: &mut Conn) -> Result<Vec<(i64, String)>, AppError> {
    repo::organizations::certificate_names(conn).await
}

/// The major codes a certificate level accepts in `year`.
pub async fn eligible_codes(
    conn: &mut Conn,
    certificate: i64,
    year: i64,
    level: Level,
) -> Result<Vec<String>, AppError> {
    repo::eligible_codes(conn, certificate, year, level).await
}

/// The catalog's majors with these codes, and the codes it does not know.
pub async fn majors_by_code(conn: &mut Conn, codes: &[String]) -> Result<(Vec<Major>, Vec<String>), AppError> {
    repo::majors_by_code(conn, codes).await
}

/// The major requests a caller answers (an organization: those for its certificates) or made (a school).
pub async fn major_requests(conn: &mut Conn, caller: &Caller) -> Result<Vec<MajorRequest>, AppError> {
    let of = match caller.role {
        Role::Org => repo::requests::RequestsOf::Organization(caller.organization_id.ok_or(AppError::Forbidden)?),
        Role::Coordinator | Role::Lead => repo::requests::RequestsOf::School(caller.school_id()?),
        _ => return Err(AppError::Forbidden),
    };
    repo::requests::list_requests(conn, of).await
}

/// The catalog's major categories (专业大类 and, for bachelor majors, 学科门类).
pub async fn major_categories(conn: &mut Conn) -> Result<Vec<String>, AppError> {
    repo::major_categories(conn).await
}

/// A school's self-assessments of one certificate's equipment lists.
pub async fn assessments(conn: &mut Conn, school: i64, certificate: i64) -> Result<Vec<OfferingAssessment>, AppError> {
    repo::assessments(conn, school, certificate).await
}

/// The certificate levels open in `year`: (certificate id, certificate name, level).
pub async fn open_offerings(conn: &mut Conn, year: i64) -> Result<Vec<(i64, String, Level)>, AppError> {
    repo::open_offerings(conn, year).await
}
