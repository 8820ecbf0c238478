//! Measures what field stamps (issue 11 point 7) cost in local storage: the stored size
//! of a program as the benchmark writes it (no stamps, as by an older version), with
//! every record stamped once (each partner made or last edited whole), and with every
//! field and list item of every partner stamped on its own by one of three writers (the
//! worst case: every part edited separately since the partner was made, stamps barely
//! compress). Reproduce with:
//!
//! ```sh
//! node -e 'import("./bench/large.mjs").then(m => require("fs").writeFileSync(
//!   "/tmp/large2000.json", JSON.stringify(m.largeFile(2000, 5))))'
//! cargo run --release --example field_stamps_size /tmp/large2000.json
//! ```
//!
//! Characters are UTF-16 units, what local storage counts against its quota.

use std::collections::BTreeMap;
use tandem::model::core::stamp::Stamp;
use tandem::model::formats::file;
use tandem::model::formats::store::{self, Snapshot};
use tandem::model::Workspace;

const QUOTA_CHARS: usize = 5_242_308;

fn stored(ws: &Workspace) -> usize {
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
    let mut slots = BTreeMap::<String, String>::new();
    let mut snap = Snapshot::default();
    store::save(&mut slots, &mut snap, ws, "a", now).expect("saved");
    slots
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum()
}

fn report(label: &str, ws: &Workspace) {
    let n = stored(ws);
    println!(
        "  {label}: {n} chars ({:.1} % of the quota, {:.1} % to spare)",
        n as f64 * 100.0 / QUOTA_CHARS as f64,
        100.0 - n as f64 * 100.0 / QUOTA_CHARS as f64
    );
}

fn main() {
    let writers = [
        0x9f86_d081_884c_7d65u64,
        0x3c1e_77a0_52d9_b4e1,
        0x0000_1234_abcd_ef01,
    ];
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("a Tandem file");
        let ws = file::restore(&text).expect("a valid Tandem file").workspace;
        println!("{path}: {} partners", ws.partners.len());
        report("no stamps (as the benchmark writes it)", &ws);

        let base_ms = 1_795_435_200_000i64;
        let mut whole = ws.clone();
        for (i, p) in whole.partners.iter_mut().enumerate() {
            p.stamp = Some(Stamp::new(base_ms + i as i64 * 7, 0, writers[i % 3]));
        }
        for (i, m) in whole.markets.iter_mut().enumerate() {
            m.stamp = Some(Stamp::new(base_ms + i as i64, 0, writers[i % 3]));
        }
        whole.program.stamp = Some(Stamp::new(base_ms, 0, writers[0]));
        whole.program.name_stamp = Some(Stamp::new(base_ms, 1, writers[1]));
        report("every record stamped whole", &whole);

        let mut parts = whole.clone();
        let mut n = 0i64;
        for (i, p) in parts.partners.iter_mut().enumerate() {
            let p = &mut **p;
            p.base = Some(Stamp::new(base_ms - 86_400_000, 0, writers[i % 3]));
            let keys: Vec<String> = p.parts().into_keys().collect();
            for key in keys {
                n += 1;
                let s = Stamp::new(base_ms + n * 13, (n % 4) as u32, writers[(n % 3) as usize]);
                p.stamps.insert(key, s);
            }
            p.stamp = p.stamps.values().max().copied();
        }
        let entries: usize = parts.partners.iter().map(|p| p.stamps.len()).sum();
        report(
            &format!("every field and item stamped on its own ({entries} part stamps)"),
            &parts,
        );
    }
}
