//! Components in a real browser (headless Chromium through wasm-bindgen-test-runner), one
//! file per widget family: rendering into a shadow root, the keyboard, events, server
//! errors, texts per language, storage that throws. The network is a stubbed `fetch`, so
//! each test decides what the server answers (the e2e tests use the real server), and each
//! test starts from a fresh page state ([`support::fresh`]).
#![cfg(target_arch = "wasm32")]

mod loyalty;
mod nps;
mod popups;
mod support;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
