//! Text as people type it, made safe to show: squeezed onto one line for headings and
//! lists, or split into the paragraphs the person meant.

/// Text squeezed onto one line: a name from a file may hold line breaks, which would
/// end a heading or a list item early in Markdown.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of a person's free text: lines trimmed, blank lines dropped, and
/// paragraphs split where the text had a blank line. The screen shows the same split.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // `\r` ends a line in Markdown too, so it must end one here.
    for line in text.split(['\n', '\r']) {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
