//! Search across certificates, their organizations and the major catalog, for Chinese text (substring
//! matches) and pinyin initials ("lnzh" finds 老年照护).
//!
//! One portable query (`LIKE '%…%'`) runs on both databases and is answered from an index on each: SQLite's
//! FTS5 trigram table and PostgreSQL's pg_trgm GIN index (migration 0006). Queries shorter than three
//! characters cannot use a trigram index and scan the table, which stays fast at catalog sizes
//! (bench/search measures 1,000 certificates × 1,349 majors).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{CertificateSummary, MajorHit};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::repo::search as repo,
    crate::db::{now, Conn},
    crate::forms::run_read,
    crate::ui::time::shanghai_year,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub certificates: Vec<CertificateSummary>,
    pub majors: Vec<MajorHit>,
}

/// The most hits of each kind returned; a person refines the words rather than scrolling further.
pub const MAX_HITS: usize = 50;

/// Certificates (by their name or organization's) and majors (by code, name or category) matching the
/// query; an empty query lists every certificate.
#[server(prefix = "/api", endpoint = "catalog/search")]
pub async fn search_catalog(query: String) -> Result<SearchResults, AppError> {
    run_read(async |conn| search(conn, &query, shanghai_year(now())).await).await
}

/// The text a query is matched against: lower case, so matching ignores case on both databases.
pub fn normalize(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Pinyin initials of the Chinese characters and the letters and digits of anything else.
#[cfg(feature = "ssr")]
pub fn pinyin_initials(text: &str) -> String {
    use pinyin::ToPinyin;
    text.chars()
        .filter_map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next(),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            None => None,
        })
        .collect()
}

/// Rebuilds the search index from the catalog; called after every catalog change and at start-up.
#[cfg(feature = "ssr")]
pub async fn reindex(conn: &mut Conn) -> Result<(), AppError> {
    let certificates = repo::certificates_with_organizations(conn).await?;
    let majors = repo::all_majors(conn).await?;
    let entries = certificates
        .iter()
        .map(|(id, name, org)| {
            (
                "certificate",
                id.to_string(),
                normalize(&format!("{name} {org}")),
                format!("{} {}", pinyin_initials(name), pinyin_initials(org)),
            )
        })
        .chain(majors.iter().map(|(code, name, category)| {
            ("major", code.clone(), normalize(&format!("{code} {name} {category}")), pinyin_initials(name))
        }));
    repo::replace_index(conn, entries).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub async fn search(conn: &mut Conn, query: &str, year: i64) -> Result<SearchResults, AppError> {
    // `%`, `_` and `\` are dropped rather than escaped: an ESCAPE clause keeps FTS5 from using its index.
    let words: String = normalize(query).chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    if words.is_empty() {
        let certificates = super::repo::list_certificates(conn, None, year).await?;
        return Ok(SearchResults { certificates, majors: Vec::new() });
    }
    let hits = repo::find_entries(conn, &words).await?;
    let certificate_ids: Vec<i64> = hits
        .iter()
        .filter(|(kind, _)| kind == "certificate")
        .filter_map(|(_, key)| key.parse().ok())
        .take(MAX_HITS)
        .collect();
    let major_codes: Vec<String> =
        hits.iter().filter(|(kind, _)| kind == "major").map(|(_, key)| key.clone()).take(MAX_HITS).collect();
    let certificates = if certificate_ids.is_empty() {
        Vec::new()
    } else {
        super::repo::list_certificates(conn, Some(&certificate_ids), year).await?
    };
    let majors = super::repo::majors_with_open_certificates(conn, &major_codes, year).await?;
    Ok(SearchResults { certificates, majors })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn initials_of_chinese_and_latin_text() {
        assert_eq!(pinyin_initials("老年照护"), "lnzh");
        assert_eq!(pinyin_initials("建筑信息模型(BIM)"), "jzxxmxbim");
        assert_eq!(pinyin_initials("物流管理"), "wlgl");
    }
}
