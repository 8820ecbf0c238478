//! The JSON Schema of the Tandem file, generated from the model's own types and kept in
//! `docs/tandem.schema.json` for people and editors that check files by hand.
//!
//! Why this is a test module: the records derive `schemars::JsonSchema` only under
//! `cfg(test)`, so schemars stays a dev-dependency and never reaches the wasm bundle.
//! The schema can therefore only be produced from inside the lib's unit tests, and
//! [`committed_schema_is_current`] is where that happens: it fails when the committed
//! file no longer matches the types, and rewrites it when asked to:
//!
//! ```text
//! UPDATE_SCHEMA=1 cargo test --lib model::formats::schema
//! ```
//!
//! The schema describes the shape of a file (fields, types, required fields and the
//! keys of each vocabulary). The rules on top of the shape (id characters, length
//! limits, influence 1–5, unique ids, known market references) belong to
//! `validate.rs` and are documented in `docs/FORMAT.md`.

use crate::model::core::vocabulary::{
    Category, DecisionRole, LadderLevel, MarketPosition, Stage, Stance,
};
use crate::model::formats::file::{self, Envelope, Scope};
use crate::model::{core::vocabulary::Choice, demo};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use std::path::PathBuf;

/// Where the generated schema is committed, relative to the crate root.
const COMMITTED: &str = "docs/tandem.schema.json";

/// How to bring the committed schema up to date.
const REGENERATE: &str = "UPDATE_SCHEMA=1 cargo test --lib model::formats::schema";

/// The schema as committed: pretty-printed JSON with a trailing newline.
fn generated() -> String {
    let schema = schemars::schema_for!(Envelope);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}

fn schema_value() -> Value {
    serde_json::from_str(&generated()).expect("the generated schema parses")
}

#[test]
fn committed_schema_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(COMMITTED);
    let fresh = generated();
    if std::env::var("UPDATE_SCHEMA").as_deref() == Ok("1") {
        std::fs::write(&path, &fresh)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let committed = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            panic!("cannot read {COMMITTED} ({e}). Generate it with `{REGENERATE}` and commit it.")
        }
    };
    if committed != fresh {
        let first_difference = committed
            .lines()
            .zip(fresh.lines())
            .position(|(old, new)| old != new)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
        panic!(
            "{COMMITTED} no longer matches the model's types (first difference at line {}: \
             committed {:?}, generated {:?}). If the change to the file format is intended, \
             regenerate the schema with `{REGENERATE}`, review the diff and commit it.",
            first_difference + 1,
            committed
                .lines()
                .nth(first_difference)
                .unwrap_or("(end of file)"),
            fresh
                .lines()
                .nth(first_difference)
                .unwrap_or("(end of file)"),
        );
    }
}

#[test]
fn schema_root_requires_the_envelope_fields() {
    let schema = schema_value();
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .expect("the root lists its required fields")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    required.sort_unstable();
    assert_eq!(required, ["format", "saved_at", "version", "workspace"]);
    assert_eq!(schema["properties"]["scope"]["default"], "workspace");
}

/// The keys a vocabulary's `$defs` entry lists, in order.
fn enum_keys(schema: &Value, name: &str) -> Vec<String> {
    schema["$defs"][name]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs.{name} has no enum"))
        .iter()
        .map(|key| key.as_str().expect("enum keys are strings").to_owned())
        .collect()
}

fn model_keys<C: Choice>() -> Vec<String> {
    C::all().iter().map(|c| c.key().to_owned()).collect()
}

#[test]
fn schema_vocabularies_list_exactly_the_model_keys() {
    let schema = schema_value();
    assert_eq!(enum_keys(&schema, "Stage"), model_keys::<Stage>());
    assert_eq!(enum_keys(&schema, "Category"), model_keys::<Category>());
    assert_eq!(
        enum_keys(&schema, "MarketPosition"),
        model_keys::<MarketPosition>()
    );
    assert_eq!(
        enum_keys(&schema, "LadderLevel"),
        model_keys::<LadderLevel>()
    );
    assert_eq!(
        enum_keys(&schema, "DecisionRole"),
        model_keys::<DecisionRole>()
    );
    assert_eq!(enum_keys(&schema, "Stance"), model_keys::<Stance>());
    let scopes: Vec<String> = [Scope::Workspace, Scope::Partners]
        .iter()
        .map(|s| {
            serde_json::to_value(s)
                .expect("a scope serialises")
                .to_string()
        })
        .map(|quoted| quoted.trim_matches('"').to_owned())
        .collect();
    assert_eq!(enum_keys(&schema, "Scope"), scopes);
}

/// Where `value` breaks `schema`, as `path: reason` lines. It understands the keywords
/// schemars emits for these types and panics on any other, so a schemars upgrade that
/// starts using a new keyword makes this check fail loudly instead of turning lenient.
fn violations(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let rules = schema
        .as_object()
        .unwrap_or_else(|| panic!("the schema at {path} is not an object"));
    for (keyword, rule) in rules {
        match keyword.as_str() {
            "$schema" | "title" | "description" | "default" | "$defs" => {}
            "$ref" => {
                let target = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix('#'))
                    .and_then(|pointer| root.pointer(pointer))
                    .unwrap_or_else(|| panic!("unresolvable $ref {rule} at {path}"));
                violations(root, target, value, path, out);
            }
            "type" => type_violations(rule, value, path, out),
            "enum" => {
                let keys = rule.as_array().expect("an enum is a list");
                if !keys.contains(value) {
                    out.push(format!("{path}: {value} is not one of {rule}"));
                }
            }
            "properties" => property_violations(root, rule, value, path, out),
            "required" => required_violations(rule, value, path, out),
            "items" => {
                let Some(items) = value.as_array() else {
                    continue;
                };
                for (i, item) in items.iter().enumerate() {
                    violations(root, rule, item, &format!("{path}[{i}]"), out);
                }
            }
            "format" => format_violations(rule, value, path, out),
            "anyOf" | "oneOf" => choice_violations(root, keyword, rule, value, path, out),
            "const" => {
                if value != rule {
                    out.push(format!("{path}: {value} is not {rule}"));
                }
            }
            // A map such as month → value: every value follows this rule (a schema with
            // named properties would exclude them; schemars emits this only for maps).
            "additionalProperties" => {
                let (Some(object), Some(_)) = (value.as_object(), rule.as_object()) else {
                    continue;
                };
                assert!(
                    !rules.contains_key("properties"),
                    "additionalProperties beside properties at {path}"
                );
                for (name, field) in object {
                    violations(root, rule, field, &format!("{path}.{name}"), out);
                }
            }
            "patternProperties" => pattern_key_violations(root, rule, value, path, out),
            "propertyNames" => key_name_violations(root, rule, value, path, out),
            "pattern" => month_violations(rule, value, path, out),
            "minimum" | "maximum" => bound_violations(keyword, rule, value, path, out),
            other => panic!(
                "the schema uses `{other}` at {path}, which this check does not understand yet"
            ),
        }
    }
}

/// `type`: the value is of the type named, or of one of the types listed.
fn type_violations(rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let is = |name: &Value| match name.as_str() {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_u64() || value.is_i64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("null") => value.is_null(),
        _ => panic!("unexpected type {rule} at {path}"),
    };
    // `["string", "null"]`: an optional field may also be written as null.
    let fits = match rule.as_array() {
        Some(names) => names.iter().any(is),
        None => is(rule),
    };
    if !fits {
        out.push(format!("{path}: expected {rule}, found {value}"));
    }
}

/// `properties`: each field present follows its rule.
fn property_violations(
    root: &Value,
    rule: &Value,
    value: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    for (name, sub) in rule.as_object().expect("properties is an object") {
        if let Some(field) = object.get(name) {
            let field_path = format!("{path}.{name}");
            violations(root, sub, field, &field_path, out);
        }
    }
}

/// `required`: each field named is present.
fn required_violations(rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(object) = value.as_object() else {
        return;
    };
    for name in rule.as_array().expect("required is a list") {
        let name = name.as_str().expect("required names are strings");
        if !object.contains_key(name) {
            out.push(format!("{path}: missing required field {name}"));
        }
    }
}

/// `format`: dates and date-times parse; the number formats are checked by the bounds
/// beside them.
fn format_violations(rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    match rule.as_str() {
        Some("date-time") => {
            if let Some(text) = value.as_str() {
                if DateTime::parse_from_rfc3339(text).is_err() {
                    out.push(format!("{path}: {text:?} is not an RFC 3339 date-time"));
                }
            }
        }
        Some("date") => {
            if let Some(text) = value.as_str() {
                if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() {
                    out.push(format!("{path}: {text:?} is not a date (YYYY-MM-DD)"));
                }
            }
        }
        // Integer widths: enforced by `minimum` and `maximum` beside them.
        Some("uint8" | "uint64") => {}
        // Any JSON number.
        Some("double") => {}
        _ => panic!("unexpected format {rule} at {path}"),
    }
}

/// `anyOf` (at least one choice fits) and `oneOf` (exactly one does).
fn choice_violations(
    root: &Value,
    keyword: &str,
    rule: &Value,
    value: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let matching = rule
        .as_array()
        .expect("anyOf and oneOf are lists")
        .iter()
        .filter(|sub| {
            let mut found = Vec::new();
            violations(root, sub, value, path, &mut found);
            found.is_empty()
        })
        .count();
    let fine = if keyword == "oneOf" {
        matching == 1
    } else {
        matching >= 1
    };
    if !fine {
        out.push(format!(
            "{path}: {value} fits {matching} of the {keyword} choices"
        ));
    }
}

/// `patternProperties`, a map keyed by month: schemars names the key pattern. Every key
/// must be a month and every value follow the rule.
fn pattern_key_violations(
    root: &Value,
    rule: &Value,
    value: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    let patterns = rule.as_object().expect("patternProperties is an object");
    assert_eq!(patterns.len(), 1, "one key pattern at {path}");
    for (pattern, sub) in patterns {
        let key_rule = serde_json::json!({ "pattern": pattern });
        for (name, field) in object {
            violations(
                root,
                &key_rule,
                &Value::String(name.clone()),
                &format!("{path} key {name:?}"),
                out,
            );
            violations(root, sub, field, &format!("{path}.{name}"), out);
        }
    }
}

/// `propertyNames`: every key of the object follows the rule.
fn key_name_violations(
    root: &Value,
    rule: &Value,
    value: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    for name in object.keys() {
        violations(
            root,
            rule,
            &Value::String(name.clone()),
            &format!("{path} key {name:?}"),
            out,
        );
    }
}

/// `pattern`: the one pattern the model uses, a month, checked by the model's own parser
/// together with the pattern's four-digit year.
fn month_violations(rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    assert_eq!(
        rule, "^[0-9]{4}-(0[1-9]|1[0-2])$",
        "unexpected pattern at {path}"
    );
    if let Some(text) = value.as_str() {
        let four = text.len() == 7 && text.as_bytes().get(4) == Some(&b'-');
        if !four || crate::model::core::month::Month::parse(text).is_err() {
            out.push(format!("{path}: {text:?} is not a month (YYYY-MM)"));
        }
    }
}

/// `minimum` and `maximum`, on a number.
fn bound_violations(keyword: &str, rule: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let (Some(n), Some(bound)) = (value.as_f64(), rule.as_f64()) else {
        return;
    };
    let outside = if keyword == "minimum" {
        n < bound
    } else {
        n > bound
    };
    if outside {
        out.push(format!("{path}: {n} is beyond the {keyword} {bound}"));
    }
}

fn check(value: &Value) -> Vec<String> {
    let schema = schema_value();
    let mut out = Vec::new();
    violations(&schema, &schema, value, "", &mut out);
    out
}

fn demo_export() -> Value {
    let now = Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap();
    let text = file::write(&demo::workspace(now), Scope::Workspace, now, true);
    serde_json::from_str(&text).expect("an export is JSON")
}

#[test]
fn demo_export_conforms_to_the_schema() {
    assert_eq!(check(&demo_export()), Vec::<String>::new());
}

/// The check above would be worthless if it accepted anything: each corruption below is
/// refused both by the schema and by `restore`.
#[test]
fn schema_refuses_the_shapes_restore_refuses() {
    type Corruption = fn(&mut Value);
    let cases: [(Corruption, &str); 5] = [
        (
            |v| v["workspace"]["partners"][0]["stage"] = "won".into(),
            ".workspace.partners[0].stage: \"won\" is not one of",
        ),
        (
            |v| {
                v["workspace"]["partners"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("name");
            },
            ".workspace.partners[1]: missing required field name",
        ),
        (
            |v| v["workspace"]["partners"][2]["key_players"][0]["influence"] = "high".into(),
            ".workspace.partners[2].key_players[0].influence: expected \"integer\"",
        ),
        (
            |v| v["saved_at"] = "yesterday".into(),
            ".saved_at: \"yesterday\" is not an RFC 3339 date-time",
        ),
        (
            |v| {
                v.as_object_mut().unwrap().remove("workspace");
            },
            ": missing required field workspace",
        ),
    ];
    for (corrupt, expected) in cases {
        let mut value = demo_export();
        corrupt(&mut value);
        let found = check(&value);
        assert!(
            found.iter().any(|v| v.starts_with(expected)),
            "expected a violation starting {expected:?}, found {found:?}"
        );
        assert!(
            matches!(
                file::restore(&value.to_string()),
                Err(file::FileError::Shape { .. })
            ),
            "restore accepted what the schema refuses ({expected})"
        );
    }
}
