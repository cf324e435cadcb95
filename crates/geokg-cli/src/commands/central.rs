//! `geokg central`: who is central or a broker, by degree, betweenness or PageRank.

use super::graph;
use super::who_met::render;
use crate::cli::{CentralArgs, ListFormat};
use crate::output;
use anyhow::Context;
use geokg_graph::{Betweenness, CentralOptions, Measure, Query};
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &CentralArgs) -> anyhow::Result<ExitCode> {
    let measure = Measure::parse(&args.measure)
        .with_context(|| format!("--measure {}: use degree, betweenness or pagerank", args.measure))?;
    let betweenness = match (args.exact, args.samples) {
        (true, _) => Betweenness::Exact,
        (false, Some(k)) => Betweenness::Sampled(k),
        (false, None) => Betweenness::Auto,
    };
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let ranking = query.central(&CentralOptions { measure, top: Some(args.top), betweenness });
    let mut out = output::stdout();
    match args.graph.format {
        ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&ranking)?)?,
        format => {
            let rows: Vec<Vec<String>> = ranking
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    vec![
                        (i + 1).to_string(),
                        row.node.label.clone(),
                        format!("{:.4}", row.score),
                        row.degree.to_string(),
                    ]
                })
                .collect();
            if format == ListFormat::Table {
                eprintln!(
                    "{} over {} actors and {} related pairs ({})",
                    args.measure, ranking.nodes, ranking.edges, ranking.method
                );
            }
            render(&mut out, format, &["rank", "actor", "score", "degree"], &rows)?;
        }
    }
    out.flush()?;
    Ok(if ranking.rows.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
