//! Transfers of arms, technology, money, aid and energy: a trigger (`transfer.tsv`) in a
//! clause, the items there (`item.tsv`) and their categories, and the direction read from
//! the clause's structure.
//!
//! Direction: "von"/"aus"/"from" mark the supplier and "an"/"to" the recipient; "in" marks
//! the seller for buying ("im Iran Drohnen gekauft") and the destination otherwise ("arrived
//! in Turkey"); "mit" marks the other side of a deal. Unmarked actors fill the subject first:
//! the supplier of "liefern" ("Nordkorea könnte Russland Munition liefern"), the recipient of
//! "kaufen"; the next unmarked actor takes the other side. A side the clause leaves open is
//! the partner of the same actor in the transfer just before ("von Russland Technik erhalten"
//! after "Nordkorea könnte Russland … liefern").

use crate::analysis::{Analysed, Context, Entities};
use crate::evidence;
use crate::lexicon::{Direction, Word};
use crate::matcher::Hit;
use crate::meeting::{after_word, date_and_status, is_currency, stances};
use crate::mention::MentionForm;
use geokg_model::{EntityKind, Status, Transfer, TransferCategory};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
struct Draft {
    supplier: usize,
    recipient: usize,
    items: Vec<String>,
    category: TransferCategory,
    status: Status,
    date: Option<geokg_model::PartialDate>,
    evidence: Vec<geokg_model::Evidence>,
    sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Supplier,
    Recipient,
    Subject,
    Partner,
}

/// The whole word(s) around a hit: "Artilleriemunition" for the hit "munition".
fn phrase(text: &str, start: usize, end: usize) -> String {
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let from = text[..start].char_indices().rev().take_while(|&(_, c)| is_word(c)).last().map_or(start, |(i, _)| i);
    let to = text[end..].char_indices().find(|&(_, c)| !is_word(c)).map_or(text.len(), |(i, _)| end + i);
    text[from..to].to_owned()
}

fn is_capital(context: &Context<'_>, entities: &Entities, place: usize) -> bool {
    entities.gazetteer_index(place).is_some_and(|g| context.gazetteer.capital_of.values().any(|&c| c == g))
}

/// Holds the subject's place for a pronoun; never a side of a transfer.
const PLACEHOLDER: usize = usize::MAX;

// "the Spanish government has approved a shipment": a state adjective before these words
// names the supplier.
const GOVERNMENT: &[&str] = &["government", "regierung", "ministry", "ministerium", "army", "armee", "military"];

fn words(text: &str, a: usize, b: usize) -> usize {
    if a >= b { 0 } else { text[a..b].split_whitespace().count() }
}

// "was delivered", "geliefert werden": the subject of a passive is the goods, not a side.
const PASSIVE: &[&str] = &["was", "were", "been", "be", "is", "are", "being", "wurde", "wurden", "werden", "worden"];

fn is_passive(text: &str, start: usize, end: usize) -> bool {
    let before = crate::sentence::word_before(text, start).to_lowercase();
    let after = text[end..].split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',']).to_lowercase();
    PASSIVE.contains(&before.as_str()) || matches!(after.as_str(), "werden" | "worden" | "wurde" | "wurden")
}

/// Items and their categories in `span`: (category, phrases).
fn categories(
    context: &Context<'_>,
    analysed: &Analysed,
    span: (usize, usize),
) -> Vec<(TransferCategory, Vec<String>)> {
    let mut categories: Vec<(TransferCategory, Vec<String>)> = Vec::new();
    for (item, category) in analysed.items.iter().filter(|(h, _)| h.start >= span.0 && h.end <= span.1) {
        let text = phrase(context.text, item.start, item.end);
        match categories.iter_mut().find(|(c, _)| c == category) {
            Some((_, items)) if !items.contains(&text) => items.push(text),
            Some(_) => {}
            None => categories.push((*category, vec![text])),
        }
    }
    if categories.iter().any(|(c, _)| *c == TransferCategory::MilitaryTechnology) {
        categories.retain(|(c, _)| *c != TransferCategory::Technology);
    }
    categories
}

/// Finds the transfers of a document.
// One pass over a sentence's mentions whose steps share their state; split, it would pass
// that state around in a struct of its own.
#[allow(clippy::too_many_lines)]
pub(crate) fn transfers(context: &Context<'_>, entities: &mut Entities, sentences: &[Analysed]) -> Vec<Transfer> {
    let mut drafts: Vec<Draft> = Vec::new();
    // (state, sentence it was last named in)
    let mut topics: Vec<(usize, usize)> = Vec::new();
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for (number, analysed) in sentences.iter().enumerate() {
        let stances = if analysed.transfer.is_empty() { Vec::new() } else { stances(context, entities, analysed) };
        let mut done = Vec::new();
        for &(first, _) in analysed.transfer.iter().take(8) {
            let sentence = (analysed.sentence.start, analysed.sentence.end);
            let clause = analysed.clause(first.start);
            if done.contains(&clause) {
                continue;
            }
            done.push(clause);
            // Of several triggers in a clause, the one nearest the goods speaks of them.
            let distance = |h: &Hit| {
                analysed
                    .items
                    .iter()
                    .filter(|(i, _)| i.start >= clause.0 && i.end <= clause.1)
                    .map(|(i, _)| if i.start >= h.end { i.start - h.end } else { h.start.saturating_sub(i.end) })
                    .min()
                    .unwrap_or(usize::MAX)
            };
            let Some(&(hit, word)) = analysed
                .transfer
                .iter()
                .filter(|(h, _)| h.start >= clause.0 && h.end <= clause.1)
                .min_by_key(|(h, w)| (distance(h), w.category.is_none(), h.start))
            else {
                continue;
            };
            // Items of the clause, else of the sentence ("Panzer ersetzen, die Spanien an die
            // Ukraine weitergegeben hat"), else the trigger's own category.
            let mut categories = categories(context, analysed, clause);
            if categories.is_empty() {
                categories = self::categories(context, analysed, sentence);
            }
            if categories.is_empty()
                && let Some(category) = word.category
            {
                categories.push((category, vec![phrase(context.text, hit.start, hit.end)]));
            }
            if categories.is_empty() {
                continue;
            }
            let in_clause = |m: &crate::mention::Mention| m.start >= clause.0 && m.end <= clause.1;
            let mut scope = clause;
            // "die Pipeline, die von Norwegen nach Polen führen soll": the
            // sides may stand in the relative clause after the trigger's clause.
            if !stances.iter().any(|&(i, ..)| in_clause(&analysed.mentions[i])) && clause.1 < sentence.1 {
                scope = analysed.clause(clause.1 + 1);
                scope.0 = clause.0;
            }
            let passive = is_passive(context.text, hit.start, hit.end);
            let mut sides: Vec<(usize, Side, bool)> = Vec::new();
            let mut previous_end: Option<(usize, Side, bool)> = None;
            // "wenn es Syrien mit Waffen beliefere": a pronoun holds the subject's place.
            // Only as the clause's subject, right after its conjunction ("verbietet es Chile" is
            // no subject).
            let placeholder = analysed
                .words
                .iter()
                .find(|(w, class)| {
                    *class == Word::Placeholder
                        && w.start >= scope.0
                        && w.end <= hit.start
                        && context.text[scope.0..w.start]
                            .split_whitespace()
                            .filter(|t| t.chars().any(char::is_alphabetic))
                            .count()
                            <= 1
                })
                .map(|(w, _)| w.start);
            let mut placed = false;
            for &(index, entity, actor) in &stances {
                let mention = &analysed.mentions[index];
                if mention.start < scope.0 || mention.end > scope.1 {
                    continue;
                }
                if !placed && placeholder.is_some_and(|p| p < mention.start) {
                    sides.push((PLACEHOLDER, Side::Subject, false));
                    placed = true;
                }
                let entity = match entities.kind(entity) {
                    EntityKind::Person => match entities.state(entity) {
                        Some(state) => state,
                        None => continue,
                    },
                    // "at the University of Breslau": a town is where, not who; a capital is its state.
                    EntityKind::Place if !actor => match entities.state(entity) {
                        Some(state) if is_capital(context, entities, entity) => state,
                        _ => continue,
                    },
                    _ => entity,
                };
                let marked = |classes: &[Word]| after_word(context, analysed, mention, classes);
                let listed = previous_end.filter(|&(end, ..)| {
                    matches!(context.text[end..mention.start].trim(), "and" | "und" | "," | "sowie" | "et" | "y")
                });
                let (side, weak) = if let Some((_, side, weak)) = listed {
                    // "Chile and Peru": a list shares its first member's side.
                    (side, weak)
                } else if marked(&[Word::From]) {
                    (Side::Supplier, false)
                } else if marked(&[Word::To]) {
                    (Side::Recipient, false)
                } else if marked(&[Word::In]) {
                    (if word.direction == Direction::Get { Side::Supplier } else { Side::Recipient }, true)
                } else if marked(&[Word::With]) {
                    (Side::Partner, false)
                } else {
                    (Side::Subject, false)
                };
                previous_end = Some((mention.end, side, weak));
                if !sides.iter().any(|(e, ..)| *e == entity) {
                    sides.push((entity, side, weak));
                }
            }
            let of = |wanted: Side, weak: bool| -> Vec<usize> {
                sides.iter().filter(|(_, s, w)| *s == wanted && *w == weak).map(|(e, ..)| *e).collect()
            };
            let mut suppliers = of(Side::Supplier, false);
            let mut recipients = of(Side::Recipient, false);
            let mut unmarked = of(Side::Subject, false);
            // "sanctions on Egypt for buying jets": a gerund's subject is the actor just
            // before it; so is an infinitive's ("urged Egypt to buy the Rafale").
            let before = crate::sentence::word_before(context.text, hit.start);
            let gerund = (context.text[hit.start..hit.end].ends_with("ing")
                && matches!(before, "for" | "of" | "by" | "after" | "before" | "from" | "about"))
                || matches!(before, "to" | "zu");
            if gerund
                && let Some(position) = stances
                    .iter()
                    .rev()
                    .filter(|&&(i, ..)| analysed.mentions[i].end <= hit.start && analysed.mentions[i].start >= scope.0)
                    .find_map(|&(_, e, _)| unmarked.iter().position(|&u| u == e || entities.state(e) == Some(u)))
            {
                let subject = unmarked.remove(position);
                unmarked.insert(0, subject);
            }
            let partners = of(Side::Partner, false);
            match (word.direction, passive) {
                // The second unmarked actor takes the other side only when no preposition names
                // it ("asylum to Kenyan officers after the Chinese offer").
                (Direction::Give, false) => {
                    suppliers.extend(unmarked.first());
                    if recipients.is_empty() {
                        recipients.extend(unmarked.iter().skip(1));
                    }
                    recipients.extend(&partners);
                }
                (Direction::Get, false) => {
                    recipients.extend(unmarked.first());
                    if suppliers.is_empty() {
                        suppliers.extend(unmarked.iter().skip(1));
                    }
                    suppliers.extend(&partners);
                }
                // "Gaslieferungen aus Russland", "aid to Turkey": the unmarked side is whichever
                // the prepositions leave open.
                (Direction::Noun, false) if !suppliers.is_empty() => recipients.extend(unmarked.first()),
                (Direction::Noun, false) if !recipients.is_empty() => suppliers.extend(unmarked.first()),
                (Direction::Noun, false) => {}
                (_, true) => {
                    if recipients.is_empty() {
                        recipients.extend(unmarked.first());
                    }
                }
            }
            if suppliers.is_empty() {
                suppliers = of(Side::Supplier, true);
            }
            if recipients.is_empty() {
                recipients = of(Side::Recipient, true);
            }
            suppliers.retain(|s| !recipients.contains(s) && *s != PLACEHOLDER);
            recipients.retain(|r| *r != PLACEHOLDER);
            let weak_only = |list: &Vec<usize>| list.iter().all(|e| sides.iter().any(|(s, _, w)| s == e && *w));
            // "Russian S-400", "the Spanish government has approved a shipment": a state
            // adjective before the goods or the government names the supplier.
            let mut by_adjective = false;
            if suppliers.is_empty() {
                let before_goods = |m: &crate::mention::Mention| {
                    let next = context.text[m.end..scope.1].split_whitespace().next().unwrap_or("").to_lowercase();
                    GOVERNMENT.contains(&next.as_str())
                        || analysed
                            .items
                            .iter()
                            .chain(std::iter::once(&(hit, TransferCategory::Other)))
                            .any(|(h, _)| h.start >= m.end && words(context.text, m.end, h.start) <= 2)
                };
                let adjective = analysed.mentions.iter().find(|m| {
                    m.form == MentionForm::Adjective
                        && m.start >= scope.0
                        && m.end <= scope.1
                        && entities.kind(m.entity) == EntityKind::State
                        && !recipients.contains(&m.entity)
                        && before_goods(m)
                });
                suppliers.extend(adjective.map(|m| m.entity));
                by_adjective = !suppliers.is_empty();
            }
            // "French jets hit a weapons supply in a northern town": an adjective and an "in"
            // are too little to tell a transfer.
            if by_adjective && !recipients.is_empty() && weak_only(&recipients) {
                continue;
            }
            // A side known only from "in" is too weak to look up a partner by.
            let weak =
                (suppliers.is_empty() && weak_only(&recipients)) || (recipients.is_empty() && weak_only(&suppliers));
            let recent_topics: Vec<usize> = topics.iter().filter(|t| t.1 + 3 >= number).map(|t| t.0).collect();
            partner(&drafts, number, &recent_topics, &counts, weak, &mut suppliers, &mut recipients);
            if suppliers.is_empty() || recipients.is_empty() {
                continue;
            }
            let (date, status) = date_and_status(context, analysed, scope, hit.start, true);
            let supplier = suppliers[0];
            for &recipient in recipients.iter().filter(|&&r| r != supplier) {
                for (category, items) in &categories {
                    let draft = Draft {
                        supplier,
                        recipient,
                        items: items.clone(),
                        category: *category,
                        status,
                        date,
                        evidence: vec![evidence(context, analysed, "transfer.trigger", 0.6)],
                        sentence: number,
                    };
                    add(&mut drafts, draft);
                }
            }
        }
        // States the text is about, most recent last: who "das Land" and an unnamed buyer are.
        for mention in analysed.mentions.iter().filter(|m| m.form != MentionForm::Adjective && !is_currency(context, m))
        {
            if entities.kind(mention.entity) == EntityKind::State {
                topics.retain(|t| t.0 != mention.entity);
                topics.push((mention.entity, number));
                *counts.entry(mention.entity).or_insert(0) += 1;
            }
        }
        if topics.len() > 4 {
            topics.drain(..topics.len() - 4);
        }
    }
    drafts
        .into_iter()
        .map(|d| Transfer {
            supplier: entities.get(d.supplier).clone(),
            recipient: entities.get(d.recipient).clone(),
            item: d.items.join(", "),
            category: d.category,
            status: d.status,
            date: d.date,
            evidence: d.evidence,
        })
        .collect()
}

/// Fills an open side from the transfers just before that involve the known side, taking
/// the partner the text names most ("von Russland Technik erhalten" after "Nordkorea könnte
/// Russland … liefern"); else the state the text was just about ("Angeblich wurden im
/// Irak Gewehre gekauft" after sentences on Syria's war).
fn partner(
    drafts: &[Draft],
    sentence: usize,
    topics: &[usize],
    counts: &BTreeMap<usize, usize>,
    weak: bool,
    suppliers: &mut Vec<usize>,
    recipients: &mut Vec<usize>,
) {
    let recent = || drafts.iter().rev().take_while(|d| d.sentence + 8 >= sentence);
    // A side read only from "in" must keep the role it had before ("bei seinem Besuch in
    // Norwegen … Gaslieferungen" does not make Norway the buyer).
    let fill = |known: usize, known_supplies: bool, open: &mut Vec<usize>| {
        let involved = || recent().filter(|d| d.supplier == known || d.recipient == known);
        let best = involved()
            .filter(|d| !weak || (d.supplier == known) == known_supplies)
            .map(|d| if d.supplier == known { d.recipient } else { d.supplier })
            .max_by_key(|p| counts.get(p).copied().unwrap_or(0));
        match best {
            Some(partner) => open.push(partner),
            None if involved().next().is_none() => open.extend(topics.iter().rev().find(|&&t| t != known)),
            None => {}
        }
    };
    match (suppliers.is_empty(), recipients.is_empty()) {
        (true, false) => fill(recipients[0], false, suppliers),
        (false, true) => fill(suppliers[0], true, recipients),
        (true, true) => {
            // "Denkbar wäre auch humanitäre Hilfe": the same two sides as just before.
            if let Some(d) = drafts.last().filter(|d| d.sentence + 1 == sentence) {
                suppliers.push(d.supplier);
                recipients.push(d.recipient);
            }
        }
        (false, false) => {}
    }
}

fn add(drafts: &mut Vec<Draft>, draft: Draft) {
    // Only recent transfers are compared, so a huge document stays linear.
    let same = drafts.iter_mut().rev().take(64).find(|d| {
        d.supplier == draft.supplier
            && d.recipient == draft.recipient
            && d.category == draft.category
            && d.status == draft.status
    });
    match same {
        Some(target) => {
            for item in draft.items {
                if !target.items.contains(&item) {
                    target.items.push(item);
                }
            }
            target.date = target.date.or(draft.date);
            let room = crate::meeting::MAX_EVIDENCE.saturating_sub(target.evidence.len());
            target.evidence.extend(draft.evidence.into_iter().take(room));
            target.sentence = draft.sentence;
        }
        None => drafts.push(draft),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Extractor, render};

    fn facts(language: &str, text: &str) -> String {
        let document =
            Document::new(text).with_language(language).with_published("2023-09-11".parse().expect("a date"));
        render(&Extractor::default().extract(&document))
            .lines()
            .filter(|l| l.starts_with("transfer"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_subject_of_liefern_supplies_and_the_dative_receives() {
        insta::assert_snapshot!(facts("de", "Nordkorea könnte Russland Munition liefern."), @"transfer speculative North Korea -> Russia weapons «Munition»");
    }

    #[test]
    fn von_marks_the_supplier_of_erhalten() {
        insta::assert_snapshot!(facts("de", "Nordkorea könnte von Russland Raketentechnik erhalten."), @"transfer speculative Russia -> North Korea military-technology «Raketentechnik»");
    }

    #[test]
    fn a_noun_trigger_takes_its_sides_from_prepositions() {
        insta::assert_snapshot!(facts("de", "Polen sucht Ersatz für die ausbleibenden Öllieferungen aus Kasachstan."), @"transfer negated Kazakhstan -> Poland energy «Öllieferungen»");
    }

    #[test]
    fn a_passive_subject_is_not_the_supplier() {
        insta::assert_snapshot!(facts("en", "The Russian S-400 system was delivered to Turkey on Friday."), @"transfer occurred Russia -> Turkey weapons «S-400»");
    }

    #[test]
    fn a_gerund_takes_the_actor_before_it() {
        insta::assert_snapshot!(facts("en", "The United States sanctioned Turkey for buying missiles from Russia."), @"transfer occurred Russia -> Turkey weapons «missiles»");
    }

    #[test]
    fn a_list_of_recipients_shares_the_preposition() {
        insta::assert_snapshot!(facts("en", "The United States sent humanitarian aid to Turkey and Syria."), @r"
        transfer occurred United States -> Syria humanitarian «humanitarian aid»
        transfer occurred United States -> Turkey humanitarian «humanitarian aid»
        ");
    }

    #[test]
    fn a_pledge_is_planned() {
        insta::assert_snapshot!(facts("en", "Japan pledged $100 million in humanitarian aid to Ukraine."), @"transfer planned Japan -> Ukraine humanitarian «humanitarian aid»");
    }
}
