//! Printing: standard output that tolerates a closed pipe, tables for 80-column terminals, CSV,
//! and the clock (the one place the CLI reads it, for ingest times).

use comfy_table::{ContentArrangement, Table, presets};
use std::io::{self, BufWriter, IsTerminal, Write};

/// Buffered standard output.
pub(crate) fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Writes one line.
pub(crate) fn line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{text}")
}

/// Whether an error is a closed pipe (`geokg meetings | head`), which exits quietly.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// A table that fits the terminal (80 columns when not one), long cells wrapped.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_HORIZONTAL_ONLY).set_content_arrangement(ContentArrangement::Dynamic);
    if !io::stdout().is_terminal() {
        table.set_width(80);
    }
    table.set_header(header.to_vec());
    for row in rows {
        table.add_row(row.clone());
    }
    table.to_string()
}

/// One CSV record, quoting cells that need it.
pub(crate) fn csv_record(cells: &[String]) -> String {
    cells
        .iter()
        .map(|cell| {
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The current time as an `xsd:dateTime`, to the second.
pub(crate) fn now() -> String {
    format!("{:.0}", jiff::Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let cells = ["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()];
        assert_eq!(csv_record(&cells), "a,\"b,c\",\"say \"\"hi\"\"\"");
    }

    #[test]
    fn now_is_an_xsd_date_time_to_the_second() {
        let now = now();
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
    }
}
