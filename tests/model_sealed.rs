//! The sealed (passphrase-protected) envelope, `model::formats::sealed`: every valid envelope
//! reads back as written, and every malformed or hostile one is refused with a message
//! naming the field at fault — never a panic, never a silent acceptance. The
//! encryption itself needs the browser and is tested end to end
//! (tests/e2e/sealed.spec.mjs).

mod common;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use tandem::model::demo;
use tandem::model::formats::file::{self, Scope};
use tandem::model::formats::sealed::{self, SealedError, SealedFile};

fn sealed_file() -> impl Strategy<Value = SealedFile> {
    (
        sealed::MIN_ITERATIONS..=sealed::MAX_ITERATIONS,
        prop::collection::vec(any::<u8>(), sealed::SALT_BYTES..64),
        any::<[u8; sealed::NONCE_BYTES]>(),
        prop::collection::vec(any::<u8>(), sealed::TAG_BYTES + 1..600),
    )
        .prop_map(|(iterations, salt, nonce, ciphertext)| {
            SealedFile::new(iterations, salt, nonce, ciphertext).expect("within bounds")
        })
}

/// Every field of the envelope, as a JSON pointer and the name messages use.
const FIELDS: &[(&str, &str)] = &[
    ("/format", "format"),
    ("/version", "version"),
    ("/kdf", "kdf"),
    ("/kdf/name", "kdf.name"),
    ("/kdf/hash", "kdf.hash"),
    ("/kdf/iterations", "kdf.iterations"),
    ("/kdf/salt", "kdf.salt"),
    ("/cipher", "cipher"),
    ("/cipher/name", "cipher.name"),
    ("/cipher/nonce", "cipher.nonce"),
    ("/ciphertext", "ciphertext"),
];

/// Values a hostile or broken writer might put anywhere.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |x| x.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just(0u64),
            Just(999),
            Just(599_999),
            Just(600_000),
            Just(10_000_000),
            Just(10_000_001),
            Just(1_000_000_000),
            Just(u64::from(u32::MAX) + 1),
        ]
        .prop_map(Value::from),
        "[A-Za-z0-9+/=]{0,40}".prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
        prop_oneof![
            Just("PBKDF2"),
            Just("SHA-256"),
            Just("AES-GCM"),
            Just("tandem"),
            Just("tandem-sealed"),
            Just("AAAAAAAAAAAAAAAAAAAAAA=="),
            Just("AAAAAAAAAAAAAAAA"),
            Just("===="),
            Just("\u{0}"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces (or, for `None`, removes) the field at `pointer`.
fn with_field(text: &str, pointer: &str, replacement: Option<Value>) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = value.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    match replacement {
        Some(v) => {
            parent.insert(key.to_owned(), v);
        }
        None => {
            parent.remove(key);
        }
    }
    value.to_string()
}

proptest! {
    #![proptest_config(common::fast_config(256))]

    #[test]
    fn parse_gives_back_what_to_json_wrote(file in sealed_file()) {
        let text = sealed::to_json(&file);
        prop_assert!(sealed::is_sealed(&text));
        prop_assert_eq!(sealed::parse(&text), Ok(file.clone()));
        // Compact, reordered or re-indented by another tool: still the same file.
        let value: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(sealed::parse(&value.to_string()), Ok(file));
    }

    #[test]
    fn a_replaced_or_missing_field_is_refused_by_name_or_read_exactly(
        file in sealed_file(),
        which in 0..FIELDS.len(),
        replacement in prop::option::weighted(0.9, any_json()),
    ) {
        let (pointer, name) = FIELDS[which];
        let text = with_field(&sealed::to_json(&file), pointer, replacement.clone());
        match sealed::parse(&text) {
            // Accepted only when the new value means what a valid one does.
            Ok(read) => {
                let back: Value = serde_json::from_str(&sealed::to_json(&read)).unwrap();
                let sent: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(
                    back.pointer(pointer).and_then(Value::as_f64),
                    sent.pointer(pointer).and_then(Value::as_f64),
                    "{} accepted as {:?}", pointer, replacement
                );
                prop_assert_eq!(&back.pointer(pointer).and_then(Value::as_str), &sent.pointer(pointer).and_then(Value::as_str));
            }
            // Another format, such as an ordinary Tandem file, is told apart as such.
            Err(e @ SealedError::NotSealed { .. }) => prop_assert_eq!(name, "format", "{}", e),
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.contains(name), "{} missing from: {}", name, message);
                prop_assert!(message.ends_with('.'), "{}", message);
            }
        }
    }

    #[test]
    fn any_edit_to_the_text_is_refused_cleanly_or_reads_back(
        file in sealed_file(),
        at in any::<prop::sample::Index>(),
        edit in 0..4u8,
        ch in any::<char>(),
    ) {
        let text = sealed::to_json(&file);
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        match edit {
            0 => { chars.truncate(i); }
            1 => { chars.remove(i); }
            2 => { chars.insert(i, ch); }
            _ => { chars[i] = ch; }
        }
        let edited: String = chars.into_iter().collect();
        let sealed_check = sealed::is_sealed(&edited);
        match sealed::parse(&edited) {
            Ok(read) => {
                prop_assert!(sealed_check, "read, yet not recognised as sealed");
                // Whatever was read writes back to an envelope that reads the same.
                prop_assert_eq!(sealed::parse(&sealed::to_json(&read)), Ok(read));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// Hostile envelopes are refused without panicking, each at the step that should stop
/// it, and the expensive ones early: what is asserted is the work done (where the
/// parser stopped, which check refused), never the time taken, so a loaded machine
/// cannot fail it.
#[test]
fn hostile_envelopes_are_refused_early_without_panicking() {
    let good =
        sealed::to_json(&SealedFile::new(600_000, vec![1; 16], [2; 12], vec![3; 64]).unwrap());
    let deep = format!(
        "{{\"format\":\"tandem-sealed\",\"kdf\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let huge_salt = with_field(&good, "/kdf/salt", Some("A".repeat(1_000_000).into()));
    let cases: [(&str, &str); 8] = [
        // 100,000 levels deep: refused at the nesting limit (128 levels), after reading
        // 159 of its 200,032 bytes, before any of the envelope is built.
        (&deep, "NotJson { line: 1, column: 159, reason: \"recursion limit exceeded\" }"),
        // A million-character salt is decoded once and refused by its length.
        (&huge_salt, "SaltLength { bytes: 750000 }"),
        (
            "{\"format\":\"tandem-sealed\",\"version\":1e400}",
            "NotJson { line: 1, column: 41, reason: \"number out of range\" }",
        ),
        (
            "{\"format\":\"tandem-sealed\",\"format\":\"tandem\"}",
            "NotSealed { reason: \"it is an ordinary Tandem file, not protected by a passphrase\" }",
        ),
        (
            "\u{feff}{\"format\":\"tandem-sealed\"}",
            "NotJson { line: 1, column: 1, reason: \"expected value\" }",
        ),
        (
            "{\"format\":\"tandem-sealed\",\"version\":1,\"kdf\":null}",
            "WrongType { field: \"kdf\", expected: \"an object\", found: \"null\" }",
        ),
        (
            "null",
            "NotSealed { reason: \"it holds null where a JSON object was expected\" }",
        ),
        (
            "\"tandem-sealed\"",
            "NotSealed { reason: \"it holds a string where a JSON object was expected\" }",
        ),
    ];
    for (text, refusal) in cases {
        let _ = sealed::is_sealed(text);
        let e = sealed::parse(text).expect_err("a hostile envelope is refused");
        assert_eq!(format!("{e:?}"), refusal);
        assert!(!e.to_string().is_empty());
    }
    // Over the size limit: refused by its length, before a byte is parsed (were it
    // parsed, this text would be refused as not JSON at its first character).
    let too_large = "x".repeat(sealed::MAX_BYTES + 1);
    assert_eq!(
        sealed::parse(&too_large),
        Err(SealedError::TooLarge(file::TooLarge {
            name: None,
            bytes: sealed::MAX_BYTES as u64 + 1
        }))
    );
    assert!(!sealed::is_sealed(&format!("{too_large}\"tandem-sealed\"")));
}

#[test]
fn iteration_counts_that_would_stall_or_weaken_are_refused_by_name() {
    let good =
        sealed::to_json(&SealedFile::new(600_000, vec![1; 16], [2; 12], vec![3; 64]).unwrap());
    for (n, expected) in [
        (json!(1000), "asks for only 1,000 rounds"),
        (json!(0), "asks for only 0 rounds"),
        (json!(599_999), "asks for only 599,999 rounds"),
        (json!(1_000_000_000), "asks for 1,000,000,000 rounds"),
        (json!(1e9), "asks for 1,000,000,000 rounds"),
        (json!(10_000_001), "asks for 10,000,001 rounds"),
    ] {
        let message = sealed::parse(&with_field(&good, "/kdf/iterations", Some(n)))
            .unwrap_err()
            .to_string();
        assert!(message.contains(expected), "{message}");
        assert!(message.contains("\"kdf.iterations\""), "{message}");
    }
}

#[test]
fn ordinary_tandem_files_are_not_sealed_even_when_they_mention_it() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let mut ws = demo::workspace(now);
    ws.program_name = "tandem-sealed".into();
    ws.partners[0].notes = "{\"format\":\"tandem-sealed\"}".into();
    for pretty in [true, false] {
        let text = file::write(&ws, Scope::Workspace, now, pretty);
        assert!(!sealed::is_sealed(&text));
        assert!(file::restore(&text).is_ok());
        assert_eq!(
            sealed::parse(&text).unwrap_err().to_string(),
            "This is not a protected Tandem file: it is an ordinary Tandem file, not \
             protected by a passphrase."
        );
    }
}

/// Issue 13, item 4: a sealed file is a third larger than the Tandem file inside it, and
/// the file picker opens nothing over `file::MAX_BYTES`. The largest plaintext the
/// export seals makes a sealed file the picker opens and the envelope reads; one byte
/// more is refused when writing, with a message that says what to do instead.
#[test]
fn the_largest_sealable_plaintext_reads_back_and_one_byte_more_is_refused_at_write_time() {
    let max = sealed::max_plaintext_bytes();
    // About 15 MiB: well below the 20 MiB of an unprotected file.
    assert!(max > 15_000_000 && max < file::MAX_BYTES, "{max}");

    // The largest: sealed exactly as the export writes it (the ciphertext is the
    // plaintext's length plus AES-GCM's tag), it fits the picker and parses.
    let largest = "x".repeat(max);
    assert_eq!(sealed::sealable(&largest), Ok(()));
    let salt = vec![7; sealed::SALT_BYTES];
    let ciphertext = vec![9; max + sealed::TAG_BYTES];
    let file_at_max = SealedFile::new(sealed::ITERATIONS, salt, [1; 12], ciphertext).unwrap();
    let text = sealed::to_json(&file_at_max);
    assert_eq!(text.len(), sealed::sealed_len(max));
    assert!(text.len() <= file::MAX_BYTES, "{} bytes", text.len());
    assert_eq!(
        file::readable("export.tandem.json", text.len() as u64),
        Ok(())
    );
    assert_eq!(sealed::parse(&text), Ok(file_at_max));
    // Only the base64 padding separates the bound from the picker's limit.
    assert!(sealed::sealed_len(max + 3) > file::MAX_BYTES);

    // One byte more: refused before any work, in words a person can act on.
    let over = "x".repeat(max + 1);
    let refusal = sealed::sealable(&over).unwrap_err();
    assert_eq!(refusal.plaintext, max + 1);
    let message = refusal.to_string();
    assert!(
        message.starts_with("Protected with a passphrase, this export would be "),
        "{message}"
    );
    assert!(
        message.contains("Tandem opens files up to 20.0 MB"),
        "{message}"
    );
    assert!(
        message.contains("Export fewer partners, or export without a passphrase"),
        "{message}"
    );

    // Before: the largest Tandem file sealed to a file the picker refused.
    let whole = "x".repeat(file::MAX_BYTES);
    assert!(sealed::sealable(&whole).is_err());
    assert!(file::readable("export.tandem.json", sealed::sealed_len(whole.len()) as u64).is_err());
}

/// The texts `open` meets: a sealed file and an ordinary one, each with its `format`
/// replaced (or a second one added, or none) and then one character edited, as in the
/// edits above.
fn opened_text() -> impl Strategy<Value = String> {
    let ordinary = || {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let mut ws = demo::workspace(now);
        ws.partners.truncate(2);
        file::write(&ws, Scope::Workspace, now, false)
    };
    (
        prop_oneof![
            sealed_file().prop_map(|f| sealed::to_json(&f)),
            Just(ordinary()),
        ],
        prop::option::weighted(0.5, prop::option::weighted(0.9, any_json())),
        any::<bool>(),
        any::<prop::sample::Index>(),
        0..5u8,
        any::<char>(),
    )
        .prop_map(|(text, format, twice, at, edit, ch)| {
            let text = match format {
                None => text,
                Some(format) if twice => {
                    // A repeated key: the last one counts, for both readers.
                    let Some(format) = format else { return text };
                    let tail = text
                        .trim_start()
                        .strip_prefix('{')
                        .unwrap_or(&text)
                        .to_owned();
                    format!("{{\"format\":{format},{tail}")
                }
                Some(format) => with_field(&text, "/format", format),
            };
            let mut chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len());
            match edit {
                0 => chars.truncate(i),
                1 => {
                    chars.remove(i);
                }
                2 => chars.insert(i, ch),
                3 => chars[i] = ch,
                _ => {}
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(common::fast_config(256))]

    /// `sealed::open` reads an ordinary file before asking whether it is sealed, and
    /// answers exactly as asking first does.
    #[test]
    fn open_answers_as_asking_whether_sealed_first(text in opened_text()) {
        let asked_first = if sealed::is_sealed(&text) {
            sealed::Opened::Sealed
        } else {
            sealed::Opened::Plain(file::restore(&text))
        };
        prop_assert_eq!(sealed::open(&text), asked_first);
    }
}

#[test]
fn open_tells_sealed_files_from_ordinary_ones() {
    let file = SealedFile::new(600_000, vec![1; 16], [2; 12], vec![3; 64]).unwrap();
    assert_eq!(
        sealed::open(&sealed::to_json(&file)),
        sealed::Opened::Sealed
    );
    // Sealed, yet not JSON `restore` reads: still asked for its passphrase.
    let out_of_range = "{\"format\":\"tandem-sealed\",\"version\":1e400}";
    assert!(sealed::is_sealed(out_of_range));
    assert_eq!(sealed::open(out_of_range), sealed::Opened::Sealed);
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let text = file::write(&demo::workspace(now), Scope::Workspace, now, false);
    assert_eq!(
        sealed::open(&text),
        sealed::Opened::Plain(Ok(file::restore(&text).unwrap()))
    );
    assert!(matches!(
        sealed::open("{\"format\":\"tandem\""),
        sealed::Opened::Plain(Err(file::FileError::NotJson { .. }))
    ));
}
