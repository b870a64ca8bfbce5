//! CSV exports for the shop (`GET /v1/admin/exports/{file}`): RFC 4180 (comma, CRLF, quotes
//! doubled), UTF-8, one header row. Streamed a page of rows at a time (keyset by id), so a
//! table of any size never sits in memory. A cell that a spreadsheet would run as a formula
//! (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as
//! OWASP advises: an e-mail or a review text from a shopper cannot become a formula.

use crate::auth::Admin;
use crate::error::ApiError;
use crate::json::{Path, Query};
use crate::sql::Sql;
use crate::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
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
}

/// One export: its header and its query (the first column is the id, for the pages; the
/// others are text; `time` columns hold Unix times and are written as ISO 8601).
struct Export {
    header: &'static [&'static str],
    select: &'static str,
    table: &'static str,
    filter: Option<(&'static str, String)>,
    times: &'static [usize],
}

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
        },
        "leads.csv" => Export {
            header: &["id", "offer_id", "email", "consented_at", "locale", "page", "created_at"],
            select: "id, offer_id, email, consented_at, locale, page, created_at",
            table: "leads",
            filter: id(q.offer_id, "offer_id")?.map(|v| ("offer_id", v)),
            times: &[3, 6],
        },
        "reviews.csv" => Export {
            header: &["id", "product_id", "status", "rating", "title", "body", "author_name", "email", "locale", "verified", "spam", "reply", "created_at"],
            select: "id, product_id, status, CAST(rating AS TEXT), title, body, author_name, email, locale, CAST(verified AS TEXT), spam, reply_body, created_at",
            table: "reviews",
            filter: None,
            times: &[12],
        },
        _ => return Err(ApiError::not_found("Export")),
    })
}

/// A CSV file of the shop's data: `responses.csv` (every survey answer with its comment;
/// `?survey_id=`), `leads.csv` (e-mail addresses with the time of consent; `?offer_id=`),
/// `reviews.csv` (every review, with its status and the shop's reply).
#[utoipa::path(get, path = "/v1/admin/exports/{file}", tag = "exports", operation_id = "export_csv", security(("admin_key" = [])),
    params(("file" = String, Path, description = "`responses.csv`, `leads.csv` or `reviews.csv`"), ExportQuery),
    responses((status = 200, description = "RFC 4180 CSV, UTF-8, a header row first", content_type = "text/csv", body = String),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    _: Admin,
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let e = export_of(&file, q)?;
    let mut head = String::new();
    record(&mut head, e.header.iter().copied());
    // Pages of rows after the last id written, until one comes back short.
    let pages = futures_util::stream::unfold((state, e, Some(0i64)), |(state, e, after)| async move {
        let after = after?;
        let mut sql = Sql::new(&format!("SELECT {} FROM {} WHERE id > ", e.select, e.table));
        sql.bind(after);
        if let Some((col, v)) = &e.filter {
            sql.push(&format!(" AND {col} = ")).bind(v);
        }
        sql.push(" ORDER BY id LIMIT ").bind(PAGE);
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
            last = row.try_get::<i64, _>(0).unwrap_or(last);
            let cells: Vec<String> = (0..e.header.len())
                .map(|i| {
                    if i == 0 {
                        last.to_string()
                    } else if e.times.contains(&i) {
                        row.try_get::<Option<i64>, _>(i).ok().flatten().map(iso).unwrap_or_default()
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
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(pages);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"retainkit-{file}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(body),
    )
        .into_response())
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
