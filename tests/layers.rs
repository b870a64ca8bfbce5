//! Dependencies in `src/` run one way: the composition root (`exports`, `elements`,
//! `testing`) wires the widget families; the families use the shared modules and never each
//! other (a popup may show a survey); the shared modules never reach up. Read from every
//! `crate::…` path in the sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &[&str] = &["lib", "exports", "elements", "testing"];
const FAMILIES: &[&str] = &["survey", "popup", "reviews", "loyalty"];
const SHARED: &[&str] = &["api", "dom", "engine", "ui", "i18n", "config", "theme"];
/// The one allowed arrow between families: popups show surveys.
const BETWEEN_FAMILIES: &[(&str, &str)] = &[("popup", "survey")];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/survey/nps.rs` → `survey`, `src/lib.rs` → `lib`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_owned()
}

/// Every top-level module named by a `crate::name` path, outside `#[cfg(test)]` modules.
fn uses(text: &str) -> BTreeSet<String> {
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let from = module_of(&src, &f);
        let text = std::fs::read_to_string(&f).unwrap();
        let entry = g.entry(from.clone()).or_default();
        for to in uses(&text) {
            if to != from {
                entry.insert(to);
            }
        }
    }
    g
}

#[test]
fn every_module_is_in_a_layer() {
    for m in graph().keys() {
        assert!(ROOT.contains(&m.as_str()) || FAMILIES.contains(&m.as_str()) || SHARED.contains(&m.as_str()), "src/{m} is in no layer");
    }
}

#[test]
fn dependencies_run_one_way() {
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        for to in tos {
            let ok = if ROOT.contains(&from.as_str()) {
                true
            } else if FAMILIES.contains(&from.as_str()) {
                SHARED.contains(&to.as_str()) || BETWEEN_FAMILIES.contains(&(from.as_str(), to.as_str()))
            } else {
                SHARED.contains(&to.as_str())
            };
            if !ok {
                wrong.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "arrows against the layers: {wrong:?}");
}

#[test]
fn there_is_no_cycle() {
    let g = graph();
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        on_path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = on_path.iter().position(|p| p == n) {
            let mut cycle = on_path[i..].to_vec();
            cycle.push(n.to_owned());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        on_path.push(n.to_owned());
        for next in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, g, on_path, done) {
                return Some(c);
            }
        }
        on_path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(cycle) = visit(n, &g, &mut Vec::new(), &mut done) {
            panic!("a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_reader_sees_what_it_should() {
    let u = uses("use crate::api::{self, x};\nfn f() { crate::dom::bus::tell(); }\n#[cfg(test)]\nmod t { use crate::loyalty; }");
    assert_eq!(u.into_iter().collect::<Vec<_>>(), vec!["api", "dom"]);
}
