//! SPARQL over the whole knowledge graph. The default graph is the union of every document's
//! graph and the ontology, and geokg's prefixes (gk:, sem:, schema:, …) are predeclared, so
//! `SELECT ?m WHERE { ?m a gk:Meeting }` works as typed.

use crate::{Store, StoreError};
use geokg_model::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
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
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, value) in bindings {
            let variable = Variable::new(name.trim_start_matches(['?', '$']))
                .map_err(|e| StoreError::Query { message: format!("bad variable name {name}: {e}") })?;
            prepared = prepared.substitute_variable(variable, value.clone());
        }
        let evaluation = |e: oxigraph::sparql::QueryEvaluationError| StoreError::Evaluation { message: e.to_string() };
        match prepared.on_store(&self.inner).execute().map_err(evaluation)? {
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
