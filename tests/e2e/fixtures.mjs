// The suite's `test`: every page fails its test on any console error, uncaught
// exception, or request to anywhere but the page's own origin.
import { test as base, expect } from "@playwright/test";
import { inflateRawSync } from "node:zlib";

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

/** The old single local-storage key (a whole Tandem file), migrated on first load. */
export const STORAGE_KEY = "tandem.workspace";
/** The manifest of the stored workspace: it names the rest's entry and the pages listing one entry per partner. */
export const MANIFEST_KEY = "tandem.store";
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

/**
 * One stored entry's record, read as docs/FORMAT.md describes the compact form: after the
 * tag `~`, 15 bits a character from U+0100, the last character the count of padding
 * bits; the bytes are raw deflate of the record's JSON. Plain JSON reads as it is.
 */
export function decodeEntry(value) {
  if (!value.startsWith("~")) return JSON.parse(value);
  const groups = [...value.slice(1)].map((c) => c.charCodeAt(0) - 0x100);
  const pad = groups.pop();
  const bytes = [];
  let acc = 0;
  let bits = 0;
  groups.forEach((g, i) => {
    const width = i === groups.length - 1 ? 15 - pad : 15;
    acc = (acc << width) | (i === groups.length - 1 ? g >> pad : g);
    bits += width;
    while (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  });
  return JSON.parse(inflateRawSync(Buffer.from(bytes)).toString("utf8"));
}

/** Every item of the page's local storage, as an object. */
export function storageItems(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/**
 * The partner entries' keys the stored manifest names, in order (docs/FORMAT.md, "Local
 * storage"): through its pages (layout 2), or its own list (layout 1); damaged ones last.
 */
export function partnerKeys(items) {
  const manifest = JSON.parse(items[MANIFEST_KEY]);
  const listed = manifest.pages ? manifest.pages.flatMap((k) => JSON.parse(items[k])) : manifest.partners ?? [];
  return [...listed, ...(manifest.damaged ?? [])];
}

/** The stored workspace as a Tandem envelope, assembled from the manifest and its entries (null if none). */
export function envelopeFrom(items) {
  if (items[MANIFEST_KEY] == null) return items[STORAGE_KEY] == null ? null : JSON.parse(items[STORAGE_KEY]);
  const manifest = JSON.parse(items[MANIFEST_KEY]);
  const rest = decodeEntry(items[manifest.rest]);
  // An entry that does not decode is damaged: the app leaves it out too (and names it).
  const partners = partnerKeys(items).flatMap((k) => {
    try { return items[k] == null ? [] : [decodeEntry(items[k])]; } catch { return []; }
  });
  return {
    format: "tandem", version: manifest.format, scope: "workspace", saved_at: manifest.saved_at,
    workspace: { program_name: rest.program_name, markets: rest.markets, partners,
      ...(rest.deleted ? { deleted: rest.deleted } : {}), ...(rest.program ? { program: rest.program } : {}) },
  };
}

/**
 * The stored workspace as the text of a Tandem file (null when nothing is stored; the
 * old single key's value as it is when only that is stored), or, given a key, the raw
 * value under that key. Two calls give the same text exactly when
 * the stored workspace is the same.
 */
export async function storedText(page, key) {
  if (key !== undefined) return page.evaluate((k) => localStorage.getItem(k), key);
  const items = await storageItems(page);
  // Before the first save of this version, the old single key is what is stored.
  if (items[MANIFEST_KEY] == null) return items[STORAGE_KEY] ?? null;
  return JSON.stringify(envelopeFrom(items));
}

/** The stored envelope, parsed, once the app has saved one. */
export async function storedEnvelope(page) {
  await expect.poll(() => storedText(page, MANIFEST_KEY), { message: "the app saved its workspace" }).not.toBeNull();
  return envelopeFrom(await storageItems(page));
}

/** The stored workspace object (the envelope's `workspace`). */
export async function storedWorkspace(page) {
  return (await storedEnvelope(page)).workspace;
}

/** A copy of `value` without its edit stamps (`stamp` fields): an undo puts the records
 * back as they were, with a new stamp, so other tabs and colleagues take the undo. */
export function withoutStamps(value) {
  return JSON.parse(JSON.stringify(value, (k, v) => (["stamp", "base", "stamps", "name_stamp"].includes(k) ? undefined : v)));
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
