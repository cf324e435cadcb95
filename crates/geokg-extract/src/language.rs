//! The language of a document: the one the source gave, else the one whatlang reads in the
//! prose. A language without a lexicon falls back to the closest one that has one, and the
//! extraction says so in a note.

/// The language code (ISO 639-1) the text is in, as far as whatlang can tell.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    // The first few kilobytes tell the language as well as the whole text, and cost less.
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    Some(match info.lang() {
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Tur => "tr",
        _ => return None,
    })
}

/// The lexicon to use for `language` among `available`: itself, else the closest.
pub(crate) fn closest<'a>(language: &str, available: &'a [String]) -> Option<&'a str> {
    let preference: &[&str] = match language {
        "pt" | "it" | "ca" | "gl" | "es" => &["es", "fr", "en"],
        "nl" | "lb" => &["de", "en"],
        "fr" => &["fr", "es", "en"],
        _ => &["en"],
    };
    std::iter::once(language)
        .chain(preference.iter().copied())
        .find_map(|wanted| available.iter().find(|a| a.as_str() == wanted).map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_and_english() {
        assert_eq!(
            detect("Die Bundesregierung hat den Besuch des französischen Präsidenten für Donnerstag angekündigt."),
            Some("de")
        );
        assert_eq!(detect("The government in Paris announced the chancellor's visit for Thursday."), Some("en"));
    }

    #[test]
    fn falls_back_to_a_neighbour() {
        let available = vec!["de".to_owned(), "en".to_owned(), "es".to_owned()];
        assert_eq!(closest("pt", &available), Some("es"));
        assert_eq!(closest("nl", &available), Some("de"));
        assert_eq!(closest("ru", &available), Some("en"));
    }
}
