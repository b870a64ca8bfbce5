//! A year of demo history (`RK_DEMO=1`, unless `RK_DEMO_HISTORY=0`): what a small shop's
//! first year leaves, so every chart, list and segment of the merchant tools shows something on
//! first start. 700 customers whose buying habits make every RFM segment (about 3,000 orders,
//! each with its loyalty points, so members spread across the tiers), answers to the NPS
//! question every day of the year with comments in English, Indonesian and Polish (the score
//! getting better over the year), CSAT answers after checkout, and the exit offer's daily
//! funnel with the e-mail addresses it collected. Made by a seeded generator: the same on
//! every start.

use crate::db::{Db, Tx};
use crate::error::ApiError;
use retainkit_contract::loyalty::Program;

/// A small, fast, seeded generator (xorshift64*): the same history every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const DAY: i64 = 86_400;

/// A buying habit: share of customers (%), orders (range), days since the last order (range).
type Habit = (u32, (i64, i64), (i64, i64));

const HABITS: [Habit; 6] = [
    (10, (8, 15), (1, 20)),    // champions
    (20, (4, 7), (5, 60)),     // loyal
    (20, (1, 1), (1, 30)),     // new
    (15, (5, 10), (120, 250)), // at risk
    (15, (2, 3), (150, 250)),  // hibernating
    (20, (1, 1), (250, 364)),  // lost
];

const COMMENTS: [(&str, [&[&str]; 3]); 3] = [
    (
        "en",
        [
            &[
                "Fast delivery and lovely packaging.",
                "The batik is even nicer than in the photos.",
                "Great service, I order here every month.",
                "Sizes fit exactly as described.",
            ],
            &["Good quality, delivery could be faster.", "Nice shirts, a bit pricey.", "Fine overall, the website is slow on my phone."],
            &[
                "The parcel arrived two weeks late.",
                "Colour faded after the first wash.",
                "Nobody answered my e-mail about a return.",
                "Wrong size sent and the exchange took ages.",
            ],
        ],
    ),
    (
        "id",
        [
            &["Pengiriman cepat dan kemasannya rapi.", "Batiknya lebih bagus dari fotonya.", "Pelayanan ramah, saya belanja tiap bulan."],
            &["Kualitas bagus, pengiriman agak lama.", "Bajunya bagus tapi agak mahal."],
            &["Paket terlambat dua minggu.", "Warnanya luntur setelah dicuci.", "Tidak ada balasan soal retur."],
        ],
    ),
    (
        "pl",
        [
            &["Szybka dostawa i piękne opakowanie.", "Batik jest jeszcze ładniejszy niż na zdjęciach.", "Świetna obsługa, polecam."],
            &["Dobra jakość, dostawa mogłaby być szybsza.", "Ładne koszule, trochę drogie."],
            &["Paczka przyszła dwa tygodnie po terminie.", "Kolor wyblakł po pierwszym praniu.", "Nikt nie odpowiedział w sprawie zwrotu."],
        ],
    ),
];

/// Reviews of the demo's products: (locale, authors, [(title, text)] for 5, 4, 3 and 1–2 stars).
type ReviewPool = (&'static str, &'static [&'static str], [&'static [(&'static str, &'static str)]; 4]);

const REVIEWS: [ReviewPool; 3] = [
    (
        "en",
        &["Maya", "Tom", "Priya", "Jordan", "Lena"],
        [
            &[
                ("Beautiful work", "The pattern is crisp and the cotton is soft."),
                ("Perfect gift", "My mother loved it; it arrived well packed."),
            ],
            &[
                ("Very nice", "Good quality, the colour is a shade darker than the photo."),
                ("Happy", "Fits well; delivery took a few days."),
            ],
            &[("It's fine", "Decent shirt, but the sleeves run short.")],
            &[("Disappointed", "The seams came loose after two washes."), ("Late", "Arrived three weeks late and creased.")],
        ],
    ),
    (
        "id",
        &["Sari", "Budi", "Dewi", "Agus"],
        [
            &[("Bagus sekali", "Motifnya rapi dan kainnya adem."), ("Sesuai foto", "Warnanya persis seperti di foto, pengiriman cepat.")],
            &[("Bagus", "Kualitas oke, ukurannya agak kecil.")],
            &[("Lumayan", "Cukup bagus untuk harganya.")],
            &[("Kecewa", "Jahitannya lepas setelah dicuci."), ("Terlambat", "Paket datang terlambat dua minggu.")],
        ],
    ),
    (
        "pl",
        &["Anna", "Piotr", "Kasia", "Marek"],
        [
            &[("Piękna", "Wzór wyraźny, materiał miękki i przyjemny."), ("Polecam", "Świetny prezent, starannie zapakowany.")],
            &[("Dobra jakość", "Ładna koszula, kolor trochę ciemniejszy niż na zdjęciu.")],
            &[("W porządku", "Przyzwoita, ale rękawy są za krótkie.")],
            &[("Rozczarowanie", "Szwy puściły po drugim praniu.")],
        ],
    ),
];

const PRODUCTS: [&str; 3] = ["batik-parang", "kebaya-modern", "songket-scarf"];

/// What was written (for the log and the tests).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub customers: u64,
    pub orders: u64,
    pub responses: u64,
    pub leads: u64,
    pub reviews: u64,
}

/// Writes the year before `now` into `tx` (the caller writes it once, with the demo data).
pub async fn write(tx: &mut Tx<'_>, now: i64, purchase_points_per_100: i64) -> Result<Written, ApiError> {
    let mut rng = Rng(0x5EED_2026_0A11_CAFE);
    let mut w = Written::default();
    // Customers and their orders.
    let mut n_order = 0;
    for c in 0..700u32 {
        let mut roll = (c * 37 % 100) as i64;
        let habit = HABITS.iter().find(|(share, _, _)| {
            roll -= i64::from(*share);
            roll < 0
        });
        let (_, (o_lo, o_hi), (d_lo, d_hi)) = *habit.unwrap_or(&HABITS[5]);
        let customer = format!("demo-c-{c:04}");
        let orders = rng.range(o_lo, o_hi);
        let mut day = rng.range(d_lo, d_hi);
        let (mut lifetime, mut joined) = (0, now);
        for _ in 0..orders {
            let at = now - day * DAY - rng.range(0, DAY - 1);
            let amount = rng.range(5, 120) * 1_000;
            n_order += 1;
            let order_id = format!("demo-o-{n_order:05}");
            sqlx::query(
                "INSERT INTO orders (order_id, customer_id, amount, currency, ordered_at, created_at) VALUES ($1, $2, $3, 'IDR', $4, $4)",
            )
            .bind(&order_id)
            .bind(&customer)
            .bind(amount)
            .bind(at)
            .execute(&mut **tx)
            .await?;
            let points = amount * purchase_points_per_100 / 100;
            sqlx::query("INSERT INTO loyalty_ledger (customer_id, delta, reason, ref, created_at) VALUES ($1, $2, 'purchase', $3, $4)")
                .bind(&customer)
                .bind(points)
                .bind(&order_id)
                .bind(at)
                .execute(&mut **tx)
                .await?;
            lifetime += points;
            joined = joined.min(at);
            // Earlier orders, a few weeks apart, within the year.
            day = (day + rng.range(10, 45)).min(364);
        }
        sqlx::query("INSERT INTO loyalty_accounts (customer_id, balance, lifetime, created_at) VALUES ($1, $2, $2, $3)")
            .bind(&customer)
            .bind(lifetime)
            .bind(joined)
            .execute(&mut **tx)
            .await?;
        w.customers += 1;
    }
    w.orders = n_order;

    // NPS answers every day, getting better over the year; CSAT after checkout.
    for day in (0..365).rev() {
        let progress = (364 - day) as f64 / 364.0;
        for _ in 0..rng.range(2, 7) {
            let (locale, pools) = if rng.chance(0.5) {
                &COMMENTS[0]
            } else if rng.chance(0.6) {
                &COMMENTS[1]
            } else {
                &COMMENTS[2]
            };
            let (score, category, pool) = if rng.chance(0.35 + 0.2 * progress) {
                (rng.range(9, 10), "promoter", pools[0])
            } else if rng.chance(0.55 - 0.2 * progress) {
                (rng.range(0, 6), "detractor", pools[2])
            } else {
                (rng.range(7, 8), "passive", pools[1])
            };
            let comment = rng.chance(0.45).then(|| rng.pick(pool).to_string());
            answer(tx, "nps-demo", now - day * DAY - rng.range(0, DAY - 1), score, Some(category), comment, locale).await?;
            w.responses += 1;
        }
        for _ in 0..rng.range(0, 3) {
            let score = *rng.pick(&[5, 5, 5, 4, 4, 4, 3, 2, 1]);
            answer(tx, "csat-checkout", now - day * DAY - rng.range(0, DAY - 1), score, None, None, "en").await?;
            w.responses += 1;
        }
        // The exit offer's day: shown, closed, code copied, used; an address now and then.
        let shown = rng.range(15, 40);
        let copied = shown * rng.range(15, 30) / 100;
        let converted = copied * rng.range(20, 45) / 100;
        for (kind, count) in [("impression", shown), ("dismiss", shown - copied), ("copy", copied), ("convert", converted)] {
            sqlx::query("INSERT INTO offer_daily (offer_id, day, kind, count) VALUES ('stay-10', $1, $2, $3)")
                .bind((now - day * DAY).div_euclid(DAY))
                .bind(kind)
                .bind(count)
                .execute(&mut **tx)
                .await?;
        }
        if rng.chance(0.8) {
            let at = now - day * DAY - rng.range(0, DAY - 1);
            sqlx::query(
                "INSERT INTO leads (offer_id, email, consent, consented_at, visitor_id, locale, page, created_at)
                 VALUES ('stay-10', $1, 1, $2, $3, $4, '/products/batik-parang', $2)",
            )
            .bind(format!("shopper{}@example.com", w.leads + 1))
            .bind(at)
            .bind(format!("demo-v-{}", w.leads + 1))
            .bind(*rng.pick(&["en", "id", "pl"]))
            .execute(&mut **tx)
            .await?;
            w.leads += 1;
        }
    }
    // Reviews: a few a week, better over the year (as the NPS); most published, some of the
    // last two weeks' still waiting, now and then one rejected. A generator of their own, so the
    // rest of the history stays as it was.
    let mut rng = Rng(0x5EED_2026_0BAD_F00D);
    for day in (0..365).rev() {
        if !rng.chance(0.45) {
            continue;
        }
        let progress = (364 - day) as f64 / 364.0;
        let (locale, authors, pools) = *rng.pick(&REVIEWS);
        let (rating, pool) = if rng.chance(0.45 + 0.25 * progress) {
            (5, pools[0])
        } else if rng.chance(0.6) {
            (4, pools[1])
        } else if rng.chance(0.5) {
            (3, pools[2])
        } else {
            (rng.range(1, 2), pools[3])
        };
        let (title, body) = *rng.pick(pool);
        let product = *rng.pick(&PRODUCTS);
        let at = now - day * DAY - rng.range(0, DAY - 1);
        let status = if day < 14 && rng.chance(0.5) {
            "pending"
        } else if rng.chance(0.05) {
            "rejected"
        } else {
            "published"
        };
        sqlx::query(
            "INSERT INTO reviews (product_id, rating, title, body, author_name, locale, verified, status, created_at, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(product)
        .bind(rating)
        .bind(title)
        .bind(body)
        .bind(*rng.pick(authors))
        .bind(locale)
        .bind(rng.chance(0.7) as i64)
        .bind(status)
        .bind(at)
        .bind((status == "published").then_some(at + 3_600))
        .execute(&mut **tx)
        .await?;
        if status == "published" {
            crate::reviews::store::count_published(tx, product, rating, 1).await?;
        }
        w.reviews += 1;
    }
    Ok(w)
}

async fn answer(
    tx: &mut Tx<'_>,
    survey: &str,
    at: i64,
    score: i64,
    category: Option<&str>,
    comment: Option<String>,
    locale: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO survey_responses (survey_id, score, category, comment, locale, page, created_at)
         VALUES ($1, $2, $3, $4, $5, '/checkout/thanks', $6)",
    )
    .bind(survey)
    .bind(score)
    .bind(category)
    .bind(comment)
    .bind(locale)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO survey_daily (survey_id, day, answer, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (survey_id, day, answer) DO UPDATE SET count = survey_daily.count + 1",
    )
    .bind(survey)
    .bind(at.div_euclid(DAY))
    .bind(score.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const MARKER: &str = "seeded_history";

/// Writes the year of history unless it was written before (after the demo data, whose
/// surveys, offer and program it uses). Returns what it wrote.
pub async fn seed(db: &Db) -> Result<Option<Written>, ApiError> {
    if crate::settings::get::<bool>(db, MARKER, || false).await? {
        return Ok(None);
    }
    let program = crate::settings::get::<Option<Program>>(db, crate::loyalty::PROGRAM_KEY, || None).await?;
    let rate = program.as_ref().map(|p| crate::loyalty::purchase_points(p, 100)).unwrap_or(1);
    let mut tx = db.begin().await?;
    let written = write(&mut tx, crate::db::now(), rate).await?;
    tx.commit().await?;
    crate::settings::put(db, MARKER, &true).await?;
    Ok(Some(written))
}
