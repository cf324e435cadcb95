//! What a sentence claims about an event: occurred, planned, alleged, speculative or negated,
//! read from the cues (`status.tsv`) in the clause around the trigger.
//!
//! Clauses end at semicolons, colons, quotes, dashes and before relative or subordinate
//! clauses (", who", ", der", ", dass"), so "Scholz will meet Sunak, whom Macron has
//! praised" keeps Biden's "has" out of the meeting's clause.

use crate::analysis::Analysed;
use crate::lexicon::Cue;
use geokg_model::{PartialDate, Status};
use regex::Regex;
use std::sync::LazyLock;

static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[;:]\s|[„“”"«»]|\s[–—-]\s|,\s+(?:who|whom|which|whose|where|while|but|as|if|der|die|das|dem|den|dessen|deren|wo|während|weil|denn|aber|sondern|nachdem|obwohl|dass|wenn|falls|um|damit|that|teilte|sagte|said|according|[a-z]+ing)(?-u:\b)|,\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){1,4}(?:said|says|told|reported|reports)(?-u:\b)|\s(?:that|dass|how|wie|whether|ob|whose|deren|dessen)\s|\s(?:after|before|while|by|without)\s+[a-z]+ing(?-u:\b)"#)
        .expect("valid regex")
});

/// The clause boundaries of `text[start..end]`, as byte spans in the document. `names` are
/// the spans of the entity mentions: ", Frankreichs, Polens und Italiens" is a list of names
/// after an article, not a relative clause.
pub(crate) fn boundaries(text: &str, start: usize, end: usize, names: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let listed = |at: usize| {
        names.iter().find(|&&(s, _)| s >= at).is_some_and(|&(s, e)| {
            text[at..s].trim().is_empty() && {
                let after = text[e..end].trim_start();
                after.starts_with(',')
                    || ["und ", "sowie ", "oder ", "and ", "or "].iter().any(|w| after.starts_with(w))
            }
        })
    };
    BOUNDARY
        .find_iter(&text[start..end])
        .map(|b| (start + b.start(), start + b.end()))
        .filter(|&(s, e)| {
            let article = matches!(text[s..e].trim_start_matches([',', ' ']), "der" | "die" | "das" | "dem" | "den");
            !(article && listed(e))
        })
        .collect()
}

/// The byte span of the clause of `start..end` (with these boundaries) that contains byte `at`.
pub(crate) fn clause(boundaries: &[(usize, usize)], start: usize, end: usize, at: usize) -> (usize, usize) {
    let (mut from, mut to) = (start, end);
    // The boundary's words ("wenn", "that") belong to the clause they open.
    for &(s, _) in boundaries {
        if s < at {
            from = from.max(s);
        } else {
            to = to.min(s);
            break;
        }
    }
    (from, to)
}

/// The status of an event from the cues in `span` (its clause, or its part of the clause when
/// the clause has several triggers), with its date if known.
pub(crate) fn status(
    text: &str,
    analysed: &Analysed,
    (from, to): (usize, usize),
    transfer: bool,
    date: Option<PartialDate>,
    today: bool,
    published: Option<PartialDate>,
) -> Status {
    let cues: Vec<(usize, usize, Cue)> = analysed
        .cues
        .iter()
        .filter(|(h, _)| h.start >= from && h.end <= to)
        .map(|(h, c)| (h.start, h.end, *c))
        .collect();
    let has = |cue: Cue| cues.iter().any(|(_, _, c)| *c == cue);
    // "soll … geliefert haben", "sollen … gekauft worden sein": the perfect infinitive ends the clause.
    let clause_end = text[from..to].trim_end_matches(|c: char| !c.is_alphanumeric()).len() + from;
    let perfect_at_end = cues.iter().any(|&(_, end, cue)| cue == Cue::Perfect && end == clause_end);
    // "war eigentlich … geplant": a plan told as past and "actually" did not happen.
    if has(Cue::Negated) || (has(Cue::Counterfactual) && has(Cue::Planned) && has(Cue::Past)) {
        return Status::Negated;
    }
    if has(Cue::Alleged) || (has(Cue::Soll) && perfect_at_end) {
        return Status::Alleged;
    }
    if has(Cue::Speculative) {
        return Status::Speculative;
    }
    if has(Cue::Planned) || has(Cue::Soll) || (transfer && has(Cue::Deal)) {
        return Status::Planned;
    }
    // "Scholz und Macron kommen heute zu Gesprächen zusammen": the present tense with "heute"
    // or a later day is a plan; "am Montag" of a Monday paper is more likely done.
    if let (Some(date), Some(published)) = (date, published)
        && !has(Cue::Past)
        && date.get_day().is_some()
        && (date.to_days() > published.to_days() || (today && date.to_days() == published.to_days()))
    {
        return Status::Planned;
    }
    Status::Occurred
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause_of(text: &str, word: &str) -> String {
        let at = text.find(word).unwrap();
        let (s, e) = clause(&boundaries(text, 0, text.len(), &[]), 0, text.len(), at);
        text[s..e].trim().to_owned()
    }

    #[test]
    fn relative_clauses_are_cut_off() {
        assert_eq!(clause_of("Scholz will meet Sunak, whom Macron has praised.", "meet"), "Scholz will meet Sunak");
        assert_eq!(clause_of("Er sagte, dass Kim Putin treffen werde.", "treffen"), ", dass Kim Putin treffen werde.");
    }
}
