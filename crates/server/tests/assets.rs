//! Delivery of the widgets' files (`/dist`): compressed for whoever accepts it, hashed files
//! cached for a year, the loader briefly with an ETag, and the demo's files compressed too.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use retainkit_server::assets;
use tower::ServiceExt;

const CORE: &str = "retainkit-core.0123abcdef.wasm";

fn dist() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join(CORE), b"\0asm-core").unwrap();
    std::fs::write(p.join(format!("{CORE}.br")), b"br-core").unwrap();
    std::fs::write(p.join(format!("{CORE}.gz")), b"gz-core").unwrap();
    std::fs::write(p.join("retainkit.js"), b"/*loader*/").unwrap();
    std::fs::write(p.join("retainkit.js.br"), b"br-loader").unwrap();
    std::fs::write(p.join("retainkit.js.gz"), b"gz-loader").unwrap();
    let app = Router::new().nest_service("/dist", assets::dist(p.to_path_buf()));
    (dir, app)
}

async fn get(app: &Router, path: &str, headers: &[(header::HeaderName, &str)]) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(path);
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

fn h(headers: &axum::http::HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

#[tokio::test]
async fn hashed_files_are_compressed_and_immutable() {
    let (_dir, app) = dist();
    let path = format!("/dist/{CORE}");
    let (status, headers, body) = get(&app, &path, &[(header::ACCEPT_ENCODING, "gzip, deflate, br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((h(&headers, header::CONTENT_ENCODING), body.as_slice()), ("br", &b"br-core"[..]));
    assert_eq!(h(&headers, header::CONTENT_TYPE), "application/wasm");
    assert_eq!(h(&headers, header::CACHE_CONTROL), assets::IMMUTABLE);
    assert!(h(&headers, header::VARY).to_ascii_lowercase().contains("accept-encoding"));

    let (_, headers, body) = get(&app, &path, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!((h(&headers, header::CONTENT_ENCODING), body.as_slice()), ("gzip", &b"gz-core"[..]));
    // Only a client that accepts neither gets the file as it is.
    let (_, headers, body) = get(&app, &path, &[]).await;
    assert_eq!((h(&headers, header::CONTENT_ENCODING), body.as_slice()), ("", &b"\0asm-core"[..]));
}

#[tokio::test]
async fn the_loader_is_cached_briefly_and_revalidated_with_its_etag() {
    let (dir, app) = dist();
    let (status, headers, body) = get(&app, "/dist/retainkit.js", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(h(&headers, header::HeaderName::from_static("sourcemap")), "retainkit.js.map", "DevTools finds the source map");
    assert_eq!(status, StatusCode::OK);
    assert_eq!((h(&headers, header::CONTENT_ENCODING), body.as_slice()), ("br", &b"br-loader"[..]));
    assert_eq!(h(&headers, header::CACHE_CONTROL), assets::LOADER_CACHE);
    assert!(h(&headers, header::CONTENT_TYPE).starts_with("text/javascript"));
    let etag = h(&headers, header::ETAG).to_owned();
    assert!(etag.starts_with('"') && etag.ends_with("-br\""), "{etag}");

    // Revalidation: 304, no body.
    let (status, headers, body) = get(&app, "/dist/retainkit.js", &[(header::ACCEPT_ENCODING, "br"), (header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!((status, body.len()), (StatusCode::NOT_MODIFIED, 0));
    assert_eq!(h(&headers, header::ETAG), etag);

    // Another representation has another validator.
    let (_, headers, body) = get(&app, "/dist/retainkit.js", &[(header::ACCEPT_ENCODING, "gzip"), (header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!((h(&headers, header::CONTENT_ENCODING), body.as_slice()), ("gzip", &b"gz-loader"[..]));

    // A new release: the old validator no longer matches.
    std::fs::write(dir.path().join("retainkit.js"), b"/*loader 2*/").unwrap();
    let (status, headers, _) = get(&app, "/dist/retainkit.js", &[(header::ACCEPT_ENCODING, "br"), (header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(h(&headers, header::ETAG), etag);
}

#[tokio::test]
async fn the_demo_shops_files_are_compressed_on_the_fly() {
    let dir = tempfile::tempdir().unwrap();
    let js = "console.log('a demo shop script that is long enough to be worth compressing');\n".repeat(20);
    std::fs::write(dir.path().join("shop.js"), &js).unwrap();
    let app = Router::new().fallback_service(assets::www(dir.path().to_path_buf()));
    let (status, headers, body) = get(&app, "/shop.js", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&headers, header::CONTENT_ENCODING), "br");
    assert!(body.len() < js.len() / 4, "{} of {}", body.len(), js.len());
}

#[tokio::test]
async fn the_console_is_never_framed_by_another_site_nor_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), b"<!doctype html><title>console</title>").unwrap();
    let app = Router::new().nest_service("/admin/", assets::console(dir.path().to_path_buf()));
    for path in ["/admin/", "/admin/index.html", "/admin/nothing-here.js"] {
        let (status, headers, _) = get(&app, path, &[]).await;
        assert!(matches!(status, StatusCode::OK | StatusCode::NOT_FOUND), "{path}: {status}");
        assert_eq!(h(&headers, header::X_FRAME_OPTIONS), "SAMEORIGIN", "{path}");
        assert!(h(&headers, header::CONTENT_SECURITY_POLICY).contains("frame-ancestors 'self'"), "{path}");
        assert_eq!(h(&headers, header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
        assert_eq!(h(&headers, header::REFERRER_POLICY), "same-origin", "{path}");
    }
    let (status, _, body) = get(&app, "/admin/", &[]).await;
    assert_eq!((status, body.as_slice()), (StatusCode::OK, &b"<!doctype html><title>console</title>"[..]));
}
