//! Escaping for XML text and attributes (SVG, GraphML, GEXF).

use std::fmt::Write;

/// `text` safe inside XML text or a double- or single-quoted attribute. Characters XML 1.0
/// forbids (control characters other than tab and line breaks) are dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks in attributes would be normalised to spaces by parsers anyway.
            '\n' | '\r' | '\t' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(escape("A & B <b>\"x\" 'y'"), "A &amp; B &lt;b&gt;&quot;x&quot; &apos;y&apos;");
        assert_eq!(escape("a\u{1}b\nc"), "ab&#10;c");
        assert_eq!(escape("Ким Чен Ын"), "Ким Чен Ын");
    }
}
