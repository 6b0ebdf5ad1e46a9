//! Every page but the home page is a lazy route: in the browser its code is a separate wasm
//! chunk fetched when the page is first opened (or preloaded when the server rendered it), so the first
//! load of the home page carries only the shell, the home and the shared pieces. `.ci/build-site` splits
//! the wasm (wasm-split) before wasm-bindgen.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::accounts::pages::{AccountPage, LoginPage, PasswordPage, StaffPage};
use crate::catalog::pages::{CertificatePage, CertificatesPage, MajorsPage, OrganizationsPage};
use crate::declarations::pages::{DeclarationPage, DeclarationsPage};
use crate::followup::page::FollowUpPage;
use crate::import::page::ImportReportPage;
use crate::institutions::pages::{InstitutionPage, RegisterDonePage, RegisterPage, RegistryPage, SchoolPage};
use crate::library::pages::{FaqPage, NoticesPage, PoliciesPage};
use crate::notifications::page::InboxPage;
use crate::results::page::{ResultsPage, RosterPage};
use crate::review::pages::{AssignmentsPage, ReviewPage, ScoringPage};
use crate::survey::page::SurveyPage;
use crate::windows::page::WindowsPage;

/// `lazy!(Route, Page)`: a lazy route that shows `Page`.
macro_rules! lazy {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy! {
    LoginRoute => LoginPage,
    AccountRoute => AccountPage,
    PasswordRoute => PasswordPage,
    StaffRoute => StaffPage,
    RegisterRoute => RegisterPage,
    RegisterDoneRoute => RegisterDonePage,
    RegistryRoute => RegistryPage,
    ImportReportRoute => ImportReportPage,
    InstitutionRoute => InstitutionPage,
    SchoolRoute => SchoolPage,
    PoliciesRoute => PoliciesPage,
    CertificatesRoute => CertificatesPage,
    CertificateRoute => CertificatePage,
    OrganizationsRoute => OrganizationsPage,
    MajorsRoute => MajorsPage,
    WindowsRoute => WindowsPage,
    DeclarationsRoute => DeclarationsPage,
    DeclarationRoute => DeclarationPage,
    InboxRoute => InboxPage,
    SurveyRoute => SurveyPage,
    NoticesRoute => NoticesPage,
    FaqRoute => FaqPage,
    ReviewRoute => ReviewPage,
    AssignmentsRoute => AssignmentsPage,
    ScoringRoute => ScoringPage,
    FollowUpRoute => FollowUpPage,
    ResultsRoute => ResultsPage,
    RosterRoute => RosterPage,
}
