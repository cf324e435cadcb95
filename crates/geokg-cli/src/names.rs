//! Names as people type them: any case or accents, a Wikidata id, an IRI, or a surname.

use geokg_model::Entity;

/// Lower case without accents, hyphens as spaces: `Erdoğan` → `erdogan`, `Kim Jong-un` → `kim jong un`.
pub(crate) fn fold(text: &str) -> String {
    geokg_model::iri::slug(text).replace('-', " ")
}

/// Whether `entity` is what `query` names: its label, Wikidata id, IRI, or last word of its label.
pub(crate) fn matches(entity: &Entity, query: &str) -> bool {
    let query = query.trim();
    if entity.id == query || entity.wikidata.as_deref().is_some_and(|qid| qid.eq_ignore_ascii_case(query)) {
        return true;
    }
    let (label, query) = (fold(&entity.label), fold(query));
    !query.is_empty() && (label == query || label.ends_with(&format!(" {query}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geokg_model::EntityKind;

    #[test]
    fn names_match_across_case_accents_ids_and_surnames() {
        let erdogan = Entity::new("Recep Tayyip Erdoğan", EntityKind::Person, Some("Q39259"));
        for query in ["recep tayyip erdogan", "Erdogan", "ERDOĞAN", "Q39259", "q39259", erdogan.id.as_str()] {
            assert!(matches(&erdogan, query), "{query}");
        }
        for query in ["Tayyip", "", "Q1", "dogan"] {
            assert!(!matches(&erdogan, query), "{query}");
        }
    }
}
