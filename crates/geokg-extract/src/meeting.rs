//! Meetings and phone calls: a trigger (`meeting.tsv`) in a clause, its participants (the
//! most specific actors there), visitor, host, place, date and status; then one meeting per
//! event, however often the text mentions it.
//!
//! Participants are persons, states named or meant by a seat of power or a capital ("Kreml",
//! "Gespräche mit Moskau"), and organisations. A capital or a state after "in"/"nach"/"to"
//! is where it happens. A state drops out when its leader takes part. A speaker ("…, sagte
//! Scholz") takes part only if the clause names no one else; "die beiden"/"both" and "er"/"he"
//! bring back persons of earlier sentences.

use crate::analysis::{Analysed, Context, Entities};
use crate::date::{self, DateMention};
use crate::lexicon::{Frame, Word};
use crate::mention::{Mention, MentionForm};
use crate::{evidence, resolve, status};
use geokg_model::{EntityKind, Meeting, MeetingKind, PartialDate, Status};

/// A meeting before its entities are cloned out of the table.
#[derive(Debug, Clone)]
struct Draft {
    kind: MeetingKind,
    participants: Vec<usize>,
    visitor: Option<usize>,
    host: Option<usize>,
    place: Option<usize>,
    date: Option<PartialDate>,
    status: Status,
    /// Told in the past tense ("have met"): not the plan of the same pair.
    past: bool,
    /// "elf Mal", "several times": a series, never merged with one meeting.
    repeated: bool,
    /// "visits to Riga by the leaders of Spain and Italy": each visitor came on
    /// their own; the visited country is the last participant.
    visitors_apart: bool,
    evidence: Vec<geokg_model::Evidence>,
}

/// Whether the mention follows a word of `class` ("in", "nach", "to"), allowing an article.
pub(crate) fn after_word(context: &Context<'_>, analysed: &Analysed, mention: &Mention, classes: &[Word]) -> bool {
    // An article or a number may stand between: "to three Kenyan army officers".
    analysed.words.iter().any(|(hit, class)| {
        classes.contains(class) && hit.end <= mention.start && mention.start - hit.end <= 40 && {
            let gap = context.text[hit.end..mention.start].trim();
            gap.is_empty()
                || ARTICLES.contains(&gap)
                || (gap.split_whitespace().count() <= 2
                    && gap.split_whitespace().all(|w| {
                        ARTICLES.contains(&w) || NUMBERS.contains(&w) || w.bytes().all(|b| b.is_ascii_digit())
                    }))
        }
    })
}

const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "several", "zwei", "drei", "vier", "fünf", "mehrere", "deux", "trois",
    "dos", "tres",
];

const ARTICLES: &[&str] = &["der", "die", "dem", "den", "des", "the", "a", "an", "la", "le", "el", "los", "las", "les"];

// "NATO member Turkey", "G-20 summit", "Nato-Mitglied": an organisation naming a kind of thing.
const MODIFIED: &[&str] = &[
    "member",
    "members",
    "ally",
    "allies",
    "summit",
    "countries",
    "states",
    "chief",
    "fund",
    "leaders",
    "meeting",
    "meetings",
    "mission",
    "official",
    "officials",
    "ministers",
    "foreign",
    "defence",
    "defense",
    "session",
];

/// Whether an organisation's name is a modifier or a location ("at an EU summit", "of the
/// NATO Council") rather than an actor.
fn organisation_is_setting(context: &Context<'_>, mention: &Mention) -> bool {
    let text = context.text;
    let mut before = crate::sentence::word_before(text, mention.start);
    let mut before_end = text[..mention.start].trim_end().len();
    if ARTICLES.contains(&before.to_lowercase().as_str()) {
        before_end -= before.len();
        before = crate::sentence::word_before(text, before_end);
    }
    let setting = matches!(
        before,
        "of" | "der" | "des" | "at" | "in" | "im" | "on" | "bei" | "beim" | "auf" | "am" | "zum" | "zur"
    );
    let rest = &text[mention.end..];
    let next = rest.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let modifier = rest.starts_with('-')
        || (rest.starts_with(' ')
            && (next.starts_with(char::is_uppercase) || MODIFIED.contains(&next.to_lowercase().as_str())));
    setting || modifier
}

fn is_possessor(context: &Context<'_>, analysed: &Analysed, mention: &Mention) -> bool {
    let text = context.text;
    let next_to = |start: usize| {
        start >= mention.end && text[mention.end..start].trim_start_matches(['\'', '’', 's']).trim().is_empty()
    };
    analysed.titles.iter().any(|(hit, _)| next_to(hit.start))
        || analysed
            .words
            .iter()
            .any(|(hit, class)| matches!(class, Word::Former | Word::Counterpart) && next_to(hit.start))
}

fn acts_as_group(context: &Context<'_>, analysed: &Analysed, mention: &Mention) -> bool {
    analysed.words.iter().any(|(hit, class)| {
        *class == Word::Group
            && hit.start >= mention.end
            && context.text[mention.end..hit.start].split_whitespace().count() <= 1
    })
}

/// Whether a state's name is part of a currency ("US-Dollar", "U.S. dollars").
pub(crate) fn is_currency(context: &Context<'_>, mention: &Mention) -> bool {
    let rest = context.text[mention.end..].trim_start_matches(['-', ' ']);
    ["Dollar", "dollar", "Euro", "euro", "Rubel", "ruble", "rouble", "Yuan", "yuan", "Yen", "yen", "Pfund", "pound"]
        .iter()
        .any(|c| rest.starts_with(c))
}

/// The actors and places of a sentence: (mention index, entity, is an actor).
pub(crate) fn stances(
    context: &Context<'_>,
    entities: &mut Entities,
    analysed: &Analysed,
) -> Vec<(usize, usize, bool)> {
    let mut found = Vec::new();
    for (index, mention) in analysed.mentions.iter().enumerate() {
        let kind = entities.kind(mention.entity);
        let mut located = after_word(context, analysed, mention, &[Word::In, Word::To]);
        // "nach Brüssel, Belgien": a state right after a place is where the place is.
        if !located
            && let Some(&(_, previous, false)) = found.last()
            && let Some(before) = analysed.mentions.get(index.wrapping_sub(1))
            && entities.state(previous) == Some(mention.entity)
            && context.text[before.end..mention.start].trim() == ","
        {
            located = true;
        }
        let (entity, actor) = match (kind, mention.form) {
            // "Kenyan diplomats", "die spanische Regierung": people acting for the state.
            (EntityKind::State, MentionForm::Adjective) if acts_as_group(context, analysed, mention) => {
                (mention.entity, !located)
            }
            (_, MentionForm::Adjective) | (EntityKind::Other, _) => continue,
            // "Scholz' Vorgängerin Merkel", "Putin's spokesman": the person only names whose.
            (EntityKind::Person, _) if is_possessor(context, analysed, mention) => continue,
            (EntityKind::Person, _) => (mention.entity, true),
            (EntityKind::State, MentionForm::Metonym) if located => {
                let capital = entities
                    .gazetteer_index(mention.entity)
                    .and_then(|g| context.gazetteer.capital_of.get(&g).copied())
                    .map(|c| entities.intern(context, c));
                (capital.unwrap_or(mention.entity), false)
            }
            // "37 Millionen US-Dollar": a currency, not the state.
            (EntityKind::State, _) if is_currency(context, mention) => continue,
            (EntityKind::State, _) => (mention.entity, !located),
            (EntityKind::Organization, _) => {
                if located || organisation_is_setting(context, mention) {
                    continue;
                }
                (mention.entity, true)
            }
            (EntityKind::Place, _) => {
                let capital_of = entities
                    .gazetteer_index(mention.entity)
                    .and_then(|g| context.gazetteer.capital_of.iter().find(|&(_, &c)| c == g).map(|(&state, _)| state));
                match capital_of {
                    // "Gespräche mit Moskau", "Cairo and Amman held talks": the government.
                    Some(state) if !located => (entities.intern(context, state), true),
                    _ => (mention.entity, false),
                }
            }
        };
        found.push((index, entity, actor));
    }
    found
}

/// Whether the mention is a speaker: next to a verb of saying. Returns the verb's span.
fn speech_next_to(context: &Context<'_>, analysed: &Analysed, mention: &Mention) -> Option<(usize, usize)> {
    // "Li betonte" after "Bei einer Begegnung mit …" is the object of the meeting and
    // "betonte" is the speaker's: a speaker before the verb opens the clause.
    let clause_start = analysed.clause(mention.start).0;
    let opens_clause = !analysed.meeting.iter().any(|(t, _)| t.start >= clause_start && t.end <= mention.start);
    analysed.words.iter().filter(|(_, class)| *class == Word::Speech).find_map(|(hit, _)| {
        let after = opens_clause
            && hit.start >= mention.end
            && context.text[mention.end..hit.start].trim_matches([' ', ',']).len() <= 3;
        let before = hit.end <= mention.start && {
            let gap = context.text[hit.end..mention.start].trim();
            gap.is_empty() || matches!(gap, "der" | "die" | "the" | "to")
        };
        (after || before).then_some((hit.start, hit.end))
    })
}

fn nearest_date(context: &Context<'_>, analysed: &Analysed, span: (usize, usize), at: usize) -> Option<DateMention> {
    // "since … November 2022": a date after "seit"/"since" is not the event's.
    let usable = |d: &&DateMention| {
        !analysed.words.iter().any(|(hit, class)| {
            *class == Word::Span
                && hit.end <= d.start
                && (hit.start >= at || context.text[hit.end..d.start].split_whitespace().count() <= 2)
        })
    };
    let distance = |d: &&DateMention| if d.start >= at { d.start - at } else { at - d.end };
    let inside: Vec<&DateMention> =
        analysed.dates.iter().filter(|d| d.start >= span.0 && d.end <= span.1).filter(usable).collect();
    // "In the next few days, X will visit Y": a date that opens the sentence dates all of it.
    let fronted = || {
        analysed.dates.iter().find(|d| {
            d.end <= span.0 && words_between(context.text, analysed.sentence.start, d.start) <= 1 && usable(d)
        })
    };
    inside.into_iter().min_by_key(distance).or_else(fronted).copied()
}

/// The date and status of an event triggered at `at`, read in `span`.
pub(crate) fn date_and_status(
    context: &Context<'_>,
    analysed: &Analysed,
    span: (usize, usize),
    at: usize,
    transfer: bool,
) -> (Option<PartialDate>, Status) {
    let first = status::status(context.text, analysed, span, transfer, None, false, context.date);
    let when = nearest_date(context, analysed, span, at);
    let date = when.and_then(|d| date::resolve(d.when, context.date, first == Status::Planned));
    let today = when.is_some_and(|d| d.when == date::When::Relative(crate::lexicon::DateWord::Day(0)));
    let status = if first == Status::Occurred {
        status::status(context.text, analysed, span, transfer, date, today, context.date)
    } else {
        first
    };
    (date, status)
}

/// Finds the meetings and phone calls of a document.
pub(crate) fn meetings(context: &Context<'_>, entities: &mut Entities, sentences: &[Analysed]) -> Vec<Meeting> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut recent: Vec<usize> = Vec::new();
    for analysed in sentences {
        let mut persons: Vec<usize> = Vec::new();
        for mention in analysed.mentions.iter().filter(|m| entities.kind(m.entity) == EntityKind::Person) {
            persons.retain(|&p| p != mention.entity);
            persons.push(mention.entity);
        }
        if !analysed.meeting.is_empty() {
            let stances = stances(context, entities, analysed);
            let calls = analysed.meeting.iter().any(|(_, w)| w.kind == MeetingKind::PhoneCall);
            let triggers = &analysed.meeting;
            // A run-on "sentence" of machine text may hold dozens of triggers; real ones do not.
            let speakers: Vec<Option<(usize, usize)>> = stances
                .iter()
                .map(|&(index, ..)| speech_next_to(context, analysed, &analysed.mentions[index]))
                .collect();
            for (number, &(hit, word)) in triggers.iter().enumerate().take(MAX_TRIGGERS) {
                // Each trigger reads its part of the clause: from the trigger before to the next.
                let clause = analysed.clause(hit.start);
                let from = number.checked_sub(1).map_or(clause.0, |i| triggers[i].0.end.clamp(clause.0, hit.start));
                let to = triggers.get(number + 1).map_or(clause.1, |next| next.0.start.clamp(hit.end, clause.1));
                let kind = if calls { MeetingKind::PhoneCall } else { word.kind };
                let trigger =
                    Trigger { at: hit.start, end: hit.end, window: (from, to), clause, kind, frame: word.frame };
                let Some(mut draft) = draft(context, entities, analysed, &stances, &speakers, &recent, &trigger) else {
                    // "Ein weiteres Treffen ist geplant – mit Macron": the last meeting's
                    // participants and whoever joins them.
                    let another = analysed.words.iter().any(|(w, class)| {
                        *class == Word::Another
                            && w.end <= hit.start
                            && words_between(context.text, w.end, hit.start) <= 1
                    });
                    if another && let Some(last) = drafts.iter().rev().find(|d| d.kind.is_meeting()) {
                        let mut participants = last.participants.clone();
                        for &(_, entity, actor) in &stances {
                            if actor && !participants.contains(&entity) {
                                participants.push(entity);
                            }
                        }
                        if participants.len() > last.participants.len() {
                            let (date, status) = date_and_status(context, analysed, trigger.window, hit.start, false);
                            drafts.push(Draft {
                                kind,
                                participants,
                                visitor: None,
                                host: None,
                                place: last.place,
                                date,
                                status,
                                past: false,
                                repeated: false,
                                visitors_apart: false,
                                evidence: vec![evidence(context, analysed, "meeting.another", 0.5)],
                            });
                        }
                    }
                    continue;
                };
                draft.kind = kind;
                for piece in split_by_dates(context, analysed, &stances, &trigger, draft) {
                    add(&mut drafts, piece);
                }
            }
        }
        recent.retain(|p| !persons.contains(p));
        recent.extend(persons);
        if recent.len() > 8 {
            recent.drain(..recent.len() - 8);
        }
    }
    subsume(entities, &mut drafts);
    drafts
        .into_iter()
        .map(|d| Meeting {
            kind: d.kind,
            participants: d.participants.iter().map(|&p| entities.get(p).clone()).collect(),
            visitor: d.visitor.map(|p| entities.get(p).clone()),
            host: d.host.map(|p| entities.get(p).clone()),
            place: d.place.map(|p| entities.get(p).clone()),
            // A meeting told as news without a date of its own happened when the news did;
            // not one told as a habit ("meet every year").
            date: d.date.or(context.date.filter(|_| d.status == Status::Occurred && !d.repeated)),
            status: d.status,
            evidence: d.evidence,
        })
        .collect()
}

/// A meeting trigger and the part of its clause it reads.
struct Trigger {
    at: usize,
    end: usize,
    window: (usize, usize),
    clause: (usize, usize),
    kind: MeetingKind,
    frame: Frame,
}

/// The largest char boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn words_between(text: &str, a: usize, b: usize) -> usize {
    if a >= b { 0 } else { text[a..b].split_whitespace().count() }
}

// One pass over a sentence's mentions whose steps share their state; split, it would pass
// that state around in a struct of its own.
#[allow(clippy::too_many_lines)]
fn draft(
    context: &Context<'_>,
    entities: &mut Entities,
    analysed: &Analysed,
    stances: &[(usize, usize, bool)],
    speech: &[Option<(usize, usize)>],
    recent: &[usize],
    trigger: &Trigger,
) -> Option<Draft> {
    let at = trigger.at;
    let window = trigger.window;
    let mut participants: Vec<usize> = Vec::new();
    let mut speakers: Vec<usize> = Vec::new();
    // (entity, joins as the visited country, distance in words from the trigger)
    let mut place: Option<(usize, bool, usize)> = None;
    let mut before_trigger: Option<usize> = None;
    let mut after_trigger: Option<usize> = None;
    let mut clause_actors: Vec<usize> = Vec::new();
    let mut earlier_actor: Option<usize> = None;
    let mut joined = false;
    for (&(index, entity, actor), &speech) in stances.iter().zip(speech) {
        let mention = &analysed.mentions[index];
        let inside = mention.start >= window.0 && mention.end <= window.1;
        if !actor {
            // Where it happens: a place in the window; a state only close to the trigger
            // ("zu Beratungen in Polen"), since "über die Zukunft Polens in der EU" is a topic.
            let distance = if mention.start >= trigger.end {
                words_between(context.text, trigger.end, mention.start)
            } else {
                words_between(context.text, mention.end, at) + 1
            };
            let near = distance <= 4;
            let is_state = entities.kind(mention.entity) == EntityKind::State;
            // The nearest place to the trigger ("a trip to Riga", not "the
            // chancellor's trip to the Baltic neighbour" before it).
            if inside
                && (!is_state || near || trigger.frame == Frame::Visit)
                && place.is_none_or(|(_, _, d)| distance < d)
            {
                // The place's country takes part in a visit, or when talks are "in" a country;
                // a city hosting talks of others ("talks in Geneva") does not.
                place = Some((entity, trigger.frame == Frame::Visit || (is_state && near), distance));
            }
            continue;
        }
        if let Some((speech_start, speech_end)) = speech {
            // "a minister said President Xi met Putin": the speaker is not at the table
            // when the reported clause names its own actors, nor when speaking after the fact.
            let reported_from = speech_end.max(mention.end);
            let names_others = stances.iter().any(|&(other, _, is_actor)| {
                is_actor
                    && other != index
                    && analysed.mentions[other].start >= reported_from
                    && analysed.mentions[other].start < at
            });
            if names_others || speech_start > at || mention.start > at {
                // "…, sagte Scholz": who speaks after the fact may have been there.
                if !names_others && mention.start > at {
                    speakers.push(entity);
                }
                continue;
            }
        }
        if mention.start >= trigger.clause.0 && mention.end <= window.0 {
            clause_actors.push(entity);
        }
        if mention.end <= window.0 {
            earlier_actor = Some(entity);
        }
        if inside {
            if mention.start < at {
                before_trigger = Some(entity);
            } else if after_trigger.is_none() {
                after_trigger = Some(entity);
            }
            participants.push(entity);
        }
    }
    let add = |list: &mut Vec<usize>, more: &[usize]| {
        for &entity in more {
            if list.len() >= 2 {
                break;
            }
            if !list.contains(&entity) {
                list.push(entity);
            }
        }
    };
    // "ahead of a visit by President Macron", "visits to Riga by the leaders of …": the agent after
    // "by"/"von" is the visitor, and who stands before the noun is not part of it.
    let by_agent = trigger.frame == Frame::Visit
        && context.text[trigger.end..window.1].split_whitespace().take(4).any(|w| matches!(w, "by" | "durch"));
    if by_agent && after_trigger.is_some() {
        let before: Vec<usize> =
            stances.iter().filter(|&&(i, ..)| analysed.mentions[i].end <= at).map(|&(_, e, _)| e).collect();
        participants.retain(|p| !before.contains(p));
        before_trigger = None;
    }
    // "Modi will visit Washington next week to meet Biden": an infinitive's subject is the
    // first actor of its clause.
    // "Scholz said after meeting Biden": so is a gerund's, the actor just before it.
    let before = crate::sentence::word_before(context.text, at);
    let infinitive = matches!(before, "to" | "zu" | "um");
    let gerund = context.text[at..trigger.end].ends_with("ing")
        && matches!(before, "after" | "before" | "while" | "when" | "by" | "without");
    let subject = if infinitive && window.0 > trigger.clause.0 {
        clause_actors.first().copied()
    } else if gerund {
        earlier_actor
    } else {
        None
    };
    if let Some(subject) = subject
        && !participants.contains(&subject)
    {
        participants.insert(0, subject);
        before_trigger = Some(subject);
    }
    if participants.len() < 2 {
        let back = resolve::back_references(analysed, recent, &participants);
        add(&mut participants, &back);
    }
    // A speaker completes a pair ("ein Treffen mit Macron …, sagte Scholz"), never makes one.
    if participants.len() == 1 {
        add(&mut participants, &speakers);
    }
    let mut seen = Vec::new();
    participants.retain(|p| {
        let fresh = !seen.contains(p);
        seen.push(*p);
        fresh
    });
    // The most specific actor: a state goes when its leader is there.
    let led: Vec<usize> = participants
        .iter()
        .filter(|&&p| entities.kind(p) == EntityKind::Person)
        .filter_map(|&p| entities.state(p))
        .collect();
    participants.retain(|p| !(entities.kind(*p) == EntityKind::State && led.contains(p)));
    // "Lawrow und Schoigu zu Gast in Berlin", "Scholz will visit Kyiv": the visited country
    // takes part when no one of it is named.
    if let Some((place, joins, _)) = place
        && joins
        && !participants.is_empty()
        && let Some(country) = entities.state(place)
        && !participants.iter().any(|&p| p == country || entities.state(p) == Some(country))
        // "a visit to Brussels for the European Council": the body is the host.
        && !participants.iter().any(|&p| entities.kind(p) == EntityKind::Organization)
    {
        participants.push(country);
        joined = true;
    }
    if participants.len() < 2 {
        return None;
    }
    // "He received an education", "received the Distinguished Flying Cross": a host receives
    // someone named right after the verb, or (German, verb last) two actors of its own clause.
    let named_in_window = stances
        .iter()
        .filter(|&&(i, _, actor)| {
            actor && analysed.mentions[i].start >= window.0 && analysed.mentions[i].end <= window.1
        })
        .count();
    if trigger.frame == Frame::Host
        && named_in_window < 2
        && !stances.iter().any(|&(i, _, actor)| {
            let m = &analysed.mentions[i];
            actor && m.start >= trigger.end && words_between(context.text, trigger.end, m.start) <= 4
        })
    {
        return None;
    }
    // "Xi and Putin held talks on Monday and will hold negotiations on Tuesday": between two
    // triggers, a cue belongs to the nearer one.
    let from = if window.0 > trigger.clause.0 { floor_char(context.text, window.0.midpoint(at)) } else { window.0 };
    let to =
        if window.1 < trigger.clause.1 { floor_char(context.text, trigger.end.midpoint(window.1)) } else { window.1 };
    // A trigger with no cue of its own ("Following a trip to India, Scholz … would fly on") reads
    // its whole part of the clause.
    let own_cue = analysed.cues.iter().any(|(h, _)| h.start >= from && h.end <= to);
    let span = if own_cue { (from, to) } else { window };
    let (date, status) = date_and_status(context, analysed, span, at, false);
    let (visitor, host) = match trigger.frame {
        Frame::Host => (after_trigger, before_trigger),
        Frame::Visit => (before_trigger.or(after_trigger), None),
        Frame::Plain => (None, None),
    };
    let rule = format!("meeting.{}", trigger.kind.as_str());
    let in_window = |from: usize, to: usize| from >= window.0 && to <= window.1;
    let past = analysed.cues.iter().any(|(h, c)| *c == crate::lexicon::Cue::Past && in_window(h.start, h.end));
    let repeated = analysed.words.iter().any(|(h, w)| *w == Word::Repeated && in_window(h.start, h.end));
    Some(Draft {
        kind: trigger.kind,
        participants,
        visitor,
        host,
        place: place.map(|(p, ..)| p),
        date,
        status,
        past,
        repeated,
        visitors_apart: by_agent && joined,
        evidence: vec![evidence(context, analysed, &rule, 0.7)],
    })
}

/// How many earlier meetings a new one is compared with.
const NEARBY: usize = 64;

/// How many triggers of one sentence are read.
const MAX_TRIGGERS: usize = 8;

/// How many sentences a fact keeps as evidence.
pub(crate) const MAX_EVIDENCE: usize = 16;

/// "Sunak to meet Scholz on Monday, Macron on Tuesday": one subject meeting several
/// others on different days is several meetings, each dated by the day after its name.
fn split_by_dates(
    context: &Context<'_>,
    analysed: &Analysed,
    stances: &[(usize, usize, bool)],
    trigger: &Trigger,
    draft: Draft,
) -> Vec<Draft> {
    let dates: Vec<&DateMention> =
        analysed.dates.iter().filter(|d| d.start > trigger.at && d.end <= trigger.window.1).collect();
    let first_at = |entity: usize| {
        stances.iter().filter(|&&(_, e, _)| e == entity).map(|&(i, ..)| analysed.mentions[i].start).min()
    };
    let (subjects, objects): (Vec<usize>, Vec<usize>) =
        draft.participants.iter().partition(|&&p| first_at(p).is_none_or(|s| s < trigger.at));
    if draft.visitors_apart && draft.participants.len() > 2 {
        let (country, visitors) = draft.participants.split_last().expect("more than two participants");
        return visitors.iter().map(|&v| Draft { participants: vec![v, *country], ..draft.clone() }).collect();
    }
    if dates.len() < 2 || subjects.len() != 1 || objects.len() < 2 {
        return vec![draft];
    }
    objects
        .iter()
        .map(|&object| {
            let start = first_at(object).unwrap_or(trigger.at);
            let when = dates.iter().find(|d| d.start > start).map(|d| d.when);
            let date =
                when.and_then(|w| date::resolve(w, context.date, draft.status == Status::Planned)).or(draft.date);
            Draft { participants: vec![subjects[0], object], date, ..draft.clone() }
        })
        .collect()
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.is_compatible(b),
        _ => true,
    }
}

fn merge_into(target: &mut Draft, draft: Draft) {
    if target.date.is_none_or(|d| draft.date.is_some_and(|n| n > d && d.is_compatible(n))) {
        target.date = draft.date.or(target.date);
    }
    target.place = target.place.or(draft.place);
    target.visitor = target.visitor.or(draft.visitor);
    target.host = target.host.or(draft.host);
    let room = MAX_EVIDENCE.saturating_sub(target.evidence.len());
    target.evidence.extend(draft.evidence.into_iter().take(room));
}

/// Whether an undated mention can be the same event as a dated one of another status:
/// "X reist bereits zu den Gesprächen mit Y" is the planned meeting, "A and
/// B have met" is not the planned visit.
fn mergeable(undated: &Draft, other: &Draft) -> bool {
    undated.date.is_none()
        && !(undated.past && other.status == Status::Planned)
        && !(other.past && undated.status == Status::Planned)
        && (undated.status == Status::Negated) == (other.status == Status::Negated)
}

/// Adds a draft, merging it into an earlier mention of the same event.
fn add(drafts: &mut Vec<Draft>, draft: Draft) {
    // Only recent meetings are compared, so a huge document stays linear.
    let same = drafts.iter_mut().rev().take(NEARBY).find(|d| {
        d.kind.is_meeting() == draft.kind.is_meeting()
            && same_set(&d.participants, &draft.participants)
            && compatible(d.date, draft.date)
            && !d.repeated
            && !draft.repeated
            && (d.status == draft.status || mergeable(d, &draft) || mergeable(&draft, d))
    });
    match same {
        Some(target) => merge_into(target, draft),
        None => drafts.push(draft),
    }
}

/// Drops a meeting that a more specific one of the same text covers: `[visitor, country]`
/// when the visitor meets that country's leader, `[Russia, China]` when Putin meets Xi.
fn subsume(entities: &Entities, drafts: &mut Vec<Draft>) {
    let covers = |big: &Draft, small: &Draft| {
        small.participants.iter().all(|&p| {
            big.participants.contains(&p)
                || (entities.kind(p) == EntityKind::State
                    && big
                        .participants
                        .iter()
                        .any(|&q| entities.kind(q) == EntityKind::Person && entities.state(q) == Some(p)))
        })
    };
    let mut removed = vec![false; drafts.len()];
    for index in 0..drafts.len() {
        let draft = &drafts[index];
        if !draft.participants.iter().any(|&p| entities.kind(p) == EntityKind::State) {
            continue;
        }
        let from = index.saturating_sub(NEARBY);
        let to = (index + NEARBY).min(drafts.len());
        let target = (from..to).find(|&other| {
            let d = &drafts[other];
            other != index
                && !removed[other]
                && d.kind.is_meeting() == draft.kind.is_meeting()
                && d.participants != draft.participants
                && covers(d, draft)
                && compatible(d.date, draft.date)
        });
        if let Some(target) = target {
            let evidence = std::mem::take(&mut drafts[index].evidence);
            let room = MAX_EVIDENCE.saturating_sub(drafts[target].evidence.len());
            drafts[target].evidence.extend(evidence.into_iter().take(room));
            removed[index] = true;
        }
    }
    let mut flags = removed.into_iter();
    drafts.retain(|_| !flags.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use crate::{Document, Extractor, render};

    fn facts(language: &str, text: &str) -> String {
        let document =
            Document::new(text).with_language(language).with_published("2024-07-23".parse().expect("a date"));
        render(&Extractor::default().extract(&document))
            .lines()
            .filter(|l| !l.starts_with("leader"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_speaker_after_the_fact_completes_the_pair() {
        insta::assert_snapshot!(facts("de", "„Ein Treffen mit Erdogan ist möglich“, sagte Putin."), @"meeting speculative Recep Tayyip Erdoğan + Vladimir Putin");
    }

    #[test]
    fn a_speaker_reporting_others_is_not_at_the_table() {
        insta::assert_snapshot!(facts("en", "A minister said Chinese President Xi Jinping met Putin."), @"meeting occurred Xi Jinping + Vladimir Putin 2024-07-23");
    }

    #[test]
    fn one_subject_meeting_several_on_several_days_is_several_meetings() {
        insta::assert_snapshot!(facts("en", "Scholz to meet Macron on Thursday, Giorgia Meloni on Friday"), @r"
        meeting planned Olaf Scholz + Emmanuel Macron 2024-07-25
        meeting planned Olaf Scholz + Giorgia Meloni 2024-07-26
        ");
    }

    #[test]
    fn a_visit_with_no_host_takes_the_country() {
        insta::assert_snapshot!(facts("en", "Chancellor Olaf Scholz will visit India next week."), @"meeting planned Olaf Scholz + India 2024-07");
    }

    #[test]
    fn the_two_leaders_are_the_pair_just_named() {
        insta::assert_snapshot!(facts("en", "Macron hosted Scholz on Monday. The two leaders met in March in Berlin."), @r"
        meeting occurred Emmanuel Macron + Olaf Scholz 2024-07-22
        meeting occurred Olaf Scholz + Emmanuel Macron @ Berlin 2024-03
        ");
    }

    #[test]
    fn a_possessor_is_not_a_participant() {
        insta::assert_snapshot!(facts("de", "Putins Sprecher traf am Montag Scholz."), @"");
    }

    #[test]
    fn the_same_meeting_told_twice_is_one() {
        insta::assert_snapshot!(facts("de", "Putin traf Kim am Montag in Wladiwostok. Das Treffen von Putin und Kim dauerte drei Stunden."), @"meeting occurred Vladimir Putin + Kim Jong Un @ Vladivostok 2024-07-22");
    }

    #[test]
    fn a_cue_between_two_triggers_belongs_to_the_nearer() {
        insta::assert_snapshot!(facts("en", "Xi and Putin held talks on Monday and will hold negotiations on Tuesday."), @"meeting occurred Xi Jinping + Vladimir Putin 2024-07-22");
    }

    #[test]
    fn a_host_needs_a_guest() {
        insta::assert_snapshot!(facts("en", "He received the Order of Merit in Germany."), @"");
    }

    #[test]
    fn a_phone_call_is_kept_apart() {
        insta::assert_snapshot!(facts("en", "Biden spoke by phone with Scholz on Monday."), @"call occurred Joe Biden + Olaf Scholz 2024-07-22");
    }
}
