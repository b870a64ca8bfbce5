//! The admin API as the console calls it: the session cookie goes along by itself (same
//! origin, `Path=/v1/admin`); every change carries the session's CSRF token.

use crate::texts::t;
use gloo_net::http::{Request, Response};
use retainkit_contract::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a call failed, in words for the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// 401: the session has ended (sign in again).
    SignedOut,
    Refused(String),
    /// 404: there is no such thing (yet).
    NotFound(String),
    Network,
}

impl Failure {
    pub fn message(&self) -> String {
        match self {
            Failure::SignedOut => t("Your session has ended. Sign in again.").into(),
            Failure::Refused(m) | Failure::NotFound(m) => m.clone(),
            Failure::Network => t("The server could not be reached. Try again.").into(),
        }
    }
}

async fn read<T: DeserializeOwned>(res: Result<Response, gloo_net::Error>) -> Result<T, Failure> {
    let res = res.map_err(|_| Failure::Network)?;
    if res.status() == 401 {
        return Err(Failure::SignedOut);
    }
    if !res.ok() {
        let message = match res.json::<ErrorBody>().await {
            // With the fields that are wrong, by name: "question: required".
            Ok(e) if !e.error.fields.is_empty() => {
                let fields: Vec<String> = e.error.fields.iter().map(|(k, v)| format!("{k}: {}", v.code().replace('_', " "))).collect();
                format!("{} {}", e.error.message, fields.join("; "))
            }
            Ok(e) => e.error.message,
            Err(_) => t("The server answered {status}.").replace("{status}", &res.status().to_string()),
        };
        return Err(if res.status() == 404 { Failure::NotFound(message) } else { Failure::Refused(message) });
    }
    if res.status() == 204 {
        return serde_json::from_str("null").map_err(|_| Failure::Refused(t("Unexpected answer.").into()));
    }
    res.json::<T>().await.map_err(|_| Failure::Refused(t("The server's answer could not be read.").into()))
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    read(Request::get(path).header("Accept", "application/json").send().await).await
}

/// POST/PUT/DELETE with the CSRF token.
pub async fn send<B: Serialize, T: DeserializeOwned>(method: &str, path: &str, csrf: &str, body: Option<&B>) -> Result<T, Failure> {
    send_once(method, path, csrf, body, None).await
}

/// [`send`] with an `Idempotency-Key`: the same key sent again (a retry, a second press)
/// changes nothing more.
pub async fn send_once<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    csrf: &str,
    body: Option<&B>,
    key: Option<&str>,
) -> Result<T, Failure> {
    let mut builder = match method {
        "PUT" => Request::put(path),
        "DELETE" => Request::delete(path),
        _ => Request::post(path),
    }
    .header("X-CSRF-Token", csrf)
    .header("Accept", "application/json");
    if let Some(key) = key {
        builder = builder.header("Idempotency-Key", key);
    }
    let sent = match body {
        Some(b) => match builder.json(b) {
            Ok(req) => req.send().await,
            Err(_) => return Err(Failure::Refused(t("Could not write the request.").into())),
        },
        None => builder.send().await,
    };
    read(sent).await
}
