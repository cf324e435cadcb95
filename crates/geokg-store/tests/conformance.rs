//! One store, three backends: every test here runs against the embedded store (in memory), a
//! real Oxigraph server and a real Virtuoso, ingests the same examples into each, and asserts
//! the same answers — listings, facts, graph questions, query results, re-ingest, forget.
//! The failure tests stop a server of their own mid-ingest, run out of time and meet a
//! read-only server; a loopback proxy in front of the real servers answers 503 and 429 before
//! passing requests on, and shows what went over the wire to Virtuoso's Digest-protected
//! endpoints.
//!
//! Needs the servers of `scripts/servers.sh start` (see `support/servers.rs`).

mod support;

use geokg_extract::Extractor;
use geokg_graph::{Filter, Names, PathOptions, Query, StatusSet, View};
use geokg_model::{Document, DocumentRecord, EXTRACTOR_VERSION, Extraction, iri};
use geokg_store::{IngestOutcome, NamedQuery, QueryOutput, RemoteOptions, Store, StoreError};
use oxigraph::model::{Literal, Term};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use support::proxy::{Action, Exchange, Proxy};
use support::servers::{self, OwnServer};

/// The examples, extracted, under sources of their own (`prefix/<file>`).
fn examples(prefix: &str) -> Vec<(DocumentRecord, Extraction)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    let extractor = Extractor::default();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let source = format!("{prefix}/{}", path.file_name().unwrap().to_string_lossy());
            let extraction = extractor.extract(&Document::new(text.clone()).with_source(source.clone()));
            let record = DocumentRecord {
                source,
                title: extraction.document.title.clone(),
                language: extraction.document.language.clone(),
                published: extraction.document.published,
                content_hash: iri::content_hash(&text),
                ingested_at: "2026-12-01T12:00:00Z".into(),
                extractor_version: EXTRACTOR_VERSION.into(),
                fetch: None,
            };
            (record, extraction)
        })
        .collect()
}

fn ingest_all(store: &Store, documents: &[(DocumentRecord, Extraction)]) {
    for (record, extraction) in documents {
        store.ingest(record, extraction).unwrap();
    }
}

/// Asserts every backend's answer (as text) equals the embedded store's, showing the first
/// line that differs.
fn same(what: &str, answers: &[(&str, String)]) {
    let expected = &answers[0].1;
    for (backend, answer) in &answers[1..] {
        if answer != expected {
            let line = expected.lines().zip(answer.lines()).position(|(a, b)| a != b).unwrap_or(0);
            let context =
                |text: &str| text.lines().skip(line.saturating_sub(8)).take(12).collect::<Vec<_>>().join("\n");
            panic!(
                "{what}: {backend} differs from the embedded store at line {line}:\n--- embedded\n{}\n--- {backend}\n{}",
                context(expected),
                context(answer)
            );
        }
    }
}

/// A query's rows, sorted (servers may order ties differently), as N-Triples terms.
fn rows(output: QueryOutput) -> Vec<Vec<String>> {
    match output {
        QueryOutput::Solutions { rows, .. } => {
            let mut rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|row| row.into_iter().map(|cell| cell.map(|t| t.to_string()).unwrap_or_default()).collect())
                .collect();
            rows.sort();
            rows
        }
        QueryOutput::Boolean(value) => vec![vec![value.to_string()]],
        QueryOutput::Graph(triples) => {
            let mut rows: Vec<Vec<String>> = triples.iter().map(|t| vec![format!("graph: {t}")]).collect();
            rows.sort();
            rows
        }
    }
}

#[test]
fn listings_and_facts_are_the_same_on_every_backend() {
    let _lock = servers::lock();
    let documents = examples("conformance");
    let backends = servers::backends();
    for (_, store) in &backends {
        ingest_all(store, &documents);
    }
    let answers = |f: &dyn Fn(&Store) -> String| -> Vec<(&str, String)> {
        backends.iter().map(|(name, store)| (*name, f(store))).collect()
    };
    same("sources", &answers(&|s| format!("{:?}", s.sources().unwrap())));
    assert_eq!(backends[0].1.sources().unwrap().len(), documents.len());
    same("stats", &answers(&|s| format!("{:?}", s.stats().unwrap())));
    same("facts", &answers(&|s| format!("{:#?}", s.facts().unwrap())));
    same("documents", &answers(&|s| format!("{:#?}", s.documents().unwrap())));
    same("state key", &answers(&|s| s.state_key().unwrap()));
    let source = &documents[3].0.source;
    same("has source", &answers(&|s| format!("{:?}", s.has_source(source).unwrap())));
    same("fetch record", &answers(&|s| format!("{:?}", s.fetch_record(source).unwrap())));
    let facts = backends[0].1.facts().unwrap();
    assert!(!facts.meetings.is_empty() && !facts.transfers.is_empty() && !facts.leaders.is_empty());
}

#[test]
fn graph_questions_are_the_same_on_every_backend() {
    let _lock = servers::lock();
    let documents = examples("graph");
    let backends = servers::backends();
    let mut answers = Vec::new();
    for (name, store) in &backends {
        ingest_all(store, &documents);
        let view = View::build(&store.facts().unwrap());
        let names = Names::new(&view, Extractor::default().aliases());
        let any = Query::new(&view, &names, Filter::default().with_statuses(StatusSet::parse("any").unwrap()));
        let occurred = Query::new(&view, &names, Filter::default());
        let answer = format!(
            "{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
            occurred.who_met("Putin").unwrap(),
            any.who_met("Kim Jong Un").unwrap(),
            any.meetings_between("Putin", "Kim Jong Un").unwrap(),
            any.path("Kim Jong Un", "Iran", &PathOptions::default()),
            occurred.who_met_all(None),
        );
        answers.push((*name, answer));
    }
    assert!(answers[0].1.contains("Kim"), "{}", answers[0].1);
    same("who-met and path", &answers);
}

#[test]
fn named_and_user_queries_give_the_same_results_on_every_backend() {
    let _lock = servers::lock();
    let documents = examples("queries");
    let backends = servers::backends();
    for (_, store) in &backends {
        ingest_all(store, &documents);
    }
    let params = |name: &str| -> Vec<(String, Term)> {
        match name {
            "arms-suppliers" => vec![("name".into(), Literal::new_simple_literal("Russia").into())],
            "leader-on-date" => vec![
                ("name".into(), Literal::new_simple_literal("United States").into()),
                ("date".into(), Literal::new_simple_literal("2023-09-30").into()),
            ],
            "meetings-of-person" => vec![("name".into(), Literal::new_simple_literal("Vladimir Putin").into())],
            // sources-of-fact unbound lists the evidence of every fact.
            _ => vec![],
        }
    };
    let mut non_empty = 0;
    for query in NamedQuery::ALL {
        let answers: Vec<(&str, String)> = backends
            .iter()
            .map(|(name, store)| {
                (*name, format!("{:#?}", rows(store.query(query.sparql, &params(query.name)).unwrap())))
            })
            .collect();
        non_empty += usize::from(answers[0].1 != "[]");
        same(query.name, &answers);
    }
    assert!(non_empty >= 5, "only {non_empty} named queries found anything in the examples");
    for sparql in [
        "SELECT ?m ?date WHERE { ?m a gk:Meeting ; schema:eventStatus gk:Occurred . OPTIONAL { ?m sem:hasBeginTimeStamp ?date } }",
        "SELECT ?doc ?confidence WHERE { GRAPH ?doc { ?e gk:confidence ?confidence } } LIMIT 1000",
        "SELECT ?h ?former WHERE { GRAPH ?g { ?h a gk:OfficeHolding ; gk:former ?former } }",
        "ASK { ?t a gk:ArmsTransfer }",
        "ASK { ?t a gk:Nothing }",
        "CONSTRUCT { ?a gk:met ?b } WHERE { ?m a gk:Meeting ; gk:participant ?a, ?b FILTER(?a != ?b) }",
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a gk:Person }",
    ] {
        let answers: Vec<(&str, String)> = backends
            .iter()
            .map(|(name, store)| (*name, format!("{:#?}", rows(store.query(sparql, &[]).unwrap()))))
            .collect();
        assert_ne!(answers[0].1, "[]", "{sparql}");
        same(sparql, &answers);
    }
}

#[test]
fn re_ingest_changes_nothing_and_forget_removes_everywhere() {
    let _lock = servers::lock();
    let documents = examples("reingest");
    let backends = servers::backends();
    for (name, store) in &backends {
        ingest_all(store, &documents);
        let quads = store.len().unwrap();
        let key = store.state_key().unwrap();
        for (record, extraction) in &documents {
            assert_eq!(store.ingest(record, extraction).unwrap(), (IngestOutcome::Unchanged, 0), "{name}");
        }
        assert_eq!(store.len().unwrap(), quads, "{name}");
        assert_eq!(store.state_key().unwrap(), key, "{name}");
        // New content from the same source replaces the graph whole.
        let (mut record, extraction) = documents[0].clone();
        record.content_hash = iri::content_hash("another version");
        assert_eq!(store.ingest(&record, &extraction).unwrap().0, IngestOutcome::Replaced, "{name}");
        assert_eq!(store.len().unwrap(), quads, "{name}");
        assert_ne!(store.state_key().unwrap(), key, "{name}");
        let source = &documents[1].0.source;
        assert!(store.forget(source).unwrap(), "{name}");
        assert!(!store.forget(source).unwrap(), "{name}");
        assert!(!store.has_source(source).unwrap(), "{name}");
        assert_eq!(store.sources().unwrap().len(), documents.len() - 1, "{name}");
    }
    let answers: Vec<(&str, String)> =
        backends.iter().map(|(name, store)| (*name, format!("{:#?}", store.facts().unwrap()))).collect();
    same("facts after forget", &answers);
}

#[test]
fn a_dump_of_a_server_loads_back_into_the_same_quads() {
    let _lock = servers::lock();
    let documents = examples("dump");
    let backends = servers::backends();
    let mut answers = Vec::new();
    for (name, store) in &backends {
        ingest_all(store, &documents);
        let mut dump = Vec::new();
        store.dump(geokg_store::DumpFormat::NQuads, &mut dump).unwrap();
        let copy = oxigraph::store::Store::new().unwrap();
        copy.load_from_slice(oxigraph::io::RdfFormat::NQuads, &dump).unwrap();
        assert_eq!(copy.len().unwrap() as u64, store.len().unwrap(), "{name}");
        answers.push((*name, copy.len().unwrap().to_string()));
    }
    same("dumped quads", &answers);
}

#[test]
fn without_the_graph_store_protocol_small_update_batches_write_the_same_graphs() {
    let _lock = servers::lock();
    let documents = examples("batches");
    let embedded = Store::in_memory().unwrap();
    ingest_all(&embedded, &documents);
    let expected = format!("{:#?}", embedded.facts().unwrap());
    for variable in ["GEOKG_TEST_OXIGRAPH_URL", "GEOKG_TEST_VIRTUOSO_URL"] {
        let mut options = servers::options().without_graph_store_protocol();
        options.batch_triples = 40;
        let store = Store::open_remote(&servers::env(variable), &options).unwrap();
        servers::empty(&store);
        ingest_all(&store, &documents);
        same(variable, &[("embedded", expected.clone()), ("server", format!("{:#?}", store.facts().unwrap()))]);
        assert_eq!(store.len().unwrap(), embedded.len().unwrap(), "{variable}");
        // A source with quotes, backslashes and non-ASCII survives the SPARQL text.
        let (mut record, extraction) = documents[0].clone();
        record.source = "odd/\"quoted\" \\ Ärger\n.txt".into();
        store.ingest(&record, &extraction).unwrap();
        assert!(store.sources().unwrap().contains(&record.source), "{variable}");
        assert!(store.forget(&record.source).unwrap(), "{variable}");
    }
}

#[test]
fn without_the_graph_store_protocol_the_ontology_and_its_blank_nodes_are_written_once() {
    let _lock = servers::lock();
    let embedded = Store::in_memory().unwrap();
    let ask = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/geokg/ns> { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }";
    let blank = |store: &Store| rows(store.query(ask, &[]).unwrap());
    assert_ne!(blank(&embedded), [["\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>"]]);
    for variable in ["GEOKG_TEST_OXIGRAPH_URL", "GEOKG_TEST_VIRTUOSO_URL"] {
        let store = Store::open_remote(&servers::env(variable), &servers::options()).unwrap();
        servers::empty(&store);
        // A server without the ontology: opening the store writes it, by SPARQL UPDATE.
        assert!(reqwest_update(variable, "DROP SILENT GRAPH <https://w3id.org/geokg/ns>"), "{variable}");
        let store =
            Store::open_remote(&servers::env(variable), &servers::options().without_graph_store_protocol()).unwrap();
        assert_eq!(store.len().unwrap(), embedded.len().unwrap(), "{variable}");
        assert_eq!(blank(&store), blank(&embedded), "{variable}");
        let restrictions = "SELECT ?class ?property WHERE { GRAPH <https://w3id.org/geokg/ns> { ?class owl:equivalentClass [ owl:onProperty ?property ] } }";
        assert_eq!(rows(store.query(restrictions, &[]).unwrap()), rows(embedded.query(restrictions, &[]).unwrap()));
    }
}

#[test]
fn large_reads_are_paged_below_the_servers_row_caps() {
    let _lock = servers::lock();
    let documents = examples("paging");
    let embedded = Store::in_memory().unwrap();
    ingest_all(&embedded, &documents);
    for variable in ["GEOKG_TEST_OXIGRAPH_URL", "GEOKG_TEST_VIRTUOSO_URL"] {
        let mut options = servers::options();
        options.page_rows = 7;
        let store = Store::open_remote(&servers::env(variable), &options).unwrap();
        servers::empty(&store);
        ingest_all(&store, &documents);
        assert_eq!(store.sources().unwrap(), embedded.sources().unwrap(), "{variable}");
        assert_eq!(store.state_key().unwrap(), embedded.state_key().unwrap(), "{variable}");
        let documents = |store: &Store| format!("{:#?}", store.documents().unwrap());
        same(variable, &[("embedded", documents(&embedded)), ("server", documents(&store))]);
    }
}

#[test]
fn a_result_cut_at_virtuosos_row_cap_is_an_error() {
    let _lock = servers::lock();
    let store = Store::open_remote_read_only(&servers::env("GEOKG_TEST_VIRTUOSO_URL"), &servers::options()).unwrap();
    // Virtuoso's own graphs (thousands of triples), three times: more than its 10,000-row cap.
    let error = store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?x { 1 2 3 } }", &[]).unwrap_err();
    assert!(matches!(error, StoreError::Truncated { .. }), "{error}");
    assert!(error.to_string().contains("row limit"), "{error}");
}

#[test]
fn a_server_stopped_mid_ingest_leaves_complete_documents_and_a_rerun_finishes() {
    let folder = tempfile::tempdir().unwrap();
    let mut server = OwnServer::start(folder.path(), false);
    let documents = examples("crash");
    let options = servers::options();
    let store = Store::open_remote(&server.url, &options).unwrap();
    let half = documents.len() / 2;
    ingest_all(&store, &documents[..half]);
    server.kill();
    let error = store.ingest(&documents[half].0, &documents[half].1).unwrap_err();
    assert!(matches!(error, StoreError::Unreachable { .. }), "{error}");
    assert!(error.to_string().contains("is the server running?"), "{error}");
    server.restart();
    // What was written before the crash is whole: re-ingesting it changes nothing.
    for (record, extraction) in &documents[..half] {
        assert_eq!(store.ingest(record, extraction).unwrap().0, IngestOutcome::Unchanged);
    }
    ingest_all(&store, &documents[half..]);
    let embedded = Store::in_memory().unwrap();
    ingest_all(&embedded, &documents);
    let facts = |store: &Store| format!("{:#?}", store.facts().unwrap());
    same("facts after the crash", &[("embedded", facts(&embedded)), ("server", facts(&store))]);
}

#[test]
fn a_document_cut_off_between_update_batches_is_rewritten_by_the_next_run() {
    let _lock = servers::lock();
    let documents = examples("partial");
    let (record, extraction) = &documents[0];
    for variable in ["GEOKG_TEST_OXIGRAPH_URL", "GEOKG_TEST_VIRTUOSO_URL"] {
        let store = Store::open_remote(&servers::env(variable), &servers::options()).unwrap();
        servers::empty(&store);
        // What a run stopped after its first batches leaves: the facts without the document
        // node, whose content hash is written last.
        let graph = record.iri();
        let mut quads = extraction.to_quads(&graph);
        quads.retain(|quad| quad.subject.to_string() != format!("<{graph}>"));
        let triples = quads
            .iter()
            .take(30)
            .map(|q| format!("{} {} {} .", q.subject, q.predicate, q.object))
            .collect::<Vec<_>>()
            .join("\n");
        let update = format!("INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}");
        let reply = reqwest_update(variable, &update);
        assert!(reply, "{variable}: could not write the partial graph");
        assert!(!store.is_unchanged(&record.source, &record.content_hash, &record.extractor_version).unwrap());
        assert_eq!(store.ingest(record, extraction).unwrap().0, IngestOutcome::Replaced, "{variable}");
        assert!(store.is_unchanged(&record.source, &record.content_hash, &record.extractor_version).unwrap());
        let embedded = Store::in_memory().unwrap();
        embedded.ingest(record, extraction).unwrap();
        assert_eq!(store.facts().unwrap(), embedded.facts().unwrap(), "{variable}");
    }
}

/// Runs a SPARQL update on a test server directly (standing in for a run that died).
fn reqwest_update(variable: &str, update: &str) -> bool {
    let url = servers::env(variable);
    let url = if variable.contains("OXIGRAPH") { format!("{url}/update") } else { url };
    let output = std::process::Command::new("curl")
        .args(["-fsS", "-o", "/dev/null", "-X", "POST", &url, "--data-urlencode"])
        .arg(format!("update={update}"))
        .status()
        .expect("curl");
    output.success()
}

#[test]
fn a_query_past_the_timeout_is_a_timeout_error() {
    // A server of its own, killed afterwards, so the abandoned query burns no shared CPU.
    let folder = tempfile::tempdir().unwrap();
    let server = OwnServer::start(folder.path(), false);
    Store::open_remote(&server.url, &servers::options()).unwrap();
    let options = servers::options().with_timeout(Duration::from_secs(1));
    let store = Store::open_remote_read_only(&server.url, &options).unwrap();
    // The ontology graph cubed: about a billion rows to count.
    let sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?g { ?d ?e ?f } GRAPH ?g { ?h ?i ?j } }";
    let started = std::time::Instant::now();
    let error = store.query(sparql, &[]).unwrap_err();
    assert!(matches!(error, StoreError::Timeout { .. }), "{error}");
    assert!(started.elapsed() < Duration::from_secs(10), "a timeout is not retried");
    assert!(error.to_string().contains("did not answer in time"), "{error}");
    drop(server);
}

#[test]
fn virtuoso_stopping_a_query_at_its_timeout_is_a_timeout_not_a_partial_answer() {
    let _lock = servers::lock();
    let options = servers::options().with_server_timeout(Duration::from_secs(1));
    let store = Store::open_remote_read_only(&servers::env("GEOKG_TEST_VIRTUOSO_URL"), &options).unwrap();
    // Virtuoso's own graphs cubed: it answers after a second with a partial count, and a
    // header saying so.
    let sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?g { ?d ?e ?f } GRAPH ?g { ?h ?i ?j } }";
    let error = store.query(sparql, &[]).unwrap_err();
    assert!(matches!(error, StoreError::Timeout { .. }), "{error}");
}

#[test]
fn a_read_only_server_refuses_writes_with_the_fix() {
    let folder = tempfile::tempdir().unwrap();
    {
        // A store with the ontology, then the same folder served read-only.
        let server = OwnServer::start(folder.path(), false);
        Store::open_remote(&server.url, &servers::options()).unwrap();
    }
    let server = OwnServer::start(folder.path(), true);
    let reader = Store::open_remote_read_only(&server.url, &servers::options()).unwrap();
    assert!(reader.sources().unwrap().is_empty());
    let documents = examples("refused");
    let error = reader.ingest(&documents[0].0, &documents[0].1).unwrap_err();
    assert!(matches!(error, StoreError::WriteRefused { .. }), "{error}");
}

#[test]
fn virtuoso_without_the_grant_refuses_writes_and_says_which_grant() {
    let _lock = servers::lock();
    let url = servers::env("GEOKG_TEST_VIRTUOSO_URL");
    let isql = servers::env("GEOKG_TEST_VIRTUOSO_ISQL");
    let grant = |sql: &str| {
        let status = std::process::Command::new("isql-vt")
            .args([isql.as_str(), "dba", "dba", &format!("exec={sql}")])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("isql-vt");
        assert!(status.success(), "{sql}");
    };
    let store = Store::open_remote(&url, &servers::options()).unwrap();
    let documents = examples("grant");
    grant("REVOKE SPARQL_UPDATE FROM \"SPARQL\";");
    let error = store.ingest(&documents[0].0, &documents[0].1).unwrap_err();
    grant("GRANT SPARQL_UPDATE TO \"SPARQL\";");
    assert!(matches!(error, StoreError::WriteRefused { .. }), "{error}");
    assert!(error.to_string().contains("grant SPARQL_UPDATE to the SPARQL user"), "{error}");
    store.ingest(&documents[0].0, &documents[0].1).unwrap();
    assert!(store.forget(&documents[0].0.source).unwrap());
}

#[test]
fn the_server_kind_is_detected_from_its_root_url() {
    let _lock = servers::lock();
    let oxigraph = Store::open_remote_read_only(&servers::env("GEOKG_TEST_OXIGRAPH_URL"), &servers::options()).unwrap();
    assert_eq!(oxigraph.remote_kind(), Some(geokg_store::StoreKind::Oxigraph));
    let virtuoso_url = servers::env("GEOKG_TEST_VIRTUOSO_URL");
    let root = virtuoso_url.trim_end_matches("/sparql");
    let virtuoso = Store::open_remote_read_only(root, &servers::options()).unwrap();
    assert_eq!(virtuoso.remote_kind(), Some(geokg_store::StoreKind::Virtuoso));
    let generic = servers::options().with_kind(geokg_store::StoreKind::Generic);
    let generic = Store::open_remote_read_only(&virtuoso_url, &generic).unwrap();
    assert_eq!(generic.sources().unwrap(), virtuoso.sources().unwrap());
}

#[test]
fn an_unreachable_server_says_so_and_credentials_are_never_shown() {
    let url = format!("http://127.0.0.1:{}", servers::free_port());
    let mut options = servers::options();
    options.user = Some("analyst".into());
    options.password = Some("s3cret-pass".into());
    let error = Store::open_remote(&url, &options).err().expect("nothing listens there");
    assert!(matches!(error, StoreError::Unreachable { .. }), "{error}");
    assert!(error.to_string().contains("is the server running?"), "{error}");
    assert!(!format!("{options:?} {error:?} {error}").contains("s3cret-pass"));
    let error = Store::open_remote("http://analyst:s3cret-pass@127.0.0.1:1/", &RemoteOptions::default())
        .err()
        .expect("credentials in the URL are refused");
    assert!(!error.to_string().contains("s3cret-pass"), "{error}");
}

#[test]
fn a_document_graph_past_virtuosos_row_cap_reads_back_whole() {
    let _lock = servers::lock();
    // One document stating every fact of a synthetic corpus: more triples in one graph than
    // Virtuoso returns in one answer (10,000) or sorts for an OFFSET.
    let facts = geokg_graph::synthetic::facts(300, 900, 150, 3, 11);
    let mut extraction = Extraction {
        meetings: facts.meetings.into_iter().map(|sourced| sourced.fact).collect(),
        transfers: facts.transfers.into_iter().map(|sourced| sourced.fact).collect(),
        leaders: facts.leaders.into_iter().map(|sourced| sourced.fact).collect(),
        ..Extraction::default()
    };
    extraction.collect_entities();
    let mut record = examples("big").swap_remove(0).0;
    record.source = "big/synthetic.txt".into();
    record.title = Some("Everything at once".into());
    let backends = servers::backends();
    let mut answers = Vec::new();
    for (name, store) in &backends {
        store.ingest(&record, &extraction).unwrap();
        answers.push((*name, format!("{:#?}", store.documents().unwrap())));
    }
    let triples = backends[0].1.len().unwrap();
    assert!(triples > 12_000, "only {triples} quads: not past the row cap");
    assert!(answers[0].1.contains("Everything at once"));
    same("a large document", &answers);
    let mut dumps = Vec::new();
    for (name, store) in &backends {
        let mut dump = Vec::new();
        store.dump(geokg_store::DumpFormat::NQuads, &mut dump).unwrap();
        // The document's graph (the ontology's blank nodes get other labels on each server).
        let graph = format!("{} .", record.iri());
        let mut lines: Vec<String> =
            String::from_utf8(dump).unwrap().lines().filter(|line| line.ends_with(&graph)).map(str::to_owned).collect();
        lines.sort();
        dumps.push((*name, lines.join("\n")));
    }
    same("the dump of a large document", &dumps);
}

/// The nonce count (`nc=`) of a Digest `Authorization` header.
fn nonce_count(exchange: &Exchange) -> Option<String> {
    let header = exchange.request.header("Authorization")?;
    Some(header.split("nc=").nth(1)?.split(',').next()?.to_owned())
}

fn path(exchange: &Exchange) -> &str {
    exchange.request.target.split('?').next().unwrap_or_default()
}

#[test]
fn virtuoso_behind_digest_authentication_answers_the_same_and_reuses_its_nonce() {
    let _lock = servers::lock();
    let documents = examples("digest");
    let proxy = Proxy::start(&servers::virtuoso_root(), |_, _| Action::Forward);
    let store = Store::open_remote(&format!("{}/sparql-auth", proxy.url), &servers::dba()).unwrap();
    assert_eq!(store.remote_kind(), Some(geokg_store::StoreKind::Virtuoso));
    servers::empty(&store);
    ingest_all(&store, &documents);
    let embedded = Store::in_memory().unwrap();
    ingest_all(&embedded, &documents);
    let facts = |store: &Store| format!("{:#?}", store.facts().unwrap());
    same("facts through digest", &[("embedded", facts(&embedded)), ("virtuoso", facts(&store))]);
    assert_eq!(store.sources().unwrap(), embedded.sources().unwrap());
    servers::empty(&store);
    // Nothing went past Virtuoso's plain endpoints, and nothing as Basic.
    let log = proxy.log();
    assert!(log.iter().all(|e| path(e).ends_with("-auth")), "{log:#?}");
    assert!(log.iter().all(|e| !e.request.header("Authorization").is_some_and(|h| h.starts_with("Basic"))));
    // One challenge per endpoint; after it, each request answers the same nonce with the next
    // count, so no request pays a second round trip.
    let challenged: Vec<&str> = log.iter().filter(|e| e.status == 401).map(path).collect();
    assert_eq!(challenged, ["/sparql-auth", "/sparql-graph-crud-auth"], "{log:#?}");
    for endpoint in ["/sparql-auth", "/sparql-graph-crud-auth"] {
        let counts: Vec<String> = log.iter().filter(|e| path(e) == endpoint).filter_map(nonce_count).collect();
        let expected: Vec<String> = (1..=counts.len()).map(|n| format!("{n:08x}")).collect();
        assert!(counts.len() >= documents.len(), "{endpoint}: {counts:?}");
        assert_eq!(counts, expected, "{endpoint}");
    }
}

#[test]
fn a_nonce_virtuoso_forgot_is_answered_again_and_wrong_credentials_are_not() {
    let _lock = servers::lock();
    let documents = examples("stale");
    // From request `from` on, two requests lose their credentials, as if Virtuoso had dropped
    // the nonce; with `stale`, its second challenge says the nonce went stale.
    let run = |stale: bool| {
        let from = Arc::new(AtomicUsize::new(usize::MAX));
        let shared = Arc::clone(&from);
        let proxy = Proxy::start(&servers::virtuoso_root(), move |number, request| {
            let offset = number.wrapping_sub(shared.load(Ordering::SeqCst));
            if offset < 2 {
                request.remove_header("Authorization");
            }
            if stale && offset == 1 {
                Action::ForwardEdited(|head| head.replace("stale=\"false\"", "stale=\"true\""))
            } else {
                Action::Forward
            }
        });
        let store = Store::open_remote(&format!("{}/sparql-auth", proxy.url), &servers::dba()).unwrap();
        servers::empty(&store);
        from.store(proxy.log().len(), Ordering::SeqCst);
        let outcome = store.ingest(&documents[0].0, &documents[0].1);
        let log: Vec<(u16, String)> =
            proxy.log().iter().skip(from.load(Ordering::SeqCst)).map(|e| (e.status, path(e).to_owned())).collect();
        (store, outcome, log)
    };
    let (store, outcome, log) = run(true);
    let refused =
        |log: &[(u16, String)]| log.iter().filter(|(status, path)| *status == 401 && path == "/sparql-auth").count();
    assert_eq!(outcome.unwrap().0, IngestOutcome::New, "{log:?}");
    assert_eq!(refused(&log), 2, "{log:?}");
    assert!(store.forget(&documents[0].0.source).unwrap());
    // A challenge answered fresh and refused again, without `stale`: the credentials are wrong.
    let (_, outcome, log) = run(false);
    let error = outcome.unwrap_err();
    assert!(matches!(error, StoreError::Unauthorized { .. }), "{error}");
    assert!(error.to_string().contains("check GEOKG_STORE_USER and GEOKG_STORE_PASSWORD"), "{error}");
    assert_eq!(refused(&log), 2, "{log:?}");
    assert_eq!(log.len(), 2, "{log:?}");
}

#[test]
fn a_wrong_password_is_refused_once_with_the_fix_and_never_shown() {
    let _lock = servers::lock();
    let proxy = Proxy::start(&servers::virtuoso_root(), |_, _| Action::Forward);
    let mut options = servers::dba();
    options.password = Some("not-the-Pa55word".into());
    let error = Store::open_remote(&format!("{}/sparql-auth", proxy.url), &options).err().expect("refused");
    assert!(matches!(error, StoreError::Unauthorized { .. }), "{error}");
    let shown = format!("{error} {error:?} {options:?}");
    assert!(shown.contains("check GEOKG_STORE_USER and GEOKG_STORE_PASSWORD"), "{shown}");
    assert!(!shown.contains("not-the-Pa55word"), "{shown}");
    // The challenge, one answer to it, and no more tries.
    let log = proxy.log();
    assert_eq!(log.iter().map(|e| e.status).collect::<Vec<_>>(), [401, 401], "{log:#?}");
    assert!(log.iter().all(|e| !format!("{:?}", e.request).contains("not-the-Pa55word")));
    // Without credentials, the same endpoint says to set them.
    let error = Store::open_remote(&format!("{}/sparql-auth", proxy.url), &servers::options()).err().expect("refused");
    assert!(error.to_string().contains("asks for credentials; set GEOKG_STORE_USER"), "{error}");
}

/// A proxy in front of the Oxigraph server that answers every request first with 503 (retry
/// at once) and then with 429 (retry at once), and passes on the third try.
fn busy_proxy() -> Proxy {
    Proxy::start(&servers::env("GEOKG_TEST_OXIGRAPH_URL"), |number, _| match number % 3 {
        0 => Action::Answer(503, vec![("Retry-After", "0".into())]),
        1 => Action::Answer(429, vec![("Retry-After", "0".into())]),
        _ => Action::Forward,
    })
}

#[test]
fn busy_answers_are_retried_and_every_write_is_safe_to_repeat() {
    let _lock = servers::lock();
    let documents = examples("busy");
    let embedded = Store::in_memory().unwrap();
    ingest_all(&embedded, &documents);
    let facts = |store: &Store| format!("{:#?}", store.facts().unwrap());
    // Graph Store Protocol PUTs, then DROP and INSERT DATA batches: each retried request was
    // refused before the server saw it here, but a repeated PUT, DROP or INSERT DATA of ground
    // triples leaves the same graph anyway, so geokg retries writes as it retries reads.
    for options in [servers::options(), servers::options().without_graph_store_protocol()] {
        let proxy = busy_proxy();
        let mut options = options;
        options.batch_triples = 40;
        let store = Store::open_remote(&proxy.url, &options).unwrap();
        servers::empty(&store);
        ingest_all(&store, &documents);
        same("facts after retries", &[("embedded", facts(&embedded)), ("server", facts(&store))]);
        assert_eq!(store.len().unwrap(), embedded.len().unwrap());
        let log = proxy.log();
        let status = |code: u16| log.iter().filter(|e| e.status == code).count();
        assert_eq!(status(503), status(429));
        assert!(status(200) + status(204) + status(201) >= status(503) - 1, "{log:#?}");
        let writes = log.iter().filter(|e| e.request.method == "PUT" || e.request.body.starts_with(b"update=")).count();
        assert!(writes >= 3 * documents.len(), "{writes} writes for {} documents", documents.len());
        servers::empty(&store);
    }
}

#[test]
fn retries_give_up_after_the_limit_and_other_failures_are_not_retried() {
    let _lock = servers::lock();
    let answer = Arc::new(AtomicUsize::new(0));
    let shared = Arc::clone(&answer);
    let proxy =
        Proxy::start(&servers::env("GEOKG_TEST_OXIGRAPH_URL"), move |_, _| match shared.load(Ordering::SeqCst) {
            0 => Action::Forward,
            status => Action::Answer(status as u16, vec![]),
        });
    let store = Store::open_remote(&proxy.url, &servers::options()).unwrap();
    let before = proxy.log().len();
    // Always busy, without Retry-After: the backoff (0.1 s, then 0.2 s) and then an error.
    answer.store(503, Ordering::SeqCst);
    let started = std::time::Instant::now();
    let error = store.sources().unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
    assert!(matches!(error, StoreError::Remote { .. }), "{error}");
    assert!(error.to_string().contains("503 Service Unavailable after 2 retries"), "{error}");
    assert_eq!(proxy.log().len() - before, 3);
    // A server error that is not about load is the answer: asked once.
    answer.store(500, Ordering::SeqCst);
    let before = proxy.log().len();
    let error = store.sources().unwrap_err();
    assert!(error.to_string().contains("500"), "{error}");
    assert_eq!(proxy.log().len() - before, 1);
    answer.store(0, Ordering::SeqCst);
    store.sources().unwrap();
}
