//! Sentences of the kept lines, robust to abbreviations ("U.S.", "Dr.", "z. B."), initials and
//! German ordinals ("am 11. September"), and a few helpers over words of a sentence.
//!
//! A line break always ends a sentence: news text puts headlines, captions and paragraphs on
//! lines of their own. A run-on "sentence" is cut at a space after `MAX_SENTENCE` bytes so
//! that the per-sentence rules stay bounded on any input.

/// A sentence: byte span in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

const MAX_SENTENCE: usize = 1500;

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '“' | '’' | '»' | '«' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '„' | '“' | '‘' | '»' | '«' | '(' | '[' | '\'')
}

/// Whether the period ending `before` closes an abbreviation, an initial or an ordinal.
fn is_abbreviation(before: &str, abbreviations: &[String]) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let core = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = core.trim_end_matches('.');
    // "J." and "U.S." (letters between dots) are initials; "11." is an ordinal or a date part.
    // "z. B.", "u. a." have single lower-case letters too.
    if letters.chars().count() == 1 && letters.chars().all(char::is_alphabetic) {
        return true;
    }
    if letters.contains('.') && letters.split('.').all(|part| part.chars().count() <= 2) {
        return true;
    }
    if !letters.is_empty() && letters.len() <= 2 && letters.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    abbreviations.iter().any(|abbreviation| {
        before.ends_with(abbreviation.as_str())
            && !before[..before.len() - abbreviation.len()].chars().next_back().is_some_and(char::is_alphanumeric)
    })
}

/// Splits each line span of `text` into sentences.
pub(crate) fn split(text: &str, lines: &[(usize, usize)], abbreviations: &[String]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for &(line_start, line_end) in lines {
        let line = &text[line_start..line_end];
        let mut start = 0;
        let mut chars = line.char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            let too_long = index - start > MAX_SENTENCE && c.is_whitespace();
            if !matches!(c, '.' | '!' | '?') && !too_long {
                continue;
            }
            let mut end = index + c.len_utf8();
            while let Some(&(next_index, next)) = chars.peek() {
                if matches!(next, '.' | '!' | '?') || is_closer(next) {
                    end = next_index + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if !too_long {
                let rest = &line[end..];
                let after_space = rest.trim_start();
                let spaced = rest.len() > after_space.len();
                let opens = after_space.chars().next().is_some_and(is_opener);
                if !spaced || !opens || (c == '.' && is_abbreviation(&line[start..=index], abbreviations)) {
                    continue;
                }
            }
            push(&mut sentences, line, line_start, start, end);
            start = end;
        }
        push(&mut sentences, line, line_start, start, line.len());
    }
    sentences
}

fn push(sentences: &mut Vec<Sentence>, line: &str, offset: usize, start: usize, end: usize) {
    let piece = &line[start..end];
    let trimmed = piece.trim_start();
    let lead = piece.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if trimmed.chars().any(char::is_alphabetic) {
        sentences.push(Sentence { start: offset + start + lead, end: offset + start + lead + trimmed.len() });
    }
}

/// The word (letters, digits, hyphens, apostrophes) ending just before byte `at` of `text`,
/// skipping spaces.
pub(crate) fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> String {
        let abbreviations = vec!["Dr.".to_owned(), "z. B.".to_owned()];
        let spans = split(text, &[(0, text.len())], &abbreviations);
        spans.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn splits_at_periods_before_capitals() {
        assert_eq!(sentences("Putin kam. Kim ging! Wer blieb?"), "Putin kam.|Kim ging!|Wer blieb?");
    }

    #[test]
    fn keeps_abbreviations_initials_and_ordinals() {
        assert_eq!(
            sentences("Dr. Weber traf z. B. den U.S. President am 11. September. Dann ging er."),
            "Dr. Weber traf z. B. den U.S. President am 11. September.|Dann ging er."
        );
    }

    #[test]
    fn quotes_close_a_sentence() {
        assert_eq!(sentences("„Wir kommen.“ Sagte er."), "„Wir kommen.“|Sagte er.");
    }

    #[test]
    fn neighbour_words() {
        assert_eq!(word_before("im Iran Drohnen", 8), "Iran");
    }
}
