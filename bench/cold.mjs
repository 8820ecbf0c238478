// Cold load of the demo against a plain static page with the same table (issue 10):
// each run opens a fresh browser profile (no HTTP cache, no service worker, no stored
// workspace) and times, from the navigation to the frame after the partner table's rows
// are on screen, Tandem's first visit (the wasm fetched, compiled and run, the demo
// opened) and a static HTML page holding the same rendered markup and stylesheet with no
// script at all. The two alternate in one run, so the ratio holds on a noisy machine.
//
//   node bench/cold.mjs [runs=9]          (E2E_DIST=<dir> for another build; writes bench/out/cold.json)
import { start } from "../scripts/chromium.mjs";
import { serve } from "../scripts/static-server.mjs";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 9);
const DIST = process.env.E2E_DIST ?? "dist";
const PORT = Number(process.env.BENCH_PORT ?? 4198);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** From the navigation to the frame painted after `rows` table rows are in the page. */
async function coldLoad(browser, url, rows) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll("tbody tr").length >= n, rows, { polling: "raf" });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const ms = Date.now() - t0;
  // Checked: the whole table is there. Tandem renders its rows from the wasm with their
  // handlers, so rows on screen are rows that answer.
  const count = await page.locator("tbody tr").count();
  if (count < rows) throw new Error(`only ${count} rows at ${url}`);
  await context.close();
  return ms;
}

const { base, browser, stop } = await start(PORT);
const staticDir = await mkdtemp(join(tmpdir(), "tandem-static-"));
let staticServer;
try {
  // The page as Tandem renders the demo, without its scripts: the baseline's markup.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.locator("tbody tr").first().waitFor();
  const rows = await page.locator("tbody tr").count();
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    for (const el of doc.querySelectorAll("script, link[rel=modulepreload], link[rel=preload], link[rel=manifest], meta[http-equiv]")) el.remove();
    return "<!doctype html>\n" + doc.outerHTML;
  });
  await context.close();
  await writeFile(join(staticDir, "index.html"), html);
  for (const f of await readdir(DIST)) if (f.endsWith(".css")) await copyFile(join(DIST, f), join(staticDir, f));
  staticServer = await serve({ dir: staticDir, port: PORT + 1, base: "/static/" });
  const staticUrl = `http://127.0.0.1:${PORT + 1}/static/`;

  const app = [];
  const plain = [];
  for (let i = 0; i < runs; i++) {
    app.push(await coldLoad(browser, base, rows));
    plain.push(await coldLoad(browser, staticUrl, rows));
  }
  const report = {
    date: new Date().toISOString(), runs, rows,
    app_ms: median(app), static_ms: median(plain),
    ratio: Math.round((median(app) / median(plain)) * 10) / 10,
    all: { app, static: plain },
  };
  await mkdir("bench/out", { recursive: true });
  await writeFile("bench/out/cold.json", JSON.stringify(report, null, 2));
  console.log(`cold load of the demo (${rows} rows), medians of ${runs}: Tandem ${report.app_ms} ms, ` +
    `static page ${report.static_ms} ms, ratio ${report.ratio}×`);
  console.log(`every run: Tandem ${app.join(", ")}; static ${plain.join(", ")}`);
} finally {
  staticServer?.close();
  await stop();
  await rm(staticDir, { recursive: true, force: true });
}
