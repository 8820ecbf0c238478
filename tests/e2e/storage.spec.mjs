import {
  test, expect, open, storedText, storedEnvelope, downloadText, expectSameText, STORAGE_KEY, UNREADABLE_KEY,
} from "./fixtures.mjs";

const CORRUPT = '{"format":"tandem", broken';
const banner = (page) => page.getByRole("alert").filter({ hasText: "Your saved workspace could not be read." });
const nav = (page, name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });

/** Opens the app once (storing the demo), puts `raw` in its place and reloads. */
async function startWithStored(page, raw) {
  await open(page);
  await storedEnvelope(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, raw]);
  await page.reload();
  await expect(page.locator("#main h1")).toBeVisible();
}

test("an unreadable stored value is kept untouched until the person chooses, and stays downloadable", async ({ page }) => {
  await startWithStored(page, CORRUPT);

  // The banner names the problem; the app starts empty.
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText(
    "This is not valid JSON: key must be a string at line 1, column 21.");
  await expect(banner(page)).toContainText(`${CORRUPT.length} characters are stored.`);
  await expect(page.locator("tbody tr")).toHaveCount(0);
  await expect(page.getByText("No partners yet.")).toBeVisible();
  expectSameText(await storedText(page, STORAGE_KEY), CORRUPT, "stored value after load");

  // An edit in the empty workspace does not save over it.
  await page.getByLabel("New partner name").fill("While Broken");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("While Broken");
  await page.getByLabel("Owner").fill("Someone");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await nav(page, "Pipeline").click();
  await page.getByRole("combobox", { name: "Stage of While Broken" }).selectOption("live");
  await expect(page.locator('section.column[data-stage="live"] li.card')).toHaveCount(1);
  expectSameText(await storedText(page, STORAGE_KEY), CORRUPT, "stored value after edits");
  await expect(banner(page)).toBeVisible();

  // "Download the saved value" gives exactly the stored text.
  const saved = await downloadText(page, () => banner(page).getByRole("button", { name: "Download the saved value" }).click());
  expect(saved.download.suggestedFilename()).toMatch(/^tandem-unreadable-\d{4}-\d{2}-\d{2}\.json$/);
  expect(saved.text).toBe(CORRUPT);

  // Starting with the demo sets it aside, and saving resumes.
  await banner(page).getByRole("button", { name: "Start with the demo" }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => storedText(page, UNREADABLE_KEY)).toBe(CORRUPT);
  await expect.poll(async () => (await storedEnvelope(page).catch(() => null))?.workspace?.partners?.length).toBe(13);
  await nav(page, "Partners").click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  await page.getByLabel("New partner name").fill("After Recovery");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("After Recovery");
  await expect.poll(async () => (await storedEnvelope(page)).workspace.partners.map((p) => p.name)).toContain("After Recovery");

  // The Data screen offers the set-aside value.
  await nav(page, "Data").click();
  const notice = page.locator(".notice").filter({ hasText: "could not be read was set aside" });
  await expect(notice).toContainText(`A workspace that could not be read was set aside (${CORRUPT.length} characters).`);
  const aside = await downloadText(page, () => notice.getByRole("button", { name: "Download it" }).click());
  expect(aside.text).toBe(CORRUPT);

  // After a reload the app starts normally, with the recovered work.
  await page.reload();
  await expect(banner(page)).toHaveCount(0);
  await nav(page, "Partners").click();
  await expect(page.locator("tbody tr")).toHaveCount(14);

  // "Delete it" forgets the set-aside value.
  await nav(page, "Data").click();
  await page.locator(".notice").getByRole("button", { name: "Delete it" }).click();
  await expect(page.locator(".notice")).toHaveCount(0);
  expect(await storedText(page, UNREADABLE_KEY)).toBeNull();
});

test("choosing Start empty also sets the unreadable value aside", async ({ page }) => {
  await startWithStored(page, CORRUPT);
  await banner(page).getByRole("button", { name: "Start empty" }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => storedText(page, UNREADABLE_KEY)).toBe(CORRUPT);
  await expect.poll(async () => (await storedEnvelope(page).catch(() => null))?.workspace?.program_name)
    .toBe("My partnership program");
  expect((await storedEnvelope(page)).workspace.partners).toEqual([]);
});

test("starting afresh from the Data screen offers the set-aside value there at once", async ({ page }) => {
  await startWithStored(page, CORRUPT);
  await nav(page, "Data").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data");
  await expect(page.locator(".notice")).toHaveCount(0); // nothing set aside yet
  await banner(page).getByRole("button", { name: "Start with the demo" }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => storedText(page, UNREADABLE_KEY)).toBe(CORRUPT);
  // Still on the Data screen: the banner promised the copy is downloadable here.
  const notice = page.locator(".notice").filter({ hasText: "could not be read was set aside" });
  await expect(notice).toBeVisible();
  const aside = await downloadText(page, () => notice.getByRole("button", { name: "Download it" }).click());
  expect(aside.text).toBe(CORRUPT);
});

test("a hand-edited value that is valid JSON but breaks a rule gets the banner too", async ({ page }) => {
  await open(page);
  const env = await storedEnvelope(page);
  env.workspace.partners[3].key_players[1].influence = 9;
  const raw = JSON.stringify(env);
  await startWithStored(page, raw);
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText(
    'The file breaks 1 rule: Key player "Camille Roux" of partner "Dashline Auto", influence: 9 is outside 1–5 (at partners[3].key_players[1].influence).');
  await expect(page.locator("tbody tr")).toHaveCount(0);
  expectSameText(await storedText(page, STORAGE_KEY), raw, "stored value after load");
  // An edit does not save over it either.
  await page.getByLabel("New partner name").fill("Still Not Saved");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Still Not Saved");
  expectSameText(await storedText(page, STORAGE_KEY), raw, "stored value after an edit");
  // A reload still finds it, still refused.
  await page.reload();
  await expect(banner(page)).toContainText("9 is outside 1–5");
  expectSameText(await storedText(page, STORAGE_KEY), raw, "stored value after a reload");
});

test("a stored value from an unknown version gets the banner naming the version", async ({ page }) => {
  await open(page);
  const env = await storedEnvelope(page);
  env.version = 99;
  const raw = JSON.stringify(env);
  await startWithStored(page, raw);
  await expect(banner(page)).toContainText("This Tandem file has format version 99");
  expectSameText(await storedText(page, STORAGE_KEY), raw);
});

test("the Data screen shows storage usage in KB and as a percentage, and it follows changes", async ({ page }) => {
  await open(page, "#/data");
  await storedEnvelope(page);
  const usage = page.getByText(/used of this browser's .* local-storage quota/);
  await expect(usage).toHaveText(/^\d+\.\d KB used of this browser's 10\.0 MB local-storage quota \(\d+\.\d %\)\.$/);
  // The app counts 2 bytes a character over every key and value, and rounds down to
  // a tenth (of a KB, and of a percent of the 10 MB quota).
  const expected = () => page.evaluate(() => {
    let chars = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      chars += k.length + localStorage.getItem(k).length;
    }
    const bytes = chars * 2;
    const tenths = (n) => `${Math.floor(n / 10)}.${n % 10}`;
    const kb = tenths(Math.floor((bytes * 10) / 1024));
    const pct = tenths(Math.floor((bytes * 1000) / (10 * 1024 * 1024)));
    return `${kb} KB used of this browser's 10.0 MB local-storage quota (${pct} %).`;
  });
  await expect(usage).toHaveText(await expected());
  await expect(page.getByRole("meter", { name: "Local storage used" })).toBeVisible();

  // Adding a market grows the stored workspace, and the figure follows.
  const first = await usage.textContent();
  await page.getByLabel("New market").fill("A market with a fairly long name to grow the store");
  await page.getByRole("button", { name: "Add market" }).click();
  await expect(page.getByText("A market with a fairly long name to grow the store")).toBeVisible();
  await expect(usage).not.toHaveText(first);
  await expect(usage).toHaveText(await expected());
});

test("without local storage the app runs on the demo and says work stays in this tab", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });
  });
  await open(page);
  await expect(page.getByRole("alert").filter({ hasText: "does not allow this page to use local storage" }))
    .toContainText("export it from the Data screen to keep it");
  await expect(page.locator("tbody tr")).toHaveCount(13);
  // Edits still work in the tab.
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(12);
  await expect(page.getByRole("alert").filter({ hasText: "Not saved." })).toHaveCount(0);
  await nav(page, "Data").click();
  await expect(page.getByText("Local storage is not available in this browser.")).toBeVisible();
  // Export still works, so nothing need be lost.
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  expect(JSON.parse(text).workspace.partners).toHaveLength(12);
});

test("when the browser refuses to save, a banner says so and the next good save clears it", async ({ page }) => {
  await open(page);
  await storedEnvelope(page);
  const before = await storedText(page);
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
  });
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  const notSaved = page.getByRole("alert").filter({ hasText: "Not saved." });
  await expect(notSaved).toContainText(/The browser refused to save: local storage is probably full \(this site uses \d+(\.\d)? KB of it\)\./);
  await expect(notSaved.getByRole("link", { name: "Go to export" })).toHaveAttribute("href", "#/data");
  expectSameText(await storedText(page), before, "stored value after a refused save");

  await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(notSaved).toHaveCount(0);
  await expect.poll(async () => (await storedEnvelope(page)).workspace.partners.length).toBe(13);
});

test("a stored workspace refused by stricter checks is repaired field by field, naming each, and the old value is kept", async ({ page }) => {
  await open(page);
  const env = await storedEnvelope(page);
  const partner = env.workspace.partners[2];
  partner.website = "https://bank.example@evil.example";
  partner.created = "9999-01-01T00:00:00Z";
  partner.updated = "9999-01-01T00:00:00Z";
  const raw = JSON.stringify(env);
  await startWithStored(page, raw);
  // Before the repair path, the banner's only ways out were the download or starting afresh.
  await expect(banner(page)).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(0);
  const fixes = banner(page).locator(".banner__fixes li");
  await expect(banner(page)).toContainText("It can be opened by changing 3 fields, and nothing else:");
  await expect(fixes).toHaveCount(3);
  await expect(fixes.filter({ hasText: `Partner "${partner.name}", website: cleared (was "https://bank.example@evil.example"` })).toHaveCount(1);
  await expect(fixes.filter({ hasText: `Partner "${partner.name}", created: set to ` })).toHaveCount(1);
  await expect(fixes.filter({ hasText: `Partner "${partner.name}", updated: set to ` })).toHaveCount(1);
  // Nothing is saved over the value until the person chooses.
  expectSameText(await storedText(page, STORAGE_KEY), raw, "stored value before the repair");

  await banner(page).getByRole("button", { name: "Repair these 3 fields and open it" }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByText("Repaired: 3 fields changed.")).toBeAttached();
  await expect(page.locator("tbody tr")).toHaveCount(env.workspace.partners.length);
  // Stored now: the same workspace but for those three fields.
  await expect.poll(async () => (await storedEnvelope(page)).workspace.partners[2].website).toBe("");
  const saved = (await storedEnvelope(page)).workspace;
  expect(saved.partners.map((p) => p.name)).toEqual(env.workspace.partners.map((p) => p.name));
  expect(saved.partners[2].created.slice(0, 4)).not.toBe("9999");
  for (const i of env.workspace.partners.keys()) {
    if (i !== 2) expect(saved.partners[i]).toEqual(env.workspace.partners[i]);
  }
  const { website: _w, created: _c, updated: _u, ...rest } = saved.partners[2];
  const { website: _w2, created: _c2, updated: _u2, ...restBefore } = partner;
  expect(rest).toEqual(restBefore);
  // The value as it was is kept aside, byte for byte, and downloadable from the Data screen.
  expect(await storedText(page, UNREADABLE_KEY)).toBe(raw);
  await nav(page, "Data").click();
  const notice = page.locator(".notice").filter({ hasText: "could not be read was set aside" });
  const aside = await downloadText(page, () => notice.getByRole("button", { name: "Download it" }).click());
  expect(aside.text).toBe(raw);
  // A reload opens the repaired workspace, without the banner.
  await page.reload();
  await expect(page.locator("#main h1")).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});

test("a stored workspace with a rule no field change mends says why, and offers no repair", async ({ page }) => {
  await open(page);
  const env = await storedEnvelope(page);
  env.workspace.partners[1].name = "\u200b";
  const raw = JSON.stringify(env);
  await startWithStored(page, raw);
  await expect(banner(page)).toContainText("It cannot be repaired here without inventing or losing data:");
  await expect(banner(page)).toContainText("(at partners[1].name)");
  await expect(banner(page).getByRole("button", { name: /^Repair/ })).toHaveCount(0);
  expectSameText(await storedText(page, STORAGE_KEY), raw);
});
