//! `ontology/geokg.ttl` checked against the code: it parses, it declares every term `vocab` lists
//! and no `gk:` term the code does not know, it names each of geokg's own terms in English and
//! German, and it maps every status, category and role concept to CAMEO or PLOVER.
//!
//! Failures list every offending term, so one run shows everything a bad edit broke.

use geokg_model::rdf::{category_class, category_concept, status_concept};
use geokg_model::vocab::{self, gk, org, rdfs, schema, skos};
use geokg_model::{ONTOLOGY, Status, TransferCategory};
use oxrdf::{Literal, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxrdfio::{RdfFormat, RdfParser};
use std::collections::BTreeSet;

const RDFS_COMMENT: NamedNodeRef<'_> = oxrdf::vocab::rdfs::COMMENT;
const RDFS_SUB_CLASS_OF: NamedNodeRef<'_> = oxrdf::vocab::rdfs::SUB_CLASS_OF;
const SKOS_IN_SCHEME: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#inScheme");
const SKOS_SCOPE_NOTE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#scopeNote");
const SCHEMA_EVENT_STATUS_TYPE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://schema.org/EventStatusType");
const CAMEO_CODE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/geokg/ns#cameoCode");
const PLOVER_CODE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://w3id.org/geokg/ns#ploverCode");

/// Terms the ontology declares for its own use; the code never writes them.
const ONTOLOGY_ONLY: [NamedNodeRef<'_>; 2] = [CAMEO_CODE, PLOVER_CODE];

/// What a scope note says when a concept has no CAMEO or PLOVER counterpart.
const NO_CODE: &str = "no CAMEO or PLOVER code";

/// Every role concept `rdf::role_concept` can return.
const ROLES: [NamedNodeRef<'_>; 11] = [
    gk::HEAD_OF_STATE,
    gk::HEAD_OF_GOVERNMENT,
    gk::DEPUTY_HEAD,
    gk::FOREIGN_MINISTER,
    gk::DEFENCE_MINISTER,
    gk::MINISTER,
    gk::ADVISER,
    gk::SPOKESPERSON,
    gk::AMBASSADOR,
    gk::PARLIAMENT_PRESIDENT,
    gk::OTHER_OFFICE,
];

fn ontology() -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ONTOLOGY)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|error| panic!("ontology/geokg.ttl does not parse: {error}"))
}

fn subject_iri(quad: &Quad) -> Option<&str> {
    match &quad.subject {
        NamedOrBlankNode::NamedNode(node) => Some(node.as_str()),
        NamedOrBlankNode::BlankNode(_) => None,
    }
}

/// Every IRI that is the subject of a triple.
fn subjects(quads: &[Quad]) -> BTreeSet<&str> {
    quads.iter().filter_map(subject_iri).collect()
}

/// The objects of `subject predicate ?object`.
fn objects<'a>(quads: &'a [Quad], subject: &str, predicate: NamedNodeRef<'_>) -> Vec<&'a Term> {
    quads
        .iter()
        .filter(|quad| subject_iri(quad) == Some(subject) && quad.predicate == predicate)
        .map(|quad| &quad.object)
        .collect()
}

/// The literal objects of `subject predicate ?object`.
fn literals<'a>(quads: &'a [Quad], subject: &str, predicate: NamedNodeRef<'_>) -> Vec<&'a Literal> {
    objects(quads, subject, predicate)
        .into_iter()
        .filter_map(|term| match term {
            Term::Literal(literal) => Some(literal),
            _ => None,
        })
        .collect()
}

fn has_language(literals: &[&Literal], language: &str) -> bool {
    literals.iter().any(|literal| literal.language() == Some(language) && !literal.value().trim().is_empty())
}

fn has_triple(
    quads: &[Quad],
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    object: NamedNodeRef<'_>,
) -> bool {
    objects(quads, subject.as_str(), predicate).into_iter().any(|term| *term == Term::from(object))
}

/// The IRIs `?concept skos:inScheme scheme`.
fn concepts(quads: &[Quad], scheme: NamedNodeRef<'_>) -> BTreeSet<String> {
    quads
        .iter()
        .filter(|quad| quad.predicate == SKOS_IN_SCHEME && quad.object == Term::from(scheme))
        .filter_map(subject_iri)
        .map(str::to_owned)
        .collect()
}

fn iris<'a>(terms: impl IntoIterator<Item = NamedNodeRef<'a>>) -> BTreeSet<String> {
    terms.into_iter().map(|term| term.as_str().to_owned()).collect()
}

fn assert_none(problems: &[String], what: &str) {
    assert!(problems.is_empty(), "ontology/geokg.ttl: {what}:\n  {}", problems.join("\n  "));
}

#[test]
fn parses() {
    assert!(!ontology().is_empty(), "ontology/geokg.ttl has no triples");
}

#[test]
fn declares_every_vocab_term() {
    let quads = ontology();
    let declared = subjects(&quads);
    let missing: Vec<String> = vocab::all_terms()
        .into_iter()
        .filter(|term| !declared.contains(term.as_str()))
        .map(|term| term.to_string())
        .collect();
    assert_none(&missing, "these terms of geokg_model::vocab are not the subject of any triple");
}

#[test]
fn mentions_no_own_term_the_code_does_not_know() {
    let quads = ontology();
    let known = iris(gk::ALL.iter().copied().chain(ONTOLOGY_ONLY));
    let mut unknown = BTreeSet::new();
    for quad in &quads {
        let object = match &quad.object {
            Term::NamedNode(node) => Some(node.as_str()),
            _ => None,
        };
        for iri in [subject_iri(quad), Some(quad.predicate.as_str()), object].into_iter().flatten() {
            if iri.starts_with(gk::NS) && !known.contains(iri) {
                unknown.insert(format!("<{iri}>"));
            }
        }
    }
    let unknown: Vec<String> = unknown.into_iter().collect();
    assert_none(&unknown, "these gk: terms are not in geokg_model::vocab::gk (a typo, or a missing constant)");
}

#[test]
fn names_every_own_term_in_english_and_german() {
    let quads = ontology();
    let mut problems = Vec::new();
    for subject in subjects(&quads).into_iter().filter(|subject| subject.starts_with(gk::NS)) {
        let mut labels = literals(&quads, subject, rdfs::LABEL);
        labels.extend(literals(&quads, subject, skos::PREF_LABEL));
        for language in ["en", "de"] {
            if !has_language(&labels, language) {
                problems.push(format!("<{subject}> has no rdfs:label or skos:prefLabel in `{language}`"));
            }
        }
        if !has_language(&literals(&quads, subject, RDFS_COMMENT), "en") {
            problems.push(format!("<{subject}> has no rdfs:comment in `en`"));
        }
    }
    assert_none(&problems, "terms lack a name or a comment");
}

#[test]
fn maps_every_concept_to_cameo_or_plover() {
    let quads = ontology();
    let mut problems = Vec::new();
    for scheme in [gk::STATUS_SCHEME, gk::TRANSFER_CATEGORY_SCHEME, gk::ROLE_SCHEME] {
        let concepts = concepts(&quads, scheme);
        if concepts.is_empty() {
            problems.push(format!("{scheme} has no concepts"));
        }
        for concept in &concepts {
            let cameo = literals(&quads, concept, CAMEO_CODE);
            let plover = literals(&quads, concept, PLOVER_CODE);
            let notes = literals(&quads, concept, SKOS_SCOPE_NOTE);
            if !has_language(&notes, "en") {
                problems.push(format!("<{concept}> has no skos:scopeNote in `en` explaining its mapping"));
            }
            let says_none = notes.iter().any(|note| note.value().contains(NO_CODE));
            if cameo.is_empty() && plover.is_empty() && !says_none {
                problems.push(format!(
                    "<{concept}> has no gk:cameoCode, no gk:ploverCode and no scope note saying \"{NO_CODE}\""
                ));
            }
        }
    }
    assert_none(&problems, "concepts are not mapped to CAMEO or PLOVER");
}

#[test]
fn maps_every_meeting_kind_to_cameo_and_codes_are_well_formed() {
    let quads = ontology();
    let mut problems: Vec<String> = [gk::MEETING, gk::VISIT, gk::SUMMIT, gk::TALKS, gk::PHONE_CALL]
        .into_iter()
        .filter(|class| literals(&quads, class.as_str(), CAMEO_CODE).is_empty())
        .map(|class| format!("{class} has no gk:cameoCode"))
        .collect();
    for quad in &quads {
        let Term::Literal(code) = &quad.object else {
            continue;
        };
        let subject = subject_iri(quad).unwrap_or("a blank node");
        let code = code.value();
        if quad.predicate == CAMEO_CODE {
            // Event codes are 3 or 4 digits ("042", "0332"), actor role codes 3 capitals ("GOV").
            let event = matches!(code.len(), 3 | 4) && code.bytes().all(|byte| byte.is_ascii_digit());
            let role = code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_uppercase());
            if !event && !role {
                problems.push(format!("<{subject}> has a malformed CAMEO code {code:?}"));
            }
        } else if quad.predicate == PLOVER_CODE
            && (code.is_empty() || !code.bytes().all(|byte| byte.is_ascii_uppercase()))
        {
            problems.push(format!("<{subject}> has a malformed PLOVER code {code:?}"));
        }
    }
    assert_none(&problems, "CAMEO or PLOVER codes are missing or malformed");
}

#[test]
fn schemes_hold_the_concepts_the_code_writes() {
    let quads = ontology();
    let expected = [
        (gk::STATUS_SCHEME, iris(Status::ALL.map(status_concept))),
        (gk::TRANSFER_CATEGORY_SCHEME, iris(TransferCategory::ALL.map(category_concept))),
        (gk::ROLE_SCHEME, iris(ROLES)),
    ];
    let mut problems = Vec::new();
    for (scheme, expected) in expected {
        let found = concepts(&quads, scheme);
        for concept in expected.difference(&found) {
            problems.push(format!("<{concept}> is not skos:inScheme {scheme}"));
        }
        for concept in found.difference(&expected) {
            problems.push(format!("<{concept}> is in {scheme} but the code never writes it"));
        }
    }
    for status in Status::ALL {
        if !has_triple(&quads, status_concept(status), vocab::RDF_TYPE, SCHEMA_EVENT_STATUS_TYPE) {
            problems.push(format!("{} is not a schema:EventStatusType", status_concept(status)));
        }
    }
    for role in ROLES {
        if !has_triple(&quads, role, vocab::RDF_TYPE, org::ROLE) {
            problems.push(format!("{role} is not an org:Role"));
        }
    }
    assert_none(&problems, "concept schemes disagree with geokg_model::rdf");
}

#[test]
fn class_hierarchy_matches_the_types_the_data_writes() {
    let quads = ontology();
    let mut expected = vec![
        (gk::VISIT, gk::MEETING),
        (gk::SUMMIT, gk::MEETING),
        (gk::TALKS, gk::MEETING),
        (gk::MEETING, vocab::sem::EVENT),
        (gk::MEETING, schema::EVENT),
        (gk::PHONE_CALL, vocab::sem::EVENT),
        (gk::PHONE_CALL, schema::EVENT),
        (gk::TRANSFER, vocab::sem::EVENT),
        (gk::TRANSFER, schema::EVENT),
        (gk::OFFICE_HOLDING, org::MEMBERSHIP),
    ];
    expected.extend(TransferCategory::ALL.map(|category| (category_class(category), gk::TRANSFER)));
    let mut problems: Vec<String> = expected
        .into_iter()
        .filter(|(class, parent)| !has_triple(&quads, *class, RDFS_SUB_CLASS_OF, *parent))
        .map(|(class, parent)| format!("{class} is not rdfs:subClassOf {parent}"))
        .collect();
    // "A call by phone or video; not a meeting."
    if has_triple(&quads, gk::PHONE_CALL, RDFS_SUB_CLASS_OF, gk::MEETING) {
        problems.push(format!("{} must not be rdfs:subClassOf {}", gk::PHONE_CALL, gk::MEETING));
    }
    assert_none(&problems, "the class hierarchy disagrees with the types geokg_model::rdf writes");
}
