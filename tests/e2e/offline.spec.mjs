// Offline and installable (web/sw.js, web/update.js, scripts/offline-hook.mjs): after
// one visit the app opens, edits and saves with no network at all; Chromium finds it
// installable; a new deployment shows a banner and reloads only when asked.
//
// Each test stands up its own deployment — a copy of dist/ served from /tandem/ on a
// port of its own — so it can take the server away, or deploy a changed build, without
// touching the suite's server (each origin has its own service worker and caches).
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { test, expect, watch, storageItems, envelopeFrom } from "./fixtures.mjs";
import { serve } from "../../scripts/static-server.mjs";
import { writeServiceWorker } from "../../scripts/offline-hook.mjs";
import { compressDir } from "../../scripts/compress-hook.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = resolve(ROOT, process.env.E2E_DIST ?? "dist");

/** A copy of dist/ served at http://127.0.0.1:<free port>/tandem/. */
async function deploy() {
  const dir = await mkdtemp(join(tmpdir(), "tandem-deploy-"));
  await cp(DIST, dir, { recursive: true });
  let server = await serve({ dir, port: 0, base: "/tandem/" });
  const port = server.address().port;
  const stop = () => new Promise((done) => {
    server.closeAllConnections();
    server.close(done);
  });
  return {
    dir,
    base: `http://127.0.0.1:${port}/tandem/`,
    /** Takes the host away: nothing answers on the port any more. */
    stop,
    async remove() {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the app in a fresh browser profile and waits until a service worker runs it. */
async function firstVisit(browser, site) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = watch(page, new URL(site.base).origin);
  await page.goto(site.base);
  await expect(page.locator("#main h1")).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
  return { context, page, problems };
}

const nav = (page, name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
const addPartner = async (page, name) => {
  await nav(page, "Partners").click();
  await page.getByLabel("New partner name").fill(name);
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
};
const storedNames = async (page) =>
  envelopeFrom(await storageItems(page))?.workspace.partners.map((p) => p.name) ?? [];

test("after one visit the app opens with no network, edits are saved, and tabs stay in step", async ({ browser }) => {
  const site = await deploy();
  try {
    const { context, page, problems } = await firstVisit(browser, site);
    await page.getByRole("button", { name: "Keep the demo" }).click();
    await addPartner(page, "Online Partner");

    // No host and no network: the page, its scripts, styles and wasm come from the cache.
    await site.stop();
    await context.setOffline(true);
    await page.goto(site.base + "#/partners");
    await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Online Partner" })).toBeVisible();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    // A screen loaded on demand opens offline too: its file came with the rest.
    await nav(page, "Data").click();
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();

    await addPartner(page, "Offline Partner");
    await expect.poll(() => storedNames(page)).toContain("Offline Partner");

    // A second tab, opened offline too, hears the first one's edits (storage events).
    const other = await context.newPage();
    problems.push(...watch(other, new URL(site.base).origin));
    await other.goto(site.base + "#/partners");
    await expect(other.getByRole("link", { name: "Offline Partner" })).toBeVisible();
    await addPartner(page, "Seen In The Other Tab");
    await expect(other.getByRole("link", { name: "Seen In The Other Tab" })).toBeVisible();

    // And a reload, still offline, finds everything saved.
    await page.reload();
    await nav(page, "Partners").click();
    for (const name of ["Online Partner", "Offline Partner", "Seen In The Other Tab"]) {
      await expect(page.getByRole("link", { name })).toBeVisible();
    }
    expect(problems, "console errors, page errors or foreign requests").toEqual([]);
    await context.close();
  } finally {
    await site.remove();
  }
});

test("the service worker keeps only the app's own files, each checked by its hash", async ({ browser }) => {
  const site = await deploy();
  try {
    const { context, page, problems } = await firstVisit(browser, site);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const out = {};
      for (const name of names) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
      return out;
    });
    const names = Object.keys(cached);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^tandem ${site.base} [0-9a-f]{16}$`));
    const source = await readFile(join(site.dir, "sw.js"), "utf8");
    const listed = JSON.parse(source.match(/^const PRECACHE = (\[[\s\S]*?\]);$/m)[1]);
    expect(cached[names[0]].sort()).toEqual(listed.map(([path]) => new URL(path, site.base).href).sort());
    for (const url of cached[names[0]]) {
      expect(url.startsWith(site.base), url).toBe(true);
      expect(url).not.toMatch(/\.(br|gz)$|\/sw\.js$/);
    }
    expect(cached[names[0]]).toContain(site.base + "index.html");
    expect(cached[names[0]].some((u) => u.endsWith(".wasm"))).toBe(true);
    // Every file fetched on demand (each split point's and each chunk of shared code) is
    // kept, so every screen opens offline after one visit.
    const onDemand = (await readdir(site.dir)).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
    expect(onDemand.length).toBeGreaterThan(0);
    for (const f of onDemand) expect(cached[names[0]], f).toContain(site.base + f);
    expect(problems).toEqual([]);
    await context.close();
  } finally {
    await site.remove();
  }
});

test("Chromium finds the app installable: a valid manifest, its icons and a service worker", async () => {
  const site = await deploy();
  // Chromium never offers to install from an incognito profile, which is what
  // browser.newContext() makes: this test runs in a profile on disk.
  const profile = await mkdtemp(join(tmpdir(), "tandem-profile-"));
  const { launchOptions, viewport } = test.info().project.use;
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, viewport });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = watch(page, new URL(site.base).origin);
    await page.goto(site.base);
    await expect(page.locator("#main h1")).toBeVisible();
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
    const cdp = await context.newCDPSession(page);
    const { errors, url } = await cdp.send("Page.getAppManifest");
    expect(url).toBe(site.base + "manifest.webmanifest");
    expect(errors).toEqual([]);
    expect((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors).toEqual([]);

    // Every icon the manifest names is a PNG of the size it claims.
    const manifest = JSON.parse(await readFile(join(site.dir, "manifest.webmanifest"), "utf8"));
    expect(manifest.start_url).toBe("./");
    for (const icon of manifest.icons) {
      const png = await readFile(join(site.dir, icon.src));
      expect(png.subarray(1, 4).toString(), icon.src).toBe("PNG");
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await site.remove();
  }
});

test("a new deployment shows a banner and reloads into it only when asked, never while typing", async ({ browser }) => {
  const site = await deploy();
  try {
    const { context, page, problems } = await firstVisit(browser, site);
    const banner = page.locator("#update-banner");
    // The first visit's worker taking over is not an update.
    await expect(page.locator("#main h1")).toBeVisible();
    await expect(banner).toHaveCount(0);

    // Deploy a changed build: a changed page means a new sw.js, as a real build would.
    const index = join(site.dir, "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("</head>", '<meta name="tandem-build" content="2">\n</head>'));
    const { version } = writeServiceWorker(site.dir);
    compressDir(site.dir, ["index.html", "sw.js"]); // the files that changed

    // Someone is typing when the tab learns of it.
    await page.evaluate(() => { window.__samePage = true; });
    const search = page.getByLabel("Search", { exact: true });
    await search.fill("half-typed");
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

    await expect(banner).toBeVisible();
    await expect(banner).toContainText("A new version of Tandem is ready.");
    await expect(banner).toHaveAttribute("role", "status");
    // It waits: the new version is installed but waiting (not activated), and this is
    // still the same page with the same typing and the old version in charge.
    await expect.poll(() => page.evaluate(() =>
      navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state ?? null))).toBe("installed");
    expect(await page.evaluate(() => window.__samePage)).toBe(true);
    await expect(search).toHaveValue("half-typed");
    await expect(page.locator('meta[name="tandem-build"]')).toHaveCount(0);

    // "Later" puts it away; the next check offers it again.
    await banner.getByRole("button", { name: "Later" }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(page.locator("#main h1")).toBeVisible();
    await expect(page.locator('meta[name="tandem-build"]')).toHaveCount(0); // still the old one: it waits
    await expect(banner).toBeVisible();
    // Seen wherever the person is on a long screen (the full partner list), at phone size too.
    await page.setViewportSize({ width: 375, height: 480 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await expect(banner).toBeInViewport({ ratio: 1 });
    await expect(banner.getByRole("button", { name: "Reload" })).toBeInViewport();

    // Reload: the new worker takes over and the page comes back as the new build.
    await banner.getByRole("button", { name: "Reload" }).click();
    await expect(page.locator('meta[name="tandem-build"]')).toHaveCount(1);
    await expect(page.locator("#main h1")).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => caches.keys())).toContainEqual(expect.stringContaining(version));
    expect(problems).toEqual([]);
    await context.close();
  } finally {
    await site.remove();
  }
});
