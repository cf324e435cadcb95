//! `geokg export`: the filtered graph (or an ego network) drawn in one of geokg-export's formats,
//! to a file or standard output, with a count of what was written and left out.

use super::graph;
use crate::cli::{ExportArgs, ExportFormat};
use anyhow::Context;
use geokg_export::Format;
use geokg_graph::Query;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(store: &Path, args: &ExportArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let format =
        args.format.map(format_of).or_else(|| args.output.as_deref().and_then(from_extension)).unwrap_or(Format::Html);
    if format.is_binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("{} is binary: write it to a file with -o FILE, or redirect standard output", format.as_str());
    }
    let started = std::time::Instant::now();
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.filter)?);
    let around = args.around.as_deref().map(|name| (name, args.hops));
    let subgraph = query.subgraph(around, args.limit)?;
    let bytes = if format == Format::Png {
        let png = geokg_export::render_png(&geokg_export::svg(&subgraph, &geokg_export::layout(&subgraph)))?;
        if png.fonts == 0 && !quiet {
            eprintln!("warning: no fonts found, so the PNG has no labels; install some (Debian: fonts-dejavu-core)");
        }
        png.bytes
    } else {
        geokg_export::export(&subgraph, format)?
    };
    if let Some(path) = &args.output {
        std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
    }
    if !quiet {
        let target = args.output.as_ref().map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
        eprintln!(
            "{} actors and {} facts written as {} to {target} ({} bytes, {:.1} s)",
            subgraph.nodes.len(),
            subgraph.edges.len(),
            format.as_str(),
            bytes.len(),
            started.elapsed().as_secs_f64()
        );
        let left_out = subgraph.left_out;
        if left_out.nodes > 0 {
            let kept = if around.is_some() { "nearest" } else { "best-connected" };
            eprintln!(
                "{} actors and {} facts left out: only the {} {kept} actors are drawn; raise --limit to draw more",
                left_out.nodes, left_out.edges, left_out.limit
            );
        }
    }
    Ok(if subgraph.edges.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn format_of(format: ExportFormat) -> Format {
    match format {
        ExportFormat::Dot => Format::Dot,
        ExportFormat::Svg => Format::Svg,
        ExportFormat::Png => Format::Png,
        ExportFormat::Graphml => Format::Graphml,
        ExportFormat::Gexf => Format::Gexf,
        ExportFormat::Cytoscape => Format::Cytoscape,
        ExportFormat::Html => Format::Html,
    }
}

/// The format a file name asks for: `.dot`/`.gv`, `.svg`, `.png`, `.graphml`, `.gexf`,
/// `.json` (Cytoscape), `.html`/`.htm`.
fn from_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "dot" | "gv" => Format::Dot,
        "svg" => Format::Svg,
        "png" => Format::Png,
        "graphml" => Format::Graphml,
        "gexf" => Format::Gexf,
        "json" | "cyjs" => Format::Cytoscape,
        "html" | "htm" => Format::Html,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_file_name() {
        assert_eq!(from_extension(Path::new("graph.GEXF")), Some(Format::Gexf));
        assert_eq!(from_extension(Path::new("out/graph.json")), Some(Format::Cytoscape));
        assert_eq!(from_extension(Path::new("graph.txt")), None);
        assert_eq!(from_extension(Path::new("graph")), None);
    }
}
