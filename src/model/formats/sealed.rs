//! Passphrase-protected ("sealed") Tandem files: the envelope, read and written purely.
//!
//! A sealed file is a small JSON envelope around an ordinary Tandem file (the text
//! [`file::write`](crate::model::formats::file::write) produces), encrypted:
//!
//! ```json
//! { "format": "tandem-sealed", "version": 2,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000,
//!            "salt": "<base64, 16 bytes>" },
//!   "cipher": { "name": "AES-GCM", "nonce": "<base64, 12 bytes>" },
//!   "ciphertext": "<base64>" }
//! ```
//!
//! The key is PBKDF2-HMAC-SHA-256 over the passphrase's UTF-8 bytes, the salt and the
//! iteration count, giving 256 bits for AES-GCM. `ciphertext` is AES-256-GCM under that
//! key and the nonce, with GCM's 16-byte tag at its end (the layout Web Crypto writes).
//! Base64 is the standard alphabet with padding.
//!
//! **Version 2** (written since December 2026) differs from version 1 in two ways, both in
//! [`SealedFile::key_material`] and [`SealedFile::additional_data`]:
//! - the passphrase is normalised to Unicode NFC before derivation, so "é" typed as one
//!   code point on one system and as "e" + combining accent on another opens the file;
//! - the header (every field but `ciphertext`, as compact JSON in the order above) is
//!   GCM's additional authenticated data, so no header field can be changed — not even
//!   the version, to make a reader skip these rules — without the file being refused.
//!
//! Version 1 files (the passphrase's bytes as typed, no additional data) are still read.
//!
//! The encryption itself runs in the browser (`storage::crypto`, Web Crypto). This
//! module only reads and writes the envelope, and refuses one whose fields are out of
//! bounds before a single round of key derivation runs: a file can come from anyone,
//! and a hostile iteration count would otherwise keep the tab busy for minutes.
//!
//! ```
//! use tandem::model::formats::sealed::{self, SealedFile};
//! let file = SealedFile::new(600_000, vec![7; 16], [1; 12], vec![9; 40]).unwrap();
//! let text = sealed::to_json(&file);
//! assert!(sealed::is_sealed(&text));
//! assert_eq!(sealed::parse(&text), Ok(file));
//! ```

use crate::model::core::format::{self, grouped};
use crate::model::formats::file;
use crate::model::formats::json_text;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// The value of the `format` field of every sealed file.
pub const FORMAT: &str = "tandem-sealed";
/// The envelope version this build writes.
pub const VERSION: u64 = 2;
/// The oldest envelope version this build still reads.
pub const OLDEST_VERSION: u64 = 1;
/// Key derivation: the only function and hash this build uses.
pub const KDF: &str = "PBKDF2";
pub const HASH: &str = "SHA-256";
/// The only cipher this build uses.
pub const CIPHER: &str = "AES-GCM";
/// The iteration count this build writes: OWASP's 2023 figure for PBKDF2-SHA-256.
pub const ITERATIONS: u32 = 600_000;
/// Fewer rounds make a stolen file cheap to guess: refused.
pub const MIN_ITERATIONS: u32 = ITERATIONS;
/// More rounds are refused, so a hostile file cannot keep the tab working for minutes:
/// ten million take about 1.5 s in desktop Chromium, and several times that on a phone.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// The salt this build writes, and the least it accepts.
pub const SALT_BYTES: usize = 16;
/// The most salt accepted: any more is no safer, only work for a hostile file to cause.
pub const MAX_SALT_BYTES: usize = 1024;
/// AES-GCM's nonce: exactly 96 bits.
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's authentication tag, at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// The shortest passphrase the export accepts, in characters (after NFC). Length is
/// what makes a passphrase hard to guess (NIST SP 800-63B); twelve characters put every
/// entry of the common-password lists' first pages out of reach.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// The fewest different characters a passphrase must use: "aaaaaaaaaaaa" and
/// "121212121212" are long but among the first a guesser tries.
pub const MIN_DISTINCT_CHARS: usize = 5;
/// Sealed text larger than this is refused before parsing. It is the file reader's one
/// limit, [`file::MAX_BYTES`]: the picker opens nothing larger, so a larger limit here
/// would only promise what no file can reach.
pub const MAX_BYTES: usize = file::MAX_BYTES;

/// The length of the sealed file this build writes for `plaintext_bytes` of Tandem file
/// text: the envelope, and the base64 of the ciphertext with its tag.
pub fn sealed_len(plaintext_bytes: usize) -> usize {
    envelope_len() + (plaintext_bytes + TAG_BYTES).div_ceil(3) * 4
}

/// The most bytes of Tandem file text [`sealable`] accepts: the largest whose sealed file
/// the file reader still opens, which is no more than [`file::MAX_BYTES`] (20 MiB)
/// whatever it holds. Base64 makes a sealed file a third larger than its plaintext, so
/// this is about 15 MiB.
pub fn max_plaintext_bytes() -> usize {
    3 * ((file::MAX_BYTES - envelope_len()) / 4) - TAG_BYTES
}

/// The envelope this build writes, with an empty ciphertext.
fn envelope_len() -> usize {
    to_json(&SealedFile {
        version: VERSION,
        iterations: ITERATIONS,
        salt: vec![0; SALT_BYTES],
        nonce: [0; NONCE_BYTES],
        ciphertext: Vec::new(),
    })
    .len()
}

/// Sealed, this Tandem file text would be larger than Tandem opens: not written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLargeToSeal {
    /// The plaintext's length in bytes.
    pub plaintext: usize,
}

impl fmt::Display for TooLargeToSeal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = file::MAX_BYTES as u64;
        write!(
            f,
            "Protected with a passphrase, this export would be {}, and Tandem opens files \
             up to {} (protection adds a third to a file's size), so it could not be \
             opened again. Export fewer partners, or export without a passphrase: that \
             file is {}.",
            format::bytes_over(sealed_len(self.plaintext) as u64, max),
            format::bytes(max),
            format::bytes(self.plaintext as u64)
        )
    }
}

impl std::error::Error for TooLargeToSeal {}

/// Whether `plaintext` (a Tandem file's text) may be sealed: its sealed file must be one
/// Tandem opens again. Checked before any key derivation, so the refusal is immediate.
///
/// # Errors
/// [`TooLargeToSeal`] when it is longer than [`max_plaintext_bytes`].
pub fn sealable(plaintext: &str) -> Result<(), TooLargeToSeal> {
    if plaintext.len() > max_plaintext_bytes() {
        return Err(TooLargeToSeal {
            plaintext: plaintext.len(),
        });
    }
    Ok(())
}

/// A sealed file whose every field is within bounds; only [`SealedFile::new`] and
/// [`parse`] make one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedFile {
    version: u64,
    iterations: u32,
    salt: Vec<u8>,
    nonce: [u8; NONCE_BYTES],
    ciphertext: Vec<u8>,
}

impl SealedFile {
    /// A file of the current [`VERSION`], checked against the same bounds as [`parse`].
    ///
    /// # Errors
    /// [`SealedError::TooFewIterations`], [`SealedError::TooManyIterations`],
    /// [`SealedError::SaltLength`], [`SealedError::CiphertextTooShort`] or
    /// [`SealedError::TooLarge`].
    pub fn new(
        iterations: u32,
        salt: Vec<u8>,
        nonce: [u8; NONCE_BYTES],
        ciphertext: Vec<u8>,
    ) -> Result<Self, SealedError> {
        Self::with_version(VERSION, iterations, salt, nonce, ciphertext)
    }

    /// [`SealedFile::new`] for an envelope `version` this build reads ([`OLDEST_VERSION`]
    /// to [`VERSION`]).
    ///
    /// # Errors
    /// As [`SealedFile::new`], and [`SealedError::UnknownVersion`].
    pub fn with_version(
        version: u64,
        iterations: u32,
        salt: Vec<u8>,
        nonce: [u8; NONCE_BYTES],
        ciphertext: Vec<u8>,
    ) -> Result<Self, SealedError> {
        if !(OLDEST_VERSION..=VERSION).contains(&version) {
            return Err(SealedError::UnknownVersion {
                found: version.to_string(),
            });
        }
        if iterations < MIN_ITERATIONS {
            return Err(SealedError::TooFewIterations {
                found: grouped(iterations.into()),
            });
        }
        if iterations > MAX_ITERATIONS {
            return Err(SealedError::TooManyIterations {
                found: grouped(iterations.into()),
            });
        }
        if !(SALT_BYTES..=MAX_SALT_BYTES).contains(&salt.len()) {
            return Err(SealedError::SaltLength { bytes: salt.len() });
        }
        if ciphertext.len() <= TAG_BYTES {
            return Err(SealedError::CiphertextTooShort {
                bytes: ciphertext.len(),
            });
        }
        // What decrypts to more than the file reader reads could not be restored.
        file::TooLarge::check(None, (ciphertext.len() - TAG_BYTES) as u64)
            .map_err(SealedError::TooLarge)?;
        Ok(SealedFile {
            version,
            iterations,
            salt,
            nonce,
            ciphertext,
        })
    }

    pub fn version(&self) -> u64 {
        self.version
    }
    pub fn iterations(&self) -> u32 {
        self.iterations
    }
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }
    pub fn nonce(&self) -> &[u8; NONCE_BYTES] {
        &self.nonce
    }
    /// The encrypted Tandem file with GCM's tag at its end.
    pub fn ciphertext(&self) -> &[u8] {
        &self.ciphertext
    }

    /// The bytes the key is derived from: from version 2 the passphrase in Unicode NFC,
    /// so the same passphrase typed on any system gives the same key; in version 1 its
    /// bytes as typed, as those files were written.
    pub fn key_material(&self, passphrase: &str) -> Vec<u8> {
        key_material(self.version, passphrase)
    }

    /// GCM's additional authenticated data: from version 2 the header (every field but
    /// the ciphertext, compact, in the documented order), so a changed header fails
    /// authentication like a changed ciphertext; empty in version 1.
    pub fn additional_data(&self) -> Vec<u8> {
        if self.version < 2 {
            return Vec::new();
        }
        serde_json::to_vec(&Envelope::of(self, false)).unwrap_or_default()
    }
}

/// [`SealedFile::key_material`] for a file of `version` not yet written (sealing derives
/// the key before the ciphertext exists).
pub fn key_material(version: u64, passphrase: &str) -> Vec<u8> {
    if version < 2 {
        passphrase.as_bytes().to_vec()
    } else {
        nfc(passphrase).into_bytes()
    }
}

/// [`SealedFile::additional_data`] for a file of the current [`VERSION`] not yet written.
pub fn additional_data(iterations: u32, salt: &[u8], nonce: &[u8; NONCE_BYTES]) -> Vec<u8> {
    SealedFile {
        version: VERSION,
        iterations,
        salt: salt.to_vec(),
        nonce: *nonce,
        ciphertext: Vec::new(),
    }
    .additional_data()
}

/// `text` in Unicode Normalization Form C.
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    text.nfc().collect()
}

/// Why a sealed file was refused, before any attempt to decrypt it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealedError {
    /// Larger than the file reader reads: the text, or what its ciphertext decrypts to.
    TooLarge(file::TooLarge),
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not a sealed Tandem file at all.
    NotSealed {
        reason: String,
    },
    UnknownVersion {
        found: String,
    },
    Missing {
        field: &'static str,
    },
    WrongType {
        field: &'static str,
        expected: &'static str,
        found: String,
    },
    /// A key-derivation function, hash or cipher this build does not use.
    Unsupported {
        field: &'static str,
        found: String,
        supported: &'static str,
    },
    NotBase64 {
        field: &'static str,
        reason: String,
    },
    TooFewIterations {
        found: String,
    },
    TooManyIterations {
        found: String,
    },
    SaltLength {
        bytes: usize,
    },
    NonceLength {
        bytes: usize,
    },
    CiphertextTooShort {
        bytes: usize,
    },
}

/// Said after every refusal that can only come from a file changed by hand or by
/// another program.
const CHANGED: &str = "It was not protected by Tandem, or it was changed since.";

impl fmt::Display for SealedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SealedError::TooLarge(e) => write!(f, "{e}"),
            SealedError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "This protected file is damaged: it is not valid JSON ({}).",
                file::JsonAt(reason, *line, *column)
            ),
            SealedError::NotSealed { reason } => {
                write!(f, "This is not a protected Tandem file: {reason}.")
            }
            SealedError::UnknownVersion { found } => write!(
                f,
                "This protected file has version {found}; {}",
                file::Reads(OLDEST_VERSION, VERSION)
            ),
            SealedError::Missing { field } => {
                damaged(f, format_args!("it has no \"{field}\" field"))
            }
            SealedError::WrongType {
                field,
                expected,
                found,
            } => damaged(f, format_args!("\"{field}\" is {found}, not {expected}")),
            SealedError::Unsupported {
                field,
                found,
                supported,
            } => write!(
                f,
                "This protected file uses {found} for \"{field}\"; Tandem opens only files \
                 protected with {supported}."
            ),
            SealedError::NotBase64 { field, reason } => damaged(
                f,
                format_args!("\"{field}\" is not valid base64 ({reason})"),
            ),
            SealedError::TooFewIterations { found } => write!(
                f,
                "This protected file asks for only {found} rounds of key derivation \
                 (\"kdf.iterations\"); Tandem requires at least {}, so that a lost file \
                 cannot be guessed quickly. {CHANGED}",
                grouped(MIN_ITERATIONS.into())
            ),
            SealedError::TooManyIterations { found } => write!(
                f,
                "This protected file asks for {found} rounds of key derivation \
                 (\"kdf.iterations\"); Tandem allows at most {}, so that opening a file \
                 cannot keep the page busy for minutes. {CHANGED}",
                grouped(MAX_ITERATIONS.into())
            ),
            SealedError::SaltLength { bytes } => damaged(
                f,
                format_args!(
                    "its salt (\"kdf.salt\") is {bytes} bytes; Tandem needs {SALT_BYTES} to \
                     {MAX_SALT_BYTES}"
                ),
            ),
            SealedError::NonceLength { bytes } => damaged(
                f,
                format_args!(
                    "its nonce (\"cipher.nonce\") is {bytes} bytes; AES-GCM in Tandem uses \
                     exactly {NONCE_BYTES}"
                ),
            ),
            SealedError::CiphertextTooShort { bytes: 0 } => {
                damaged(f, format_args!("its \"ciphertext\" is empty"))
            }
            SealedError::CiphertextTooShort { bytes } => damaged(
                f,
                format_args!(
                    "its \"ciphertext\" is {bytes} bytes, too short to hold a Tandem file"
                ),
            ),
        }
    }
}

/// The one sentence of every refusal of a field that only a file changed by hand or by
/// another program can hold: what is wrong, then [`CHANGED`].
fn damaged(f: &mut fmt::Formatter<'_>, what: fmt::Arguments<'_>) -> fmt::Result {
    write!(f, "This protected file is damaged: {what}. {CHANGED}")
}

impl std::error::Error for SealedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SealedError::TooLarge(e) => Some(e),
            _ => None,
        }
    }
}

/// Whether `text` is a sealed file (its top-level `"format"` is `"tandem-sealed"`), so
/// the import asks for a passphrase instead of reading it as an ordinary Tandem file.
///
/// Cheap for the ordinary files most imports are: unless the text contains the quoted
/// word at all, it is not parsed. Broken JSON is not sealed (the ordinary import then
/// explains what is wrong with it).
pub fn is_sealed(text: &str) -> bool {
    if text.len() > MAX_BYTES || !text.contains("\"tandem-sealed\"") {
        return false;
    }
    serde_json::from_str::<FormatProbe>(text).is_ok_and(|p| p.0)
}

/// What a picked or dropped file is: a sealed file, whose passphrase the import asks for,
/// or an ordinary one, as [`file::restore`] reads it.
#[derive(Debug, PartialEq)]
// Made once per file and matched at once: the size of the unboxed result costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    Sealed,
    Plain(Result<file::Restored, file::FileError>),
}

/// [`Opened::Sealed`] when [`is_sealed`], else what `file::restore` makes of the text.
///
/// Tried in the other order, with the same answer: `restore` refuses every sealed file
/// (its format is not `"tandem"`), so only a text it refuses is looked at again. An
/// ordinary file is read at once, where searching its text for the word first cost a
/// pass over all of it (5 ms of an import of 2,000 partners, 14 MB).
pub fn open(text: &str) -> Opened {
    match file::restore(text) {
        Ok(restored) => Opened::Plain(Ok(restored)),
        Err(_) if is_sealed(text) => Opened::Sealed,
        Err(refused) => Opened::Plain(Err(refused)),
    }
}

/// Whether a JSON object's `"format"` is [`FORMAT`], read without keeping the rest.
struct FormatProbe(bool);

impl<'de> serde::Deserialize<'de> for FormatProbe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = FormatProbe;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<FormatProbe, A::Error> {
                let mut sealed = false;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "format" {
                        sealed = map.next_value::<Value>()? == FORMAT;
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(FormatProbe(sealed))
            }
        }
        // Only an object: a derived struct would also accept a list.
        d.deserialize_map(Visitor)
    }
}

/// Reads a sealed file's envelope, checking every field.
///
/// # Errors
/// The first problem found, in the order the fields appear above: size, JSON, format,
/// version, then `kdf`, `cipher` and `ciphertext` field by field.
pub fn parse(text: &str) -> Result<SealedFile, SealedError> {
    file::TooLarge::check(None, text.len() as u64).map_err(SealedError::TooLarge)?;
    let value: Value = serde_json::from_str(text).map_err(|e| SealedError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: json_text::reason(&e),
    })?;
    let Value::Object(top) = &value else {
        return Err(SealedError::NotSealed {
            reason: json_text::not_an_object(&value),
        });
    };
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) if f == file::FORMAT => {
            return Err(SealedError::NotSealed {
                reason: "it is an ordinary Tandem file, not protected by a passphrase".into(),
            })
        }
        found => {
            return Err(SealedError::NotSealed {
                reason: json_text::wrong_format(found, FORMAT),
            })
        }
    }
    let version = field(top.get("version"), "version")?;
    let version = match version.as_u64() {
        Some(v) if (OLDEST_VERSION..=VERSION).contains(&v) => v,
        Some(_) => {
            return Err(SealedError::UnknownVersion {
                found: json_text::short(version),
            })
        }
        None => return Err(wrong_type("version", "a whole number", version)),
    };

    let kdf = object(top.get("kdf"), "kdf")?;
    expect_name(kdf.get("name"), "kdf.name", KDF)?;
    expect_name(kdf.get("hash"), "kdf.hash", HASH)?;
    let iterations = iterations(field(kdf.get("iterations"), "kdf.iterations")?)?;
    let salt = base64_field(kdf.get("salt"), "kdf.salt")?;

    let cipher = object(top.get("cipher"), "cipher")?;
    expect_name(cipher.get("name"), "cipher.name", CIPHER)?;
    let nonce = base64_field(cipher.get("nonce"), "cipher.nonce")?;
    let nonce: [u8; NONCE_BYTES] = nonce
        .as_slice()
        .try_into()
        .map_err(|_| SealedError::NonceLength { bytes: nonce.len() })?;

    let ciphertext = base64_field(top.get("ciphertext"), "ciphertext")?;
    SealedFile::with_version(version, iterations, salt, nonce, ciphertext)
}

/// The envelope as written: with the ciphertext for the file, without it for the
/// header that version 2 authenticates.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    version: u64,
    kdf: Kdf<'a>,
    cipher: Cipher<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ciphertext: Option<String>,
}
#[derive(Serialize)]
struct Kdf<'a> {
    name: &'a str,
    hash: &'a str,
    iterations: u32,
    salt: String,
}
#[derive(Serialize)]
struct Cipher<'a> {
    name: &'a str,
    nonce: String,
}

impl Envelope<'_> {
    fn of(sealed: &SealedFile, with_ciphertext: bool) -> Self {
        Envelope {
            format: FORMAT,
            version: sealed.version,
            kdf: Kdf {
                name: KDF,
                hash: HASH,
                iterations: sealed.iterations,
                salt: BASE64.encode(&sealed.salt),
            },
            cipher: Cipher {
                name: CIPHER,
                nonce: BASE64.encode(sealed.nonce),
            },
            ciphertext: with_ciphertext.then(|| BASE64.encode(&sealed.ciphertext)),
        }
    }
}

/// Writes a sealed file's envelope, which [`parse`] reads back unchanged.
pub fn to_json(sealed: &SealedFile) -> String {
    // Pretty, so a person who opens the file sees what it is; plain structs with string
    // keys cannot fail to serialise.
    serde_json::to_string_pretty(&Envelope::of(sealed, true)).unwrap_or_default()
}

/// The download name of a protected export: `tandem-x-2026-11-23.json` becomes
/// `tandem-x-2026-11-23.tandem-sealed.json`, still opened by anything that reads JSON.
pub fn file_name(export_name: &str) -> String {
    let stem = export_name.strip_suffix(".json").unwrap_or(export_name);
    format!("{stem}.{FORMAT}.json")
}

/// Why a passphrase chosen for an export is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseError {
    /// Shown by the passphrase field.
    TooShort { chars: usize },
    /// Shown by the passphrase field: long enough, but a few characters repeated.
    TooRepetitive { distinct: usize },
    /// Shown by the confirmation field.
    Mismatch,
}

impl fmt::Display for PassphraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PassphraseError::TooShort { chars: 0 } => write!(
                f,
                "Choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters."
            ),
            PassphraseError::TooShort { chars } => write!(
                f,
                "The passphrase has {chars} character{}; use at least \
                 {MIN_PASSPHRASE_CHARS}.",
                if *chars == 1 { "" } else { "s" }
            ),
            PassphraseError::TooRepetitive { distinct } => write!(
                f,
                "The passphrase uses only {distinct} different character{}; use at least \
                 {MIN_DISTINCT_CHARS}, such as a few unrelated words.",
                if *distinct == 1 { "" } else { "s" }
            ),
            PassphraseError::Mismatch => {
                f.write_str("The two passphrases differ: type the same one in both fields.")
            }
        }
    }
}

impl std::error::Error for PassphraseError {}

/// Checks a passphrase chosen for an export and its confirmation, both as the key will
/// see them (NFC), so "é" counts as one character however it was typed.
///
/// # Errors
/// [`PassphraseError::TooShort`] under [`MIN_PASSPHRASE_CHARS`] characters,
/// [`PassphraseError::TooRepetitive`] with fewer than [`MIN_DISTINCT_CHARS`] different
/// ones, otherwise [`PassphraseError::Mismatch`] when the confirmation differs.
pub fn check_passphrase(passphrase: &str, confirm: &str) -> Result<(), PassphraseError> {
    let (passphrase, confirm) = (nfc(passphrase), nfc(confirm));
    let chars = passphrase.chars().count();
    let distinct = passphrase
        .chars()
        .collect::<std::collections::HashSet<_>>()
        .len();
    if chars < MIN_PASSPHRASE_CHARS {
        Err(PassphraseError::TooShort { chars })
    } else if distinct < MIN_DISTINCT_CHARS {
        Err(PassphraseError::TooRepetitive { distinct })
    } else if passphrase != confirm {
        Err(PassphraseError::Mismatch)
    } else {
        Ok(())
    }
}

fn field<'a>(value: Option<&'a Value>, name: &'static str) -> Result<&'a Value, SealedError> {
    value.ok_or(SealedError::Missing { field: name })
}

fn object<'a>(
    value: Option<&'a Value>,
    name: &'static str,
) -> Result<&'a serde_json::Map<String, Value>, SealedError> {
    match field(value, name)? {
        Value::Object(map) => Ok(map),
        other => Err(wrong_type(name, "an object", other)),
    }
}

fn string<'a>(value: Option<&'a Value>, name: &'static str) -> Result<&'a str, SealedError> {
    match field(value, name)? {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(name, "a string", other)),
    }
}

fn expect_name(
    value: Option<&Value>,
    name: &'static str,
    supported: &'static str,
) -> Result<(), SealedError> {
    let found = string(value, name)?;
    if found == supported {
        Ok(())
    } else {
        Err(SealedError::Unsupported {
            field: name,
            found: json_text::short(&Value::String(found.to_owned())),
            supported,
        })
    }
}

fn base64_field(value: Option<&Value>, name: &'static str) -> Result<Vec<u8>, SealedError> {
    BASE64
        .decode(string(value, name)?)
        .map_err(|e| SealedError::NotBase64 {
            field: name,
            reason: base64_reason(&e),
        })
}

fn iterations(value: &Value) -> Result<u32, SealedError> {
    let Value::Number(n) = value else {
        return Err(wrong_type("kdf.iterations", "a whole number", value));
    };
    let (min, max) = (f64::from(MIN_ITERATIONS), f64::from(MAX_ITERATIONS));
    // A count written as a float (1e9) is judged by its size first: "too many" says
    // more than "not a whole number".
    let shown = match (n.as_u64(), n.as_f64()) {
        (Some(k), _) => grouped(k),
        (None, Some(x)) if x.fract() == 0.0 && x.abs() < 1e15 => {
            format!(
                "{}{}",
                if x < 0.0 { "-" } else { "" },
                grouped(x.abs() as u64)
            )
        }
        _ => n.to_string(),
    };
    match (n.as_u64(), n.as_f64()) {
        (Some(k), _) if k < u64::from(MIN_ITERATIONS) => {
            Err(SealedError::TooFewIterations { found: shown })
        }
        (Some(k), _) if k > u64::from(MAX_ITERATIONS) => {
            Err(SealedError::TooManyIterations { found: shown })
        }
        (Some(k), _) => {
            u32::try_from(k).map_err(|_| SealedError::TooManyIterations { found: shown })
        }
        (None, Some(x)) if x < min => Err(SealedError::TooFewIterations { found: shown }),
        (None, Some(x)) if x > max => Err(SealedError::TooManyIterations { found: shown }),
        _ => Err(wrong_type("kdf.iterations", "a whole number", value)),
    }
}

fn wrong_type(field: &'static str, expected: &'static str, found: &Value) -> SealedError {
    SealedError::WrongType {
        field,
        expected,
        found: match found {
            Value::Number(_) => json_text::short(found),
            other => json_text::kind(other).to_owned(),
        },
    }
}

fn base64_reason(e: &base64::DecodeError) -> String {
    match e {
        base64::DecodeError::InvalidByte(at, byte) => match char::from(*byte) {
            c if c.is_ascii_graphic() => format!("character “{c}” at position {}", at + 1),
            _ => format!("byte {byte:#04x} at position {}", at + 1),
        },
        base64::DecodeError::InvalidLength(len) => {
            format!("{len} characters, which no base64 text has")
        }
        base64::DecodeError::InvalidLastSymbol(at, _) => {
            format!(
                "its last character, at position {}, is not canonical",
                at + 1
            )
        }
        base64::DecodeError::InvalidPadding => "its “=” padding is wrong".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SealedFile {
        SealedFile::new(ITERATIONS, (0..16).collect(), [7; 12], vec![42; 100]).unwrap()
    }

    /// The sample's envelope as JSON, with `edit` applied.
    fn edited(edit: impl FnOnce(&mut Value)) -> String {
        let mut value: Value = serde_json::from_str(&to_json(&sample())).unwrap();
        edit(&mut value);
        value.to_string()
    }

    fn refusal(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn the_envelope_has_the_documented_fields_in_order() {
        let text = to_json(&sample());
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], "tandem-sealed");
        assert_eq!(value["version"], 2);
        assert_eq!(value["kdf"]["name"], "PBKDF2");
        assert_eq!(value["kdf"]["hash"], "SHA-256");
        assert_eq!(value["kdf"]["iterations"], 600_000);
        assert_eq!(value["kdf"]["salt"], "AAECAwQFBgcICQoLDA0ODw==");
        assert_eq!(value["cipher"]["name"], "AES-GCM");
        assert_eq!(value["cipher"]["nonce"], "BwcHBwcHBwcHBwcH");
        let keys: Vec<_> = text
            .lines()
            .filter(|l| l.starts_with("  \""))
            .map(|l| l.trim().split('"').nth(1).unwrap().to_owned())
            .collect();
        assert_eq!(keys, ["format", "version", "kdf", "cipher", "ciphertext"]);
        assert_eq!(parse(&text), Ok(sample()));
    }

    #[test]
    fn is_sealed_looks_at_the_top_level_format_only() {
        assert!(is_sealed(&to_json(&sample())));
        assert!(is_sealed(r#" {"version":1, "format" : "tandem-sealed"} "#));
        assert!(!is_sealed(r#"{"format":"tandem","version":1}"#));
        // The word inside an ordinary file, even as a whole string value.
        assert!(!is_sealed(
            r#"{"format":"tandem","workspace":{"program_name":"tandem-sealed"}}"#
        ));
        assert!(!is_sealed(r#"{"kdf":{"format":"tandem-sealed"}}"#));
        assert!(!is_sealed(r#"["tandem-sealed"]"#));
        assert!(!is_sealed(r#"{"format":"tandem-sealed""#));
        assert!(!is_sealed(""));
    }

    #[test]
    fn iteration_counts_outside_the_bounds_are_refused_by_size() {
        let text = edited(|v| v["kdf"]["iterations"] = 1000.into());
        assert_eq!(
            parse(&text),
            Err(SealedError::TooFewIterations {
                found: "1,000".into()
            })
        );
        assert!(refusal(&text).starts_with(
            "This protected file asks for only 1,000 rounds of key derivation \
             (\"kdf.iterations\"); Tandem requires at least 600,000"
        ));
        let text = edited(|v| v["kdf"]["iterations"] = 1_000_000_000.into());
        assert!(refusal(&text).starts_with(
            "This protected file asks for 1,000,000,000 rounds of key derivation \
             (\"kdf.iterations\"); Tandem allows at most 10,000,000"
        ));
        // Written as floats, negative, or beyond u32.
        let text = to_json(&sample()).replace("600000", "1e9");
        assert_eq!(
            parse(&text),
            Err(SealedError::TooManyIterations {
                found: "1,000,000,000".into()
            })
        );
        let text = to_json(&sample()).replace("600000", "-5");
        assert!(matches!(
            parse(&text),
            Err(SealedError::TooFewIterations { .. })
        ));
        let text = to_json(&sample()).replace("600000", "18446744073709551615");
        assert!(matches!(
            parse(&text),
            Err(SealedError::TooManyIterations { .. })
        ));
        let text = to_json(&sample()).replace("600000", "600000.5");
        assert_eq!(
            refusal(&text),
            "This protected file is damaged: \"kdf.iterations\" is 600000.5, not a whole \
             number. It was not protected by Tandem, or it was changed since."
        );
        // The bounds themselves are accepted.
        for n in [MIN_ITERATIONS, MAX_ITERATIONS] {
            let text = edited(|v| v["kdf"]["iterations"] = n.into());
            assert_eq!(parse(&text).map(|s| s.iterations()), Ok(n));
        }
    }

    #[test]
    fn salts_nonces_and_ciphertexts_are_checked_after_decoding() {
        let text = edited(|v| v["kdf"]["salt"] = BASE64.encode([1u8; 8]).into());
        assert_eq!(parse(&text), Err(SealedError::SaltLength { bytes: 8 }));
        assert!(
            refusal(&text).contains("its salt (\"kdf.salt\") is 8 bytes; Tandem needs 16 to 1024")
        );
        let text = edited(|v| v["kdf"]["salt"] = BASE64.encode([1u8; 1025]).into());
        assert_eq!(parse(&text), Err(SealedError::SaltLength { bytes: 1025 }));
        for n in [0, 11, 13, 16] {
            let text = edited(|v| v["cipher"]["nonce"] = BASE64.encode(vec![1u8; n]).into());
            assert_eq!(parse(&text), Err(SealedError::NonceLength { bytes: n }));
        }
        let text = edited(|v| v["ciphertext"] = "".into());
        assert_eq!(
            refusal(&text),
            "This protected file is damaged: its \"ciphertext\" is empty. It was not \
             protected by Tandem, or it was changed since."
        );
        let text = edited(|v| v["ciphertext"] = BASE64.encode([1u8; 16]).into());
        assert_eq!(
            parse(&text),
            Err(SealedError::CiphertextTooShort { bytes: 16 })
        );
    }

    #[test]
    fn bad_base64_names_the_field_and_the_character() {
        let text = edited(|v| v["ciphertext"] = "AAAA*AAA".into());
        assert_eq!(
            refusal(&text),
            "This protected file is damaged: \"ciphertext\" is not valid base64 (character \
             “*” at position 5). It was not protected by Tandem, or it was changed since."
        );
        let text = edited(|v| v["kdf"]["salt"] = "AAECAwQFBgcICQoLDA0ODw".into());
        assert!(matches!(
            parse(&text),
            Err(SealedError::NotBase64 {
                field: "kdf.salt",
                ..
            })
        ));
        let text = edited(|v| v["cipher"]["nonce"] = "BwcH BwcHBwcHBwcH".into());
        assert!(refusal(&text).contains("\"cipher.nonce\" is not valid base64 (byte 0x20"));
    }

    #[test]
    fn other_algorithms_and_versions_are_named() {
        let text = edited(|v| v["kdf"]["hash"] = "SHA-1".into());
        assert_eq!(
            refusal(&text),
            "This protected file uses \"SHA-1\" for \"kdf.hash\"; Tandem opens only files \
             protected with SHA-256."
        );
        let text = edited(|v| v["cipher"]["name"] = "AES-CBC".into());
        assert!(refusal(&text).contains("\"AES-CBC\" for \"cipher.name\""));
        let text = edited(|v| v["kdf"]["name"] = "scrypt".into());
        assert!(refusal(&text).contains("\"scrypt\" for \"kdf.name\""));
        let text = edited(|v| v["version"] = 3.into());
        assert_eq!(
            parse(&text),
            Err(SealedError::UnknownVersion { found: "3".into() })
        );
        assert!(refusal(&text).contains("reads versions 1 to 2"));
        let text = edited(|v| v["version"] = 0.into());
        assert!(matches!(
            parse(&text),
            Err(SealedError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn missing_and_mistyped_fields_are_named() {
        type Edit = fn(&mut Value);
        let cases: [(&str, Edit); 6] = [
            ("it has no \"kdf\" field", |v| {
                v.as_object_mut().unwrap().remove("kdf");
            }),
            ("it has no \"kdf.salt\" field", |v| {
                v["kdf"].as_object_mut().unwrap().remove("salt");
            }),
            ("it has no \"ciphertext\" field", |v| {
                v.as_object_mut().unwrap().remove("ciphertext");
            }),
            ("\"cipher\" is a string, not an object", |v| {
                v["cipher"] = "AES-GCM".into()
            }),
            ("\"kdf.iterations\" is a string, not a whole number", |v| {
                v["kdf"]["iterations"] = "600000".into()
            }),
            ("\"ciphertext\" is null, not a string", |v| {
                v["ciphertext"] = Value::Null
            }),
        ];
        for (expected, edit) in cases {
            let message = refusal(&edited(edit));
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn other_files_are_told_apart() {
        assert_eq!(
            refusal(r#"{"format":"tandem","version":1}"#),
            "This is not a protected Tandem file: it is an ordinary Tandem file, not \
             protected by a passphrase."
        );
        assert!(refusal("[1]").contains("it holds a list"));
        assert!(refusal("{}").contains("it has no \"format\": \"tandem-sealed\" field"));
        assert!(refusal(r#"{"format":"tandem-sealed""#).contains("not valid JSON"));
        assert!(matches!(
            parse(&" ".repeat(MAX_BYTES + 1)),
            Err(SealedError::TooLarge { .. })
        ));
    }

    #[test]
    fn new_applies_the_same_bounds_as_parse() {
        assert!(SealedFile::new(ITERATIONS - 1, vec![0; 16], [0; 12], vec![0; 17]).is_err());
        assert!(SealedFile::new(MAX_ITERATIONS + 1, vec![0; 16], [0; 12], vec![0; 17]).is_err());
        assert!(SealedFile::new(ITERATIONS, vec![0; 15], [0; 12], vec![0; 17]).is_err());
        assert!(SealedFile::new(ITERATIONS, vec![0; 1025], [0; 12], vec![0; 17]).is_err());
        assert!(SealedFile::new(ITERATIONS, vec![0; 16], [0; 12], vec![0; 16]).is_err());
        assert!(SealedFile::new(ITERATIONS, vec![0; 16], [0; 12], vec![0; 17]).is_ok());
    }

    #[test]
    fn protected_downloads_keep_the_json_extension() {
        assert_eq!(
            file_name("tandem-riffly-2026-11-23.json"),
            "tandem-riffly-2026-11-23.tandem-sealed.json"
        );
        assert_eq!(file_name("odd"), "odd.tandem-sealed.json");
    }

    #[test]
    fn passphrases_need_twelve_characters_five_different_and_a_matching_confirmation() {
        assert_eq!(
            check_passphrase("", ""),
            Err(PassphraseError::TooShort { chars: 0 })
        );
        assert_eq!(
            check_passphrase("eleven 1234", "eleven 1234")
                .unwrap_err()
                .to_string(),
            "The passphrase has 11 characters; use at least 12."
        );
        // Characters after NFC, not bytes nor code points as typed: eleven "é" typed
        // decomposed are 22 code points but 11 characters.
        let decomposed = "e\u{301}".repeat(11);
        assert_eq!(
            check_passphrase(&decomposed, &decomposed),
            Err(PassphraseError::TooShort { chars: 11 })
        );
        assert_eq!(
            check_passphrase("aaaaaaaaaaaa", "aaaaaaaaaaaa"),
            Err(PassphraseError::TooRepetitive { distinct: 1 })
        );
        assert_eq!(
            check_passphrase("121212121212", "121212121212")
                .unwrap_err()
                .to_string(),
            "The passphrase uses only 2 different characters; use at least 5, such as a \
             few unrelated words."
        );
        assert_eq!(
            check_passphrase("long enough!", "long enougH!"),
            Err(PassphraseError::Mismatch)
        );
        assert_eq!(check_passphrase("long enough!", "long enough!"), Ok(()));
        // The same passphrase typed composed and decomposed is the same passphrase.
        assert_eq!(
            check_passphrase("café au lait 2026", "cafe\u{301} au lait 2026"),
            Ok(())
        );
    }

    #[test]
    fn version_2_derives_from_nfc_and_version_1_from_the_bytes_as_typed() {
        let composed = "crème brûlée à l'été";
        let decomposed = "cre\u{300}me bru\u{302}le\u{301}e a\u{300} l'e\u{301}te\u{301}";
        assert_ne!(composed, decomposed);
        let v2 = sample();
        assert_eq!(v2.key_material(decomposed), composed.as_bytes());
        assert_eq!(v2.key_material(composed), composed.as_bytes());
        let v1 =
            SealedFile::with_version(1, ITERATIONS, vec![0; 16], [0; 12], vec![0; 17]).unwrap();
        assert_eq!(v1.key_material(decomposed), decomposed.as_bytes());
        assert_eq!(key_material(VERSION, decomposed), composed.as_bytes());
    }

    #[test]
    fn version_2_authenticates_its_header_and_version_1_nothing() {
        let file = sample();
        assert_eq!(
            String::from_utf8(file.additional_data()).unwrap(),
            r#"{"format":"tandem-sealed","version":2,"kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"AAECAwQFBgcICQoLDA0ODw=="},"cipher":{"name":"AES-GCM","nonce":"BwcHBwcHBwcHBwcH"}}"#
        );
        assert_eq!(
            additional_data(file.iterations(), file.salt(), file.nonce()),
            file.additional_data()
        );
        // Read back from its text (pretty, or re-spaced by another tool), the header
        // authenticated is the same bytes.
        let respaced = to_json(&file).replace('\n', "\r\n   ");
        assert_eq!(
            parse(&respaced).unwrap().additional_data(),
            file.additional_data()
        );
        // Relabelled as version 1, the file no longer presents the data it was sealed
        // with, so GCM refuses it rather than skipping the version-2 rules.
        let relabelled = edited(|v| v["version"] = 1.into());
        let read = parse(&relabelled).unwrap();
        assert_eq!(read.version(), 1);
        assert!(read.additional_data().is_empty());
        // A different iteration count is a different header.
        let other = edited(|v| v["kdf"]["iterations"] = 700_000.into());
        assert_ne!(
            parse(&other).unwrap().additional_data(),
            file.additional_data()
        );
    }

    #[test]
    fn one_size_limit_with_one_message_for_plain_and_protected_files() {
        assert_eq!(MAX_BYTES, file::MAX_BYTES);
        let over = format!("{}{}", to_json(&sample()), " ".repeat(file::MAX_BYTES));
        let sealed_refusal = parse(&over).unwrap_err();
        let plain_refusal = file::restore(&over).unwrap_err();
        assert_eq!(sealed_refusal.to_string(), plain_refusal.to_string());
        assert!(sealed_refusal.to_string().starts_with("The file is "));
        assert!(sealed_refusal
            .to_string()
            .ends_with("; Tandem reads files up to 20.0 MB."));
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(600_000), "600,000");
        assert_eq!(grouped(10_000_000), "10,000,000");
    }
}
