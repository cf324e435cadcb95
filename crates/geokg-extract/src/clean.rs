//! Finds the article prose in a page's text: drops player controls, comment sections, cookie
//! and legal notices and repeated captions, line by line, keeping byte offsets into the
//! original text; reads the title and the dateline.
//!
//! What counts as furniture is data (`boilerplate.tsv` of every language); this file holds
//! only how lines are judged. Sentences are not split here.

use crate::lexicon::Boilerplate;
use geokg_model::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// The prose of a page: kept line spans (byte offsets), title and dateline.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub(crate) lines: Vec<(usize, usize)>,
    pub(crate) title: Option<String>,
    pub(crate) dateline: Option<PartialDate>,
    pub(crate) dropped: usize,
}

// "04.03.2022 09:15", "Stand: 04.03.2022", "(March 4, 2022 / AP)", "Sept. 4, 2022".
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)\b").expect("valid regex"));
static ENGLISH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? ([0-3]?\d), ((?:19|20)\d\d)\b")
        .expect("valid regex")
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b").expect("valid regex"));

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A full date written as a dateline would write it, anywhere in `line`.
pub(crate) fn dateline(line: &str) -> Option<PartialDate> {
    let number = |text: &str| text.parse::<u16>().ok();
    if let Some(c) = ISO_DATE.captures(line) {
        return PartialDate::day(i32::from(number(&c[1])?), number(&c[2])? as u8, number(&c[3])? as u8);
    }
    if let Some(c) = NUMERIC_DATE.captures(line) {
        return PartialDate::day(i32::from(number(&c[3])?), number(&c[2])? as u8, number(&c[1])? as u8);
    }
    if let Some(c) = ENGLISH_DATE.captures(line) {
        let month = MONTHS.iter().position(|m| *m == &c[1])? as u8 + 1;
        return PartialDate::day(i32::from(number(&c[3])?), month, number(&c[2])? as u8);
    }
    None
}

fn is_furniture(line: &str, markers: &[(String, Boilerplate)]) -> Option<Boilerplate> {
    markers.iter().find_map(|(text, scope)| {
        let hit = match scope {
            Boilerplate::Line | Boilerplate::Tail => line == text,
            Boilerplate::Contains => line.contains(text.as_str()),
        };
        hit.then_some(*scope)
    })
}

// A line of digits, colons and slashes is a player's clock ("00:00 / 00:00").
fn is_clock(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | ' ' | '.' | 'x'))
}

/// Splits `text` into lines and keeps those that are prose.
pub(crate) fn clean(text: &str, markers: &[(String, Boilerplate)]) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut offset = 0;
    let mut previous: Option<&str> = None;
    let mut seen_prose = false;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let span = (start + lead, start + lead + line.len());
        match is_furniture(line, markers) {
            // A tail marker before any prose is a heading, not the page's end.
            Some(Boilerplate::Tail) if seen_prose => {
                cleaned.dropped += 1;
                break;
            }
            Some(Boilerplate::Line | Boilerplate::Contains) => {
                cleaned.dropped += 1;
                continue;
            }
            _ => {}
        }
        if is_clock(line) {
            cleaned.dropped += 1;
            continue;
        }
        // Captions are printed twice, the second time without the credit: "… (Bild: AP)".
        if previous.is_some_and(|p| line.len() >= 20 && p.starts_with(line)) {
            cleaned.dropped += 1;
            continue;
        }
        if cleaned.dateline.is_none() && line.len() < 80 && cleaned.lines.len() < 12 {
            cleaned.dateline = dateline(line);
        }
        if cleaned.title.is_none()
            && !line.ends_with(['.', ':'])
            && line.split_whitespace().count() >= 4
            && line.len() < 200
        {
            cleaned.title = Some(line.to_owned());
        }
        seen_prose |= line.len() > 100;
        previous = Some(line);
        cleaned.lines.push(span);
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> String {
        let markers = vec![("play_arrow".to_owned(), Boilerplate::Line), ("Kommentare".to_owned(), Boilerplate::Tail)];
        let cleaned = clean(text, &markers);
        cleaned.lines.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn player_controls_and_clocks_go() {
        assert_eq!(kept("Satz eins.\nplay_arrow\n00:00 / 00:00\nSatz zwei."), "Satz eins.|Satz zwei.");
    }

    #[test]
    fn a_repeated_caption_goes() {
        assert_eq!(
            kept("Putin und Kim im Fernsehen (Bild: AP)\nPutin und Kim im Fernsehen\n"),
            "Putin und Kim im Fernsehen (Bild: AP)"
        );
    }

    #[test]
    fn the_comment_section_goes_after_prose() {
        let prose = "Ein langer Satz über ein Treffen, der länger als hundert Zeichen ist, damit er als Fließtext gilt, und so weiter.";
        assert_eq!(kept(&format!("{prose}\nKommentare\nLeser sagt etwas.")), prose);
    }

    #[test]
    fn datelines_in_three_forms() {
        assert_eq!(dateline("04.03.2022 09:15").map(|d| d.to_string()), Some("2022-03-04".into()));
        assert_eq!(dateline("(March 4, 2022 / AP)").map(|d| d.to_string()), Some("2022-03-04".into()));
        assert_eq!(dateline("Stand: 2022-03-04").map(|d| d.to_string()), Some("2022-03-04".into()));
    }
}
