//! SPARQL over the whole knowledge graph. The default graph is the union of every document's
//! graph and the ontology, and geokg's prefixes (gk:, sem:, schema:, …) are predeclared, so
//! `SELECT ?m WHERE { ?m a gk:Meeting }` works as typed.

use crate::{Backend, Store, StoreError};
use geokg_model::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use std::fmt::Write as _;
use std::io::Write;
use std::sync::Arc;

/// The answer to a query, held in memory.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutput {
    /// SELECT: variable names and rows (a cell is `None` when unbound).
    Solutions {
        /// The projected variables, in order.
        variables: Vec<String>,
        /// The rows.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
}

impl Store {
    /// Runs a SPARQL query. `bindings` fix variables before evaluation (`?name` → a literal).
    pub fn query(&self, sparql: &str, bindings: &[(String, Term)]) -> Result<QueryOutput, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in PREFIXES {
            evaluator =
                evaluator.with_prefix(*prefix, *iri).map_err(|e| StoreError::Query { message: e.to_string() })?;
        }
        let mut prepared = evaluator.parse_query(sparql).map_err(|e| StoreError::Query { message: e.to_string() })?;
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                let union = prepared.dataset().is_default_dataset();
                return remote.query(&remote_text(sparql, bindings)?, union);
            }
        };
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, value) in bindings {
            let variable = Variable::new(name.trim_start_matches(['?', '$']))
                .map_err(|e| StoreError::Query { message: format!("bad variable name {name}: {e}") })?;
            prepared = prepared.substitute_variable(variable, value.clone());
        }
        let evaluation = |e: oxigraph::sparql::QueryEvaluationError| StoreError::Evaluation { message: e.to_string() };
        match prepared.on_store(inner).execute().map_err(evaluation)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution: QuerySolution = solution.map_err(evaluation)?;
                    rows.push(solution.values().to_vec());
                }
                Ok(QueryOutput::Solutions { variables, rows })
            }
            QueryResults::Boolean(value) => Ok(QueryOutput::Boolean(value)),
            QueryResults::Graph(triples) => {
                Ok(QueryOutput::Graph(triples.collect::<Result<_, _>>().map_err(evaluation)?))
            }
        }
    }

    /// Checks that a query parses, without running it.
    pub fn check_query(sparql: &str) -> Result<(), StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in PREFIXES {
            evaluator =
                evaluator.with_prefix(*prefix, *iri).map_err(|e| StoreError::Query { message: e.to_string() })?;
        }
        evaluator.parse_query(sparql).map(drop).map_err(|e| StoreError::Query { message: e.to_string() })
    }
}

/// The text sent to a SPARQL server: geokg's prefixes declared before the user's own (a later
/// declaration of the same prefix wins, so the user's stay in force) and the query as written,
/// with the bindings as a VALUES block opening its WHERE clause — where, like the embedded
/// store's substitution, they are bound before any filter of the query sees them.
fn remote_text(sparql: &str, bindings: &[(String, Term)]) -> Result<String, StoreError> {
    let mut text = String::new();
    for (prefix, iri) in PREFIXES {
        let _ = writeln!(text, "PREFIX {prefix}: <{iri}>");
    }
    if bindings.is_empty() {
        text.push_str(sparql);
        return Ok(text);
    }
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (name, value) in bindings {
        let variable = Variable::new(name.trim_start_matches(['?', '$']))
            .map_err(|e| StoreError::Query { message: format!("bad variable name {name}: {e}") })?;
        if let Term::BlankNode(_) = value {
            return Err(StoreError::Query { message: format!("{name} cannot be bound to a blank node") });
        }
        names.push(variable.to_string());
        values.push(value.to_string());
    }
    let open = first_brace(sparql)
        .ok_or_else(|| StoreError::Query { message: "the query has no WHERE clause to bind --param in".into() })?;
    text.push_str(&sparql[..=open]);
    let _ = write!(text, " VALUES ({}) {{ ({}) }} ", names.join(" "), values.join(" "));
    text.push_str(&sparql[open + 1..]);
    Ok(text)
}

/// The byte offset of the first `{` that is SPARQL syntax: not in a comment, a string or an IRI.
fn first_brace(sparql: &str) -> Option<usize> {
    let bytes = sparql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => return Some(i),
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'<' => {
                // An IRI runs to '>' without spaces; otherwise '<' is "less than".
                if let Some(end) = sparql[i..].find(['>', ' ', '\n', '\t'])
                    && bytes[i + end] == b'>'
                {
                    i += end;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

impl QueryOutput {
    /// Writes SELECT/ASK results in a SPARQL results format, and CONSTRUCT results as Turtle.
    pub fn write(&self, format: QueryFormat, writer: impl Write) -> Result<(), StoreError> {
        let results_format = match format {
            QueryFormat::Json => QueryResultsFormat::Json,
            QueryFormat::Csv => QueryResultsFormat::Csv,
            QueryFormat::Tsv => QueryResultsFormat::Tsv,
        };
        match self {
            Self::Solutions { variables, rows } => {
                let variables: Vec<Variable> = variables.iter().map(|v| Variable::new_unchecked(v.clone())).collect();
                let shared: Arc<[Variable]> = variables.clone().into();
                let mut serializer = QueryResultsSerializer::from_format(results_format)
                    .serialize_solutions_to_writer(writer, variables)
                    .map_err(StoreError::Serialize)?;
                for row in rows {
                    let solution = QuerySolution::from((Arc::clone(&shared), row.clone()));
                    serializer.serialize(&solution).map_err(StoreError::Serialize)?;
                }
                serializer.finish().map_err(StoreError::Serialize)?;
            }
            Self::Boolean(value) => {
                QueryResultsSerializer::from_format(results_format)
                    .serialize_boolean_to_writer(writer, *value)
                    .map_err(StoreError::Serialize)?;
            }
            Self::Graph(triples) => write_turtle(triples, writer)?,
        }
        Ok(())
    }
}

/// Writes triples as Turtle with geokg's prefixes.
pub(crate) fn write_turtle(triples: &[Triple], writer: impl Write) -> Result<(), StoreError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
    for (prefix, iri) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri).map_err(|e| StoreError::Query { message: e.to_string() })?;
    }
    let mut serializer = serializer.for_writer(writer);
    for triple in triples {
        serializer.serialize_triple(triple).map_err(StoreError::Serialize)?;
    }
    serializer.finish().map_err(StoreError::Serialize)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn bindings_open_the_where_clause_past_comments_strings_and_iris() {
        let sparql = "# a {comment}\nSELECT ?name WHERE { ?x <urn:a{b}> \"{\" FILTER(?x < ?y) }";
        let text = remote_text(sparql, &[("name".into(), Literal::new_simple_literal("Iran").into())]).unwrap();
        assert!(text.ends_with("# a {comment}\nSELECT ?name WHERE { VALUES (?name) { (\"Iran\") }  ?x <urn:a{b}> \"{\" FILTER(?x < ?y) }"), "{text}");
        assert!(text.starts_with("PREFIX gk: <https://w3id.org/geokg/ns#>\n"));
    }
}
