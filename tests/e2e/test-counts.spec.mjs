// scripts/test-counts.mjs, the check at the end of scripts/test.sh, on made-up runner
// output: it passes a clean run and prints its real totals, and it fails a run with a
// failed, skipped or flaky test, a file that ran fewer tests than recorded, or no report
// at all. No browser needed.
import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = new URL("../../scripts/test-counts.mjs", import.meta.url).pathname;

/** cargo test's output for binaries given as [name, passed, failed, ignored]. */
function cargoLog(binaries) {
  return binaries.map(([name, passed, failed, ignored]) => [
    name === "doc-tests" ? "   Doc-tests tandem" : `     Running ${name} (target/debug/deps/x-0123)`,
    "",
    `running ${passed + failed + ignored} tests`,
    `test result: ${failed ? "FAILED" : "ok"}. ${passed} passed; ${failed} failed; ${ignored} ignored; 0 measured; 0 filtered out; finished in 0.01s`,
    "",
  ].join("\n")).join("\n");
}

/** A Playwright JSON report with one test per status, per file: { "a.spec.mjs": ["expected", …] }. */
function playwrightReport(files) {
  return JSON.stringify({
    suites: Object.entries(files).map(([file, statuses]) => ({
      title: file, file,
      specs: statuses.map((status, i) => ({ title: `test ${i}`, file, tests: [{ status, results: [] }] })),
      suites: [],
    })),
    errors: [],
    stats: {},
  });
}

const RECORD = "# kind file fewest-passed\nnative unittests-free 0\nnative tests/model_csv.rs 7\nnative doc-tests 2\ne2e csv.spec.mjs 3\n";
const CLEAN_CARGO = [["tests/model_csv.rs", 7, 0, 0], ["doc-tests", 2, 0, 0], ["unittests-free", 0, 0, 0]];
const CLEAN_E2E = { "csv.spec.mjs": ["expected", "expected", "expected"] };

function check({ cargo = CLEAN_CARGO, e2e = CLEAN_E2E, record = RECORD, report = true, args = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "test-counts-"));
  try {
    writeFileSync(join(dir, "cargo.log"), cargoLog(cargo));
    if (report) writeFileSync(join(dir, "report.json"), playwrightReport(e2e));
    writeFileSync(join(dir, "expected-counts"), record);
    const run = spawnSync(process.execPath, [SCRIPT, join(dir, "cargo.log"), join(dir, "report.json"), ...args], {
      env: { ...process.env, EXPECTED_COUNTS: join(dir, "expected-counts") }, encoding: "utf8",
    });
    return { status: run.status, out: run.stdout, err: run.stderr, record: readFileSync(join(dir, "expected-counts"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a clean run passes and prints its real totals", () => {
  const run = check();
  expect(run.err).toBe("");
  expect(run.status).toBe(0);
  expect(run.out).toContain("Native: 9 passed, 0 failed, 0 skipped, 0 flaky.");
  expect(run.out).toContain("End-to-end: 3 passed, 0 failed, 0 skipped, 0 flaky.");
  expect(run.out).toContain("Total: 12 passed, 0 failed, 0 skipped, 0 flaky.");
  expect(run.out).toContain("native tests/model_csv.rs: 7 / 0 / 0 / 0 (at least 7)");
});

test("a failed, skipped, ignored or flaky test fails the run, naming the file", () => {
  for (const [what, input, message] of [
    ["a failed e2e test", { e2e: { "csv.spec.mjs": ["expected", "expected", "expected", "unexpected"] } }, "e2e csv.spec.mjs: 1 failed"],
    ["a skipped e2e test", { e2e: { "csv.spec.mjs": ["expected", "expected", "expected", "skipped"] } }, "e2e csv.spec.mjs: 1 skipped"],
    ["a flaky e2e test", { e2e: { "csv.spec.mjs": ["expected", "expected", "flaky"] } }, "e2e csv.spec.mjs: 1 flaky"],
    ["an ignored native test", { cargo: [["tests/model_csv.rs", 7, 0, 1], ["doc-tests", 2, 0, 0]] }, "native tests/model_csv.rs: 1 skipped or ignored"],
    ["a failed native test", { cargo: [["tests/model_csv.rs", 7, 1, 0], ["doc-tests", 2, 0, 0]] }, "native tests/model_csv.rs: 1 failed"],
  ]) {
    const run = check(input);
    expect(run.status, what).toBe(1);
    expect(run.err, what).toContain(message);
  }
});

test("fewer tests than recorded, a missing file or a missing report fails the run", () => {
  for (const [what, input, message] of [
    ["a deleted e2e test", { e2e: { "csv.spec.mjs": ["expected", "expected"] } }, "e2e csv.spec.mjs: 2 passed, fewer than the 3 recorded"],
    ["a spec file that no longer runs", { e2e: {} }, "e2e csv.spec.mjs: 0 passed, fewer than the 3 recorded"],
    ["a test binary that no longer runs", { cargo: [["doc-tests", 2, 0, 0]] }, "native tests/model_csv.rs: 0 passed, fewer than the 7 recorded"],
    ["no Playwright report", { report: false }, "no Playwright JSON report to read"],
    ["no cargo result line", { cargo: [] }, "cargo test printed no `test result:` line"],
  ]) {
    const run = check(input);
    expect(run.status, what).toBe(1);
    expect(run.err, what).toContain(message);
  }
});

test("--record writes a clean run's counts, keeping the comments", () => {
  const run = check({ e2e: { "csv.spec.mjs": ["expected", "expected", "expected", "expected"] }, args: ["--record"] });
  expect(run.status).toBe(0);
  expect(run.record).toBe(
    "# kind file fewest-passed\ne2e csv.spec.mjs 4\nnative doc-tests 2\nnative tests/model_csv.rs 7\nnative unittests-free 0\n");
  const refused = check({ e2e: { "csv.spec.mjs": ["expected", "skipped"] }, args: ["--record"] });
  expect(refused.status).toBe(1);
  expect(refused.record).toBe(RECORD);
});
