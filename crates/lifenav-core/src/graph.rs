//! The chain of a situation as a Graphviz DOT graph, for editors: every service the
//! situation may include, its inclusion condition, and what must come first.

use crate::engine::{document_edges, Engine};
use crate::Lang;
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// DOT source for one situation.
pub fn situation_dot(engine: &Engine, situation: usize, lang: Lang) -> String {
    let c = &engine.catalog;
    let sit = &c.situations[situation];
    let incs = &engine.inclusions[situation];
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", esc(&sit.id));
    let _ = writeln!(out, "  rankdir=TB;\n  label=\"{}\";\n  labelloc=t;", esc(sit.title.get(lang)));
    let _ = writeln!(out, "  node [shape=box, style=rounded, fontname=\"sans-serif\"];");
    for (pos, inc) in incs.iter().enumerate() {
        let s = &c.services[inc.service];
        let level = format!("{:?}", s.level).to_lowercase();
        let cond = sit.services[pos].when.as_deref().map(|w| format!("\\nесли: {}", esc(w))).unwrap_or_default();
        let style = if inc.when.is_some() { ", style=\"rounded,dashed\"" } else { "" };
        let variants =
            if s.variants.len() > 1 { format!("\\n{} варианта", s.variants.len()) } else { String::new() };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\\n[{}]{}{}\"{}];",
            esc(&s.id),
            esc(s.title.get(lang)),
            level,
            variants,
            cond,
            style
        );
    }
    // Whatever the variants: the documents any variant needs, from any variant that gives them.
    let needs: Vec<Vec<usize>> = incs
        .iter()
        .map(|inc| engine.variants[inc.service].iter().flat_map(|v| v.applicant_docs().map(|d| d.doc)).collect())
        .collect();
    let gives: Vec<Vec<usize>> = incs
        .iter()
        .map(|inc| engine.variants[inc.service].iter().flat_map(|v| v.results.iter().copied()).collect())
        .collect();
    for (inc, edges) in incs.iter().zip(document_edges(&needs, &gives)) {
        let s = &c.services[inc.service];
        for &a in &engine.after[inc.service] {
            if incs.iter().any(|i| i.service == a) {
                let _ = writeln!(out, "  \"{}\" -> \"{}\" [style=dotted];", esc(&c.services[a].id), esc(&s.id));
            }
        }
        let docs = edges.into_iter().map(|(j, doc)| (incs[j].service, doc));
        for (from, doc) in docs {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"];",
                esc(&c.services[from].id),
                esc(&s.id),
                esc(c.documents[doc].title.get(lang))
            );
        }
    }
    out.push_str("}\n");
    out
}
