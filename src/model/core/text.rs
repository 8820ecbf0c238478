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

/// Whether a person would see nothing: only spaces and invisible format characters
/// (zero-width spaces, joiners, direction marks, a byte-order mark …). A name made of
/// them would leave a heading or a table cell empty.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_format(c))
}

/// Whether `c` is a Unicode format character (general category Cf, Unicode 16):
/// invisible, yet it changes how the text around it shows — bidirectional controls
/// such as U+202E, zero-width spaces and joiners, the byte-order mark, tag characters.
pub fn is_format(c: char) -> bool {
    const CF: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let c = u32::from(c);
    CF.iter().any(|&(first, last)| (first..=last).contains(&c))
}
