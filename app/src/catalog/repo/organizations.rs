//! The `organizations` table and certificates' ownership and names.

use crate::catalog::model::Organization;
use crate::db::Conn;
use crate::error::AppError;

/// Every organization (or only `only`), by name.
pub async fn list_organizations(conn: &mut Conn, only: Option<i64>) -> Result<Vec<Organization>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name, contact_name, contact_phone, contact_email FROM organizations \
         WHERE $1 = -1 OR id = $1 ORDER BY name",
    )
    .bind(only.unwrap_or(-1))
    .fetch_all(&mut *conn)
    .await?)
}

/// Every certificate as (organization, id, name, standard link), by name.
pub async fn certificates_by_organization(conn: &mut Conn) -> Result<Vec<(i64, i64, String, String)>, AppError> {
    Ok(sqlx::query_as("SELECT organization_id, id, name, standard_url FROM certificates ORDER BY name")
        .fetch_all(&mut *conn)
        .await?)
}

/// Every organization account as (organization, username, name).
pub async fn organization_accounts(conn: &mut Conn) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT organization_id, username, display_name FROM accounts WHERE organization_id IS NOT NULL ORDER BY username",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Name and contacts of an organization, in this order.
pub type OrganizationFields<'a> = [&'a str; 4];

pub async fn insert_organization(conn: &mut Conn, v: OrganizationFields<'_>) -> Result<(), AppError> {
    sqlx::query("INSERT INTO organizations (name, contact_name, contact_phone, contact_email) VALUES ($1, $2, $3, $4)")
        .bind(v[0])
        .bind(v[1])
        .bind(v[2])
        .bind(v[3])
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_organization(conn: &mut Conn, id: i64, v: OrganizationFields<'_>) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query(
            "UPDATE organizations SET name = $1, contact_name = $2, contact_phone = $3, contact_email = $4 WHERE id = $5",
        )
        .bind(v[0])
        .bind(v[1])
        .bind(v[2])
        .bind(v[3])
        .bind(id)
        .execute(&mut *conn)
        .await,
    )
}

pub async fn insert_certificate(
    conn: &mut Conn,
    organization: i64,
    name: &str,
    standard_url: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO certificates (organization_id, name, standard_url) VALUES ($1, $2, $3)")
        .bind(organization)
        .bind(name)
        .bind(standard_url)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_certificate(
    conn: &mut Conn,
    id: i64,
    organization: i64,
    name: &str,
    standard_url: &str,
) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query("UPDATE certificates SET organization_id = $1, name = $2, standard_url = $3 WHERE id = $4")
            .bind(organization)
            .bind(name)
            .bind(standard_url)
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

/// Every certificate (id, name), by name.
pub async fn certificate_names(conn: &mut Conn) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM certificates ORDER BY name").fetch_all(&mut *conn).await?)
}
