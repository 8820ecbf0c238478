// The pipeline move alone, many times on one page, to compare two builds (or a style
// tried without a build) with more samples than bench/run.mjs gives: each move as
// run.mjs times it (the card's stage menu changed, to the next frame plus one task),
// then checked: the card is in its new column and the stored manifest changed by the
// time the measure ends (a save left for later would fail here, not pass quietly).
//
//   E2E_DIST=<dist> BENCH_PORT=<port> node bench/move.mjs [moves=20] [n=2000] [loads=2]
// CSS="…" injects a style after load (a layout tried without a build).
// TRACE=1 also traces the moves and sums each one's main-thread CPU time (the trace's
// thread time, which a loaded machine inflates far less than wall time) by kind:
// script, style, layout, paint (paint, pre-paint, layerize, commit).
import { start } from "../scripts/chromium.mjs";
import { largeFile } from "./large.mjs";
import { seededPage, storeItems } from "./seed.mjs";

const moves = Number(process.argv[2] ?? 20);
const n = Number(process.argv[3] ?? 2000);
const loads = Number(process.argv[4] ?? 2);
const items = storeItems(largeFile(n, n >= 2000 ? 5 : 10));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const KIND = [
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/, "style"],
  [/^(Layout|UpdateLayerTree)$/, "layout"],
  [/^(Paint|PrePaint|Layerize|CompositeLayers|Commit|UpdateLayer)$/, "paint"],
  [/^(FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|RunMicrotasks|V8\.GC_.*|MajorGC|MinorGC)$/, "script"],
];
const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1];
/** CPU time (tdur) of the window's main-thread events by kind, nested time counted once. */
function cpu(events, from, to) {
  const sums = { script: 0, style: 0, layout: 0, paint: 0 };
  const inWindow = events.filter((e) => e.ts >= from && e.ts + e.dur <= to && kindOf(e.name));
  for (const e of inWindow) {
    const k = kindOf(e.name);
    const parent = inWindow.find((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur);
    const t = (e.tdur ?? e.dur) / 1000;
    if (k === "script") {
      if (!parent || kindOf(parent.name) !== "script") sums.script += t;
    } else if (!parent || kindOf(parent.name) === "script") {
      sums[k] += t;
      if (parent) sums.script -= t;
    }
  }
  return sums;
}
const TRACE = !!process.env.TRACE;
const { base, browser, stop } = await start(Number(process.env.BENCH_PORT ?? 4199));
const times = [];
const cpus = [];
try {
  for (let l = 0; l < loads; l++) {
    // Storage seeded as the benchmark seeds it.
    const { context, page } = await seededPage(browser, base, items, !!process.env.CSS);
    await page.goto(base + "#/pipeline");
    await page.locator(".card select").first().waitFor();
    if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
    await page.waitForTimeout(1000);
    const id = await page.evaluate(() => document.querySelector(".card").dataset.id);
    if (TRACE) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
    for (let m = 0; m < moves; m++) {
      const moved = await page.evaluate(async (id) => {
        const s = document.querySelector(`.card[data-id="${id}"] select`);
        const to = s.value === "live" ? "paused" : "live";
        const stored = localStorage.getItem("tandem.store");
        performance.mark("move:start");
        const start = performance.now();
        s.value = to;
        s.dispatchEvent(new Event("change", { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const ms = performance.now() - start;
        performance.mark("move:end");
        const card = document.querySelector(`.card[data-id="${id}"]`);
        return { ms, to, landed: card?.closest("section.column")?.dataset.stage, saved: localStorage.getItem("tandem.store") !== stored };
      }, id);
      if (moved.landed !== moved.to || !moved.saved) throw new Error(`the move did not land or was not saved: ${JSON.stringify(moved)}`);
      times.push(moved.ms);
      await page.waitForTimeout(50);
    }
    if (TRACE) {
      const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
      const main = trace.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" &&
        trace.some((m) => m.pid === e.pid && m.name === "move:start"));
      const starts = trace.filter((e) => e.pid === main.pid && e.name === "move:start").map((e) => e.ts).sort((a, b) => a - b);
      const ends = trace.filter((e) => e.pid === main.pid && e.name === "move:end").map((e) => e.ts).sort((a, b) => a - b);
      const events = trace.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur);
      starts.forEach((from, i) => cpus.push(cpu(events, from, ends[i])));
      if (process.env.EVENTS) {
        const by = new Map();
        starts.forEach((from, i) => events.filter((e) => e.ts >= from && e.ts + e.dur <= ends[i])
          .forEach((e) => by.set(e.name, (by.get(e.name) ?? 0) + (e.tdur ?? e.dur) / 1000 / starts.length)));
        console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 16).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", "));
      }
    }
    await context.close();
  }
} finally {
  await stop();
}
const sorted = [...times].sort((a, b) => a - b);
const out = { n, moves: times.length, median: +median(times).toFixed(1), p25: +sorted[Math.floor(sorted.length / 4)].toFixed(1), p75: +sorted[Math.floor((sorted.length * 3) / 4)].toFixed(1) };
if (cpus.length) {
  out.cpu = Object.fromEntries(["script", "style", "layout", "paint"].map((k) => [k, +median(cpus.map((c) => c[k])).toFixed(2)]));
  out.cpu.all = +median(cpus.map((c) => c.script + c.style + c.layout + c.paint)).toFixed(2);
}
console.log(JSON.stringify(out));
