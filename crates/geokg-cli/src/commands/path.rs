//! `geokg path`: the shortest relationship paths between two actors, each hop explained in
//! words with its date and evidence.

use super::graph::{self, date};
use crate::cli::{ListFormat, PathArgs};
use crate::output;
use anyhow::Context;
use geokg_graph::{PathOptions, Query, Weight};
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &PathArgs) -> anyhow::Result<ExitCode> {
    let weight = Weight::parse(&args.weight)
        .with_context(|| format!("--weight {}: use hops, recency or sources", args.weight))?;
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let options = PathOptions { max_hops: args.max_hops, k: args.k, weight };
    let paths = query.path(&args.from, &args.to, &options)?;
    let mut out = output::stdout();
    match args.graph.format {
        ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&paths)?)?,
        ListFormat::Csv => {
            output::line(&mut out, "path,hop,from,relation,direction,to,date,place,status,item,role,sources,evidence")?;
            for (i, path) in paths.paths.iter().enumerate() {
                for (j, hop) in path.hops.iter().enumerate() {
                    let cells = [
                        (i + 1).to_string(),
                        (j + 1).to_string(),
                        hop.from.label.clone(),
                        hop.relation.as_str().to_owned(),
                        format!("{:?}", hop.direction).to_lowercase(),
                        hop.to.label.clone(),
                        date(hop.date),
                        hop.place.clone().unwrap_or_default(),
                        hop.status.map(|s| s.to_string()).unwrap_or_default(),
                        hop.item.clone().unwrap_or_default(),
                        hop.role.clone().unwrap_or_default(),
                        hop.sources.len().to_string(),
                        hop.evidence.first().cloned().unwrap_or_default(),
                    ];
                    output::line(&mut out, &output::csv_record(&cells))?;
                }
            }
        }
        ListFormat::Table => {
            if paths.paths.is_empty() {
                eprintln!(
                    "no path from {} to {} within {} hops (try --max-hops, --status any or --via)",
                    paths.from.label, paths.to.label, args.max_hops
                );
            }
            for (i, path) in paths.paths.iter().enumerate() {
                output::line(&mut out, &format!("{}. {path}", i + 1))?;
                for hop in &path.hops {
                    let sources = hop.sources.iter().map(|s| s.document.as_str()).collect::<Vec<_>>().join(", ");
                    output::line(&mut out, &format!("   {} → {}: {sources}", hop.from.label, hop.to.label))?;
                    if let Some(sentence) = hop.evidence.first() {
                        output::line(&mut out, &format!("     «{sentence}»"))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if paths.paths.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
