//! `docs/FORMAT.md` checked against the code, so the documentation cannot drift from
//! what Tandem does: its example file restores and is exactly what Tandem writes, its
//! vocabulary tables and limits are the model's, and every message it quotes is, word
//! for word, the one `restore` gives.
//!
//! When one of these fails after a change to the model, update the document (and the
//! schema: `UPDATE_SCHEMA=1 cargo test --lib model::formats::schema`).

use serde_json::{json, Value};
use tandem::model::core::check::{LIST_LIMITS, MAX_NAME, MAX_NOTES, MAX_TAG, MAX_TAGS, MAX_URL};
use tandem::model::formats::file::{self, Scope};
use tandem::model::formats::{csv, sealed};
use tandem::model::{
    Category, Choice, CommitmentStatus, DecisionKind, DecisionRole, Economics, GoalStatus, Id,
    Ingredient, LadderLevel, MarketPosition, Scale, Side, Stage, Stance, UxVerdict, WinKind,
};

const DOC: &str = include_str!("../docs/FORMAT.md");

/// The first ```json block of the document: the complete example file.
fn example_text() -> &'static str {
    let start = DOC
        .find("```json\n")
        .expect("FORMAT.md has a ```json block")
        + "```json\n".len();
    let length = DOC[start..]
        .find("\n```")
        .expect("the ```json block is closed");
    &DOC[start..start + length]
}

fn example() -> Value {
    serde_json::from_str(example_text()).expect("the example is JSON")
}

/// The message `restore` gives for this text, which must be an error.
fn message(text: &str) -> String {
    match file::restore(text) {
        Ok(_) => panic!("restore accepted {text}"),
        Err(e) => e.to_string(),
    }
}

/// The message for the example with one change.
fn message_for(change: impl FnOnce(&mut Value)) -> String {
    let mut value = example();
    change(&mut value);
    message(&value.to_string())
}

/// The example's only partner.
fn partner(v: &mut Value) -> &mut Value {
    &mut v["workspace"]["partners"][0]
}

/// The example's only key player.
fn player(v: &mut Value) -> &mut Value {
    &mut partner(v)["key_players"][0]
}

fn assert_quoted(message: &str) {
    assert!(
        DOC.contains(message),
        "FORMAT.md should quote this message exactly:\n{message}"
    );
}

#[test]
fn the_example_file_restores_with_two_markets_one_partner_and_one_key_player() {
    let restored = match file::restore(example_text()) {
        Ok(restored) => restored,
        Err(e) => panic!("the example in FORMAT.md is refused: {e}"),
    };
    let ws = &restored.workspace;
    assert_eq!(ws.markets.len(), 2);
    assert_eq!(ws.partners.len(), 1);
    assert_eq!(ws.partners[0].key_players.len(), 1);
    assert_eq!(restored.scope, Scope::Workspace);
    assert_eq!(restored.version, file::VERSION);
}

#[test]
fn the_example_file_is_exactly_what_tandem_writes() {
    let restored = file::restore(example_text()).expect("the example restores");
    let written = file::write(&restored.workspace, restored.scope, restored.saved_at, true);
    assert_eq!(example_text(), written);
}

#[test]
fn the_smallest_file_in_the_doc_restores() {
    let smallest = r#"{"format":"tandem","version":1,"saved_at":"2026-11-23T10:00:00Z","workspace":{"program_name":"Riffly"}}"#;
    assert!(DOC.contains(smallest));
    let restored = file::restore(smallest).expect("the smallest file restores");
    assert_eq!(restored.workspace.program_name, "Riffly");
    assert!(restored.workspace.partners.is_empty());
    assert_eq!(restored.scope, Scope::Workspace);
}

/// The `| `key` | label |` rows of a vocabulary, as the document should have them.
fn rows<C: Choice>() -> Vec<String> {
    C::all()
        .iter()
        .map(|c| format!("| `{}` | {} |", c.key(), c.label()))
        .collect()
}

#[test]
fn the_vocabulary_tables_are_exactly_the_models() {
    let expected: Vec<String> = [
        rows::<Category>(),
        rows::<MarketPosition>(),
        rows::<Stage>(),
        rows::<LadderLevel>(),
        rows::<DecisionRole>(),
        rows::<Stance>(),
        rows::<Ingredient>(),
        rows::<Scale>(),
        rows::<UxVerdict>(),
        rows::<Economics>(),
        rows::<GoalStatus>(),
        rows::<Side>(),
        rows::<CommitmentStatus>(),
        rows::<DecisionKind>(),
        rows::<WinKind>(),
    ]
    .concat();
    let section_start = DOC
        .find("\n## Vocabularies")
        .expect("a Vocabularies section");
    let section = &DOC[section_start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let documented: Vec<String> = section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(str::to_owned)
        .collect();
    assert_eq!(documented, expected);
}

/// The table of list limits is the model's, row for row and in order.
#[test]
fn the_list_limits_in_the_doc_are_the_models() {
    let start = DOC
        .find("| list | at most |\n|---|---|\n")
        .expect("FORMAT.md has a table of list limits");
    let documented: Vec<String> = DOC[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = LIST_LIMITS
        .iter()
        .map(|(path, n)| format!("| `{path}` | {n} |"))
        .collect();
    assert_eq!(documented, expected);
}

#[test]
fn the_limits_in_the_doc_are_the_models() {
    let promises = [
        format!("at most {MAX_NAME} characters"),
        format!("at most {MAX_NOTES} characters"),
        format!("at most {MAX_TAGS} tags; each not blank, at most {MAX_TAG} characters"),
        format!("at most {MAX_URL} characters"),
        format!("1 to {} characters", Id::MAX_LEN),
        format!("At most {} MiB", file::MAX_BYTES / (1024 * 1024)),
        format!(
            "**reads** versions {} to {}",
            file::OLDEST_VERSION,
            file::VERSION
        ),
        format!("**writes** version {}", file::VERSION),
        format!(
            "seals a Tandem file of at most\n{} bytes",
            sealed::max_plaintext_bytes()
        ),
        format!(
            "{{\"format\":\"tandem-sealed\",\"version\":{},",
            sealed::VERSION
        ),
        format!(
            "**Version {}** (written by this build) and **version {}** (still read)",
            sealed::VERSION,
            sealed::OLDEST_VERSION
        ),
        format!(
            "have at least {} characters (counted after NFC) and at\nleast {} different ones",
            sealed::MIN_PASSPHRASE_CHARS,
            sealed::MIN_DISTINCT_CHARS
        ),
        format!("**At most {} columns.**", csv::MAX_COLUMNS),
        format!(
            "**At most {} rows left out are listed**",
            csv::MAX_LISTED_ROWS
        ),
    ];
    for promise in promises {
        assert!(DOC.contains(&promise), "FORMAT.md should say {promise:?}");
    }
}

#[test]
fn the_messages_of_the_first_checks_are_quoted_exactly() {
    let oversized = " ".repeat(25 * 1024 * 1024);
    assert_quoted(&message(&oversized));

    let not_json = "{\n  \"format\": \"tandem\",\n  oops\n}";
    assert!(DOC.contains(not_json), "FORMAT.md should show the input");
    assert_quoted(&message(not_json));

    for text in [
        "[1, 2]",
        r#"{"name": "x"}"#,
        r#"{"format": "excalidraw"}"#,
        r#"{"format": "tandem"}"#,
    ] {
        assert_quoted(&message(text));
    }

    assert_quoted(&message_for(|v| v["version"] = json!(file::VERSION + 1)));
}

#[test]
fn the_shape_messages_are_quoted_exactly() {
    assert_quoted(&message_for(|v| partner(v)["stage"] = json!("won")));
    assert_quoted(&message_for(|v| {
        partner(v).as_object_mut().unwrap().remove("name");
    }));
    assert_quoted(&message_for(|v| {
        v.as_object_mut().unwrap().remove("saved_at");
    }));
    assert_quoted(&message_for(|v| {
        partner(v)["key_players"][0]["influence"] = json!(300)
    }));
    assert_quoted(&message_for(|v| partner(v)["notes"] = Value::Null));
}

#[test]
fn the_rule_messages_are_quoted_exactly() {
    assert_quoted(&message_for(|v| player(v)["influence"] = json!(9)));
    assert_quoted(&message_for(|v| {
        partner(v)["website"] = json!("javascript:alert(1)")
    }));
    assert_quoted(&message_for(|v| partner(v)["markets"][1] = json!("m-xx")));
    assert_quoted(&message_for(|v| player(v)["id"] = json!("p-wavelet")));
    assert_quoted(&message_for(|v| player(v)["id"] = json!("k ana")));
    assert_quoted(&message_for(|v| {
        partner(v)["updated"] = json!("2026-02-09T08:15:00Z")
    }));
    assert_quoted(&message_for(|v| {
        v["workspace"]["markets"][1]["name"] = json!(" germany")
    }));
    assert_quoted(&message_for(|v| {
        v["workspace"]["program_name"] = json!("");
        v["workspace"]["markets"][0]["name"] = json!("");
        v["workspace"]["markets"][1]["name"] = json!("");
        partner(v)["name"] = json!("");
        player(v)["name"] = json!("");
        player(v)["influence"] = json!(0);
    }));
}

#[test]
fn times_with_an_offset_are_read_and_written_back_in_utc() {
    let (read, written) = ("2026-11-23T11:00:00.5+01:00", "2026-11-23T10:00:00.500Z");
    assert!(DOC.contains(read) && DOC.contains(written));
    let text = format!(
        r#"{{"format":"tandem","version":1,"saved_at":"{read}","workspace":{{"program_name":"R"}}}}"#
    );
    let restored = file::restore(&text).expect("an offset time is read");
    let again = file::write(
        &restored.workspace,
        restored.scope,
        restored.saved_at,
        false,
    );
    assert!(
        again.contains(&format!(r#""saved_at":"{written}""#)),
        "{again}"
    );
}
