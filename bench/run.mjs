// Measures Tandem in headless Chromium: download sizes, load time, interaction times
// and what local storage holds, for the demo (13 partners) and the synthetic programs of
// bench/large.mjs (500 and 2,000 partners) side by side in the same run, so the ratios
// hold on a noisy machine even when absolute times do not. Needs the built dist/ (or
// E2E_DIST=<dir>).
//
//   node bench/run.mjs [runs=5]       (writes bench/out/latest.json, prints a table)
//   BENCH_STORE=legacy E2E_DIST=<dist of an older build> node bench/run.mjs 5   (before)
import { start } from "../scripts/chromium.mjs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { largeFile } from "./large.mjs";
import { storeItems as seedItems, timedImport } from "./seed.mjs";

const runs = Number(process.argv[2] ?? 5);
// BENCH_STORE=legacy seeds the single `tandem.workspace` key, as builds before the
// per-partner store kept it (for the "before" column: E2E_DIST=<old dist>); the default
// seeds the manifest and compact entries as docs/FORMAT.md ("Local storage") lays them out.
const LEGACY = process.env.BENCH_STORE === "legacy";
// BENCH_SIZES=500,2000 chooses the synthetic programs measured beside the demo.
const SIZES = (process.env.BENCH_SIZES ?? "500,2000").split(",").map(Number);
/** Chromium's local-storage quota for one origin, measured, in characters. */
const QUOTA_CHARS = 5_242_308;

const DIST = process.env.E2E_DIST ?? "dist";

/** How many partners the table's search keeps for `text`: every word in the partner's
 * name, website, owner, notes, tags or key players' names and titles, ignoring case
 * (`Query::matches_text`). */
function matching(file, text) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return file.workspace.partners.filter((p) => {
    const hay = [p.name, p.website, p.owner, p.notes, ...p.tags, ...p.key_players.flatMap((k) => [k.name, k.title])]
      .join("\n").toLowerCase();
    return words.every((w) => hay.includes(w));
  }).length;
}

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

async function measure(browser, { items, fileText, partnerCount, matching }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + "#/data");
  const result = {};
  // Baselines in the same page: the browser's own JSON.parse of the whole file, and one
  // setItem of the same characters (null when the quota refuses it).
  result.json_parse_ms = await page.evaluate((text) => {
    const start = performance.now();
    const parsed = JSON.parse(text);
    const ms = performance.now() - start;
    if (!parsed.workspace) throw new Error("not parsed");
    return ms;
  }, fileText);
  result.set_item_ms = await page.evaluate((text) => {
    localStorage.clear();
    const start = performance.now();
    try { localStorage.setItem("bench.baseline", text); } catch { return null; }
    const ms = performance.now() - start;
    if (localStorage.getItem("bench.baseline").length !== text.length) throw new Error("not stored");
    localStorage.clear();
    return ms;
  }, fileText);
  await page.evaluate((items) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  // Load: a fresh navigation to the partner table's last row in the DOM.
  await page.goto("about:blank");
  const t0 = Date.now();
  await page.goto(base + "#/partners");
  await page.locator("tbody tr").last().waitFor();
  result.load_ms = Date.now() - t0;
  result.rows = await page.locator("tbody tr").count();
  // Interactions, each timed inside the page from the event to the next frame, then
  // checked: the rows filtered, the column sorted, the card in its new column. Each is a
  // real function (the page's content policy forbids `new Function`).
  const rowsBefore = await page.locator("tbody tr").count();
  const searched = await page.evaluate(async () => {
    const i = document.querySelector("input[type=search]");
    const start = performance.now();
    i.value = "Partner 01";
    i.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const ms = performance.now() - start;
    return { ms, count: document.querySelector("p.count").textContent };
  });
  // "Showing 40 of 2000 partners" (or "Showing the first 50 of 120 matching partners
  // (2000 in all)"): as many as the search's words match (see `matching`).
  const shown = Number(/Showing (?:the first \d+ of )?(\d+)/.exec(searched.count)?.[1]);
  if (matching != null ? shown !== matching : !(shown < partnerCount)) {
    throw new Error(`the search did not filter: ${JSON.stringify(searched)}, expected ${matching}`);
  }
  result.search_ms = searched.ms;
  result.clear_ms = await page.evaluate(async () => {
    const i = document.querySelector("input[type=search]");
    const start = performance.now();
    i.value = "";
    i.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  });
  if ((await page.locator("tbody tr").count()) !== rowsBefore) throw new Error("clearing the search did not bring the rows back");
  const sorted = await page.evaluate(async () => {
    const th = () => document.querySelectorAll("th button.sort")[3].closest("th");
    const before = th().getAttribute("aria-sort");
    const start = performance.now();
    th().querySelector("button.sort").click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { ms: performance.now() - start, before, after: th().getAttribute("aria-sort") };
  });
  if (sorted.after === sorted.before || !/ascending|descending/.test(sorted.after ?? "")) {
    throw new Error(`the sort did not happen: ${JSON.stringify(sorted)}`);
  }
  result.sort_ms = sorted.ms;
  await page.goto(base + "#/pipeline");
  await page.locator(".card").first().waitFor();
  result.cards_rendered = await page.locator("li.card").count();
  const allItems = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  // Moves the first card between Live and Paused with its stage menu; checks it landed.
  const move = async () => {
    const moved = await page.evaluate(async () => {
      const s = document.querySelector(".card select");
      const id = s.closest(".card").dataset.id;
      const to = s.value === "live" ? "paused" : "live";
      const start = performance.now();
      s.value = to;
      s.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const ms = performance.now() - start;
      const card = document.querySelector(`.card[data-id="${id}"]`);
      return { ms, to, landed: card?.closest("section.column")?.dataset.stage };
    });
    if (moved.landed !== moved.to) throw new Error(`the card is not in its new column: ${JSON.stringify(moved)}`);
    return moved.ms;
  };
  // The save code comes on demand, fetched once the first screen is idle: on the demo,
  // whose screens are quick, the move could come first and its save wait for the code
  // (a failed check, not a slow save). A person's first edit comes a moment later.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.includes("split_save_code")));
  await page.waitForTimeout(200);
  const before = await allItems();
  result.move_ms = await move();
  // The move happened and was saved: the stored characters changed.
  const after = await allItems();
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]).length;
  if (!changed) {
    // Say which program, and whether the save came a moment later (its code still on its way).
    await page.waitForTimeout(1000);
    const later = await allItems();
    const then = Object.keys(later).filter((k) => later[k] !== before[k]).length;
    throw new Error(`the move did not change storage (${partnerCount ?? "demo"} partners; ${then} entries changed a second later)`);
  }
  result.entries_changed = changed;
  result.stored_chars = Object.entries(after).reduce((n, [k, v]) => n + k.length + v.length, 0);
  result.quota_pct = Math.round((result.stored_chars / QUOTA_CHARS) * 1000) / 10;
  // The screens that compute over the whole portfolio or one partner's records, each
  // from a hash change to the next painted frame.
  const partner = await page.evaluate(() => {
    const manifest = localStorage.getItem("tandem.store");
    if (manifest) {
      const m = JSON.parse(manifest);
      // Layout 2 lists the entries in pages; layout 1 (as seeded) in the manifest.
      const first = m.pages ? JSON.parse(localStorage.getItem(m.pages[0]))[0] : m.partners[0];
      return first.split(".")[2];
    }
    return JSON.parse(localStorage.getItem("tandem.workspace")).workspace.partners[0].id;
  });
  // From the hash change to the frame painted after the screen's heading shows.
  const screen = (hash, heading) => page.evaluate(async ([hash, heading]) => {
    const start = performance.now();
    location.hash = hash;
    const shown = () => document.querySelector("#main h1")?.textContent.includes(heading);
    while (!shown()) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  }, [hash, heading]);
  // The dashboard is timed from the Data screen, a light one: leaving the board (up to
  // 200 cards) is not the dashboard's cost. Checked: its summary counts the partners.
  const fromLight = async () => {
    await screen("#/data", "Data");
    const ms = await screen("#/dashboard", "Dashboard");
    const summary = await page.getByTestId("signal-summary").textContent();
    const total = Number(/of (\d+) partners/.exec(summary)?.[1]);
    // One in eight synthetic partners has walked away; the moves stay among the others.
    if (partnerCount >= 20 ? total !== partnerCount - Math.floor(partnerCount / 8) : !(total > 0)) {
      throw new Error(`the dashboard did not count the partners: ${summary}`);
    }
    return ms;
  };
  result.dashboard_ms = await fromLight();
  result.health_tab_ms = await screen(`#/partners/${partner}/health`, "Health");
  result.metrics_tab_ms = await screen(`#/partners/${partner}/metrics`, "Metrics");
  result.meetings_tab_ms = await screen(`#/partners/${partner}/meetings`, "Meetings");
  result.planner_ms = await screen("#/planner", "Planner");
  // The dashboard again with nothing edited since: figures kept for the same workspace.
  result.dashboard_again_ms = await fromLight();
  // The dashboard again after one edit elsewhere: with figures kept per partner version
  // (issue 11, point 5) only the edited partner's reading is computed again.
  await page.evaluate(() => { location.hash = "#/pipeline"; });
  await page.locator(".card").first().waitFor();
  const beforeEdit = await allItems();
  result.move_again_ms = await move();
  const afterEdit = await allItems();
  if (!Object.keys(afterEdit).some((k) => afterEdit[k] !== beforeEdit[k])) throw new Error("the second move did not change storage");
  result.dashboard_after_edit_ms = await fromLight();
  // Import of the program's own file, as a colleague would send it back: from the file
  // picked on the Data screen to the frame painted with the preview of the merge (the
  // file read, checked and restored, the merge previewed, its conflicts found). Issue
  // 11's target compares it with `json_parse_ms` above, the same text. Checked: the
  // dialog shows its preview; then cancelled, which changes nothing.
  if (partnerCount >= 20) {
    await screen("#/data", "Data");
    const imported = await timedImport(page, fileText);
    if (!imported.preview.trim()) throw new Error("the import showed no preview");
    result.import_ms = imported.ms;
  } else {
    result.import_ms = null;
  }
  await context.close();
  return result;
}

const { base, browser, stop } = await start(Number(process.env.BENCH_PORT ?? 4198));
try {
  // The demo as the app itself stores it, and the large programs.
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(base);
  await p.locator("tbody tr").first().waitFor();
  await p.waitForFunction(() => localStorage.getItem("tandem.store") || localStorage.getItem("tandem.workspace"));
  const demoItems = await p.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  await ctx.close();
  const cases = { demo: { items: demoItems, fileText: "{\"workspace\":{}}", partnerCount: 13 } };
  for (const n of SIZES) {
    const file = largeFile(n, n >= 2000 ? 5 : 10);
    const fileText = JSON.stringify(file);
    if (LEGACY && fileText.length > QUOTA_CHARS) {
      console.log(`${n} partners: the single key cannot hold ${fileText.length} characters; skipped`);
      continue;
    }
    cases[`p${n}`] = { items: seedItems(file, LEGACY), fileText, partnerCount: n, matching: matching(file, "Partner 01") };
  }
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    // Alternate so every case sees the same machine conditions.
    for (const [name, c] of Object.entries(cases)) samples[name].push(await measure(browser, c));
  }
  const keys = Object.keys(samples.demo[0]);
  const summary = {};
  for (const [name, list] of Object.entries(samples)) {
    summary[name] = Object.fromEntries(keys.map((k) => {
      const xs = list.map((s) => s[k]);
      return [k, xs.some((x) => x == null) ? null : Math.round(median(xs) * 10) / 10];
    }));
  }
  const report = { date: new Date().toISOString(), runs, store: LEGACY ? "legacy" : "entries", sizes: await sizes(), median: summary };
  await mkdir("bench/out", { recursive: true });
  await writeFile(`bench/out/latest${LEGACY ? "-legacy" : ""}.json`, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report.sizes));
  const names = Object.keys(summary);
  console.log("metric".padEnd(16), ...names.map((n) => n.padStart(10)));
  for (const k of keys) console.log(k.padEnd(16), ...names.map((n) => String(summary[n][k]).padStart(10)));
} finally {
  await stop();
}
