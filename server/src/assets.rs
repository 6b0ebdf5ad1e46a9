//! The site's files held in memory, with the .br and .gz copies the build wrote. Served from disk, each
//! request took several trips through tokio's blocking pool (metadata, open, read), and the thread handoffs
//! held a static file to a few thousand requests a second. The site is a few megabytes and never changes
//! while the server runs (a new build is a new deploy); a file added later is still served from disk.

use std::collections::HashMap;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};

/// One file: its bytes as built and as the build compressed them.
struct Asset {
    content_type: HeaderValue,
    etag: HeaderValue,
    plain: bytes::Bytes,
    brotli: Option<bytes::Bytes>,
    gzip: Option<bytes::Bytes>,
}

/// Every file under the site root, by its URL path (`/pkg/<build>/shenbao.js`).
#[derive(Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// Reads the site root; a missing root gives an empty set (everything then comes from disk).
    pub fn load(root: &Path) -> std::io::Result<Assets> {
        let mut assets = Assets::default();
        if root.is_dir() {
            assets.read_dir(root, root)?;
        }
        Ok(assets)
    }

    fn read_dir(&mut self, root: &Path, dir: &Path) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                self.read_dir(root, &path)?;
                continue;
            }
            let name = path.to_string_lossy();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let Ok(relative) = path.strip_prefix(root) else { continue };
            let url = format!("/{}", relative.to_string_lossy());
            let plain = std::fs::read(&path)?;
            let sibling = |suffix: &str| std::fs::read(format!("{name}.{suffix}")).ok().map(bytes::Bytes::from);
            let kind = mime_guess::from_path(&path).first_or_octet_stream();
            let kind = match kind.type_() {
                mime_guess::mime::TEXT => format!("{kind}; charset=utf-8"),
                _ if kind.essence_str() == "application/javascript" => "text/javascript; charset=utf-8".into(),
                _ => kind.to_string(),
            };
            let digest = hex::encode(&Sha256::digest(&plain)[..8]);
            self.files.insert(
                url,
                Asset {
                    content_type: HeaderValue::from_str(&kind)
                        .unwrap_or(HeaderValue::from_static("application/octet-stream")),
                    etag: HeaderValue::from_str(&format!("\"{digest}\"")).unwrap_or(HeaderValue::from_static("\"0\"")),
                    brotli: sibling("br"),
                    gzip: sibling("gz"),
                    plain: plain.into(),
                },
            );
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The response for `path`, if it is a file of the site: the smallest encoding the client accepts, and
    /// 304 when the client holds this very file already.
    pub fn respond(&self, path: &str, headers: &HeaderMap) -> Option<Response> {
        let asset = self.files.get(path)?;
        let mut response = Response::builder()
            .header(header::CONTENT_TYPE, asset.content_type.clone())
            .header(header::ETAG, asset.etag.clone())
            .header(header::VARY, "accept-encoding");
        let held = headers.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == asset.etag.as_bytes());
        if held {
            return response.status(StatusCode::NOT_MODIFIED).body(Body::empty()).ok();
        }
        let accepts = |coding: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|c| c.split(';').next().is_some_and(|name| name.trim().eq_ignore_ascii_case(coding)))
        };
        let (body, coding) = match (&asset.brotli, &asset.gzip) {
            (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts("gzip") => (gz.clone(), Some("gzip")),
            _ => (asset.plain.clone(), None),
        };
        if let Some(coding) = coding {
            response = response.header(header::CONTENT_ENCODING, coding);
        }
        response.header(header::CONTENT_LENGTH, body.len()).body(Body::from(body)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_goes_in_the_encoding_the_client_takes_and_not_again_when_held() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg/b1")).unwrap();
        std::fs::write(dir.path().join("pkg/b1/app.js"), "console.log(1)").unwrap();
        std::fs::write(dir.path().join("pkg/b1/app.js.br"), "BR").unwrap();
        std::fs::write(dir.path().join("pkg/b1/app.js.gz"), "GZ").unwrap();
        let assets = Assets::load(dir.path()).unwrap();
        assert_eq!(assets.len(), 1, "the compressed copies are not files of their own");
        let ask = |encoding: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(encoding).unwrap());
            assets.respond("/pkg/b1/app.js", &headers).unwrap()
        };
        assert_eq!(ask("gzip, deflate, br").headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(ask("gzip").headers()[header::CONTENT_ENCODING], "gzip");
        let plain = ask("identity");
        assert!(!plain.headers().contains_key(header::CONTENT_ENCODING));
        assert_eq!(plain.headers()[header::CONTENT_TYPE], "text/javascript; charset=utf-8");
        assert_eq!(plain.headers()[header::CONTENT_LENGTH], "14");
        let mut again = HeaderMap::new();
        again.insert(header::IF_NONE_MATCH, plain.headers()[header::ETAG].clone());
        assert_eq!(assets.respond("/pkg/b1/app.js", &again).unwrap().status(), StatusCode::NOT_MODIFIED);
        assert!(assets.respond("/pkg/b1/other.js", &again).is_none());
    }
}
