// Screens loaded on demand (src/ui/lazy.rs, scripts/split-hook.mjs, docs/WASM-SPLIT.md):
// the first screen arrives without them; opening one fetches its file from the app's own
// sub-path, under the page's Content-Security-Policy, and shows the screen with its
// heading focused; while a file is slow a loading line appears, only after a moment.
import { readdir, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect, open, watch, storedText, MANIFEST_KEY } from "./fixtures.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = resolve(ROOT, process.env.E2E_DIST ?? "dist");
/** The files the splitter writes: one per split point, one per shared chunk. */
const ON_DEMAND = /\/(split|chunk)_[^/]*\.wasm$/;

/** The dashboard's split point, fetched ahead once the browser is idle (`lazy::fetch_ahead`). */
const AHEAD = /^split_dashboard_screen-/;

/**
 * The files a split point fetches when first used: its own and every chunk whose set
 * holds it, as the loader the splitter wrote (`__wasm_split-*.js`) lists them.
 */
async function filesOf(splitPoint) {
  const files = await readdir(DIST);
  const js = await readFile(resolve(DIST, files.find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f))), "utf8");
  const chunkFile = new Map();
  for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) chunkFile.set(m[1], m[2]);
  const m = new RegExp(`export const __wasm_split_load_${splitPoint} = wrapAsyncCb\\(makeLoad\\(([\\s\\S]*?), \\[([^\\]]*)\\]\\)\\)`).exec(js);
  expect(m, `the loader has no split point ${splitPoint}`).not.toBeNull();
  const own = /new URL\("\.\/([^"]+)"/.exec(m[1])[1];
  const deps = m[2].split(",").map((d) => d.trim()).filter(Boolean).map((d) => chunkFile.get(d));
  return [own, ...deps];
}

const nav = (page, name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });

test("the build holds the Data screen in a file of its own, beside the main wasm", async () => {
  const files = await readdir(DIST);
  const split = files.filter((f) => /^split_data_screen-[0-9a-f]{16}\.wasm$/.test(f));
  expect(split, files.join(", ")).toHaveLength(1);
  expect(files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f))).toHaveLength(1);
  // Code a set of split points shares is in a chunk for that set, the small ones merged
  // (tools/wasm-split's --min-chunk-size): some chunks, not one per set (~270 files).
  const splits = files.filter((f) => /^split_\w+-[0-9a-f]{16}\.wasm$/.test(f)).length;
  const chunks = files.filter((f) => /^chunk_\d+-[0-9a-f]{16}\.wasm$/.test(f)).length;
  expect(chunks, files.join(", ")).toBeGreaterThan(0);
  expect(chunks, files.join(", ")).toBeLessThanOrEqual(3 * splits);
});

test("a first visit fetches only the demo's files and the save code; a return visit only the save code and the dashboard's, once idle; a screen then fetches its own and the chunks it shares", async ({ page, baseURL }) => {
  const fetched = [];
  page.on("request", (req) => {
    if (ON_DEMAND.test(new URL(req.url()).pathname)) fetched.push(new URL(req.url()).pathname.split("/").pop());
  });
  // A first launch opens the demo, whose code and text come on demand with the chunks
  // of code its split point shares, and stores it at once (so the save code comes too),
  // and no screen's file.
  await open(page, "#/partners");
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page.getByText("Welcome to Tandem.")).toBeVisible();
  // (The dashboard's, fetched ahead in idle time, may have started by now.)
  await expect.poll(() => storedText(page, MANIFEST_KEY)).not.toBeNull();
  expect(fetched.filter((f) => f.startsWith("split_") && !AHEAD.test(f)).map((f) => f.replace(/-.*/, "")).sort()).toEqual(["split_demo_workspace", "split_save_code"]);
  await expect.poll(() => fetched.some((f) => AHEAD.test(f))).toBe(true);
  await page.waitForLoadState("networkidle");
  const demo = new Set(fetched);

  // A returning visitor (the demo now stored) fetches nothing on demand for the first
  // screen; once it is idle, the code that saves (so that a first edit rarely waits)
  // and the dashboard's files, ahead.
  const idle = new Set([...(await filesOf("save_code")), ...(await filesOf("dashboard_screen"))]);
  fetched.length = 0;
  await page.reload();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect.poll(() => fetched.filter((f) => f.startsWith("split_save_code-"))).toHaveLength(1);
  await expect.poll(() => fetched.some((f) => AHEAD.test(f))).toBe(true);
  await page.waitForLoadState("networkidle");
  for (const f of fetched) expect([...idle], f).toContain(f);
  fetched.length = 0;

  await nav(page, "Data").click();
  const heading = page.getByRole("heading", { name: "Data", level: 1 });
  await expect(heading).toBeVisible();
  // Keyboard and screen-reader users land on the new screen, as with any other.
  await expect(heading).toBeFocused();
  expect(fetched.filter((f) => f.startsWith("split_data_screen-"))).toHaveLength(1);
  // The chunks are per set of split points: the Data screen needs some the demo did not.
  expect(fetched.filter((f) => f.startsWith("chunk_") && !demo.has(f)).length, fetched.join(", ")).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Export", level: 2 })).toBeVisible();

  // Back and forth: the file is not fetched again.
  const count = fetched.length;
  await nav(page, "Partners").click();
  await nav(page, "Data").click();
  await expect(heading).toBeVisible();
  expect(fetched.length).toBe(count);
});

test("the dashboard's files are fetched ahead once the browser is idle, so opening it fetches nothing", async ({ page }) => {
  const fetched = [];
  page.on("request", (req) => {
    if (ON_DEMAND.test(new URL(req.url()).pathname)) fetched.push(new URL(req.url()).pathname.split("/").pop());
  });
  await open(page, "#/partners");
  await expect.poll(() => fetched.some((f) => AHEAD.test(f))).toBe(true);
  await page.waitForLoadState("networkidle");
  const ahead = fetched.length;
  await nav(page, "Dashboard").click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByTestId("signal-summary")).toBeVisible();
  expect(fetched.slice(ahead)).toEqual([]);
});

test("the on-demand files load from the app's own sub-path", async ({ page, baseURL }) => {
  const fetched = [];
  page.on("request", (req) => {
    if (ON_DEMAND.test(new URL(req.url()).pathname)) fetched.push(req.url());
  });
  await open(page, "#/data");
  expect(fetched.length).toBeGreaterThan(0);
  for (const url of fetched) expect(url.startsWith(new URL("./", baseURL).href), url).toBe(true);
});

test("a Data screen opened directly by its address loads too", async ({ page }) => {
  await open(page, "#/data");
  await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
});

test.describe("with no service worker to answer from its cache", () => {
  // The worker would serve the file from its precache, past page.route.
  test.use({ serviceWorkers: "block" });

test("while a screen's file is slow, a loading line appears after a moment, then the screen", async ({ page }) => {
  let release;
  const held = new Promise((done) => { release = done; });
  // The demo's own files arrive first; only the Data screen's are held.
  await open(page, "#/partners");
  await page.route(ON_DEMAND, async (route) => {
    await held;
    await route.continue();
  });
  await nav(page, "Data").click();
  const status = page.getByRole("status").filter({ hasText: "Loading…" });
  await expect(status).toBeAttached();
  // It starts transparent (a fast load never shows it) and fades in only if the wait goes on.
  await expect.poll(() => status.evaluate((el) => getComputedStyle(el).animationDelay)).not.toBe("0s");
  await expect.poll(() => status.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  release();
  await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  await expect(status).toHaveCount(0);
});

test("an edit made while the save code is on its way is saved when it arrives, and survives a reload", async ({ page }) => {
  await open(page, "#/partners");
  await expect.poll(() => storedText(page, MANIFEST_KEY)).not.toBeNull();
  // What a returning visit may fetch: the save code, and the dashboard's files ahead.
  const mayFetch = [...(await filesOf("save_code")), ...(await filesOf("dashboard_screen"))];
  // A returning visit whose save code is held back (every on-demand file is).
  let release;
  const held = new Promise((done) => { release = done; });
  const asked = [];
  await page.route(ON_DEMAND, async (route) => {
    asked.push(new URL(route.request().url()).pathname.split("/").pop());
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  const before = await storedText(page, MANIFEST_KEY);
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await page.getByRole("row").filter({ hasText: "Pacewell" }).getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(12);
  await expect.poll(() => asked.some((f) => f.startsWith("split_save_code-"))).toBe(true);
  // Held, not lost, and not saved yet: storage is as it was.
  expect(await storedText(page, MANIFEST_KEY)).toBe(before);
  // A second edit meanwhile (the undo) then a third: all arrive with the code.
  await page.getByRole("status").filter({ hasText: "Deleted Pacewell." }).getByRole("button", { name: "Undo" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  await page.getByRole("button", { name: "Delete Loopline" }).click();
  await page.getByRole("row").filter({ hasText: "Loopline" }).getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(12);
  release();
  await expect.poll(() => storedText(page, MANIFEST_KEY)).not.toBe(before);
  for (const f of asked) expect(mayFetch, f).toContain(f);
  await page.unroute(ON_DEMAND);
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(12);
  await expect(page.getByRole("row").filter({ hasText: "Pacewell" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Loopline" })).toHaveCount(0);
});

test("when the save code does not arrive the edit is kept in the tab and the banner says so; the next edit saves both", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    await open(page, "#/partners");
    await expect.poll(() => storedText(page, MANIFEST_KEY)).not.toBeNull();
    await page.route(ON_DEMAND, (route) => route.abort("internetdisconnected"));
    await page.reload();
    await expect(page.locator("tbody tr")).toHaveCount(13);
    const before = await storedText(page, MANIFEST_KEY);
    await page.getByRole("button", { name: "Delete Pacewell" }).click();
    await page.getByRole("row").filter({ hasText: "Pacewell" }).getByRole("button", { name: "Confirm delete" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "Not saved." });
    await expect(banner).toContainText("did not arrive");
    expect(await storedText(page, MANIFEST_KEY)).toBe(before);
    await page.unroute(ON_DEMAND);
    await page.getByRole("button", { name: "Delete Loopline" }).click();
    await page.getByRole("row").filter({ hasText: "Loopline" }).getByRole("button", { name: "Confirm delete" }).click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => storedText(page, MANIFEST_KEY)).not.toBe(before);
    await page.reload();
    await expect(page.locator("tbody tr")).toHaveCount(11);
    await expect(page.getByRole("row").filter({ hasText: "Pacewell" })).toHaveCount(0);
    for (const p of problems) expect(p, problems.join("\n")).toMatch(/ERR_INTERNET_DISCONNECTED|Failed to fetch|split/i);
  } finally {
    await context.close();
  }
});

test("a screen whose file does not arrive says so, and Try again loads it once the file is back", async ({ browser, baseURL }) => {
  // A page of its own: the failed fetches are expected console errors here, and only they.
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    await open(page, "#/partners");
    await page.route(ON_DEMAND, (route) => route.abort("internetdisconnected"));
    await nav(page, "Data").click();
    const failed = page.getByRole("alert").filter({ hasText: "This screen could not be loaded" });
    await expect(failed).toBeVisible();
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toHaveCount(0);
    await page.unroute(ON_DEMAND);
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
    await expect(failed).toHaveCount(0);
    for (const p of problems) expect(p, problems.join("\n")).toMatch(/ERR_INTERNET_DISCONNECTED|Failed to fetch|split/i);
  } finally {
    await context.close();
  }
});

test("a first visit whose demo does not arrive says so, and Try again opens the demo once it is back", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    await page.route(ON_DEMAND, (route) => route.abort("internetdisconnected"));
    await page.goto("./#/partners");
    const failed = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await expect(failed).toBeVisible();
    await page.unroute(ON_DEMAND);
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
    await expect(page.getByText("Welcome to Tandem.")).toBeVisible();
    // Nothing was saved over while the demo was on its way: the demo is what is stored.
    await expect.poll(() => page.evaluate(() => localStorage.getItem("tandem.store") !== null)).toBe(true);
    for (const p of problems) expect(p, problems.join("\n")).toMatch(/ERR_INTERNET_DISCONNECTED|Failed to fetch|split/i);
  } finally {
    await context.close();
  }
});
});
