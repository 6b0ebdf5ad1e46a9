//! Account pages.

mod account;
pub mod account_list;
mod login;
mod password;
mod role_gate;
mod staff;

pub use account::AccountPage;
pub use login::LoginPage;
pub use password::PasswordPage;
pub use role_gate::{is_secretariat, SecretariatOnly};
pub use staff::StaffPage;
