//! The per-language word lists of `data/lexicon/<lang>/*.tsv` (formats in the crate README):
//! meeting and transfer triggers, transfer items, status cues, titles, function words, date
//! words, abbreviations and boilerplate markers.
//!
//! Each file becomes one matcher, so a word may sit in two files ("Waffenlieferung" is a
//! transfer trigger and a weapons item) without one hiding the other. The rules that use these
//! words live in code; nothing here knows a sentence.

use crate::matcher::{Hit, Matcher, MatcherBuilder};
use geokg_model::{MeetingKind, TransferCategory};
use std::collections::BTreeMap;

/// What a meeting trigger says about who travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Nothing ("treffen", "meet", "Gipfel").
    Plain,
    /// Its subject receives the others ("empfangen", "host").
    Host,
    /// Its subject travels ("besuchen", "visit", "reisen").
    Visit,
}

/// A meeting trigger.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MeetingWord {
    pub(crate) kind: MeetingKind,
    pub(crate) frame: Frame,
}

/// Which way a transfer trigger points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// The subject gives ("liefern", "supply", "sell").
    Give,
    /// The subject gets ("kaufen", "receive", "buy").
    Get,
    /// A noun ("Lieferung", "aid"): the sides come from prepositions.
    Noun,
}

/// A transfer trigger: direction and the category of what it moves when no item is named.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TransferWord {
    pub(crate) direction: Direction,
    pub(crate) category: Option<TransferCategory>,
}

/// A status cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cue {
    /// Announced or scheduled ("werde", "will", "geplant").
    Planned,
    /// Might happen ("könnte", "could").
    Speculative,
    /// Hearsay ("angeblich", "reportedly").
    Alleged,
    /// Did not or will not happen ("nicht", "cancelled").
    Negated,
    /// German "soll(en)": hearsay with a perfect infinitive, else a plan.
    Soll,
    /// Ends a perfect infinitive ("haben", "worden sein").
    Perfect,
    /// Past tense ("hatte", "met", "war").
    Past,
    /// A contract or deal ("Vertrag", "agreement"): goods under it are planned.
    Deal,
    /// "eigentlich", "originally": with a past plan, the plan did not happen.
    Counterfactual,
}

/// A title and the office it names.
#[derive(Debug, Clone)]
pub(crate) struct Title {
    /// The office in English, as in the leader files (`President`), or `leader` for words such
    /// as "Machthaber" that name whatever top office the person holds.
    pub(crate) role: String,
    /// The ISO alpha-2 code of the state the title implies ("Kremlchef": RU).
    pub(crate) state: Option<String>,
    /// Whether the title is a state office (`yes`) or not (`no`: officers, party figures).
    pub(crate) office: bool,
}

/// Function words and other word classes the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// Marks a source ("von", "aus", "from").
    From,
    /// Marks a recipient or destination ("an", "to", "nach").
    To,
    /// Marks a location ("in", "im", "at").
    In,
    /// Marks a companion ("mit", "with").
    With,
    /// Marks a former office ("damalige", "former", "Vorgänger").
    Former,
    /// A personal pronoun for one person ("er", "he").
    Pronoun,
    /// The pair just mentioned ("die beiden", "both").
    Both,
    /// A verb of saying ("sagte", "said").
    Speech,
    /// A word saying the same office in another state ("Amtskollege", "counterpart").
    Counterpart,
    /// Starts a time span whose date is not the event's ("seit", "since", "bis").
    Span,
    /// Says a meeting is one more of those just told ("ein weiteres Treffen", "another").
    Another,
    /// A pronoun that can stand for a state in a transfer ("wenn es Syrien mit Waffen beliefere").
    Placeholder,
    /// Says an event happened several times ("elf Mal", "several times"): not one meeting.
    Repeated,
    /// People acting for a state after its adjective ("Moroccan diplomats", "die Regierung").
    Group,
    /// Ends a capitalised name that is a body, not a person ("National Assembly").
    Institution,
}

/// A date word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateWord {
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// A month, 1-12.
    Month(u8),
    /// The publication day moved by this many days ("heute" 0, "gestern" -1).
    Day(i8),
    /// The publication week moved by this many weeks ("last week" -1): the month is kept.
    Week(i8),
    /// The publication month moved by this many months ("last month" -1).
    MonthOffset(i8),
    /// The publication year moved by this many years ("last year" -1).
    YearOffset(i8),
    /// The year of the publication month moved by this many months ("vor einigen Monaten" -3):
    /// a vague count gives only the year.
    YearOfMonthOffset(i8),
}

/// A boilerplate marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Boilerplate {
    /// A line that is exactly this is dropped.
    Line,
    /// A line containing this is dropped.
    Contains,
    /// A line that is exactly this starts the page's tail (comments, footer): it and all after go.
    Tail,
}

/// One file's words: a matcher and the meaning of each pattern.
pub(crate) struct WordList<T> {
    matcher: Matcher,
    values: Vec<T>,
}

impl<T: Copy> WordList<T> {
    fn new(entries: Vec<(String, T)>) -> Self {
        let mut builder = MatcherBuilder::default();
        let mut values = Vec::with_capacity(entries.len());
        for (index, (word, value)) in entries.into_iter().enumerate() {
            builder.add(&word, index as u32);
            values.push(value);
        }
        Self { matcher: builder.build(), values }
    }

    /// Every hit in `text` with its meaning.
    pub(crate) fn find(&self, text: &str) -> Vec<(Hit, T)> {
        let mut hits = self.matcher.find(text);
        // One meaning per span: the first listed.
        hits.dedup_by(|b, a| a.start == b.start && a.end == b.end);
        hits.into_iter().map(|hit| (hit, self.values[hit.value as usize])).collect()
    }
}

/// Every word list of one language.
pub(crate) struct Lexicon {
    pub(crate) meeting: WordList<MeetingWord>,
    pub(crate) transfer: WordList<TransferWord>,
    pub(crate) item: WordList<TransferCategory>,
    pub(crate) status: WordList<Cue>,
    pub(crate) title: WordList<usize>,
    pub(crate) titles: Vec<Title>,
    pub(crate) word: WordList<Word>,
    pub(crate) date: WordList<DateWord>,
    pub(crate) boilerplate: Vec<(String, Boilerplate)>,
    pub(crate) abbreviations: Vec<String>,
}

/// The columns each lexicon file must have, in order.
pub(crate) const HEADERS: &[(&str, &str)] = &[
    ("meeting.tsv", "word\tkind\tframe"),
    ("transfer.tsv", "word\tdirection\tcategory"),
    ("item.tsv", "word\tcategory"),
    ("status.tsv", "word\tcue"),
    ("title.tsv", "word\trole\tstate\toffice"),
    ("word.tsv", "word\tclass"),
    ("date.tsv", "word\tvalue"),
    ("boilerplate.tsv", "text\tscope"),
    ("abbreviation.tsv", "abbreviation"),
];

fn parse_meeting(cells: &[&str]) -> Option<MeetingWord> {
    let kind = MeetingKind::parse(cells[1])?;
    let frame = match cells[2] {
        "plain" => Frame::Plain,
        "host" => Frame::Host,
        "visit" => Frame::Visit,
        _ => return None,
    };
    Some(MeetingWord { kind, frame })
}

fn parse_transfer(cells: &[&str]) -> Option<TransferWord> {
    let direction = match cells[1] {
        "give" => Direction::Give,
        "get" => Direction::Get,
        "noun" => Direction::Noun,
        _ => return None,
    };
    let category = if cells[2].is_empty() { None } else { Some(TransferCategory::parse(cells[2])?) };
    Some(TransferWord { direction, category })
}

fn parse_cue(cells: &[&str]) -> Option<Cue> {
    Some(match cells[1] {
        "planned" => Cue::Planned,
        "speculative" => Cue::Speculative,
        "alleged" => Cue::Alleged,
        "negated" => Cue::Negated,
        "soll" => Cue::Soll,
        "perfect" => Cue::Perfect,
        "past" => Cue::Past,
        "deal" => Cue::Deal,
        "counterfactual" => Cue::Counterfactual,
        _ => return None,
    })
}

fn parse_word(cells: &[&str]) -> Option<Word> {
    Some(match cells[1] {
        "from" => Word::From,
        "to" => Word::To,
        "in" => Word::In,
        "with" => Word::With,
        "former" => Word::Former,
        "pronoun" => Word::Pronoun,
        "both" => Word::Both,
        "speech" => Word::Speech,
        "counterpart" => Word::Counterpart,
        "span" => Word::Span,
        "another" => Word::Another,
        "placeholder" => Word::Placeholder,
        "repeated" => Word::Repeated,
        "group" => Word::Group,
        "institution" => Word::Institution,
        _ => return None,
    })
}

fn parse_date(cells: &[&str]) -> Option<DateWord> {
    let (kind, number) = cells[1].split_once(' ')?;
    let number: i8 = number.parse().ok()?;
    let unsigned = u8::try_from(number).ok();
    Some(match kind {
        "weekday" => DateWord::Weekday(unsigned.filter(|n| *n < 7)?),
        "month" => DateWord::Month(unsigned.filter(|n| (1..=12).contains(n))?),
        "day" => DateWord::Day(number),
        "week" => DateWord::Week(number),
        "month-offset" => DateWord::MonthOffset(number),
        "year-offset" => DateWord::YearOffset(number),
        _ => return None,
    })
}

fn parse_boilerplate(cells: &[&str]) -> Option<Boilerplate> {
    Some(match cells[1] {
        "line" => Boilerplate::Line,
        "contains" => Boilerplate::Contains,
        "tail" => Boilerplate::Tail,
        _ => return None,
    })
}

/// The rows of one file as `(line number, cells)`, with problems for a bad header or width.
fn rows<'a>(name: &str, text: &'a str, problems: &mut Vec<String>) -> Vec<(usize, Vec<&'a str>)> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let header = HEADERS.iter().find(|(f, _)| *f == file).map_or("", |(_, h)| *h);
    let width = header.split('\t').count();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    match lines.next() {
        Some((_, first)) if first.trim_end() == header => {}
        Some((_, first)) => problems.push(format!("{name}:1: header is {first:?}, expected {header:?}")),
        None => problems.push(format!("{name}:1: empty file")),
    }
    lines
        .filter_map(|(index, line)| {
            let mut cells: Vec<&str> = line.trim_end_matches('\r').split('\t').map(str::trim).collect();
            cells.resize(width.max(cells.len()), "");
            if cells.len() > width || cells[0].is_empty() {
                problems.push(format!("{name}:{}: expected {width} cells", index + 1));
                return None;
            }
            Some((index + 1, cells))
        })
        .collect()
}

fn list<T: Clone>(
    name: &str,
    text: Option<&str>,
    parse: impl Fn(&[&str]) -> Option<T>,
    problems: &mut Vec<String>,
) -> Vec<(String, T)> {
    let Some(text) = text else { return Vec::new() };
    let mut entries = Vec::new();
    for (line, cells) in rows(name, text, problems) {
        match parse(&cells) {
            Some(value) => entries.extend(cells[0].split('|').map(|word| (word.trim().to_owned(), value.clone()))),
            None => problems.push(format!("{name}:{line}: cannot read {:?}", cells[1..].join("\t"))),
        }
    }
    entries
}

impl Lexicon {
    /// Builds one language's lexicon from its files (`lang/file.tsv`, content).
    pub(crate) fn parse(language: &str, files: &[(&str, &str)], problems: &mut Vec<String>) -> Self {
        let file = |name: &str| {
            let path = format!("{language}/{name}");
            files.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
        };
        let path = |name: &str| format!("{language}/{name}");
        let mut titles = Vec::new();
        let title_words = list(
            &path("title.tsv"),
            file("title.tsv"),
            |cells| {
                let office = match cells[3] {
                    "yes" => true,
                    "no" => false,
                    _ => return None,
                };
                Some(Title {
                    role: cells[1].to_owned(),
                    state: (!cells[2].is_empty()).then(|| cells[2].to_owned()),
                    office,
                })
            },
            problems,
        );
        let mut title_index: BTreeMap<(String, Option<String>, bool), usize> = BTreeMap::new();
        let title_words = title_words
            .into_iter()
            .map(|(word, title)| {
                let key = (title.role.clone(), title.state.clone(), title.office);
                let index = *title_index.entry(key).or_insert_with(|| {
                    titles.push(title);
                    titles.len() - 1
                });
                (word, index)
            })
            .collect();
        let abbreviations = file("abbreviation.tsv")
            .map(|text| {
                rows(&path("abbreviation.tsv"), text, problems).into_iter().map(|(_, c)| c[0].to_owned()).collect()
            })
            .unwrap_or_default();
        Self {
            meeting: WordList::new(list(&path("meeting.tsv"), file("meeting.tsv"), parse_meeting, problems)),
            transfer: WordList::new(list(&path("transfer.tsv"), file("transfer.tsv"), parse_transfer, problems)),
            item: WordList::new(list(&path("item.tsv"), file("item.tsv"), |c| TransferCategory::parse(c[1]), problems)),
            status: WordList::new(list(&path("status.tsv"), file("status.tsv"), parse_cue, problems)),
            title: WordList::new(title_words),
            titles,
            word: WordList::new(list(&path("word.tsv"), file("word.tsv"), parse_word, problems)),
            date: WordList::new(list(&path("date.tsv"), file("date.tsv"), parse_date, problems)),
            boilerplate: list(&path("boilerplate.tsv"), file("boilerplate.tsv"), parse_boilerplate, problems),
            abbreviations,
        }
    }

    /// The languages that have a lexicon folder.
    pub(crate) fn languages(files: &[(&str, &str)]) -> Vec<String> {
        let mut languages: Vec<String> =
            files.iter().filter_map(|(path, _)| path.split_once('/').map(|(l, _)| l.to_owned())).collect();
        languages.dedup();
        languages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_lexicon_file_parses() {
        let mut problems = Vec::new();
        for language in Lexicon::languages(crate::embedded::LEXICON) {
            let _ = Lexicon::parse(&language, crate::embedded::LEXICON, &mut problems);
        }
        for (path, _) in crate::embedded::LEXICON {
            let file = path.rsplit('/').next().unwrap_or_default();
            assert!(HEADERS.iter().any(|(f, _)| *f == file), "{path} is not a known lexicon file");
        }
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn german_and_english_have_every_file() {
        for language in ["de", "en"] {
            for (file, _) in HEADERS {
                let path = format!("{language}/{file}");
                assert!(crate::embedded::LEXICON.iter().any(|(p, _)| *p == path), "{path} is missing");
            }
        }
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line() {
        let mut problems = Vec::new();
        let _ = Lexicon::parse("xx", &[("xx/status.tsv", "word\tcue\nkönnte\tmaybe\n")], &mut problems);
        assert_eq!(problems, ["xx/status.tsv:2: cannot read \"maybe\""]);
    }
}
