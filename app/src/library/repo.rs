//! SQL for policies, notices, FAQ and the contact card (server only).

use super::model::{ContactCard, Faq, Notice, NoticeInput, Policy, PolicyInput};
use crate::db::{like_pattern, now, touched, Conn};
use crate::error::AppError;

#[derive(sqlx::FromRow)]
struct PolicyRow {
    id: i64,
    scope: String,
    seq: i64,
    title: String,
    doc_number: String,
    url: String,
    retired: i64,
}

/// Policies of one scope (or all), matching words of the title or the document number.
pub async fn list_policies(
    conn: &mut Conn,
    scope: &str,
    query: &str,
    include_retired: bool,
) -> Result<Vec<Policy>, AppError> {
    let rows: Vec<PolicyRow> = sqlx::query_as(
        "SELECT id, scope, seq, title, doc_number, url, retired FROM policies \
         WHERE ($1 = '' OR scope = $1) AND (LOWER(title) LIKE $2 ESCAPE '\\' OR LOWER(doc_number) LIKE $2 ESCAPE '\\') \
         AND (retired = 0 OR $3 = 1) ORDER BY scope, seq",
    )
    .bind(scope)
    .bind(like_pattern(query))
    .bind(i64::from(include_retired))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Policy {
            id: r.id,
            scope: r.scope,
            seq: r.seq,
            title: r.title,
            doc_number: r.doc_number,
            url: r.url,
            retired: r.retired != 0,
        })
        .collect())
}

pub async fn insert_policy(conn: &mut Conn, input: &PolicyInput) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO policies (scope, seq, title, doc_number, url, updated_at) \
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM policies WHERE scope = $1), $2, $3, $4, $5) RETURNING id",
    )
    .bind(&input.scope)
    .bind(&input.title)
    .bind(&input.doc_number)
    .bind(&input.url)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn update_policy(conn: &mut Conn, id: i64, input: &PolicyInput) -> Result<(), AppError> {
    touched(
        sqlx::query("UPDATE policies SET title = $1, doc_number = $2, url = $3, updated_at = $4 WHERE id = $5")
            .bind(&input.title)
            .bind(&input.doc_number)
            .bind(&input.url)
            .bind(now())
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

pub async fn set_policy_retired(conn: &mut Conn, id: i64, retired: bool) -> Result<(), AppError> {
    touched(
        sqlx::query("UPDATE policies SET retired = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(retired))
            .bind(now())
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: i64,
    title: String,
    body: String,
    audience: String,
    pinned: i64,
    links: String,
    published_at: i64,
}

/// Notices, pinned first then newest first; filtering by audience is the caller's job.
pub async fn list_notices(conn: &mut Conn, limit: i64) -> Result<Vec<Notice>, AppError> {
    let rows: Vec<NoticeRow> = sqlx::query_as(
        "SELECT id, title, body, audience, pinned, links, published_at FROM notices \
         ORDER BY pinned DESC, published_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Notice {
            id: r.id,
            title: r.title,
            body: r.body,
            audience: r.audience,
            pinned: r.pinned != 0,
            links: r.links.lines().map(str::to_string).collect(),
            published_at: r.published_at,
        })
        .collect())
}

/// A new notice; its id.
pub async fn insert_notice(conn: &mut Conn, input: &NoticeInput, by: i64) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO notices (title, body, audience, pinned, links, published_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(input.title.trim())
    .bind(input.body.trim())
    .bind(&input.audience)
    .bind(i64::from(input.pinned))
    .bind(input.link_list().join("\n"))
    .bind(now())
    .bind(by)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Rewrites a published notice in place (a corrected results notice), inside the caller's transaction.
pub async fn rewrite_notice(conn: &mut Conn, id: i64, input: &NoticeInput) -> Result<(), AppError> {
    sqlx::query("UPDATE notices SET title = $1, body = $2, pinned = $3, published_at = $4 WHERE id = $5")
        .bind(input.title.trim())
        .bind(input.body.trim())
        .bind(i64::from(input.pinned))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_notice(conn: &mut Conn, id: i64, input: &NoticeInput) -> Result<(), AppError> {
    touched(
        sqlx::query("UPDATE notices SET title = $1, body = $2, audience = $3, pinned = $4, links = $5 WHERE id = $6")
            .bind(input.title.trim())
            .bind(input.body.trim())
            .bind(&input.audience)
            .bind(i64::from(input.pinned))
            .bind(input.link_list().join("\n"))
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

/// Deleting a results notice withdraws that publication too (the secretariat can publish again).
pub async fn delete_notice(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM results_publications WHERE notice_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM notices WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

pub async fn list_faqs(conn: &mut Conn, query: &str) -> Result<Vec<Faq>, AppError> {
    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT id, seq, question, answer FROM faqs WHERE LOWER(question) LIKE $1 ESCAPE '\\' OR LOWER(answer) LIKE $1 ESCAPE '\\' \
         ORDER BY seq",
    )
    .bind(like_pattern(query))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id, seq, question, answer)| Faq { id, seq, question, answer }).collect())
}

pub async fn save_faq(conn: &mut Conn, id: Option<i64>, question: &str, answer: &str) -> Result<i64, AppError> {
    match id {
        Some(id) => {
            touched(
                sqlx::query("UPDATE faqs SET question = $1, answer = $2, updated_at = $3 WHERE id = $4")
                    .bind(question)
                    .bind(answer)
                    .bind(now())
                    .bind(id)
                    .execute(&mut *conn)
                    .await,
            )?;
            Ok(id)
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO faqs (seq, question, answer, updated_at) \
                 VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM faqs), $1, $2, $3) RETURNING id",
            )
            .bind(question)
            .bind(answer)
            .bind(now())
            .fetch_one(&mut *conn)
            .await?;
            Ok(id)
        }
    }
}

pub async fn get_contact(conn: &mut Conn) -> Result<ContactCard, AppError> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT phone, email, address, website FROM contact_card WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(phone, email, address, website)| ContactCard { phone, email, address, website }).unwrap_or_default())
}

pub async fn save_contact(conn: &mut Conn, card: &ContactCard) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE contact_card SET phone = $1, email = $2, address = $3, website = $4, updated_at = $5 WHERE id = 1",
    )
    .bind(card.phone.trim())
    .bind(card.email.trim())
    .bind(card.address.trim())
    .bind(card.website.trim())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
