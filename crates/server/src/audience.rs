//! CustomerAudience rules: whether the shopper asking for a page's surveys and offers is one of the
//! customers a definition is for. Decided from the customer token the page sends and from the
//! server's own data (RFM segment, loyalty tier), never from what the browser says.

use crate::auth::{self, Claims};
use crate::error::ApiError;
use crate::loyalty::PROGRAM_KEY;
use crate::{segments, settings, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use retainkit_contract::admin::CustomerAudience;
use retainkit_contract::loyalty::{tier_progress, Program};
use retainkit_contract::segments::Segment;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// How long the table of segments is reused before it is computed again (orders reported to
/// this server make it stale at once).
const SEGMENTS_FOR_SECONDS: i64 = 600;

/// Customer id → segment.
type Table = Arc<HashMap<String, Segment>>;

/// The table of segments and when it was computed.
#[derive(Default)]
pub struct SegmentCache(tokio::sync::Mutex<Option<(i64, Table)>>);

impl SegmentCache {
    /// Forgets the table (an order was kept).
    pub async fn invalidate(&self) {
        *self.0.lock().await = None;
    }

    async fn get(&self, state: &AppState) -> Result<Table, ApiError> {
        let mut cache = self.0.lock().await;
        let now = crate::db::now();
        if let Some((at, table)) = cache.as_ref() {
            if now - at < SEGMENTS_FOR_SECONDS {
                return Ok(table.clone());
            }
        }
        let table: Table = Arc::new(segments::scored(state, now).await?.into_iter().map(|m| (m.customer_id, m.segment)).collect());
        *cache = Some((now, table.clone()));
        Ok(table)
    }
}

/// The shopper asking: a customer if the request carries a valid customer token. A missing,
/// expired or forged token is no error here: the shopper is simply anonymous.
pub struct Viewer(pub Option<String>);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let customer = (|| {
            let secret = state.config.token_secret.as_deref()?;
            let token = auth::bearer(parts)?;
            auth::verify(token, secret.as_bytes(), &state.config.token_audience, crate::db::now()).ok().map(|c: Claims| c.sub)
        })();
        Ok(Viewer(customer))
    }
}

/// Decides audiences for one request; the customer's facts are looked up once, when first
/// needed.
pub struct Judge<'a> {
    state: &'a AppState,
    customer: Option<String>,
    facts: OnceCell<(Option<Segment>, Option<String>)>,
}

impl<'a> Judge<'a> {
    pub fn new(state: &'a AppState, viewer: Viewer) -> Judge<'a> {
        Judge { state, customer: viewer.0, facts: OnceCell::new() }
    }

    pub async fn admits(&self, audience: Option<&CustomerAudience>) -> Result<bool, ApiError> {
        let Some(audience) = audience else { return Ok(true) };
        let Some(customer) = &self.customer else { return Ok(false) };
        let (segment, tier) = self.facts.get_or_try_init(|| facts(self.state, customer)).await?;
        Ok(audience.admits(*segment, tier.as_deref()))
    }
}

async fn facts(state: &AppState, customer: &str) -> Result<(Option<Segment>, Option<String>), ApiError> {
    let segment = state.segment_cache.get(state).await?.get(customer).copied();
    let lifetime: Option<i64> = sqlx::query_scalar("SELECT lifetime FROM loyalty_accounts WHERE customer_id = $1")
        .bind(customer)
        .fetch_optional(&state.db.pool)
        .await?;
    let tier = match lifetime {
        Some(l) => {
            settings::get::<Option<Program>>(&state.db, PROGRAM_KEY, || None).await?.and_then(|p| tier_progress(&p.tiers, l).current)
        }
        None => None,
    };
    Ok((segment, tier))
}
