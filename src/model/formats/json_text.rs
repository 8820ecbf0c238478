//! JSON values and parse errors put into words, for the messages of every reader of
//! outside files (Tandem files, protected files).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// serde_json's message without its trailing " at line L column C" (messages give the
/// place in their own words).
pub(crate) fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// What kind of JSON value this is, with its article: "a list".
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A JSON value shortened for a message: at most 40 characters and an ellipsis.
pub(crate) fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// Why a document is not the JSON object every Tandem document is: "it holds a list
/// where a JSON object was expected".
pub(crate) fn not_an_object(v: &Value) -> String {
    format!("it holds {} where a JSON object was expected", kind(v))
}

/// Why a document's `"format"` (`found`; `None` when it has none) is not `expected`.
pub(crate) fn wrong_format(found: Option<&Value>, expected: &str) -> String {
    match found {
        Some(other) => format!("its \"format\" is {}, not \"{expected}\"", short(other)),
        None => format!("it has no \"format\": \"{expected}\" field"),
    }
}

/// A record refused by [`read`]: serde_json's error, the path of the value at fault for a
/// shape error (`None` for text that is not JSON), and the text as parsed, when it is JSON.
#[derive(Debug)]
pub(crate) struct Refused {
    pub error: serde_json::Error,
    pub path: Option<String>,
    pub value: Option<Value>,
}

impl std::fmt::Display for Refused {
    /// In words: `path: reason` for a shape error, serde_json's own message (with its
    /// place in the text) for text that is not JSON.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path.as_deref() {
            None => write!(f, "{}", self.error),
            Some(".") => f.write_str(&reason(&self.error)),
            Some(path) => write!(f, "{path}: {}", reason(&self.error)),
        }
    }
}

impl std::error::Error for Refused {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// A record from JSON text, read as from its parsed [`Value`]: a repeated key counts with
/// its last value (a struct read from text would refuse it as a duplicate field).
///
/// From text so that each record type's deserialiser is compiled once, for text, and
/// shared by every reader (files, the store); with no path tracking, the path of a shape
/// error being found from its position, only on failure ([`path_at`]).
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<T, Refused> {
    let error = match serde_json::from_str(text) {
        Ok(record) => return Ok(record),
        Err(e) => e,
    };
    if !error.is_data() {
        return Err(Refused {
            error,
            path: None,
            value: None,
        });
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        let path = Some(path_at(text, &error));
        return Err(Refused {
            error,
            path,
            value: None,
        });
    };
    // Once more from the value's own text, where every key is once: the same record
    // unless a repeated key was refused; else the error there, and its path.
    let single = value.to_string();
    match serde_json::from_str(&single) {
        Ok(record) => Ok(record),
        Err(error) => Err(Refused {
            path: Some(path_at(&single, &error)),
            error,
            value: Some(value),
        }),
    }
}

/// The path of the value at fault in a shape error of `serde_json::from_str(text)`:
/// `partners[3].stage`, `.` for the top level (the form `serde_path_to_error` gave).
///
/// Found only on the failing read, by walking the text to the error's position, so the
/// readers deserialise once, from text, with no path tracking: a path-tracking reader
/// compiles a second copy of every record type's deserialiser, about 9 % of the wasm
/// the first screen loads. serde_json places a shape error at the end of the
/// value it refused (a value read whole; an object missing a field, once its `}` is
/// read) or at its start (a value refused on sight: a list where text was expected);
/// failing both, the innermost value around the position is named.
pub(crate) fn path_at(text: &str, e: &serde_json::Error) -> String {
    let bytes = text.as_bytes();
    // serde_json's line counts from 1, its column in bytes from the line's start.
    let line_start = match e.line() {
        0 | 1 => 0,
        line => bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    let mut walk = Walk {
        bytes,
        at: (line_start + e.column()).min(bytes.len()),
        pos: 0,
        path: Vec::new(),
        found: None,
    };
    walk.value();
    let steps = walk.found.unwrap_or_default();
    if steps.is_empty() {
        return ".".into();
    }
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&k);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// A walk of valid JSON text up to the byte `at`, keeping the path of where it is.
struct Walk<'a> {
    bytes: &'a [u8],
    at: usize,
    pos: usize,
    path: Vec<Step>,
    found: Option<Vec<Step>>,
}

impl Walk<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Names the current path as the one at fault and ends the walk.
    fn found(&mut self) -> bool {
        if self.found.is_none() {
            self.found = Some(self.path.clone());
        }
        false
    }

    /// Walks one value; `false` once the walk is over (the place is found, or passed).
    fn value(&mut self) -> bool {
        self.space();
        let start = self.pos;
        if start == self.at {
            return self.found();
        }
        if start > self.at {
            // The place was in the space before this value: the container names it.
            return false;
        }
        let go = match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.pos += 1;
                }
                true
            }
            None => false,
        };
        // The innermost value around the place names it if no value starts or ends there.
        if !go || self.pos >= self.at {
            return self.found();
        }
        true
    }

    /// Walks a string; its text (escapes decoded) for an object's key.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        if escaped {
            serde_json::from_str(raw).ok()
        } else {
            Some(raw[1..raw.len() - 1].to_owned())
        }
    }

    fn object(&mut self) -> bool {
        self.pos += 1;
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return true;
        }
        loop {
            self.space();
            let Some(key) = self.string() else {
                return false;
            };
            self.path.push(Step::Key(key));
            // A key refused (a field the record does not have): its place.
            let go = if self.pos == self.at {
                self.found()
            } else {
                self.space();
                if self.peek() == Some(b':') {
                    self.pos += 1;
                    self.value()
                } else {
                    false
                }
            };
            self.path.pop();
            if !go {
                return false;
            }
            if let Some(closed) = self.after_item(b'}') {
                return closed;
            }
        }
    }

    /// After an object's member or an array's element: a comma goes on (`None`), the
    /// `close` byte ends the container well formed (`Some(true)`), anything else is the
    /// broken spot (`Some(false)`).
    fn after_item(&mut self, close: u8) -> Option<bool> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                None
            }
            Some(c) if c == close => {
                self.pos += 1;
                Some(true)
            }
            _ => Some(false),
        }
    }

    fn array(&mut self) -> bool {
        self.pos += 1;
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return true;
        }
        for i in 0.. {
            self.path.push(Step::Index(i));
            let go = self.value();
            self.path.pop();
            if !go {
                return false;
            }
            if let Some(closed) = self.after_item(b']') {
                return closed;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<Inner>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        count: u8,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Deserialize, Debug)]
    enum Kind {
        A,
        B,
    }

    fn refused(text: &str) -> (String, String) {
        let r = read::<Outer>(text).expect_err("the text is refused");
        (r.path.unwrap_or_default(), reason(&r.error))
    }

    #[test]
    fn names_the_path_of_the_value_at_fault() {
        let ok = r#"{"name":"n","items":[{"count":1,"kind":"A"},{"count":2,"kind":"B"}]}"#;
        assert!(read::<Outer>(ok).is_ok());
        // A value read whole and refused: its field.
        let (path, why) =
            refused(r#"{"name":"n","items":[{"count":1,"kind":"A"},{"count":300,"kind":"B"}]}"#);
        assert_eq!(path, "items[1].count", "{why}");
        let (path, why) = refused(r#"{"name":"n","items":[{"count":1,"kind":"C"}]}"#);
        assert_eq!(
            (path.as_str(), why.starts_with("unknown variant `C`")),
            ("items[0].kind", true)
        );
        let (path, _) = refused(r#"{"name":"n","items":[{"count":1,"kind":"A","tags":["x",5]}]}"#);
        assert_eq!(path, "items[0].tags[1]");
        // Refused on sight (a list where text belongs): its field.
        let (path, _) = refused(r#"{"name":["n"],"items":[]}"#);
        assert_eq!(path, "name");
        let (path, _) = refused(r#"{"name":"n","items":[{"count":{"a":1},"kind":"A"}]}"#);
        assert_eq!(path, "items[0].count");
        // A missing field: the record that lacks it; at the top level, ".".
        let (path, why) = refused(r#"{"name":"n","items":[{"count":1}]}"#);
        assert_eq!(
            (path.as_str(), why.as_str()),
            ("items[0]", "missing field `kind`")
        );
        let (path, _) = refused(r#"{"items":[]}"#);
        assert_eq!(path, ".");
        let (path, _) = refused("5");
        assert_eq!(path, ".");
        // A record read from a list, as serde reads it: the list's item.
        let (path, _) = refused("[1]");
        assert_eq!(path, "[0]");
    }

    #[test]
    fn finds_the_place_in_indented_text_and_escaped_keys() {
        let text = "{\n  \"name\": \"n\",\n  \"items\": [\n    {\n      \"count\": 1,\n      \
                    \"kind\": \"A\"\n    },\n    {\n      \"count\": -1,\n      \"kind\": \"B\"\n    }\n  ]\n}";
        assert_eq!(refused(text).0, "items[1].count");
        let text =
            "{\n  \"name\": \"n\",\n  \"items\": [\n    {\n      \"kind\": \"A\"\n    }\n  ]\n}";
        assert_eq!(refused(text).0, "items[0]");
        // An escaped key is named as it reads.
        let text = r#"{"name":"n","items":[{"c\u006funt":true,"kind":"A"}]}"#;
        assert_eq!(refused(text).0, "items[0].count");
    }

    #[test]
    fn a_repeated_key_counts_with_its_last_value() {
        let text = r#"{"name":"n","name":"m","items":[{"count":1,"count":2,"kind":"A"}]}"#;
        let outer = read::<Outer>(text).expect("read as its value reads");
        assert_eq!((outer.name.as_str(), outer.items[0].count), ("m", 2));
        let (path, _) = refused(r#"{"name":"n","items":[{"count":1,"count":"x","kind":"A"}]}"#);
        assert_eq!(path, "items[0].count");
    }

    #[test]
    fn text_that_is_not_json_has_no_path() {
        let r = read::<Outer>(r#"{"name":"n","#).expect_err("refused");
        assert!(r.path.is_none() && r.value.is_none());
    }
}
