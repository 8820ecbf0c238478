//! Measures natively what an import of a program's own file costs, step by step (issue
//! 11: the import and its preview within 3× the browser's `JSON.parse` of the file): the
//! file read and checked (`file::restore`), the merge previewed (`import::preview`,
//! which merges and validates the result) and its conflicts found (`import::conflicts`),
//! as the Data screen runs them when a file is picked. The workspace imported into is
//! the same file read once before, as the benchmark's is.
//!
//! ```sh
//! node -e 'import("./bench/large.mjs").then(({largeFile}) => require("fs").writeFileSync(
//!   "/tmp/large2000.json", JSON.stringify(largeFile(2000, 5))))'
//! cargo run --release --example import_cost /tmp/large2000.json [rounds]
//! ```

use std::time::{Duration, Instant};
use tandem::model::formats::file;
use tandem::model::merge::conflict;
use tandem::model::merge::import::{self, Mode};
use tandem::model::workspace::validate;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a Tandem file to import");
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).expect("the file");
    let current = file::restore(&text).expect("a valid file").workspace;
    let shared = conflict::Shared::new();
    let mut rows: Vec<(&str, Vec<Duration>)> = [
        "parse",
        "restore",
        "validate",
        "preview",
        "conflicts",
        "total",
    ]
    .into_iter()
    .map(|s| (s, Vec::new()))
    .collect();
    for _ in 0..rounds {
        let start = Instant::now();
        let parsed: file::Envelope = serde_json::from_str(&text).expect("parses");
        rows[0].1.push(start.elapsed());
        drop(parsed);
        let start = Instant::now();
        let incoming = file::restore(&text).expect("a valid file").workspace;
        let restored = start.elapsed();
        rows[1].1.push(restored);
        let at = Instant::now();
        assert!(validate::workspace(&incoming).is_empty());
        rows[2].1.push(at.elapsed());
        let at = Instant::now();
        let preview = import::preview(&current, &incoming, Mode::Merge);
        rows[3].1.push(at.elapsed());
        let at = Instant::now();
        let found = import::conflicts(&current, &incoming, &shared, Mode::Merge);
        rows[4].1.push(at.elapsed());
        let previewed = rows[3].1.last().copied().unwrap_or_default();
        rows[5].1.push(restored + previewed + at.elapsed());
        assert!(preview.can_apply() && found.is_empty());
        assert_eq!(preview.unchanged.len(), incoming.partners.len());
    }
    for (name, mut times) in rows {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:>10}: median {:7.1} ms, min {:7.1} ms",
            ms(times[times.len() / 2]),
            ms(times[0])
        );
    }
}
