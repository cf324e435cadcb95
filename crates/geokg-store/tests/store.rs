//! The store against a real Oxigraph, in memory and on disk: idempotent re-ingest,
//! replacement, forgetting, queries over the union graph, dumps, and the writer lock.

use geokg_model::{
    DocumentInfo, DocumentRecord, Entity, EntityKind, Evidence, Extraction, Leader, Meeting, MeetingKind, Status,
    Transfer, TransferCategory, iri,
};
use geokg_store::{DumpFormat, IngestOutcome, QueryOutput, Store};

fn evidence(sentence: &str) -> Vec<Evidence> {
    vec![Evidence {
        sentence: sentence.into(),
        start: 0,
        end: sentence.chars().count(),
        rule: "test".into(),
        confidence: 0.9,
    }]
}

fn document(source: &str, text: &str, meeting_year: &str) -> (DocumentRecord, Extraction) {
    let putin = Entity::new("Vladimir Putin", EntityKind::Person, Some("Q7747"));
    let kim = Entity::new("Kim Jong Un", EntityKind::Person, Some("Q56226"));
    let russia = Entity::new("Russia", EntityKind::State, Some("Q159"));
    let iran = Entity::new("Iran", EntityKind::State, Some("Q794"));
    let record = DocumentRecord {
        source: source.into(),
        title: None,
        language: "de".into(),
        published: "2023-09-11".parse().ok(),
        content_hash: iri::content_hash(text),
        ingested_at: "2026-12-01T12:00:00Z".into(),
        extractor_version: geokg_model::EXTRACTOR_VERSION.into(),
        fetch: None,
    };
    let mut extraction = Extraction {
        document: DocumentInfo {
            source: source.into(),
            language: "de".into(),
            published: record.published,
            title: None,
        },
        meetings: vec![Meeting {
            kind: MeetingKind::Visit,
            participants: vec![putin.clone(), kim.clone()],
            visitor: Some(kim),
            host: Some(putin.clone()),
            place: None,
            date: meeting_year.parse().ok(),
            status: Status::Occurred,
            evidence: evidence(text),
        }],
        transfers: vec![Transfer {
            supplier: iran,
            recipient: russia.clone(),
            item: "Drohnen".into(),
            category: TransferCategory::Weapons,
            status: Status::Alleged,
            date: None,
            evidence: evidence(text),
        }],
        leaders: vec![Leader {
            person: putin,
            state: russia,
            role: "President".into(),
            former: false,
            evidence: evidence(text),
        }],
        ..Extraction::default()
    };
    extraction.collect_entities();
    (record, extraction)
}

fn count(store: &Store, sparql: &str) -> usize {
    match store.query(sparql, &[]).unwrap() {
        QueryOutput::Solutions { rows, .. } => rows.len(),
        other => panic!("expected solutions, got {other:?}"),
    }
}

#[test]
fn the_same_content_again_changes_nothing() {
    let store = Store::in_memory().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin.", "2019");
    assert_eq!(store.ingest(&record, &extraction).unwrap().0, IngestOutcome::New);
    let quads = store.len().unwrap();
    assert_eq!(store.ingest(&record, &extraction).unwrap(), (IngestOutcome::Unchanged, 0));
    assert_eq!(store.len().unwrap(), quads);
}

#[test]
fn new_content_from_the_same_source_replaces_the_old_graph() {
    let store = Store::in_memory().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin 2019.", "2019");
    store.ingest(&record, &extraction).unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin 2023.", "2023");
    assert_eq!(store.ingest(&record, &extraction).unwrap().0, IngestOutcome::Replaced);
    let facts = store.facts().unwrap();
    assert_eq!(facts.n_documents, 1);
    assert_eq!(facts.meetings.len(), 1);
    assert_eq!(facts.meetings[0].fact.date.unwrap().to_string(), "2023");
}

#[test]
fn one_meeting_reported_twice_is_one_node_with_two_sources() {
    let store = Store::in_memory().unwrap();
    for source in ["a.txt", "b.txt"] {
        let (record, extraction) = document(source, &format!("Kim besuchte Putin ({source})."), "2019");
        store.ingest(&record, &extraction).unwrap();
    }
    let facts = store.facts().unwrap();
    assert_eq!(facts.meetings.len(), 1);
    let sources: Vec<&str> = facts.meetings[0].sources.iter().map(|s| s.document.as_str()).collect();
    assert_eq!(sources, ["a.txt", "b.txt"]);
    assert_eq!(count(&store, "SELECT DISTINCT ?m WHERE { ?m a gk:Meeting }"), 1);
}

#[test]
fn forget_removes_what_only_that_document_supported() {
    let store = Store::in_memory().unwrap();
    let (a, facts_a) = document("a.txt", "Kim besuchte Putin 2019.", "2019");
    let (b, facts_b) = document("b.txt", "Kim besuchte Putin 2023.", "2023");
    store.ingest(&a, &facts_a).unwrap();
    store.ingest(&b, &facts_b).unwrap();
    assert!(store.forget("a.txt").unwrap());
    assert!(!store.forget("a.txt").unwrap());
    let facts = store.facts().unwrap();
    assert_eq!(facts.n_documents, 1);
    assert_eq!(facts.meetings.len(), 1);
    assert_eq!(facts.meetings[0].fact.date.unwrap().to_string(), "2023");
    // The leader fact both documents stated survives with one source.
    assert_eq!(facts.leaders[0].sources.len(), 1);
    assert_eq!(store.sources().unwrap(), ["b.txt"]);
}

#[test]
fn visits_are_meetings_and_events_without_a_reasoner() {
    let store = Store::in_memory().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin.", "2019");
    store.ingest(&record, &extraction).unwrap();
    assert_eq!(count(&store, "SELECT ?m WHERE { ?m a gk:Visit }"), 1);
    assert_eq!(count(&store, "SELECT ?m WHERE { ?m a gk:Meeting ; a sem:Event ; a schema:Event }"), 1);
    assert_eq!(
        count(&store, "SELECT ?t WHERE { ?t a gk:ArmsTransfer, gk:Transfer ; schema:eventStatus gk:Alleged }"),
        1
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.meetings, stats.transfers, stats.leaders), (1, 1, 1, 1));
    assert_eq!((stats.persons, stats.states), (2, 2));
}

#[test]
fn the_ontology_is_queryable_beside_the_documents() {
    let store = Store::in_memory().unwrap();
    let sparql =
        "SELECT ?label WHERE { gk:Visit rdfs:subClassOf gk:Meeting ; rdfs:label ?label FILTER(lang(?label) = 'de') }";
    assert_eq!(count(&store, sparql), 1);
    assert!(store.is_empty().unwrap());
}

#[test]
fn invalid_sparql_reports_the_parser_message() {
    let store = Store::in_memory().unwrap();
    let error = store.query("SELECT ?x WHERE { ?x a }", &[]).unwrap_err().to_string();
    assert!(error.starts_with("invalid SPARQL"), "{error}");
}

#[test]
fn bindings_fix_variables() {
    let store = Store::in_memory().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin.", "2019");
    store.ingest(&record, &extraction).unwrap();
    // Oxigraph substitutes only variables the query projects.
    let sparql = "SELECT ?name ?p WHERE { ?p rdfs:label ?name }";
    let name = oxigraph::model::Literal::new_language_tagged_literal("Kim Jong Un", "en").unwrap();
    let output = store.query(sparql, &[("name".into(), name.into())]).unwrap();
    let QueryOutput::Solutions { rows, .. } = output else { panic!() };
    assert_eq!(rows.len(), 1);
}

#[test]
fn a_dump_loads_back_into_the_same_number_of_quads() {
    let store = Store::in_memory().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin.", "2019");
    store.ingest(&record, &extraction).unwrap();
    for format in [DumpFormat::Trig, DumpFormat::NQuads] {
        let mut dump = Vec::new();
        store.dump(format, &mut dump).unwrap();
        let rdf_format = match format {
            DumpFormat::Trig => oxigraph::io::RdfFormat::TriG,
            DumpFormat::NQuads => oxigraph::io::RdfFormat::NQuads,
        };
        let copy = oxigraph::store::Store::new().unwrap();
        copy.load_from_slice(rdf_format, &dump).unwrap();
        assert_eq!(copy.len().unwrap() as u64, store.len().unwrap());
    }
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_second_writer_is_told_the_store_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kg.db");
    let store = Store::open(&path, true).unwrap();
    let error = Store::open(&path, false).err().expect("second writer must fail");
    assert!(error.to_string().contains("in use"), "{error}");
    // Readers still can.
    let (record, extraction) = document("a.txt", "Kim besuchte Putin.", "2019");
    store.ingest(&record, &extraction).unwrap();
    drop(store);
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.sources().unwrap(), ["a.txt"]);
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_missing_store_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open_read_only(&dir.path().join("nothing")).err().unwrap().to_string();
    assert!(error.contains("run `geokg ingest` first"), "{error}");
}

#[test]
fn a_fetched_document_keeps_its_validators_for_the_next_fetch() {
    let store = Store::in_memory().unwrap();
    let url = "https://example.org/gipfel";
    assert!(!store.has_source(url).unwrap());
    assert_eq!(store.fetch_record(url).unwrap(), None);
    let (mut record, extraction) = document(url, "Putin empfing Kim.", "2019");
    let fetch = geokg_model::FetchRecord {
        requested_url: url.into(),
        final_url: "https://example.org/de/gipfel".into(),
        http_status: 200,
        fetched_at: "2026-12-01T12:00:00Z".into(),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 01 Dec 2026 12:00:00 GMT".into()),
        canonical_url: None,
    };
    record.fetch = Some(fetch.clone());
    store.ingest(&record, &extraction).unwrap();
    assert!(store.has_source(url).unwrap());
    assert_eq!(store.fetch_record(url).unwrap(), Some(fetch));
    let (file, extraction) = document("examples/a.txt", "Kim reiste ab.", "2019");
    store.ingest(&file, &extraction).unwrap();
    assert_eq!(store.fetch_record("examples/a.txt").unwrap(), None);
}

#[test]
fn the_state_key_follows_documents_and_their_content() {
    let store = Store::in_memory().unwrap();
    let empty = store.state_key().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin 2019.", "2019");
    store.ingest(&record, &extraction).unwrap();
    let one = store.state_key().unwrap();
    assert_ne!(one, empty);
    store.ingest(&record, &extraction).unwrap();
    assert_eq!(store.state_key().unwrap(), one, "an unchanged re-ingest keeps the key");
    let (record, extraction) = document("a.txt", "Kim besuchte Putin 2023.", "2023");
    store.ingest(&record, &extraction).unwrap();
    assert_ne!(store.state_key().unwrap(), one);
    store.forget("a.txt").unwrap();
    assert_eq!(store.state_key().unwrap(), empty);
}

#[cfg(feature = "rocksdb")]
#[test]
fn the_revision_changes_with_every_write_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kg.db"), true).unwrap();
    assert_eq!(store.revision().unwrap(), None, "a new store has no revision yet");
    let quads = store.len().unwrap();
    let (record, extraction) = document("a.txt", "Kim besuchte Putin 2019.", "2019");
    store.ingest(&record, &extraction).unwrap();
    let one = store.revision().unwrap().expect("a write sets the revision");
    assert_eq!(
        (store.len().unwrap() - quads) as usize,
        record.to_quads().len() + extraction.to_quads(&record.iri()).len(),
        "the revision is not counted among the store's quads"
    );
    store.ingest(&record, &extraction).unwrap();
    assert_eq!(store.revision().unwrap().as_deref(), Some(one.as_str()), "an unchanged re-ingest writes nothing");
    let (other, other_extraction) = document("b.txt", "Kim besuchte Putin 2023.", "2023");
    store.ingest(&other, &other_extraction).unwrap();
    let two = store.revision().unwrap().unwrap();
    assert_ne!(two, one);
    assert!(!store.forget("c.txt").unwrap());
    assert_eq!(store.revision().unwrap().as_deref(), Some(two.as_str()), "forgetting nothing writes nothing");
    store.forget("b.txt").unwrap();
    let three = store.revision().unwrap().unwrap();
    assert!(three != two && three != one, "a revision is never reused: {one} {two} {three}");
    // Documents are read back one by one, as written.
    let (read_record, read_extraction) = store.document("a.txt").unwrap().unwrap();
    assert_eq!(read_record, record);
    assert_eq!(read_extraction.n_facts(), extraction.n_facts());
    assert_eq!(read_extraction.transfers, extraction.transfers);
    assert_eq!(store.document("b.txt").unwrap(), None);
    // The embedded store writes the revision in the document's transaction: it survives reopening.
    drop(store);
    let store = Store::open_read_only(&dir.path().join("kg.db")).unwrap();
    assert_eq!(store.revision().unwrap(), Some(three));
}
