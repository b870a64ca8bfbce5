//! Points and coupons, shared by reviews (a published review earns a reward) and loyalty.

use crate::db::Tx;
use crate::error::ApiError;
use rand::Rng;

/// Adds points once per `(customer, reason, reference)`; `false` when they were given before.
pub async fn credit_points(tx: &mut Tx<'_>, customer_id: &str, points: i64, reason: &str, reference: &str) -> Result<bool, ApiError> {
    let now = crate::db::now();
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO loyalty_ledger (customer_id, delta, reason, ref, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(customer_id)
    .bind(points)
    .bind(reason)
    .bind(reference)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    if inserted.is_none() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO loyalty_accounts (customer_id, balance, lifetime, created_at) VALUES ($1, $2, $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET balance = loyalty_accounts.balance + excluded.balance,
                                                 lifetime = loyalty_accounts.lifetime + excluded.lifetime",
    )
    .bind(customer_id)
    .bind(points.max(0))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// A code that reads well aloud and on a phone: no 0/O, 1/I/L.
pub fn random_code(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    let mut code = String::with_capacity(prefix.len() + 8);
    code.push_str(prefix);
    for _ in 0..8 {
        code.push(ALPHABET[rng.gen_range(0..ALPHABET.len())] as char);
    }
    code
}

/// Issues a percent-off coupon and returns its code.
pub async fn issue_percent_coupon(
    tx: &mut Tx<'_>,
    prefix: &str,
    source: &str,
    customer_id: Option<&str>,
    percent: u8,
) -> Result<String, ApiError> {
    let code = random_code(prefix);
    sqlx::query("INSERT INTO coupons (code, source, customer_id, percent, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&code)
        .bind(source)
        .bind(customer_id.map(str::to_owned))
        .bind(percent as i64)
        .bind(crate::db::now())
        .execute(&mut **tx)
        .await?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unambiguous() {
        let c = super::random_code("THANKS-");
        assert_eq!(c.len(), 15);
        assert!(c.starts_with("THANKS-"));
        assert!(!c[7..].chars().any(|ch| "01OIL".contains(ch)));
        assert_ne!(super::random_code(""), super::random_code(""));
    }
}
