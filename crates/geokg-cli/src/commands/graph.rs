//! What the graph commands share: the view, loaded from its cache beside the store when the
//! store has not changed (else built from the store's facts and cached), the filters, and
//! rendering of actors. Ingest and forget bring a current cache along with what they change.

use crate::cli::FilterArgs;
use anyhow::Context;
use geokg_graph::{Filter, Names, NodeRef, Relations, StatusSet, View};
use geokg_model::{FactsMerger, PartialDate};
use geokg_store::Store;
use indicatif::ProgressBar;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The built view with its name index.
pub(crate) struct Loaded {
    pub(crate) view: View,
    pub(crate) names: Names,
}

/// Loads the graph view of the store at `store_path`, from the cache when it is current.
pub(crate) fn load(store_path: &Path) -> anyhow::Result<Loaded> {
    let store = super::open_read(store_path)?;
    let key = key(&store)?;
    let cache = cache_path(store_path);
    let view = if let Some(view) = read_cache(&cache, &key) {
        view
    } else {
        let spinner = ProgressBar::new_spinner();
        spinner.set_message("building the graph view from the store (later commands read it from a cache)");
        spinner.enable_steady_tick(std::time::Duration::from_millis(200));
        let view = View::build(&store.facts()?);
        spinner.finish_and_clear();
        // A store on a read-only medium still answers; it only rebuilds every time.
        let _ = write_cache(&cache, &key, &view);
        view
    };
    let names = Names::new(&view, geokg_extract::Extractor::default().aliases());
    Ok(Loaded { view, names })
}

/// What the cache is keyed by: the store's revision, which every write replaces, or where the
/// store has none (written by other tools), the hash of every document's version.
fn key(store: &Store) -> anyhow::Result<String> {
    Ok(match store.revision()? {
        Some(revision) => format!("revision {revision}"),
        None => format!("documents {}", store.state_key()?),
    })
}

/// What a write did to the documents of the store, for bringing a cached view up to date.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Sources stored for the first time.
    pub(crate) added: BTreeSet<String>,
    /// Sources stored again with other content.
    pub(crate) replaced: BTreeSet<String>,
    /// Sources removed.
    pub(crate) removed: BTreeSet<String>,
}

/// The key of an embedded store whose view is cached and current, taken before a write so that
/// [`update_cache`] can bring the cache along afterwards. `None` when there is nothing to keep
/// current, or the store is a server that other clients may write at the same time.
pub(crate) fn current_cache(store_path: &Path, store: &Store) -> Option<String> {
    if store.remote_kind().is_some() {
        return None;
    }
    let key = format!("revision {}", store.revision().ok()??);
    open_cache(&cache_path(store_path), &key).map(|_| key)
}

/// Brings the cached view of `base` (see [`current_cache`]) up to date with `changes`: takes the
/// changed documents' facts out of the view's facts and reads their new ones from the store, so
/// that the next graph command need not read the whole store. Does nothing when the cache is
/// not that of `base`.
pub(crate) fn update_cache(
    store_path: &Path,
    store: &Store,
    base: &str,
    changes: &Changes,
    quiet: bool,
) -> anyhow::Result<()> {
    let cache = cache_path(store_path);
    let Some(view) = read_cache(&cache, base) else {
        return Ok(());
    };
    let spinner = if quiet { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
    spinner.set_message("bringing the graph view's cache up to date");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let mut merger = FactsMerger::from(view.facts());
    drop(view);
    merger.remove(&changes.replaced.union(&changes.removed).cloned().collect());
    for source in changes.added.iter().chain(&changes.replaced) {
        if let Some((record, extraction)) = store.document(source)? {
            merger.add(&record, extraction);
        }
    }
    write_cache(&cache, &key(store)?, &View::build(&merger.finish()))?;
    spinner.finish_and_clear();
    Ok(())
}

/// The cache file beside the store: `geokg.db` → `geokg.db.view`. A SPARQL server's view is
/// cached in the user's cache folder (`$XDG_CACHE_HOME/geokg`, else `~/.cache/geokg`), one file
/// per server URL; it is keyed by the store's state like any other.
fn cache_path(store_path: &Path) -> PathBuf {
    if let Some(url) = store_path.to_str().filter(|s| s.starts_with("http://") || s.starts_with("https://")) {
        let folder = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
            .unwrap_or_else(std::env::temp_dir)
            .join("geokg");
        let _ = std::fs::create_dir_all(&folder);
        let key = geokg_model::iri::content_hash(url);
        return folder.join(format!("{}.view", &key[..16]));
    }
    let mut name = store_path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".view");
    store_path.with_file_name(name)
}

/// The cached view when its first line is the store's current key.
fn read_cache(path: &Path, key: &str) -> Option<View> {
    View::read_cache(open_cache(path, key)?).ok()
}

/// The cache file, read past its first line, when that line is `key`.
fn open_cache(path: &Path, key: &str) -> Option<BufReader<File>> {
    let mut reader = BufReader::new(File::open(path).ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    (first.trim_end() == key).then_some(reader)
}

/// Writes the view after its key, through a temporary file renamed into place.
fn write_cache(path: &Path, key: &str, view: &View) -> anyhow::Result<()> {
    let temporary = path.with_extension("view.tmp");
    let mut writer = BufWriter::new(File::create(&temporary)?);
    writeln!(writer, "{key}")?;
    view.write_cache(&mut writer)?;
    writer.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))
}

/// The filter the flags describe.
pub(crate) fn filter(args: &FilterArgs) -> anyhow::Result<Filter> {
    let statuses = StatusSet::parse(&args.status).with_context(|| {
        format!(
            "--status {}: use occurred, planned, alleged, speculative, negated (comma-separated) or any",
            args.status
        )
    })?;
    let via = Relations::parse(&args.via)
        .with_context(|| format!("--via {}: use met, supplied, leads (comma-separated)", args.via))?;
    Ok(Filter::default()
        .with_since(args.since)
        .with_until(args.until)
        .with_statuses(statuses)
        .with_min_sources(args.min_sources)
        .with_via(via)
        .with_as_states(args.as_states))
}

/// A date or nothing.
pub(crate) fn date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Labels joined by `; `.
pub(crate) fn labels<'a>(nodes: impl IntoIterator<Item = &'a NodeRef>) -> String {
    nodes.into_iter().map(|n| n.label.as_str()).collect::<Vec<_>>().join("; ")
}
