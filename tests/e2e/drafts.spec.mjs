// Typed work is never lost (issue 14, point 2), in the steps of the person who lost it:
// a partner's whole Profile typed and another tab clicked, a reload in the middle of a
// pitch ingredient, a draft discarded, hostile values under the draft keys, and the
// page's own "leave this page?" only while a form holds unsaved input.
import { test, expect, open, storedText, storedWorkspace } from "./fixtures.mjs";

/** Moonmoth Games: a demo partner with markets, key players and no pitch yet. */
const MOONMOTH = "demo-p-11";
const PROFILE = `#/partners/${MOONMOTH}`;
const PROFILE_KEY = `tandem.draft.profile.${MOONMOTH}.-`;

const profileForm = (page) =>
  page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });
const offer = (page) => page.getByRole("group", { name: "Unsaved draft" });
const tab = (page, name) => page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name, exact: true });
/** Leaving a page with unsaved input asks first; these tests mean to leave. */
const acceptLeaving = (page) => page.on("dialog", (d) => d.accept());
const draftKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tandem.draft.")).sort());

/** Every Profile field with a value the demo does not hold. */
const TYPED = {
  Name: "Moonmoth Games Studio",
  Website: "https://moonmoth.example/press",
  Owner: "Dana Whitfield",
  Tags: "games, radio, first-day",
  Notes: "Met at the showcase.\nThey want the radio on every platform.",
};
const CHOSEN = { Category: "Reseller or agency", "Market position": "Niche", Stage: "Negotiating" };

async function fillProfile(page) {
  const form = profileForm(page);
  for (const [label, value] of Object.entries(TYPED)) await form.getByLabel(label, { exact: true }).fill(value);
  for (const [label, option] of Object.entries(CHOSEN)) await form.getByLabel(label, { exact: true }).selectOption({ label: option });
  // A market it was not in.
  const markets = form.locator(".markets__list input[type=checkbox]");
  const n = await markets.count();
  let toggled = null;
  for (let i = 0; i < n; i++) {
    if (!(await markets.nth(i).isChecked())) {
      await markets.nth(i).check();
      toggled = (await markets.nth(i).locator("xpath=..").innerText()).trim();
      break;
    }
  }
  expect(toggled, "a market to add").not.toBeNull();
  return toggled;
}

async function expectProfile(page, market) {
  const form = profileForm(page);
  for (const [label, value] of Object.entries(TYPED)) await expect(form.getByLabel(label, { exact: true })).toHaveValue(value);
  for (const [label, option] of Object.entries(CHOSEN)) {
    await expect(form.getByLabel(label, { exact: true }).locator("option:checked")).toHaveText(option);
  }
  await expect(form.getByRole("checkbox", { name: market, exact: true })).toBeChecked();
}

test("every Profile field typed, another tab clicked and back: the draft is offered, Restore brings every value back, saving removes it", async ({ page }) => {
  await open(page, PROFILE);
  const before = await storedWorkspace(page);
  const saved = before.partners.find((p) => p.id === MOONMOTH);
  const market = await fillProfile(page);

  // The person clicks another tab: nothing is saved to the workspace, but nothing is
  // dropped either, and the app says where it went.
  await tab(page, "Pitch").click();
  await expect(page.getByRole("status").filter({ hasText: "kept as a draft" })).toBeVisible();
  expect(await draftKeys(page)).toEqual([PROFILE_KEY]);
  expect((await storedWorkspace(page)).partners.find((p) => p.id === MOONMOTH).name).toBe(saved.name);

  await tab(page, "Profile").click();
  await expect(offer(page)).toContainText(/You have an unsaved draft of the profile from \d{2}:\d{2}\./);
  // The form shows what is saved and waits for the answer.
  await expect(profileForm(page).getByLabel("Name", { exact: true })).toHaveValue(saved.name);
  await expect(profileForm(page)).toHaveAttribute("inert", "");

  await offer(page).getByRole("button", { name: "Restore" }).click();
  await expect(offer(page)).toHaveCount(0);
  await expectProfile(page, market);
  await expect(profileForm(page).getByText("Unsaved changes.")).toBeVisible();

  await profileForm(page).getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Partner saved." })).toBeVisible();
  await expect.poll(() => draftKeys(page)).toEqual([]);
  const after = (await storedWorkspace(page)).partners.find((p) => p.id === MOONMOTH);
  expect(after.name).toBe(TYPED.Name);
  expect(after.owner).toBe(TYPED.Owner);
  expect(after.notes).toBe(TYPED.Notes);
  expect(after.tags).toEqual(["games", "radio", "first-day"]);
  expect(after.markets.length).toBe(saved.markets.length + 1);

  // Nothing is offered any more, after a reload either.
  await page.reload();
  await expect(page.locator("#main h1")).toHaveText(TYPED.Name);
  await expect(offer(page)).toHaveCount(0);
});

test("a reload in the middle of typing a pitch ingredient loses nothing, and the memo shows what the checklist calls Ready", async ({ page }) => {
  const close = "I will send a working demo of the radio link next week and our engineer can help your team wire it up.";
  await open(page, `${PROFILE}/pitch`);
  await page.getByRole("button", { name: "Start a pitch" }).click();
  const box = page.getByRole("textbox", { name: "The close: concrete help", exact: true });
  await box.fill(close);
  // Ready in the checklist while still being typed, and so in the memo too.
  const field = page.locator(".pitch-field").filter({ has: box });
  await expect(field.locator(".pitch-status")).toHaveText("Ready");
  const memo = page.locator(".pitch-memo");
  await expect(memo).toContainText("How we can help");
  await expect(memo).toContainText(close);

  // Reload before leaving the field.
  await expect.poll(() => draftKeys(page)).toHaveLength(1);
  acceptLeaving(page);
  await page.reload();
  await expect(offer(page)).toContainText("You have an unsaved draft of the pitch from");
  await expect(box).toHaveValue("");
  await offer(page).getByRole("button", { name: "Restore" }).click();
  await expect(box).toHaveValue(close);
  await expect(field.locator(".pitch-status")).toHaveText("Ready");
  await expect(memo).toContainText(close);
  // Restoring saves it, as leaving the field would have.
  await expect.poll(async () => {
    const ws = await storedWorkspace(page);
    return ws.partners.find((p) => p.id === MOONMOTH).pitches[0].ingredients?.close;
  }).toBe(close);
  await expect.poll(() => draftKeys(page)).toEqual([]);
});

test("a new key player's draft reopens its form after a tab switch; Discard removes it for good", async ({ page }) => {
  await open(page, PROFILE);
  await page.getByRole("button", { name: "Add key player" }).click();
  const form = page.getByRole("form", { name: "New key player" });
  await form.getByLabel("Name").fill("Ines Albrecht");
  await form.getByLabel("Title").fill("Head of Audio");
  await tab(page, "Meetings").click();
  await expect(page.getByRole("heading", { name: "Meeting log" })).toBeVisible();
  expect(await draftKeys(page)).toEqual([`tandem.draft.key-player.${MOONMOTH}.new`]);

  await tab(page, "Profile").click();
  // The form opens by itself, with the offer above it.
  await expect(offer(page)).toContainText("You have an unsaved draft of a key player");
  await expect(form.getByLabel("Name")).toHaveValue("");
  await offer(page).getByRole("button", { name: "Discard" }).click();
  await expect(offer(page)).toHaveCount(0);
  await expect(form.getByLabel("Name")).toHaveValue("");
  await expect.poll(() => draftKeys(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Key players" })).toBeVisible();
  await expect(offer(page)).toHaveCount(0);
  await expect(page.getByRole("form", { name: "New key player" })).toHaveCount(0);
});

test("a meeting's next steps and readings come back after a reload", async ({ page }) => {
  await open(page, `${PROFILE}/meetings`);
  await page.getByRole("button", { name: "Record a meeting" }).click();
  const form = page.getByRole("form", { name: "Record a meeting" });
  await form.getByLabel("What was presented").fill("The radio link demo, live.");
  await form.getByRole("button", { name: "Add next step" }).click();
  await form.getByRole("textbox", { name: "Next step 1" }).fill("Send the SDK notes");
  await expect.poll(() => draftKeys(page)).toEqual([`tandem.draft.meeting.${MOONMOTH}.new`]);
  acceptLeaving(page);
  await page.reload();
  await expect(offer(page)).toContainText("You have an unsaved draft of a meeting");
  await offer(page).getByRole("button", { name: "Restore" }).click();
  await expect(form.getByLabel("What was presented")).toHaveValue("The radio link demo, live.");
  await expect(form.getByRole("textbox", { name: "Next step 1" })).toHaveValue("Send the SDK notes");
});

test("a metric value typed in the grid and not yet entered survives a reload, and Restore saves it", async ({ page }) => {
  const LOOPLINE = "demo-p-01";
  await open(page, `#/partners/${LOOPLINE}/metrics`);
  await page.getByLabel("Metric", { exact: true }).selectOption("sign-ups");
  const cell = page.locator('input[id^="mcell-demo-m-de-"]').last();
  const month = (await cell.getAttribute("id")).slice("mcell-demo-m-de-".length);
  await cell.fill("4 200");
  await expect.poll(() => draftKeys(page)).toEqual([`tandem.draft.metrics.${LOOPLINE}.-`]);
  acceptLeaving(page);
  await page.reload();
  await expect(offer(page)).toContainText("You have an unsaved draft of metric values");
  await offer(page).getByRole("button", { name: "Restore" }).click();
  await expect.poll(async () => {
    const p = (await storedWorkspace(page)).partners.find((x) => x.id === LOOPLINE);
    return p.metrics.find((s) => s.market === "demo-m-de" && s.metric === "sign-ups")?.values?.[month];
  }).toBe(4200);
  await expect.poll(() => draftKeys(page)).toEqual([]);
});

test("corrupt and hostile values under the draft keys are ignored and never touch the workspace", async ({ page }) => {
  await open(page, PROFILE);
  const workspace = await storedText(page);
  const hostile = {
    [PROFILE_KEY]: "{not json",
    [`tandem.draft.fit.${MOONMOTH}.-`]: JSON.stringify({ v: 1, at: "2026-12-06T10:42:00Z", fields: { notes: 7 } }),
    [`tandem.draft.goal.${MOONMOTH}.new`]: JSON.stringify({ v: 99, at: "2026-12-06T10:42:00Z", fields: { statement: "x" } }),
    [`tandem.draft.commitment.${MOONMOTH}.new`]: JSON.stringify({ v: 1, at: "2026-12-06T10:42:00Z", fields: { what: "x".repeat(70000) } }),
    [`tandem.draft.key-player.${MOONMOTH}.no-such-player`]: JSON.stringify({ v: 1, at: "2026-12-06T10:42:00Z", fields: { name: "Ghost" } }),
    "tandem.draft.profile.no-such-partner.-": JSON.stringify({ v: 1, at: "2026-12-06T10:42:00Z", fields: { name: "Ghost" } }),
    "tandem.draft.nonsense": "<script>alert(1)</script>",
    [`tandem.draft.meeting.${MOONMOTH}.new`]: JSON.stringify({ v: 1, at: "2026-12-06T10:42:00Z", fields: { ["__proto__"]: "x", "step.0.what": "Kept", "step.0.done": "maybe", "att.nobody.on": "true" } }),
  };
  await page.evaluate((values) => { for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }, hostile);
  await page.reload();
  await expect(page.locator("#main h1")).toHaveText("Moonmoth Games");
  // Nothing unreadable is offered; the readable meeting draft is kept for its form.
  await expect(offer(page)).toHaveCount(0);
  await expect(profileForm(page).getByLabel("Name", { exact: true })).toHaveValue("Moonmoth Games");
  await expect.poll(() => draftKeys(page)).toEqual([`tandem.draft.meeting.${MOONMOTH}.new`]);
  expect(await storedText(page)).toBe(workspace);

  // The odd but readable meeting draft: what fits the form comes back, the rest is ignored.
  await tab(page, "Meetings").click();
  await expect(offer(page)).toBeVisible();
  await offer(page).getByRole("button", { name: "Restore" }).click();
  const form = page.getByRole("form", { name: "Record a meeting" });
  await expect(form.getByRole("textbox", { name: "Next step 1" })).toHaveValue("Kept");
  expect(await storedText(page)).toBe(workspace);
});

test("closing the page asks first only while a form holds unsaved input", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const tryClose = async (page) => {
    const dialogs = [];
    page.on("dialog", async (d) => { dialogs.push(d.type()); await d.accept(); });
    const closed = page.waitForEvent("close");
    await page.close({ runBeforeUnload: true });
    await closed;
    return dialogs;
  };

  // Clean: no question.
  let page = await context.newPage();
  await page.goto(`${baseURL}${PROFILE}`);
  await profileForm(page).getByLabel("Owner", { exact: true }).click();
  expect(await tryClose(page)).toEqual([]);

  // Dirty: asked.
  page = await context.newPage();
  await page.goto(`${baseURL}${PROFILE}`);
  await profileForm(page).getByLabel("Owner", { exact: true }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" and team");
  await expect.poll(() => draftKeys(page)).toEqual([PROFILE_KEY]);
  expect(await tryClose(page)).toEqual(["beforeunload"]);

  // The draft was kept; restored and saved, nothing is dirty: no question again.
  page = await context.newPage();
  await page.goto(`${baseURL}${PROFILE}`);
  await offer(page).getByRole("button", { name: "Restore" }).click();
  await expect(profileForm(page).getByLabel("Owner", { exact: true })).toHaveValue(/ and team$/);
  await profileForm(page).getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => draftKeys(page)).toEqual([]);
  await profileForm(page).getByLabel("Owner", { exact: true }).click();
  expect(await tryClose(page)).toEqual([]);
  await context.close();
});

for (const width of [1280, 375]) {
  test(`the offer fits and is readable at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await open(page, PROFILE);
    await profileForm(page).getByLabel("Notes", { exact: true }).fill("Typed before lunch.");
    await tab(page, "Fit & ladder").click();
    await tab(page, "Profile").click();
    await expect(offer(page)).toBeVisible();
    const box = await offer(page).boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    for (const name of ["Restore", "Discard"]) {
      const b = await offer(page).getByRole("button", { name }).boundingBox();
      expect(b.x + b.width).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`draft-offer-${width}.png`) });
  });
}

test("a draft typed in another tab goes when this tab deletes its partner, with no walk of storage and no reload", async ({ page, context }) => {
  await open(page);
  const pacewell = (await storedWorkspace(page)).partners.find((p) => p.name === "Pacewell").id;
  // The other tab keeps a draft of Pacewell's profile, then closes: only this tab is
  // left to remove it, and it knows of it only from the other tab's storage event.
  const other = await context.newPage();
  await open(other, `#/partners/${pacewell}`);
  await profileForm(other).getByLabel("Owner", { exact: true }).fill("Someone new");
  const key = `tandem.draft.profile.${pacewell}.-`;
  await expect.poll(() => draftKeys(other)).toEqual([key]);
  acceptLeaving(other);
  await other.close({ runBeforeUnload: false });
  expect(await draftKeys(page)).toEqual([key]);

  const row = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: "Pacewell", exact: true }) });
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await row.getByRole("button", { name: "Confirm delete" }).click();
  await expect(row).toHaveCount(0);
  await expect.poll(() => draftKeys(page)).toEqual([]);
});
