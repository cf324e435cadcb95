#![doc = include_str!("../README.md")]

mod date;
mod fact;
pub mod iri;
pub mod json;
pub mod rdf;
pub mod read;
pub mod vocab;

pub use date::{DateError, PartialDate, days_in_month};
pub use fact::{
    Document, DocumentInfo, Entity, EntityKind, Evidence, Extraction, Leader, Meeting, MeetingKind, Status, Transfer,
    TransferCategory,
};
pub use rdf::{DocumentRecord, FetchRecord};
pub use read::{Facts, FactsMerger, Source, Sourced};

/// The version of geokg's extraction rules, recorded with every ingested document.
pub const EXTRACTOR_VERSION: &str = concat!("geokg-extract ", env!("CARGO_PKG_VERSION"));

/// The ontology (`ontology/geokg.ttl`): classes, properties and concept schemes, in Turtle.
pub const ONTOLOGY: &str = include_str!("../../../ontology/geokg.ttl");
