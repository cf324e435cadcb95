//! The `geokg` command: parses arguments, runs one subcommand, and maps the outcome to an exit
//! code (0 ok, 1 nothing found or some input failed, 2 error). Each subcommand is a file in
//! `commands/`.

mod cli;
mod commands;
mod names;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(error) if output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
