//! The results' reads and writes behind the server functions and the downloads (server only). Every entry
//! point takes the caller and checks what they may see: the secretariat everything; anyone the published
//! results; a lead institution's coordinator (and its leads of that certificate) the roster it runs.

use super::model::{self, Approved, CertificateResult, Roster, RosterSchool};
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::catalog::model::Level;
use crate::db::Conn;
use crate::declarations::service as declarations;
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::i18n::Text;
use crate::library::model::NoticeInput;

/// The year's results, whoever asks, and when they were published.
pub struct YearResults {
    pub year: i64,
    pub certificates: Vec<CertificateResult>,
    pub published: Option<(i64, i64)>,
    /// Declarations still waiting for the secretariat (待审核 or 专家评审中).
    pub undecided: usize,
}

pub use super::repo::publication;

/// The results as they stand (for the secretariat) or as published; everyone else gets Forbidden before
/// publication.
pub async fn year_results(conn: &mut Conn, caller: Option<&Caller>, year: i64) -> Result<YearResults, AppError> {
    let published = publication(conn, year).await?;
    let secretariat = caller.is_some_and(|c| c.role == Role::Secretariat);
    if published.is_none() && !secretariat {
        return Err(AppError::conflict("本年度试点结果尚未公布。", "This year's results have not been published yet."));
    }
    let rows = declarations::records(conn, year, None).await?;
    let undecided = rows.iter().filter(|r| matches!(r.status, Status::PendingReview | Status::UnderReview)).count();
    let approved: Vec<Approved> = rows
        .iter()
        .filter(|r| r.status == Status::Approved)
        .map(|r| Approved {
            certificate_id: r.certificate_id,
            certificate: r.certificate.clone(),
            level: r.level,
            institution_id: r.institution_id,
            institution: r.institution.clone(),
        })
        .collect();
    let leads = super::repo::leads(conn, year).await?;
    Ok(YearResults { year, certificates: model::build(&approved, &leads), published, undecided })
}

/// Names the lead institution of a certificate: one of its approved schools of the year.
pub async fn name_lead(
    conn: &mut Conn,
    caller: &Caller,
    year: i64,
    certificate_id: i64,
    institution_id: i64,
) -> Result<(), AppError> {
    let results = year_results(conn, Some(caller), year).await?;
    let cert = results.certificates.iter().find(|c| c.certificate_id == certificate_id).ok_or_else(|| {
        AppError::conflict("该证书今年没有获批的试点院校。", "This certificate has no approved school this year.")
    })?;
    if !cert.schools.iter().any(|(id, _)| *id == institution_id) {
        return Err(AppError::field(
            "institution_id",
            "牵头院校须是该证书本年度获批的试点院校。",
            "The lead institution must be one of the certificate's approved schools this year.",
        ));
    }
    super::repo::upsert_lead(conn, (certificate_id, year), institution_id, caller.id).await?;
    Ok(())
}

/// Publishes the year's results as a notice to everyone (or, published again after a correction, rewrites
/// that notice), and tells each lead institution's coordinators which certificate they lead. Refused while
/// a certificate has no lead institution, and while declarations wait for a decision unless the secretariat
/// confirms (those are then not in the list; a later publication adds them).
pub async fn publish(conn: &mut Conn, caller: &Caller, year: i64, confirm_undecided: bool) -> Result<i64, AppError> {
    let results = year_results(conn, Some(caller), year).await?;
    if results.undecided > 0 && !confirm_undecided {
        return Err(AppError::field(
            "confirm_undecided",
            &format!("还有 {} 份申报书未审批，它们不会出现在名单中。请先完成统一审批，或勾选确认后公布。", results.undecided),
            &format!(
                "{} declaration(s) still await a decision and will not be listed. Decide them first, or confirm to publish anyway.",
                results.undecided
            ),
        ));
    }
    if results.certificates.is_empty() {
        return Err(AppError::conflict("本年度还没有获批的试点。", "Nothing has been approved this year."));
    }
    let missing = model::without_lead(&results.certificates);
    if !missing.is_empty() {
        return Err(AppError::conflict(
            &format!("以下证书尚未指定牵头院校：{}。", missing.join("、")),
            &format!("Name the lead institution of: {}.", missing.join(", ")),
        ));
    }
    let input = NoticeInput {
        title: format!("{year}年度1+X证书制度试点院校名单公布"),
        body: model::notice_body(year, &results.certificates),
        audience: String::new(),
        pinned: true,
        links: String::new(),
    };
    let notice_id = match results.published {
        Some((id, _)) => {
            crate::library::service::rewrite_notice(conn, id, &input).await?;
            id
        }
        None => crate::library::service::publish_notice(conn, &input, caller.id).await?,
    };
    super::repo::upsert_publication(conn, year, notice_id, caller.id).await?;
    for cert in &results.certificates {
        let Some((school, _)) = &cert.lead else { continue };
        let coordinators = crate::accounts::service::coordinators(conn, *school).await?;
        let title = Text::new("贵校为证书牵头院校", "Your school leads a certificate");
        let body = Text::new(
            &format!("贵校为“{}”证书{year}年度试点牵头院校，可查看试点院校名单及联系人。", cert.certificate),
            &format!(
                "Your school leads the {year} pilot of “{}”: see its pilot schools and contacts.",
                cert.certificate
            ),
        );
        let link = format!("/results/roster/{}", cert.certificate_id);
        crate::notifications::service::notify(
            conn,
            crate::notifications::model::Audience::Accounts(&coordinators),
            crate::notifications::model::Kind::Results,
            &title,
            &body,
            &link,
        )
        .await?;
    }
    Ok(notice_id)
}

/// The certificates whose roster the caller may read this year: all for the secretariat; after publication,
/// the certificates the caller's school leads (for its coordinators, and for its leads of that certificate).
pub async fn rosters_of(conn: &mut Conn, caller: &Caller, year: i64) -> Result<Vec<(i64, String)>, AppError> {
    let published = publication(conn, year).await?.is_some();
    let led = super::repo::leads_with_names(conn, year).await?;
    // A lead's own approved certificates at its school, read once.
    let leads_approved: Vec<i64> = match (caller.role, caller.institution_id) {
        (Role::Lead, Some(school)) if published => declarations::records(conn, year, Some(school))
            .await?
            .iter()
            .filter(|r| r.lead_id == caller.id && r.status == Status::Approved)
            .map(|r| r.certificate_id)
            .collect(),
        _ => Vec::new(),
    };
    Ok(led
        .into_iter()
        .filter(|(certificate_id, _, school)| match caller.role {
            Role::Secretariat => true,
            Role::Coordinator => published && caller.institution_id == Some(*school),
            Role::Lead => caller.institution_id == Some(*school) && leads_approved.contains(certificate_id),
            _ => false,
        })
        .map(|(certificate_id, name, _)| (certificate_id, name))
        .collect())
}

/// A certificate's roster: its approved schools of the year with their follow-up contacts.
pub async fn roster(conn: &mut Conn, caller: &Caller, certificate_id: i64) -> Result<Roster, AppError> {
    let year = crate::windows::service::current_year();
    if !rosters_of(conn, caller, year).await?.iter().any(|(id, _)| *id == certificate_id) {
        return Err(AppError::Forbidden);
    }
    let results = year_results(conn, Some(caller), year).await?;
    let cert =
        results.certificates.into_iter().find(|c| c.certificate_id == certificate_id).ok_or(AppError::NotFound)?;
    let mut submitted = crate::followup::service::submitted(conn, year).await?;
    let mut schools = Vec::with_capacity(cert.schools.len());
    for (institution_id, institution) in &cert.schools {
        let levels: Vec<Level> =
            cert.levels.iter().filter(|l| l.schools.contains(institution)).map(|l| l.level).collect();
        let followup = submitted.remove(institution_id).map(|(f, _)| f);
        schools.push(RosterSchool {
            institution_id: *institution_id,
            institution: institution.clone(),
            levels,
            followup,
        });
    }
    Ok(Roster {
        year,
        certificate_id,
        certificate: cert.certificate,
        lead_institution: cert.lead.map(|(_, name)| name).unwrap_or_default(),
        schools,
    })
}
