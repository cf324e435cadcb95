//! `geokg query`: SPARQL text, a .rq file or a built-in query, printed as a table, SPARQL
//! results JSON, CSV or TSV (CONSTRUCT and DESCRIBE as Turtle).

use crate::cli::{QueryArgs, QueryFormatArg};
use crate::output;
use anyhow::Context;
use geokg_store::{NamedQuery, QueryFormat, QueryOutput};
use oxrdf::{Literal, NamedNode, Term};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(store_path: &Path, args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    if args.list {
        let rows: Vec<Vec<String>> = NamedQuery::ALL
            .iter()
            .map(|q| vec![q.name.to_owned(), format!("{}\n{}", q.description(), q.usage().unwrap_or_default())])
            .collect();
        output::line(&mut out, &output::table(&["query", "what it answers"], &rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.query.as_deref().unwrap_or_default();
    let (sparql, named) = if Path::new(query).is_file() {
        (std::fs::read_to_string(query).with_context(|| format!("cannot read {query}"))?, None)
    } else if let Some(named) = NamedQuery::find(query) {
        (named.sparql.to_owned(), Some(named))
    } else {
        (query.to_owned(), None)
    };
    let bindings = args.params.iter().map(|param| parse_param(param)).collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(named) = named {
        let missing: Vec<&str> =
            named.params().into_iter().filter(|p| !bindings.iter().any(|(name, _)| name == p)).collect();
        anyhow::ensure!(
            missing.is_empty(),
            "the query {} needs --param {}=…; e.g. {}",
            named.name,
            missing.join("=… --param "),
            named.usage().unwrap_or_default()
        );
    }
    geokg_store::Store::check_query(&sparql).with_context(|| describe(query))?;
    let store = super::open_read(store_path)?;
    let result = store.query(&sparql, &bindings).with_context(|| describe(query))?;
    let n_rows = match &result {
        QueryOutput::Solutions { rows, .. } => rows.len(),
        QueryOutput::Boolean(value) => usize::from(*value),
        QueryOutput::Graph(triples) => triples.len(),
    };
    let format = match args.format {
        QueryFormatArg::Table => None,
        QueryFormatArg::Json => Some(QueryFormat::Json),
        QueryFormatArg::Csv => Some(QueryFormat::Csv),
        QueryFormatArg::Tsv => Some(QueryFormat::Tsv),
    };
    match (&result, format) {
        (QueryOutput::Solutions { variables, rows }, None) => {
            let header: Vec<&str> = variables.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|row| row.iter().map(|cell| cell.as_ref().map(show).unwrap_or_default()).collect())
                .collect();
            output::line(&mut out, &output::table(&header, &rows))?;
        }
        (QueryOutput::Boolean(value), None) => output::line(&mut out, &value.to_string())?,
        (_, format) => result.write(format.unwrap_or(QueryFormat::Json), &mut out)?,
    }
    out.flush()?;
    Ok(if n_rows == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A term as a person reads it: literals without quotes and datatypes, IRIs bare.
fn show(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_owned(),
        Term::Literal(literal) => literal.value().to_owned(),
        other @ Term::BlankNode(_) => other.to_string(),
    }
}

/// `name=value` (a plain literal), `name=<iri>`, or `name=2023-09-30` (an `xsd:date`).
fn parse_param(param: &str) -> anyhow::Result<(String, Term)> {
    let (name, value) = param.split_once('=').with_context(|| format!("--param {param}: expected VAR=VALUE"))?;
    let term: Term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri).with_context(|| format!("--param {param}: not an IRI"))?.into()
    } else if value.len() == 10 && value.parse::<geokg_model::PartialDate>().is_ok() {
        Literal::new_typed_literal(value, oxrdf::vocab::xsd::DATE).into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((name.trim_start_matches(['?', '$']).to_owned(), term))
}

fn describe(query: &str) -> String {
    if query.len() > 60 { "in the query".to_owned() } else { format!("in {query}") }
}
