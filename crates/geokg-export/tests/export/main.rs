//! Every format geokg draws, checked by a real consumer of that format: Graphviz renders the
//! DOT, networkx reads GraphML and GEXF back, an XML parser reads the SVG, a PNG decoder the
//! PNG, and headless Chromium opens the HTML page.

mod support;

mod cytoscape;
mod dot;
mod html;
mod networkx;
mod pictures;
