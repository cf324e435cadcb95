//! `geokg stats`: what the store holds, in counts.

use crate::cli::{StatsArgs, StatsFormat};
use crate::output;
use geokg_store::Store;
use std::process::ExitCode;

pub(crate) fn run(store: &Store, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let stats = store.stats()?;
    let mut out = output::stdout();
    match args.format {
        StatsFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&stats)?)?,
        StatsFormat::Table => {
            let rows = [
                ("documents", stats.documents),
                ("meetings", stats.meetings),
                ("phone calls", stats.phone_calls),
                ("transfers", stats.transfers),
                ("office holdings", stats.leaders),
                ("persons", stats.persons),
                ("states", stats.states),
                ("organizations", stats.organizations),
                ("places", stats.places),
                ("quads", stats.quads),
            ];
            let rows: Vec<Vec<String>> = rows.iter().map(|(name, n)| vec![(*name).to_owned(), n.to_string()]).collect();
            output::line(&mut out, &output::table(&["what", "count"], &rows))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
