//! The one error type shared by the browser and the server.
//!
//! Every server function returns `Result<T, AppError>`. Internal failures are logged on the server with a
//! reference id and only the id reaches the browser, never the underlying text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::validate::FieldError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// One or more fields are wrong; each entry names the field and says how to fix it.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// A business rule refused the request (already exists, wrong state, …).
    #[error("conflict")]
    Conflict(Text),
    /// A save carried an older version than the server's: nothing was overwritten. Carries the server's
    /// version and content (JSON) so the page can show both side by side.
    #[error("stale version")]
    Stale { server_version: i64, server_content: String },
    /// A row with the same unique key exists. Carries the key (the constraint's name on PostgreSQL, the
    /// index name or `table_column_key` on SQLite) so a service can say which field it concerns
    /// ([`AppError::on_duplicate`]).
    #[error("duplicate {0}")]
    Duplicate(String),
    /// The account's password was reset: nothing but a password change is allowed until it is changed.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The request itself is malformed (arguments that do not decode): the client's fault, not the network's.
    #[error("bad request")]
    BadRequest(Text),
    #[error("too many attempts")]
    TooManyAttempts,
    /// The request's body is larger than the endpoint takes (the limit in bytes).
    #[error("request too large")]
    TooLarge(u64),
    #[error("internal error {0}")]
    Internal(String),
    /// The request never reached the server (offline, timeout, bad response).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn conflict(zh: &str, en: &str) -> Self {
        AppError::Conflict(Text::new(zh, en))
    }

    pub fn field(field: &'static str, zh: &str, en: &str) -> Self {
        AppError::Validation(vec![FieldError::new(field, zh, en)])
    }

    /// HTTP status for this error, so that plain HTTP clients and tests see the right code.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::PasswordChangeRequired => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) | AppError::Stale { .. } | AppError::Duplicate(_) => 409,
            AppError::TooManyAttempts => 429,
            AppError::TooLarge(_) => 413,
            AppError::Internal(_) => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// What a person reads: Chinese first, English when the user switched.
    pub fn message(&self) -> Text {
        match self {
            AppError::Unauthorized => Text::new("请先登录。", "Please log in first."),
            AppError::Forbidden => Text::new(
                "您的账号无权进行此操作。如需权限，请联系学校统筹或秘书处。",
                "Your account may not do this. Ask your coordinator or the secretariat.",
            ),
            AppError::NotFound => Text::new("找不到该记录，可能已被删除。", "Not found; it may have been removed."),
            AppError::Validation(errors) => {
                let zh: Vec<String> = errors.iter().map(|e| e.message.zh.clone()).collect();
                let en: Vec<String> = errors.iter().map(|e| e.message.en.clone()).collect();
                Text::new(&zh.join(" "), &en.join(" "))
            }
            AppError::Conflict(text) | AppError::BadRequest(text) => text.clone(),
            AppError::Duplicate(_) => Text::new("该记录已存在。", "This record already exists."),
            AppError::PasswordChangeRequired => Text::new(
                "您的密码已被重置，请先修改密码再继续。",
                "Your password was reset; change it before going on.",
            ),
            AppError::Stale { server_version, .. } => Text::new(
                &format!(
                    "这份申报书已被他人修改并保存（服务器上为第{server_version}版），您的修改尚未保存，也没有覆盖对方的内容。请对照下方服务器上的内容，再决定保留哪些。"
                ),
                &format!(
                    "Someone else saved this declaration meanwhile (version {server_version} on the server). Your changes are not saved and nothing was overwritten. Compare with the server's content below and decide what to keep."
                ),
            ),
            AppError::TooManyAttempts => Text::new(
                "尝试次数过多，请15分钟后再试，或联系秘书处重置密码。",
                "Too many attempts. Wait 15 minutes or ask the secretariat to reset your password.",
            ),
            AppError::TooLarge(limit) => Text::new(
                &format!("提交的内容过大（上限 {} KB），未保存。请删减后再提交。", limit / 1024),
                &format!("What was sent is too large (at most {} KB) and was not saved. Shorten it and send again.", limit / 1024),
            ),
            AppError::Internal(reference) => Text::new(
                &format!("服务器出错，请稍后再试。如持续出现，请把编号 {reference} 告诉秘书处。"),
                &format!(
                    "Server error, please retry later. If it persists, give reference {reference} to the secretariat."
                ),
            ),
            AppError::Transport(_) => Text::new(
                "网络连接失败，已填写的内容仍保留，请检查网络后重试。",
                "Network failed. What you entered is kept; check the connection and retry.",
            ),
        }
    }

    /// Turns a unique violation on one of `keys` into the error that names its field (`or`); any other error
    /// is kept. Keys list a constraint under both databases' names where they differ.
    pub fn on_duplicate(self, keys: &[&str], or: impl FnOnce() -> AppError) -> AppError {
        match &self {
            AppError::Duplicate(key) if keys.contains(&key.as_str()) => or(),
            _ => self,
        }
    }

    /// The error of one field, if this is a validation error naming it.
    pub fn field_message(&self, field: &str) -> Option<Text> {
        match self {
            AppError::Validation(errors) => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(msg) | ServerFnErrorErr::Response(msg) => AppError::Transport(msg),
            ServerFnErrorErr::MissingArg(field) => {
                AppError::Validation(vec![FieldError::new_owned(field, "缺少必填项。", "A required field is missing.")])
            }
            // Arguments that do not decode: only the server meets these, and the sender must fix the request.
            ServerFnErrorErr::Args(_) => AppError::BadRequest(Text::new(
                "请求格式不正确：有字段缺失或取值无法识别。请刷新页面后重试。",
                "The request is malformed: a field is missing or cannot be read. Reload the page and retry.",
            )),
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;

    impl AppError {
        /// Logs an internal failure with a short reference id; only the id is returned to the browser.
        pub fn internal(err: impl std::fmt::Display) -> Self {
            let reference = reference_id();
            tracing::error!(reference = %reference, error = %err, "internal error");
            AppError::Internal(reference)
        }
    }

    /// Eight letters and digits: short enough to read out on the phone.
    fn reference_id() -> String {
        use rand::Rng;
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let mut rng = rand::rngs::OsRng;
        (0..8).map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char).collect()
    }

    /// The unique key a violation names: PostgreSQL reports the constraint; SQLite only a message, naming an
    /// expression index as `index 'name'` and column constraints as `table.column, …` (written here the way
    /// PostgreSQL names such a constraint by default, `table_column_key`).
    fn unique_key(db: &dyn sqlx::error::DatabaseError) -> String {
        if let Some(constraint) = db.constraint() {
            return constraint.to_string();
        }
        let detail = db.message().split_once("failed: ").map_or("", |(_, rest)| rest);
        if let Some(index) = detail.strip_prefix("index '") {
            return index.trim_end_matches('\'').to_string();
        }
        let columns: Vec<&str> = detail.split(", ").collect();
        let table = columns.first().and_then(|c| c.split_once('.')).map_or("", |(t, _)| t);
        let names: Vec<&str> = columns.iter().filter_map(|c| c.split_once('.')).map(|(_, c)| c).collect();
        format!("{table}_{}_key", names.join("_"))
    }

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            if let sqlx::Error::Database(db) = &err {
                if db.kind() == sqlx::error::ErrorKind::UniqueViolation {
                    return AppError::Duplicate(unique_key(db.as_ref()));
                }
                // A write naming a row that does not exist (an id a client made up): not the server's fault.
                if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation {
                    return AppError::NotFound;
                }
            }
            if let sqlx::Error::RowNotFound = err {
                return AppError::NotFound;
            }
            AppError::internal(err)
        }
    }
}
