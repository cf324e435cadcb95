//! The shared state of one extraction: the document's context, its entity table, and each
//! sentence with the lexicon hits and mentions inside it.
//!
//! Every matcher runs over one sentence at a time (sentences are at most 1500 bytes), so the
//! cost and the memory stay linear in the document's size.

use crate::date::DateMention;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Cue, Lexicon, MeetingWord, TransferWord, Word};
use crate::matcher::Hit;
use crate::mention::{Holding, Mention};
use crate::sentence::Sentence;
use geokg_model::{Entity, EntityKind, PartialDate, TransferCategory};
use std::collections::BTreeMap;

/// What every rule may read: the text, the data, and the document date.
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) gazetteer: &'a Gazetteer,
    pub(crate) lexicon: &'a Lexicon,
    pub(crate) date: Option<PartialDate>,
}

/// The entities of one document: gazetteer entries and minted persons, by small index.
#[derive(Default)]
pub(crate) struct Entities {
    list: Vec<Entity>,
    gazetteer: Vec<Option<usize>>,
    state: Vec<Option<usize>>,
    by_id: BTreeMap<String, usize>,
    from_gazetteer: BTreeMap<usize, usize>,
}

impl Entities {
    /// The document index of a gazetteer entity, adding it on first use.
    pub(crate) fn intern(&mut self, context: &Context<'_>, gazetteer_index: usize) -> usize {
        if let Some(&index) = self.from_gazetteer.get(&gazetteer_index) {
            return index;
        }
        let entity = &context.gazetteer.entities[gazetteer_index];
        let index = self.mint(entity);
        self.gazetteer[index] = Some(gazetteer_index);
        self.from_gazetteer.insert(gazetteer_index, index);
        // A place's state, a state itself; a person's state is their office at the date.
        let state = match entity.kind {
            EntityKind::Person => {
                let office = context
                    .gazetteer
                    .offices_at(gazetteer_index, context.date)
                    .find(|o| context.gazetteer.entities[o.state].kind == EntityKind::State);
                office.map(|o| o.state)
            }
            _ => context.gazetteer.state_of[gazetteer_index],
        };
        if let Some(state) = state {
            let state = self.intern(context, state);
            self.state[index] = Some(state);
        }
        index
    }

    /// The document index of an entity not in the gazetteer (same IRI, same index).
    pub(crate) fn mint(&mut self, entity: &Entity) -> usize {
        if let Some(&index) = self.by_id.get(&entity.id) {
            return index;
        }
        self.list.push(entity.clone());
        self.gazetteer.push(None);
        self.state.push(None);
        self.by_id.insert(entity.id.clone(), self.list.len() - 1);
        self.list.len() - 1
    }

    /// The entity.
    pub(crate) fn get(&self, index: usize) -> &Entity {
        &self.list[index]
    }

    /// Its kind.
    pub(crate) fn kind(&self, index: usize) -> EntityKind {
        self.list[index].kind
    }

    /// Its gazetteer index, for gazetteer entities.
    pub(crate) fn gazetteer_index(&self, index: usize) -> Option<usize> {
        self.gazetteer[index]
    }

    /// The state a person serves, a place lies in, or a state is.
    pub(crate) fn state(&self, index: usize) -> Option<usize> {
        self.state[index]
    }

    /// Records the state a person serves, as the text says.
    pub(crate) fn set_state(&mut self, person: usize, state: usize) {
        self.state[person] = Some(state);
    }

    /// Whether this gazetteer entity was already named in the document.
    pub(crate) fn known_gazetteer(&self, gazetteer_index: usize) -> bool {
        self.from_gazetteer.contains_key(&gazetteer_index)
    }
}

/// A sentence with everything found in it.
#[derive(Debug, Clone)]
pub(crate) struct Analysed {
    pub(crate) sentence: Sentence,
    /// Offset of the sentence's first character, in chars.
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) holdings: Vec<Holding>,
    pub(crate) titles: Vec<(Hit, usize)>,
    pub(crate) meeting: Vec<(Hit, MeetingWord)>,
    pub(crate) transfer: Vec<(Hit, TransferWord)>,
    pub(crate) items: Vec<(Hit, TransferCategory)>,
    pub(crate) cues: Vec<(Hit, Cue)>,
    pub(crate) words: Vec<(Hit, Word)>,
    pub(crate) dates: Vec<DateMention>,
    /// Clause boundaries (byte spans), see `status::clause`.
    pub(crate) boundaries: Vec<(usize, usize)>,
}

impl Analysed {
    /// Spans of the lexicon words in the sentence that end a person's name: function words,
    /// dates, and lower-case words. A capitalised trigger or item may be part of a name
    /// ("Ulysses S. Grant", "Aid").
    pub(crate) fn lexical_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let lower = |h: &Hit| text[h.start..].starts_with(|c: char| !c.is_uppercase());
        let mut spans: Vec<(usize, usize)> = Vec::new();
        spans.extend(self.titles.iter().map(|(h, _)| (h.start, h.end)));
        spans.extend(self.meeting.iter().filter(|(h, _)| lower(h)).map(|(h, _)| (h.start, h.end)));
        spans.extend(self.transfer.iter().filter(|(h, _)| lower(h)).map(|(h, _)| (h.start, h.end)));
        spans.extend(self.items.iter().filter(|(h, _)| lower(h)).map(|(h, _)| (h.start, h.end)));
        spans.extend(self.cues.iter().filter(|(h, _)| lower(h)).map(|(h, _)| (h.start, h.end)));
        spans.extend(self.words.iter().map(|(h, _)| (h.start, h.end)));
        spans.extend(self.dates.iter().map(|d| (d.start, d.end)));
        spans
    }

    /// The clause around byte `at`.
    pub(crate) fn clause(&self, at: usize) -> (usize, usize) {
        crate::status::clause(&self.boundaries, self.sentence.start, self.sentence.end, at)
    }

    /// The sentence text.
    pub(crate) fn text<'a>(&self, context: &Context<'a>) -> &'a str {
        &context.text[self.sentence.start..self.sentence.end]
    }
}

/// Character offsets of byte offsets, for increasing offsets, in one pass.
pub(crate) fn char_offsets(text: &str, sentences: &[Sentence]) -> Vec<(usize, usize)> {
    let mut offsets = Vec::with_capacity(sentences.len());
    let (mut byte, mut chars) = (0, 0);
    for sentence in sentences {
        chars += text[byte..sentence.start].chars().count();
        byte = sentence.start;
        let start = chars;
        chars += text[byte..sentence.end].chars().count();
        byte = sentence.end;
        offsets.push((start, chars));
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_chars() {
        // "ä" is two bytes: byte spans (0, 6) and (8, 13) are chars (0, 5) and (7, 12).
        let sentences = [Sentence { start: 0, end: 6 }, Sentence { start: 8, end: 13 }];
        assert_eq!(char_offsets("äbcde, fghij", &sentences), [(0, 5), (7, 12)]);
    }
}
