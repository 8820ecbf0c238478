//! Measures the stored form natively (issue 11): the size and CPU of each way tried to
//! make the 500- and 2,000-partner programs fit in local storage, and what the chosen one
//! costs to save (whole, and one partner) and to load. Reproduce with:
//!
//! ```sh
//! node -e 'import("./bench/large.mjs").then(m => { const fs = require("fs");
//!   fs.writeFileSync("/tmp/large500.json", JSON.stringify(m.largeFile(500)));
//!   fs.writeFileSync("/tmp/large2000.json", JSON.stringify(m.largeFile(2000, 5))); })'
//! cargo run --release --example store_codecs /tmp/large500.json /tmp/large2000.json
//! ```
//!
//! Characters are UTF-16 units, what local storage counts against its quota.

use base64::Engine;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;
use tandem::model::formats::file;
use tandem::model::formats::store::{self, Snapshot};
use tandem::model::Stage;

const QUOTA_CHARS: usize = 5_242_308;

/// The "short keys and metric arrays" variant: every object key replaced by a number from
/// a dictionary, and each series' month map by `[first month, values…]`.
fn shorten(v: &Value, dict: &mut HashMap<String, String>) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                let n = dict.len();
                let key = dict
                    .entry(k.clone())
                    .or_insert_with(|| n.to_string())
                    .clone();
                if let (true, Value::Object(vals)) = (k == "values", x) {
                    let first = vals.keys().next().cloned().map(Value::String);
                    let arr = first.into_iter().chain(vals.values().cloned()).collect();
                    out.insert(key, Value::Array(arr));
                    continue;
                }
                out.insert(key, shorten(x, dict));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| shorten(x, dict)).collect()),
        o => o.clone(),
    }
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(b)
}

fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 10_000.0).round() / 10.0
}

fn utf16(s: &str) -> usize {
    s.encode_utf16().count()
}

fn main() {
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("a Tandem file");
        let ws = file::restore(&text).expect("a valid Tandem file").workspace;
        let whole = file::write(&ws, file::Scope::Workspace, now, false);
        println!(
            "{path}: {} partners; the single key (today's store) would hold {} characters ({:.1} % of the quota)",
            ws.partners.len(),
            utf16(&whole),
            utf16(&whole) as f64 * 100.0 / QUOTA_CHARS as f64
        );
        let t = Instant::now();
        let json: Vec<String> = ws
            .partners
            .iter()
            .map(|p| serde_json::to_string(p).unwrap_or_default())
            .collect();
        let json_ms = ms(t);
        let mut dict = HashMap::new();
        let t = Instant::now();
        let short: Vec<String> = ws
            .partners
            .iter()
            .map(|p| shorten(&serde_json::to_value(p).unwrap_or_default(), &mut dict).to_string())
            .collect();
        let short_ms = ms(t);
        let sum = |v: &[String]| v.iter().map(|s| utf16(s)).sum::<usize>();
        println!(
            "  per-partner JSON: {} chars, serialise {json_ms} ms",
            sum(&json)
        );
        println!(
            "  short keys + metric arrays: {} chars, serialise {short_ms} ms",
            sum(&short)
        );
        for (name, src) in [("JSON", &json), ("short keys", &short)] {
            for level in [1u8, 6] {
                let t = Instant::now();
                let d: Vec<Vec<u8>> = src
                    .iter()
                    .map(|s| miniz_oxide::deflate::compress_to_vec(s.as_bytes(), level))
                    .collect();
                let deflate_ms = ms(t);
                let base64: usize = d.iter().map(|b| b64(b).len()).sum();
                // The tag, a character per 15 bits, and the padding count.
                let fifteen: usize = d.iter().map(|b| (b.len() * 8).div_ceil(15) + 2).sum();
                let t = Instant::now();
                for s in src {
                    let _ = tandem::model::formats::compact::encode(s);
                }
                let encode_ms = ms(t);
                println!(
                    "  {name} + deflate {level}: base64 {base64} chars, 15-bit {fifteen} chars \
                     ({:.1} %); deflate {deflate_ms} ms{}",
                    fifteen as f64 * 100.0 / QUOTA_CHARS as f64,
                    if level == 1 {
                        format!(", deflate + 15-bit {encode_ms} ms")
                    } else {
                        String::new()
                    }
                );
            }
            let t = Instant::now();
            let lz: Vec<String> = src
                .iter()
                .map(|s| lz_str::compress_to_utf16(s.as_str()))
                .collect();
            let lz_ms = ms(t);
            let t = Instant::now();
            for s in &lz {
                let _ = lz_str::decompress_from_utf16(s);
            }
            println!(
                "  {name} + lz-str (UTF-16): {} chars; compress {lz_ms} ms, decompress {} ms",
                sum(&lz),
                ms(t)
            );
        }

        // The chosen form through the store itself.
        let mut slots = BTreeMap::<String, String>::new();
        let mut snap = Snapshot::default();
        let t = Instant::now();
        let saved = store::save(&mut slots, &mut snap, &ws, "a", now).expect("saved");
        let full_ms = ms(t);
        let stored: usize = slots.iter().map(|(k, v)| utf16(k) + utf16(v)).sum();
        let mut edited = ws.clone();
        let id = edited.partners[0].id.clone();
        edited.move_stage(&id, Stage::Paused, now);
        let t = Instant::now();
        let one = store::save(&mut slots, &mut snap, &edited, "b", now).expect("saved");
        let one_ms = ms(t);
        let t = Instant::now();
        let mut fresh = Snapshot::default();
        let opened = store::open(&mut slots, &mut fresh, "c", now).expect("opened");
        let open_ms = ms(t);
        assert!(matches!(opened, store::Opened::Loaded { .. }));
        let t = Instant::now();
        let _ = file::restore(&whole);
        let restore_ms = ms(t);
        println!(
            "  store: {stored} chars ({:.1} % of the quota); first save {full_ms} ms ({} entries), \
             one partner's save {one_ms} ms ({} entry, {} chars written), load {open_ms} ms \
             (the single key's restore: {restore_ms} ms)",
            stored as f64 * 100.0 / QUOTA_CHARS as f64,
            saved.written,
            one.written,
            one.chars
        );
    }
}
