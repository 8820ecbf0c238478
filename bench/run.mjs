// Measures Tandem in headless Chromium: download sizes, load time, and interaction
// times, for the demo (13 partners) and a large program (500 partners, 5,000 key
// players, 2,000 meetings, 72,000 metric values) side by side in the same run, so the
// ratio holds on a noisy machine even when absolute times do not. Needs the built dist/
// (or E2E_DIST=<dir>).
//
//   node bench/run.mjs [runs=5]       (writes bench/out/latest.json, prints a table)
import { start } from "../scripts/chromium.mjs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { largeFile } from "./large.mjs";

const runs = Number(process.argv[2] ?? 5);

const DIST = process.env.E2E_DIST ?? "dist";

async function sizes() {
  const out = {};
  for (const f of await readdir(DIST)) {
    const buf = await readFile(`${DIST}/${f}`);
    const kind = f.endsWith(".wasm") ? "wasm" : f.endsWith(".js") ? "js" : f.endsWith(".css") ? "css" : f.endsWith(".html") ? "html" : "other";
    out[kind] ??= { raw: 0, gzip: 0 };
    out[kind].raw += (await stat(`${DIST}/${f}`)).size;
    out[kind].gzip += gzipSync(buf, { level: 9 }).length;
  }
  out.total = Object.values(out).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, stored) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + "#/data");
  await page.evaluate((text) => localStorage.setItem("tandem.workspace", text), stored);
  const result = {};
  // Load: a fresh navigation to the partner table's last row in the DOM.
  await page.goto("about:blank");
  const t0 = Date.now();
  await page.goto(base + "#/partners");
  await page.locator("tbody tr").last().waitFor();
  result.load_ms = Date.now() - t0;
  result.rows = await page.locator("tbody tr").count();
  // Interactions, each timed inside the page from the event to the next frame.
  const frame = (fn) => page.evaluate(async (src) => {
    const f = new Function(src);
    const start = performance.now();
    f();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, fn);
  result.search_ms = await frame(`const i = document.querySelector('input[type=search]'); i.value = 'Partner 01'; i.dispatchEvent(new Event('input', {bubbles: true}));`);
  result.clear_ms = await frame(`const i = document.querySelector('input[type=search]'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));`);
  result.sort_ms = await frame(`document.querySelectorAll('th button.sort')[3].click();`);
  await page.goto(base + "#/pipeline");
  await page.locator(".card").first().waitFor();
  result.move_ms = await frame(`const s = document.querySelector('.card select'); s.value = 'live'; s.dispatchEvent(new Event('change', {bubbles: true}));`);
  result.stored_chars = (await page.evaluate(() => localStorage.getItem("tandem.workspace"))).length;
  // The screens that compute over the whole portfolio or one partner's records, each
  // from a hash change to the next painted frame.
  const partner = await page.evaluate(() => JSON.parse(localStorage.getItem("tandem.workspace")).workspace.partners[0].id);
  // From the hash change to the frame painted after the screen's heading shows.
  const screen = (hash, heading) => page.evaluate(async ([hash, heading]) => {
    const start = performance.now();
    location.hash = hash;
    const shown = () => document.querySelector("#main h1")?.textContent.includes(heading);
    while (!shown()) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, [hash, heading]);
  result.dashboard_ms = await screen("#/dashboard", "Dashboard");
  result.health_tab_ms = await screen(`#/partners/${partner}/health`, "Health");
  result.metrics_tab_ms = await screen(`#/partners/${partner}/metrics`, "Metrics");
  result.meetings_tab_ms = await screen(`#/partners/${partner}/meetings`, "Meetings");
  result.planner_ms = await screen("#/planner", "Planner");
  await context.close();
  return result;
}

const { base, browser, stop } = await start(4198);
try {
  // The demo as the app itself stores it, and the large program.
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(base);
  await p.locator("tbody tr").first().waitFor();
  const demo = await p.evaluate(() => localStorage.getItem("tandem.workspace"));
  await ctx.close();
  const large = JSON.stringify(largeFile(500));
  const samples = { demo: [], large: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate so both see the same machine conditions.
    samples.demo.push(await measure(browser, demo));
    samples.large.push(await measure(browser, large));
  }
  const keys = Object.keys(samples.demo[0]);
  const summary = {};
  for (const [name, list] of Object.entries(samples)) {
    summary[name] = Object.fromEntries(keys.map((k) => [k, Math.round(median(list.map((s) => s[k])) * 10) / 10]));
  }
  const report = { date: new Date().toISOString(), runs, sizes: await sizes(), median: summary };
  await mkdir("bench/out", { recursive: true });
  await writeFile("bench/out/latest.json", JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report.sizes));
  console.log("metric".padEnd(14), "demo".padStart(10), "large".padStart(10), "ratio".padStart(8));
  for (const k of keys) {
    const a = summary.demo[k], b = summary.large[k];
    console.log(k.padEnd(14), String(a).padStart(10), String(b).padStart(10), (a ? (b / a).toFixed(1) : "-").padStart(8));
  }
} finally {
  await stop();
}
