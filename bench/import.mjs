// Times the import of the 2,000-partner program's own file alone, as bench/run.mjs times
// it (the file picked on the Data screen to the frame painted with the merge preview,
// then cancelled), each time in a fresh page with the program stored, beside the
// browser's JSON.parse of the same text in the same page (issue 11's target: the import
// within 3× of it). With two builds, alternates them run by run on two static servers
// (BENCH_PORT and BENCH_PORT + 1), so both see the same machine. Not in the test suite:
// a measurement, whose ratio column is the one to read on a shared machine.
//
//   BENCH_PORT=<port> node bench/import.mjs [runs=5] <dist> [other dist] [n=2000]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { FLAGS } from "../scripts/chromium.mjs";
import { largeFile } from "./large.mjs";
import { seededPage, storeItems, timedImport } from "./seed.mjs";

const [runsArg, ...rest] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const dists = rest.filter((a) => Number.isNaN(Number(a)));
const n = Number(rest.find((a) => !Number.isNaN(Number(a))) ?? 2000);
if (!dists.length) throw new Error("usage: node bench/import.mjs [runs] <dist> [other dist] [n]");
const file = largeFile(n, n >= 2000 ? 5 : 10);
const fileText = JSON.stringify(file);
const items = storeItems(file);
const port = Number(process.env.BENCH_PORT ?? 4199);

const servers = dists.map((dist, i) =>
  spawn("node", ["scripts/static-server.mjs", dist, String(port + i), "/tandem/"], { stdio: "ignore" }));
const bases = dists.map((_, i) => `http://127.0.0.1:${port + i}/tandem/`);
for (const base of bases) {
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      if (tries > 300) throw new Error(`${base} does not answer`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });

/** One import in a fresh page of `base`: [JSON.parse ms, import ms]. */
async function once(base) {
  const { context, page } = await seededPage(browser, base, items);
  try {
    await page.goto(base + "#/data");
    await page.locator("#import-file").waitFor({ state: "attached" });
    // The app's idle work after start (readings warmed, the dashboard fetched ahead).
    await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 3000));
    const parse = await page.evaluate((text) => {
      const start = performance.now();
      const parsed = JSON.parse(text);
      const ms = performance.now() - start;
      if (!parsed.workspace) throw new Error("not parsed");
      return ms;
    }, fileText);
    const imported = await timedImport(page, fileText);
    if (!imported.preview.includes("unchanged")) {
      throw new Error(`the preview does not say the partners are unchanged: ${imported.preview.slice(0, 200)}`);
    }
    return [parse, imported.ms];
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = dists.map(() => []);
try {
  for (let r = 0; r < runs; r++) {
    const line = [];
    for (const [i, base] of bases.entries()) {
      const [parse, ms] = await once(base);
      results[i].push([parse, ms]);
      line.push(`${dists[i]}: JSON.parse ${parse.toFixed(1)}, import ${ms.toFixed(1)} (${(ms / parse).toFixed(2)}×)`);
    }
    console.log(`run ${r + 1}: ${line.join(" | ")}`);
  }
  for (const [i, list] of results.entries()) {
    const parse = median(list.map(([p]) => p));
    const ms = median(list.map(([, m]) => m));
    const ratio = median(list.map(([p, m]) => m / p));
    console.log(`${dists[i]}: median JSON.parse ${parse.toFixed(1)} ms, import ${ms.toFixed(1)} ms, ratio ${ratio.toFixed(2)}× (median of the runs' ratios)`);
  }
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
