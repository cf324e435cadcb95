//! `geokg timeline`: every meeting and transfer involving an actor, in date order.

use super::graph::{self, date, labels};
use super::who_met::render;
use crate::cli::{ListFormat, TimelineArgs};
use crate::output;
use geokg_graph::{Direction, Query};
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let entries = query.timeline(&args.name)?;
    let mut out = output::stdout();
    match args.graph.format {
        ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&entries)?)?,
        format => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    let what = match (e.direction, &e.item) {
                        (Direction::Forward, item) => format!("supplied {}", item.clone().unwrap_or_default()),
                        (Direction::Backward, item) => format!("received {}", item.clone().unwrap_or_default()),
                        (Direction::Undirected, _) => e.kind.clone(),
                    };
                    vec![
                        date(e.date),
                        what,
                        labels(&e.with),
                        e.place.clone().unwrap_or_default(),
                        e.status.to_string(),
                        e.sources.to_string(),
                    ]
                })
                .collect();
            render(&mut out, format, &["date", "what", "with", "place", "status", "sources"], &rows)?;
        }
    }
    out.flush()?;
    Ok(if entries.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
