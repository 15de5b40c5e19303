//! Encrypted backups with the browser's WebCrypto: AES-256-GCM, the key derived from the
//! passphrase with PBKDF2-SHA256 (600,000 iterations, random 16-byte salt), a random 12-byte
//! IV, all in a small JSON envelope (docs/backup-format.md, "Encrypted backups").
//!
//! GCM authenticates: a wrong passphrase and a changed byte both fail the same check, so
//! neither can ever come back as garbage data. WebCrypto exists only on secure pages
//! (https or localhost); elsewhere encryption is reported as unavailable.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::backup::Problem;

pub const FORMAT: &str = "tierdesk-encrypted";
pub const VERSION: u32 = 1;
/// OWASP's figure for PBKDF2-HMAC-SHA256 (2023).
pub const ITERATIONS: u32 = 600_000;
/// A file asking for more would keep the tab busy for minutes: refused.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// GCM's authentication tag, at the end of the ciphertext.
const TAG_BYTES: usize = 16;
/// Bytes encoded per step (a multiple of 3, so the pieces join without padding inside).
const ENCODE_STEP: usize = 3 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum CryptoError {
    /// GCM authentication failed: the passphrase is wrong or the file was changed.
    WrongPassphraseOrChanged,
    /// The envelope is not sound; every problem with its JSON path.
    Envelope(Vec<Problem>),
    /// No WebCrypto here (not a secure page).
    Unavailable,
    Cancelled,
    Browser(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::WrongPassphraseOrChanged => write!(f, "wrong passphrase or the file was changed"),
            CryptoError::Envelope(p) => {
                write!(f, "the encrypted file is damaged: ")?;
                let list: Vec<String> = p.iter().map(Problem::to_string).collect();
                write!(f, "{}", list.join("; "))
            }
            CryptoError::Unavailable => write!(f, "this page cannot encrypt: encryption needs https or localhost"),
            CryptoError::Cancelled => write!(f, "cancelled"),
            CryptoError::Browser(m) => write!(f, "the browser's encryption reported: {m}"),
        }
    }
}

fn browser(e: JsValue) -> CryptoError {
    let name = Reflect::get(&e, &JsValue::from_str("name")).ok().and_then(|v| v.as_string());
    let message = Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|v| v.as_string());
    CryptoError::Browser(match (name, message) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        _ => e.as_string().unwrap_or_else(|| "unknown error".into()),
    })
}

#[wasm_bindgen]
extern "C" {
    type Subtle;
    #[wasm_bindgen(method, catch, js_name = importKey)]
    fn import_key(this: &Subtle, format: &str, key: &Uint8Array, alg: &str, extractable: bool, usages: &Array) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = deriveKey)]
    fn derive_key(this: &Subtle, alg: &Object, base: &JsValue, derived: &Object, extractable: bool, usages: &Array) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn encrypt(this: &Subtle, alg: &Object, key: &JsValue, data: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decrypt(this: &Subtle, alg: &Object, key: &JsValue, data: &JsValue) -> Result<Promise, JsValue>;
}

fn crypto() -> Result<JsValue, CryptoError> {
    let c = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).map_err(|_| CryptoError::Unavailable)?;
    if c.is_undefined() || c.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(c)
}

fn subtle() -> Result<Subtle, CryptoError> {
    let s = Reflect::get(&crypto()?, &JsValue::from_str("subtle")).map_err(|_| CryptoError::Unavailable)?;
    if s.is_undefined() || s.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(s.unchecked_into())
}

/// `n` bytes from the browser's cryptographic random source.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let c = crypto()?;
    let f: js_sys::Function = Reflect::get(&c, &JsValue::from_str("getRandomValues"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(CryptoError::Unavailable)?;
    let arr = Uint8Array::new_with_length(n as u32);
    f.call1(&c, &arr).map_err(browser)?;
    Ok(arr.to_vec())
}

fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn call(p: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// The AES-256-GCM key for `passphrase` (Unicode NFC, UTF-8), made for `usage`.
async fn key(passphrase: &str, salt: &[u8], iterations: u32, usage: &str) -> Result<JsValue, CryptoError> {
    let s = subtle()?;
    // The same passphrase typed on another system may arrive decomposed (macOS): normalise.
    let normal: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
    let raw = Uint8Array::from(normal.as_bytes());
    let base = call(s.import_key("raw", &raw, "PBKDF2", false, &Array::of1(&JsValue::from_str("deriveKey"))))
        .await
        .map_err(browser)?;
    let alg = obj(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from_f64(f64::from(iterations))),
    ]);
    let derived = obj(&[("name", "AES-GCM".into()), ("length", JsValue::from_f64(256.0))]);
    call(s.derive_key(&alg, &base, &derived, false, &Array::of1(&JsValue::from_str(usage))))
        .await
        .map_err(browser)
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Kdf {
    pub name: String,
    pub hash: String,
    pub iterations: u32,
    /// Base64.
    pub salt: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CipherInfo {
    pub name: String,
    /// Base64.
    pub iv: String,
}

/// Everything of the envelope but `data`, which follows it in pieces.
#[derive(Serialize)]
struct Head<'a> {
    format: &'a str,
    version: u32,
    kdf: &'a Kdf,
    cipher: &'a CipherInfo,
}

/// Encrypts `plain` and returns the envelope as JS string pieces (for a Blob), never as one
/// string. `on(done, total)` follows the encoding; returning false cancels.
pub async fn encrypt(plain: &JsValue, passphrase: &str, on: &mut dyn FnMut(usize, usize) -> bool) -> Result<Array, CryptoError> {
    let salt = random_bytes(SALT_BYTES)?;
    let iv = random_bytes(IV_BYTES)?;
    let k = key(passphrase, &salt, ITERATIONS, "encrypt").await?;
    let alg = obj(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv.as_slice()).into())]);
    let sealed = call(subtle()?.encrypt(&alg, &k, plain)).await.map_err(browser)?;
    let sealed = Uint8Array::new(&sealed);
    let kdf = Kdf { name: "PBKDF2".into(), hash: "SHA-256".into(), iterations: ITERATIONS, salt: base64_encode(&salt) };
    let cipher = CipherInfo { name: "AES-GCM".into(), iv: base64_encode(&iv) };
    let mut head = serde_json::to_string(&Head { format: FORMAT, version: VERSION, kdf: &kdf, cipher: &cipher })
        .map_err(|e| CryptoError::Browser(e.to_string()))?;
    head.pop();
    head.push_str(",\"data\":\"");
    let pieces = Array::of1(&JsValue::from_str(&head));
    let total = sealed.length() as usize;
    let mut at = 0;
    while at < total {
        let end = (at + ENCODE_STEP).min(total);
        let chunk = sealed.subarray(at as u32, end as u32).to_vec();
        pieces.push(&JsValue::from_str(&base64_encode(&chunk)));
        at = end;
        if !on(at, total) {
            return Err(CryptoError::Cancelled);
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    pieces.push(&JsValue::from_str("\"}\n"));
    Ok(pieces)
}

/// Whether a file looks like an encrypted backup (decided from its start; [`open`] checks it).
pub fn is_envelope(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(4096)];
    let needle = format!("\"{FORMAT}\"");
    start.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A checked envelope: the key parameters and the sealed bytes.
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub data: Vec<u8>,
}

fn text<'a>(path: &str, v: Option<&'a Value>, p: &mut Vec<Problem>) -> Option<&'a str> {
    match v {
        Some(Value::String(s)) => Some(s),
        Some(_) => {
            p.push(Problem::new(path, "must be text"));
            None
        }
        None => {
            p.push(Problem::new(path, "is missing; it is required"));
            None
        }
    }
}

fn must(path: &str, v: Option<&Value>, want: &str, p: &mut Vec<Problem>) {
    if let Some(s) = text(path, v, p) {
        if s != want {
            p.push(Problem::new(path, format!("is \"{s}\"; this app reads only \"{want}\"")));
        }
    }
}

/// Base64 bytes at `path`, of exactly `len` bytes when given.
fn bytes_of(path: &str, v: Option<&Value>, len: Option<usize>, p: &mut Vec<Problem>) -> Option<Vec<u8>> {
    let s = text(path, v, p)?;
    match base64_decode(s) {
        Ok(b) if len.is_none_or(|n| b.len() == n) => Some(b),
        Ok(b) => {
            p.push(Problem::new(path, format!("holds {} bytes; it must hold {}", b.len(), len.unwrap_or(0))));
            None
        }
        Err(m) => {
            p.push(Problem::new(path, m));
            None
        }
    }
}

/// Reads an envelope, listing every problem with its JSON path.
pub fn open(bytes: &[u8]) -> Result<Sealed, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let v: Value = serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() { "ends too early: it looks cut off" } else { "is not valid JSON" };
        vec![Problem::new("$", format!("the encrypted file {what} (line {}, column {})", e.line(), e.column()))]
    })?;
    let mut p = vec![];
    if !v.is_object() {
        return Err(vec![Problem::new("$", "is not an object; an encrypted backup is a JSON object")]);
    }
    must("$.format", v.get("format"), FORMAT, &mut p);
    match v.get("version").and_then(Value::as_u64) {
        Some(n) if n == u64::from(VERSION) => {}
        Some(n) if n > u64::from(VERSION) => p.push(Problem::new("$.version", format!("is {n}: this file was made by a newer Tierdesk; update the app"))),
        _ => p.push(Problem::new("$.version", format!("must be the whole number {VERSION}"))),
    }
    let kdf = v.get("kdf");
    must("$.kdf.name", kdf.and_then(|k| k.get("name")), "PBKDF2", &mut p);
    must("$.kdf.hash", kdf.and_then(|k| k.get("hash")), "SHA-256", &mut p);
    let iterations = match kdf.and_then(|k| k.get("iterations")).and_then(Value::as_u64) {
        Some(n) if (1..=u64::from(MAX_ITERATIONS)).contains(&n) => n as u32,
        _ => {
            p.push(Problem::new("$.kdf.iterations", format!("must be a whole number from 1 to {MAX_ITERATIONS}")));
            0
        }
    };
    let salt = bytes_of("$.kdf.salt", kdf.and_then(|k| k.get("salt")), None, &mut p);
    let cipher = v.get("cipher");
    must("$.cipher.name", cipher.and_then(|c| c.get("name")), "AES-GCM", &mut p);
    let iv = bytes_of("$.cipher.iv", cipher.and_then(|c| c.get("iv")), Some(IV_BYTES), &mut p);
    let data = bytes_of("$.data", v.get("data"), None, &mut p);
    if let Some(d) = &data {
        if d.len() < TAG_BYTES {
            p.push(Problem::new("$.data", "is too short to hold encrypted data"));
        }
    }
    if let Some(s) = &salt {
        if s.len() < 8 {
            p.push(Problem::new("$.kdf.salt", "is shorter than 8 bytes"));
        }
    }
    match (p.is_empty(), salt, iv, data) {
        (true, Some(salt), Some(iv), Some(data)) => Ok(Sealed { iterations, salt, iv, data }),
        _ => Err(p),
    }
}

/// Decrypts a checked envelope. A wrong passphrase or any changed byte is
/// [`CryptoError::WrongPassphraseOrChanged`], never garbage.
pub async fn decrypt(sealed: &Sealed, passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    let k = key(passphrase, &sealed.salt, sealed.iterations, "decrypt").await?;
    let alg = obj(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(sealed.iv.as_slice()).into())]);
    let data = Uint8Array::from(sealed.data.as_slice());
    match call(subtle()?.decrypt(&alg, &k, &data)).await {
        Ok(plain) => Ok(Uint8Array::new(&plain).to_vec()),
        Err(e) => {
            let name = Reflect::get(&e, &JsValue::from_str("name")).ok().and_then(|v| v.as_string());
            if name.as_deref() == Some("OperationError") {
                Err(CryptoError::WrongPassphraseOrChanged)
            } else {
                Err(browser(e))
            }
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648, section 4).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        out.push(ALPHABET[(n >> 18) as usize & 63]);
        out.push(ALPHABET[(n >> 12) as usize & 63]);
        out.push(if c.len() > 1 { ALPHABET[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if c.len() > 2 { ALPHABET[n as usize & 63] } else { b'=' });
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Reads standard base64 (white space ignored, padding optional). The error names the
/// offending character's position.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits, mut pad) = (0u32, 0u32, 0usize);
    for (i, c) in text.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                pad += 1;
                continue;
            }
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return Err(format!("is not base64: character {} is not allowed", i + 1)),
        };
        if pad > 0 {
            return Err(format!("is not base64: text follows the padding at character {}", i + 1));
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 || pad > 2 {
        return Err("is not base64: its length is wrong (cut off?)".into());
    }
    Ok(out)
}
