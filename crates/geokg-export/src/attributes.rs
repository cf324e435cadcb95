//! The attributes of actors and facts that GraphML, GEXF and Cytoscape JSON carry, with their
//! types: one list, so the formats agree.

use crate::style::{edge_summary, evidence};
use geokg_graph::{SubEdge, SubNode};
use std::fmt;

/// The type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    String,
    Int,
    Boolean,
}

impl Type {
    pub(crate) fn graphml(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Int => "int",
            Self::Boolean => "boolean",
        }
    }

    pub(crate) fn gexf(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Int => "integer",
            Self::Boolean => "boolean",
        }
    }
}

/// A value of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    String(String),
    Int(usize),
    Boolean(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(text) => f.write_str(text),
            Self::Int(n) => write!(f, "{n}"),
            Self::Boolean(b) => write!(f, "{b}"),
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(text) => serializer.serialize_str(text),
            Self::Int(n) => serializer.serialize_u64(*n as u64),
            Self::Boolean(b) => serializer.serialize_bool(*b),
        }
    }
}

/// The attributes of actors.
pub(crate) const NODE_KEYS: &[(&str, Type)] = &[
    ("label", Type::String),
    ("kind", Type::String),
    ("wikidata", Type::String),
    ("iri", Type::String),
    ("degree", Type::Int),
];

/// The attributes of facts.
pub(crate) const EDGE_KEYS: &[(&str, Type)] = &[
    ("relation", Type::String),
    ("kind", Type::String),
    ("label", Type::String),
    ("date", Type::String),
    ("start", Type::String),
    ("end", Type::String),
    ("status", Type::String),
    ("place", Type::String),
    ("item", Type::String),
    ("category", Type::String),
    ("role", Type::String),
    ("former", Type::Boolean),
    ("sources", Type::Int),
    ("documents", Type::String),
    ("evidence", Type::String),
];

/// Separates documents and sentences in one attribute.
pub(crate) const SEPARATOR: &str = " | ";

/// An actor's attributes that have a value.
pub(crate) fn node_values(node: &SubNode) -> Vec<(&'static str, Value)> {
    let n = &node.node;
    let mut values =
        vec![("label", Value::String(n.label.clone())), ("kind", Value::String(n.kind.as_str().to_owned()))];
    if let Some(q) = &n.wikidata {
        values.push(("wikidata", Value::String(q.clone())));
    }
    values.push(("iri", Value::String(n.id.clone())));
    values.push(("degree", Value::Int(node.degree)));
    values
}

/// A fact's attributes that have a value.
pub(crate) fn edge_values(edge: &SubEdge) -> Vec<(&'static str, Value)> {
    let text = |s: &str| Value::String(s.to_owned());
    let mut values = vec![
        ("relation", text(edge.relation.as_str())),
        ("kind", text(&edge.kind)),
        ("label", Value::String(edge_summary(edge))),
    ];
    let dates = [("date", edge.date), ("start", edge.start), ("end", edge.end)];
    for (name, date) in dates {
        if let Some(date) = date {
            values.push((name, Value::String(date.to_string())));
        }
    }
    if let Some(status) = edge.status {
        values.push(("status", text(status.as_str())));
    }
    let optional = [("place", &edge.place), ("item", &edge.item), ("role", &edge.role)];
    for (name, value) in optional {
        if let Some(value) = value {
            values.push((name, text(value)));
        }
    }
    if let Some(category) = edge.category {
        values.push(("category", text(category.as_str())));
    }
    if edge.role.is_some() {
        values.push(("former", Value::Boolean(edge.former)));
    }
    values.push(("sources", Value::Int(edge.sources.len())));
    let documents: Vec<&str> = edge.sources.iter().map(|s| s.document.as_str()).collect();
    values.push(("documents", Value::String(documents.join(SEPARATOR))));
    values.push(("evidence", Value::String(evidence(edge).join(SEPARATOR))));
    // In the order of EDGE_KEYS, so files read the same from one run to the next.
    values.sort_by_key(|(name, _)| EDGE_KEYS.iter().position(|(key, _)| key == name));
    values
}
