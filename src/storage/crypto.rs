//! Protecting a Tandem file with a passphrase, and opening one, with the browser's Web
//! Crypto: PBKDF2-SHA-256 derives an AES-256-GCM key from the passphrase, and GCM both
//! encrypts and authenticates, so a wrong passphrase and a changed file are caught
//! alike. The envelope around the result is `model::formats::sealed`'s.
//!
//! ```ignore
//! let text = crypto::seal(&file::write(&ws, Scope::Workspace, now, false), "correct horse").await?;
//! let back = crypto::open(&text, "correct horse").await?;
//! ```
//!
//! The derivation (600,000 rounds: 0.1–0.2 s in desktop Chromium, longer on a phone)
//! runs inside the browser's own crypto, off the page's thread, so the page keeps
//! painting meanwhile. The key never leaves Web Crypto: it is derived non-extractable,
//! for this one use.

use crate::model::formats::sealed::{
    self, SealedError, SealedFile, TooLargeToSeal, NONCE_BYTES, SALT_BYTES,
};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why a file could not be protected or opened. Each `Display` is the sentence the
/// export panel or the passphrase dialog shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// The page has no `crypto` at all.
    #[error("This browser has no Web Crypto, which protecting files needs.")]
    NoWebCrypto,
    /// Browsers offer `crypto.subtle` only to secure pages.
    #[error(
        "The browser offers its encryption (Web Crypto) only to secure pages, and this \
         page is not one: open Tandem over https:// (or at 127.0.0.1 / localhost on \
         this computer) to protect files or open protected ones."
    )]
    InsecurePage,
    #[error("The browser would not provide random numbers to protect the file.")]
    NoRandom,
    /// Web Crypto refused a step (`what`: "encrypt the file"), for the reason it gave.
    #[error("The browser could not {what} ({detail}).")]
    Refused { what: &'static str, detail: String },
    /// What a failed authentication means to the person holding the file: GCM's tag
    /// check is the only way decryption fails on well-formed input.
    #[error("The passphrase is wrong, or the file was changed after it was protected.")]
    WrongPassphrase,
    #[error("The file was decrypted, but what it holds is not text: it was not made by Tandem.")]
    NotText,
    /// The envelope's own refusal (`model::formats::sealed`).
    #[error(transparent)]
    Sealed(#[from] SealedError),
    /// Sealed, the file would be larger than Tandem opens.
    #[error(transparent)]
    TooLarge(#[from] TooLargeToSeal),
}

/// Encrypts `plaintext` (a Tandem file) under `passphrase` and returns the sealed file's
/// text, with a fresh random salt and nonce.
///
/// # Errors
/// When Web Crypto is missing (an insecure page) or refuses, or the result would be too
/// large for Tandem to read back.
pub async fn seal(plaintext: &str, passphrase: &str) -> Result<String, CryptoError> {
    sealed::sealable(plaintext)?;
    let (crypto, subtle) = web_crypto()?;
    let mut salt = vec![0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut nonce))
        .map_err(|_| CryptoError::NoRandom)?;
    // The current version: the passphrase in NFC, the header authenticated.
    let secret = sealed::key_material(sealed::VERSION, passphrase);
    let key = derive_key(&subtle, &secret, &salt, sealed::ITERATIONS, "encrypt").await?;
    let params = web_sys::AesGcmParams::new(sealed::CIPHER, &Uint8Array::from(&nonce[..]));
    params.set_additional_data(&Uint8Array::from(
        &sealed::additional_data(sealed::ITERATIONS, &salt, &nonce)[..],
    ));
    let promise = subtle
        .encrypt_with_object_and_u8_array(&params, &key, plaintext.as_bytes())
        .map_err(|e| failure("encrypt the file", &e))?;
    let ciphertext = bytes(
        JsFuture::from(promise)
            .await
            .map_err(|e| failure("encrypt the file", &e))?,
    );
    // Only size can fail here: what Tandem could not read back is not written.
    let sealed = SealedFile::new(sealed::ITERATIONS, salt, nonce, ciphertext)?;
    Ok(sealed::to_json(&sealed))
}

/// Decrypts a sealed file's text with `passphrase`, returning the Tandem file inside
/// (still to be checked by `file::restore`).
///
/// # Errors
/// The envelope's own refusal (`model::formats::sealed::parse`),
/// [`CryptoError::WrongPassphrase`], or a missing Web Crypto.
pub async fn open(sealed_text: &str, passphrase: &str) -> Result<String, CryptoError> {
    let sealed = sealed::parse(sealed_text)?;
    open_parsed(&sealed, passphrase).await
}

/// [`open`] for an envelope already parsed (the import parses first, to refuse a broken
/// file before asking for its passphrase).
pub async fn open_parsed(sealed: &SealedFile, passphrase: &str) -> Result<String, CryptoError> {
    let (_, subtle) = web_crypto()?;
    let key = derive_key(
        &subtle,
        &sealed.key_material(passphrase),
        sealed.salt(),
        sealed.iterations(),
        "decrypt",
    )
    .await?;
    let params = web_sys::AesGcmParams::new(sealed::CIPHER, &Uint8Array::from(&sealed.nonce()[..]));
    // Version 1 authenticated no header; from version 2 a changed header fails here.
    let additional = sealed.additional_data();
    if !additional.is_empty() {
        params.set_additional_data(&Uint8Array::from(&additional[..]));
    }
    let promise = subtle
        .decrypt_with_object_and_u8_array(&params, &key, sealed.ciphertext())
        .map_err(|e| failure("decrypt the file", &e))?;
    let plain = JsFuture::from(promise).await.map_err(|e| {
        if error_name(&e).as_deref() == Some("OperationError") {
            CryptoError::WrongPassphrase
        } else {
            failure("decrypt the file", &e)
        }
    })?;
    // No larger than `file::MAX_BYTES`: the envelope's bounds saw to that.
    String::from_utf8(bytes(plain)).map_err(|_| CryptoError::NotText)
}

/// Whether this page may use Web Crypto; the error says why not and what to do.
pub fn available() -> Result<(), CryptoError> {
    web_crypto().map(|_| ())
}

/// The page's `crypto` and `crypto.subtle`. Browsers offer `subtle` only to secure
/// pages (https, or this computer's own address), so say so when it is missing.
fn web_crypto() -> Result<(web_sys::Crypto, SubtleCrypto), CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::NoWebCrypto)?;
    let subtle = js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()
        .filter(|s| !s.is_undefined() && !s.is_null())
        .ok_or(CryptoError::InsecurePage)?;
    Ok((crypto, subtle.unchecked_into()))
}

/// A non-extractable AES-256-GCM key for `usage`, from PBKDF2-SHA-256.
async fn derive_key(
    subtle: &SubtleCrypto,
    secret: &[u8],
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, CryptoError> {
    let what = "derive a key from the passphrase";
    let secret = Uint8Array::from(secret);
    let base = subtle
        .import_key_with_str(
            "raw",
            &secret,
            sealed::KDF,
            false,
            &Array::of1(&"deriveKey".into()),
        )
        .map_err(|e| failure(what, &e))?;
    let base: CryptoKey = JsFuture::from(base)
        .await
        .map_err(|e| failure(what, &e))?
        .unchecked_into();
    let params = web_sys::Pbkdf2Params::new_with_str(
        sealed::KDF,
        sealed::HASH,
        iterations,
        &Uint8Array::from(salt),
    );
    let aes = web_sys::AesDerivedKeyParams::new(sealed::CIPHER, 256);
    let key = subtle
        .derive_key_with_object_and_object(&params, &base, &aes, false, &Array::of1(&usage.into()))
        .map_err(|e| failure(what, &e))?;
    Ok(JsFuture::from(key)
        .await
        .map_err(|e| failure(what, &e))?
        .unchecked_into())
}

/// The bytes of an `ArrayBuffer` Web Crypto resolved with.
fn bytes(buffer: JsValue) -> Vec<u8> {
    Uint8Array::new(&buffer).to_vec()
}

/// A `DOMException`'s name ("OperationError", "NotSupportedError", …).
fn error_name(e: &JsValue) -> Option<String> {
    e.dyn_ref::<web_sys::DomException>().map(|d| d.name())
}

fn failure(what: &'static str, e: &JsValue) -> CryptoError {
    let detail = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "no reason given".into());
    CryptoError::Refused { what, detail }
}
