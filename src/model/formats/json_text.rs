//! JSON values and parse errors put into words, for the messages of every reader of
//! outside files (Tandem files, protected files).

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
