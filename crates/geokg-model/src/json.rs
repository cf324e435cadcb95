//! The JSON of `CONTRACT.md`: what `geokg extract --format json` prints, and the objects of the
//! store's listings. Fields may be added; none of the contract's may be renamed or dropped.

use crate::{Entity, EntityKind, Extraction, Leader, Meeting, PartialDate, Status, Transfer, TransferCategory};
use serde::Serialize;

/// An entity as the contract prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EntityJson {
    /// The IRI.
    pub id: String,
    /// The English canonical name.
    pub label: String,
    /// `person`, `state`, `organization`, `place` or `other`.
    pub kind: EntityKind,
    /// The Wikidata id, or null.
    pub wikidata: Option<String>,
}

impl From<&Entity> for EntityJson {
    fn from(entity: &Entity) -> Self {
        Self {
            id: entity.id.clone(),
            label: entity.label.clone(),
            kind: entity.kind,
            wikidata: entity.wikidata.clone(),
        }
    }
}

/// Where a merged fact was read: the document and its sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SourceJson {
    /// The document's source (URL or path).
    pub document: String,
    /// The sentence.
    pub evidence: String,
}

/// A meeting object. In `extract` output it has `evidence`; in listings, `sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingJson {
    /// The graph IRI of the event.
    pub id: String,
    /// `meeting`, `visit`, `summit`, `talks` or `phone-call`.
    pub kind: &'static str,
    /// The participants.
    pub participants: Vec<EntityJson>,
    /// The visitor, where stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visitor: Option<EntityJson>,
    /// The host, where stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<EntityJson>,
    /// The place, or null.
    pub place: Option<EntityJson>,
    /// The date, or null.
    pub date: Option<PartialDate>,
    /// The status.
    pub status: Status,
    /// The first sentence mentioning it (extract output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Every document and sentence supporting it (listings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceJson>>,
}

impl From<&Meeting> for MeetingJson {
    fn from(meeting: &Meeting) -> Self {
        Self {
            id: meeting.iri(),
            kind: meeting.kind.as_str(),
            participants: meeting.participants.iter().map(EntityJson::from).collect(),
            visitor: meeting.visitor.as_ref().map(EntityJson::from),
            host: meeting.host.as_ref().map(EntityJson::from),
            place: meeting.place.as_ref().map(EntityJson::from),
            date: meeting.date,
            status: meeting.status,
            evidence: Some(meeting.evidence.first().map(|e| e.sentence.clone()).unwrap_or_default()),
            sources: None,
        }
    }
}

/// A transfer object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransferJson {
    /// The graph IRI of the event.
    pub id: String,
    /// Who gives.
    pub supplier: EntityJson,
    /// Who receives.
    pub recipient: EntityJson,
    /// The goods as named.
    pub item: String,
    /// The category.
    pub category: TransferCategory,
    /// The status.
    pub status: Status,
    /// The date, or null.
    pub date: Option<PartialDate>,
    /// The first sentence mentioning it (extract output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Every document and sentence supporting it (listings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceJson>>,
}

impl From<&Transfer> for TransferJson {
    fn from(transfer: &Transfer) -> Self {
        Self {
            id: transfer.iri(),
            supplier: EntityJson::from(&transfer.supplier),
            recipient: EntityJson::from(&transfer.recipient),
            item: transfer.item.clone(),
            category: transfer.category,
            status: transfer.status,
            date: transfer.date,
            evidence: Some(transfer.evidence.first().map(|e| e.sentence.clone()).unwrap_or_default()),
            sources: None,
        }
    }
}

/// A leader object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaderJson {
    /// The person.
    pub person: EntityJson,
    /// The state.
    pub state: EntityJson,
    /// The office, with ` (former)` for former holders.
    pub role: String,
    /// The first sentence stating it (extract output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Every document and sentence supporting it (listings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceJson>>,
}

impl From<&Leader> for LeaderJson {
    fn from(leader: &Leader) -> Self {
        Self {
            person: EntityJson::from(&leader.person),
            state: EntityJson::from(&leader.state),
            role: leader.role_label(),
            evidence: Some(leader.evidence.first().map(|e| e.sentence.clone()).unwrap_or_default()),
            sources: None,
        }
    }
}

/// The document header of `extract` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentJson {
    /// Where it came from.
    pub source: String,
    /// The language.
    pub language: String,
    /// The publication date, or null.
    pub published: Option<PartialDate>,
    /// The title, or null.
    pub title: Option<String>,
}

/// The whole `geokg extract --format json` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractionJson {
    /// The document.
    pub document: DocumentJson,
    /// Every entity a fact mentions.
    pub entities: Vec<EntityJson>,
    /// Meetings (never phone calls).
    pub meetings: Vec<MeetingJson>,
    /// Transfers.
    pub transfers: Vec<TransferJson>,
    /// Leader roles.
    pub leaders: Vec<LeaderJson>,
    /// Phone and video calls, which are not meetings.
    pub phone_calls: Vec<MeetingJson>,
    /// What the extractor wants a person to know.
    pub notes: Vec<String>,
}

impl Extraction {
    /// The contract's JSON object for this extraction.
    #[must_use]
    pub fn to_json(&self) -> ExtractionJson {
        ExtractionJson {
            document: DocumentJson {
                source: self.document.source.clone(),
                language: self.document.language.clone(),
                published: self.document.published,
                title: self.document.title.clone(),
            },
            entities: self.entities.iter().map(EntityJson::from).collect(),
            meetings: self.meetings.iter().filter(|m| m.kind.is_meeting()).map(MeetingJson::from).collect(),
            transfers: self.transfers.iter().map(TransferJson::from).collect(),
            leaders: self.leaders.iter().map(LeaderJson::from).collect(),
            phone_calls: self.meetings.iter().filter(|m| !m.kind.is_meeting()).map(MeetingJson::from).collect(),
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentInfo, Evidence, MeetingKind};

    #[test]
    fn extraction_json_has_the_contract_keys_and_no_phone_calls_among_meetings() {
        let putin = Entity::new("Vladimir Putin", EntityKind::Person, Some("Q7747"));
        let kim = Entity::new("Kim Jong Un", EntityKind::Person, Some("Q56226"));
        let evidence =
            Evidence { sentence: "Putin traf Kim.".into(), start: 0, end: 15, rule: "test".into(), confidence: 0.9 };
        let meeting = Meeting {
            kind: MeetingKind::Meeting,
            participants: vec![putin.clone(), kim.clone()],
            visitor: None,
            host: None,
            place: None,
            date: "2019-04".parse().ok(),
            status: Status::Occurred,
            evidence: vec![evidence],
        };
        let call = Meeting { kind: MeetingKind::PhoneCall, ..meeting.clone() };
        let mut extraction = Extraction {
            document: DocumentInfo { source: "x.txt".into(), language: "de".into(), published: None, title: None },
            meetings: vec![meeting, call],
            ..Extraction::default()
        };
        extraction.collect_entities();
        let json = serde_json::to_value(extraction.to_json()).unwrap();
        for key in ["document", "entities", "meetings", "transfers", "leaders"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["meetings"].as_array().unwrap().len(), 1);
        assert_eq!(json["phone_calls"].as_array().unwrap().len(), 1);
        let meeting = &json["meetings"][0];
        assert_eq!(meeting["date"], "2019-04");
        assert_eq!(meeting["status"], "occurred");
        assert_eq!(meeting["evidence"], "Putin traf Kim.");
        assert_eq!(meeting["participants"][0]["wikidata"], "Q7747");
        assert_eq!(meeting["participants"][1]["kind"], "person");
        assert_eq!(json["entities"].as_array().unwrap().len(), 2);
    }
}
