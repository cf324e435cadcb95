//! One file per subcommand; this one dispatches and holds what they share: opening the store.

mod central;
mod communities;
mod dump;
mod export;
mod extract;
mod forget;
mod graph;
mod ingest;
mod list;
mod neighbors;
mod path;
mod query;
mod stats;
mod timeline;
mod who_met;

use crate::cli::{Args, Command};
use geokg_store::{Location, RemoteOptions, Store, StoreKind};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

/// Runs the subcommand; `Ok` carries the exit code (0, or 1 for nothing found / some input failed).
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.store.as_path();
    let _ = STORE_KIND.set(args.store_kind);
    match args.command {
        Command::Ingest(ingest) => ingest::run(store, &ingest, args.quiet),
        Command::Extract(extract) => extract::run(&extract),
        Command::Meetings(list) => list::meetings(&open_read(store)?, &list),
        Command::Transfers(list) => list::transfers(&open_read(store)?, &list),
        Command::Leaders(list) => list::leaders(&open_read(store)?, &list),
        Command::WhoMet(who_met) => who_met::run(store, &who_met),
        Command::Path(path) => path::run(store, &path),
        Command::Neighbors(neighbors) => neighbors::run(store, &neighbors),
        Command::Central(central) => central::run(store, &central),
        Command::Communities(communities) => communities::run(store, &communities),
        Command::Timeline(timeline) => timeline::run(store, &timeline),
        Command::Export(export) => export::run(store, &export, args.quiet),
        Command::Query(query) => query::run(store, &query),
        Command::Stats(stats) => stats::run(&open_read(store)?, &stats),
        Command::Dump(dump) => dump::run(&open_read(store)?, &dump),
        Command::Forget(forget) => forget::run(store, &forget),
    }
}

/// The server kind `--store-kind` (or `GEOKG_STORE_KIND`) gives, for a `--store` URL.
static STORE_KIND: OnceLock<Option<StoreKind>> = OnceLock::new();

/// The URL when `--store` names a SPARQL server rather than a folder.
fn remote_url(path: &Path) -> Option<String> {
    match Location::parse(path.to_str()?) {
        Location::Remote(url) => Some(url),
        _ => None,
    }
}

/// How to reach the server: the environment's settings and credentials, and `--store-kind`.
fn remote_options() -> anyhow::Result<RemoteOptions> {
    let mut options = RemoteOptions::from_env()?;
    if let Some(Some(kind)) = STORE_KIND.get() {
        options = options.with_kind(*kind);
    }
    Ok(options)
}

/// Opens the store for a command that only reads; another process may be writing.
pub(crate) fn open_read(path: &Path) -> anyhow::Result<Store> {
    if let Some(url) = remote_url(path) {
        return Ok(Store::open_remote_read_only(&url, &remote_options()?)?);
    }
    #[cfg(feature = "rocksdb")]
    return Ok(Store::open_read_only(path)?);
    #[cfg(not(feature = "rocksdb"))]
    anyhow::bail!("this geokg was built without the on-disk store; cannot open {}", path.display())
}

/// Opens the store for writing, creating it when asked; a second writer gets a clear error.
pub(crate) fn open_write(path: &Path, create: bool) -> anyhow::Result<Store> {
    if let Some(url) = remote_url(path) {
        return Ok(Store::open_remote(&url, &remote_options()?)?);
    }
    #[cfg(feature = "rocksdb")]
    return anyhow::Context::with_context(Store::open(path, create), || {
        format!("cannot use the store at {}", path.display())
    });
    #[cfg(not(feature = "rocksdb"))]
    {
        let _ = create;
        anyhow::bail!("this geokg was built without the on-disk store; cannot open {}", path.display())
    }
}
