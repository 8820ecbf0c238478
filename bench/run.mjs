// Measures Tandem in headless Chromium: download sizes, load time, and interaction
// times, for the demo (13 partners) and a large program (500 partners, 5,000 key
// players) side by side in the same run, so the ratio holds on a noisy machine even
// when absolute times do not. Needs the built dist/.
//
//   node bench/run.mjs [runs=5]       (writes bench/out/latest.json, prints a table)
import { start } from "../scripts/chromium.mjs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

const runs = Number(process.argv[2] ?? 5);

/** A valid Tandem file with `n` partners of ten key players each over 12 markets. */
function largeFile(n) {
  const stages = ["research", "pitching", "negotiating", "signed", "landing", "live", "paused", "walked_away"];
  const categories = ["platform", "distribution", "technology_integration", "co_marketing", "reseller_agency", "device_telco_bundle", "content", "other"];
  const positions = ["incumbent", "challenger", "disruptor", "niche"];
  const ladders = ["self_serve", "integration", "strategic", "exclusive"];
  const roles = ["decision_maker", "influencer", "champion", "gatekeeper", "on_the_ground"];
  const stances = ["champion", "supportive", "neutral", "skeptical", "blocker"];
  const t = "2026-01-01T00:00:00Z";
  const markets = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, created: t, updated: t, name: `Market ${i}` }));
  const partners = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`, created: t, updated: t, name: `Partner ${String(i).padStart(3, "0")}`,
    website: `https://partner${i}.example`, category: categories[i % 8], position: positions[i % 4],
    markets: [`m${i % 12}`, `m${(i + 5) % 12}`], stage: stages[i % 8], ladder: ladders[i % 4],
    owner: `Owner ${i % 7}`, tags: ["bench", `t${i % 10}`], notes: "Synthetic partner for the benchmark. ".repeat(3),
    key_players: Array.from({ length: 10 }, (_, k) => ({
      id: `p${i}k${k}`, created: t, updated: t, name: `Person ${i}-${k}`, title: "Head of something",
      role: roles[k % 5], influence: 1 + (k % 5), stance: stances[(i + k) % 5], notes: "Met twice.",
    })),
  }));
  return { format: "tandem", version: 1, scope: "workspace", saved_at: t,
    workspace: { program_name: "Benchmark program", markets, partners } };
}

async function sizes() {
  const out = {};
  for (const f of await readdir("dist")) {
    const buf = await readFile(`dist/${f}`);
    const kind = f.endsWith(".wasm") ? "wasm" : f.endsWith(".js") ? "js" : f.endsWith(".css") ? "css" : f.endsWith(".html") ? "html" : "other";
    out[kind] ??= { raw: 0, gzip: 0 };
    out[kind].raw += (await stat(`dist/${f}`)).size;
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
