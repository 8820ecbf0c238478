//! The model's folders are layers (see `src/model/mod.rs` and ARCHITECTURE.md). This test
//! reads every path a model file names — `use` lines and inline paths, outside comments,
//! strings and test modules — and fails when a file reaches a higher layer, or when the
//! folders' graph has a cycle, naming the file and line.
//!
//! It is a reading of the source text, not of the compiler's resolution, so it sees what
//! a newcomer sees: the paths as written. Inside the model a path names its layer
//! (`crate::model::workspace::records::Partner`, not the root's re-export `Partner`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const FEATURES: [&str; 7] = [
    "fit", "goals", "landing", "meetings", "metrics", "pitch", "program",
];

/// The layers, lowest first. A feature's `record.rs` is layer 2 and the rest of its folder
/// layer 4; every other top-level folder is one layer.
fn layer_of(node: &str) -> Option<usize> {
    let by_name = match node {
        "core" => 1,
        "workspace" => 3,
        "figures" => 5,
        "formats" => 6,
        "merge" => 7,
        "documents" => 8,
        "actions" => 9,
        "demo" => 10,
        n if n.ends_with("/record") => 2,
        n if FEATURES.contains(&n) => 4,
        _ => return None,
    };
    Some(by_name)
}

/// The node a model file belongs to: its top-level folder, with a feature's record apart.
fn node_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let top = parts.first()?;
    if parts.len() == 1 {
        return None; // src/model/mod.rs: the root only declares the layers
    }
    if FEATURES.contains(&top.as_str()) && parts.get(1).map(String::as_str) == Some("record.rs") {
        return Some(format!("{top}/record"));
    }
    Some(top.clone())
}

/// The module path of a file (`figures/health.rs` → `["figures", "health"]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    if last != "mod.rs" {
        parts.push(last.trim_end_matches(".rs").to_owned());
    }
    parts
}

/// The file a module path lands in: the longest prefix that is a file of the model.
fn file_of(model: &Path, path: &[String]) -> Option<PathBuf> {
    for n in (1..=path.len()).rev() {
        let dir: PathBuf = path[..n].iter().collect();
        for candidate in [dir.with_extension("rs"), dir.join("mod.rs")] {
            if model.join(&candidate).is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The text with comments and string literals blanked (line breaks kept, so line numbers
/// hold) and everything from the first `#[cfg(test)]` on removed.
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next.is_some_and(|n| n != '\\') && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3; // a char literal such as ':' or '{'
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |x| format!("{prefix}{x}")))
        .collect()
}

struct Reference {
    line: usize,
    path: String,
}

/// Every path the code names that may lead into the model.
fn references(code: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let line_at = |offset: usize| code[..offset].matches('\n').count() + 1;
    // `use` statements, expanded, with relative ones kept as written.
    let mut rest = 0;
    while let Some(found) = code[rest..].find("use ") {
        let at = rest + found;
        let boundary = at == 0 || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let end = code[at..].find(';').map(|e| at + e).unwrap_or(code.len());
        if boundary {
            for path in expand(&code[at + 4..end]) {
                out.push(Reference {
                    line: line_at(at),
                    path: path.split_whitespace().collect(),
                });
            }
            rest = end;
        } else {
            rest = at + 4;
        }
    }
    // Inline paths outside `use` statements.
    for prefix in ["crate::model::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(prefix) {
            let at = from + found;
            let before_ok = at == 0
                || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map(|e| at + e)
                .unwrap_or(code.len());
            if before_ok && !code[..at].trim_end().ends_with("use") {
                out.push(Reference {
                    line: line_at(at),
                    path: code[at..end].to_owned(),
                });
            }
            from = end.max(at + prefix.len());
        }
    }
    out
}

/// Where a path leads, as a file of the model, seen from the file `from`.
fn resolve(model: &Path, from: &Path, path: &str) -> Option<PathBuf> {
    let segments: Vec<String> = path.split("::").map(str::to_owned).collect();
    let here = module_of(from);
    let mut base: Vec<String>;
    let mut rest: &[String] = &segments;
    match segments.first().map(String::as_str) {
        Some("crate") => {
            if segments.get(1).map(String::as_str) != Some("model") {
                return None;
            }
            base = Vec::new();
            rest = &segments[2..];
        }
        Some("super") => {
            base = here.clone();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        Some("self") => {
            base = here.clone();
            rest = &rest[1..];
        }
        Some(first) => {
            // A relative `use child::…` names a module declared by this file.
            base = here.clone();
            let child: PathBuf = base
                .iter()
                .chain(std::iter::once(&first.to_owned()))
                .collect();
            if !(model.join(child.with_extension("rs")).is_file()
                || model.join(child.join("mod.rs")).is_file())
            {
                return None;
            }
        }
        None => return None,
    }
    base.extend(rest.iter().cloned());
    file_of(model, &base)
}

/// Files of the model, leaving out modules that exist only under `#[cfg(test)]` (the
/// schema generator): tests may reach any layer.
fn model_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let parent = fs::read_to_string(dir.join("mod.rs")).unwrap_or_default();
    let test_only = |name: &str| {
        parent.split("#[cfg(test)]").skip(1).any(|after| {
            let next = after
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("//"));
            next.is_some_and(|l| l.trim_start_matches("pub ").trim() == format!("mod {name};"))
        })
    };
    for entry in fs::read_dir(dir).expect("src/model is readable") {
        let path = entry.expect("a directory entry").path();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if test_only(&stem) {
            continue;
        }
        if path.is_dir() {
            model_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every violation in the model at `model`: higher-layer imports and folder cycles.
fn violations(model: &Path) -> Vec<String> {
    let mut files = Vec::new();
    model_files(model, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &files {
        let rel = file
            .strip_prefix(model)
            .expect("inside the model")
            .to_path_buf();
        let Some(node) = node_of(&rel) else { continue };
        let Some(layer) = layer_of(&node) else {
            problems.push(format!(
                "src/model/{}: a folder that is not a layer",
                rel.display()
            ));
            continue;
        };
        let code = code_only(&fs::read_to_string(file).expect("a readable source file"));
        for r in references(&code) {
            let Some(target) = resolve(model, &rel, &r.path) else {
                continue;
            };
            let Some(to) = node_of(&target) else {
                problems.push(format!(
                    "src/model/{}:{}: `{}` goes through the model's root; name the layer",
                    rel.display(),
                    r.line,
                    r.path
                ));
                continue;
            };
            let to_layer = layer_of(&to).unwrap_or(0);
            if to_layer > layer {
                problems.push(format!(
                    "src/model/{}:{}: `{}` reaches up from {node} (layer {layer}) to {to} (layer {to_layer})",
                    rel.display(),
                    r.line,
                    r.path
                ));
            }
            if to != node && to_layer == layer {
                edges
                    .entry(node.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| format!("src/model/{}:{}", rel.display(), r.line));
            }
        }
    }
    problems.extend(cycles(&edges));
    problems
}

/// Each cycle among the folders, once, with the line that makes each step.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut out = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).map(|m| m.keys()).into_iter().flatten() {
                if next == start {
                    let mut ring = path.clone();
                    let min = ring.iter().min().cloned().unwrap_or_default();
                    let turn = ring.iter().position(|n| *n == min).unwrap_or(0);
                    ring.rotate_left(turn);
                    if found.insert(ring.clone()) {
                        let steps: Vec<String> = path
                            .iter()
                            .zip(path.iter().skip(1).chain(std::iter::once(start)))
                            .map(|(a, b)| format!("{a} → {b} ({})", edges[a][b]))
                            .collect();
                        out.push(format!("cycle: {}", steps.join(", ")));
                    }
                } else if !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    out
}

#[test]
fn no_model_file_reaches_a_higher_layer_and_no_folders_form_a_cycle() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let problems = violations(&model);
    assert!(
        problems.is_empty(),
        "{} layering problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The test above must be able to fail: a copy of the model with one wrong import (a
/// feature's record reaching for the workspace, the very cycle the layers removed) and
/// one cycle between two features is refused, naming the lines.
#[test]
fn a_wrong_import_and_a_cycle_are_caught_and_named() {
    let root = std::env::temp_dir().join(format!("tandem-layers-{}", std::process::id()));
    let model = root.join("model");
    let _ = fs::remove_dir_all(&root);
    let write = |rel: &str, text: &str| {
        let path = model.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a temp dir");
        fs::write(path, text).expect("a temp file");
    };
    write(
        "mod.rs",
        "pub mod core;\npub mod goals;\npub mod fit;\npub mod workspace;\n",
    );
    write("core/mod.rs", "pub mod id;\n");
    write("core/id.rs", "pub struct Id;\n");
    write("workspace/mod.rs", "pub mod records;\n");
    write(
        "workspace/records.rs",
        "use crate::model::goals::record::Goal;\npub struct Partner;\n",
    );
    write(
        "goals/mod.rs",
        "pub mod record;\nuse crate::model::fit::ability;\n",
    );
    write(
        "goals/record.rs",
        "// use crate::model::figures::health; (a comment: not read)\nuse crate::model::{core::id::Id, workspace::records::Partner};\npub struct Goal;\n",
    );
    write(
        "fit/mod.rs",
        "pub fn ability() {}\nfn f() { let _ = crate::model::goals::check(); }\n",
    );
    let problems = violations(&model);
    let _ = fs::remove_dir_all(&root);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("src/model/goals/record.rs:2")
            && problems[0].contains("workspace::records::Partner")
            && problems[0].contains("layer 2")
            && problems[0].contains("layer 3"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with("cycle: fit → goals (src/model/fit/mod.rs:2)"),
        "{}",
        problems[1]
    );
}
