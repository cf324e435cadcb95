//! Builds a synthetic store for measuring the graph commands at scale: the facts of
//! `geokg_graph::synthetic` (actors, meetings, transfers and office holdings over the years)
//! written as the documents that would have stated them, one named graph each, through
//! Oxigraph's bulk loader.
//!
//! ```sh
//! cargo build --release -p geokg-cli --bins --examples
//! target/release/examples/synthetic_store --store target/synthetic.db            # 1 M meetings
//! target/release/examples/synthetic_store --store target/small.db --scale 100    # 10 k meetings
//! /usr/bin/time -v target/release/geokg --store target/synthetic.db who-met Q1000000
//! ```
//!
//! Every source of a fact becomes a document holding that fact with the source's evidence and
//! publication date, so reading the store back gives the same merged facts the generator made.

use geokg_graph::synthetic;
use geokg_model::{DocumentRecord, EXTRACTOR_VERSION, Extraction, Facts, iri};
use geokg_store::Store;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Documents written per bulk-loader batch: bounds the loader's memory.
const BATCH: usize = 20_000;

struct Args {
    store: PathBuf,
    actors: usize,
    meetings: usize,
    transfers: usize,
    years: u32,
    seed: u64,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        store: PathBuf::from("target/synthetic.db"),
        actors: 20_000,
        meetings: 1_000_000,
        transfers: 200_000,
        years: 25,
        seed: 7,
    };
    let mut scale = 1;
    let mut rest = std::env::args().skip(1);
    while let Some(flag) = rest.next() {
        let mut value = || rest.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| text.parse::<usize>().map_err(|e| format!("{flag} {text}: {e}"));
        match flag.as_str() {
            "--store" => args.store = PathBuf::from(value()?),
            "--actors" => args.actors = number(value()?)?,
            "--meetings" => args.meetings = number(value()?)?,
            "--transfers" => args.transfers = number(value()?)?,
            "--years" => args.years = number(value()?)? as u32,
            "--seed" => args.seed = number(value()?)? as u64,
            "--scale" => scale = number(value()?)?.max(1),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    args.actors /= scale;
    args.meetings /= scale;
    args.transfers /= scale;
    Ok(args)
}

/// The extraction of the document `source` names, made on first use.
fn document<'a>(
    documents: &'a mut BTreeMap<String, (DocumentRecord, Extraction)>,
    source: &geokg_model::Source,
) -> &'a mut Extraction {
    &mut documents
        .entry(source.document.clone())
        .or_insert_with(|| {
            let record = DocumentRecord {
                source: source.document.clone(),
                title: None,
                language: "en".into(),
                published: source.published,
                content_hash: iri::content_hash(&source.document),
                ingested_at: "2026-12-01T00:00:00Z".into(),
                extractor_version: EXTRACTOR_VERSION.into(),
                fetch: None,
            };
            (record, Extraction::default())
        })
        .1
}

/// The facts as the documents that state them, by source.
fn documents(facts: Facts) -> BTreeMap<String, (DocumentRecord, Extraction)> {
    let mut documents = BTreeMap::new();
    for sourced in facts.meetings {
        for source in &sourced.sources {
            let mut meeting = sourced.fact.clone();
            meeting.evidence.clone_from(&source.evidence);
            document(&mut documents, source).meetings.push(meeting);
        }
    }
    for sourced in facts.transfers {
        for source in &sourced.sources {
            let mut transfer = sourced.fact.clone();
            transfer.evidence.clone_from(&source.evidence);
            document(&mut documents, source).transfers.push(transfer);
        }
    }
    for sourced in facts.leaders {
        for source in &sourced.sources {
            let mut leader = sourced.fact.clone();
            leader.evidence.clone_from(&source.evidence);
            document(&mut documents, source).leaders.push(leader);
        }
    }
    documents
}

#[allow(clippy::print_stdout)] // a tool that reports what it made
fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(message) => {
            eprintln!(
                "synthetic_store: {message}\nusage: synthetic_store [--store DIR] [--scale N] [--actors N] \
                 [--meetings N] [--transfers N] [--years N] [--seed N]"
            );
            return ExitCode::from(2);
        }
    };
    if args.store.exists() {
        eprintln!("synthetic_store: {} exists; remove it or choose another --store", args.store.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let facts = synthetic::facts(args.actors, args.meetings, args.transfers, args.years, args.seed);
    let (n_meetings, n_transfers, n_leaders) = (facts.meetings.len(), facts.transfers.len(), facts.leaders.len());
    let documents = documents(facts);
    println!(
        "{} actors, {n_meetings} meetings, {n_transfers} transfers, {n_leaders} office holdings in {} documents \
         ({:.1} s)",
        args.actors,
        documents.len(),
        started.elapsed().as_secs_f64()
    );
    let store = match Store::open(&args.store, true) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("synthetic_store: {error}");
            return ExitCode::from(2);
        }
    };
    let loading = Instant::now();
    let mut n_quads = 0;
    let mut batch = Vec::new();
    let n_documents = documents.len();
    for (i, (_, (record, mut extraction))) in documents.into_iter().enumerate() {
        extraction.collect_entities();
        batch.extend(record.to_quads());
        batch.extend(extraction.to_quads(&record.iri()));
        if (i + 1) % BATCH == 0 || i + 1 == n_documents {
            n_quads += batch.len();
            if let Err(error) = store.bulk_load(std::mem::take(&mut batch)) {
                eprintln!("synthetic_store: {error}");
                return ExitCode::from(1);
            }
            eprint!("\r{} of {n_documents} documents, {n_quads} quads", i + 1);
        }
    }
    eprintln!();
    let seconds = loading.elapsed().as_secs_f64();
    println!(
        "{n_quads} quads written to {} in {seconds:.1} s ({:.0} quads/s)",
        args.store.display(),
        n_quads as f64 / seconds
    );
    // The bulk loader leaves one file per batch; compacted, reads take about half the time, as
    // they do in a store that grew by ingest.
    let compacting = Instant::now();
    if let Err(error) = store.optimize() {
        eprintln!("synthetic_store: {error}");
        return ExitCode::from(1);
    }
    println!("compacted in {:.1} s", compacting.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
