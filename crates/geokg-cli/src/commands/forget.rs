//! `geokg forget`: removes documents and every fact only they supported.

use crate::cli::ForgetArgs;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(store_path: &Path, args: &ForgetArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_write(store_path, false)?;
    let mut cached = super::graph::current_cache(store_path, &store);
    let mut changes = super::graph::Changes::default();
    let mut missing = 0;
    for source in &args.sources {
        // Ingest records files by their canonical path; accept the path as the user types it.
        let candidates = [Some(source.clone()), std::fs::canonicalize(source).ok().map(|p| p.display().to_string())];
        let mut forgotten = false;
        for candidate in candidates.into_iter().flatten() {
            if store.forget(&candidate)? {
                eprintln!("forgot {candidate}");
                if candidate.starts_with(geokg_model::iri::ID_BASE) {
                    // A graph IRI does not tell which source the view knows the document by.
                    cached = None;
                }
                changes.removed.insert(candidate);
                forgotten = true;
                break;
            }
        }
        if !forgotten {
            eprintln!("not in the store: {source} (see `geokg query documents` for the sources it holds)");
            missing += 1;
        }
    }
    store.flush()?;
    if let Some(base) = cached.filter(|_| !changes.removed.is_empty())
        && let Err(error) = super::graph::update_cache(store_path, &store, &base, &changes, false)
    {
        eprintln!("warning: the graph view's cache was not brought up to date: {error:#}");
    }
    Ok(if missing > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
