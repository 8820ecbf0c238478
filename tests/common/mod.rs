//! Helpers shared by the test files: one walk of a folder's Rust files for the tests that
//! read the source tree (dates, error types, function lengths), and one configuration for
//! the property tests.

// Each test file is its own crate and compiles this module whole while using only part
// of it: what one file leaves unused is not dead code.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every `.rs` file below the crate's folder `sub` (such as `src/ui`), each with its path
/// relative to the crate, `/`-separated, as a failure names it. Fails when the folder
/// holds fewer than `at_least` files: a test that found no source would pass vacuously.
pub fn source_files(sub: &str, at_least: usize) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join(sub), &mut files);
    assert!(
        files.len() > at_least,
        "the source was not found under {:?}",
        root.join(sub)
    );
    files
        .into_iter()
        .map(|file| {
            let rel = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            (file, rel)
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The property tests' configuration for `cases` cases: no failure files written
/// beside the tests (a failing case is printed, and kept as a regression test by hand),
/// and the XorShift generator: ChaCha, proptest's default, dominates the run time in an
/// unoptimised test build, and XorShift is ample for generating test data.
pub fn fast_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..proptest::test_runner::Config::with_cases(cases)
    }
}
