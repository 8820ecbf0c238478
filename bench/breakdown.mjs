// Where the time of the partner table's search keystroke, its sort and the dashboard's
// first visit goes at 2,000 partners, as bench/run.mjs times them (the same steps in the
// same order, right after load): the browser's timeline of each action split into
// script (wasm and JavaScript), style, layout, paint and the rest, the wasm file fetches
// apart, and (PROFILE=1) the sampling profiler's self time by function, wasm function
// names included when the build kept them (TANDEM_WASM_NAMES=1, docs/WASM-SPLIT.md).
// Not a benchmark: tracing slows everything; read the shares, and run.mjs for times.
//
//   E2E_DIST=<dist> BENCH_PORT=<port> node bench/breakdown.mjs [runs=3] [n=2000]
// PROFILE=1 adds self time by function; TOP=1 with it, inclusive time by wasm function;
// EVENTS=1 prints each window's timeline events and its layouts' dirty objects;
// CSS="…" injects a style after load (a layout tried without a build).
import { start } from "../scripts/chromium.mjs";
import { largeFile } from "./large.mjs";
import { seededPage, storeItems } from "./seed.mjs";

const runs = Number(process.argv[2] ?? 3);
const n = Number(process.argv[3] ?? 2000);
const PROFILE = !!process.env.PROFILE;
const file = largeFile(n, n >= 2000 ? 5 : 10);
const items = storeItems(file);

/** Timeline event names by what they are, for the main thread's top-level events. */
const KIND = [
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|ScheduleStyleRecalculation)$/, "style"],
  [/^(Layout|UpdateLayerTree|LayoutShift)$/, "layout"],
  [/^(Paint|PrePaint|Layerize|CompositeLayers|PaintImage|RasterTask|Commit|UpdateLayer)$/, "paint"],
  [/^(FunctionCall|EvaluateScript|v8\.compile|V8\.CompileCode|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|RunMicrotasks|v8\.run|FireIdleCallback|XHRReadyStateChange|v8\.compileModule|v8\.evaluateModule|V8\.GC_.*|MajorGC|MinorGC|v8\.wasm\..*|wasm\..*)$/, "script"],
  [/^(ParseHTML|HitTest)$/, "other"],
];
const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1];

/** Sums `events` (complete events of the page's main thread) by kind, nested time counted once. */
function split(events, from, to) {
  const sums = { script: 0, style: 0, layout: 0, paint: 0, other: 0 };
  // Top-level slices and the style/layout/paint slices inside script (forced layouts)
  // are counted by kind; script time is what is left of the script slices.
  const inWindow = events.filter((e) => e.ts >= from && e.ts + e.dur <= to);
  for (const e of inWindow) {
    const k = kindOf(e.name);
    if (!k) continue;
    const parent = inWindow.find((p) => p !== e && kindOf(p.name) && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur);
    if (k === "script") {
      if (!parent || kindOf(parent.name) !== "script") sums.script += e.dur / 1000;
    } else if (!parent || kindOf(parent.name) === "script") {
      sums[k] += e.dur / 1000;
      // Rendering forced inside script is not script time.
      if (parent) sums.script -= e.dur / 1000;
    }
  }
  return sums;
}

const { base, browser, stop } = await start(Number(process.env.BENCH_PORT ?? 4199));
const rows = [];
try {
  for (let r = 0; r < runs; r++) {
    // Storage seeded as the benchmark seeds it.
    const { context, page } = await seededPage(browser, base, items, !!process.env.CSS);
    const cdp = await context.newCDPSession(page);
    if (PROFILE) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    }
    await page.goto(base + "#/partners");
    await page.locator("tbody tr").last().waitFor();
    // CSS="…": a style tried without a build.
    if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
    // Each action as run.mjs does it, marked so its window can be found in the trace.
    const act = (name, fn, arg) => page.evaluate(async ([name, fn, arg]) => {
      performance.mark(`${name}:start`);
      const start = performance.now();
      await window.__bench[fn](arg);
      const ms = performance.now() - start;
      performance.mark(`${name}:end`);
      return ms;
    }, [name, fn, arg]);
    await page.evaluate(() => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const shown = (h) => document.querySelector("#main h1")?.textContent.includes(h);
      window.__bench = {
        async type(text) {
          const i = document.querySelector("input[type=search]");
          i.value = text;
          i.dispatchEvent(new Event("input", { bubbles: true }));
          await frame();
        },
        async sort() {
          document.querySelectorAll("th button.sort")[3].click();
          await frame();
        },
        async move() {
          const s = document.querySelector(".card select");
          s.value = s.value === "live" ? "paused" : "live";
          s.dispatchEvent(new Event("change", { bubbles: true }));
          await frame();
        },
        async go(hash) {
          const heading = { "#/data": "Data", "#/dashboard": "Dashboard" }[hash];
          location.hash = hash;
          while (!shown(heading)) await new Promise((r) => requestAnimationFrame(r));
          await frame();
        },
      };
    });
    const tracing = [
      "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading", "netlog",
    ];
    await browser.startTracing(page, { categories: tracing });
    if (PROFILE) await cdp.send("Profiler.start");
    const times = {};
    times.search = await act("search", "type", "Partner 01");
    times.clear = await act("clear", "type", "");
    times.sort = await act("sort", "sort");
    await page.evaluate(() => window.__bench.go("#/data"));
    times.dashboard = await act("dashboard", "go", "#/dashboard");
    await page.evaluate(() => window.__bench.go("#/data"));
    times.dashboard_again = await act("dashboard_again", "go", "#/dashboard");
    await page.evaluate(() => { location.hash = "#/pipeline"; });
    await page.locator(".card select").first().waitFor();
    await page.waitForTimeout(300);
    times.move = await act("move", "move");
    const profile = PROFILE ? (await cdp.send("Profiler.stop")).profile : null;
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    // The renderer's main thread: the one with the user-timing marks' process and "CrRendererMain".
    const main = trace.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" &&
      trace.some((m) => m.pid === e.pid && m.name === "search:start"));
    const marks = Object.fromEntries(trace.filter((e) => e.pid === main.pid && /:(start|end)$/.test(e.name)).map((e) => [e.name, e.ts]));
    const events = trace.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur);
    // Fetches of wasm files inside a window (the dashboard's on-demand files).
    const sends = trace.filter((e) => e.name === "ResourceSendRequest" && /\.wasm/.test(e.args?.data?.url ?? ""));
    const finishes = trace.filter((e) => e.name === "ResourceFinish");
    const row = { run: r + 1 };
    for (const name of Object.keys(times)) {
      const from = marks[`${name}:start`];
      const to = marks[`${name}:end`];
      const s = split(events, from, to);
      const fetched = sends.filter((e) => e.ts >= from && e.ts <= to);
      const lastFinish = Math.max(0, ...finishes.filter((f) => fetched.some((s) => s.args.data.requestId === f.args.data.requestId)).map((f) => f.ts));
      const compile = events.filter((e) => e.ts >= from && e.ts <= to && /wasm/i.test(e.name)).reduce((a, e) => a + e.dur / 1000, 0);
      if (process.env.EVENTS) {
        const by = new Map();
        for (const e of events.filter((e) => e.ts >= from && e.ts + e.dur <= to)) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
        const layouts = trace.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === "Layout" && e.ts >= from && e.ts <= to);
        console.log(name, "layouts", layouts.map((e) => `${(e.dur / 1000).toFixed(1)}ms ${JSON.stringify(e.args?.beginData ?? {}).slice(0, 200)} ${JSON.stringify(e.args?.endData?.root ? "" : e.args?.endData ?? {}).slice(0, 100)}`).join(" | "));
        const styles = trace.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === "UpdateLayoutTree" && e.ts >= from && e.ts <= to);
        console.log(name, "styles", styles.map((e) => `${(e.dur / 1000).toFixed(1)}ms ${JSON.stringify(e.args?.elementCount ?? e.args ?? {}).slice(0, 100)}`).join(" | "));
        console.log(name, [...by].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", "));
      }
      row[name] = {
        ms: +times[name].toFixed(1),
        script: +s.script.toFixed(1), style: +s.style.toFixed(1), layout: +s.layout.toFixed(1), paint: +s.paint.toFixed(1),
        ...(fetched.length ? { wasm_files: fetched.length, fetched_by_ms: +((lastFinish - from) / 1000).toFixed(1), wasm_compile_events_ms: +compile.toFixed(1) } : {}),
      };
    }
    rows.push(row);
    console.log(JSON.stringify(row));
    if (PROFILE) report(profile, marks);
    await context.close();
  }
} finally {
  await stop();
}

/** Self time by function inside each action's window, the browser's own work apart. */
function report(profile, marks) {
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const parents = new Map();
  for (const nd of profile.nodes) for (const c of nd.children ?? []) parents.set(c, nd);
  let t = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (t += d));
  for (const name of ["search", "clear", "sort", "dashboard", "move"]) {
    const from = marks[`${name}:start`];
    const to = marks[`${name}:end`];
    const self = new Map();
    const incl = new Map();
    profile.samples.forEach((id, i) => {
      if (stamps[i] < from || stamps[i] > to) return;
      const nd = byId.get(id);
      if (process.env.TOP === "1") {
        // Inclusive: charge the sample to every named wasm function on its stack once.
        const seen = new Set();
        for (let n = nd; n; n = parents.get(n.id)) {
          const f = n.callFrame.functionName;
          if (!f || seen.has(f) || !/^_|^\$/.test(f)) continue;
          seen.add(f);
          incl.set(f, (incl.get(f) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
        }
      }
      const key = `${nd.callFrame.functionName || "(anonymous)"} ${nd.callFrame.url ? nd.callFrame.url.split("/").pop().slice(0, 30) : ""}`.trim();
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`-- ${name}: ${total.toFixed(1)} ms sampled`);
    for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(8), k);
    if (incl.size) console.log(`   inclusive (wasm functions):`);
    for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k.slice(0, 140));
  }
}
