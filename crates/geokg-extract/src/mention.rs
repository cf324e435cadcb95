//! Entity mentions of a sentence: gazetteer names (states, organisations, places, persons),
//! titles tied to the person and state around them ("Russlands Präsident Wladimir Putin",
//! "Sicherheitsberater Jake Sullivan", "U.S. President Joe Biden"),
//! persons the gazetteer lacks, minted from the capitalised words after a title, and unnamed
//! office holders ("der russische Präsident") resolved at the document date.
//!
//! The office facts found on the way are kept as `Holding`s for `leader.rs`; which mention
//! takes part in what is decided in `meeting.rs` and `transfer.rs`.

use crate::analysis::{Analysed, Context, Entities};
use crate::gazetteer::Form;
use crate::lexicon::Word;
use crate::matcher::Hit;
use crate::resolve;
use geokg_model::{Entity, EntityKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionForm {
    /// A full name.
    Name,
    /// A surname alone.
    Surname,
    /// An adjective ("russische"): describes, does not act.
    Adjective,
    /// A seat of power for its government ("Kreml").
    Metonym,
    /// An office named without its holder, resolved at the document date.
    Office,
}

/// An entity named in a sentence (byte span in the document).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) entity: usize,
    pub(crate) form: MentionForm,
}

/// A person said to hold an office of a state.
#[derive(Debug, Clone)]
pub(crate) struct Holding {
    pub(crate) person: usize,
    pub(crate) state: usize,
    pub(crate) role: String,
    pub(crate) former: bool,
}

// What may stand between a person and a title that describes them: "Putin, der russische
// Präsident", "Emmanuel Macron is the President of France", "Biden, the former vice president".
static LEFT_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s,]*(?:(?:is|was|has been|became|served as|ist|war|wurde)\s+)?(?:(?:the|a|an|der|die|den|dem|des|seine?m?|his|her)\s+)?(?:(?:current|then|former|first|new|sitting|acting|longtime|ehemaliger?|früherer?|damaliger?|neuer?|amtierender?)\s+)?$")
        .expect("valid regex")
});

// What may stand between a title and the state it belongs to: "Sicherheitsberater der USA",
// "Foreign Minister of Japan", "President of the United States".
static RIGHT_STATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:of|der|des|von|de|du|del)\s+(?:the\s+|la\s+)?$").expect("valid regex"));

const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "kein", "keine", "zum", "zur",
    "vom", "im", "am", "beim", "von", "the", "a", "an", "le", "la", "les", "el", "los", "las", "un", "une", "una",
];

const PARTICLES: &[&str] = &["von", "der", "van", "de", "da", "dos", "del", "la", "le", "al", "bin", "ibn", "el", "di"];

/// The gazetteer mentions of a sentence, one entity per span.
pub(crate) fn gazetteer_mentions(context: &Context<'_>, entities: &mut Entities, hits: &[Hit]) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut index = 0;
    while index < hits.len() {
        let first = hits[index];
        let same = hits[index..].iter().take_while(|h| h.start == first.start && h.end == first.end).count();
        let terms: Vec<usize> = hits[index..index + same].iter().map(|h| h.value as usize).collect();
        index += same;
        let term = resolve::choose(context, entities, &terms);
        // "Der Frieden", "von Frieden": a surname after an article is a common noun.
        if term.form == Form::Surname
            && ARTICLES.contains(&crate::sentence::word_before(context.text, first.start).to_lowercase().as_str())
        {
            continue;
        }
        let entity = entities.intern(context, term.entity);
        let form = match term.form {
            Form::Name => MentionForm::Name,
            Form::Surname => MentionForm::Surname,
            Form::Adjective => MentionForm::Adjective,
            Form::Metonym => MentionForm::Metonym,
        };
        mentions.push(Mention { start: first.start, end: first.end, entity, form });
    }
    mentions
}

/// Whether a word can be part of a person's name.
fn is_name_word(word: &str) -> bool {
    // Initials: "F.W. de Klerk", "J. Biden".
    if word.len() >= 2
        && word.split_terminator('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
        && word.ends_with('.')
    {
        return true;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Reads a person's name starting at byte `at` (after spaces): capitalised words, particles
/// inside. Returns the span, or nothing when the first word is not a name. A word covered by
/// `blocked` (a lexicon word or another entity) ends the name.
pub(crate) fn name_at(text: &str, at: usize, limit: usize, blocked: &[(usize, usize)]) -> Option<(usize, usize)> {
    let mut position = at;
    let mut start = None;
    let mut end = at;
    let mut words = 0;
    while words < 4 && position < limit {
        let rest = &text[position..limit];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let word_start = position + rest.len() - trimmed.len();
        let word_len =
            trimmed.find(|c: char| c.is_whitespace() || ",;:()[]\"“”„«»!?".contains(c)).unwrap_or(trimmed.len());
        let raw = &trimmed[..word_len];
        let initials = raw.ends_with('.')
            && is_name_word(raw)
            && raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let word = if initials { raw } else { raw.trim_end_matches(['.', '\'', '’']) };
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        if word.is_empty() || blocked.iter().any(|&(s, e)| s < word_start + word.len() && word_start < e) {
            break;
        }
        if PARTICLES.contains(&word.trim_end_matches('-')) && start.is_some() {
            position = word_start + word_len;
            continue;
        }
        if !is_name_word(word) {
            break;
        }
        start.get_or_insert(word_start);
        end = word_start + word.len();
        position = word_start + word_len;
        words += 1;
        if word_len > word.len() && !trimmed[word.len()..].starts_with(['-']) {
            // The word ended with punctuation (a genitive, a period): the name ends here.
            if trimmed[word.len()..word_len].contains(['.', '\'', '’']) {
                break;
            }
        }
    }
    start.map(|start| (start, end))
}

/// Ties each title of the sentence to its state and person, adds the persons it names or
/// implies to `analysed.mentions`, and records the offices in `analysed.holdings`.
// One pass over a sentence's mentions whose steps share their state; split, it would pass
// that state around in a struct of its own.
#[allow(clippy::too_many_lines)]
pub(crate) fn link_titles(
    context: &Context<'_>,
    entities: &mut Entities,
    analysed: &mut Analysed,
    main_state: Option<usize>,
) {
    let text = context.text;
    let mut titles: Vec<(Hit, Option<usize>)> =
        analysed.titles.iter().map(|&(hit, title)| (hit, Some(title))).collect();
    titles.extend(analysed.words.iter().filter(|(_, w)| *w == Word::Counterpart).map(|&(hit, _)| (hit, None)));
    titles.sort_by_key(|(hit, _)| hit.start);
    let mut blocked: Vec<(usize, usize)> = analysed.lexical_spans(text);
    blocked.extend(
        analysed.mentions.iter().filter(|m| entities.kind(m.entity) != EntityKind::Person).map(|m| (m.start, m.end)),
    );
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    for (hit, title) in titles {
        let title = title.map(|index| &context.lexicon.titles[index]);
        // "Energieminister" matched as "*minister": the title is the whole word.
        let word_start = text[..hit.start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric())
            .last()
            .map_or(hit.start, |(i, _)| i);
        let hit = Hit { start: word_start, ..hit };
        let mut state = None;
        // The state's own mention goes once the title names or resolves a person; an office
        // no one can be found for leaves the state to act ("Chad's foreign minister met …").
        let mut state_span: Option<(usize, usize)> = None;
        let mut left = hit.start;
        // "Russlands Präsident", "der russische Präsident", "US-Vize-Präsidentin", "Ukraine's President".
        if let Some(mention) = analysed.mentions.iter().rev().find(|m| m.end <= hit.start) {
            let gap = &text[mention.end..hit.start];
            let kind = entities.kind(mention.entity);
            let close = gap
                .trim_start_matches(['\'', '’'])
                .trim_start_matches('s')
                .trim_matches([' ', '-', '\u{a0}'])
                .is_empty();
            if kind == EntityKind::State && close {
                state = Some(mention.entity);
                left = mention.start;
                state_span = Some((mention.start, mention.end));
            } else if kind == EntityKind::Organization && close && gap.contains('-') {
                // "EU-Kommissionspräsidentin", "Nato-Generalsekretär": part of the title.
                consumed.push((mention.start, mention.end));
                left = mention.start;
            }
        }
        let mut cursor = hit.end;
        // "Sicherheitsberater der USA", "Foreign Minister of Japan".
        if state.is_none()
            && let Some(mention) = analysed.mentions.iter().find(|m| m.start >= hit.end)
            && entities.kind(mention.entity) == EntityKind::State
            && RIGHT_STATE.is_match(&text[hit.end..mention.start])
        {
            state = Some(mention.entity);
            cursor = mention.end;
            state_span = Some((mention.start, mention.end));
        }
        // "le Premier ministre indien", "su homólogo chino": the adjective after the title.
        if state.is_none()
            && let Some(mention) = analysed.mentions.iter().find(|m| m.start >= cursor)
            && mention.form == MentionForm::Adjective
            && entities.kind(mention.entity) == EntityKind::State
            && text[cursor..mention.start].trim().is_empty()
        {
            state = Some(mention.entity);
            cursor = mention.end;
            state_span = Some((mention.start, mention.end));
        }
        // The title's own state: an ISO code ("Kremlchef": RU) or the Q-id of an organisation
        // whose office it is ("Kommissionspräsidentin": the EU).
        if state.is_none()
            && let Some(code) = title.and_then(|t| t.state.as_deref())
            && let Some(gazetteer_state) =
                context.gazetteer.by_iso2.get(code).copied().or_else(|| context.gazetteer.by_qid(code))
        {
            state = Some(entities.intern(context, gazetteer_state));
        }
        let former = analysed.words.iter().any(|(w, class)| {
            *class == Word::Former && w.end <= left && left - w.end <= 12 && !text[w.end..left].contains([',', '.'])
        }) || analysed
            .words
            .iter()
            .any(|(w, class)| *class == Word::Former && w.start >= hit.start && w.end <= hit.end);
        // The person: a mention right after (", " allowed), else a name to mint, else one before.
        let after = text[cursor..analysed.sentence.end].trim_start_matches([' ', ',', '\u{a0}', '(']);
        let at = analysed.sentence.end - after.len();
        let mut person = analysed
            .mentions
            .iter()
            .find(|m| m.start == at && entities.kind(m.entity) == EntityKind::Person)
            .map(|m| m.entity);
        if person.is_none()
            && at - cursor <= 3
            && let Some((start, end)) = name_at(text, at, analysed.sentence.end, &blocked)
            && !institution_after(text, analysed, end)
        {
            let label = text[start..end].to_owned();
            // A gazetteer name inside counts when it is the whole name or a full name of the
            // person ("Tayyip Erdogan" inside "President Tayyip Erdogan"), not a surname shared
            // with someone else ("Matthew Miller" is not "Christopher C. Miller").
            let inner = analysed.mentions.iter().position(|m| {
                m.start >= start
                    && m.end <= end
                    && entities.kind(m.entity) == EntityKind::Person
                    && (m.form == MentionForm::Name || (m.start == start && m.end == end))
            });
            // "(President Emmanuel) Macron": the name goes on after a bracket.
            let next = analysed
                .mentions
                .iter()
                .find(|m| m.start >= end && m.start - end <= 3 && entities.kind(m.entity) == EntityKind::Person);
            let entity = match (inner, next) {
                (Some(inner), _) => analysed.mentions[inner].entity,
                (None, Some(next)) if text[end..next.start].trim().starts_with(')') => next.entity,
                _ => {
                    let entity = entities.mint(&Entity::new(&label, EntityKind::Person, None));
                    analysed.mentions.retain(|m| !(m.start >= start && m.end <= end));
                    insert(&mut analysed.mentions, Mention { start, end, entity, form: MentionForm::Name });
                    entity
                }
            };
            person = Some(entity);
        }
        if person.is_none() {
            person = analysed
                .mentions
                .iter()
                .rev()
                .find(|m| m.end <= left && entities.kind(m.entity) == EntityKind::Person)
                .filter(|m| LEFT_APPOSITION.is_match(&text[m.end..left]))
                .map(|m| m.entity);
        }
        let role = title.map_or("counterpart", |t| t.role.as_str());
        match person {
            Some(person) => {
                consumed.extend(state_span);
                let office = title.is_none_or(|t| t.office);
                // A minted person under a title with no state serves the state the text is about.
                let state =
                    state.or(main_state.filter(|_| entities.gazetteer_index(person).is_none() && title.is_some()));
                let (state, role) = resolve::office(context, entities, person, state, role, analysed);
                if let Some(state) = state
                    && office
                    && role != "other"
                {
                    entities.set_state(person, state);
                    analysed.holdings.push(Holding { person, state, role, former });
                }
            }
            None => {
                if let Some(state) = state
                    && !former
                    && let Some(holder) = resolve::holder(context, entities, state, role)
                {
                    consumed.extend(state_span);
                    insert(
                        &mut analysed.mentions,
                        Mention { start: left, end: hit.end, entity: holder, form: MentionForm::Office },
                    );
                }
            }
        }
    }
    analysed.mentions.retain(|m| !consumed.contains(&(m.start, m.end)));
    analysed.mentions.sort_by_key(|m| (m.start, m.end));
}

/// Whether the capitalised words end in an institution ("the President of the National
/// Assembly"): a body, not a person.
fn institution_after(text: &str, analysed: &Analysed, end: usize) -> bool {
    analysed.words.iter().any(|(hit, class)| {
        *class == Word::Institution && (hit.end == end || (hit.start >= end && text[end..hit.start].trim().is_empty()))
    })
}

/// Inserts a mention keeping the list in text order.
fn insert(mentions: &mut Vec<Mention>, mention: Mention) {
    let at = mentions.partition_point(|m| (m.start, m.end) < (mention.start, mention.end));
    mentions.insert(at, mention);
}

/// Adds mentions of persons minted elsewhere in the document by their last name alone
/// ("Sullivan", "Sullivans").
pub(crate) fn minted_surnames(context: &Context<'_>, surnames: &BTreeMap<String, usize>, analysed: &mut Analysed) {
    if surnames.is_empty() {
        return;
    }
    let text = &context.text[analysed.sentence.start..analysed.sentence.end];
    let mut added = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    // Word spans by char indices: separators such as "„" or "’" are several bytes long.
    let mut spans = Vec::new();
    let mut word_start = None;
    for (index, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_word(c), word_start) {
            (true, None) => word_start = Some(index),
            (false, Some(from)) => {
                spans.push((from, index));
                word_start = None;
            }
            _ => {}
        }
    }
    for (from, to) in spans {
        let word = &text[from..to];
        let start = analysed.sentence.start + from;
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        let bare = word.strip_suffix('s').filter(|_| word.len() > 3);
        let found = surnames.get(word).or_else(|| bare.and_then(|b| surnames.get(b)));
        if let Some(&entity) = found
            && !analysed.mentions.iter().any(|m| m.start < start + word.len() && start < m.end)
        {
            added.push(Mention { start, end: start + word.len(), entity, form: MentionForm::Surname });
        }
    }
    if !added.is_empty() {
        analysed.mentions.extend(added);
        analysed.mentions.sort_by_key(|m| (m.start, m.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> String {
        name_at(text, 0, text.len(), &[]).map(|(s, e)| text[s..e].to_owned()).unwrap_or_default()
    }

    #[test]
    fn names_are_capitalised_words_with_particles() {
        assert_eq!(name(" Jake Sullivan, warnte"), "Jake Sullivan");
        assert_eq!(name("Ursula von der Leyen sagte"), "Ursula von der Leyen");
        assert_eq!(name("Mevlüt Çavuşoğlu."), "Mevlüt Çavuşoğlu");
        assert_eq!(name("Wang Yi as saying"), "Wang Yi");
    }

    #[test]
    fn lower_case_and_acronyms_are_not_names() {
        assert_eq!(name("hat gesagt"), "");
        assert_eq!(name("NATO"), "");
    }
}
