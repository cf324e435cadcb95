//! `geokg communities`: groups of actors that meet or trade mostly among themselves (Louvain).

use super::graph::{self, labels};
use super::who_met::render;
use crate::cli::{CommunitiesArgs, ListFormat};
use crate::output;
use geokg_graph::Query;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &CommunitiesArgs) -> anyhow::Result<ExitCode> {
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let mut communities = query.communities();
    communities.groups.truncate(args.top);
    let mut out = output::stdout();
    match args.graph.format {
        ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&communities)?)?,
        format => {
            let rows: Vec<Vec<String>> = communities
                .groups
                .iter()
                .map(|g| {
                    vec![
                        g.id.to_string(),
                        g.members.len().to_string(),
                        g.internal.to_string(),
                        g.external.to_string(),
                        labels(&g.members),
                    ]
                })
                .collect();
            if format == ListFormat::Table {
                eprintln!(
                    "{} groups ({}, modularity {:.3})",
                    communities.groups.len(),
                    communities.algorithm,
                    communities.modularity
                );
            }
            render(&mut out, format, &["group", "size", "inside", "outside", "members"], &rows)?;
        }
    }
    out.flush()?;
    Ok(if communities.groups.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
