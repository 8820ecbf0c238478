//! Small components: no function in `src/ui` runs longer than [`LIMIT`] lines, counted
//! from the line of its `fn` to the line of its closing brace. A component that grows
//! past it holds state, handlers and markup in one place; split it the way
//! `ProfileForm` does (a state struct such as its `Fields`, handlers as methods or small
//! functions, markup in smaller components). This test reads the source and fails naming
//! each function over the limit, longest first. There are no exceptions in `src/ui`, and
//! none outside it either (the model, storage, the app's start; not the demo's data):
//! [`NOT_YET_SPLIT`] is empty. A function that had to stay longer would be listed there
//! with its length, which it could then never exceed.

mod common;
use common::source_files;

/// The most lines a function in `src/ui` may span.
const LIMIT: usize = 80;

/// The source with the inside of every comment, string and character literal blanked
/// (newlines kept), so that braces in text (`"{n} days"`) do not count as blocks.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.extend(std::iter::repeat_n(' ', j - i + 1));
            i = j + 1;
            while i < chars.len() {
                if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        if let Some(&e) = chars.get(i + 1) {
                            out.push(blank(e));
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push(' ');
                        i += 1;
                        break;
                    }
                    other => {
                        out.push(blank(other));
                        i += 1;
                    }
                }
            }
        } else if c == '\'' {
            // A character literal ('{', '\n', '\'') or a lifetime ('a), which has no
            // closing quote.
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'' && j > i + 2)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end - i + 1));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Every function with a body in `code` (already blanked by [`code_only`]): its name, the
/// line of its `fn` and the number of lines it spans.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let line_at = |i: usize| chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < chars.len() {
        let is_fn = chars[i] == 'f'
            && chars[i + 1] == 'n'
            && chars[i + 2].is_whitespace()
            && !ident_before(&chars, i);
        if !is_fn {
            i += 1;
            continue;
        }
        let name: String = chars[i + 3..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        // The body opens at the first brace outside the signature's parentheses; a `;`
        // first means a declaration without a body.
        let mut depth = 0i32;
        let mut j = i + 2;
        let mut open = None;
        while j < chars.len() {
            match chars[j] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '{' if depth == 0 => {
                    open = Some(j);
                    break;
                }
                ';' if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let Some(open) = open else {
            i = j;
            continue;
        };
        let mut braces = 0i32;
        let mut close = open;
        for (k, &c) in chars.iter().enumerate().skip(open) {
            match c {
                '{' => braces += 1,
                '}' => {
                    braces -= 1;
                    if braces == 0 {
                        close = k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let first = line_at(i);
        found.push((name, first, line_at(close) - first + 1));
        // Functions nested inside are measured too.
        i += 2;
    }
    found
}

/// The lines of a file before its `#[cfg(test)]` module: tests may be as long as they
/// need to be.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every function of `src/ui` as (length, "file", line, "name"), longest first.
fn ui_functions() -> Vec<(usize, String, usize, String)> {
    let mut all = Vec::new();
    for (file, rel) in &source_files("src/ui", 30) {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (name, line, length) in functions(&code_only(&without_tests(&text))) {
            all.push((length, rel.clone(), line, name));
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    all
}

/// The functions outside `src/ui` (the model, storage, the app's start; not the demo's
/// data) allowed over [`LIMIT`], as "file name" with the most lines each may span: none
/// since all 23 were split. An entry may shrink, never grow, and leaves the list once
/// within the limit.
const NOT_YET_SPLIT: &[(&str, usize)] = &[];

/// Every function of `src` outside `src/ui` and the demo's data, longest first.
fn other_functions() -> Vec<(usize, String, usize, String)> {
    let mut all = Vec::new();
    for (file, rel) in &source_files("src", 100) {
        if rel.starts_with("src/ui/") || rel.starts_with("src/model/demo/") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (name, line, length) in functions(&code_only(&without_tests(&text))) {
            all.push((length, rel.clone(), line, name));
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    all
}

/// What is wrong with the lengths outside `src/ui`, given the ratchet [`NOT_YET_SPLIT`].
/// A name met twice in one file (`fmt`) counts by its longest.
fn over_the_ratchet(
    all: &[(usize, String, usize, String)],
    listed: &[(&str, usize)],
) -> Vec<String> {
    let mut longest: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    for (length, file, line, name) in all {
        let key = format!("{file} {name}");
        let at = format!("{file}:{line} {name}: {length} lines");
        if longest.get(&key).is_none_or(|(l, _)| length > l) {
            longest.insert(key, (*length, at));
        }
    }
    let mut found = Vec::new();
    for (key, (length, at)) in &longest {
        match listed.iter().find(|(k, _)| k == key) {
            None if *length > LIMIT => found.push(format!("{at}, over {LIMIT}: split it")),
            Some((_, most)) if length > most => found.push(format!(
                "{at}, more than its listed {most}: split it, not grow it"
            )),
            Some(_) if *length <= LIMIT => found.push(format!(
                "{at}, within {LIMIT} now: take it off NOT_YET_SPLIT"
            )),
            _ => {}
        }
    }
    for (key, _) in listed {
        if !longest.contains_key(*key) {
            found.push(format!("{key}: listed in NOT_YET_SPLIT but not found"));
        }
    }
    found
}

/// Each function over the limit, as "file:line name: length".
fn over_the_limit(all: &[(usize, String, usize, String)]) -> Vec<String> {
    all.iter()
        .filter(|(length, ..)| *length > LIMIT)
        .map(|(length, file, line, name)| {
            format!(
                "{file}:{line} {name}: {length} lines, over {LIMIT}; split it into a state \
                 struct, handlers and smaller components"
            )
        })
        .collect()
}

#[test]
fn no_ui_function_is_longer_than_the_limit() {
    let all = ui_functions();
    assert!(all.len() > 100, "too few functions found: {}", all.len());
    let over = over_the_limit(&all);
    assert!(
        over.is_empty(),
        "function lengths in src/ui:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_function_outside_the_ui_runs_past_the_limit() {
    let all = other_functions();
    assert!(all.len() > 300, "too few functions found: {}", all.len());
    let over = over_the_ratchet(&all, NOT_YET_SPLIT);
    assert!(
        over.is_empty(),
        "function lengths outside src/ui:\n{}",
        over.join("\n")
    );
}

#[test]
fn the_ratchet_fails_on_a_new_long_function_a_grown_one_and_a_split_one() {
    let row = |length: usize, name: &str| (length, "src/x.rs".to_owned(), 1, name.to_owned());
    let listed = [("src/x.rs Long", 120)];
    assert!(over_the_ratchet(&[row(120, "Long"), row(80, "Fine")], &listed).is_empty());
    assert_eq!(
        over_the_ratchet(&[row(120, "Long"), row(81, "New")], &listed).len(),
        1
    );
    assert_eq!(over_the_ratchet(&[row(121, "Long")], &listed).len(), 1);
    assert_eq!(over_the_ratchet(&[row(80, "Long")], &listed).len(), 1);
    assert_eq!(over_the_ratchet(&[row(3, "Other")], &listed).len(), 1);
}

#[test]
fn a_function_over_the_limit_fails_and_one_at_it_passes() {
    let row = |length: usize, name: &str| (length, "src/ui/x.rs".to_owned(), 1, name.to_owned());
    assert!(over_the_limit(&[row(LIMIT, "AtTheLimit"), row(3, "Small")]).is_empty());
    let over = over_the_limit(&[row(LIMIT, "AtTheLimit"), row(LIMIT + 1, "Grown")]);
    assert_eq!(over.len(), 1);
    assert!(
        over[0].starts_with("src/ui/x.rs:1 Grown: 81 lines"),
        "{}",
        over[0]
    );
}

#[test]
fn the_count_skips_text_and_measures_nested_blocks() {
    // The measure must be able to fail: braces in strings, characters and comments do
    // not end a function early, and a body's nested blocks are all counted.
    let source = r##"
/// A doc comment with a brace {
#[component]
pub fn Long(x: u8) -> impl IntoView {
    let a = format!("{x} }} days");
    let b = '}';
    let c = r#"}"#;
    // } a comment
    /* } a block comment */
    let f = |y: &'static str| { y };
    if x > 1 {
        view! { <p>{a}</p> }
    } else {
        view! { <p>"}"</p> }
    }
}

trait T {
    fn declared(&self);
}

fn short() {}
"##;
    let found = functions(&code_only(source));
    let names: Vec<(&str, usize)> = found.iter().map(|(n, _, l)| (n.as_str(), *l)).collect();
    assert_eq!(names, vec![("Long", 13), ("short", 1)]);
}
