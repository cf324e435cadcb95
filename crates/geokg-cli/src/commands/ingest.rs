//! `geokg ingest`: documents in, one transaction each; a progress bar on a terminal and a
//! summary always. Files and folders are read first, then article URLs and feed items are
//! fetched on a few threads and stored as they arrive. A bad document or URL is reported with its
//! path or URL and skipped; the rest go on.

use crate::cli::IngestArgs;
use crate::output;
use anyhow::Context;
use geokg_extract::Extractor;
use geokg_model::{Document, DocumentRecord, EXTRACTOR_VERSION, FetchRecord, iri};
use geokg_source::{FetchOptions, Fetcher, Input, Page, PageRequest, ReadOptions, expand, fetch_pages, read};
use geokg_store::{IngestOutcome, Store, StoreError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// What an ingest run did.
#[derive(Debug, Default)]
struct Summary {
    new: usize,
    unchanged: usize,
    replaced: usize,
    failed: usize,
    facts: usize,
    quads: usize,
    /// Feed items left alone because the store has them.
    stored_items: usize,
    /// Feed items published before `--since`.
    old_items: usize,
    /// The documents written, to bring the graph view's cache along.
    changes: super::graph::Changes,
}

impl Summary {
    /// Counts one document's outcome. A store that cannot be written at all (a SPARQL server
    /// down or refusing writes) ends the run: every next document would fail the same way.
    fn count(
        &mut self,
        result: anyhow::Result<(IngestOutcome, usize, usize, String)>,
        progress: &ProgressBar,
    ) -> anyhow::Result<()> {
        match result {
            Ok((outcome, facts, quads, source)) => {
                match outcome {
                    IngestOutcome::New => {
                        self.new += 1;
                        self.changes.added.insert(source);
                    }
                    IngestOutcome::Unchanged => self.unchanged += 1,
                    IngestOutcome::Replaced => {
                        self.replaced += 1;
                        // Stored twice in one run: still new to the cached view.
                        if !self.changes.added.contains(&source) {
                            self.changes.replaced.insert(source);
                        }
                    }
                }
                self.facts += facts;
                self.quads += quads;
            }
            Err(error) => {
                let fatal = error.chain().any(|cause| {
                    matches!(
                        cause.downcast_ref::<StoreError>(),
                        Some(StoreError::Unreachable { .. } | StoreError::WriteRefused { .. })
                    )
                });
                if fatal {
                    progress.finish_and_clear();
                    return Err(error.context(format!(
                        "stopped after {} documents stored; documents stored are complete, run the same command again to store the rest",
                        self.new + self.replaced + self.unchanged
                    )));
                }
                self.fail(&format!("{error:#}"), progress);
            }
        }
        Ok(())
    }

    fn fail(&mut self, message: &str, progress: &ProgressBar) {
        self.failed += 1;
        progress.suspend(|| eprintln!("error: {message}"));
    }
}

/// Whether a command-line input is a URL to fetch rather than a path.
fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub(crate) fn run(store_path: &Path, args: &IngestArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (urls, paths): (Vec<&String>, Vec<&String>) = args.paths.iter().partition(|input| is_url(input));
    let mut feeds = args.feeds.clone();
    if let Some(file) = &args.feeds_file {
        let list = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the feeds file {}; check the path", file.display()))?;
        feeds.extend(
            list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_owned),
        );
    }
    let inputs = expand(&paths);
    let n_files = inputs.iter().filter(|input| !matches!(input, Input::Missing(_))).count();
    anyhow::ensure!(
        args.source.is_none()
            || (inputs.len() + urls.len() == 1
                && feeds.is_empty()
                && !inputs.first().is_some_and(|input| matches!(input, Input::Unlisted { .. }))),
        "--source names one document; it cannot be used with {} inputs",
        inputs.len() + urls.len() + feeds.len()
    );
    let store = super::open_write(store_path, true)?;
    let cached = super::graph::current_cache(store_path, &store);
    let extractor = Extractor::default();
    let mut options = ReadOptions::default();
    if let Some(published) = args.published {
        options = options.with_published(published);
    }
    if let Some(source) = &args.source {
        options = options.with_source(source);
    }
    let mut summary = Summary::default();
    if !inputs.is_empty() {
        let progress = bar(quiet, inputs.len(), "files");
        for input in &inputs {
            progress.set_message(short(&input.to_string()));
            for document in read(input, &options).fetched() {
                match document {
                    Ok((document, fetch)) => {
                        summary.count(ingest_one(&store, &extractor, &document, fetch), &progress)?;
                    }
                    Err(error) => summary.fail(&error.to_string(), &progress),
                }
            }
            progress.inc(1);
        }
        progress.finish_and_clear();
    }
    let n_urls = if urls.is_empty() && feeds.is_empty() {
        0
    } else {
        fetch_web(&store, &extractor, args, &options, &urls, &feeds, quiet, &mut summary)?
    };
    store.flush()?;
    // A failure here costs only time: the next graph command rebuilds the view.
    if let Some(base) = cached.filter(|_| summary.new + summary.replaced > 0)
        && let Err(error) = super::graph::update_cache(store_path, &store, &base, &summary.changes, quiet)
    {
        eprintln!("warning: the graph view's cache was not brought up to date: {error:#}");
    }
    if !quiet {
        let from = match (n_files, n_urls) {
            (_, 0) => format!("{n_files} files"),
            (0, _) => format!("{n_urls} URLs"),
            _ => format!("{n_files} files and {n_urls} URLs"),
        };
        let items = if feeds.is_empty() {
            String::new()
        } else {
            format!("; {} feed items already stored, {} older than --since", summary.stored_items, summary.old_items)
        };
        eprintln!(
            "{} documents from {from}: {} new, {} unchanged, {} replaced, {} failed; {} facts ({} quads) in {:.1} s into {}{items}",
            summary.new + summary.unchanged + summary.replaced + summary.failed,
            summary.new,
            summary.unchanged,
            summary.replaced,
            summary.failed,
            summary.facts,
            summary.quads,
            started.elapsed().as_secs_f64(),
            store_path.display(),
        );
    }
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Fetches the feeds, then the article URLs and the feed items the store lacks, storing each
/// page as it arrives. Returns the number of URLs asked for (feeds and pages).
#[allow(clippy::too_many_arguments)] // One caller; a struct would only rename the arguments.
fn fetch_web(
    store: &Store,
    extractor: &Extractor,
    args: &IngestArgs,
    options: &ReadOptions,
    urls: &[&String],
    feeds: &[String],
    quiet: bool,
    summary: &mut Summary,
) -> anyhow::Result<usize> {
    let fetch_options = FetchOptions::default()
        .with_timeout(args.timeout)
        .with_connect_timeout(args.connect_timeout)
        .with_max_body(args.max_body)
        .with_retries(args.retries, args.retry_wait)
        .with_per_host(usize::from(args.per_host));
    let fetcher = Fetcher::new(fetch_options)?;
    let progress = bar(quiet, feeds.len() + urls.len(), "URLs");
    let mut seen = BTreeSet::new();
    let mut requests = Vec::new();
    for url in urls {
        if seen.insert(String::clone(url)) {
            // A page fetched before is asked for with its validators: 304 means unchanged.
            let known = store.fetch_record(url)?;
            requests.push(PageRequest { known, ..PageRequest::new(url.as_str()) });
        }
    }
    for feed in feeds {
        progress.set_message(short(feed));
        match fetcher.feed(feed) {
            Ok(items) => {
                for item in items {
                    if args.since.is_some_and(|since| item.is_before(since)) {
                        summary.old_items += 1;
                    } else if store.has_source(&item.url)? {
                        summary.stored_items += 1;
                    } else if seen.insert(item.url.clone()) {
                        progress.inc_length(1);
                        requests.push(PageRequest { published: item.published, ..PageRequest::new(item.url) });
                    }
                }
            }
            Err(error) => summary.fail(&error.to_string(), &progress),
        }
        progress.inc(1);
    }
    let n_urls = feeds.len() + requests.len();
    // A store that cannot be written ends the run; the pages still arriving are dropped.
    let mut fatal = None;
    fetch_pages(&fetcher, requests, usize::from(args.jobs), |request, page| {
        if fatal.is_some() {
            return;
        }
        progress.set_message(short(&request.url));
        match page {
            Ok(Page::Article(web)) => {
                let mut document = web.document;
                if let Some(published) = options.published {
                    document.published = Some(published);
                }
                if let Some(source) = &options.source {
                    document.source = Some(source.clone());
                }
                if let Err(error) = summary.count(ingest_one(store, extractor, &document, Some(web.fetch)), &progress) {
                    fatal = Some(error);
                    return;
                }
            }
            Ok(Page::NotModified(_)) => summary.unchanged += 1,
            Err(error) => summary.fail(&error.to_string(), &progress),
        }
        progress.inc(1);
    });
    progress.finish_and_clear();
    if let Some(error) = fatal {
        return Err(error);
    }
    Ok(n_urls)
}

/// A progress bar over `len` things on standard error (drawn only on a terminal), or none.
fn bar(quiet: bool, len: usize, what: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    let template = format!("{{spinner}} [{{elapsed_precise}}] {{bar:30}} {{pos}}/{{len}} {what} {{msg}}");
    bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

/// Extracts one document and stores it, unless the store already has this content.
/// Returns the outcome, the number of facts and the number of quads written.
fn ingest_one(
    store: &Store,
    extractor: &Extractor,
    document: &Document,
    fetch: Option<FetchRecord>,
) -> anyhow::Result<(IngestOutcome, usize, usize, String)> {
    let source = document.source.clone().unwrap_or_else(|| "-".into());
    let content_hash = iri::content_hash(&document.text);
    if store.is_unchanged(&source, &content_hash, EXTRACTOR_VERSION)? {
        return Ok((IngestOutcome::Unchanged, 0, 0, source));
    }
    let extraction = extractor.extract(document);
    let record = DocumentRecord {
        source: source.clone(),
        title: extraction.document.title.clone(),
        language: extraction.document.language.clone(),
        published: extraction.document.published,
        content_hash,
        ingested_at: output::now(),
        extractor_version: EXTRACTOR_VERSION.into(),
        fetch,
    };
    let (outcome, quads) = store.ingest(&record, &extraction).with_context(|| format!("cannot store {source}"))?;
    Ok((outcome, extraction.n_facts(), quads, source))
}

/// The end of a long path, for the progress bar's message.
fn short(text: &str) -> String {
    let n = text.chars().count();
    if n <= 40 { text.to_owned() } else { format!("…{}", text.chars().skip(n - 39).collect::<String>()) }
}
