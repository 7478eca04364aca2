//! The chain of a situation as a Graphviz DOT graph, for editors: every service the
//! situation may include, its inclusion condition, and what must come first.

use crate::engine::Engine;
use crate::model::Provider;
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
    for inc in incs {
        let s = &c.services[inc.service];
        for &a in &engine.after[inc.service] {
            if incs.iter().any(|i| i.service == a) {
                let _ = writeln!(out, "  \"{}\" -> \"{}\" [style=dotted];", esc(&c.services[a].id), esc(&s.id));
            }
        }
        let mut docs: Vec<(usize, usize)> = Vec::new();
        for v in &engine.variants[inc.service] {
            for d in v.docs.iter().filter(|d| d.provider == Provider::Applicant) {
                for other in incs.iter().filter(|o| o.service != inc.service) {
                    if engine.variants[other.service].iter().any(|ov| ov.results.contains(&d.doc))
                        && !docs.contains(&(other.service, d.doc))
                    {
                        docs.push((other.service, d.doc));
                    }
                }
            }
        }
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
