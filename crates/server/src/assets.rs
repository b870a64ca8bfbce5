//! The widgets' files under `/dist` and the demo shop's files, delivered the way a CDN should
//! deliver them (the README's "Delivery" section says the same for any CDN):
//!
//! - compressed for every client that accepts it: the build's precompressed `.br` and `.gz`
//!   beside each file (brotli first), with `Content-Encoding` and `Vary: Accept-Encoding`;
//!   the demo shop's own files are compressed on the fly;
//! - content-hashed files (`retainkit-core.0123abcdef.wasm`) cached for a year, `immutable`:
//!   their name changes when their content does, so a repeat page view fetches nothing;
//! - the loader `retainkit.js`, the one name that stays, cached briefly with an `ETag`: a
//!   revalidation costs a `304` and no body;
//! - each JavaScript file with `SourceMap: <file>.map`, its source map beside it.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// `Cache-Control` of a content-hashed file.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of the loader: a shop sees a new release within a minute.
pub const LOADER_CACHE: &str = "public, max-age=60";

/// Whether a file name carries a content hash: `<stem>.<10 hex>.<ext>`.
pub fn is_hashed(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else { return false };
    !stem.is_empty() && hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The service for `/dist`.
pub fn dist(dir: PathBuf) -> Router {
    Router::new()
        .route("/retainkit.js", get(loader))
        .with_state(dir.clone())
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(middleware::from_fn(cache_control))
}

/// The service for the merchant console's files (`/admin/`): compressed on the fly, and
/// never framed by another site (clickjacking an admin page), never sniffed, no referrer
/// beyond this origin. Its own preview frame (same origin) is allowed.
pub fn console(dir: PathBuf) -> Router {
    use tower_http::set_header::SetResponseHeaderLayer;
    let set = |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    Router::new()
        .fallback_service(ServeDir::new(dir))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(set(header::CONTENT_SECURITY_POLICY, "frame-ancestors 'self'; object-src 'none'; base-uri 'none'"))
        .layer(set(header::X_FRAME_OPTIONS, "SAMEORIGIN"))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        .layer(set(header::CACHE_CONTROL, "no-cache"))
}

/// The service for the demo shop's own files: compressed on the fly.
pub fn www(dir: PathBuf) -> Router {
    Router::new().fallback_service(ServeDir::new(dir)).layer(CompressionLayer::new().br(true).gzip(true))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or("").to_owned();
    let hashed = is_hashed(&name);
    let mut res = next.run(req).await;
    let served = matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
    let h = res.headers_mut();
    // The minified JavaScript's source map (the build writes `<file>.map` beside each; the
    // files carry no comment pointing to it): DevTools follows this header.
    if name.ends_with(".js") && served {
        if let Ok(v) = HeaderValue::from_str(&format!("{name}.map")) {
            h.insert(header::HeaderName::from_static("sourcemap"), v);
        }
    }
    // The body depends on Accept-Encoding: caches keep one copy per encoding.
    if !h.contains_key(header::VARY) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if hashed && matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT) {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    }
    res
}

/// The best encoding the client accepts of those the build wrote: brotli, then gzip.
fn encoding(headers: &HeaderMap) -> Option<&'static str> {
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut bits = part.split(';').map(str::trim);
            bits.next().is_some_and(|n| n.eq_ignore_ascii_case(name))
                && !bits.any(|q| q.replace(' ', "").eq_ignore_ascii_case("q=0") || q.replace(' ', "") == "q=0.0")
        })
    };
    if accepts("br") {
        Some("br")
    } else if accepts("gzip") {
        Some("gzip")
    } else {
        None
    }
}

async fn loader(State(dir): State<PathBuf>, headers: HeaderMap) -> Response {
    let Ok(raw) = tokio::fs::read(dir.join("retainkit.js")).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut hasher);
    let tag = format!("{:016x}", hasher.finish());
    let (body, enc) = match encoding(&headers) {
        Some(enc) => {
            let ext = if enc == "br" { "br" } else { "gz" };
            match tokio::fs::read(dir.join(format!("retainkit.js.{ext}"))).await {
                Ok(b) => (b, Some(enc)),
                Err(_) => (raw, None),
            }
        }
        None => (raw, None),
    };
    // One strong validator per representation.
    let etag = format!("\"{tag}{}\"", enc.map(|e| format!("-{e}")).unwrap_or_default());
    let mut res = if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == etag
        })
    }) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(body));
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
        if let Some(e) = enc {
            r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
        }
        r
    };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(LOADER_CACHE));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("retainkit-core.0123abcdef.wasm"));
        assert!(is_hashed("retainkit-loyalty-popups.d5d2735c69.wasm"));
        assert!(!is_hashed("retainkit.js"));
        assert!(!is_hashed("retainkit-core.0123ABCDEF.wasm"));
        assert!(!is_hashed("shop.css"));
        assert!(!is_hashed(".0123abcdef.js"));
    }

    #[test]
    fn encodings() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            encoding(&m)
        };
        assert_eq!(h("gzip, deflate, br, zstd"), Some("br"));
        assert_eq!(h("gzip"), Some("gzip"));
        assert_eq!(h("br;q=0, gzip;q=0.5"), Some("gzip"));
        assert_eq!(h("identity"), None);
        assert_eq!(encoding(&HeaderMap::new()), None);
    }
}
