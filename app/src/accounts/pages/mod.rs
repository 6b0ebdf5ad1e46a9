//! Account pages.

mod account;
pub mod account_list;
mod login;
mod password;
mod staff;

pub use account::AccountPage;
pub use login::LoginPage;
pub use password::PasswordPage;
pub use staff::StaffPage;
