//! Texts in English, Indonesian and Polish. A theme developer can override any text with an
//! attribute on the element (e.g. `question="…"`); everything else comes from here.

/// The languages RetainKit speaks.
/// `text` with every `key` ("{n}") replaced by `value`, as `str::replace` does, without its
/// substring searcher (about a kilobyte in every WASM chunk group that uses it).
pub fn fill(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + value.len());
    let mut rest = text;
    while let Some(i) = retainkit_contract::find_str(rest, key).filter(|_| !key.is_empty()) {
        out.push_str(&rest[..i]);
        out.push_str(value);
        rest = &rest[i + key.len()..];
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Id,
    Pl,
}

impl Locale {
    /// Reads a BCP 47 tag (`pl`, `pl-PL`, `id_ID`, `in`, `EN-gb`); `None` for a language we
    /// do not speak, so the caller can try the next source.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else if primary.eq_ignore_ascii_case("id") || primary.eq_ignore_ascii_case("in") {
            Some(Locale::Id)
        } else if primary.eq_ignore_ascii_case("pl") {
            Some(Locale::Pl)
        } else {
            None
        }
    }

    /// The first tag of `candidates` that names a language we speak, else English.
    pub fn pick<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Locale {
        candidates.into_iter().flatten().find_map(Locale::parse).unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Id => "id",
            Locale::Pl => "pl",
        }
    }

    /// CLDR plural category of a whole number.
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Locale::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Locale::Id => Plural::Other,
            Locale::Pl => {
                if n == 1 {
                    Plural::One
                } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                    Plural::Few
                } else {
                    Plural::Many
                }
            }
        }
    }

    /// A number with one decimal, in the language's notation: `4.3` or `4,3`.
    pub fn decimal(self, v: f64) -> String {
        let tenths = (v * 10.0).round() as i64;
        let mut s = retainkit_contract::encode::int_text(tenths / 10);
        s.push(if self == Locale::En { '.' } else { ',' });
        s.push_str(&retainkit_contract::encode::int_text((tenths % 10).abs()));
        s
    }

    /// "12 reviews", "12 ulasan", "12 opinii".
    pub fn review_count(self, n: u64) -> String {
        let t = self.texts();
        let word = match self.plural(n) {
            Plural::One => t.review_one,
            Plural::Few => t.review_few,
            Plural::Many | Plural::Other => t.review_many,
        };
        let mut s = retainkit_contract::encode::int_text(n as i64);
        s.push(' ');
        s.push_str(word);
        s
    }

    /// "1 point", "1,500 points"; "3 punkty", "5 punktów".
    pub fn points(self, n: i64) -> String {
        let t = self.texts();
        let pattern = match self.plural(n.unsigned_abs()) {
            Plural::One => t.point_one,
            Plural::Few => t.point_few,
            Plural::Many | Plural::Other => t.point_many,
        };
        fill(pattern, "{n}", &self.number(n))
    }

    /// A whole number with the language's grouping: "1,500", "1.500", "1 500".
    pub fn number(self, n: i64) -> String {
        if n.abs() < 1000 {
            return retainkit_contract::encode::int_text(n);
        }
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let f = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new());
        f.format().call1(&f, &(n as f64).into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| retainkit_contract::encode::int_text(n))
    }

    /// "1 star", "3 stars"; "3 gwiazdki", "5 gwiazdek".
    pub fn stars_n(self, n: u64) -> String {
        let t = self.texts();
        let pattern = match self.plural(n) {
            Plural::One => t.star_one,
            Plural::Few => t.star_few,
            Plural::Many | Plural::Other => t.star_many,
        };
        fill(pattern, "{n}", &retainkit_contract::encode::int_text(n as i64))
    }

    /// "Rated 4.3 out of 5".
    pub fn rated(self, v: f64) -> String {
        fill(self.texts().rated, "{n}", &self.decimal(v))
    }

    /// "3 days ago", "3 hari yang lalu", "3 dni temu" (Intl.RelativeTimeFormat).
    pub fn relative_time(self, unix_seconds: i64, now_ms: f64) -> String {
        let (value, unit) = relative_unit(now_ms / 1000.0 - unix_seconds as f64);
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        let f = js_sys::Intl::RelativeTimeFormat::new(&locales, &options);
        f.format(-(value as f64), unit).into()
    }

    /// A money amount given in minor units (cents, sen, grosze) in the shop's currency:
    /// "Rp 250.000", "$49.90", "49,90 zł". Whole amounts drop the decimals.
    pub fn money(self, minor: i64, currency: &str) -> String {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
        let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
        // "Rp", "zł", "$" as shops write them, not "IDR" / "PLN".
        let _ = js_sys::Reflect::set(&options, &"currencyDisplay".into(), &"narrowSymbol".into());
        let (major, whole) = minor_to_major(minor, minor_digits(currency));
        if whole {
            let _ = js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &0.into());
            let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &0.into());
        }
        let f = js_sys::Intl::NumberFormat::new(&locales, &options);
        f.format().call1(&f, &major.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::Id => &ID,
            Locale::Pl => &PL,
        }
    }
}

/// Decimal places of a currency's minor unit (ISO 4217), as shops such as Shopify count
/// them: IDR has 2 (sen), JPY none, KWD 3.
pub fn minor_digits(currency: &str) -> u32 {
    const NONE: [&str; 16] =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF"];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let c = currency.to_ascii_uppercase();
    if NONE.contains(&c.as_str()) {
        0
    } else if THREE.contains(&c.as_str()) {
        3
    } else {
        2
    }
}

/// Minor units to the major amount, and whether it is whole: (25_000_000, 2) → (250000.0, true).
pub fn minor_to_major(minor: i64, digits: u32) -> (f64, bool) {
    let scale = 10i64.pow(digits.min(4));
    (minor as f64 / scale as f64, minor % scale == 0)
}

/// The largest whole unit of an age in seconds: (3, "day") for 3.5 days.
pub fn relative_unit(age_seconds: f64) -> (i64, &'static str) {
    let s = age_seconds.max(0.0) as i64;
    const UNITS: [(i64, &str); 6] =
        [(365 * 86_400, "year"), (30 * 86_400, "month"), (7 * 86_400, "week"), (86_400, "day"), (3600, "hour"), (60, "minute")];
    for (size, unit) in UNITS {
        if s >= size {
            return (s / size, unit);
        }
    }
    (0, "minute")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// Every text a widget shows.
#[derive(Debug)]
pub struct Texts {
    pub nps_question: &'static str,
    /// Accessible names of the ends of the 0–10 scale.
    pub nps_low: &'static str,
    pub nps_high: &'static str,
    /// The visible captions under the ends of the scale.
    pub nps_low_caption: &'static str,
    pub nps_high_caption: &'static str,
    pub follow_up: &'static str,
    pub optional: &'static str,
    /// Around the number of characters left: "{before}{n}{after}" (the number goes where the
    /// language puts it).
    pub chars_left_before: &'static str,
    pub chars_left: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    pub thanks: &'static str,
    pub retry: &'static str,
    pub choose_score: &'static str,
    /// The answer could not reach the server; it is kept and sent later.
    pub offline: &'static str,
    /// The server refused the answer for a reason the shopper cannot fix.
    pub rejected: &'static str,
    pub field_required: &'static str,
    pub field_too_long: &'static str,
    pub field_too_short: &'static str,
    pub field_invalid: &'static str,
    // Reviews
    pub reviews_heading: &'static str,
    /// "Rated {n} out of 5"
    pub rated: &'static str,
    pub review_one: &'static str,
    pub review_few: &'static str,
    pub review_many: &'static str,
    /// "{n} star(s)" on a histogram bar, by plural form.
    pub star_one: &'static str,
    pub star_few: &'static str,
    pub star_many: &'static str,
    pub show_only: &'static str,
    pub show_all: &'static str,
    pub sort_by: &'static str,
    pub sort_newest: &'static str,
    pub sort_highest: &'static str,
    pub sort_lowest: &'static str,
    pub sort_helpful: &'static str,
    pub sort_photos: &'static str,
    pub load_more: &'static str,
    pub no_reviews: &'static str,
    pub write_review: &'static str,
    pub verified_buyer: &'static str,
    pub shop_reply: &'static str,
    pub helpful: &'static str,
    /// "Photo by {name}"
    pub photo_by: &'static str,
    pub reviews_failed: &'static str,
    pub survey_failed: &'static str,
    pub loading: &'static str,
    // Review form
    pub form_title: &'static str,
    pub your_rating: &'static str,
    /// "{n} out of 5" for the rating options.
    pub n_of_5: &'static str,
    pub review_title: &'static str,
    pub review_body: &'static str,
    pub your_name: &'static str,
    pub your_email: &'static str,
    pub email_hint: &'static str,
    pub photos: &'static str,
    pub add_photos: &'static str,
    pub photos_hint: &'static str,
    pub remove_photo: &'static str,
    pub photo_wrong_type: &'static str,
    pub photo_too_big: &'static str,
    pub photo_failed: &'static str,
    pub uploading: &'static str,
    pub submit_review: &'static str,
    pub choose_rating: &'static str,
    pub review_published: &'static str,
    pub review_pending: &'static str,
    pub reward_points: &'static str,
    pub reward_coupon: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub close: &'static str,
    /// The honeypot's label (people never see it).
    pub leave_empty: &'static str,
    // Surveys
    pub csat_low: &'static str,
    pub csat_high: &'static str,
    pub csat_low_caption: &'static str,
    pub csat_high_caption: &'static str,
    pub follow_detractor: &'static str,
    pub follow_passive: &'static str,
    pub follow_promoter: &'static str,
    pub follow_csat: &'static str,
    pub skip: &'static str,
    pub choose_one: &'static str,
    // Popups and the exit offer
    pub offer_code: &'static str,
    pub offer_ends_in: &'static str,
    pub offer_email_label: &'static str,
    pub offer_email_submit: &'static str,
    pub offer_email_thanks: &'static str,
    pub offer_consent_required: &'static str,
    pub offer_email_invalid: &'static str,
    pub keep_shopping: &'static str,
    // Loyalty
    pub point_one: &'static str,
    pub point_few: &'static str,
    pub point_many: &'static str,
    pub loyalty_title: &'static str,
    pub loyalty_sections: &'static str,
    pub tab_home: &'static str,
    pub tab_earn: &'static str,
    pub tab_rewards: &'static str,
    pub tab_history: &'static str,
    pub guest_intro: &'static str,
    pub join: &'static str,
    pub join_program: &'static str,
    pub sign_in: &'static str,
    pub have_account: &'static str,
    pub balance_label: &'static str,
    pub points_to: &'static str,
    pub top_tier: &'static str,
    pub tiers_title: &'static str,
    pub tier_from: &'static str,
    pub follow: &'static str,
    pub redeem: &'static str,
    pub redeem_confirm: &'static str,
    pub redeem_yes: &'static str,
    pub cancel: &'static str,
    pub redeeming: &'static str,
    pub need_more: &'static str,
    pub redeemed: &'static str,
    pub redeem_not_enough: &'static str,
    pub redeem_unavailable: &'static str,
    pub redeem_refused: &'static str,
    pub sign_in_to_redeem: &'static str,
    pub history_empty: &'static str,
    pub reason_purchase: &'static str,
    pub reason_review: &'static str,
    pub reason_signup: &'static str,
    pub reason_redeem: &'static str,
    pub reason_other: &'static str,
    pub referral_title: &'static str,
    pub referral_text: &'static str,
    pub copy_link: &'static str,
    pub share: &'static str,
    pub session_expired: &'static str,
    pub token_refused: &'static str,
    pub loyalty_unavailable: &'static str,
    pub loyalty_loading: &'static str,
}

pub static EN: Texts = Texts {
    nps_question: "How likely are you to recommend us to a friend or colleague?",
    nps_low: "0 – not at all likely",
    nps_high: "10 – extremely likely",
    nps_low_caption: "Not at all likely",
    nps_high_caption: "Extremely likely",
    follow_up: "What is the main reason for your score?",
    optional: "(optional)",
    chars_left_before: "",
    chars_left: " characters left",
    submit: "Send",
    sending: "Sending…",
    thanks: "Thank you for your feedback!",
    retry: "Try again",
    choose_score: "Please choose a score from 0 to 10.",
    offline: "We could not send your answer. It is saved on this device and will be sent automatically; you can also try again now.",
    rejected: "Your answer could not be accepted. Please check it and try again.",
    field_required: "This field is required.",
    field_too_long: "This text is too long.",
    field_too_short: "This text is too short.",
    field_invalid: "This value is not valid.",
    reviews_heading: "Customer reviews",
    rated: "Rated {n} out of 5",
    review_one: "review",
    review_few: "reviews",
    review_many: "reviews",
    star_one: "{n} star",
    star_few: "{n} stars",
    star_many: "{n} stars",
    show_only: "Show only {n}-star reviews",
    show_all: "Show all reviews",
    sort_by: "Sort by",
    sort_newest: "Newest",
    sort_highest: "Highest rating",
    sort_lowest: "Lowest rating",
    sort_helpful: "Most helpful",
    sort_photos: "With photos",
    load_more: "Show more reviews",
    no_reviews: "No reviews yet. Be the first to review this product.",
    write_review: "Write a review",
    verified_buyer: "Verified buyer",
    shop_reply: "Reply from the shop",
    helpful: "Helpful",
    photo_by: "Photo by {name}",
    reviews_failed: "Reviews could not be loaded.",
    survey_failed: "The survey could not be loaded.",
    loading: "Loading reviews…",
    form_title: "Write a review",
    your_rating: "Your rating",
    n_of_5: "{n} out of 5",
    review_title: "Title",
    review_body: "Your review",
    your_name: "Your name",
    your_email: "E-mail",
    email_hint: "Never shown; the shop may thank you.",
    photos: "Photos",
    add_photos: "Add photos",
    photos_hint: "Up to 5 JPEG, PNG or WebP photos, 5 MB each.",
    remove_photo: "Remove photo",
    photo_wrong_type: "Only JPEG, PNG or WebP photos.",
    photo_too_big: "This photo is larger than 5 MB.",
    photo_failed: "This photo could not be uploaded.",
    uploading: "Uploading…",
    submit_review: "Submit review",
    choose_rating: "Please choose from 1 to 5 stars.",
    review_published: "Thank you! Your review is published.",
    review_pending: "Thank you! Your review will appear once the shop has checked it.",
    reward_points: "You earned {n} points.",
    reward_coupon: "Here is your discount code:",
    copy: "Copy",
    copied: "Copied",
    close: "Close",
    leave_empty: "Leave this field empty",
    csat_low: "1 – very dissatisfied",
    csat_high: "5 – very satisfied",
    csat_low_caption: "Very dissatisfied",
    csat_high_caption: "Very satisfied",
    follow_detractor: "We are sorry. What went wrong?",
    follow_passive: "What would make it a 10?",
    follow_promoter: "Great! What do you like most?",
    follow_csat: "Tell us more (optional)",
    skip: "Skip",
    choose_one: "Please choose one answer.",
    offer_code: "Your discount code",
    offer_ends_in: "Offer ends in",
    offer_email_label: "Your e-mail",
    offer_email_submit: "Send me offers",
    offer_email_thanks: "Thank you! Watch your inbox for our next offers.",
    offer_consent_required: "Please tick the box to agree to receive e-mails.",
    offer_email_invalid: "Please enter a valid e-mail address.",
    keep_shopping: "Back to shopping",
    point_one: "{n} point",
    point_few: "{n} points",
    point_many: "{n} points",
    loyalty_title: "Rewards",
    loyalty_sections: "Sections",
    tab_home: "Overview",
    tab_earn: "Earn",
    tab_rewards: "Rewards",
    tab_history: "History",
    guest_intro: "Earn points when you shop, write reviews and more, then turn them into discounts.",
    join: "Join now",
    join_program: "Join {name}",
    sign_in: "Sign in",
    have_account: "Already a member?",
    balance_label: "Your points",
    points_to: "{points} to {tier}",
    top_tier: "You have reached the top tier.",
    tiers_title: "Tiers",
    tier_from: "from {points}",
    follow: "Follow",
    redeem: "Redeem",
    redeem_confirm: "Spend {points} on “{reward}”?",
    redeem_yes: "Yes, redeem",
    cancel: "Cancel",
    redeeming: "Redeeming…",
    need_more: "{points} more needed",
    redeemed: "Done! Use this code at checkout. It is also kept in your history.",
    redeem_not_enough: "You don't have enough points for this reward yet.",
    redeem_unavailable: "We couldn't reach the shop. Try again: nothing will be spent twice.",
    redeem_refused: "This reward can't be redeemed right now.",
    sign_in_to_redeem: "Sign in to redeem rewards.",
    history_empty: "No points yet.",
    reason_purchase: "Purchase",
    reason_review: "Review",
    reason_signup: "Welcome bonus",
    reason_redeem: "Reward redeemed",
    reason_other: "Points adjustment",
    referral_title: "Refer a friend",
    referral_text: "Share your link with friends.",
    copy_link: "Copy link",
    share: "Share",
    session_expired: "Your session has ended. Sign in again to see your points.",
    token_refused: "We couldn't confirm your account, so you see the program as a guest.",
    loyalty_unavailable: "Your points can't be loaded right now.",
    loyalty_loading: "Loading…",
};

pub static ID: Texts = Texts {
    nps_question: "Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?",
    nps_low: "0 – sangat tidak mungkin",
    nps_high: "10 – sangat mungkin",
    nps_low_caption: "Sangat tidak mungkin",
    nps_high_caption: "Sangat mungkin",
    follow_up: "Apa alasan utama Anda memberi nilai ini?",
    optional: "(opsional)",
    chars_left_before: "",
    chars_left: " karakter tersisa",
    submit: "Kirim",
    sending: "Mengirim…",
    thanks: "Terima kasih atas masukan Anda!",
    retry: "Coba lagi",
    choose_score: "Silakan pilih nilai dari 0 sampai 10.",
    offline:
        "Jawaban Anda belum terkirim. Jawaban disimpan di perangkat ini dan akan dikirim otomatis; Anda juga bisa mencoba lagi sekarang.",
    rejected: "Jawaban Anda tidak dapat diterima. Periksa kembali lalu coba lagi.",
    field_required: "Kolom ini wajib diisi.",
    field_too_long: "Teks ini terlalu panjang.",
    field_too_short: "Teks ini terlalu pendek.",
    field_invalid: "Nilai ini tidak valid.",
    reviews_heading: "Ulasan pelanggan",
    rated: "Nilai {n} dari 5",
    review_one: "ulasan",
    review_few: "ulasan",
    review_many: "ulasan",
    star_one: "{n} bintang",
    star_few: "{n} bintang",
    star_many: "{n} bintang",
    show_only: "Tampilkan hanya ulasan bintang {n}",
    show_all: "Tampilkan semua ulasan",
    sort_by: "Urutkan",
    sort_newest: "Terbaru",
    sort_highest: "Nilai tertinggi",
    sort_lowest: "Nilai terendah",
    sort_helpful: "Paling membantu",
    sort_photos: "Dengan foto",
    load_more: "Tampilkan lebih banyak ulasan",
    no_reviews: "Belum ada ulasan. Jadilah yang pertama mengulas produk ini.",
    write_review: "Tulis ulasan",
    verified_buyer: "Pembeli terverifikasi",
    shop_reply: "Balasan dari toko",
    helpful: "Membantu",
    photo_by: "Foto dari {name}",
    reviews_failed: "Ulasan tidak dapat dimuat.",
    survey_failed: "Survei tidak dapat dimuat.",
    loading: "Memuat ulasan…",
    form_title: "Tulis ulasan",
    your_rating: "Nilai Anda",
    n_of_5: "{n} dari 5",
    review_title: "Judul",
    review_body: "Ulasan Anda",
    your_name: "Nama Anda",
    your_email: "E-mail",
    email_hint: "Tidak ditampilkan; toko mungkin ingin berterima kasih.",
    photos: "Foto",
    add_photos: "Tambah foto",
    photos_hint: "Maksimal 5 foto JPEG, PNG, atau WebP, masing-masing 5 MB.",
    remove_photo: "Hapus foto",
    photo_wrong_type: "Hanya foto JPEG, PNG, atau WebP.",
    photo_too_big: "Foto ini lebih dari 5 MB.",
    photo_failed: "Foto ini tidak dapat diunggah.",
    uploading: "Mengunggah…",
    submit_review: "Kirim ulasan",
    choose_rating: "Silakan pilih 1 sampai 5 bintang.",
    review_published: "Terima kasih! Ulasan Anda sudah tayang.",
    review_pending: "Terima kasih! Ulasan Anda akan tampil setelah diperiksa toko.",
    reward_points: "Anda mendapat {n} poin.",
    reward_coupon: "Ini kode diskon Anda:",
    copy: "Salin",
    copied: "Tersalin",
    close: "Tutup",
    leave_empty: "Biarkan kolom ini kosong",
    csat_low: "1 – sangat tidak puas",
    csat_high: "5 – sangat puas",
    csat_low_caption: "Sangat tidak puas",
    csat_high_caption: "Sangat puas",
    follow_detractor: "Mohon maaf. Apa yang kurang?",
    follow_passive: "Apa yang bisa membuatnya bernilai 10?",
    follow_promoter: "Senang mendengarnya! Apa yang paling Anda sukai?",
    follow_csat: "Ceritakan lebih lanjut (opsional)",
    skip: "Lewati",
    choose_one: "Silakan pilih satu jawaban.",
    offer_code: "Kode diskon Anda",
    offer_ends_in: "Penawaran berakhir dalam",
    offer_email_label: "E-mail Anda",
    offer_email_submit: "Kirimi saya penawaran",
    offer_email_thanks: "Terima kasih! Nantikan penawaran kami berikutnya di kotak masuk Anda.",
    offer_consent_required: "Centang kotak ini untuk setuju menerima e-mail.",
    offer_email_invalid: "Masukkan alamat e-mail yang valid.",
    keep_shopping: "Lanjut belanja",
    point_one: "{n} poin",
    point_few: "{n} poin",
    point_many: "{n} poin",
    loyalty_title: "Hadiah",
    loyalty_sections: "Bagian",
    tab_home: "Ringkasan",
    tab_earn: "Dapatkan",
    tab_rewards: "Hadiah",
    tab_history: "Riwayat",
    guest_intro: "Kumpulkan poin saat berbelanja, menulis ulasan, dan lainnya, lalu tukarkan dengan diskon.",
    join: "Gabung sekarang",
    join_program: "Gabung {name}",
    sign_in: "Masuk",
    have_account: "Sudah jadi anggota?",
    balance_label: "Poin Anda",
    points_to: "{points} lagi menuju {tier}",
    top_tier: "Anda sudah di level tertinggi.",
    tiers_title: "Level",
    tier_from: "mulai {points}",
    follow: "Ikuti",
    redeem: "Tukar",
    redeem_confirm: "Tukar {points} dengan “{reward}”?",
    redeem_yes: "Ya, tukar",
    cancel: "Batal",
    redeeming: "Menukar…",
    need_more: "Kurang {points}",
    redeemed: "Berhasil! Gunakan kode ini saat checkout. Kode juga tersimpan di riwayat Anda.",
    redeem_not_enough: "Poin Anda belum cukup untuk hadiah ini.",
    redeem_unavailable: "Toko tidak dapat dihubungi. Coba lagi: poin tidak akan terpotong dua kali.",
    redeem_refused: "Hadiah ini tidak dapat ditukar saat ini.",
    sign_in_to_redeem: "Masuk untuk menukar hadiah.",
    history_empty: "Belum ada poin.",
    reason_purchase: "Pembelian",
    reason_review: "Ulasan",
    reason_signup: "Bonus pendaftaran",
    reason_redeem: "Hadiah ditukar",
    reason_other: "Penyesuaian poin",
    referral_title: "Ajak teman",
    referral_text: "Bagikan tautan Anda ke teman.",
    copy_link: "Salin tautan",
    share: "Bagikan",
    session_expired: "Sesi Anda telah berakhir. Masuk lagi untuk melihat poin Anda.",
    token_refused: "Akun Anda tidak dapat dikonfirmasi, jadi Anda melihat program sebagai tamu.",
    loyalty_unavailable: "Poin Anda tidak dapat dimuat saat ini.",
    loyalty_loading: "Memuat…",
};

pub static PL: Texts = Texts {
    nps_question: "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?",
    nps_low: "0 – zupełnie nieprawdopodobne",
    nps_high: "10 – bardzo prawdopodobne",
    nps_low_caption: "Zupełnie nieprawdopodobne",
    nps_high_caption: "Bardzo prawdopodobne",
    follow_up: "Jaki jest główny powód Twojej oceny?",
    optional: "(opcjonalnie)",
    chars_left_before: "Pozostało znaków: ",
    chars_left: "",
    submit: "Wyślij",
    sending: "Wysyłanie…",
    thanks: "Dziękujemy za opinię!",
    retry: "Spróbuj ponownie",
    choose_score: "Wybierz ocenę od 0 do 10.",
    offline:
        "Nie udało się wysłać odpowiedzi. Zapisaliśmy ją na tym urządzeniu i wyślemy automatycznie; możesz też spróbować ponownie teraz.",
    rejected: "Nie możemy przyjąć tej odpowiedzi. Sprawdź ją i spróbuj ponownie.",
    field_required: "To pole jest wymagane.",
    field_too_long: "Ten tekst jest za długi.",
    field_too_short: "Ten tekst jest za krótki.",
    field_invalid: "Ta wartość jest nieprawidłowa.",
    reviews_heading: "Opinie klientów",
    rated: "Ocena {n} na 5",
    review_one: "opinia",
    review_few: "opinie",
    review_many: "opinii",
    star_one: "{n} gwiazdka",
    star_few: "{n} gwiazdki",
    star_many: "{n} gwiazdek",
    show_only: "Pokaż tylko opinie z oceną {n}",
    show_all: "Pokaż wszystkie opinie",
    sort_by: "Sortuj według",
    sort_newest: "Najnowsze",
    sort_highest: "Najwyżej oceniane",
    sort_lowest: "Najniżej oceniane",
    sort_helpful: "Najbardziej pomocne",
    sort_photos: "Ze zdjęciami",
    load_more: "Pokaż więcej opinii",
    no_reviews: "Nie ma jeszcze opinii. Bądź pierwszą osobą, która oceni ten produkt.",
    write_review: "Napisz opinię",
    verified_buyer: "Zweryfikowany zakup",
    shop_reply: "Odpowiedź sklepu",
    helpful: "Pomocne",
    photo_by: "Zdjęcie od {name}",
    reviews_failed: "Nie udało się wczytać opinii.",
    survey_failed: "Nie udało się wczytać ankiety.",
    loading: "Wczytywanie opinii…",
    form_title: "Napisz opinię",
    your_rating: "Twoja ocena",
    n_of_5: "{n} na 5",
    review_title: "Tytuł",
    review_body: "Twoja opinia",
    your_name: "Twoje imię",
    your_email: "E-mail",
    email_hint: "Nigdy nie jest pokazywany; sklep może Ci podziękować.",
    photos: "Zdjęcia",
    add_photos: "Dodaj zdjęcia",
    photos_hint: "Do 5 zdjęć JPEG, PNG lub WebP, po 5 MB.",
    remove_photo: "Usuń zdjęcie",
    photo_wrong_type: "Tylko zdjęcia JPEG, PNG lub WebP.",
    photo_too_big: "To zdjęcie ma więcej niż 5 MB.",
    photo_failed: "Nie udało się wysłać tego zdjęcia.",
    uploading: "Wysyłanie…",
    submit_review: "Wyślij opinię",
    choose_rating: "Wybierz od 1 do 5 gwiazdek.",
    review_published: "Dziękujemy! Twoja opinia jest już widoczna.",
    review_pending: "Dziękujemy! Twoja opinia pojawi się po sprawdzeniu przez sklep.",
    reward_points: "Otrzymujesz {n} punktów.",
    reward_coupon: "Oto Twój kod rabatowy:",
    copy: "Kopiuj",
    copied: "Skopiowano",
    close: "Zamknij",
    leave_empty: "Zostaw to pole puste",
    csat_low: "1 – bardzo niezadowolony",
    csat_high: "5 – bardzo zadowolony",
    csat_low_caption: "Bardzo niezadowolony",
    csat_high_caption: "Bardzo zadowolony",
    follow_detractor: "Przykro nam. Co poszło nie tak?",
    follow_passive: "Co sprawiłoby, że dasz 10?",
    follow_promoter: "Świetnie! Co podoba Ci się najbardziej?",
    follow_csat: "Powiedz nam więcej (opcjonalnie)",
    skip: "Pomiń",
    choose_one: "Wybierz jedną odpowiedź.",
    offer_code: "Twój kod rabatowy",
    offer_ends_in: "Oferta kończy się za",
    offer_email_label: "Twój e-mail",
    offer_email_submit: "Chcę dostawać oferty",
    offer_email_thanks: "Dziękujemy! Kolejne oferty znajdziesz w skrzynce.",
    offer_consent_required: "Zaznacz pole, aby zgodzić się na otrzymywanie e-maili.",
    offer_email_invalid: "Wpisz poprawny adres e-mail.",
    keep_shopping: "Wróć do zakupów",
    point_one: "{n} punkt",
    point_few: "{n} punkty",
    point_many: "{n} punktów",
    loyalty_title: "Nagrody",
    loyalty_sections: "Sekcje",
    tab_home: "Przegląd",
    tab_earn: "Zdobywaj",
    tab_rewards: "Nagrody",
    tab_history: "Historia",
    guest_intro: "Zbieraj punkty za zakupy, opinie i nie tylko, a potem wymieniaj je na rabaty.",
    join: "Dołącz teraz",
    join_program: "Dołącz do programu {name}",
    sign_in: "Zaloguj się",
    have_account: "Masz już konto?",
    balance_label: "Twoje punkty",
    points_to: "{points} do poziomu {tier}",
    top_tier: "Masz najwyższy poziom.",
    tiers_title: "Poziomy",
    tier_from: "od {points}",
    follow: "Obserwuj",
    redeem: "Wymień",
    redeem_confirm: "Wymienić {points} na „{reward}”?",
    redeem_yes: "Tak, wymień",
    cancel: "Anuluj",
    redeeming: "Wymieniamy…",
    need_more: "Brakuje: {points}",
    redeemed: "Gotowe! Użyj tego kodu przy kasie. Znajdziesz go też w historii.",
    redeem_not_enough: "Masz za mało punktów na tę nagrodę.",
    redeem_unavailable: "Nie udało się połączyć ze sklepem. Spróbuj ponownie: punkty nie zostaną pobrane dwa razy.",
    redeem_refused: "Tej nagrody nie można teraz wymienić.",
    sign_in_to_redeem: "Zaloguj się, aby wymieniać nagrody.",
    history_empty: "Nie masz jeszcze punktów.",
    reason_purchase: "Zakup",
    reason_review: "Opinia",
    reason_signup: "Bonus powitalny",
    reason_redeem: "Wymieniona nagroda",
    reason_other: "Korekta punktów",
    referral_title: "Poleć nas znajomym",
    referral_text: "Wyślij swój link znajomym.",
    copy_link: "Kopiuj link",
    share: "Udostępnij",
    session_expired: "Sesja wygasła. Zaloguj się ponownie, aby zobaczyć swoje punkty.",
    token_refused: "Nie udało się potwierdzić Twojego konta, więc widzisz program jako gość.",
    loyalty_unavailable: "Nie można teraz wczytać Twoich punktów.",
    loyalty_loading: "Wczytywanie…",
};

impl Texts {
    pub fn field_error(&self, e: retainkit_contract::FieldError) -> &'static str {
        use retainkit_contract::FieldError::*;
        match e {
            Required => self.field_required,
            TooLong => self.field_too_long,
            TooShort => self.field_too_short,
            OutOfRange | Invalid => self.field_invalid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_as_str_replace_does() {
        for (text, key, value) in [
            ("{n} points", "{n}", "1,500"),
            ("Rated {n} of {n}", "{n}", "4"),
            ("none", "{n}", "x"),
            ("{n}{n}", "{n}", "{n}"),
            ("Sudah {points}?", "{points}", "1.500 poin"),
            ("", "{n}", "3"),
        ] {
            assert_eq!(fill(text, key, value), text.replace(key, value));
        }
        assert_eq!(fill("ab", "", "x"), "ab", "an empty key replaces nothing (and ends)");
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Locale::parse("pl-PL"), Some(Locale::Pl));
        assert_eq!(Locale::parse("id_ID"), Some(Locale::Id));
        assert_eq!(Locale::parse("in"), Some(Locale::Id));
        assert_eq!(Locale::parse("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn picks_the_first_spoken_language() {
        assert_eq!(Locale::pick([None, Some("de-DE"), Some("pl")]), Locale::Pl);
        assert_eq!(Locale::pick([Some("fr")]), Locale::En);
        assert_eq!(Locale::pick([]), Locale::En);
    }

    #[test]
    fn ages() {
        assert_eq!(relative_unit(30.0), (0, "minute"));
        assert_eq!(relative_unit(3.5 * 86_400.0), (3, "day"));
        assert_eq!(relative_unit(15.0 * 86_400.0), (2, "week"));
        assert_eq!(relative_unit(400.0 * 86_400.0), (1, "year"));
    }

    #[test]
    fn plurals_and_numbers() {
        assert_eq!(Locale::En.review_count(1), "1 review");
        assert_eq!(Locale::En.review_count(12), "12 reviews");
        assert_eq!(Locale::Id.review_count(1), "1 ulasan");
        assert_eq!(Locale::Pl.review_count(1), "1 opinia");
        assert_eq!(Locale::Pl.review_count(3), "3 opinie");
        assert_eq!(Locale::Pl.review_count(5), "5 opinii");
        assert_eq!(Locale::Pl.review_count(12), "12 opinii");
        assert_eq!(Locale::Pl.review_count(22), "22 opinie");
        assert_eq!(Locale::En.rated(4.25), "Rated 4.3 out of 5");
        assert_eq!((Locale::En.stars_n(1), Locale::En.stars_n(2)), ("1 star".to_owned(), "2 stars".to_owned()));
        assert_eq!(
            (Locale::Pl.stars_n(1), Locale::Pl.stars_n(3), Locale::Pl.stars_n(5)),
            ("1 gwiazdka".to_owned(), "3 gwiazdki".to_owned(), "5 gwiazdek".to_owned())
        );
        assert_eq!(Locale::Pl.rated(4.0), "Ocena 4,0 na 5");
        assert_eq!(Locale::Id.decimal(3.96), "4,0");
    }

    #[test]
    fn minor_units() {
        assert_eq!(minor_to_major(25_000_000, 2), (250_000.0, true));
        assert_eq!(minor_to_major(4_990, 2), (49.9, false));
        assert_eq!(minor_to_major(1_500, 0), (1_500.0, true));
        assert_eq!((minor_digits("IDR"), minor_digits("jpy"), minor_digits("KWD"), minor_digits("PLN")), (2, 0, 3, 2));
    }

    #[test]
    fn every_language_has_every_text() {
        for l in [Locale::En, Locale::Id, Locale::Pl] {
            let t = l.texts();
            for s in [t.nps_question, t.nps_low, t.nps_high, t.follow_up, t.submit, t.thanks, t.retry, t.offline, t.rejected] {
                assert!(!s.trim().is_empty(), "{l:?}");
            }
            assert!(!(t.chars_left_before.to_owned() + t.chars_left).trim().is_empty(), "{l:?}");
            assert!(t.nps_low.starts_with("0 – ") && t.nps_high.starts_with("10 – "), "{l:?}");
        }
        assert_ne!(EN.submit, PL.submit);
        assert_ne!(EN.submit, ID.submit);
    }
}
