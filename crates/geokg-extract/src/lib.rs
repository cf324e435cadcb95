#![doc = include_str!("../README.md")]

mod analysis;
mod clean;
mod date;
mod gazetteer;
mod language;
mod leader;
mod lexicon;
mod matcher;
mod meeting;
mod mention;
mod resolve;
mod sentence;
mod status;
mod transfer;

/// The embedded data files, listed by `build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

use analysis::{Analysed, Context, Entities};
use gazetteer::Gazetteer;
pub use geokg_model::{
    Document, DocumentInfo, Entity, EntityKind, Evidence, Extraction, Leader, Meeting, MeetingKind, PartialDate,
    Status, Transfer, TransferCategory,
};
use lexicon::{Boilerplate, Lexicon};
use matcher::{Hit, Matcher, MatcherBuilder};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Finds meetings, transfers and leader roles in documents; holds the compiled gazetteers and
/// lexicons, so build it once and reuse it (`Extractor::default()` is built once per process).
/// ```
/// # use geokg_extract::{Document, Extractor};
/// let doc = Document::new("Putin empfing Kim in Wladiwostok.").with_language("de");
/// assert_eq!(Extractor::default().extract(&doc).meetings.len(), 1);
/// ```
pub struct Extractor {
    inner: &'static Inner,
}

struct Inner {
    gazetteer: Gazetteer,
    names: Matcher,
    lexicons: BTreeMap<String, Lexicon>,
    languages: Vec<String>,
    boilerplate: Vec<(String, Boilerplate)>,
    abbreviations: Vec<String>,
    problems: Vec<String>,
}

static BUILTIN: LazyLock<Inner> = LazyLock::new(|| Inner::new(embedded::GAZETTEER, embedded::LEXICON));

impl Inner {
    fn new(gazetteer_files: &[(&str, &str)], lexicon_files: &[(&str, &str)]) -> Self {
        let gazetteer = Gazetteer::parse(gazetteer_files);
        let mut builder = MatcherBuilder::for_names();
        gazetteer.add_patterns(&mut builder);
        let mut problems = gazetteer.problems.clone();
        let languages = Lexicon::languages(lexicon_files);
        let mut lexicons = BTreeMap::new();
        let mut boilerplate = Vec::new();
        let mut abbreviations = Vec::new();
        for language in &languages {
            let lexicon = Lexicon::parse(language, lexicon_files, &mut problems);
            boilerplate.extend(lexicon.boilerplate.iter().cloned());
            abbreviations.extend(lexicon.abbreviations.iter().cloned());
            lexicons.insert(language.clone(), lexicon);
        }
        abbreviations.sort();
        abbreviations.dedup();
        Self { gazetteer, names: builder.build(), lexicons, languages, boilerplate, abbreviations, problems }
    }
}

impl Default for Extractor {
    /// The extractor with the gazetteers and lexicons built into the binary.
    fn default() -> Self {
        Self { inner: &BUILTIN }
    }
}

/// The evidence of a fact read from a sentence.
pub(crate) fn evidence(context: &Context<'_>, analysed: &Analysed, rule: &str, confidence: f32) -> Evidence {
    Evidence {
        sentence: analysed.text(context).to_owned(),
        start: analysed.char_start,
        end: analysed.char_end,
        rule: rule.to_owned(),
        confidence,
    }
}

/// Whether the name ending at `end` goes on as a type number ("Shahed-136", "Kallas-2A"): a
/// drone's or a tank's name, not a person's.
fn is_model_name(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix('-') else { return false };
    let number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    number.len() < rest.len() && !number.starts_with(char::is_lowercase)
}

impl Extractor {
    /// Problems found in the built-in data (bad rows are skipped); empty when all is well.
    #[must_use]
    pub fn data_problems(&self) -> &[String] {
        &self.inner.problems
    }

    /// Every name the gazetteers give an entity, in every language, as (IRI, name) pairs:
    /// what lets `geokg who-met "Wladimir Putin"` find the entity labelled Vladimir Putin.
    #[must_use]
    pub fn aliases(&self) -> Vec<(String, String)> {
        self.inner.gazetteer.names()
    }

    /// Extracts every meeting, transfer and leader fact of `document`. Never fails: odd text
    /// gives fewer facts and a note.
    #[must_use]
    pub fn extract(&self, document: &Document) -> Extraction {
        let inner = self.inner;
        let text = document.text.as_str();
        let mut notes = Vec::new();
        let cleaned = clean::clean(text, &inner.boilerplate);
        if cleaned.dropped > 0 {
            notes.push(format!("dropped {} lines of page furniture", cleaned.dropped));
        }
        let sentence_spans = sentence::split(text, &cleaned.lines, &inner.abbreviations);
        let detected = document.language.clone().or_else(|| {
            let mut prose = String::new();
            for s in sentence_spans.iter().take(40) {
                prose.push_str(&text[s.start..s.end]);
                prose.push(' ');
            }
            match language::detect(&prose) {
                Some((language, true)) => Some(language.to_owned()),
                unsure => language::by_words(&prose, &inner.lexicons)
                    .or(unsure.map(|(language, _)| language))
                    .map(str::to_owned),
            }
        });
        let language = detected.clone().unwrap_or_else(|| "en".to_owned());
        let chosen = language::closest(&language, &inner.languages).map(str::to_owned);
        if chosen.as_deref() != Some(language.as_str()) {
            notes.push(format!(
                "no rules for language {language:?}; used those for {:?}",
                chosen.as_deref().unwrap_or("none")
            ));
        }
        let published = document.published.or(cleaned.dateline);
        let mut extraction = Extraction {
            document: DocumentInfo {
                source: document.source.clone().unwrap_or_else(|| "-".to_owned()),
                language: language.clone(),
                published,
                title: document.title.clone().or(cleaned.title),
            },
            notes,
            ..Extraction::default()
        };
        let Some(lexicon) = chosen.as_ref().and_then(|l| inner.lexicons.get(l)) else {
            extraction.notes.push("no lexicon is built in; nothing extracted".to_owned());
            return extraction;
        };
        let context = Context { text, gazetteer: &inner.gazetteer, lexicon, date: published };
        let mut entities = Entities::default();
        let sentences = analyse(&context, inner, &mut entities, &sentence_spans);
        extraction.meetings = meeting::meetings(&context, &mut entities, &sentences);
        extraction.transfers = transfer::transfers(&context, &mut entities, &sentences);
        extraction.leaders = leader::leaders(&context, &mut entities, &sentences);
        extraction.collect_entities();
        extraction
    }
}

/// Hits found in a sentence, moved to document offsets.
fn shift<T>(hits: Vec<(Hit, T)>, by: usize) -> Vec<(Hit, T)> {
    hits.into_iter().map(|(h, v)| (Hit { start: h.start + by, end: h.end + by, ..h }, v)).collect()
}

/// The state a text is mostly about: named clearly more often than any other. A title with no
/// state of its own ("Verteidigungsminister Mariusz Blaszczak" in a text on Poland) is its.
fn main_state(entities: &Entities, sentences: &[Analysed]) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for mention in sentences.iter().flat_map(|s| &s.mentions) {
        if entities.kind(mention.entity) == EntityKind::State {
            *counts.entry(mention.entity).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(state, n)| (n, state)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked.as_slice() {
        [(first, state), (second, _), ..] if *first >= 3 && *first * 2 >= *second * 3 => Some(*state),
        [(first, state)] if *first >= 2 => Some(*state),
        _ => None,
    }
}

/// Finds everything in every sentence: lexicon hits, dates, mentions and titles.
fn analyse(
    context: &Context<'_>,
    inner: &Inner,
    entities: &mut Entities,
    spans: &[sentence::Sentence],
) -> Vec<Analysed> {
    let text = context.text;
    let lexicon = context.lexicon;
    let offsets = analysis::char_offsets(text, spans);
    let mut sentences = Vec::with_capacity(spans.len());
    // Each sentence is matched on its own: no document-wide hit lists, so memory follows the
    // number of sentences, not of hits.
    for (index, &span) in spans.iter().enumerate() {
        let piece = &text[span.start..span.end];
        let dates = shift(lexicon.date.find(piece), span.start);
        let mut analysed = Analysed {
            sentence: span,
            char_start: offsets[index].0,
            char_end: offsets[index].1,
            mentions: Vec::new(),
            holdings: Vec::new(),
            titles: shift(lexicon.title.find(piece), span.start),
            meeting: shift(lexicon.meeting.find(piece), span.start),
            transfer: shift(lexicon.transfer.find(piece), span.start),
            items: shift(lexicon.item.find(piece), span.start),
            cues: shift(lexicon.status.find(piece), span.start),
            words: shift(lexicon.word.find(piece), span.start),
            dates: date::find(text, span.start, span.end, &dates),
            boundaries: Vec::new(),
        };
        let hits: Vec<Hit> = inner
            .names
            .find(piece)
            .into_iter()
            .map(|h| Hit { start: h.start + span.start, end: h.end + span.start, ..h })
            .collect();
        analysed.mentions = mention::gazetteer_mentions(context, entities, &hits);
        // "in May": a surname that is also a date word is the date; "Shahed-136": a name
        // followed by a type number is a weapon's.
        let dates = &analysed.dates;
        analysed.mentions.retain(|m| {
            m.form != mention::MentionForm::Surname
                || !(dates.iter().any(|d| d.start < m.end && m.start < d.end) || is_model_name(text, m.end))
        });
        sentences.push(analysed);
    }
    let main_state = main_state(entities, &sentences);
    for analysed in &mut sentences {
        mention::link_titles(context, entities, analysed, main_state);
        let names: Vec<(usize, usize)> = analysed.mentions.iter().map(|m| (m.start, m.end)).collect();
        analysed.boundaries = status::boundaries(text, analysed.sentence.start, analysed.sentence.end, &names);
    }
    // A surname alone ("Cook", "Arthur", "George") names a person of the leader files only if
    // the text names them in full somewhere, ties them to a title, or they are in office.
    let mut fully_named: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    for analysed in &sentences {
        fully_named
            .extend(analysed.mentions.iter().filter(|m| m.form != mention::MentionForm::Surname).map(|m| m.entity));
        fully_named.extend(analysed.holdings.iter().map(|h| h.person));
    }
    for analysed in &mut sentences {
        analysed.mentions.retain(|m| {
            m.form != mention::MentionForm::Surname
                || fully_named.contains(&m.entity)
                || entities
                    .gazetteer_index(m.entity)
                    .is_none_or(|g| context.gazetteer.offices_at(g, context.date).next().is_some())
        });
    }
    // Persons minted from one sentence are named by surname alone in others.
    let mut surnames: BTreeMap<String, usize> = BTreeMap::new();
    for analysed in &sentences {
        for m in analysed.mentions.iter().filter(|m| entities.gazetteer_index(m.entity).is_none()) {
            if entities.kind(m.entity) == EntityKind::Person
                && let Some(last) = entities.get(m.entity).label.rsplit(' ').next().filter(|w| w.chars().count() >= 3)
            {
                surnames.entry(last.to_owned()).or_insert(m.entity);
            }
        }
    }
    for analysed in &mut sentences {
        mention::minted_surnames(context, &surnames, analysed);
    }
    sentences
}

/// One line per fact, sorted: the compact form tests compare.
///
/// `meeting occurred Vladimir Putin + Kim Jong Un @ Vladivostok 2019`,
/// `call occurred …`, `transfer alleged Iran -> Russia weapons «Drohnen»`,
/// `leader Vladimir Putin Russia President`.
#[must_use]
pub fn render(extraction: &Extraction) -> String {
    let mut lines: Vec<String> = Vec::new();
    for meeting in &extraction.meetings {
        let names: Vec<&str> = meeting.participants.iter().map(|p| p.label.as_str()).collect();
        let mut line = format!(
            "{} {} {}",
            if meeting.kind.is_meeting() { "meeting" } else { "call" },
            meeting.status,
            names.join(" + ")
        );
        if let Some(place) = &meeting.place {
            line.push_str(" @ ");
            line.push_str(&place.label);
        }
        if let Some(date) = meeting.date {
            line.push(' ');
            line.push_str(&date.to_string());
        }
        lines.push(line);
    }
    for transfer in &extraction.transfers {
        lines.push(format!(
            "transfer {} {} -> {} {} «{}»",
            transfer.status, transfer.supplier.label, transfer.recipient.label, transfer.category, transfer.item
        ));
    }
    for leader in &extraction.leaders {
        lines.push(format!("leader {} {} {}", leader.person.label, leader.state.label, leader.role_label()));
    }
    lines.sort();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_in(language: &str, text: &str) -> String {
        let published = "2023-09-11".parse().expect("a date");
        render(&Extractor::default().extract(&Document::new(text).with_published(published).with_language(language)))
    }

    fn de(text: &str) -> String {
        facts_in("de", text)
    }

    fn en(text: &str) -> String {
        facts_in("en", text)
    }

    #[test]
    fn reported_speech_is_alleged() {
        insta::assert_snapshot!(de("Iran soll Drohnen an Russland geliefert haben."), @"transfer alleged Iran -> Russia weapons «Drohnen»");
    }

    #[test]
    fn könnte_is_speculative_and_the_dative_receives() {
        insta::assert_snapshot!(de("Nordkorea könnte Russland Munition liefern."), @"transfer speculative North Korea -> Russia weapons «Munition»");
    }

    #[test]
    fn buying_in_a_country_makes_it_the_supplier() {
        insta::assert_snapshot!(de("Russland hat im Iran Drohnen gekauft."), @"transfer occurred Iran -> Russia weapons «Drohnen»");
    }

    #[test]
    fn a_title_names_the_holder_at_the_date() {
        insta::assert_snapshot!(de("Der russische Präsident empfing den nordkoreanischen Machthaber."), @"meeting occurred Vladimir Putin + Kim Jong Un 2023-09-11");
    }

    #[test]
    fn a_phone_call_is_not_a_meeting() {
        insta::assert_snapshot!(de("Putin telefonierte am Montag mit Erdogan."), @r"
        call occurred Vladimir Putin + Recep Tayyip Erdoğan 2023-09-11
        leader Recep Tayyip Erdoğan Turkey President
        leader Vladimir Putin Russia President
        ");
    }

    #[test]
    fn a_cancelled_meeting_is_negated() {
        insta::assert_snapshot!(en("The summit between Biden and Xi was cancelled."), @r"
        leader Joe Biden United States President
        leader Xi Jinping China President
        meeting negated Joe Biden + Xi Jinping
        ");
    }

    #[test]
    fn will_visit_is_planned_and_the_country_takes_part() {
        insta::assert_snapshot!(en("Scholz will visit India next week."), @r"
        leader Olaf Scholz Germany Chancellor
        meeting planned Olaf Scholz + India 2023-09
        ");
    }

    #[test]
    fn a_short_text_is_read_in_the_language_of_its_words() {
        let document = Document::new("Putin met Xi in Osaka.").with_published("2019-06-29".parse().expect("a date"));
        insta::assert_snapshot!(render(&Extractor::default().extract(&document)), @r"
        leader Vladimir Putin Russia President
        leader Xi Jinping China President
        meeting occurred Vladimir Putin + Xi Jinping @ Osaka 2019-06-29
        ");
    }

    #[test]
    fn a_surname_with_a_type_number_is_a_model() {
        assert!(is_model_name("Kallas-2 drones", 6));
        assert!(!is_model_name("Kallas-Gespräche", 6));
        assert!(!is_model_name("Kallas, 2024", 6));
    }

    #[test]
    fn the_damalige_title_is_a_former_office() {
        insta::assert_snapshot!(de("Angela Merkel empfing den damaligen US-Präsidenten Barack Obama."), @r"
        leader Barack Obama United States President (former)
        meeting occurred Angela Merkel + Barack Obama 2023-09-11
        ");
    }

    #[test]
    fn a_person_missing_from_the_gazetteer_is_minted_after_a_title() {
        insta::assert_snapshot!(de("Der Sicherheitsberater der USA, Jake Sullivan, warnte."), @"leader Jake Sullivan United States National Security Advisor");
    }

    #[test]
    fn odd_text_gives_nothing_and_no_panic() {
        let minted = "Außenministerin Ana Ruiz sagte: „Ruiz“ – ’Ruiz’ Reise nach Kiew… Ruiz traf Selenskyj.";
        for text in
            ["", "...", "ä", "\u{0}\u{feff}", "Putin.\n\n\n", &"ü".repeat(5000), "U.S. U.S. U.S.", minted, "„“”«»—–…"]
        {
            let _ = de(text);
            let _ = en(text);
            let _ = render(&Extractor::default().extract(&Document::new(text)));
        }
    }
}
