//! Survey endpoints: the surveys active on a page, displays, answers (NPS, CSAT, single
//! choice, text) with a follow-up added later, and the shop's definitions and statistics.

use crate::audience::{Judge, Viewer};
use crate::auth::Admin;
use crate::db::{now, Tx};
use crate::definitions::{self, Kind};
use crate::error::ApiError;
use crate::idempotency::{Begun, Idempotent};
use crate::json::JsonBody;
use crate::json::{Path, Query};
use crate::page;
use crate::sql::Sql;
use crate::webhooks;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use retainkit_contract::admin::*;
use retainkit_contract::survey::*;
use retainkit_contract::webhooks::WebhookEvent;
use retainkit_contract::{is_valid_id, ErrorBody, FieldError};

fn check_survey_id(id: &str) -> Result<(), ApiError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(ApiError::field("survey_id", FieldError::Invalid))
    }
}

async fn definition(state: &AppState, id: &str) -> Result<Option<SurveyDefinition>, ApiError> {
    definitions::get(&state.db, Kind::Survey, id).await
}

/// The definition of a survey the shop has; answers and displays of any other are refused.
async fn known(state: &AppState, id: &str) -> Result<SurveyDefinition, ApiError> {
    definition(state, id)
        .await?
        .ok_or_else(|| ApiError::Status(StatusCode::NOT_FOUND, "survey_not_found", "The shop has no survey with this id.".to_owned()))
}

/// Adds one to a survey's count for the day of `at` (and the answer, for `survey_daily`),
/// in the transaction that stores the row it counts.
async fn count(tx: &mut Tx<'_>, table: &str, survey_id: &str, at: i64, answer: Option<&str>) -> Result<(), ApiError> {
    let sql = match answer {
        Some(_) => format!(
            "INSERT INTO {table} (survey_id, day, answer, count) VALUES ($1, $2, $3, 1)
             ON CONFLICT (survey_id, day, answer) DO UPDATE SET count = {table}.count + 1"
        ),
        None => format!(
            "INSERT INTO {table} (survey_id, day, count) VALUES ($1, $2, 1)
             ON CONFLICT (survey_id, day) DO UPDATE SET count = {table}.count + 1"
        ),
    };
    let mut q = sqlx::query(&sql).bind(survey_id).bind(at.div_euclid(86_400));
    if let Some(a) = answer {
        q = q.bind(a);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

fn edit_token() -> String {
    let mut t = crate::rewards::random_code("");
    t.push_str(&crate::rewards::random_code(""));
    t.push_str(&crate::rewards::random_code(""));
    t
}

/// Stores an answer. A survey without a definition on the server is an NPS question.
#[utoipa::path(
    post, path = "/v1/surveys/{survey_id}/responses", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 8–64 visible ASCII characters")),
    request_body = SurveyAnswer,
    responses(
        (status = 201, description = "Stored (or replayed for a repeated Idempotency-Key)", body = ResponseCreated),
        (status = 409, description = "A request with this key is still being processed", body = ErrorBody),
        (status = 413, description = "Body over 16 KiB", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Invalid fields, or the key reused with another body", body = ErrorBody),
        (status = 429, description = "Too many requests; retry after `Retry-After` seconds", body = ErrorBody),
        (status = 503, description = "Busy; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn create_response(
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    headers: HeaderMap,
    body: JsonBody<SurveyAnswer>,
) -> Result<Response, ApiError> {
    check_survey_id(&survey_id)?;
    let answer = &body.value;
    let def = known(&state, &survey_id).await?;
    let kind = def.kind;
    answer.validate_for(kind, &def.choice_ids()).map_err(ApiError::Validation)?;

    let mut op = match Idempotent::begin(&state.db, &headers, format!("survey_response:{survey_id}"), &body.raw).await? {
        Begun::Replay(r) => return Ok(r),
        Begun::Fresh(op) => op,
    };
    let score = match kind {
        SurveyKind::Nps | SurveyKind::Csat => answer.score,
        _ => None,
    };
    let category = if kind == SurveyKind::Nps { score.map(NpsCategory::of) } else { None };
    let created_at = now();
    let token = edit_token();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_responses (survey_id, score, category, choice, text, comment, locale, page, display_id, edit_token, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(&survey_id)
    .bind(score.map(|s| s as i64))
    .bind(category.map(|c| c.as_str()))
    .bind(if kind == SurveyKind::SingleChoice { answer.choice.clone() } else { None })
    .bind(if kind == SurveyKind::Text { answer.text.as_deref().map(|t| t.trim().to_owned()) } else { None })
    .bind(answer.clean_comment().map(str::to_owned))
    .bind(answer.locale.as_deref().map(|l| l.trim().to_owned()))
    .bind(answer.page.clone())
    .bind(answer.display_id)
    .bind(&token)
    .bind(created_at)
    .fetch_one(&mut *op.tx)
    .await?;
    let counted_as = match kind {
        SurveyKind::Nps | SurveyKind::Csat => score.map(|s| s.to_string()),
        SurveyKind::SingleChoice => answer.choice.clone(),
        _ => None,
    };
    count(&mut op.tx, "survey_daily", &survey_id, created_at, counted_as.as_deref().or(Some(""))).await?;
    let data = serde_json::json!({"id": id, "survey_id": survey_id, "kind": kind, "score": score, "category": category,
        "choice": answer.choice, "text": answer.text, "comment": answer.clean_comment(), "locale": answer.locale,
        "page": answer.page, "created_at": created_at});
    webhooks::enqueue(&mut op.tx, WebhookEvent::SurveyResponse, data).await?;
    tracing::info!(%survey_id, id, ?score, "survey response stored");
    op.finish(StatusCode::CREATED, &ResponseCreated { id, survey_id, score, category, created_at, edit_token: token }).await
}

/// Adds the follow-up text to an answer (a partial response completed). Only the browser
/// that sent the answer holds its edit token.
#[utoipa::path(
    patch, path = "/v1/surveys/{survey_id}/responses/{response_id}", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey"), ("response_id" = i64, Path, description = "The answer")),
    request_body = ResponsePatch,
    responses((status = 200, body = ResponseCreated), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn patch_response(
    State(state): State<AppState>,
    Path((survey_id, id)): Path<(String, i64)>,
    body: JsonBody<ResponsePatch>,
) -> Result<Json<ResponseCreated>, ApiError> {
    check_survey_id(&survey_id)?;
    body.value.validate().map_err(ApiError::Validation)?;
    let comment = Some(body.value.comment.trim().to_owned()).filter(|c| !c.is_empty());
    let mut tx = state.db.begin().await?;
    let updated =
        sqlx::query("UPDATE survey_responses SET comment = $1, updated_at = $2 WHERE id = $3 AND survey_id = $4 AND edit_token = $5")
            .bind(comment.clone())
            .bind(now())
            .bind(id)
            .bind(&survey_id)
            .bind(body.value.edit_token.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if updated != 1 {
        return Err(ApiError::not_found("Response"));
    }
    let (score, category, created_at): (Option<i64>, Option<String>, i64) =
        sqlx::query_as("SELECT score, category, created_at FROM survey_responses WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
    let category = category.as_deref().and_then(NpsCategory::parse);
    let data = serde_json::json!({"id": id, "survey_id": survey_id, "score": score, "category": category, "comment": comment, "created_at": created_at});
    webhooks::enqueue(&mut tx, WebhookEvent::SurveyResponseUpdated, data).await?;
    tx.commit().await?;
    Ok(Json(ResponseCreated {
        id,
        survey_id,
        score: score.map(|s| s as u8),
        category,
        created_at,
        edit_token: body.value.edit_token.clone(),
    }))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActiveQuery {
    /// The page's path with its query, e.g. `/products/batik?color=blue`.
    pub url: String,
    #[serde(default)]
    pub locale: Option<String>,
    /// Surveys the page's HTML places as popups (`<rk-survey survey-id placement="popup">`),
    /// comma-separated: each is listed whatever its page rules, as a popup.
    #[serde(default)]
    pub placed: Option<String>,
}

/// The popup and inline surveys that may show on a page.
#[utoipa::path(get, path = "/v1/surveys/active", tag = "surveys", operation_id = "surveys_active", params(ActiveQuery), responses((status = 200, body = ActiveSurveys)))]
pub async fn active(State(state): State<AppState>, viewer: Viewer, Query(q): Query<ActiveQuery>) -> Result<Json<ActiveSurveys>, ApiError> {
    let judge = Judge::new(&state, viewer);
    let mut surveys = Vec::new();
    let placed = definitions::placed_ids(q.placed.as_deref());
    let mut all = definitions::all::<AdminSurvey>(&state.db, Kind::Survey).await?;
    definitions::place_first(&mut all, &placed, |d| &d.survey.id, |d| &mut d.survey.display.audience.urls);
    for mut d in all {
        // Placed as a popup: an inline survey shows in the corner, at once unless the shop
        // gave it triggers.
        if placed.contains(&d.survey.id.as_str()) && d.survey.display.placement == Placement::Inline {
            d.survey.display.placement = Placement::BottomRight;
            if d.survey.display.triggers.is_empty() {
                d.survey.display.triggers.push(Trigger::PageView { delay_seconds: 0 });
            }
        }
        if d.survey.display.shows_on(&q.url, q.locale.as_deref()) && judge.admits(d.customers.as_ref()).await? {
            surveys.push(d.survey);
        }
    }
    Ok(Json(ActiveSurveys { surveys }))
}

/// One survey's definition (for `<rk-survey survey-id>`).
#[utoipa::path(get, path = "/v1/surveys/{survey_id}", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey")),
    responses((status = 200, body = SurveyDefinition), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn get_definition(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(survey_id): Path<String>,
) -> Result<Json<SurveyDefinition>, ApiError> {
    check_survey_id(&survey_id)?;
    match definitions::get::<AdminSurvey>(&state.db, Kind::Survey, &survey_id).await? {
        // A survey for other customers is, for this shopper, not there.
        Some(d) if Judge::new(&state, viewer).admits(d.customers.as_ref()).await? => Ok(Json(d.survey)),
        _ => Err(ApiError::not_found("Survey")),
    }
}

/// The widget showed a survey.
#[utoipa::path(post, path = "/v1/surveys/{survey_id}/displays", tag = "surveys",
    params(("survey_id" = String, Path, description = "The survey")), request_body = DisplayCreate,
    responses((status = 201, body = DisplayRecorded), (status = 422, body = ErrorBody)))]
pub async fn display(
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    body: JsonBody<DisplayCreate>,
) -> Result<(StatusCode, Json<DisplayRecorded>), ApiError> {
    check_survey_id(&survey_id)?;
    if !is_valid_id(&body.value.visitor_id) {
        return Err(ApiError::field("visitor_id", FieldError::Invalid));
    }
    known(&state, &survey_id).await?;
    let at = now();
    let mut tx = state.db.begin().await?;
    let id: i64 =
        sqlx::query_scalar("INSERT INTO survey_displays (survey_id, visitor_id, page, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(&survey_id)
            .bind(body.value.visitor_id.clone())
            .bind(body.value.page.clone())
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
    count(&mut tx, "survey_display_daily", &survey_id, at, None).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(DisplayRecorded { id })))
}

/// A survey as the shop defined it.
#[utoipa::path(get, path = "/v1/admin/surveys/{survey_id}", tag = "surveys", operation_id = "get_survey", security(("admin_key" = [])),
    params(("survey_id" = String, Path, description = "The survey")),
    responses((status = 200, body = AdminSurvey), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn admin_get(_: Admin, State(state): State<AppState>, Path(survey_id): Path<String>) -> Result<Json<AdminSurvey>, ApiError> {
    check_survey_id(&survey_id)?;
    definitions::get(&state.db, definitions::Kind::Survey, &survey_id).await?.map(Json).ok_or_else(|| ApiError::not_found("Survey"))
}

/// A survey's answers with their comments, newest first, a page at a time; filtered by NPS
/// group, time, page and whether a comment was given. Keyset pages over the
/// `(survey_id, created_at, id)` index: no `OFFSET`, no count.
#[utoipa::path(get, path = "/v1/admin/surveys/{survey_id}/responses", tag = "surveys", operation_id = "list_survey_responses",
    security(("admin_key" = [])), params(("survey_id" = String, Path, description = "The survey"), ResponseQuery),
    responses((status = 200, body = AdminResponsePage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn admin_responses(
    _: Admin,
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    Query(q): Query<ResponseQuery>,
) -> Result<Json<AdminResponsePage>, ApiError> {
    check_survey_id(&survey_id)?;
    let limit = page::limit(q.limit);
    // Only the filters asked for: each one left out is one condition fewer for the planner.
    let mut sql =
        Sql::new("SELECT id, score, category, choice, text, comment, locale, page, created_at FROM survey_responses WHERE survey_id = ");
    sql.bind(&survey_id);
    if let Some(c) = q.category {
        sql.push(" AND category = ").bind(c.as_str());
    }
    if let Some(from) = q.from {
        sql.push(" AND created_at >= ").bind(from);
    }
    if let Some(to) = q.to {
        sql.push(" AND created_at < ").bind(to);
    }
    if let Some(p) = &q.page {
        sql.push(" AND substr(page, 1, CAST(").bind(p.chars().count() as i64).push(" AS INTEGER)) = ").bind(p);
    }
    if q.with_comment == Some(true) {
        sql.push(" AND comment IS NOT NULL AND comment <> ''");
    }
    page::Newest::finish(q.cursor.as_deref(), &mut sql, limit)?;
    type Row = (i64, Option<i64>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sql.query_as().fetch_all(&state.db.pool).await?;
    let rows = rows
        .into_iter()
        .map(|(id, score, category, choice, text, comment, locale, page, created_at)| AdminResponse {
            id,
            score: score.and_then(|s| u8::try_from(s).ok()),
            category: category.as_deref().and_then(NpsCategory::parse),
            choice,
            text,
            comment,
            locale,
            page,
            created_at,
        })
        .collect();
    let (items, next_cursor) = page::split(rows, limit, |r: &AdminResponse| page::Newest::encode(r.created_at, r.id));
    Ok(Json(AdminResponsePage { items, next_cursor }))
}

/// The shop's surveys, by id, a page at a time.
#[utoipa::path(get, path = "/v1/admin/surveys", tag = "surveys", operation_id = "list_surveys", security(("admin_key" = [])),
    params(PageQuery),
    responses((status = 200, body = SurveyDefinitionPage), (status = 401, body = ErrorBody)))]
pub async fn admin_list(
    _: Admin,
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
) -> Result<Json<SurveyDefinitionPage>, ApiError> {
    let (items, next_cursor) = definitions::page(&state.db, definitions::Kind::Survey, &q).await?;
    Ok(Json(SurveyDefinitionPage { items, next_cursor }))
}

/// Creates or replaces a survey.
#[utoipa::path(put, path = "/v1/admin/surveys/{survey_id}", tag = "surveys", operation_id = "put_survey", security(("admin_key" = [])),
    params(("survey_id" = String, Path, description = "The survey")), request_body = AdminSurvey,
    responses((status = 200, body = AdminSurvey), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_definition(
    _: Admin,
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    body: JsonBody<AdminSurvey>,
) -> Result<Json<AdminSurvey>, ApiError> {
    definitions::replace(&state.db, &survey_id, body.value).await
}

/// Answers as the daily counts hold them (value → count), for all time or one period.
struct Tally {
    responses: u64,
    /// Per value, most first (a text answer's empty value counts only in `responses`).
    counts: Vec<AnswerCount>,
    /// Per score 0–10.
    by_score: [u64; 11],
}

impl Tally {
    fn of(answers: Vec<(String, u64)>) -> Tally {
        let mut by_score = [0; 11];
        for (a, n) in &answers {
            if let Some(s) = a.parse::<usize>().ok().filter(|s| *s <= 10) {
                by_score[s] += n;
            }
        }
        let responses = answers.iter().map(|(_, n)| n).sum();
        let mut counts: Vec<AnswerCount> =
            answers.into_iter().filter(|(a, _)| !a.is_empty()).map(|(answer, count)| AnswerCount { answer, count }).collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.answer.cmp(&b.answer)));
        Tally { responses, counts, by_score }
    }

    /// Promoters, passives and detractors, by the contract's `NpsCategory::of`.
    fn nps_groups(&self) -> (u64, u64, u64) {
        let mut g = (0, 0, 0);
        for (score, n) in self.by_score.iter().enumerate() {
            match NpsCategory::of(score as u8) {
                NpsCategory::Promoter => g.0 += n,
                NpsCategory::Passive => g.1 += n,
                NpsCategory::Detractor => g.2 += n,
            }
        }
        g
    }

    /// Answers 1 to 5 (CSAT).
    fn csat(&self) -> [u64; 5] {
        [1, 2, 3, 4, 5].map(|s| self.by_score[s])
    }
}

/// `YYYY-MM-DD` of a day number since 1970-01-01 (proleptic Gregorian, UTC).
pub fn civil_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A survey's results: NPS or CSAT, counts per answer, responses per day.
#[utoipa::path(get, path = "/v1/admin/surveys/{survey_id}/stats", tag = "surveys", operation_id = "survey_stats", security(("admin_key" = [])),
    params(("survey_id" = String, Path, description = "The survey")),
    responses((status = 200, body = SurveyStats), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn stats(_: Admin, State(state): State<AppState>, Path(survey_id): Path<String>) -> Result<Json<SurveyStats>, ApiError> {
    check_survey_id(&survey_id)?;
    let kind = definition(&state, &survey_id).await?.map(|d| d.kind).unwrap_or(SurveyKind::Nps);
    // From the daily counts: the cost does not grow with the number of answers.
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT answer, CAST(SUM(count) AS BIGINT) FROM survey_daily WHERE survey_id = $1 GROUP BY answer")
            .bind(&survey_id)
            .fetch_all(&state.db.pool)
            .await?;
    let t = Tally::of(rows.into_iter().map(|(a, n)| (a, n as u64)).collect());
    let nps = (kind == SurveyKind::Nps).then(|| {
        let (p, pa, d) = t.nps_groups();
        nps_score(p, pa, d)
    });
    let csat = (kind == SurveyKind::Csat).then(|| csat_satisfied_percent(t.csat())).flatten();
    let per_day: Vec<(i64, i64)> =
        sqlx::query_as("SELECT day, CAST(SUM(count) AS BIGINT) FROM survey_daily WHERE survey_id = $1 GROUP BY day ORDER BY day")
            .bind(&survey_id)
            .fetch_all(&state.db.pool)
            .await?;
    let displays: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM survey_display_daily WHERE survey_id = $1")
        .bind(&survey_id)
        .fetch_one(&state.db.pool)
        .await?;
    Ok(Json(SurveyStats {
        survey_id,
        kind,
        responses: t.responses,
        displays: displays as u64,
        nps: nps.flatten(),
        csat_satisfied_percent: csat,
        counts: t.counts,
        per_day: per_day.into_iter().map(|(d, n)| DayCount { day: civil_date(d), responses: n as u64 }).collect(),
    }))
}

/// A survey's results per day, week or month: answers, and NPS or CSAT with a 95 %
/// confidence interval. From the daily counts: the cost grows with the days asked for, not
/// with the number of answers.
#[utoipa::path(get, path = "/v1/admin/surveys/{survey_id}/results", tag = "surveys", operation_id = "survey_results",
    security(("admin_key" = [])), params(("survey_id" = String, Path, description = "The survey"), PeriodQuery),
    responses((status = 200, body = SurveyResults), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn results(
    _: Admin,
    State(state): State<AppState>,
    Path(survey_id): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<SurveyResults>, ApiError> {
    check_survey_id(&survey_id)?;
    let periods = crate::periods::Periods::of(&q)?;
    let kind = definition(&state, &survey_id).await?.map(|d| d.kind).unwrap_or(SurveyKind::Nps);
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT day, answer, CAST(SUM(count) AS BIGINT) FROM survey_daily WHERE survey_id = $1 AND day >= $2 AND day <= $3 GROUP BY day, answer",
    )
    .bind(&survey_id)
    .bind(periods.first())
    .bind(periods.to)
    .fetch_all(&state.db.pool)
    .await?;
    let mut per: Vec<Vec<(String, u64)>> = vec![Vec::new(); periods.starts.len()];
    for (d, answer, n) in rows {
        let i = periods.index(d);
        match per[i].iter_mut().find(|(a, _)| *a == answer) {
            Some((_, c)) => *c += n as u64,
            None => per[i].push((answer, n as u64)),
        }
    }
    let results = periods
        .starts
        .iter()
        .zip(per)
        .map(|(start, answers)| {
            let t = Tally::of(answers);
            let nps = (kind == SurveyKind::Nps).then(|| {
                let (p, pa, d) = t.nps_groups();
                nps_interval(p, pa, d).map(|(score, ci_low, ci_high)| NpsResult {
                    score,
                    promoters: p,
                    passives: pa,
                    detractors: d,
                    ci_low,
                    ci_high,
                })
            });
            let csat = (kind == SurveyKind::Csat).then(|| {
                let by = t.csat();
                let n: u64 = by.iter().sum();
                let sum: u64 = by.iter().zip(1..).map(|(c, v)| c * v).sum();
                let (ci_low, ci_high) = wilson_percent(by[3] + by[4], n)?;
                Some(CsatResult {
                    satisfied_percent: csat_satisfied_percent(by)?,
                    ci_low,
                    ci_high,
                    mean: (sum as f64 / n as f64 * 100.0).round() / 100.0,
                })
            });
            PeriodResult { start: civil_date(*start), responses: t.responses, nps: nps.flatten(), csat: csat.flatten(), counts: t.counts }
        })
        .collect();
    Ok(Json(SurveyResults {
        survey_id,
        kind,
        interval: periods.interval,
        from: civil_date(periods.first()),
        to: civil_date(periods.to),
        periods: results,
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(11_016), "2000-02-29");
        assert_eq!(super::civil_date(20_780), "2026-11-23");
        assert_eq!(super::civil_date(-1), "1969-12-31");
    }
}
