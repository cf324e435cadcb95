//! Resolution: which entity an ambiguous name means, which office a title names for a known
//! person, who held an office at the document date ("der russische Präsident" in 2023), and
//! which earlier persons "die beiden", "both" and "er"/"he" point back to.

use crate::analysis::{Analysed, Context, Entities};
use crate::gazetteer::{Form, Term};
use crate::lexicon::Word;
use geokg_model::EntityKind;

/// Offices a generic title may name, most telling first.
fn roles_for(title_role: &str) -> &'static [&'static str] {
    match title_role {
        "leader" => &[
            "Supreme Leader",
            "Chairman of the State Affairs Commission",
            "President",
            "Prime Minister",
            "Chancellor",
            "King",
            "Emir",
            "Sultan",
            "Head of State",
        ],
        "head of government" => &["Prime Minister", "Chancellor", "Head of Government", "President"],
        _ => &[],
    }
}

fn is_generic(role: &str) -> bool {
    matches!(role, "leader" | "head of government" | "Minister" | "counterpart")
}

/// Chooses among the terms a span matched: a state over an organisation over a place over a
/// person ("Georgia", "Jordan"); among persons one already named in the document, then one in
/// office at the date.
pub(crate) fn choose(context: &Context<'_>, entities: &Entities, terms: &[usize]) -> Term {
    let gazetteer = context.gazetteer;
    let rank = |&index: &usize| {
        let term = gazetteer.terms[index];
        let kind = match gazetteer.entities[term.entity].kind {
            EntityKind::State => 0,
            EntityKind::Organization => 1,
            EntityKind::Place => 2,
            EntityKind::Person | EntityKind::Other => 3,
        };
        let seen = u8::from(!entities.known_gazetteer(term.entity));
        let in_office = u8::from(gazetteer.offices_at(term.entity, context.date).next().is_none());
        let form = match term.form {
            Form::Name => 0,
            Form::Adjective => 1,
            Form::Metonym => 2,
            Form::Surname => 3,
        };
        (kind, seen, in_office, form, term.entity)
    };
    let best = terms.iter().min_by_key(|t| rank(t)).copied().unwrap_or(0);
    gazetteer.terms[best]
}

/// The state and office a title gives a person: what the text says, completed from the
/// person's terms in the leader files ("President Tayyip Erdogan" is Turkey's president).
pub(crate) fn office(
    context: &Context<'_>,
    entities: &mut Entities,
    person: usize,
    state: Option<usize>,
    title_role: &str,
    analysed: &Analysed,
) -> (Option<usize>, String) {
    let gazetteer = context.gazetteer;
    if let Some(gazetteer_person) = entities.gazetteer_index(person) {
        let wanted_state = state.and_then(|s| entities.gazetteer_index(s));
        let candidates = gazetteer.offices_at(gazetteer_person, None).filter(|o| {
            gazetteer.entities[o.state].kind == EntityKind::State && wanted_state.is_none_or(|s| s == o.state)
        });
        let score = |o: &&crate::gazetteer::Office| {
            let covers = context.date.is_none_or(|d| o.covers(d));
            let matches = o.role == title_role || roles_for(title_role).contains(&o.role.as_str());
            (!matches, !covers)
        };
        if let Some(found) = candidates.min_by_key(score) {
            let role = if is_generic(title_role) || title_role == found.role {
                found.role.clone()
            } else {
                title_role.to_owned()
            };
            let state = entities.intern(context, found.state);
            return (Some(state), role);
        }
    }
    let state = state.or_else(|| entities.state(person).filter(|&s| entities.kind(s) == EntityKind::State));
    let role = match title_role {
        "leader" => "Head of State".to_owned(),
        "head of government" => "Head of Government".to_owned(),
        "counterpart" => analysed.holdings.first().map_or_else(|| "Minister".to_owned(), |h| h.role.clone()),
        other => other.to_owned(),
    };
    (state, role)
}

/// The one person holding the office a title names in `state` at the document date.
pub(crate) fn holder(context: &Context<'_>, entities: &mut Entities, state: usize, title_role: &str) -> Option<usize> {
    let date = context.date?;
    let gazetteer_state = entities.gazetteer_index(state)?;
    let roles: Vec<&str> = match roles_for(title_role) {
        [] if is_generic(title_role) => return None,
        [] => vec![title_role],
        roles => roles.to_vec(),
    };
    let person = roles.iter().find_map(|role| context.gazetteer.holder(gazetteer_state, role, date))?;
    Some(entities.intern(context, person))
}

/// Persons a sentence's "die beiden"/"both" or "er"/"he" may stand for, given the persons of
/// earlier sentences (most recent last).
pub(crate) fn back_references(analysed: &Analysed, recent: &[usize], present: &[usize]) -> Vec<usize> {
    let has = |class: Word| analysed.words.iter().any(|(_, w)| *w == class);
    let mut earlier = recent.iter().rev().filter(|p| !present.contains(p));
    if has(Word::Both) && present.is_empty() {
        let first = earlier.next().copied();
        let second = earlier.next().copied();
        return first.into_iter().chain(second).collect();
    }
    // "Macron said on Monday that he would come": a pronoun after a named person is that person.
    let pronoun = analysed.words.iter().find(|(_, w)| *w == Word::Pronoun).map(|(hit, _)| hit.start);
    if let Some(pronoun) = pronoun
        && !analysed.mentions.iter().any(|m| m.end <= pronoun && m.form != crate::mention::MentionForm::Adjective)
    {
        return earlier.next().copied().into_iter().collect();
    }
    Vec::new()
}
