//! Leader facts: (person, state, role) that the text states, from titles and appositions
//! (`mention.rs` ties them) and from persons of the leader files named in the text, with the
//! office they held at the document date ("Putin" in 2023: President of Russia).
//!
//! A former office counts only when the text says so ("der damalige US-Präsident", "her
//! predecessor"). Offices of organisations (EU, UN, NATO) are not state offices and are left
//! out; so are titles marked `no` in `title.tsv` (officers, legislators, party figures), and
//! office holders the text does not name.

use crate::analysis::{Analysed, Context, Entities};
use crate::evidence;
use crate::lexicon::Word;
use crate::mention::MentionForm;
use geokg_model::{EntityKind, Leader};
use std::collections::BTreeMap;

/// Finds the leader facts of a document, in order of first mention.
pub(crate) fn leaders(context: &Context<'_>, entities: &mut Entities, sentences: &[Analysed]) -> Vec<Leader> {
    let mut found: Vec<(usize, usize, String, bool, geokg_model::Evidence)> = Vec::new();
    let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut push = |person: usize, state: usize, role: String, former: bool, analysed: &Analysed, rule: &str| {
        if let Some(existing) = index.get(&(person, state)).map(|&i| &mut found[i]) {
            // A stated current office beats an inferred former one.
            if existing.3 && !former {
                existing.2 = role;
                existing.3 = false;
            }
            return;
        }
        index.insert((person, state), found.len());
        found.push((person, state, role, former, evidence(context, analysed, rule, 0.8)));
    };
    for analysed in sentences {
        for holding in &analysed.holdings {
            if entities.kind(holding.state) == EntityKind::State {
                push(holding.person, holding.state, holding.role.clone(), holding.former, analysed, "leader.title");
            }
        }
        for mention in &analysed.mentions {
            if entities.kind(mention.entity) != EntityKind::Person || mention.form == MentionForm::Office {
                continue;
            }
            let Some(person) = entities.gazetteer_index(mention.entity) else { continue };
            if analysed.holdings.iter().any(|h| h.person == mention.entity) {
                continue;
            }
            let gazetteer = context.gazetteer;
            let is_state = |o: &&crate::gazetteer::Office| gazetteer.entities[o.state].kind == EntityKind::State;
            let current = gazetteer.offices_at(person, context.date).find(is_state);
            let former_cue = analysed.words.iter().any(|(hit, class)| {
                *class == Word::Former && hit.end <= mention.start && mention.start - hit.end <= 40
            });
            let office = match (current, context.date) {
                (Some(office), _) if !former_cue => Some((office, false)),
                (_, Some(date)) if former_cue => gazetteer
                    .offices_at(person, None)
                    .filter(is_state)
                    .filter(|o| o.ended_before(date))
                    .max_by_key(|o| o.end)
                    .map(|o| (o, true)),
                (Some(office), _) => Some((office, false)),
                _ => None,
            };
            if let Some((office, former)) = office {
                let state = entities.intern(context, office.state);
                push(mention.entity, state, office.role.clone(), former, analysed, "leader.gazetteer");
            }
        }
    }
    found
        .into_iter()
        .map(|(person, state, role, former, evidence)| Leader {
            person: entities.get(person).clone(),
            state: entities.get(state).clone(),
            role,
            former,
            evidence: vec![evidence],
        })
        .collect()
}
