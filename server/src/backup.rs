//! `shenbao backup DIR` and `shenbao restore DIR`. A backup is a consistent copy made while the server
//! runs: SQLite's `VACUUM INTO` (one read transaction, so writers go on), then the local photo store and the
//! VAPID key. Photos are stored before their row is written, so every photo row of the copy has its file.
//! On PostgreSQL the database part is `pg_dump` (README); the photos and the key are copied all the same.

use std::path::Path;

use crate::config::Config;

/// What a backup holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub database: bool,
    pub photo_files: usize,
    pub vapid_key: bool,
}

const DATABASE_FILE: &str = "shenbao.db";
const PHOTOS: &str = app::evidence::route::PHOTO_FOLDER;
const VAPID_KEY: &str = app::notifications::push::vapid::KEY_FILE;

fn ensure_empty(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        anyhow::bail!("{} is not empty; choose a new folder", dir.display());
    }
    std::fs::create_dir_all(dir)?;
    Ok(())
}

/// Copies a folder's files and subfolders; returns how many files.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<usize> {
    if !from.is_dir() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    let mut files = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            files += 1;
        }
    }
    Ok(files)
}

fn copy_key(from: &Path, to: &Path) -> anyhow::Result<bool> {
    if !from.join(VAPID_KEY).exists() {
        return Ok(false);
    }
    std::fs::copy(from.join(VAPID_KEY), to.join(VAPID_KEY))?;
    Ok(true)
}

/// Makes a backup of the running (or stopped) server's data in `target`, a new or empty folder.
pub async fn backup(config: &Config, target: &Path) -> anyhow::Result<Copied> {
    ensure_empty(target)?;
    let url = config.database_url();
    let database = match crate::db::sqlite_file(&url) {
        Some(_) => {
            let pool = crate::db::connect(&url).await?;
            crate::db::snapshot_into(&pool, &target.join(DATABASE_FILE)).await?;
            pool.close().await;
            true
        }
        None => false,
    };
    let photo_files =
        if config.s3_bucket.is_some() { 0 } else { copy_tree(&config.data_dir.join(PHOTOS), &target.join(PHOTOS))? };
    let vapid_key = copy_key(&config.data_dir, target)?;
    Ok(Copied { database, photo_files, vapid_key })
}

/// Puts a backup back into the configured data directory, which must not hold a database yet (restore into a
/// new folder, with the server stopped).
pub fn restore(config: &Config, source: &Path) -> anyhow::Result<Copied> {
    let url = config.database_url();
    let database = match crate::db::sqlite_file(&url) {
        Some(file) if source.join(DATABASE_FILE).exists() => {
            if file.exists() {
                anyhow::bail!("{} already exists; restore into a new data directory", file.display());
            }
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(source.join(DATABASE_FILE), &file)?;
            true
        }
        _ => false,
    };
    std::fs::create_dir_all(&config.data_dir)?;
    let photo_files = copy_tree(&source.join(PHOTOS), &config.data_dir.join(PHOTOS))?;
    let vapid_key = copy_key(source, &config.data_dir)?;
    Ok(Copied { database, photo_files, vapid_key })
}
