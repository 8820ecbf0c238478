#!/usr/bin/env bash
# Runs every test: formatting and lints, the model's native unit and property tests,
# the release build, and the Playwright end-to-end suite in Debian's headless Chromium
# against the built dist/ served from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "Format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "Native tests of the model"
cargo test 2>&1 | tee target/native-tests.log
native_passed=$(grep -Eo '^test result: ok\. [0-9]+ passed' target/native-tests.log | awk '{s+=$4} END {print s+0}')

step "Release build"
trunk build --release

step "End-to-end tests in headless Chromium"
npx playwright test --config tests/e2e/playwright.config.mjs 2>&1 | tee target/e2e-tests.log
e2e_passed=$(grep -Eo '[0-9]+ passed' target/e2e-tests.log | tail -1 | awk '{print $1}')

echo
echo "Native: ${native_passed} passed; end-to-end: ${e2e_passed:-0} passed."
echo "$((native_passed + ${e2e_passed:-0})) passed, 0 failed"
