//! Pool and migrations for both backends.

use app::db::Pool;
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The SQLite file behind a `sqlite://` URL (None for PostgreSQL).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    Some(std::path::PathBuf::from(url.strip_prefix("sqlite://")?.split('?').next()?))
}

pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    sqlx::any::install_default_drivers();
    if let Some(dir) = sqlite_file(url).as_deref().and_then(std::path::Path::parent) {
        std::fs::create_dir_all(dir)?;
    }
    let sqlite = !is_postgres(url);
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { 10 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // WAL lets readers work while one writer writes; wait rather than fail on a busy lock.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;").await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}

pub async fn migrate(pool: &Pool, url: &str) -> anyhow::Result<()> {
    migrator(is_postgres(url)).run(pool).await?;
    Ok(())
}

/// The migrations this build carries, for its backend.
fn migrator(postgres: bool) -> sqlx::migrate::Migrator {
    if postgres {
        sqlx::migrate!("./migrations/postgres")
    } else {
        sqlx::migrate!("./migrations/sqlite")
    }
}

/// Whether the database answers and holds every migration this build knows. More applied than known is
/// ready too: during a rolling deploy an older replica runs beside the newer one that migrated.
pub async fn ready(pool: &Pool) -> anyhow::Result<bool> {
    let mut conn = pool.acquire().await?;
    let known = migrator(conn.backend_name() == "PostgreSQL").iter().count() as i64;
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE").fetch_one(&mut *conn).await?;
    Ok(applied >= known)
}

/// A consistent copy of the SQLite database in `file`, made in one read transaction while writers go on.
pub async fn snapshot_into(pool: &Pool, file: &std::path::Path) -> anyhow::Result<()> {
    let path = file.to_str().ok_or_else(|| anyhow::anyhow!("the backup path is not UTF-8"))?;
    // VACUUM INTO takes no bound parameter: the path is quoted as an SQL string literal.
    let statement = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
    sqlx::query(&statement).execute(pool).await?;
    Ok(())
}
