//! The HTML document and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use super::home::HomePage;
use super::nav::Nav;
use crate::accounts::api::get_current_user;
use crate::accounts::model::CurrentUser;
use crate::accounts::pages::{AccountPage, LoginPage, PasswordPage, StaffPage};
use crate::catalog::pages::{CertificatePage, CertificatesPage, MajorsPage, OrganizationsPage};
use crate::declarations::inbox::InboxPage;
use crate::declarations::pages::{DeclarationPage, DeclarationsPage};
use crate::declarations::survey_page::SurveyPage;
use crate::declarations::windows_page::WindowsPage;
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::institutions::pages::{
    ImportReportPage, InstitutionPage, RegisterDonePage, RegisterPage, RegistryPage, SchoolPage,
};
use crate::library::pages::{FaqPage, NoticesPage, PoliciesPage};

/// The language of this page: the cookie on the server, the document's `lang` in the browser.
fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::prefs::request_lang()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::Zh
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // Installable app: the manifest, the icon phones put on the home screen, and the service
                // worker's registration (a plain script, so it also runs before and without the wasm).
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <script src="/sw-register.js" defer></script>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

pub type UserResource = Resource<Result<Option<CurrentUser>, AppError>>;

/// The current user's resource, provided by [`App`].
pub fn use_user() -> UserResource {
    expect_context::<UserResource>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(initial_lang());
    let user: UserResource = Resource::new(|| (), |_| get_current_user());
    provide_context(user);
    crate::offline::provide_sync();
    view! {
        <Stylesheet id="leptos" href="/pkg/shenbao.css"/>
        <Title text=t("申报 · 广西1+X证书试点申报", "Shenbao · Guangxi 1+X pilot declarations")/>
        <Meta name="theme-color" content="#0b5cad"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <Nav/>
            <main class="page">
                <Routes fallback=|| view! { <p>{t("页面不存在。", "Page not found.")}</p> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/register/done") view=RegisterDonePage ssr=SsrMode::Async/>
                    <Route path=path!("/registry") view=RegistryPage ssr=SsrMode::Async/>
                    <Route path=path!("/registry/imports/:id") view=ImportReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/registry/:id") view=InstitutionPage ssr=SsrMode::Async/>
                    <Route path=path!("/school") view=SchoolPage ssr=SsrMode::Async/>
                    <Route path=path!("/library") view=PoliciesPage ssr=SsrMode::Async/>
                    <Route path=path!("/certificates") view=CertificatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/certificates/:id") view=CertificatePage ssr=SsrMode::Async/>
                    <Route path=path!("/organizations") view=OrganizationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/majors") view=MajorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/majors/imports/:id") view=ImportReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/windows") view=WindowsPage ssr=SsrMode::Async/>
                    <Route path=path!("/declarations") view=DeclarationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/declarations/:id") view=DeclarationPage ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/survey") view=SurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/notices") view=NoticesPage ssr=SsrMode::Async/>
                    <Route path=path!("/faq") view=FaqPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
