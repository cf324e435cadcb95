//! `geokg extract`: the facts of one text, printed, with no store involved.

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::output;
use anyhow::Context;
use geokg_extract::Extractor;
use geokg_model::{DocumentRecord, EXTRACTOR_VERSION, iri, rdf};
use geokg_source::{ReadOptions, expand, read};
use std::process::ExitCode;

pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut options = ReadOptions::default();
    if let Some(published) = args.published {
        options = options.with_published(published);
    }
    if let Some(source) = &args.source {
        options = options.with_source(source);
    }
    let extractor = Extractor::default();
    let mut out = output::stdout();
    let mut n_documents = 0;
    for input in expand(std::slice::from_ref(&args.file)) {
        for document in read(&input, &options) {
            let document = document.with_context(|| format!("cannot extract from {}", args.file))?;
            let extraction = extractor.extract(&document);
            n_documents += 1;
            match args.format {
                ExtractFormat::Json => {
                    let json = serde_json::to_string_pretty(&extraction.to_json())?;
                    output::line(&mut out, &json)?;
                }
                ExtractFormat::Turtle => {
                    let graph = iri::document(&extraction.document.source);
                    rdf::write(&extraction.to_quads(&graph), rdf::Syntax::Turtle, &mut out)?;
                }
                ExtractFormat::Trig => {
                    let record = DocumentRecord {
                        source: extraction.document.source.clone(),
                        title: extraction.document.title.clone(),
                        language: extraction.document.language.clone(),
                        published: extraction.document.published,
                        content_hash: iri::content_hash(&document.text),
                        ingested_at: output::now(),
                        extractor_version: EXTRACTOR_VERSION.into(),
                        fetch: None,
                    };
                    let mut quads = record.to_quads();
                    quads.extend(extraction.to_quads(&record.iri()));
                    rdf::write(&quads, rdf::Syntax::Trig, &mut out)?;
                }
            }
        }
    }
    anyhow::ensure!(n_documents > 0, "no text in {}", args.file);
    Ok(ExitCode::SUCCESS)
}
