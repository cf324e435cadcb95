//! The SVG picture rasterised with resvg (pure Rust, no Graphviz or browser). Labels need fonts:
//! the system's are loaded (fontconfig's folders, `/usr/share/fonts`, `~/.fonts`…), `DejaVu Sans`
//! preferred. On a machine without any font the picture is still drawn, without labels, and
//! [`Png::fonts`] is 0 so the caller can say so (Debian: `apt-get install fonts-dejavu-core`).

use crate::ExportError;
use resvg::{tiny_skia, usvg};

/// A rendered picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// How many font faces were found for the labels.
    pub fonts: usize,
}

/// The largest side drawn, in pixels: a bigger picture is scaled down to it.
const MAX_SIDE: f32 = 8000.0;

pub(crate) fn render(svg: &str) -> Result<Png, ExportError> {
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let n_fonts = fonts.len();
    let has = |family: &str| fonts.faces().any(|face| face.families.iter().any(|(name, _)| name == family));
    let fallback = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans"]
        .into_iter()
        .find(|family| has(family))
        .map(str::to_owned)
        .or_else(|| fonts.faces().next().and_then(|face| face.families.first()).map(|(name, _)| name.clone()));
    if let Some(family) = fallback {
        fonts.set_sans_serif_family(family.clone());
        options.font_family = family;
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Png(e.to_string()))?;
    let size = tree.size();
    let scale = (MAX_SIDE / size.width().max(size.height())).min(1.0);
    let (width, height) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| ExportError::Png(format!("cannot allocate a {width}×{height} picture")))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().map_err(|e| ExportError::Png(e.to_string()))?;
    Ok(Png { bytes, width: pixmap.width(), height: pixmap.height(), fonts: n_fonts })
}
