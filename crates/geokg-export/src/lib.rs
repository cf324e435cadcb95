#![doc = include_str!("../README.md")]

mod attributes;
mod cytoscape;
mod dot;
mod gexf;
mod graphml;
mod html;
mod layout;
mod png;
mod style;
mod svg;
mod xml;

pub use layout::{Layout, layout};
pub use png::Png;

use geokg_graph::Subgraph;

/// The formats geokg draws the graph in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Graphviz DOT, for `dot`, `neato` or `sfdp`.
    Dot,
    /// An SVG picture laid out and drawn by geokg.
    Svg,
    /// The SVG picture rasterised.
    Png,
    /// GraphML, for yEd, Gephi and Cytoscape desktop.
    Graphml,
    /// GEXF 1.3 with dated edges, for Gephi's timeline.
    Gexf,
    /// Cytoscape.js elements as JSON.
    Cytoscape,
    /// One self-contained interactive HTML page.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Self; 7] =
        [Self::Dot, Self::Svg, Self::Png, Self::Graphml, Self::Gexf, Self::Cytoscape, Self::Html];

    /// The format's name, also its usual file extension (`json` for Cytoscape).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dot => "dot",
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Graphml => "graphml",
            Self::Gexf => "gexf",
            Self::Cytoscape => "cytoscape",
            Self::Html => "html",
        }
    }

    /// Whether the output is binary (not for a terminal).
    #[must_use]
    pub fn is_binary(self) -> bool {
        self == Self::Png
    }
}

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The SVG could not be rasterised.
    #[error("cannot render the PNG: {0}")]
    Png(String),
    /// Serialising JSON failed.
    #[error("cannot write JSON")]
    Json(#[from] serde_json::Error),
}

/// The subgraph in `format`, as the bytes of a file.
///
/// ```
/// # use geokg_graph::{Filter, Names, Query, View, synthetic};
/// let view = View::build(&synthetic::facts(20, 60, 10, 2, 1));
/// let names = Names::new(&view, []);
/// let subgraph = Query::new(&view, &names, Filter::default()).subgraph(None, 50).unwrap();
/// let dot = geokg_export::export(&subgraph, geokg_export::Format::Dot).unwrap();
/// assert!(String::from_utf8(dot).unwrap().starts_with("digraph geokg {"));
/// ```
pub fn export(subgraph: &Subgraph, format: Format) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Dot => dot::write(subgraph).into_bytes(),
        Format::Svg => svg::write(subgraph, &layout(subgraph)).into_bytes(),
        Format::Png => png::render(&svg::write(subgraph, &layout(subgraph)))?.bytes,
        Format::Graphml => graphml::write(subgraph).into_bytes(),
        Format::Gexf => gexf::write(subgraph, &layout(subgraph)).into_bytes(),
        Format::Cytoscape => cytoscape::write(subgraph, &layout(subgraph))?.into_bytes(),
        Format::Html => html::write(subgraph, &layout(subgraph))?.into_bytes(),
    })
}

/// The SVG picture of a laid-out subgraph.
#[must_use]
pub fn svg(subgraph: &Subgraph, layout: &Layout) -> String {
    svg::write(subgraph, layout)
}

/// Rasterises an SVG picture of ours, labels drawn with the system's fonts.
pub fn render_png(svg: &str) -> Result<Png, ExportError> {
    png::render(svg)
}
