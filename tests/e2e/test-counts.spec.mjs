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

function check({ cargo = CLEAN_CARGO, e2e = CLEAN_E2E, record = RECORD, report = true, args = [], cargoText, reportText } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "test-counts-"));
  try {
    writeFileSync(join(dir, "cargo.log"), cargoText ?? cargoLog(cargo));
    if (report) writeFileSync(join(dir, "report.json"), reportText ?? playwrightReport(e2e));
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

test("the failing tests are named last, with the start of their errors, where CI's tail shows them", () => {
  const report = JSON.parse(playwrightReport(CLEAN_E2E));
  report.suites[0].specs.push({
    title: "two tabs end with one market", file: "csv.spec.mjs", line: 193,
    tests: [{ status: "unexpected", results: [{ status: "timedOut", duration: 31234, error: { message: "\u001b[31mTest timeout of 30000ms exceeded.\u001b[39m\n\nwaiting for locator" } }] }],
  });
  const cargoText = cargoLog(CLEAN_CARGO).replace("running 7 tests", "running 8 tests\ntest csv::quotes ... FAILED");
  const run = check({ reportText: JSON.stringify(report), cargoText });
  expect(run.status).toBe(1);
  const tail = run.err.slice(run.err.indexOf("What failed:"));
  expect(tail).toContain("native tests/model_csv.rs: csv::quotes");
  expect(tail).toContain('e2e csv.spec.mjs:193 "two tabs end with one market" (timedOut after 31.2 s):\n      Test timeout of 30000ms exceeded.\n      waiting for locator');
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
