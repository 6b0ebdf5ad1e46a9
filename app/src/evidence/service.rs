//! Who may add, see and remove a declaration's photos (server only).

use super::repo;
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::service::readable;
use crate::error::AppError;

/// A school account adding a photo to a declaration it may read that is still editable.
pub async fn ensure_can_add(conn: &mut Conn, caller: &Caller, declaration_id: i64) -> Result<(), AppError> {
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    if !readable(conn, caller, declaration_id).await?.status.is_editable() {
        return Err(AppError::conflict(
            "申报书已锁定，不能再添加照片。",
            "The declaration is locked; no more photos can be added.",
        ));
    }
    Ok(())
}

/// Where a photo the caller may see is kept (organizations never see schools' photos).
pub async fn readable_photo(conn: &mut Conn, caller: &Caller, id: i64) -> Result<String, AppError> {
    if caller.role == Role::Org {
        return Err(AppError::Forbidden);
    }
    let (declaration_id, storage_key) = repo::photo_location(conn, id).await?;
    readable(conn, caller, declaration_id).await?;
    Ok(storage_key)
}

/// Removes a photo from an editable declaration (the files stay in the store; the row goes).
pub async fn delete_photo(conn: &mut Conn, caller: &Caller, photo_id: i64) -> Result<(), AppError> {
    let (declaration_id, _) = repo::photo_location(conn, photo_id).await?;
    let row = readable(conn, caller, declaration_id).await?;
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    if !row.status.is_editable() {
        return Err(crate::declarations::service::locked(row.status));
    }
    repo::delete_photo(conn, photo_id).await
}

/// A declaration's photos as its page lists them (the caller's right to read the declaration is checked by
/// the declarations service that asks).
pub async fn photos_of(conn: &mut Conn, declaration: i64) -> Result<Vec<super::model::Photo>, AppError> {
    Ok(super::repo::photos(conn, declaration).await?.into_iter().map(|(photo, _)| photo).collect())
}
