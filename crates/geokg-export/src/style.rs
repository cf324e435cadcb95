//! How things look, the same in every drawn format: colours by actor kind and relation, dashes
//! by status, and the short texts of labels and tooltips.
//!
//! Colours are the Okabe–Ito palette, which people with the common colour-vision deficiencies
//! can still tell apart.

use geokg_graph::{Relation, SubEdge};
use geokg_model::{EntityKind, Status};
use std::fmt::Write;

/// The fill of an actor of this kind.
pub(crate) fn kind_colour(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "#E69F00",
        EntityKind::State => "#0072B2",
        EntityKind::Organization => "#009E73",
        EntityKind::Place => "#CC79A7",
        EntityKind::Other => "#999999",
    }
}

/// The stroke of an edge of this relation.
pub(crate) fn relation_colour(relation: Relation) -> &'static str {
    match relation {
        Relation::Met => "#555555",
        Relation::Supplied => "#D55E00",
        Relation::Leads => "#56B4E9",
    }
}

/// How an edge's line is drawn: solid (occurred, holdings), dashed (planned, speculative),
/// dotted (alleged), or faint and dashed (negated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    Solid,
    Dashed,
    Dotted,
    Negated,
}

pub(crate) fn line(status: Option<Status>) -> Line {
    match status {
        None | Some(Status::Occurred) => Line::Solid,
        Some(Status::Planned | Status::Speculative) => Line::Dashed,
        Some(Status::Alleged) => Line::Dotted,
        Some(Status::Negated) => Line::Negated,
    }
}

impl Line {
    /// The SVG `stroke-dasharray`, if any.
    pub(crate) fn dasharray(self) -> Option<&'static str> {
        match self {
            Self::Solid => None,
            Self::Dashed => Some("6 4"),
            Self::Dotted => Some("1.5 3"),
            Self::Negated => Some("2 6"),
        }
    }

    /// Graphviz's `style`.
    pub(crate) fn dot_style(self) -> &'static str {
        match self {
            Self::Solid => "solid",
            Self::Dashed => "dashed",
            Self::Dotted | Self::Negated => "dotted",
        }
    }
}

/// What an edge says in a line: `met 2023-09-13 in Vladivostok (occurred, 2 sources)`.
pub(crate) fn edge_summary(edge: &SubEdge) -> String {
    let mut text = match edge.relation {
        Relation::Met => edge.kind.clone(),
        Relation::Supplied => format!("supplied {}", edge.item.as_deref().unwrap_or("")),
        Relation::Leads => {
            let role = edge.role.as_deref().unwrap_or("office");
            if edge.former { format!("former {role}") } else { role.to_owned() }
        }
    };
    if let Some(date) = edge.date {
        text.push(' ');
        text.push_str(&date.to_string());
    }
    if let Some(place) = &edge.place {
        text.push_str(" in ");
        text.push_str(place);
    }
    let sources = edge.sources.len();
    let noun = if sources == 1 { "source" } else { "sources" };
    let _ = match edge.status {
        Some(status) => write!(text, " ({}, {sources} {noun})", status.as_str()),
        None => write!(text, " ({sources} {noun})"),
    };
    text
}

/// The short label drawn on an edge: the item of a transfer, the date of a meeting, the role.
pub(crate) fn edge_label(edge: &SubEdge) -> String {
    match edge.relation {
        Relation::Met => edge.date.map(|d| d.to_string()).unwrap_or_default(),
        Relation::Supplied => edge.item.clone().unwrap_or_default(),
        Relation::Leads => edge.role.clone().unwrap_or_default(),
    }
}

/// The first sentence of each source, without repeats.
pub(crate) fn evidence(edge: &SubEdge) -> Vec<&str> {
    let mut sentences: Vec<&str> = Vec::new();
    for source in &edge.sources {
        if let Some(first) = source.evidence.first()
            && !sentences.contains(&first.as_str())
        {
            sentences.push(first);
        }
    }
    sentences
}
