//! Texts in English, Indonesian and Polish. A theme developer can override any text with an
//! attribute on the element (e.g. `question="…"`); everything else comes from here.

/// The languages RetainKit speaks.
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

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::Id => &ID,
            Locale::Pl => &PL,
        }
    }
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
}

pub static EN: Texts = Texts {
    nps_question: "How likely are you to recommend us to a friend or colleague?",
    nps_low: "0 – not at all likely",
    nps_high: "10 – extremely likely",
    nps_low_caption: "Not at all likely",
    nps_high_caption: "Extremely likely",
    follow_up: "What is the main reason for your score?",
    optional: "(optional)",
    chars_left: "characters left",
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
};

pub static ID: Texts = Texts {
    nps_question: "Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?",
    nps_low: "0 – sangat tidak mungkin",
    nps_high: "10 – sangat mungkin",
    nps_low_caption: "Sangat tidak mungkin",
    nps_high_caption: "Sangat mungkin",
    follow_up: "Apa alasan utama Anda memberi nilai ini?",
    optional: "(opsional)",
    chars_left: "karakter tersisa",
    submit: "Kirim",
    sending: "Mengirim…",
    thanks: "Terima kasih atas masukan Anda!",
    retry: "Coba lagi",
    choose_score: "Silakan pilih nilai dari 0 sampai 10.",
    offline: "Jawaban Anda belum terkirim. Jawaban disimpan di perangkat ini dan akan dikirim otomatis; Anda juga bisa mencoba lagi sekarang.",
    rejected: "Jawaban Anda tidak dapat diterima. Periksa kembali lalu coba lagi.",
    field_required: "Kolom ini wajib diisi.",
    field_too_long: "Teks ini terlalu panjang.",
    field_too_short: "Teks ini terlalu pendek.",
    field_invalid: "Nilai ini tidak valid.",
};

pub static PL: Texts = Texts {
    nps_question: "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?",
    nps_low: "0 – zupełnie nieprawdopodobne",
    nps_high: "10 – bardzo prawdopodobne",
    nps_low_caption: "Zupełnie nieprawdopodobne",
    nps_high_caption: "Bardzo prawdopodobne",
    follow_up: "Jaki jest główny powód Twojej oceny?",
    optional: "(opcjonalnie)",
    chars_left: "pozostało znaków",
    submit: "Wyślij",
    sending: "Wysyłanie…",
    thanks: "Dziękujemy za opinię!",
    retry: "Spróbuj ponownie",
    choose_score: "Wybierz ocenę od 0 do 10.",
    offline: "Nie udało się wysłać odpowiedzi. Zapisaliśmy ją na tym urządzeniu i wyślemy automatycznie; możesz też spróbować ponownie teraz.",
    rejected: "Nie możemy przyjąć tej odpowiedzi. Sprawdź ją i spróbuj ponownie.",
    field_required: "To pole jest wymagane.",
    field_too_long: "Ten tekst jest za długi.",
    field_too_short: "Ten tekst jest za krótki.",
    field_invalid: "Ta wartość jest nieprawidłowa.",
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
    fn every_language_has_every_text() {
        for l in [Locale::En, Locale::Id, Locale::Pl] {
            let t = l.texts();
            for s in [t.nps_question, t.nps_low, t.nps_high, t.follow_up, t.submit, t.thanks, t.retry, t.offline, t.rejected, t.chars_left] {
                assert!(!s.trim().is_empty(), "{l:?}");
            }
            assert!(t.nps_low.starts_with("0 – ") && t.nps_high.starts_with("10 – "), "{l:?}");
        }
        assert_ne!(EN.submit, PL.submit);
        assert_ne!(EN.submit, ID.submit);
    }
}
