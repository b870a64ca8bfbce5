//! CSV exports for the shop (`GET /v1/admin/exports/{file}`): RFC 4180 (comma, CRLF, quotes
//! doubled), UTF-8, one header row. Streamed a page of rows at a time (keyset by id), so a
//! table of any size never sits in memory. A cell that a spreadsheet would run as a formula
//! (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as
//! OWASP advises: an e-mail or a review text from a shopper cannot become a formula.

use crate::auth::Admin;
use crate::error::ApiError;
use crate::json::{Path, Query};
use crate::loyalty::PROGRAM_KEY;
use crate::settings;
use crate::sql::{Arg, Sql};
use crate::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use retainkit_contract::loyalty::{tier_progress, Program};
use retainkit_contract::{is_valid_id, ErrorBody, FieldError};
use serde::Deserialize;
use sqlx::Row;

/// Rows per page read from the database.
const PAGE: i64 = 1_000;

/// Appends one CSV cell.
pub fn cell(out: &mut String, value: &str) {
    let guarded = matches!(value.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let quoted = guarded || value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}

/// Appends one CSV record (CRLF-terminated).
pub fn record<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c);
    }
    out.push_str("\r\n");
}

/// `2026-11-30T14:05:09Z` of a Unix time.
pub fn iso(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let s = seconds.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", crate::surveys::civil_date(days), s / 3600, s / 60 % 60, s % 60)
}

/// What may narrow an export.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `responses.csv`: only this survey's answers.
    #[serde(default)]
    pub survey_id: Option<String>,
    /// `leads.csv`: only this offer's leads.
    #[serde(default)]
    pub offer_id: Option<String>,
    /// `ledger.csv`: only this member's entries.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// `segments.csv`: Unix seconds to compute the scores at; default now.
    #[serde(default)]
    pub as_of: Option<i64>,
}

/// One export: its header and its query (the first column is the key the pages go by: the
/// integer `id`, or for members the customer id; `time` columns hold Unix times and are written
/// as ISO 8601; a `tier` column holds lifetime points and is written as the tier reached).
struct Export {
    header: &'static [&'static str],
    select: &'static str,
    table: &'static str,
    key: Key,
    filter: Option<(&'static str, String)>,
    times: &'static [usize],
    tier: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Key {
    Id,
    CustomerId,
}

impl Key {
    fn column(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::CustomerId => "customer_id",
        }
    }

    fn first(self) -> Arg {
        match self {
            Key::Id => Arg::I(0),
            Key::CustomerId => Arg::S(String::new()),
        }
    }
}

const BASE: Export = Export { header: &[], select: "", table: "", key: Key::Id, filter: None, times: &[], tier: None };

fn export_of(file: &str, q: ExportQuery) -> Result<Export, ApiError> {
    let id = |v: Option<String>, name: &str| -> Result<Option<String>, ApiError> {
        match v {
            Some(v) if !is_valid_id(&v) => Err(ApiError::field(name, FieldError::Invalid)),
            v => Ok(v),
        }
    };
    Ok(match file {
        "responses.csv" => Export {
            header: &["id", "survey_id", "created_at", "score", "category", "choice", "text", "comment", "locale", "page"],
            select: "id, survey_id, created_at, CAST(score AS TEXT), category, choice, text, comment, locale, page",
            table: "survey_responses",
            filter: id(q.survey_id, "survey_id")?.map(|v| ("survey_id", v)),
            times: &[2],
            ..BASE
        },
        "leads.csv" => Export {
            header: &["id", "offer_id", "email", "consented_at", "locale", "page", "created_at"],
            select: "id, offer_id, email, consented_at, locale, page, created_at",
            table: "leads",
            filter: id(q.offer_id, "offer_id")?.map(|v| ("offer_id", v)),
            times: &[3, 6],
            ..BASE
        },
        "reviews.csv" => Export {
            header: &["id", "product_id", "status", "rating", "title", "body", "author_name", "email", "locale", "verified", "spam", "reply", "created_at"],
            select: "id, product_id, status, CAST(rating AS TEXT), title, body, author_name, email, locale, CAST(verified AS TEXT), spam, reply_body, created_at",
            table: "reviews",
            filter: None,
            times: &[12],
            ..BASE
        },
        "members.csv" => Export {
            header: &["customer_id", "balance", "lifetime", "tier", "last_activity", "created_at"],
            select: "customer_id, CAST(balance AS TEXT), CAST(lifetime AS TEXT), lifetime, \
                     (SELECT l.created_at FROM loyalty_ledger l WHERE l.customer_id = a.customer_id ORDER BY l.id DESC LIMIT 1), created_at",
            table: "loyalty_accounts a",
            key: Key::CustomerId,
            times: &[4, 5],
            tier: Some(3),
            ..BASE
        },
        "ledger.csv" => Export {
            header: &["id", "customer_id", "delta", "reason", "reference", "coupon", "note", "created_at"],
            select: "id, customer_id, CAST(delta AS TEXT), reason, ref, coupon, note, created_at",
            table: "loyalty_ledger",
            filter: id(q.customer_id, "customer_id")?.map(|v| ("customer_id", v)),
            times: &[7],
            ..BASE
        },
        _ => return Err(ApiError::not_found("Export")),
    })
}

/// A CSV file of the shop's data: `responses.csv` (every survey answer with its comment;
/// `?survey_id=`), `leads.csv` (e-mail addresses with the time of consent; `?offer_id=`),
/// `reviews.csv` (every review, with its status and the shop's reply), `members.csv` (loyalty
/// members: balance, lifetime points, tier, last activity), `ledger.csv` (every points
/// change; `?customer_id=`), `segments.csv` (every customer with orders: RFM scores and
/// segment; `?as_of=`).
#[utoipa::path(get, path = "/v1/admin/exports/{file}", tag = "exports", operation_id = "export_csv", security(("admin_key" = [])),
    params(("file" = String, Path, description = "`responses.csv`, `leads.csv`, `reviews.csv`, `members.csv`, `ledger.csv` or `segments.csv`"), ExportQuery),
    responses((status = 200, description = "RFC 4180 CSV, UTF-8, a header row first", content_type = "text/csv", body = String),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    _: Admin,
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    if file == "segments.csv" {
        return segments_csv(state, q.as_of).await;
    }
    let e = export_of(&file, q)?;
    let tiers = match e.tier {
        Some(_) => settings::get::<Option<Program>>(&state.db, PROGRAM_KEY, || None).await?.map(|p| p.tiers).unwrap_or_default(),
        None => Vec::new(),
    };
    let mut head = String::new();
    record(&mut head, e.header.iter().copied());
    // Pages of rows after the last key written, until one comes back short.
    let first = e.key.first();
    let pages = futures_util::stream::unfold((state, e, Some(first)), move |(state, e, after)| {
        let tiers = tiers.clone();
        async move {
            let after = after?;
            let key = e.key.column();
            let mut sql = Sql::new(&format!("SELECT {} FROM {} WHERE {key} > ", e.select, e.table));
            sql.bind(after.clone());
            if let Some((col, v)) = &e.filter {
                sql.push(&format!(" AND {col} = ")).bind(v);
            }
            sql.push(&format!(" ORDER BY {key} LIMIT ")).bind(PAGE);
            let rows = match sql.query().fetch_all(&state.db.pool).await {
                Ok(rows) => rows,
                // The file so far has gone out: end it (the client sees a short file).
                Err(err) => {
                    tracing::error!(error = %err, "export stopped");
                    return Some((Err(std::io::Error::other("export stopped")), (state, e, None)));
                }
            };
            let mut out = String::new();
            let mut last = after;
            for row in &rows {
                last = match e.key {
                    Key::Id => Arg::I(row.try_get::<i64, _>(0).unwrap_or_default()),
                    Key::CustomerId => Arg::S(row.try_get::<String, _>(0).unwrap_or_default()),
                };
                let cells: Vec<String> = (0..e.header.len())
                    .map(|i| {
                        if i == 0 {
                            match &last {
                                Arg::I(v) => v.to_string(),
                                Arg::S(v) => v.clone(),
                            }
                        } else if e.times.contains(&i) {
                            row.try_get::<Option<i64>, _>(i).ok().flatten().map(iso).unwrap_or_default()
                        } else if e.tier == Some(i) {
                            let lifetime = row.try_get::<i64, _>(i).unwrap_or_default();
                            tier_progress(&tiers, lifetime).current.unwrap_or_default()
                        } else {
                            row.try_get::<Option<String>, _>(i).ok().flatten().unwrap_or_default()
                        }
                    })
                    .collect();
                record(&mut out, cells.iter().map(String::as_str));
            }
            let next = (rows.len() as i64 == PAGE).then_some(last);
            if rows.is_empty() {
                return None;
            }
            Some((Ok::<_, std::io::Error>(out), (state, e, next)))
        }
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(pages);
    Ok(csv_response(&file, Body::from_stream(body)))
}

fn csv_response(file: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"retainkit-{file}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// `segments.csv`: every customer with orders, scored. The scores need every customer at
/// once (quintiles), so the table is computed first (one small row per customer), then
/// written out a page at a time.
async fn segments_csv(state: AppState, as_of: Option<i64>) -> Result<Response, ApiError> {
    let members = crate::segments::scored(&state, as_of.unwrap_or_else(crate::db::now)).await?;
    let mut head = String::new();
    record(&mut head, ["customer_id", "segment", "recency", "frequency", "monetary", "orders", "spent", "last_order_at"]);
    let size = PAGE as usize;
    let pages = (0..members.len().div_ceil(size)).map(move |i| {
        let mut out = String::new();
        for m in &members[i * size..((i + 1) * size).min(members.len())] {
            let (r, f, mo, n, spent) =
                (m.recency.to_string(), m.frequency.to_string(), m.monetary.to_string(), m.orders.to_string(), m.spent.to_string());
            let last = iso(m.last_order_at);
            record(&mut out, [m.customer_id.as_str(), m.segment.as_str(), &r, &f, &mo, &n, &spent, &last]);
        }
        out
    });
    let pages = futures_util::stream::iter(std::iter::once(head).chain(pages).map(Ok::<_, std::io::Error>));
    Ok(csv_response("segments.csv", Body::from_stream(pages)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> String {
        let mut s = String::new();
        record(&mut s, cells.iter().copied());
        s
    }

    #[test]
    fn rfc_4180_with_the_formula_guard() {
        assert_eq!(line(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(line(&["x,y", "say \"hi\"", "two\nlines"]), "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
        // A cell a spreadsheet would run is text.
        for (v, want) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "\"'+1\""),
            ("-2", "\"'-2\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
        ] {
            assert_eq!(line(&[v]), format!("{want}\r\n"), "{v}");
        }
        assert_eq!(line(&["a=b", " lead"]), "a=b,\" lead\"\r\n");
        assert_eq!(line(&["Zażółć gęślą"]), "Zażółć gęślą\r\n");
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_796_047_509), "2026-11-30T14:05:09Z");
    }
}
