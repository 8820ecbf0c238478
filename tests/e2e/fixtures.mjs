// The suite's `test`: every page fails its test on any console error, uncaught
// exception, or request to anywhere but the page's own origin.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems = watch(page, new URL(baseURL).origin);
    await use(page);
    expect(problems, "console errors, page errors or foreign requests").toEqual([]);
  },
});
export { expect };

/** Opens the app on a route (e.g. "#/pipeline") and waits until it has rendered. */
export async function open(page, hash = "") {
  await page.goto(hash ? `./${hash}` : "./");
  await expect(page.locator("#main h1")).toBeVisible();
}

// ---------------------------------------------------------------------------------
// Helpers shared by the specs (added; the exports above are unchanged).

/** The local-storage key the app keeps its workspace under. */
export const STORAGE_KEY = "tandem.workspace";
/** Where an unreadable value is set aside once the person starts afresh. */
export const UNREADABLE_KEY = "tandem.workspace.unreadable";

/**
 * Attaches the same checks as the suite's `page` fixture to a page the test made
 * itself (e.g. in `browser.newContext()`); returns the list the problems collect in.
 */
export function watch(page, origin) {
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) problems.push(`request outside the origin: ${url}`);
  });
  return problems;
}

/** The raw stored value (a string, or null when nothing is stored). */
export async function storedText(page, key = STORAGE_KEY) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The stored envelope, parsed, once the app has saved one. */
export async function storedEnvelope(page) {
  await expect.poll(() => storedText(page), { message: "the app saved its workspace" }).not.toBeNull();
  return JSON.parse(await storedText(page));
}

/** The stored workspace object (the envelope's `workspace`). */
export async function storedWorkspace(page) {
  return (await storedEnvelope(page)).workspace;
}

/** Runs `action` (which must start a download) and returns the download and its text. */
export async function downloadText(page, action) {
  const [download] = await Promise.all([page.waitForEvent("download"), action()]);
  const { readFile } = await import("node:fs/promises");
  const path = await download.path();
  if (!path) throw new Error(`download ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return { download, text: await readFile(path, "utf8") };
}

/** Picks a file for import through the Data screen's file input (opens the screen if needed). */
export async function chooseImportFile(page, name, text, mimeType = "application/json") {
  if (!(await page.locator("#import-file").count())) {
    await page.getByRole("link", { name: "Data", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  }
  await page.locator("#import-file").setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

/** An envelope around a workspace, as the app writes files. */
export function envelope(workspace, scope = "workspace") {
  return { format: "tandem", version: 1, scope, saved_at: "2026-11-23T10:00:00Z", workspace };
}

/** An RFC 3339 time `days` from now, to the second, as the app writes times. */
export function isoIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Asserts two stored values are identical, byte for byte, reporting only the region
 * where they first differ (stored values are long).
 */
export function expectSameText(actual, expected, message = "stored value") {
  if (actual === expected) return;
  if (actual == null || expected == null) {
    expect(actual, message).toBe(expected);
    return;
  }
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  const around = (s) => `…${s.slice(Math.max(0, i - 40), i + 60)}… (${s.length} characters)`;
  expect(around(actual), `${message} differs from character ${i}`).toBe(around(expected));
}
