//! `geokg forget`: removes documents and every fact only they supported.

use crate::cli::ForgetArgs;
use geokg_store::Store;
use std::process::ExitCode;

pub(crate) fn run(store: &Store, args: &ForgetArgs) -> anyhow::Result<ExitCode> {
    let mut missing = 0;
    for source in &args.sources {
        // Ingest records files by their canonical path; accept the path as the user types it.
        let candidates = [Some(source.clone()), std::fs::canonicalize(source).ok().map(|p| p.display().to_string())];
        let mut forgotten = false;
        for candidate in candidates.into_iter().flatten() {
            if store.forget(&candidate)? {
                eprintln!("forgot {candidate}");
                forgotten = true;
                break;
            }
        }
        if !forgotten {
            eprintln!("not in the store: {source} (see `geokg query documents` for the sources it holds)");
            missing += 1;
        }
    }
    Ok(if missing > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
