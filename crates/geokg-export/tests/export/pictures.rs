//! The SVG parses as XML with a node group and a label per actor and a line per fact; the PNG
//! decodes to a picture of the SVG's size with its labels drawn.

use crate::support::{output_dir, subgraph, tiny};
use geokg_export::{Format, export, layout, render_png, svg};
use std::fmt::Write;

/// The SVG's elements as an indented outline: names, ids, classes and texts, no coordinates, so
/// the snapshot shows the structure and survives changes to the layout.
fn outline(svg: &str) -> String {
    let document = roxmltree::Document::parse(svg).unwrap();
    let mut out = String::new();
    for node in document.descendants().filter(roxmltree::Node::is_element) {
        let depth = node.ancestors().filter(roxmltree::Node::is_element).count() - 1;
        let _ = write!(out, "{}{}", "  ".repeat(depth), node.tag_name().name());
        for name in ["id", "class", "fill", "stroke", "stroke-dasharray", "marker-end"] {
            if let Some(value) = node.attribute(name) {
                let _ = write!(out, " {name}={value:?}");
            }
        }
        if let Some(text) = node.text().filter(|t| !t.trim().is_empty()) {
            let _ = write!(out, " {text:?}");
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_svg_is_well_formed_with_every_actor_fact_and_label() {
    let subgraph = subgraph();
    let svg = String::from_utf8(export(&subgraph, Format::Svg).unwrap()).unwrap();
    std::fs::write(output_dir().join("sample.svg"), &svg).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    assert!(width >= 560.0, "{width}");
    let class = |prefix: &str| {
        document.descendants().filter(|n| n.attribute("class").is_some_and(|c| c.starts_with(prefix))).count()
    };
    assert_eq!(class("node "), subgraph.nodes.len());
    assert_eq!(class("edge "), subgraph.edges.len());
    let texts: Vec<&str> = document.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    for node in &subgraph.nodes {
        assert!(texts.contains(&node.node.label.as_str()), "no label {:?}", node.node.label);
    }
    // Names stay on the picture, long ones too (about 6.8 px a character at 11 px).
    for text in document.descendants().filter(|n| {
        n.has_tag_name("text")
            && n.parent().is_some_and(|p| p.attribute("class").is_some_and(|c| c.starts_with("node ")))
    }) {
        let x: f64 = text.attribute("x").unwrap().parse().unwrap();
        let half = text.text().unwrap().chars().count() as f64 * 3.4;
        assert!(x - half >= 0.0 && x + half <= width, "{:?} sticks out at x = {x}", text.text());
    }
    // Statuses show as dashes: planned and speculative dashed, alleged dotted.
    let dashes = |status: &str| {
        document
            .descendants()
            .filter(|n| n.attribute("class").is_some_and(|c| c.ends_with(&format!(" {status}"))))
            .map(|n| n.attribute("stroke-dasharray").unwrap_or("none"))
            .collect::<Vec<_>>()
    };
    assert_eq!(dashes("occurred").iter().filter(|d| **d != "none").count(), 0);
    assert!(dashes("planned").iter().all(|d| *d == "6 4"));
    assert!(dashes("alleged").iter().all(|d| *d == "1.5 3"));
}

#[test]
fn the_tiny_svg_has_this_structure() {
    let tiny = tiny();
    insta::assert_snapshot!(outline(&svg(&tiny, &layout(&tiny))));
}

#[test]
fn the_png_is_the_svg_drawn_with_its_labels() {
    let subgraph = subgraph();
    let svg = svg(&subgraph, &layout(&subgraph));
    let png = render_png(&svg).unwrap();
    std::fs::write(output_dir().join("sample.png"), &png.bytes).unwrap();
    assert!(png.fonts > 0, "no fonts found for the labels: run scripts/setup.sh (fonts-dejavu-core)");
    let document = roxmltree::Document::parse(&svg).unwrap();
    let size = |name: &str| document.root_element().attribute(name).unwrap().parse::<u32>().unwrap();
    assert_eq!((png.width, png.height), (size("width"), size("height")));

    let decoder = png::Decoder::new(std::io::Cursor::new(&png.bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (png.width, png.height));
    assert_eq!(frame.color_type, png::ColorType::Rgba);
    let pixels = &pixels[..frame.buffer_size()];
    let rgba: Vec<&[u8]> = pixels.chunks(4).collect();
    let white = rgba.iter().filter(|p| p[..3] == [255, 255, 255]).count();
    assert!(white < rgba.len(), "the picture is blank");
    // Labels are near-black (#111111, the caption #222222): nothing else is that dark.
    let dark = rgba.iter().filter(|p| p[3] > 200 && p[..3].iter().all(|&c| c < 48)).count();
    assert!(dark > 500, "only {dark} dark pixels: were the labels drawn?");
}

#[test]
fn without_labels_the_png_has_far_fewer_dark_pixels() {
    // The check above means something: the same picture without its texts lacks the dark pixels.
    let tiny = tiny();
    let svg = svg(&tiny, &layout(&tiny));
    let without: String = {
        let mut out = String::new();
        let mut rest = svg.as_str();
        while let Some(start) = rest.find("<text") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("</text>").unwrap() + start + "</text>".len();
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    };
    let dark = |svg: &str| {
        let png = render_png(svg).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png.bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        pixels[..frame.buffer_size()].chunks(4).filter(|p| p[3] > 200 && p[..3].iter().all(|&c| c < 48)).count()
    };
    let (with, without) = (dark(&svg), dark(&without));
    assert!(with > 200 && without < with / 10, "{with} dark pixels with labels, {without} without");
}
