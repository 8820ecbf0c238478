//! Measures natively what one partner's save costs the store at 500 and 2,000 partners
//! (issue 11, the pipeline move's save): the time of `formats::store::save` after a
//! one-partner edit, and the characters it writes and reads through the slots (what local
//! storage copies between wasm, JavaScript and the browser's storage, and what another
//! tab's `storage` event carries), the manifest's share apart.
//!
//! ```sh
//! # the files: see examples/store_codecs.rs
//! cargo run --release --example save_cost /tmp/large500.json /tmp/large2000.json
//! ```

use chrono::Utc;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::Instant;
use tandem::model::formats::file;
use tandem::model::formats::store::{self, Slots, Snapshot, StoreError, MANIFEST_KEY};
use tandem::model::Stage;

/// A map that counts the characters set and got (UTF-16 units, as local storage counts).
#[derive(Default)]
struct Counted {
    map: BTreeMap<String, String>,
    set: usize,
    manifest_set: usize,
    got: Cell<usize>,
}

impl Slots for Counted {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let v = self.map.get(key).cloned();
        self.got
            .set(self.got.get() + v.as_ref().map_or(0, |v| v.encode_utf16().count()));
        Ok(v)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let n = value.encode_utf16().count();
        self.set += n;
        if key == MANIFEST_KEY {
            self.manifest_set += n;
        }
        self.map.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    const EDITS: usize = 41;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("a readable file");
        let mut ws = file::restore(&text).expect("a valid Tandem file").workspace;
        let now = Utc::now();
        let mut slots = Counted::default();
        let mut snap = Snapshot::default();
        store::save(&mut slots, &mut snap, &ws, "first", now).expect("saved");
        let manifest = slots.map[MANIFEST_KEY].encode_utf16().count();
        let (mut times, mut set, mut manifest_set, mut got) = (vec![], vec![], vec![], vec![]);
        for e in 0..EDITS {
            // Partners spread over the list, as a person's moves would be.
            let i = (e * 7919) % ws.partners.len();
            let id = ws.partners[i].id.clone();
            let stage = if ws.partners[i].stage == Stage::Live {
                Stage::Paused
            } else {
                Stage::Live
            };
            assert!(ws.move_stage(&id, stage, now));
            slots.set = 0;
            slots.manifest_set = 0;
            slots.got.set(0);
            let t = Instant::now();
            let saved =
                store::save(&mut slots, &mut snap, &ws, &format!("s{e}"), now).expect("saved");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(saved.written, 1);
            set.push(slots.set as f64);
            manifest_set.push(slots.manifest_set as f64);
            got.push(slots.got.get() as f64);
        }
        println!(
            "{path}: {} partners, manifest after the first save {manifest} characters. \
             One partner's save (median of {EDITS}): {:.3} ms; characters written {}, of \
             which the manifest {}; characters read {}",
            ws.partners.len(),
            median(times),
            median(set),
            median(manifest_set),
            median(got),
        );
    }
}
