//! Ingest throughput: documents and quads per second through geokg's one-transaction-per-
//! document ingest, against Oxigraph's bulk loader on the same quads, both on disk.
//!
//! `cargo bench -p geokg-store --bench ingest`. The examples are extracted once and stored
//! under 200 distinct sources, so every document is new.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geokg_extract::Extractor;
use geokg_model::{Document, DocumentRecord, EXTRACTOR_VERSION, Extraction, iri};
use geokg_store::Store;

const N_DOCUMENTS: usize = 200;

fn documents() -> Vec<(DocumentRecord, Extraction)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut texts: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    let extractor = Extractor::default();
    (0..N_DOCUMENTS)
        .map(|i| {
            let text = format!("{}\n{i}", texts[i % texts.len()]);
            let source = format!("bench/{i}.txt");
            let extraction = extractor.extract(&Document::new(text.clone()).with_source(source.clone()));
            let record = DocumentRecord {
                source,
                title: extraction.document.title.clone(),
                language: extraction.document.language.clone(),
                published: extraction.document.published,
                content_hash: iri::content_hash(&text),
                ingested_at: "2026-12-01T00:00:00Z".into(),
                extractor_version: EXTRACTOR_VERSION.into(),
                fetch: None,
            };
            (record, extraction)
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let documents = documents();
    let quads: Vec<_> = documents
        .iter()
        .flat_map(|(record, extraction)| {
            let mut quads = record.to_quads();
            quads.extend(extraction.to_quads(&record.iri()));
            quads
        })
        .collect();
    let mut group = c.benchmark_group(format!("ingest {N_DOCUMENTS} documents"));
    group.sample_size(10).throughput(Throughput::Elements(quads.len() as u64));
    group.bench_function("geokg ingest (a transaction per document), quads", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let store = Store::open(&dir.path().join("kg.db"), true).unwrap();
                for (record, extraction) in &documents {
                    store.ingest(record, extraction).unwrap();
                }
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.bench_function("oxigraph bulk loader, quads", |b| {
        b.iter_batched(
            || (tempfile::tempdir().unwrap(), quads.clone()),
            |(dir, quads)| {
                let store = Store::open(&dir.path().join("kg.db"), true).unwrap();
                store.bulk_load(quads).unwrap();
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
    eprintln!(
        "{N_DOCUMENTS} documents = {} quads ({:.1} quads per document)",
        quads.len(),
        quads.len() as f64 / N_DOCUMENTS as f64
    );
}

criterion_group!(benches, ingest);
criterion_main!(benches);
