// Never losing an edit: undo and redo, several tabs, a full storage quota, the backup
// kept before an import, and the banner after a crash.
import {
  test, expect, open, watch, storedText, storedWorkspace, storedEnvelope, downloadText,
  chooseImportFile, envelope, STORAGE_KEY, expectSameText, withoutStamps,
} from "./fixtures.mjs";

const cardIn = (page, stage, name) =>
  page.locator(`section.column[data-stage="${stage}"] li.card`, { hasText: name });

async function moveByMenu(page, name, stageLabel) {
  await page.getByLabel(`Stage of ${name}`).selectOption({ label: stageLabel });
}

test("undo and redo by buttons and keys restore each step of the pipeline", async ({ page }) => {
  await open(page, "#/pipeline");
  const undo = page.getByRole("button", { name: /^Undo/ });
  const redo = page.getByRole("button", { name: /^Redo/ });
  await expect(undo).toBeDisabled();
  await moveByMenu(page, "Pacewell", "Pitching");
  await expect(cardIn(page, "pitching", "Pacewell")).toBeVisible();
  await expect(undo).toHaveAttribute("aria-label", "Undo move Pacewell to Pitching");
  await moveByMenu(page, "Stridecraft", "Signed");
  await expect(cardIn(page, "signed", "Stridecraft")).toBeVisible();

  await undo.click();
  await expect(cardIn(page, "pitching", "Stridecraft")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Undid: move Stridecraft to Signed." })).toBeVisible();
  await page.locator("body").press("Control+z");
  await expect(cardIn(page, "research", "Pacewell")).toBeVisible();
  await expect(undo).toBeDisabled();
  expect((await storedWorkspace(page)).partners.find((p) => p.name === "Pacewell").stage).toBe("research");

  await page.locator("body").press("Control+Shift+Z");
  await expect(cardIn(page, "pitching", "Pacewell")).toBeVisible();
  await redo.click();
  await expect(cardIn(page, "signed", "Stridecraft")).toBeVisible();
  await expect(redo).toBeDisabled();
  // The redone state is what is saved.
  await expect.poll(async () => (await storedWorkspace(page)).partners.find((p) => p.name === "Stridecraft").stage).toBe("signed");
});

test("Ctrl+Z inside a text field is the field's own undo, not the workspace's", async ({ page }) => {
  await open(page, "#/pipeline");
  await moveByMenu(page, "Pacewell", "Pitching");
  await page.getByRole("link", { name: "Partners", exact: true }).click();
  const search = page.getByRole("searchbox");
  await search.fill("zu");
  await search.press("Control+z");
  await page.getByRole("link", { name: "Pipeline", exact: true }).click();
  await expect(cardIn(page, "pitching", "Pacewell")).toBeVisible();
});

test("a hundred steps can be undone and redone", async ({ page }) => {
  // 100 moves through the menu, each awaited on screen, then 201 keys: more than the
  // default 30 s on a loaded machine. A budget, not an assertion on time.
  test.setTimeout(120_000);
  await open(page, "#/pipeline");
  const before = await storedWorkspace(page);
  // One partner moved first, then 100 moves of another card back and forth: the first
  // move is the 101st step back.
  await moveByMenu(page, "Moonmoth Games", "Pitching");
  // Each move through the card's own stage menu, as a person makes it, and each seen
  // on the board before the next: 100 steps the store really recorded.
  const undo = page.getByRole("group", { name: "History" }).getByRole("button", { name: /^Undo/ });
  for (let i = 0; i < 100; i++) {
    const [label, stage] = i % 2 === 0 ? ["Pitching", "pitching"] : ["Research", "research"];
    await moveByMenu(page, "Pacewell", label);
    await expect(cardIn(page, stage, "Pacewell")).toBeVisible();
    await expect(undo).toHaveAttribute("title", new RegExp(`Pacewell to ${label}`));
  }
  await expect(cardIn(page, "research", "Pacewell")).toBeVisible();
  for (let i = 0; i < 100; i++) await page.locator("body").press("Control+z");
  // Pacewell is back where it started and Moonmoth's move is still there.
  await expect(cardIn(page, "research", "Pacewell")).toBeVisible();
  await expect(cardIn(page, "pitching", "Moonmoth Games")).toBeVisible();
  await page.locator("body").press("Control+z");
  await expect(cardIn(page, "research", "Moonmoth Games")).toBeVisible();
  // Every record as it was, each one the undo put back with a new edit stamp (an undo is
  // an edit to other tabs: it must outrank the version it undid).
  const undone = await storedWorkspace(page);
  expect(withoutStamps(undone.partners)).toEqual(withoutStamps(before.partners));
  const stamp = (ws, name) => ws.partners.find((p) => p.name === name).stamp;
  expect(stamp(before, "Moonmoth Games")).toBeUndefined();
  expect(stamp(undone, "Moonmoth Games")).toMatch(/^\d+-\d+-[0-9a-f]{16}$/);
  for (let i = 0; i < 101; i++) await page.locator("body").press("Control+y");
  await expect(cardIn(page, "pitching", "Moonmoth Games")).toBeVisible();
  await expect(cardIn(page, "research", "Pacewell")).toBeVisible();
});

test("an edit in one tab appears in another without a reload, and both tabs keep their edits", async ({ page, context, baseURL }) => {
  await open(page, "#/pipeline");
  await storedEnvelope(page);
  const other = await context.newPage();
  const problems = watch(other, new URL(baseURL).origin);
  await other.goto("./#/pipeline");
  await expect(other.locator("#main h1")).toBeVisible();

  await moveByMenu(page, "Pacewell", "Pitching");
  await expect(cardIn(other, "pitching", "Pacewell")).toBeVisible();

  // Concurrent edits of different partners, each made before the other tab has seen
  // the other's: both survive in both tabs and in storage.
  await Promise.all([moveByMenu(page, "Zuri Pay", "Signed"), moveByMenu(other, "Hearthpod", "Live")]);
  for (const p of [page, other]) {
    await expect(cardIn(p, "signed", "Zuri Pay")).toBeVisible();
    await expect(cardIn(p, "live", "Hearthpod")).toBeVisible();
  }
  await expect.poll(async () => {
    const ws = await storedWorkspace(page);
    const stage = (n) => ws.partners.find((p) => p.name === n).stage;
    return [stage("Zuri Pay"), stage("Hearthpod"), stage("Pacewell")];
  }).toEqual(["signed", "live", "pitching"]);
  expect(problems).toEqual([]);
});

test("the same partner edited in two tabs keeps the later edit and says so", async ({ page, context, baseURL }) => {
  await open(page, "#/pipeline");
  await storedEnvelope(page);
  const other = await context.newPage();
  const problems = watch(other, new URL(baseURL).origin);
  await other.goto("./#/pipeline");
  await expect(other.locator("#main h1")).toBeVisible();
  // Hold the other tab's storage events back so both edit before either hears of the other.
  await other.evaluate(() => {
    window.addEventListener("storage", (e) => e.stopImmediatePropagation(), true);
  });
  await moveByMenu(page, "Pacewell", "Pitching");
  // No wait for the next second: edit stamps keep milliseconds, and the other tab's
  // edit, made after this one, carries the later stamp.
  await moveByMenu(other, "Pacewell", "Negotiating");
  await expect(cardIn(page, "negotiating", "Pacewell")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Another tab edited the same records: Pacewell" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("when storage is full the edit stays, the user is told, and the saved state is intact", async ({ page }) => {
  await open(page, "#/data");
  await storedEnvelope(page);
  const saved = await storedText(page);
  // Fill the real quota with filler until the browser refuses even a few characters.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 256 * 1024; size >= 1; ) {
      try { localStorage.setItem(`filler-${n}`, "x".repeat(size)); n++; } catch { size = Math.floor(size / 2); }
    }
    return n;
  });
  expect(filled).toBeGreaterThan(10);
  // An edit that makes the stored workspace longer no longer fits.
  const market = "A market whose long name no longer fits in the full storage";
  await page.getByLabel("New market").fill(market);
  await page.getByRole("button", { name: "Add market" }).click();
  await expect(page.locator(".market-list")).toContainText(market);
  await expect(page.getByRole("alert").filter({ hasText: "Not saved." })).toContainText("local storage is probably full");
  await expect(page.getByRole("link", { name: "Go to export" })).toBeVisible();
  expectSameText(await storedText(page), saved);
  await expect(page.getByText("Local storage is nearly full")).toBeVisible();
  // Export still works, with the unsaved edit in it.
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  expect(JSON.parse(text).workspace.markets.map((m) => m.name)).toContain(market);
  // Room made: the next change saves everything, and the banner goes.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith("filler-")) localStorage.removeItem(k); });
  await page.getByLabel("New market").fill("Kenya");
  await page.getByRole("button", { name: "Add market" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved." })).toHaveCount(0);
  const names = (await storedWorkspace(page)).markets.map((m) => m.name);
  expect(names).toContain(market);
  expect(names).toContain("Kenya");
});

test("an import keeps the previous workspace as a backup that restores in one click", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedWorkspace(page);
  const replacement = { program_name: "Someone else's program", markets: [], partners: [] };
  await chooseImportFile(page, "other.json", JSON.stringify(envelope(replacement)));
  await page.getByRole("radio", { name: /Replace/ }).check();
  await page.getByRole("button", { name: "Replace my workspace" }).click();
  await expect(page.locator(".brand__program")).toHaveText("Someone else's program");
  await expect(page.getByText(/Kept before “Import other\.json, \d{4}-\d\d-\d\d \d\d:\d\d UTC”: 13 partners\./)).toBeVisible();
  await page.getByRole("button", { name: "Restore the backup" }).click();
  await expect(page.locator(".brand__program")).toHaveText(before.program_name);
  // Every record as it was; the ones the replace deleted come back stamped anew, and the
  // name's change back is stamped, so that other tabs take the restore too.
  expect(withoutStamps(await storedWorkspace(page))).toEqual(withoutStamps(before));
  // The replaced workspace is now the backup, so the restore can itself be reversed.
  await expect(page.getByText(/Kept before “Restore the backup, .*”: 0 partners\./)).toBeVisible();
});

test("a crash shows a banner with the last saved workspace to download", async ({ browser, baseURL }) => {
  // A context of its own (the crash must not leak into other tests), watched like the
  // suite's own pages and closed whatever happens.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    await page.goto(baseURL);
    await expect(page.locator("#main h1")).toBeVisible();
    await expect.poll(() => storedText(page)).not.toBeNull();
    const saved = await storedText(page);
    // A link alone does not crash the app (anyone could send one): it opens a screen
    // whose button does, and the app still works until the button is pressed.
    await page.evaluate(() => { location.hash = "#/debug/panic"; });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Test the crash banner");
    const banner = page.getByRole("alert").filter({ hasText: "Tandem hit an internal error" });
    await expect(banner).toHaveCount(0);
    await page.getByRole("link", { name: "Go to the partner list" }).click();
    await expect(page.locator("tbody tr")).toHaveCount(13);
    expect(problems, "nothing went wrong before the button").toEqual([]);
    await page.goBack();
    await page.getByRole("button", { name: "Stop Tandem with a test crash" }).click();
    await expect(banner).toBeVisible();
    await expect(banner.getByText("Details for a bug report")).toBeVisible();
    const { text } = await downloadText(page, () => banner.getByRole("link", { name: "Download the last saved workspace" }).click());
    // The stored workspace, read from its entries into one Tandem file when the crash came.
    expect(JSON.parse(text).format).toBe("tandem");
    expect(JSON.parse(text).workspace).toEqual(JSON.parse(saved).workspace);
    // The one problem is the crash asked for: no foreign request, no other error.
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).not.toMatch(/^request outside the origin/);
      expect(problem).toMatch(/test crash|panicked|unreachable|RuntimeError/i);
    }
  } finally {
    await context.close();
  }
});
