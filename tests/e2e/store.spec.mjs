// The stored form (docs/FORMAT.md, "In local storage"): one compact entry per partner
// and a manifest. Migration from the old single key, a damaged entry contained, only
// changed entries written, a save stopped midway leaving the last complete workspace,
// and the 2,000-partner program saved within Chromium's quota.
import {
  test, expect, open, storageItems, storedEnvelope, storedWorkspace, downloadText, chooseImportFile,
  STORAGE_KEY, MANIFEST_KEY, partnerKeys,
} from "./fixtures.mjs";
import { largeFile } from "../../bench/large.mjs";

/** Chromium's local-storage quota for one origin, measured: characters of keys and values. */
const QUOTA_CHARS = 5_242_308;
const nav = (page, name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
const storedChars = (items) => Object.entries(items).reduce((n, [k, v]) => n + k.length + v.length, 0);
const entryKeys = (items) => Object.keys(items).filter((k) => k.startsWith("tandem.p.") || k.startsWith("tandem.r."));

test("the single key of earlier versions migrates on first load and nothing else is left", async ({ page }) => {
  await open(page);
  const env = await storedEnvelope(page);
  // What an earlier version stored: one key holding the whole file, here with a change.
  env.workspace.partners[0].notes = "Written by the single-key version.";
  env.workspace.program_name = "Migrated program";
  await page.evaluate(([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); }, [STORAGE_KEY, JSON.stringify(env)]);
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  await expect(page.locator(".brand__program")).toHaveText("Migrated program");

  // The old key is gone once the new store read back; the store holds the same workspace.
  await expect.poll(async () => (await storageItems(page))[STORAGE_KEY] ?? null).toBeNull();
  expect(await storedWorkspace(page)).toEqual(env.workspace);
  const items = await storageItems(page);
  const manifest = JSON.parse(items[MANIFEST_KEY]);
  const keys = partnerKeys(items);
  expect(keys).toHaveLength(13);
  expect(entryKeys(items).sort()).toEqual([manifest.rest, ...keys].sort());
  // Entries are compact, not JSON.
  for (const key of keys) expect(items[key].startsWith("~")).toBe(true);
  expect(storedChars(items) * 3).toBeLessThan(JSON.stringify(env).length);

  // An edit rewrites one partner's entry and the manifest; the others stay as they were.
  await page.getByRole("link", { name: "Loopline" }).first().click();
  await page.getByLabel("Owner").fill("Someone new");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await expect.poll(async () => partnerKeys(await storageItems(page))).not.toEqual(keys);
  const after = await storageItems(page);
  const changed = partnerKeys(after).filter((k) => !keys.includes(k));
  expect(changed).toHaveLength(1);
  expect(changed[0]).toContain(".demo-p-");
  const same = keys.filter((k) => after[k] === items[k]);
  expect(same).toHaveLength(12);
  expect(entryKeys(after)).toHaveLength(14);
});

test("a damaged partner entry is contained: the others load, the banner names it, it stays downloadable and untouched", async ({ page }) => {
  await open(page);
  const ws = await storedWorkspace(page);
  const items = await storageItems(page);
  const keys = partnerKeys(items);
  // One entry cut in half, one breaking a rule (written by hand as plain JSON).
  const cutKey = keys[1];
  const cut = items[cutKey].slice(0, Math.floor(items[cutKey].length / 2));
  const ruledKey = keys[3];
  const ruled = { ...ws.partners[3], key_players: ws.partners[3].key_players.map((k, i) => (i === 1 ? { ...k, influence: 9 } : k)) };
  await page.evaluate(([a, av, b, bv]) => { localStorage.setItem(a, av); localStorage.setItem(b, bv); },
    [cutKey, cut, ruledKey, JSON.stringify(ruled)]);
  await page.reload();

  const banner = page.getByRole("alert").filter({ hasText: "stored partners could not be read." });
  await expect(banner).toContainText("2 stored partners could not be read. The other partners loaded.");
  await expect(banner).toContainText(`The partner with id ${ws.partners[1].id}: the compact value`);
  await expect(banner).toContainText('Partner "Dashline Auto": Key player "Camille Roux" of partner "Dashline Auto", influence: 9 is outside 1–5');
  await nav(page, "Partners").click();
  await expect(page.locator("tbody tr")).toHaveCount(11);

  // Downloadable: the rule-breaking one as its JSON, the cut one as stored.
  const items2 = banner.getByRole("listitem");
  const ruledDownload = await downloadText(page, () => items2.nth(1).getByRole("button", { name: "Download it" }).click());
  expect(JSON.parse(ruledDownload.text).key_players[1].influence).toBe(9);
  const cutDownload = await downloadText(page, () => items2.nth(0).getByRole("button", { name: "Download it" }).click());
  expect(cutDownload.text).toBe(cut);

  // Edits save around them; the damaged entries stay named and untouched.
  await page.getByLabel("New partner name").fill("Added Meanwhile");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Added Meanwhile");
  await expect.poll(async () => (await storedWorkspace(page)).partners.map((p) => p.name)).toContain("Added Meanwhile");
  let now = await storageItems(page);
  expect(partnerKeys(now)).toEqual(expect.arrayContaining([cutKey, ruledKey]));
  expect([now[cutKey], now[ruledKey]]).toEqual([cut, JSON.stringify(ruled)]);
  await page.reload();
  await expect(banner).toBeVisible();

  // Letting one go removes it from storage; the other stays.
  await page.getByRole("alert").getByRole("listitem").nth(0).getByRole("button", { name: "Remove it from storage" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A stored partner could not be read." })).toBeVisible();
  await expect.poll(async () => (await storageItems(page))[cutKey] ?? null).toBeNull();
  now = await storageItems(page);
  expect(now[ruledKey]).toBe(JSON.stringify(ruled));
});

test("a save stopped between two of its writes leaves the last complete workspace, and nothing of it stays behind", async ({ page }) => {
  test.slow();
  await open(page, "#/pipeline");
  const before = await storedWorkspace(page);
  const card = (stage) => page.locator(`section.column[data-stage="${stage}"] li.card`).filter({ hasText: "Loopline" });
  const was = before.partners.find((p) => p.name === "Loopline").stage;
  expect(was).not.toBe("paused");
  // The browser stops taking writes at the save's k-th write (and every one after it, so
  // nothing written on the way out of the page completes the save either).
  for (let k = 1; ; k++) {
    await page.evaluate((k) => {
      const set = Storage.prototype.setItem;
      let n = 0;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith("tandem.") && ++n >= k) throw new DOMException("stopped", "QuotaExceededError");
        return set.call(this, key, value);
      };
    }, k);
    await page.getByRole("combobox", { name: "Stage of Loopline" }).selectOption("paused");
    await expect(card("paused")).toBeVisible();
    const failed = page.getByRole("alert").filter({ hasText: "Not saved." });
    await expect.poll(async () => (await failed.count()) > 0 || (await storedWorkspace(page)).partners.some((p) => p.stage === "paused")).toBe(true);
    if (!(await failed.count())) {
      // Past the save's last write: it completed, with the move in it.
      expect(k, "a save writes the partner's entry, then the manifest").toBeGreaterThan(2);
      break;
    }
    await page.reload();
    await expect(card(was)).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    expect(await storedWorkspace(page), `stopped at write ${k}`).toEqual(before);
    // Entries the stopped save wrote under new keys are not left to fill the quota.
    await expect.poll(async () => {
      const items = await storageItems(page);
      const named = [JSON.parse(items[MANIFEST_KEY]).rest, ...partnerKeys(items)];
      return entryKeys(items).filter((key) => !named.includes(key));
    }, { message: `stopped at write ${k}: entries no manifest names` }).toEqual([]);
  }
});

test("another tab takes in a save by reading the changed entries", async ({ page, context }) => {
  await open(page, "#/pipeline");
  await storedEnvelope(page);
  const other = await context.newPage();
  await open(other, "#/pipeline");
  const card = (p, stage, name) => p.locator(`section.column[data-stage="${stage}"] li.card`).filter({ hasText: name });
  await other.getByRole("combobox", { name: "Stage of Loopline" }).selectOption("paused");
  await expect(card(page, "paused", "Loopline")).toBeVisible();
  await page.getByRole("combobox", { name: "Stage of Pacewell" }).selectOption("live");
  await expect(card(other, "live", "Pacewell")).toBeVisible();
  await expect(card(other, "paused", "Loopline")).toBeVisible();
  await other.close();
});

test("the 2,000-partner program saves within Chromium's quota with 30 % to spare", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, "#/data");
  await storedEnvelope(page);
  const file = JSON.stringify(largeFile(2000, 5));
  // The file alone is nearly three times the quota: only the compact store can hold it.
  expect(file.length).toBeGreaterThan(2 * QUOTA_CHARS);
  await chooseImportFile(page, "large.json", file);
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: /Replace/ }).check();
  await dialog.getByRole("button", { name: "Replace my workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported. The workspace now holds 2000 partners." })).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => partnerKeys(await storageItems(page)).length, { timeout: 60_000 }).toBe(2000);
  await expect(page.getByRole("alert").filter({ hasText: "Not saved." })).toHaveCount(0);
  const items = await storageItems(page);
  const used = storedChars(items);
  console.log(`2,000 partners: ${used} characters stored (${(used / QUOTA_CHARS * 100).toFixed(1)} % of the quota), file ${file.length}`);
  expect(used).toBeLessThan(0.7 * QUOTA_CHARS);
  // It loads back whole.
  await page.reload();
  await nav(page, "Partners").click();
  await expect(page.getByText(/2000 partners|2,000 partners/).first()).toBeVisible({ timeout: 60_000 });
  const back = await storedWorkspace(page);
  expect(back.partners).toHaveLength(2000);
  expect(back.partners[1999].metrics[5].values).toEqual(JSON.parse(file).workspace.partners[1999].metrics[5].values);
});
