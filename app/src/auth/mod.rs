//! Authentication and authorisation (server only): password hashing, sessions in an HttpOnly cookie,
//! the login rate limit, and the guards every server function calls first.

pub mod caller;
pub mod device;
pub mod guard;
pub mod password;
pub mod rate_limit;
mod repo;
pub mod session;
pub mod token;
