//! Every IRI the code writes, as constants. `ontology/geokg.ttl` declares each of them (a test
//! checks it): the vocabulary is ours where nothing established fits, and reuses SEM,
//! schema.org, W3C ORG, PROV-O, Web Annotation, SKOS and Dublin Core where something does.

use oxrdf::NamedNodeRef;

macro_rules! terms {
    ($(#[$module_doc:meta])* $module:ident, $base:literal, { $($(#[$doc:meta])* $name:ident = $local:literal,)* }) => {
        $(#[$module_doc])*
        pub mod $module {
            use super::NamedNodeRef;
            /// The namespace.
            pub const NS: &str = $base;
            $(
                $(#[$doc])*
                pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($base, $local));
            )*
            /// Every term above, for tests that check the ontology declares them.
            pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

terms!(
    /// geokg's own vocabulary.
    gk, "https://w3id.org/geokg/ns#", {
    /// A sovereign state.
    STATE = "State",
    /// A human being.
    PERSON = "Person",
    /// An international organisation or other body.
    ORGANIZATION = "Organization",
    /// A city or region.
    PLACE = "Place",
    /// Two or more actors meeting in person.
    MEETING = "Meeting",
    /// A meeting where one actor travels to another.
    VISIT = "Visit",
    /// A meeting of leaders called a summit.
    SUMMIT = "Summit",
    /// Negotiations.
    TALKS = "Talks",
    /// A call by phone or video; not a meeting.
    PHONE_CALL = "PhoneCall",
    /// Goods, money or help going from a supplier to a recipient.
    TRANSFER = "Transfer",
    /// A transfer of weapons.
    ARMS_TRANSFER = "ArmsTransfer",
    /// A transfer of military technology.
    MILITARY_TECHNOLOGY_TRANSFER = "MilitaryTechnologyTransfer",
    /// A transfer of civilian technology.
    TECHNOLOGY_TRANSFER = "TechnologyTransfer",
    /// Economic aid, loans, money.
    ECONOMIC_AID = "EconomicAid",
    /// Humanitarian aid.
    HUMANITARIAN_AID = "HumanitarianAid",
    /// Gas, oil, electricity.
    ENERGY_SUPPLY = "EnergySupply",
    /// Any other transfer.
    OTHER_TRANSFER = "OtherTransfer",
    /// What a transfer moves, as the text names it.
    ITEM = "Item",
    /// A person holding an office of a state.
    OFFICE_HOLDING = "OfficeHolding",
    /// A document geokg ingested; its IRI also names the graph of what it asserts.
    ARTICLE = "Article",
    /// A sentence span that supports a fact.
    EVIDENCE = "Evidence",
    /// An actor taking part in a meeting.
    PARTICIPANT = "participant",
    /// The participant who travelled.
    VISITOR = "visitor",
    /// The participant who received the visitor.
    HOST = "host",
    /// Who gives, sells or delivers.
    SUPPLIER = "supplier",
    /// Who receives or buys.
    RECIPIENT = "recipient",
    /// What is transferred.
    ITEM_PROPERTY = "item",
    /// The category concept of a transfer.
    CATEGORY = "category",
    /// Links a fact to the evidence supporting it.
    EVIDENCE_PROPERTY = "evidence",
    /// The id of the extraction rule that produced a fact.
    RULE = "rule",
    /// How sure the rule was, 0 to 1.
    CONFIDENCE = "confidence",
    /// The office as the text names it, in English.
    ROLE_LABEL = "roleLabel",
    /// Whether the text speaks of a former holder.
    FORMER = "former",
    /// Where a document came from: URL or path, as given.
    SOURCE = "source",
    /// SHA-256 of the document's text.
    CONTENT_HASH = "contentHash",
    /// When geokg ingested the document.
    INGESTED_AT = "ingestedAt",
    /// The version of the extractor that read the document.
    EXTRACTOR_VERSION = "extractorVersion",
    /// The store's revision: changes with every document geokg writes or removes.
    REVISION = "revision",
    /// The URL asked for when fetching the document.
    REQUESTED_URL = "requestedUrl",
    /// The HTTP status of the fetch.
    HTTP_STATUS = "httpStatus",
    /// When the document was fetched.
    FETCHED_AT = "fetchedAt",
    /// The `ETag` header of the fetch, for conditional requests.
    ETAG = "etag",
    /// The `Last-Modified` header of the fetch, for conditional requests.
    LAST_MODIFIED = "lastModified",
    /// The URL a fetched page names as its own (`<link rel="canonical">`).
    CANONICAL_URL = "canonicalUrl",
    /// Status concept: asserted as having happened.
    OCCURRED = "Occurred",
    /// Status concept: announced or scheduled.
    PLANNED = "Planned",
    /// Status concept: reported hearsay.
    ALLEGED = "Alleged",
    /// Status concept: might happen.
    SPECULATIVE = "Speculative",
    /// Status concept: did not or will not happen.
    NEGATED = "Negated",
    /// The scheme of status concepts.
    STATUS_SCHEME = "StatusScheme",
    /// Category concept: arms and ammunition.
    WEAPONS = "Weapons",
    /// Category concept: technology for weapons.
    MILITARY_TECHNOLOGY = "MilitaryTechnology",
    /// Category concept: civilian technology.
    TECHNOLOGY = "Technology",
    /// Category concept: money and economic help.
    ECONOMIC = "Economic",
    /// Category concept: relief.
    HUMANITARIAN = "Humanitarian",
    /// Category concept: energy.
    ENERGY = "Energy",
    /// Category concept: anything else.
    OTHER_GOODS = "OtherGoods",
    /// The scheme of transfer categories.
    TRANSFER_CATEGORY_SCHEME = "TransferCategoryScheme",
    /// Role concept: head of state.
    HEAD_OF_STATE = "HeadOfState",
    /// Role concept: head of government.
    HEAD_OF_GOVERNMENT = "HeadOfGovernment",
    /// Role concept: vice-president or deputy head.
    DEPUTY_HEAD = "DeputyHead",
    /// Role concept: foreign minister.
    FOREIGN_MINISTER = "ForeignMinister",
    /// Role concept: defence minister.
    DEFENCE_MINISTER = "DefenceMinister",
    /// Role concept: any other minister or deputy minister.
    MINISTER = "Minister",
    /// Role concept: adviser (national security adviser…).
    ADVISER = "Adviser",
    /// Role concept: spokesperson.
    SPOKESPERSON = "Spokesperson",
    /// Role concept: ambassador.
    AMBASSADOR = "Ambassador",
    /// Role concept: presiding officer of a national parliament.
    PARLIAMENT_PRESIDENT = "ParliamentPresident",
    /// Role concept: another state office.
    OTHER_OFFICE = "OtherOffice",
    /// The scheme of roles.
    ROLE_SCHEME = "RoleScheme",
});

terms!(
    /// Simple Event Model.
    sem, "http://semanticweb.cs.vu.nl/2009/11/sem/", {
    /// An event.
    EVENT = "Event",
    /// An actor.
    ACTOR = "Actor",
    /// A place.
    PLACE = "Place",
    /// Who takes part.
    HAS_ACTOR = "hasActor",
    /// Where.
    HAS_PLACE = "hasPlace",
    /// When it began.
    HAS_BEGIN_TIME_STAMP = "hasBeginTimeStamp",
});

terms!(
    /// schema.org, used for second types and event status.
    schema, "https://schema.org/", {
    /// An event.
    EVENT = "Event",
    /// A person.
    PERSON = "Person",
    /// A country.
    COUNTRY = "Country",
    /// An organisation.
    ORGANIZATION = "Organization",
    /// A place.
    PLACE = "Place",
    /// A news article.
    NEWS_ARTICLE = "NewsArticle",
    /// The status of an event.
    EVENT_STATUS = "eventStatus",
    /// When an article was published.
    DATE_PUBLISHED = "datePublished",
    /// The URL of an article.
    URL = "url",
});

terms!(
    /// W3C Organization Ontology.
    org, "http://www.w3.org/ns/org#", {
    /// A membership: person, organisation, role.
    MEMBERSHIP = "Membership",
    /// A role.
    ROLE = "Role",
    /// The member.
    MEMBER = "member",
    /// The organisation.
    ORGANIZATION = "organization",
    /// The role held.
    ROLE_PROPERTY = "role",
});

terms!(
    /// PROV-O.
    prov, "http://www.w3.org/ns/prov#", {
    /// Something with provenance.
    ENTITY = "Entity",
    /// Derived from.
    WAS_DERIVED_FROM = "wasDerivedFrom",
    /// Quoted from.
    WAS_QUOTED_FROM = "wasQuotedFrom",
});

terms!(
    /// W3C Web Annotation.
    oa, "http://www.w3.org/ns/oa#", {
    /// Selects text by character offsets.
    TEXT_POSITION_SELECTOR = "TextPositionSelector",
    /// Selects text by quoting it.
    TEXT_QUOTE_SELECTOR = "TextQuoteSelector",
    /// The quoted text.
    EXACT = "exact",
    /// First character offset.
    START = "start",
    /// Offset past the last character.
    END = "end",
});

terms!(
    /// Dublin Core terms.
    dcterms, "http://purl.org/dc/terms/", {
    /// The title.
    TITLE = "title",
    /// The language.
    LANGUAGE = "language",
});

terms!(
    /// RDF Schema.
    rdfs, "http://www.w3.org/2000/01/rdf-schema#", {
    /// The human-readable name.
    LABEL = "label",
});

terms!(
    /// OWL.
    owl, "http://www.w3.org/2002/07/owl#", {
    /// The same thing under another IRI (Wikidata).
    SAME_AS = "sameAs",
});

terms!(
    /// SKOS.
    skos, "http://www.w3.org/2004/02/skos/core#", {
    /// A concept of a scheme.
    CONCEPT = "Concept",
    /// The preferred name.
    PREF_LABEL = "prefLabel",
});

/// `rdf:type`.
pub const RDF_TYPE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

/// Prefixes for Turtle and SPARQL output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("gk", gk::NS),
    ("id", crate::iri::ID_BASE),
    ("sem", sem::NS),
    ("schema", schema::NS),
    ("org", org::NS),
    ("prov", prov::NS),
    ("oa", oa::NS),
    ("dcterms", dcterms::NS),
    ("rdfs", rdfs::NS),
    ("owl", owl::NS),
    ("skos", skos::NS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("wd", crate::iri::WIKIDATA_BASE),
];

/// Every term the code uses, from every vocabulary.
#[must_use]
pub fn all_terms() -> Vec<NamedNodeRef<'static>> {
    [gk::ALL, sem::ALL, schema::ALL, org::ALL, prov::ALL, oa::ALL, dcterms::ALL, rdfs::ALL, owl::ALL, skos::ALL]
        .concat()
}
