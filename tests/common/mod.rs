//! Helpers shared by the tests that read the source tree (dates, error types, function
//! lengths): one walk of a folder's Rust files.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, in the order the file system lists them; a folder that
/// cannot be read adds nothing.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
