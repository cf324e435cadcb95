//! `geokg dump`: the whole store as TriG or N-Quads, the documented path into other SPARQL stores.

use crate::cli::{DumpArgs, DumpFormatArg};
use crate::output;
use anyhow::Context;
use geokg_store::{DumpFormat, Store};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub(crate) fn run(store: &Store, args: &DumpArgs) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        DumpFormatArg::Trig => DumpFormat::Trig,
        DumpFormatArg::Nquads => DumpFormat::NQuads,
    };
    if let Some(path) = &args.output {
        let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut writer = BufWriter::new(file);
        store.dump(format, &mut writer)?;
        writer.flush().with_context(|| format!("cannot write {}", path.display()))?;
    } else {
        let mut out = output::stdout();
        store.dump(format, &mut out)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
