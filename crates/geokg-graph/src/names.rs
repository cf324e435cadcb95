//! Names as people type them: a label or alias in any language ("Wladimir Putin", "Poutine"), a
//! surname when only one actor bears it, a Wikidata id (`Q7747`) or an IRI; case and accents do
//! not matter.
//!
//! Labels come from the view; further aliases (the extractor's gazetteers) are handed in by the
//! caller, so this crate reads no data files. Only actors (graph nodes) are named, never places.

use crate::error::GraphError;
use crate::view::{NONE, View};
use std::collections::HashMap;

/// How many suggestions an unknown name returns at most.
const SUGGESTIONS: usize = 5;

/// The name index of a view.
///
/// ```
/// # use geokg_graph::{Names, View, synthetic};
/// let view = View::build(&synthetic::facts(30, 60, 10, 2, 1));
/// let names = Names::new(&view, [("Q1000000".to_owned(), "Staat Null".to_owned())]);
/// let node = names.resolve(&view, "staat null").unwrap();
/// assert_eq!(view.node(node as usize).unwrap().wikidata.as_deref(), Some("Q1000000"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Names {
    by_iri: HashMap<String, u32>,
    by_wikidata: HashMap<String, Vec<u32>>,
    by_name: HashMap<String, Vec<u32>>,
    /// Every folded name and alias with its node, sorted: surnames and suggestions scan it.
    all: Vec<(String, u32)>,
}

impl Names {
    /// Indexes the labels, Wikidata ids and IRIs of the view's actors, plus `extra_aliases`:
    /// pairs of (Wikidata id or IRI, alias). Aliases of unknown ids are ignored.
    pub fn new(view: &View, extra_aliases: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut names = Self::default();
        for node in 0..view.n_actors {
            let entity = view.entities[node as usize];
            names.by_iri.insert(view.str(entity.iri).to_owned(), node);
            if entity.wikidata != NONE {
                names.by_wikidata.entry(view.str(entity.wikidata).to_uppercase()).or_default().push(node);
            }
            names.add(view.label(node), node);
        }
        for (id, alias) in extra_aliases {
            let nodes = match names.by_iri.get(id.trim()) {
                Some(&node) => vec![node],
                None => names.by_wikidata.get(&id.trim().to_uppercase()).cloned().unwrap_or_default(),
            };
            for node in nodes {
                names.add(&alias, node);
            }
        }
        // Each list is sorted in place, so the order of visits does not matter.
        #[allow(clippy::iter_over_hash_type)]
        for nodes in names.by_name.values_mut() {
            nodes.sort_unstable();
            nodes.dedup();
        }
        names.all.sort_unstable();
        names.all.dedup();
        names
    }

    fn add(&mut self, name: &str, node: u32) {
        let folded = fold(name);
        if folded.is_empty() {
            return;
        }
        self.by_name.entry(folded.clone()).or_default().push(node);
        self.all.push((folded, node));
    }

    /// The node a name stands for.
    ///
    /// Tried in order: an IRI, a Wikidata id, a whole label or alias, the last words of a label
    /// or alias ("Putin", "Jong Un"), then any whole words of one ("Kim"). Several fitting actors give [`GraphError::Ambiguous`] with
    /// them all; none gives [`GraphError::Unknown`] with the closest names (edit distance on
    /// folded names).
    pub fn resolve(&self, view: &View, query: &str) -> Result<u32, GraphError> {
        let query = query.trim();
        if let Some(&node) = self.by_iri.get(query) {
            return Ok(node);
        }
        if let Some(nodes) = self.by_wikidata.get(&query.to_uppercase()) {
            return one(view, query, nodes);
        }
        let folded = fold(query);
        if folded.is_empty() {
            return Err(GraphError::Unknown { query: query.to_owned(), suggestions: Vec::new() });
        }
        if let Some(nodes) = self.by_name.get(&folded) {
            return one(view, query, nodes);
        }
        let suffix = format!(" {folded}");
        let mut nodes: Vec<u32> =
            self.all.iter().filter(|(name, _)| name.ends_with(&suffix)).map(|&(_, node)| node).collect();
        if nodes.is_empty() {
            // Family names come first in some languages: "Kim" is a word of "Kim Jong Un".
            let inner = format!(" {folded} ");
            nodes = self
                .all
                .iter()
                .filter(|(name, _)| format!(" {name} ").contains(&inner))
                .map(|&(_, node)| node)
                .collect();
        }
        nodes.sort_unstable();
        nodes.dedup();
        if !nodes.is_empty() {
            return one(view, query, &nodes);
        }
        Err(GraphError::Unknown {
            query: query.to_owned(),
            suggestions: self.closest(&folded).into_iter().map(|node| view.node_ref(node)).collect(),
        })
    }

    /// The nodes whose names (or last words of names) are nearest to `folded`, nearest first.
    fn closest(&self, folded: &str) -> Vec<u32> {
        let limit = (folded.chars().count() / 3).max(2);
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (name, node) in &self.all {
            // A word counts only when the query keeps some of it: "un" is not near "putn".
            let distance = std::iter::once(name.as_str())
                .chain(name.split(' '))
                .map(|word| (edit_distance(folded, word), word.chars().count()))
                .filter(|&(distance, length)| distance < length)
                .map(|(distance, _)| distance)
                .min()
                .unwrap_or(usize::MAX);
            if distance <= limit {
                scored.push((distance, *node));
            }
        }
        scored.sort_unstable();
        let mut nodes: Vec<u32> = Vec::new();
        for (_, node) in scored {
            if !nodes.contains(&node) {
                nodes.push(node);
            }
            if nodes.len() == SUGGESTIONS {
                break;
            }
        }
        nodes
    }
}

fn one(view: &View, query: &str, nodes: &[u32]) -> Result<u32, GraphError> {
    match nodes {
        [node] => Ok(*node),
        _ => Err(GraphError::Ambiguous {
            query: query.to_owned(),
            candidates: nodes.iter().map(|&node| view.node_ref(node)).collect(),
        }),
    }
}

/// Lower case without accents, punctuation as single spaces: `Kim Jong-un` → `kim jong un`.
pub(crate) fn fold(text: &str) -> String {
    if !text.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    geokg_model::iri::slug(text).replace('-', " ")
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{facts_of, met};
    use geokg_model::Facts;

    fn view() -> View {
        let facts: Facts = facts_of(
            &[
                met("Vladimir Putin", "Kim Jong Un", "2023-09", "occurred", 1),
                met("Recep Tayyip Erdoğan", "Kim Jong Un", "2023-10", "occurred", 1),
                met("Kim Yo Jong", "Moon Jae-in", "2018-02", "occurred", 1),
            ],
            &[],
            &[],
        );
        View::build(&facts)
    }

    fn names(view: &View) -> Names {
        let alias = |q: &str, a: &str| (q.to_owned(), a.to_owned());
        Names::new(view, [alias("Q7747", "Wladimir Putin"), alias("Q7747", "Poutine"), alias("Q404", "Nobody")])
    }

    fn label(view: &View, names: &Names, query: &str) -> String {
        match names.resolve(view, query) {
            Ok(node) => view.label(node).to_owned(),
            Err(GraphError::Ambiguous { candidates, .. }) => {
                format!("ambiguous: {}", candidates.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(", "))
            }
            Err(GraphError::Unknown { suggestions, .. }) => {
                format!("unknown: {}", suggestions.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(", "))
            }
            Err(other) => other.to_string(),
        }
    }

    #[test]
    fn names_resolve_across_languages_case_accents_ids_and_surnames() {
        let view = view();
        let names = names(&view);
        for query in [
            "Vladimir Putin",
            "wladimir putin",
            "POUTINE",
            "Putin",
            "Q7747",
            "q7747",
            "https://w3id.org/geokg/id/person/Q7747",
        ] {
            assert_eq!(label(&view, &names, query), "Vladimir Putin", "{query}");
        }
        assert_eq!(label(&view, &names, "erdogan"), "Recep Tayyip Erdoğan");
        assert_eq!(label(&view, &names, "Jong Un"), "Kim Jong Un");
        assert_eq!(label(&view, &names, "moon jae in"), "Moon Jae-in");
    }

    #[test]
    fn ambiguous_names_list_the_candidates_and_unknown_names_suggest() {
        let view = view();
        let names = names(&view);
        assert_eq!(label(&view, &names, "Kim"), "ambiguous: Kim Jong Un, Kim Yo Jong");
        assert_eq!(label(&view, &names, "Jong"), "Kim Yo Jong");
        assert_eq!(label(&view, &names, "Kimm Jong Un"), "unknown: Kim Jong Un");
        assert_eq!(label(&view, &names, "Putn"), "unknown: Vladimir Putin");
        assert_eq!(label(&view, &names, "Erdogan Recep"), "unknown: ");
        assert_eq!(label(&view, &names, "!!"), "unknown: ");
        assert_eq!(label(&view, &names, "Nobody"), "unknown: ");
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("putin", "putin"), 0);
        assert_eq!(edit_distance("putn", "putin"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("erdoğan", "erdogan"), 1);
    }
}
