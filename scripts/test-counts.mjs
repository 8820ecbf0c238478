// Reads what the test runners report — cargo test's summary lines and Playwright's JSON
// report — prints the real totals per test file, and fails (exit 1) when any test
// failed, was skipped (ignored), was flaky, or when a test file ran fewer tests than
// tests/expected-counts records. A test deleted, renamed away or silently not run
// (a `.only` left behind, a spec that no longer matches) then fails the run instead of
// passing unnoticed.
//
//   node scripts/test-counts.mjs CARGO_LOG PLAYWRIGHT_JSON [--record]
//
// --record (after a clean run) rewrites tests/expected-counts with this run's counts:
// commit it with the tests it counts. Only Node built-ins.
import { readFileSync, writeFileSync } from "node:fs";

// EXPECTED_COUNTS names another record (tests/e2e/test-counts.spec.mjs uses it).
const RECORD = process.env.EXPECTED_COUNTS ?? new URL("../tests/expected-counts", import.meta.url);
const [cargoLog, playwrightJson, ...flags] = process.argv.slice(2);
if (!cargoLog || !playwrightJson) {
  console.error("usage: node scripts/test-counts.mjs CARGO_LOG PLAYWRIGHT_JSON [--record]");
  process.exit(2);
}

/** Counts per test file: { "native tests/model_csv.rs": { passed, failed, skipped, flaky } }. */
const counts = new Map();
const problems = [];
// What failed, in words: CI shows only the end of the output, so each failing test's
// name and the start of its error are printed last.
const details = [];
const entry = (key) => {
  if (!counts.has(key)) counts.set(key, { passed: 0, failed: 0, skipped: 0, flaky: 0 });
  return counts.get(key);
};

// cargo test: "     Running tests/model_csv.rs (target/…)", "     Running unittests
// src/lib.rs (…)" or "   Doc-tests tandem" names the binary whose "test result:" line
// follows.
let log = null;
try {
  log = readFileSync(cargoLog, "utf8");
} catch (e) {
  problems.push(`no cargo test output to read (${e.message})`);
}
let binary = null;
let results = 0;
for (const line of (log ?? "").split(/\r?\n/)) {
  const running = line.match(/^\s*Running (?:unittests )?(\S+)/);
  if (running) binary = running[1];
  else if (/^\s*Doc-tests \S+/.test(line)) binary = "doc-tests";
  const failing = line.match(/^test (\S+) \.\.\. FAILED$/);
  if (failing) details.push(`native ${binary ?? "(unnamed)"}: ${failing[1]}`);
  const result = line.match(/^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored;/);
  if (result) {
    results += 1;
    const c = entry(`native ${binary ?? "(unnamed)"}`);
    c.passed += Number(result[2]);
    c.failed += Number(result[3]);
    c.skipped += Number(result[4]);
  }
}
if (log !== null && results === 0) problems.push("cargo test printed no `test result:` line: did it build?");

// Playwright's JSON report: suites nest; every test has a final status.
let report = null;
try {
  report = JSON.parse(readFileSync(playwrightJson, "utf8"));
} catch (e) {
  problems.push(`no Playwright JSON report to read (${e.message})`);
}
const STATUS = { expected: "passed", unexpected: "failed", skipped: "skipped", flaky: "flaky" };
const ANSI = /\u001b\[[0-9;]*m/g;
/** "e2e setup.spec.mjs:193 "title" (failed after 31.2 s): the error's first lines". */
function describe(spec, t, file) {
  const last = t.results?.at(-1) ?? {};
  const error = String(last.error?.message ?? last.errors?.[0]?.message ?? "no error message")
    .replace(ANSI, "").split("\n").filter((l) => l.trim()).slice(0, 8).join("\n      ");
  const took = last.duration === undefined ? "" : ` after ${(last.duration / 1000).toFixed(1)} s`;
  const verdict = t.status === "flaky" ? "flaky" : `${last.status ?? "failed"}${took}`;
  const at = spec.line === undefined ? "" : `:${spec.line}`;
  return `e2e ${spec.file ?? file}${at} "${spec.title}" (${verdict}):\n      ${error}`;
}
function walk(suite, file) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const c = entry(`e2e ${spec.file ?? file}`);
      const status = STATUS[t.status];
      if (status) c[status] += 1;
      if (status === "failed" || status === "flaky") details.push(describe(spec, t, file));
      if (!status) problems.push(`e2e ${spec.file ?? file}: "${spec.title}" ended as "${t.status}"`);
    }
  }
  for (const inner of suite.suites ?? []) walk(inner, inner.file ?? file);
}
if (report) {
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  for (const error of report.errors ?? []) {
    problems.push(`Playwright: ${String(error.message ?? error).split("\n")[0]}`);
  }
}

// The record: "native tests/model_csv.rs 7" — a kind, a test file, the fewest passes.
let recorded = new Map();
try {
  for (const line of readFileSync(RECORD, "utf8").split("\n")) {
    const m = line.trim().match(/^(native|e2e) (\S+) (\d+)$/);
    if (m) recorded.set(`${m[1]} ${m[2]}`, Number(m[3]));
    else if (line.trim() && !line.trim().startsWith("#")) problems.push(`tests/expected-counts: cannot read "${line}"`);
  }
} catch (e) {
  problems.push(`no record of expected counts (${e.message}); run with --record to write one`);
  recorded = new Map();
}

// The report, file by file, then the totals.
const keys = [...new Set([...recorded.keys(), ...counts.keys()])].sort();
const total = { native: { passed: 0, failed: 0, skipped: 0, flaky: 0 }, e2e: { passed: 0, failed: 0, skipped: 0, flaky: 0 } };
const grown = [];
console.log("\nTests per file (passed / failed / skipped / flaky, and the recorded minimum):");
for (const key of keys) {
  const c = counts.get(key) ?? { passed: 0, failed: 0, skipped: 0, flaky: 0 };
  const kind = key.split(" ")[0];
  for (const k of Object.keys(c)) total[kind][k] += c[k];
  const min = recorded.get(key);
  console.log(`  ${key}: ${c.passed} / ${c.failed} / ${c.skipped} / ${c.flaky}${min === undefined ? " (not recorded)" : ` (at least ${min})`}`);
  if (c.failed) problems.push(`${key}: ${c.failed} failed`);
  if (c.skipped) problems.push(`${key}: ${c.skipped} skipped or ignored; a test that does not run proves nothing`);
  if (c.flaky) problems.push(`${key}: ${c.flaky} flaky (passed only on a retry)`);
  if (min !== undefined && c.passed < min) problems.push(`${key}: ${c.passed} passed, fewer than the ${min} recorded`);
  if (min === undefined || c.passed > min) grown.push(key);
}
const line = (kind) => `${total[kind].passed} passed, ${total[kind].failed} failed, ${total[kind].skipped} skipped, ${total[kind].flaky} flaky`;
console.log(`\nNative: ${line("native")}.`);
console.log(`End-to-end: ${line("e2e")}.`);
const all = Object.keys(total.native).map((k) => `${total.native[k] + total.e2e[k]} ${k}`).join(", ");
console.log(`Total: ${all}.`);

if (flags.includes("--record")) {
  if (problems.length) {
    console.error("\nNot recording: the run was not clean.");
  } else {
    const lines = [...counts.keys()].sort().map((key) => `${key} ${counts.get(key).passed}`);
    const header = readFileSync(RECORD, { encoding: "utf8", flag: "a+" }).split("\n").filter((l) => l.startsWith("#"));
    writeFileSync(RECORD, [...header, ...lines, ""].join("\n"));
    console.log("\nRecorded these counts in tests/expected-counts: commit it with the tests.");
  }
} else if (grown.length && !problems.length) {
  console.log(`\nMore tests than recorded in ${grown.join(", ")}: run \`scripts/test.sh --record\` `
    + "(or raise the numbers in tests/expected-counts) and commit it with the tests.");
}

if (problems.length) {
  console.error(`\nFAILED: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  if (details.length) {
    console.error("\nWhat failed:");
    for (const d of details) console.error(`  - ${d}`);
  }
  process.exit(1);
}
console.log("All tests passed; none skipped; no file ran fewer tests than recorded.");
