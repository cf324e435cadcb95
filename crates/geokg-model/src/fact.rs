//! The facts geokg extracts and stores: entities, meetings, transfers and leader roles, each
//! with the evidence that supports it.
//!
//! Names follow `CONTRACT.md`: what is called `Meeting` there is `Meeting` here.

use crate::PartialDate;
use crate::iri;
use std::fmt;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named human being.
    Person,
    /// A sovereign state (or Taiwan, Kosovo, Palestine, the Vatican).
    State,
    /// An international organisation (UN, NATO, EU…) or another body.
    Organization,
    /// A city or region where something happens.
    Place,
    /// Anything else.
    Other,
}

impl EntityKind {
    /// The contract's word for the kind.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::State => "state",
            Self::Organization => "organization",
            Self::Place => "place",
            Self::Other => "other",
        }
    }

    /// Parses the contract's word for a kind.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "person" => Self::Person,
            "state" => Self::State,
            "organization" | "org" => Self::Organization,
            "place" => Self::Place,
            "other" => Self::Other,
            _ => return None,
        })
    }
}

/// A person, state, organisation or place, identified by an IRI in the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// The IRI in the graph, minted by [`iri::entity`].
    pub id: String,
    /// The English canonical name.
    pub label: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// The Wikidata id (`Q7747`), where known for sure.
    pub wikidata: Option<String>,
}

impl Entity {
    /// An entity with its IRI minted from the Wikidata id, else from kind and label.
    /// ```
    /// # use geokg_model::{Entity, EntityKind};
    /// let putin = Entity::new("Vladimir Putin", EntityKind::Person, Some("Q7747"));
    /// assert_eq!(putin.id, "https://w3id.org/geokg/id/person/Q7747");
    /// ```
    #[must_use]
    pub fn new(label: &str, kind: EntityKind, wikidata: Option<&str>) -> Self {
        Self {
            id: iri::entity(kind, wikidata, label),
            label: label.to_owned(),
            kind,
            wikidata: wikidata.map(str::to_owned),
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// What a text claims about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Asserted as having happened.
    Occurred,
    /// Announced or scheduled.
    Planned,
    /// Reported hearsay ("reportedly", "sollen … haben").
    Alleged,
    /// Might happen ("could", "könnte", "dürfte").
    Speculative,
    /// The text says it did not or will not happen.
    Negated,
}

impl Status {
    /// Every status, in the order of the contract.
    pub const ALL: [Self; 5] = [Self::Occurred, Self::Planned, Self::Alleged, Self::Speculative, Self::Negated];

    /// The contract's word for the status.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Occurred => "occurred",
            Self::Planned => "planned",
            Self::Alleged => "alleged",
            Self::Speculative => "speculative",
            Self::Negated => "negated",
        }
    }

    /// Parses the contract's word for a status.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is transferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransferCategory {
    /// Arms and ammunition.
    Weapons,
    /// Technology for weapons (missile, satellite, nuclear submarine technology).
    MilitaryTechnology,
    /// Civilian technology.
    Technology,
    /// Money, loans, economic help.
    Economic,
    /// Food, medicine, relief.
    Humanitarian,
    /// Gas, oil, electricity, fuel.
    Energy,
    /// Anything else.
    Other,
}

impl TransferCategory {
    /// Every category, in the order of the contract.
    pub const ALL: [Self; 7] = [
        Self::Weapons,
        Self::MilitaryTechnology,
        Self::Technology,
        Self::Economic,
        Self::Humanitarian,
        Self::Energy,
        Self::Other,
    ];

    /// The contract's word for the category.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weapons => "weapons",
            Self::MilitaryTechnology => "military-technology",
            Self::Technology => "technology",
            Self::Economic => "economic",
            Self::Humanitarian => "humanitarian",
            Self::Energy => "energy",
            Self::Other => "other",
        }
    }

    /// Parses the contract's word for a category.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|category| category.as_str() == text)
    }
}

impl fmt::Display for TransferCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of encounter a meeting is. A phone call is recorded, but is never a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum MeetingKind {
    /// Two or more actors meet; nothing more specific is said.
    #[default]
    Meeting,
    /// One actor travels to another.
    Visit,
    /// A meeting of leaders called a summit.
    Summit,
    /// Negotiations or talks.
    Talks,
    /// A call by phone or video: not a meeting.
    PhoneCall,
}

impl MeetingKind {
    /// A short lower-case name (`visit`, `phone-call`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Visit => "visit",
            Self::Summit => "summit",
            Self::Talks => "talks",
            Self::PhoneCall => "phone-call",
        }
    }

    /// Parses the short name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Meeting, Self::Visit, Self::Summit, Self::Talks, Self::PhoneCall]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// Whether this kind counts as a meeting (everything but a phone call).
    #[must_use]
    pub fn is_meeting(self) -> bool {
        self != Self::PhoneCall
    }
}

/// The sentence a fact was read from, where it stands, and how sure the rule was.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The sentence as it stands in the document.
    pub sentence: String,
    /// Offset of the sentence's first character in the document, in Unicode scalar values.
    pub start: usize,
    /// Offset just past the sentence's last character, in Unicode scalar values.
    pub end: usize,
    /// The id of the rule that produced the fact (`meeting.trigger.de`).
    pub rule: String,
    /// How sure the rule is, between 0 and 1.
    pub confidence: f32,
}

/// A meeting (or phone call) between two or more actors.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// Visit, summit, talks, a plain meeting, or a phone call.
    pub kind: MeetingKind,
    /// The most specific actors the text names, in order of appearance.
    pub participants: Vec<Entity>,
    /// The actor who travelled, where the text says.
    pub visitor: Option<Entity>,
    /// The actor who received the visitor, where the text says.
    pub host: Option<Entity>,
    /// Where it happened or will happen.
    pub place: Option<Entity>,
    /// When, as precise as the text allows.
    pub date: Option<PartialDate>,
    /// What the text claims about it.
    pub status: Status,
    /// Every sentence that mentions it, first the one that introduced it.
    pub evidence: Vec<Evidence>,
}

impl Meeting {
    /// The IRI of the event, from kind, participants, place and date.
    #[must_use]
    pub fn iri(&self) -> String {
        let mut participants: Vec<&str> = self.participants.iter().map(|e| e.id.as_str()).collect();
        participants.sort_unstable();
        participants.dedup();
        iri::event(
            if self.kind.is_meeting() { "meeting" } else { "call" },
            &participants,
            self.place.as_ref().map(|p| p.id.as_str()),
            self.date,
        )
    }
}

/// Goods, money or help going from a supplier to a recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// Who gives, sells or delivers.
    pub supplier: Entity,
    /// Who receives or buys.
    pub recipient: Entity,
    /// The goods as the text names them ("Artilleriemunition und Panzerabwehrraketen").
    pub item: String,
    /// What kind of goods.
    pub category: TransferCategory,
    /// What the text claims about it.
    pub status: Status,
    /// When, as precise as the text allows.
    pub date: Option<PartialDate>,
    /// Every sentence that mentions it, first the one that introduced it.
    pub evidence: Vec<Evidence>,
}

impl Transfer {
    /// The IRI of the event, from category, supplier, recipient and date.
    #[must_use]
    pub fn iri(&self) -> String {
        iri::event(
            &format!("transfer-{}", self.category.as_str()),
            &[self.supplier.id.as_str(), self.recipient.id.as_str()],
            None,
            self.date,
        )
    }
}

/// A person holding (or having held) an office of a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Leader {
    /// The office holder.
    pub person: Entity,
    /// The state whose office it is.
    pub state: Entity,
    /// The office in English ("President", "Foreign Minister").
    pub role: String,
    /// Whether the text speaks of a former holder ("der damalige US-Präsident").
    pub former: bool,
    /// The sentences that state it.
    pub evidence: Vec<Evidence>,
}

impl Leader {
    /// The role as the contract prints it: `President`, or `President (former)`.
    #[must_use]
    pub fn role_label(&self) -> String {
        if self.former { format!("{} (former)", self.role) } else { self.role.clone() }
    }

    /// The IRI of the office holding, from person, state and role (a former holding is its own node).
    #[must_use]
    pub fn iri(&self) -> String {
        iri::holding(&self.person.id, &self.state.id, &self.role_label())
    }
}

/// A text to extract facts from, with what is known about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The text as read: plain text, with page boilerplate possibly still in it.
    pub text: String,
    /// Where it came from: a URL, a path, or `-` for standard input.
    pub source: Option<String>,
    /// The title, where the source gave one.
    pub title: Option<String>,
    /// The language (ISO 639-1), where the source gave one.
    pub language: Option<String>,
    /// The publication date, where the source gave one; it anchors relative dates.
    pub published: Option<PartialDate>,
}

impl Document {
    /// A document of this text and nothing else known.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }

    /// Sets where the text came from.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Sets the title.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the language (ISO 639-1 code such as `de`).
    #[must_use]
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Sets the publication date.
    #[must_use]
    pub fn with_published(mut self, published: PartialDate) -> Self {
        self.published = Some(published);
        self
    }
}

/// What the extractor learnt about the document itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentInfo {
    /// Where the text came from.
    pub source: String,
    /// The language the rules were chosen for (ISO 639-1).
    pub language: String,
    /// The publication date used to anchor relative dates.
    pub published: Option<PartialDate>,
    /// The title.
    pub title: Option<String>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// The document's metadata as the extractor settled it.
    pub document: DocumentInfo,
    /// Every entity that a fact mentions, sorted by IRI.
    pub entities: Vec<Entity>,
    /// Meetings and phone calls, in order of first mention.
    pub meetings: Vec<Meeting>,
    /// Transfers, in order of first mention.
    pub transfers: Vec<Transfer>,
    /// Office holders, in order of first mention.
    pub leaders: Vec<Leader>,
    /// What the extractor wants a person to know (a fallback language, a dropped fact…).
    pub notes: Vec<String>,
}

impl Extraction {
    /// The number of facts: meetings (and calls), transfers and leader roles.
    #[must_use]
    pub fn n_facts(&self) -> usize {
        self.meetings.len() + self.transfers.len() + self.leaders.len()
    }

    /// Sorts and de-duplicates `entities` from what the facts mention.
    pub fn collect_entities(&mut self) {
        let mut entities: Vec<Entity> = Vec::new();
        for meeting in &self.meetings {
            entities.extend(meeting.participants.iter().cloned());
            entities.extend(meeting.place.iter().cloned());
        }
        for transfer in &self.transfers {
            entities.push(transfer.supplier.clone());
            entities.push(transfer.recipient.clone());
        }
        for leader in &self.leaders {
            entities.push(leader.person.clone());
            entities.push(leader.state.clone());
        }
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        entities.dedup_by(|a, b| a.id == b.id);
        self.entities = entities;
    }
}
