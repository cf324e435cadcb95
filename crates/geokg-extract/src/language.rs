//! The language of a document: the one the source gave, else the one whatlang reads in the
//! prose. A language without a lexicon falls back to the closest one that has one, and the
//! extraction says so in a note.

use crate::lexicon::Lexicon;
use std::collections::BTreeMap;

/// The language code (ISO 639-1) the text is in, as far as whatlang can tell, and whether
/// whatlang is sure. A short text ("Putin met Xi in Osaka.") is often unsure: see [`by_words`].
pub(crate) fn detect(text: &str) -> Option<(&'static str, bool)> {
    // The first few kilobytes tell the language as well as the whole text, and cost less.
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    Some((code(info.lang())?, info.is_reliable()))
}

/// The language whose lexicon words (triggers, cues, date and function words) occur most often
/// in a short text, when one leads; a few words are too few for letter statistics.
pub(crate) fn by_words<'a>(text: &str, lexicons: &'a BTreeMap<String, Lexicon>) -> Option<&'a str> {
    let mut counts: Vec<(usize, &str)> = lexicons
        .iter()
        .map(|(language, l)| {
            let n = l.meeting.find(text).len()
                + l.transfer.find(text).len()
                + l.status.find(text).len()
                + l.word.find(text).len()
                + l.date.find(text).len();
            (n, language.as_str())
        })
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    match counts.as_slice() {
        [(best, language), rest @ ..] if *best > 0 && rest.first().is_none_or(|(next, _)| next < best) => {
            Some(language)
        }
        _ => None,
    }
}

/// The languages whatlang tells apart that geokg names, with their ISO 639-1 codes.
const CODES: [(whatlang::Lang, &str); 10] = [
    (whatlang::Lang::Deu, "de"),
    (whatlang::Lang::Eng, "en"),
    (whatlang::Lang::Fra, "fr"),
    (whatlang::Lang::Spa, "es"),
    (whatlang::Lang::Ita, "it"),
    (whatlang::Lang::Por, "pt"),
    (whatlang::Lang::Nld, "nl"),
    (whatlang::Lang::Rus, "ru"),
    (whatlang::Lang::Pol, "pl"),
    (whatlang::Lang::Tur, "tr"),
];

fn code(lang: whatlang::Lang) -> Option<&'static str> {
    CODES.iter().find(|(l, _)| *l == lang).map(|(_, c)| *c)
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
            detect("Die Bundesregierung hat den Besuch des französischen Präsidenten für Donnerstag angekündigt.")
                .map(|d| d.0),
            Some("de")
        );
        assert_eq!(
            detect("The government in Paris announced the chancellor's visit for Thursday.").map(|d| d.0),
            Some("en")
        );
    }

    #[test]
    fn falls_back_to_a_neighbour() {
        let available = vec!["de".to_owned(), "en".to_owned(), "es".to_owned()];
        assert_eq!(closest("pt", &available), Some("es"));
        assert_eq!(closest("nl", &available), Some("de"));
        assert_eq!(closest("ru", &available), Some("en"));
    }
}
