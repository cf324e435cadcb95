//! `geokg neighbors`: the ego network of an actor, as a list of actors and their relations.

use super::graph::{self, date};
use super::who_met::render;
use crate::cli::{ListFormat, NeighborsArgs};
use crate::output;
use geokg_graph::Query;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &NeighborsArgs) -> anyhow::Result<ExitCode> {
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let mut ego = query.neighbors(&args.name, args.hops)?;
    let left_out = ego.nodes.len().saturating_sub(args.limit);
    if left_out > 0 {
        ego.nodes.truncate(args.limit);
        let kept: std::collections::BTreeSet<&str> = ego.nodes.iter().map(|n| n.node.id.as_str()).collect();
        let kept: std::collections::BTreeSet<String> = kept.into_iter().map(str::to_owned).collect();
        ego.edges.retain(|e| kept.contains(&e.from.id) && kept.contains(&e.to.id));
        eprintln!("{left_out} more actors left out, the farthest first; raise --limit to see them");
    }
    let mut out = output::stdout();
    match args.graph.format {
        ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&ego)?)?,
        format => {
            let rows: Vec<Vec<String>> = ego
                .edges
                .iter()
                .map(|e| {
                    vec![
                        e.from.label.clone(),
                        e.relation.as_str().to_owned(),
                        e.to.label.clone(),
                        e.count.to_string(),
                        date(e.first),
                        date(e.last),
                    ]
                })
                .collect();
            if format == ListFormat::Table {
                let distances: Vec<String> =
                    ego.nodes.iter().map(|n| format!("{} ({})", n.node.label, n.distance)).collect();
                output::line(
                    &mut out,
                    &format!("{} actors around {}: {}", ego.nodes.len(), ego.center.label, distances.join(", ")),
                )?;
            }
            render(&mut out, format, &["from", "relation", "to", "facts", "first", "last"], &rows)?;
        }
    }
    out.flush()?;
    Ok(if ego.edges.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
