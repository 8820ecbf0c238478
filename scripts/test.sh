#!/usr/bin/env bash
# Runs every test: formatting and lints, the model's native unit and property tests,
# the release build, and the Playwright end-to-end suite in Debian's headless Chromium
# against the built dist/ served from a sub-path. Then scripts/test-counts.mjs reads the
# runners' own reports (cargo's summary lines, Playwright's JSON report), prints the real
# totals, and fails when any test failed, was skipped or flaky, or when a test file ran
# fewer tests than tests/expected-counts records.
#
#   scripts/test.sh            run everything and check the counts
#   scripts/test.sh --record   the same, then write this run's counts to
#                              tests/expected-counts (commit it with the new tests)
set -euo pipefail
cd "$(dirname "$0")/.."
record=""
[[ "${1:-}" == "--record" ]] && record="--record"
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Cargo's target folder (CARGO_TARGET_DIR may move it); the logs and reports go there.
out="${CARGO_TARGET_DIR:-$PWD/target}"
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }

step "Format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "Native tests of the model"
# A failure is counted and reported below with the rest, not cut short here.
set +e
cargo test 2>&1 | tee "$out/native-tests.log"
native_status=${PIPESTATUS[0]}
set -e

step "Release build"
trunk build --release

step "End-to-end tests in headless Chromium"
report="$out/e2e-report.json"
rm -f "$report"
set +e
PLAYWRIGHT_JSON_OUTPUT_FILE="$report" \
  npx playwright test --config tests/e2e/playwright.config.mjs --forbid-only --reporter=list,json \
  2>&1 | tee "$out/e2e-tests.log"
e2e_status=${PIPESTATUS[0]}
set -e

step "Counts"
node scripts/test-counts.mjs "$out/native-tests.log" "$report" $record
# The runners' own verdicts too, in case a failure left no line to count.
if [[ $native_status -ne 0 || $e2e_status -ne 0 ]]; then
  echo "FAILED: cargo test exited with $native_status, Playwright with $e2e_status." >&2
  exit 1
fi
