//! One multi-pattern matcher for gazetteer names and lexicon words, with the case and
//! word-boundary rules both need.
//!
//! Patterns are matched on the original text (so offsets need no mapping), ASCII case-insensitive,
//! and then checked:
//! - a pattern in capitals of two to six letters (`US`, `NATO`, `U.S.`) must match exactly, because
//!   "us" is a pronoun;
//! - a pattern starting upper-case (`Turkey`, `Kim`) must start upper-case in the text ("turkey",
//!   "kim" are other words);
//! - a pattern starting lower-case (German adjectives `russisch`) matches either case;
//! - `*` at either end of a pattern lifts the word boundary on that side, for German compounds
//!   (`*munition` matches "Artilleriemunition", `liefer*` matches "lieferte").
//!
//! Of overlapping hits the leftmost longest wins. Nothing here knows what a pattern means.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How the case of the text must agree with the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Exact,
    FirstUpper,
    Any,
}

#[derive(Debug, Clone, Copy)]
struct Rule {
    value: u32,
    case: Case,
    open_left: bool,
    open_right: bool,
}

/// A hit of a pattern: byte span in the text and the value the pattern was added with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) value: u32,
}

/// Collects patterns, then builds the automaton once.
#[derive(Default)]
pub(crate) struct MatcherBuilder {
    patterns: Vec<String>,
    rules: Vec<Rule>,
    plain_variants: bool,
}

impl MatcherBuilder {
    /// A builder for names, which also match without their diacritics ("Erdogan",
    /// "Blaszczak"). Not for words: "wären" without its umlaut is "waren".
    pub(crate) fn for_names() -> Self {
        Self { plain_variants: true, ..Self::default() }
    }

    /// Adds a pattern (with optional `*` ends) standing for `value`.
    pub(crate) fn add(&mut self, pattern: &str, value: u32) {
        let pattern = pattern.trim();
        let open_left = pattern.starts_with('*');
        let open_right = pattern.len() > 1 && pattern.ends_with('*');
        let core = pattern.trim_start_matches('*').trim_end_matches('*').trim();
        // One letter is a word in some languages ("à", "a"), never a name.
        if core.is_empty()
            || (core.chars().count() < 2 && (self.plain_variants || !core.chars().all(char::is_alphabetic)))
        {
            return;
        }
        let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
        let first = core.chars().next().unwrap_or(' ');
        let case = if (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) {
            Case::Exact
        } else if first.is_uppercase() {
            Case::FirstUpper
        } else {
            Case::Any
        };
        let rule = Rule { value, case, open_left, open_right };
        // ASCII case folding misses "Ö"/"ö": add the other case of a non-ASCII first letter.
        if !first.is_ascii() && case == Case::Any {
            let upper: String = first.to_uppercase().chain(core.chars().skip(1)).collect();
            self.patterns.push(upper);
            self.rules.push(rule);
        }
        self.patterns.push(core.to_owned());
        self.rules.push(rule);
        // Texts often drop diacritics ("Erdogan", "Blaszczak", "Cavusoglu").
        let plain = strip_accents(core);
        if self.plain_variants && plain != core {
            self.patterns.push(plain);
            self.rules.push(rule);
        }
    }

    /// Builds the automaton.
    pub(crate) fn build(self) -> Matcher {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)
            .expect("patterns are plain strings of bounded size");
        Matcher { automaton, rules: self.rules, patterns: self.patterns }
    }
}

/// A compiled set of patterns.
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    rules: Vec<Rule>,
    patterns: Vec<String>,
}

/// The text with accented Latin letters replaced by their base letter, case kept.
pub(crate) fn strip_accents(text: &str) -> String {
    text.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let base = geokg_model::iri::fold_accent(lower);
            if base == lower {
                return c;
            }
            if c.is_uppercase() { base.to_ascii_uppercase() } else { base }
        })
        .collect()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    /// Every non-overlapping hit in `text`, leftmost-longest first, in text order. Patterns
    /// with the same span all stay, next to each other, so callers can choose among them.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for found in self.automaton.find_overlapping_iter(text) {
            let rule = self.rules[found.pattern().as_usize()];
            let (start, end) = (found.start(), found.end());
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let matched = &text[start..end];
            let ok_case = match rule.case {
                Case::Exact => matched == self.patterns[found.pattern().as_usize()],
                Case::FirstUpper => matched.chars().next().is_some_and(char::is_uppercase),
                Case::Any => true,
            };
            let ok_left = rule.open_left || !text[..start].chars().next_back().is_some_and(is_word);
            let ok_right = rule.open_right || !text[end..].chars().next().is_some_and(is_word);
            if ok_case && ok_left && ok_right {
                hits.push(Hit { start, end, value: rule.value });
            }
        }
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.value.cmp(&b.value)));
        let mut chosen: Vec<Hit> = Vec::with_capacity(hits.len());
        for hit in hits {
            let same_span = chosen.last().is_some_and(|last| last.start == hit.start && last.end == hit.end);
            if same_span || chosen.last().is_none_or(|last| hit.start >= last.end) {
                chosen.push(hit);
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(patterns: &[&str], text: &str) -> String {
        let mut builder = MatcherBuilder::default();
        for (i, pattern) in patterns.iter().enumerate() {
            builder.add(pattern, i as u32);
        }
        let hits = builder.build().find(text);
        hits.iter().map(|h| &text[h.start..h.end]).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert_eq!(spans(&["US"], "let us see the US"), "US");
    }

    #[test]
    fn capitalised_names_need_a_capital() {
        assert_eq!(spans(&["Turkey"], "turkey in Turkey"), "Turkey");
    }

    #[test]
    fn lower_case_stems_match_either_case() {
        assert_eq!(spans(&["russische"], "Russische und russische"), "Russische|russische");
    }

    #[test]
    fn boundaries_unless_starred() {
        assert_eq!(spans(&["Iran", "*munition"], "Iranian Artilleriemunition"), "munition");
    }

    #[test]
    fn longest_wins() {
        assert_eq!(spans(&["Kim", "Kim Jong Un"], "Kim Jong Un traf Kim."), "Kim Jong Un|Kim");
    }

    #[test]
    fn umlaut_first_letter_matches_both_cases() {
        assert_eq!(spans(&["österreichisch*"], "Österreichische"), "Österreichisch");
    }
}
