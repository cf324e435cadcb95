//! A server's answer to a query, read leniently but never partially: SPARQL results JSON (with
//! Virtuoso's `typed-literal` and 1/0 booleans normalised first), XML or TSV, and Turtle or
//! N-Triples for CONSTRUCT and DESCRIBE. A result the server says it cut short — Virtuoso's
//! `X-SPARQL-MaxRows` row cap, its `X-SQL-State` header of an "anytime" query stopped by its
//! timeout — or a body that does not parse is an error, not a smaller answer.

use super::client::Reply;
use crate::{QueryOutput, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};

/// What SELECT and ASK ask for: results JSON (XML understood too).
pub(crate) const ACCEPT: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9";

/// What CONSTRUCT and DESCRIBE ask for: N-Triples or Turtle. Virtuoso answers a graph query
/// with results JSON (?s ?p ?o rows) when that is what the Accept header names first.
pub(crate) const ACCEPT_GRAPH: &str = "application/n-triples, text/turtle;q=0.9";

/// Whether a query is a CONSTRUCT or DESCRIBE: its first keyword outside comments, strings and
/// IRIs, past the prologue.
pub(crate) fn is_graph_query(sparql: &str) -> bool {
    let mut rest = sparql;
    loop {
        rest = rest.trim_start();
        if let Some(comment) = rest.strip_prefix('#') {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if rest.starts_with('<') {
            rest = rest.split_once('>').map_or("", |(_, after)| after);
        } else {
            // A token is a keyword, a variable or a prefixed name (`select:` or `x:construct`
            // are names, not keywords).
            let word: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')).collect();
            if word.is_empty() {
                // Punctuation or a prefixed name's colon: skip a character.
                let mut chars = rest.chars();
                if chars.next().is_none() {
                    return false;
                }
                rest = chars.as_str();
                continue;
            }
            match word.to_ascii_uppercase().as_str() {
                "CONSTRUCT" | "DESCRIBE" => return true,
                "SELECT" | "ASK" => return false,
                _ => rest = &rest[word.len()..],
            }
        }
    }
}

/// Reads a query's reply.
pub(crate) fn parse(url: &str, reply: &Reply) -> Result<QueryOutput, StoreError> {
    if let Some(cap) = reply.header("X-SPARQL-MaxRows") {
        return Err(StoreError::Truncated {
            url: url.to_owned(),
            reason: format!(
                "the server cut the result at its row limit ({cap} rows); narrow the query or page it with LIMIT/OFFSET"
            ),
        });
    }
    if let Some(state) = reply.header("X-SQL-State") {
        // S1TAT: an "anytime" query stopped by its timeout, answering what it had so far.
        if state.starts_with("S1T") {
            return Err(StoreError::Timeout { url: url.to_owned() });
        }
        let message = reply.header("X-SQL-Message").unwrap_or_default();
        return Err(StoreError::Truncated {
            url: url.to_owned(),
            reason: format!("the server stopped the query early ({state} {message}); its result is partial"),
        });
    }
    let content_type = reply.header("Content-Type").unwrap_or_default().to_ascii_lowercase();
    let media = content_type.split(';').next().unwrap_or_default().trim();
    let bad = |message: String| StoreError::Truncated {
        url: url.to_owned(),
        reason: format!("the answer does not parse ({message}); it may have been cut off"),
    };
    match media {
        "application/sparql-results+json" | "application/json" => {
            solutions(QueryResultsFormat::Json, &normalise_json(&reply.body).map_err(bad)?).map_err(bad)
        }
        "application/sparql-results+xml" | "application/xml" => {
            solutions(QueryResultsFormat::Xml, &reply.body).map_err(bad)
        }
        "text/tab-separated-values" => solutions(QueryResultsFormat::Tsv, &reply.body).map_err(bad),
        "application/n-triples" | "text/plain" | "text/ntriples" => {
            graph(RdfFormat::NTriples, &reply.body).map_err(bad)
        }
        "text/turtle" | "application/x-turtle" => graph(RdfFormat::Turtle, &reply.body).map_err(bad),
        other => Err(StoreError::Remote {
            url: url.to_owned(),
            message: format!("unexpected answer of type {other:?}: {}", reply.excerpt()),
        }),
    }
}

fn solutions(format: QueryResultsFormat, body: &[u8]) -> Result<QueryOutput, String> {
    match QueryResultsParser::from_format(format).for_slice(body).map_err(|e| e.to_string())? {
        SliceQueryResultsParserOutput::Boolean(value) => Ok(QueryOutput::Boolean(value)),
        SliceQueryResultsParserOutput::Solutions(parser) => {
            let variables: Vec<String> = parser.variables().iter().map(|v| v.as_str().to_owned()).collect();
            let mut rows = Vec::new();
            for solution in parser {
                rows.push(solution.map_err(|e| e.to_string())?.values().to_vec());
            }
            Ok(QueryOutput::Solutions { variables, rows })
        }
    }
}

fn graph(format: RdfFormat, body: &[u8]) -> Result<QueryOutput, String> {
    let triples: Vec<Triple> = RdfParser::from_format(format)
        .for_slice(body)
        .map(|quad| quad.map(Triple::from).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    Ok(QueryOutput::Graph(triples))
}

/// SPARQL results JSON as the standard has it: Virtuoso writes `"type": "typed-literal"` (from
/// the 2008 draft) and may write a boolean as 1 or 0.
fn normalise_json(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    if let Some(boolean) = value.get_mut("boolean")
        && let Some(number) = boolean.as_i64()
    {
        *boolean = serde_json::Value::Bool(number != 0);
    }
    if let Some(bindings) = value.pointer_mut("/results/bindings").and_then(serde_json::Value::as_array_mut) {
        for binding in bindings {
            let Some(binding) = binding.as_object_mut() else { continue };
            for term in binding.values_mut() {
                if let Some(kind) = term.get_mut("type")
                    && kind == "typed-literal"
                {
                    *kind = "literal".into();
                }
                // Virtuoso names blank nodes `nodeID://b10006`, which is no valid label.
                if term.get("type").is_some_and(|kind| kind == "bnode")
                    && let Some(value) = term.get_mut("value")
                    && let Some(label) = value.as_str()
                {
                    let label: String =
                        label.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
                    *value = label.into();
                }
                // Virtuoso's JSON writes xsd:boolean values as 1 and 0 (its XML says true, false).
                if term.get("datatype").and_then(serde_json::Value::as_str)
                    == Some("http://www.w3.org/2001/XMLSchema#boolean")
                    && let Some(value) = term.get_mut("value")
                {
                    if value == "1" {
                        *value = "true".into();
                    } else if value == "0" {
                        *value = "false".into();
                    }
                }
            }
        }
    }
    // Only the members the standard defines, in its order: the streaming parser reads `head`
    // before `results`, and Virtuoso adds `link`, `distinct` and `ordered`.
    let vars = value.pointer("/head/vars").cloned().unwrap_or_else(|| serde_json::json!([]));
    let standard = match (value.get("boolean"), value.pointer("/results/bindings")) {
        (Some(boolean), _) => format!("{{\"head\":{{}},\"boolean\":{boolean}}}"),
        (None, Some(bindings)) => format!("{{\"head\":{{\"vars\":{vars}}},\"results\":{{\"bindings\":{bindings}}}}}"),
        (None, None) => return Err("neither results nor a boolean".into()),
    };
    Ok(standard.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, Term};
    use reqwest::header::{HeaderMap, HeaderValue};

    fn reply(content_type: &str, body: &str, extra: &[(&'static str, &str)]) -> Reply {
        let mut headers = HeaderMap::new();
        headers.insert("Content-Type", HeaderValue::from_str(content_type).unwrap());
        for (name, value) in extra {
            headers.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        Reply { status: reqwest::StatusCode::OK, headers, body: body.as_bytes().to_vec() }
    }

    #[test]
    fn the_query_form_is_read_past_the_prologue_and_comments() {
        assert!(is_graph_query("PREFIX select: <urn:select>\n# SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"));
        assert!(is_graph_query("describe <urn:a>"));
        assert!(!is_graph_query("BASE <urn:construct> PREFIX x: <urn:x> SELECT * WHERE { ?s x:construct ?o }"));
        assert!(!is_graph_query("ASK {}"));
    }

    #[test]
    fn virtuoso_typed_literals_and_numeric_booleans_are_read() {
        let body = r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"3"}}]}}"#;
        let output = parse("u", &reply("application/sparql-results+json; charset=UTF-8", body, &[])).unwrap();
        let QueryOutput::Solutions { rows, .. } = output else { panic!() };
        assert_eq!(rows, [[Some(Term::from(Literal::from(3)))]]);
        let boolean = r#"{"head":{"vars":["b"]},"results":{"bindings":[{"b":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#boolean","value":"0"}}]}}"#;
        let QueryOutput::Solutions { rows, .. } =
            parse("u", &reply("application/sparql-results+json", boolean, &[])).unwrap()
        else {
            panic!()
        };
        assert_eq!(rows, [[Some(Term::from(Literal::from(false)))]]);
        let ask = parse("u", &reply("application/sparql-results+json", r#"{"head":{},"boolean":1}"#, &[])).unwrap();
        assert_eq!(ask, QueryOutput::Boolean(true));
    }

    #[test]
    fn a_capped_or_stopped_or_cut_result_is_an_error() {
        let full = r#"{"head":{"vars":["n"]},"results":{"bindings":[]}}"#;
        let capped = parse("u", &reply("application/sparql-results+json", full, &[("X-SPARQL-MaxRows", "10000")]));
        assert!(matches!(capped, Err(StoreError::Truncated { .. })));
        let stopped = parse("u", &reply("application/sparql-results+json", full, &[("X-SQL-State", "S1TAT")]));
        assert!(matches!(stopped, Err(StoreError::Timeout { .. })));
        let failed = parse("u", &reply("application/sparql-results+json", full, &[("X-SQL-State", "42000")]));
        assert!(matches!(failed, Err(StoreError::Truncated { .. })));
        let cut = parse("u", &reply("application/sparql-results+json", &full[..30], &[]));
        assert!(matches!(cut, Err(StoreError::Truncated { .. })), "{cut:?}");
    }
}
