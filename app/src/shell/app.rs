//! The HTML document and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use super::home::HomePage;
use super::lazy_pages::*;
use super::nav::Nav;
use crate::accounts::api::{get_current_user, UserResource};
use crate::i18n::{t, Lang};

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
    // The build's files live under a path named after the build (served as immutable), so the stylesheet's
    // address comes from the options like the scripts' do.
    let stylesheet = format!("/{}/shenbao.css", options.site_pkg_dir);
    #[cfg(feature = "ssr")]
    super::csp::set_header();
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
                <script src="/sw-register.js" defer nonce=leptos::nonce::use_nonce()></script>
                <link rel="stylesheet" id="leptos" href=stylesheet/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(initial_lang());
    let user: UserResource = crate::ui::resource(|| (), |_| get_current_user());
    provide_context(user);
    crate::forms::provide_flash();
    crate::sync::provide_sync(user);
    view! {
        <Title text=t("申报 · 广西1+X证书试点申报", "Shenbao · Guangxi 1+X pilot declarations")/>
        <Meta name="theme-color" content="#0b5cad"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <Nav/>
            <main class="page">
                <Routes fallback=|| view! { <p>{t("页面不存在。", "Page not found.")}</p> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view={Lazy::<PasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view={Lazy::<StaffRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register/done") view={Lazy::<RegisterDoneRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/registry") view={Lazy::<RegistryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/registry/imports/:id") view={Lazy::<ImportReportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/registry/:id") view={Lazy::<InstitutionRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/school") view={Lazy::<SchoolRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/library") view={Lazy::<PoliciesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/certificates") view={Lazy::<CertificatesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/certificates/:id") view={Lazy::<CertificateRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/organizations") view={Lazy::<OrganizationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/majors") view={Lazy::<MajorsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/majors/imports/:id") view={Lazy::<ImportReportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/windows") view={Lazy::<WindowsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/declarations") view={Lazy::<DeclarationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/declarations/:id") view={Lazy::<DeclarationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/survey") view={Lazy::<SurveyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notices") view={Lazy::<NoticesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/faq") view={Lazy::<FaqRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/review") view={Lazy::<ReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assignments") view={Lazy::<AssignmentsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assignments/:id") view={Lazy::<ScoringRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/followup") view={Lazy::<FollowUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/results") view={Lazy::<ResultsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/results/roster/:id") view={Lazy::<RosterRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
