//! Orders and RFM segments (`/v1/admin/orders`, `/v1/admin/segments`): what the shop's server
//! reports about purchases, and who its loyal, new and slipping customers are.
//!
//! **RFM.** Every customer with at least one order gets three scores from 1 to 5, by quintile
//! among all customers with orders: **R**ecency (days since the last order; the most recent
//! fifth scores 5), **F**requency (orders) and **M**onetary value (the sum of the amounts, in
//! the shop's currency). Customers with equal values get equal scores, from the middle of the
//! places they share: a score is `1 + ⌊5 · (b + e/2) / n⌋`, where `b` of the `n` customers are
//! strictly behind and `e` have the same value (so when every customer is alike, all score 3).
//! The scores are relative: they say most from a few dozen customers on.
//!
//! **Segments**, the first rule that holds (`FM` is `F + M`, 2–10):
//!
//! | segment       | rule                              | what to do                     |
//! |---------------|-----------------------------------|--------------------------------|
//! | `champions`   | R ≥ 4, FM ≥ 8, two orders or more | reward, ask for reviews        |
//! | `new`         | R ≥ 3 and one order               | welcome, second-order offer    |
//! | `loyal`       | R ≥ 3 and FM ≥ 6                  | loyalty tiers, upsell          |
//! | `promising`   | R ≥ 3                             | build the habit                |
//! | `at_risk`     | R ≤ 2 and FM ≥ 6                  | win back before they go       |
//! | `hibernating` | R = 2                             | reminder, a reason to return   |
//! | `lost`        | R = 1                             | a last offer, or let go        |

use crate::{is_valid_id, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// One order as the shop's server reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub customer_id: String,
    /// The shop's order id: reported twice, it is kept once.
    pub order_id: String,
    /// In the currency's minor unit (cents), more than 0.
    pub amount: i64,
    /// ISO 4217 code (`EUR`); RFM adds the amounts as they are, so report one currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Unix seconds of the order; default: when it is reported.
    #[serde(default)]
    pub ordered_at: Option<i64>,
}

/// Past orders, imported (no points are given for them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderImport {
    /// 1–1,000 orders.
    pub orders: Vec<Order>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrdersImported {
    pub inserted: u64,
    /// Orders whose id was already kept (left as they were).
    pub duplicates: u64,
}

/// Largest amount of one order (a billion in minor units).
pub const AMOUNT_MAX: i64 = 100_000_000_000;

impl Order {
    /// Checks one order; `at` prefixes the field names (`orders.3.`).
    pub fn check(&self, f: &mut FieldErrors, at: &str) {
        if !is_valid_id(&self.customer_id) {
            f.insert(format!("{at}customer_id"), FieldError::Invalid);
        }
        if !is_valid_id(&self.order_id) {
            f.insert(format!("{at}order_id"), FieldError::Invalid);
        }
        if !(1..=AMOUNT_MAX).contains(&self.amount) {
            f.insert(format!("{at}amount"), FieldError::OutOfRange);
        }
        if self.currency.as_deref().is_some_and(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase())) {
            f.insert(format!("{at}currency"), FieldError::Invalid);
        }
        // From 2000 on (the server also refuses a time more than a day ahead of its clock).
        if self.ordered_at.is_some_and(|t| t < 946_684_800) {
            f.insert(format!("{at}ordered_at"), FieldError::OutOfRange);
        }
    }
}

impl OrderImport {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut f = FieldErrors::new();
        if self.orders.is_empty() || self.orders.len() > 1000 {
            f.insert("orders".into(), FieldError::OutOfRange);
        }
        for (i, o) in self.orders.iter().enumerate() {
            o.check(&mut f, &format!("orders.{i}."));
        }
        crate::done(f)
    }
}

/// A customer's named RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    New,
    Loyal,
    Promising,
    AtRisk,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 7] =
        [Segment::Champions, Segment::New, Segment::Loyal, Segment::Promising, Segment::AtRisk, Segment::Hibernating, Segment::Lost];

    pub fn as_str(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::New => "new",
            Segment::Loyal => "loyal",
            Segment::Promising => "promising",
            Segment::AtRisk => "at_risk",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The segment of these scores (the table in the module's documentation).
    pub fn of(r: u8, f: u8, m: u8, orders: u64) -> Segment {
        let fm = f + m;
        match () {
            _ if r >= 4 && fm >= 8 && orders >= 2 => Segment::Champions,
            _ if r >= 3 && orders == 1 => Segment::New,
            _ if r >= 3 && fm >= 6 => Segment::Loyal,
            _ if r >= 3 => Segment::Promising,
            _ if fm >= 6 => Segment::AtRisk,
            _ if r == 2 => Segment::Hibernating,
            _ => Segment::Lost,
        }
    }
}

/// What RFM starts from: one customer's orders, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchases {
    pub customer_id: String,
    pub orders: u64,
    pub monetary: i64,
    pub last_order_at: i64,
}

/// A customer with scores and segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentMember {
    pub customer_id: String,
    pub segment: Segment,
    /// 1–5.
    pub recency: u8,
    /// 1–5.
    pub frequency: u8,
    /// 1–5.
    pub monetary: u8,
    pub orders: u64,
    /// The amounts' sum, in minor units.
    pub spent: i64,
    pub last_order_at: i64,
}

/// Scores of `n` values, by the rule in the module's documentation: `1 + ⌊5·(b + e/2)/n⌋`,
/// `b` values strictly below, `e` equal (for "higher is better").
fn scores(values: &[i64]) -> Vec<u8> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = values.len() as u64;
    values
        .iter()
        .map(|v| {
            let below = sorted.partition_point(|x| x < v) as u64;
            let equal = sorted.partition_point(|x| x <= v) as u64 - below;
            (1 + 5 * (2 * below + equal) / (2 * n)).min(5) as u8
        })
        .collect()
}

/// Scores and segments every customer; ordered by customer id.
pub fn rfm(mut customers: Vec<Purchases>) -> Vec<SegmentMember> {
    customers.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
    let r = scores(&customers.iter().map(|c| c.last_order_at).collect::<Vec<_>>());
    let f = scores(&customers.iter().map(|c| c.orders as i64).collect::<Vec<_>>());
    let m = scores(&customers.iter().map(|c| c.monetary).collect::<Vec<_>>());
    customers
        .into_iter()
        .enumerate()
        .map(|(i, c)| SegmentMember {
            segment: Segment::of(r[i], f[i], m[i], c.orders),
            recency: r[i],
            frequency: f[i],
            monetary: m[i],
            orders: c.orders,
            spent: c.monetary,
            last_order_at: c.last_order_at,
            customer_id: c.customer_id,
        })
        .collect()
}

/// One segment's size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentSize {
    pub segment: Segment,
    pub customers: u64,
    /// Of all customers with orders, one decimal.
    pub percent: Option<f64>,
    /// The segment's spending, in minor units.
    pub spent: i64,
}

/// The shop's customers by segment, and the R × F grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentOverview {
    /// Unix seconds the scores are computed at (orders after it are left out).
    pub as_of: i64,
    /// Customers with at least one order.
    pub customers: u64,
    /// Every segment, in the documented order (empty ones too).
    pub segments: Vec<SegmentSize>,
    /// `grid[r − 1][f − 1]`: customers with recency score r and frequency score f.
    pub grid: Vec<Vec<u64>>,
}

/// What the segment pages accept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SegmentQuery {
    /// Unix seconds to compute the scores at; default now.
    #[serde(default)]
    pub as_of: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    #[serde(default)]
    pub limit: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentMemberPage {
    pub items: Vec<SegmentMember>,
    pub next_cursor: Option<String>,
}

/// The overview of scored customers.
pub fn overview(members: &[SegmentMember], as_of: i64) -> SegmentOverview {
    let mut grid = vec![vec![0u64; 5]; 5];
    let mut sizes: Vec<SegmentSize> =
        Segment::ALL.iter().map(|&segment| SegmentSize { segment, customers: 0, percent: None, spent: 0 }).collect();
    for m in members {
        grid[usize::from(m.recency - 1)][usize::from(m.frequency - 1)] += 1;
        let s = &mut sizes[Segment::ALL.iter().position(|g| *g == m.segment).unwrap_or(0)];
        s.customers += 1;
        s.spent += m.spent;
    }
    let n = members.len() as u64;
    for s in &mut sizes {
        s.percent = crate::admin::percent(s.customers, n);
    }
    SegmentOverview { as_of, customers: n, segments: sizes, grid }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn p(id: &str, orders: u64, monetary: i64, days_ago: i64) -> Purchases {
        Purchases { customer_id: id.into(), orders, monetary, last_order_at: 1_000 * DAY - days_ago * DAY }
    }

    #[test]
    fn quintile_scores_with_ties() {
        assert_eq!(scores(&[10, 20, 30, 40, 50]), [1, 2, 3, 4, 5]);
        assert_eq!(scores(&[50, 40, 30, 20, 10, 60, 70, 80, 90, 100]), [3, 2, 2, 1, 1, 3, 4, 4, 5, 5]);
        // Ties score from the middle of the places they share; everyone alike: everyone 3.
        assert_eq!(scores(&[3, 3, 3]), [3, 3, 3]);
        assert_eq!(scores(&[7]), [3]);
        assert_eq!(scores(&[1, 1, 1, 1, 9]), [3, 3, 3, 3, 5]);
        assert_eq!(scores(&[1, 1, 1, 1, 1, 1, 1, 2, 2, 5]), [2, 2, 2, 2, 2, 2, 2, 5, 5, 5]);
    }

    #[test]
    fn segments_by_rule() {
        assert_eq!(Segment::of(5, 5, 5, 12), Segment::Champions);
        assert_eq!(Segment::of(4, 4, 4, 6), Segment::Champions);
        assert_eq!(Segment::of(5, 1, 3, 1), Segment::New);
        assert_eq!(Segment::of(5, 1, 5, 1), Segment::New);
        assert_eq!(Segment::of(3, 5, 5, 1), Segment::New, "one order is never loyal");
        assert_eq!(Segment::of(5, 5, 5, 1), Segment::New, "nor a champion");
        assert_eq!(Segment::of(3, 3, 3, 3), Segment::Loyal);
        assert_eq!(Segment::of(4, 2, 3, 2), Segment::Promising);
        assert_eq!(Segment::of(2, 5, 5, 20), Segment::AtRisk);
        assert_eq!(Segment::of(1, 3, 3, 4), Segment::AtRisk);
        assert_eq!(Segment::of(2, 2, 1, 2), Segment::Hibernating);
        assert_eq!(Segment::of(1, 1, 2, 1), Segment::Lost);
        for s in Segment::ALL {
            assert_eq!(Segment::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }

    /// Ten customers with known answers (worked by hand from the rule).
    #[test]
    fn a_fixed_shop() {
        let shop = vec![
            p("ada", 12, 240_000, 2),   // bought often, much, lately
            p("ben", 9, 180_000, 5),    // the same, a little less
            p("cleo", 1, 9_000, 1),     // first order yesterday
            p("dan", 1, 4_000, 3),      // first order this week
            p("eve", 5, 60_000, 30),    // regular
            p("finn", 2, 15_000, 40),   // two orders, a month ago
            p("gus", 10, 200_000, 200), // was a champion, gone quiet
            p("hal", 7, 90_000, 150),   // was loyal, gone quiet
            p("ivy", 2, 8_000, 250),    // little, long ago
            p("joe", 1, 2_000, 400),    // one small order, over a year ago
        ];
        let got: Vec<(String, u8, u8, u8, Segment)> =
            rfm(shop).into_iter().map(|m| (m.customer_id, m.recency, m.frequency, m.monetary, m.segment)).collect();
        let want = [
            ("ada", 5, 5, 5, Segment::Champions),
            ("ben", 4, 4, 4, Segment::Champions),
            ("cleo", 5, 1, 2, Segment::New),
            ("dan", 4, 1, 1, Segment::New),
            ("eve", 3, 3, 3, Segment::Loyal),
            ("finn", 3, 3, 3, Segment::Loyal),
            ("gus", 2, 5, 5, Segment::AtRisk),
            ("hal", 2, 4, 4, Segment::AtRisk),
            ("ivy", 1, 3, 2, Segment::Lost),
            ("joe", 1, 1, 1, Segment::Lost),
        ];
        let want: Vec<(String, u8, u8, u8, Segment)> = want.iter().map(|(c, r, f, m, s)| (c.to_string(), *r, *f, *m, *s)).collect();
        assert_eq!(got, want);
        let o = overview(&rfm(vec![p("a", 1, 10, 1), p("b", 1, 10, 1), p("c", 3, 900, 400)]), 1);
        assert_eq!(o.customers, 3);
        assert_eq!(o.segments.iter().map(|s| s.customers).collect::<Vec<_>>(), [0, 2, 0, 0, 1, 0, 0]);
        assert_eq!(o.segments[1].percent, Some(66.7));
        assert_eq!(o.grid[3][1], 2, "a and b: R4 F2");
        assert_eq!(o.grid[0][4], 1, "c: R1 F5");
    }

    #[test]
    fn orders_are_checked() {
        let ok = Order {
            customer_id: "c-1".into(),
            order_id: "o-1".into(),
            amount: 100,
            currency: Some("EUR".into()),
            ordered_at: Some(1_700_000_000),
        };
        assert_eq!(OrderImport { orders: vec![ok.clone()] }.validate(), Ok(()));
        let bad = Order { customer_id: "c 1".into(), amount: 0, currency: Some("eur".into()), ordered_at: Some(5), ..ok };
        let e = OrderImport { orders: vec![bad] }.validate().unwrap_err();
        for k in ["orders.0.customer_id", "orders.0.amount", "orders.0.currency", "orders.0.ordered_at"] {
            assert!(e.get(k).is_some(), "{k}: {e:?}");
        }
        assert_eq!(OrderImport { orders: vec![] }.validate().unwrap_err().get("orders"), Some(&FieldError::OutOfRange));
    }
}
