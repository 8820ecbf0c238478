// The build's policy hook (scripts/csp-hook.mjs) run on its own, on pages shaped like
// Trunk's output: it gives a release build its policy or fails the build — it never
// lets a release go out without one. No browser needed.
import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HOOK = new URL("../../scripts/csp-hook.mjs", import.meta.url).pathname;
const LOADER = `<script type="module">import init, * as bindings from './tandem-0123abcd.js';
const wasm = await init({ module_or_path: './tandem-0123abcd_bg.wasm' });
</script>`;
const LIVE_RELOAD = `<script>(function () { const address = '{{__TRUNK_ADDRESS__}}'; })()</script>`;
const page = (head, body = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tandem</title>${head}` +
  `<link rel="stylesheet" href="./base-1.css"></head><body>${body}</body></html>`;

/** Runs the hook on `html` as Trunk would for `profile` (undefined: not set at all). */
function runHook(html, profile) {
  const staging = mkdtempSync(join(tmpdir(), "csp-hook-"));
  try {
    writeFileSync(join(staging, "index.html"), html);
    const env = { ...process.env, TRUNK_STAGING_DIR: staging, TRUNK_PUBLIC_URL: "./" };
    delete env.TRUNK_PROFILE;
    if (profile) env.TRUNK_PROFILE = profile;
    const run = spawnSync(process.execPath, [HOOK], { env, encoding: "utf8" });
    return {
      status: run.status,
      stderr: run.stderr,
      html: readFileSync(join(staging, "index.html"), "utf8"),
      files: readdirSync(staging).sort(),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

test("a release build gets the policy first in <head> and its loader moved to a hashed file", () => {
  const run = runHook(page(LOADER), "release");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.html).toMatch(/^<!doctype html><html lang="en"><head><meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]+">/);
  expect(run.html).toMatch(/<script type="module" src="\.\/boot-[0-9a-f]{16}\.js" integrity="sha384-[^"]+"><\/script>/);
  expect(run.files).toEqual([expect.stringMatching(/^boot-[0-9a-f]{16}\.js$/), "index.html"]);
});

test("the hook fails a release build it cannot give the policy, instead of warning", () => {
  for (const [what, html, profile, reason] of [
    ["the live-reload script of `trunk serve --release`", page(LOADER + LIVE_RELOAD), "release", /release build has Trunk's inline live-reload script/],
    ["the live-reload script, with no profile named", page(LOADER + LIVE_RELOAD), undefined, /release build has Trunk's inline live-reload script/],
    ["an inline style attribute", page(LOADER, '<div style="color: red"></div>'), "release", /would block an inline style attribute/],
    ["an inline event handler", page(LOADER, '<body onload="go()">'), "release", /would block an inline event handler/],
    ["a <style> element", page(LOADER + "<style>body{}</style>"), "release", /would block a <style> element/],
    ["no loader to move", page(""), "release", /found no inline loader script/],
    ["no <head>", `<html>${LOADER}</html>`, "release", /has no <head>/],
  ]) {
    const run = runHook(html, profile);
    expect(run.status, what).toBe(1);
    expect(run.stderr, what).toMatch(reason);
    expect(run.html, `${what}: the page is left as it was`).toBe(html);
  }
});

test("only a debug `trunk serve` build goes without the policy, and says so", () => {
  const run = runHook(page(LOADER + LIVE_RELOAD), "debug");
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/debug build .*no Content-Security-Policy added/);
  expect(run.html).not.toContain("Content-Security-Policy");
});
