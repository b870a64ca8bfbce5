//! Survey endpoints: store an NPS answer, report a survey's NPS.

use crate::error::ApiError;
use crate::idempotency::{Begun, Idempotent};
use crate::json::JsonBody;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use retainkit_contract::{is_valid_id, ErrorBody, FieldError, FieldErrors, NpsAnswer, NpsCategory, NpsCreated, NpsStats};

fn check_survey_id(id: &str) -> Result<(), ApiError> {
    if is_valid_id(id) {
        return Ok(());
    }
    let mut f = FieldErrors::new();
    f.insert("survey_id".to_owned(), FieldError::Invalid);
    Err(ApiError::Validation(f))
}

/// Stores an answer to an NPS question.
#[utoipa::path(
    post, path = "/v1/surveys/{survey_id}/responses", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 8–64 visible ASCII characters")),
    request_body = NpsAnswer,
    responses(
        (status = 201, description = "Stored (or replayed for a repeated Idempotency-Key)", body = NpsCreated),
        (status = 409, description = "A request with this key is still being processed", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Invalid fields, or the key reused with another body", body = ErrorBody),
        (status = 503, description = "Busy; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn create_response(
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    headers: HeaderMap,
    body: JsonBody<NpsAnswer>,
) -> Result<Response, ApiError> {
    check_survey_id(&survey_id)?;
    let answer = &body.value;
    answer.validate().map_err(ApiError::Validation)?;

    let mut op = match Idempotent::begin(&state.db, &headers, format!("survey_response:{survey_id}"), &body.raw).await? {
        Begun::Replay(r) => return Ok(r),
        Begun::Fresh(op) => op,
    };
    let category = NpsCategory::of(answer.score);
    let created_at = crate::db::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_responses (survey_id, score, category, comment, locale, page, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&survey_id)
    .bind(answer.score as i64)
    .bind(category.as_str())
    .bind(answer.clean_comment().map(str::to_owned))
    .bind(answer.locale.as_deref().map(|l| l.trim().to_owned()))
    .bind(answer.page.clone())
    .bind(created_at)
    .fetch_one(&mut *op.tx)
    .await?;
    tracing::info!(%survey_id, id, score = answer.score, "survey response stored");
    op.finish(StatusCode::CREATED, &NpsCreated { id, survey_id, score: answer.score, category, created_at }).await
}

/// The Net Promoter Score of a survey.
#[utoipa::path(
    get, path = "/v1/surveys/{survey_id}/nps", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey")),
    responses((status = 200, body = NpsStats), (status = 422, body = ErrorBody))
)]
pub async fn nps_stats(State(state): State<AppState>, Path(survey_id): Path<String>) -> Result<Json<NpsStats>, ApiError> {
    check_survey_id(&survey_id)?;
    let (p, s, d): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE category = 'promoter'), COUNT(*) FILTER (WHERE category = 'passive'),
                COUNT(*) FILTER (WHERE category = 'detractor')
         FROM survey_responses WHERE survey_id = $1",
    )
    .bind(&survey_id)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(Json(NpsStats::from_counts(&survey_id, p as u64, s as u64, d as u64)))
}
