// Profiles one interaction of the 2,000-partner program with the DevTools protocol's
// sampling profiler and prints where the time went (self time by function, and the
// browser's own work, "(program)", apart). Not a benchmark: run bench/run.mjs for times.
//
//   E2E_DIST=<dist> BENCH_PORT=<port> node bench/profile.mjs search|sort|dashboard|import [n=2000]
// `import` picks the program's own file on the Data screen, as run.mjs does, to the
// preview painted, then cancels; ROUNDS (6) rounds in one page, the first one's dialog code
// fetched as in run.mjs, the others' already there.
import { start } from "../scripts/chromium.mjs";
import { writeFile } from "node:fs/promises";
import { largeFile } from "./large.mjs";
import { seededPage, storeItems, timedImport } from "./seed.mjs";

const what = process.argv[2] ?? "search";
const n = Number(process.argv[3] ?? 2000);
const file = largeFile(n, n >= 2000 ? 5 : 10);
const fileText = JSON.stringify(file);
const { base, browser, stop } = await start(Number(process.env.BENCH_PORT ?? 4199));
try {
  // Storage seeded as the benchmark seeds it.
  const { context, page } = await seededPage(browser, base, storeItems(file), !!process.env.CSS);
  await page.goto(base + "#/partners");
  await page.locator("tbody tr").last().waitFor();
  // CSS="…": a style tried without a build.
  if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
  // Let the readings warm in idle time first, as a person would take a moment.
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 6000));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  const times = [];
  if (what === "dashboard") {
    await page.evaluate(() => { location.hash = "#/pipeline"; });
    await page.locator(".card").first().waitFor();
  }
  if (what === "import") {
    await page.evaluate(() => { location.hash = "#/data"; });
    await page.locator("#import-file").waitFor({ state: "attached" });
  }
  // TRACE=1: the browser's timeline (style, layout, paint) instead of the JS profile.
  const tracing = !!process.env.TRACE;
  if (tracing) await browser.startTracing(page, { categories: ["devtools.timeline", "blink", "v8"] });
  else await cdp.send("Profiler.start");
  for (let round = 0; round < Number(process.env.ROUNDS ?? 6); round++) {
    if (what === "search") {
      for (const text of ["Partner 01", ""]) {
        times.push(await page.evaluate(async (text) => {
          const i = document.querySelector("input[type=search]");
          const start = performance.now();
          i.value = text;
          i.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return `${text || "clear"} ${Math.round(performance.now() - start)}`;
        }, text));
      }
    } else if (what === "sort") {
      times.push(await page.evaluate(async () => {
        const b = document.querySelectorAll("th button.sort")[3];
        const start = performance.now();
        b.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return `sort ${Math.round(performance.now() - start)}`;
      }));
    } else if (what === "import") {
      const imported = await timedImport(page, fileText);
      if (!imported.preview.trim()) throw new Error("the import showed no preview");
      times.push(`import ${Math.round(imported.ms)}`);
    } else if (what === "dashboard") {
      times.push(await page.evaluate(async () => {
        const s = document.querySelector(".card select");
        s.value = s.value === "live" ? "paused" : "live";
        s.dispatchEvent(new Event("change", { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        location.hash = "#/data";
        while (!document.querySelector("#main h1")?.textContent.includes("Data")) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 200));
        const start = performance.now();
        location.hash = "#/dashboard";
        while (!document.querySelector("#main h1")?.textContent.includes("Dashboard")) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const ms = performance.now() - start;
        location.hash = "#/pipeline";
        while (!document.querySelector(".card select")) await new Promise((r) => requestAnimationFrame(r));
        return `dashboard after a move ${Math.round(ms)}`;
      }));
    }
  }
  if (tracing) {
    const trace = JSON.parse((await browser.stopTracing()).toString());
    console.log(times.join(", "));
    const sum = new Map();
    for (const e of trace.traceEvents) {
      if (e.ph !== "X" || !e.dur) continue;
      sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
    }
    for (const [k, v] of [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
  } else {
    await report(await cdp.send("Profiler.stop"), times);
  }
  await context.close();
} finally {
  await stop();
}

/** Self time by function, the browser's own work ("(program)") apart. */
async function report({ profile }, times) {
  await writeFile(`/tmp/profile-${what}.cpuprofile`, JSON.stringify(profile));
  console.log(times.join(", "));
  // Self time by function name.
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const nd = byId.get(id);
    const name = `${nd.callFrame.functionName || "(anonymous)"} ${nd.callFrame.url ? nd.callFrame.url.split("/").pop() : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const wasm = [...self.entries()].filter(([k]) => k.includes(".wasm") || k.startsWith("$") || k.includes("wasm-function")).reduce((a, [, v]) => a + v, 0);
  console.log(`total ${total.toFixed(0)} ms, wasm ${wasm.toFixed(0)} ms`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
  if (process.env.TOP !== "1") return;
  // TOP=1: inclusive time by wasm function (each sample charged once to every named wasm
  // function on its stack), as bench/breakdown.mjs gives it.
  const parents = new Map();
  for (const nd of profile.nodes) for (const c of nd.children ?? []) parents.set(c, nd);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let nd = byId.get(id); nd; nd = parents.get(nd.id)) {
      const f = nd.callFrame.functionName;
      if (!f || seen.has(f) || !/^_|^\$/.test(f)) continue;
      seen.add(f);
      incl.set(f, (incl.get(f) ?? 0) + (dt[i] ?? 0) / 1000);
    }
  });
  console.log("inclusive (wasm functions):");
  for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP_N ?? 60))) console.log(v.toFixed(1).padStart(8), k.slice(0, 160));
}

