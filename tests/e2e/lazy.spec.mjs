// Screens loaded on demand (src/ui/lazy.rs, scripts/split-hook.mjs, docs/WASM-SPLIT.md):
// the first screen arrives without them; opening one fetches its file from the app's own
// sub-path, under the page's Content-Security-Policy, and shows the screen with its
// heading focused; while a file is slow a loading line appears, only after a moment.
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect, open, watch } from "./fixtures.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = resolve(ROOT, process.env.E2E_DIST ?? "dist");
/** The files the splitter writes: one per split point, one per shared chunk. */
const ON_DEMAND = /\/(split|chunk)_[^/]*\.wasm$/;

const nav = (page, name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });

test("the build holds the Data screen in a file of its own, beside the main wasm", async () => {
  const files = await readdir(DIST);
  const split = files.filter((f) => /^split_data_screen-[0-9a-f]{16}\.wasm$/.test(f));
  expect(split, files.join(", ")).toHaveLength(1);
  expect(files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f))).toHaveLength(1);
  // Code the screens share is in one chunk (tools/wasm-split's --shared-chunk), not one
  // file per set of screens sharing it.
  expect(files.filter((f) => /^chunk_\d+-[0-9a-f]{16}\.wasm$/.test(f)).length, files.join(", ")).toBeLessThanOrEqual(1);
});

test("the first screen loads without the on-demand files; the Data screen fetches its own from the sub-path", async ({ page, baseURL }) => {
  const fetched = [];
  page.on("request", (req) => {
    if (ON_DEMAND.test(new URL(req.url()).pathname)) fetched.push(req.url());
  });
  await open(page, "#/partners");
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  expect(fetched).toEqual([]);

  await nav(page, "Data").click();
  const heading = page.getByRole("heading", { name: "Data", level: 1 });
  await expect(heading).toBeVisible();
  // Keyboard and screen-reader users land on the new screen, as with any other.
  await expect(heading).toBeFocused();
  expect(fetched.length).toBeGreaterThan(0);
  for (const url of fetched) expect(url.startsWith(new URL("./", baseURL).href), url).toBe(true);
  await expect(page.getByRole("heading", { name: "Export", level: 2 })).toBeVisible();

  // Back and forth: the file is not fetched again.
  const count = fetched.length;
  await nav(page, "Partners").click();
  await nav(page, "Data").click();
  await expect(heading).toBeVisible();
  expect(fetched.length).toBe(count);
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
  await page.route(ON_DEMAND, async (route) => {
    await held;
    await route.continue();
  });
  await open(page, "#/partners");
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

test("a screen whose file does not arrive says so, and Try again loads it once the file is back", async ({ browser, baseURL }) => {
  // A page of its own: the failed fetches are expected console errors here, and only they.
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    await page.route(ON_DEMAND, (route) => route.abort("internetdisconnected"));
    await open(page, "#/partners");
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
});
