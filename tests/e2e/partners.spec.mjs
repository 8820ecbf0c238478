import { test, expect, open, storedWorkspace, storedText, expectSameText, STORAGE_KEY, envelope, withoutStamps } from "./fixtures.mjs";

// The demo's partners in name order (case-insensitive), as the table lists them first.
const DEMO_BY_NAME = [
  "Brightcourt Media", "Dashline Auto", "Gatehouse Live", "Hearthpod", "Hollow Oak Audio",
  "Kestrel Phones", "Loopline", "Moonmoth Games", "Pacewell", "Stridecraft", "Swervo",
  "Tellara Mobile", "Zuri Pay",
];
const DEMO_LIVE = ["Brightcourt Media", "Loopline", "Swervo", "Tellara Mobile"];

const rows = (page) => page.locator("tbody tr");
const rowNames = (page) => page.locator("tbody th");
const row = (page, name) =>
  page.locator("tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });
const profileForm = (page) =>
  page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });

test("a new partner's profile and key player are saved and survive a reload", async ({ page }) => {
  // The clock is set so the key player's edit comes a minute after it was added (the
  // same-second case has its own test below).
  await page.clock.setFixedTime(new Date("2026-11-23T10:00:00Z"));
  await open(page);
  await page.getByLabel("New partner name").fill("Aurora Labs");
  await page.getByRole("button", { name: "Add partner" }).click();

  // Lands on the new partner's page.
  await expect(page).toHaveURL(/#\/partners\/[0-9a-f]{32}$/);
  const url = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aurora Labs");

  const form = profileForm(page);
  await form.getByLabel("Website").fill("https://aurora.example/about");
  await form.getByLabel("Category").selectOption({ label: "Content" });
  await form.getByLabel("Market position").selectOption({ label: "Disruptor" });
  await form.getByLabel("Stage").selectOption({ label: "Negotiating" });
  await form.getByLabel("Owner").fill("Test Owner");
  await form.getByLabel("Tags").fill("audio,  beta , ");
  await form.getByRole("checkbox", { name: "Japan" }).check();
  await form.getByRole("checkbox", { name: "Brazil" }).check();
  await form.getByLabel("Notes").fill("First line.\nSecond line with <b>markup</b>.");
  await expect(form.getByText("Unsaved changes.")).toBeVisible();
  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Partner saved." })).toBeVisible();
  await expect(form.getByText("All changes saved.")).toBeVisible();
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  await expect(page.getByRole("link", { name: /https:\/\/aurora\.example\/about/ })).toHaveAttribute(
    "href", "https://aurora.example/about");

  // A key player.
  await page.getByRole("button", { name: "Add key player" }).click();
  const kpForm = page.getByRole("form", { name: "New key player" });
  await kpForm.getByLabel("Name").fill("Zelda Quinn");
  await kpForm.getByLabel("Title").fill("CTO");
  await kpForm.getByLabel("Role in the decision").selectOption({ label: "Decision maker" });
  await kpForm.getByLabel("Influence (1–5)").fill("4");
  await kpForm.getByLabel("Stance").selectOption({ label: "Champion" });
  await kpForm.getByRole("button", { name: "Save key player" }).click();
  await expect(kpForm).toHaveCount(0);
  const players = page.locator(".kp-list > li");
  await expect(players).toHaveCount(1);
  await expect(players.first()).toContainText("Zelda Quinn");
  await expect(players.first()).toContainText("CTO");
  await expect(players.first()).toContainText("Decision maker");
  await expect(players.first()).toContainText("Champion");
  await expect(players.first().getByLabel("Influence 4 of 5")).toBeVisible();

  // Edit the key player.
  await page.clock.setFixedTime(new Date("2026-11-23T10:01:00Z"));
  await page.getByRole("button", { name: "Edit Zelda Quinn" }).click();
  const editForm = page.getByRole("form", { name: "Edit Zelda Quinn" });
  await expect(editForm.getByLabel("Name")).toHaveValue("Zelda Quinn");
  await expect(editForm.getByLabel("Influence (1–5)")).toHaveValue("4");
  await editForm.getByLabel("Title").fill("Chief Technology Officer");
  await editForm.getByLabel("Stance").selectOption({ label: "Supportive" });
  await editForm.getByLabel("Influence (1–5)").fill("5");
  await editForm.getByRole("button", { name: "Save key player" }).click();
  await expect(editForm).toHaveCount(0);
  await expect(players).toHaveCount(1);
  await expect(players.first()).toContainText("Chief Technology Officer");
  await expect(players.first()).toContainText("Supportive");
  await expect(players.first().getByLabel("Influence 5 of 5")).toBeVisible();

  // Everything is in local storage…
  await expect.poll(async () => {
    const ws = await storedWorkspace(page);
    const p = ws.partners.find((x) => x.name === "Aurora Labs");
    return p && { owner: p.owner, tags: p.tags, stage: p.stage, kp: p.key_players.map((k) => [k.name, k.title, k.influence, k.stance, k.role]) };
  }).toEqual({
    owner: "Test Owner", tags: ["audio", "beta"], stage: "negotiating",
    kp: [["Zelda Quinn", "Chief Technology Officer", 5, "supportive", "decision_maker"]],
  });

  // …and after a reload, on the partner's page…
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aurora Labs");
  const again = profileForm(page);
  await expect(again.getByLabel("Name")).toHaveValue("Aurora Labs");
  await expect(again.getByLabel("Website")).toHaveValue("https://aurora.example/about");
  await expect(again.getByLabel("Category")).toHaveValue("content");
  await expect(again.getByLabel("Market position")).toHaveValue("disruptor");
  await expect(again.getByLabel("Stage")).toHaveValue("negotiating");
  // The ladder level is shown, not edited, here: moves go through Fit & ladder.
  await expect(again.getByText("Self-serve / public API")).toBeVisible();
  await expect(again.getByLabel("Owner")).toHaveValue("Test Owner");
  await expect(again.getByLabel("Tags")).toHaveValue("audio, beta");
  await expect(again.getByRole("checkbox", { name: "Japan" })).toBeChecked();
  await expect(again.getByRole("checkbox", { name: "Brazil" })).toBeChecked();
  await expect(again.getByRole("checkbox", { name: "Germany" })).not.toBeChecked();
  await expect(again.getByLabel("Notes")).toHaveValue("First line.\nSecond line with <b>markup</b>.");
  await expect(again.getByText("All changes saved.")).toBeVisible();
  await expect(page.locator(".kp-list > li")).toHaveCount(1);
  await expect(page.locator(".kp-list > li").first()).toContainText("Chief Technology Officer");
  await expect(page.locator(".kp-list > li").first().getByLabel("Influence 5 of 5")).toBeVisible();

  // …and in the table.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(rows(page)).toHaveCount(14);
  const r = row(page, "Aurora Labs");
  await expect(r.locator("td")).toHaveText([
    "Content", "Disruptor", "Negotiating", /^(Brazil, Japan|Japan, Brazil)$/, "Test Owner", "1",
    /^(\d+|—)$/, /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, "Delete",
  ]);
  // The table search finds it by its key player.
  await page.getByRole("searchbox", { name: "Search" }).fill("zelda");
  await expect(rowNames(page)).toHaveText(["Aurora Labs"]);
});

test("editing a key player in the same second it was saved shows the edit", async ({ page }) => {
  // Saves are stamped to the second: a quick second save must still show.
  await page.clock.setFixedTime(new Date("2026-11-23T10:00:00Z"));
  await open(page, "#/partners/demo-p-01");
  await page.getByRole("button", { name: "Edit Dana Whitlock" }).click();
  const form = page.getByRole("form", { name: "Edit Dana Whitlock" });
  await form.getByLabel("Title").fill("First edit");
  await form.getByRole("button", { name: "Save key player" }).click();
  await expect(form).toHaveCount(0);
  const dana = page.locator(".kp-list > li").filter({ hasText: "Dana Whitlock" });
  await expect(dana).toContainText("First edit");

  await page.getByRole("button", { name: "Edit Dana Whitlock" }).click();
  await form.getByLabel("Title").fill("Second edit");
  await form.getByLabel("Stance").selectOption({ label: "Blocker" });
  await form.getByRole("button", { name: "Save key player" }).click();
  await expect(form).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).partners[0].key_players[0].title).toBe("Second edit");
  await expect(dana).toContainText("Second edit");
  await expect(dana).toContainText("Blocker");
});

test("a blank name shows 'is required' and disables Save", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  const before = await storedText(page);
  const form = profileForm(page);
  const name = form.getByLabel("Name");
  await expect(name).toHaveValue("Loopline");
  await name.fill("   ");
  await expect(form.locator("#e-name")).toHaveText("is required");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  await expect(form.getByText("Fix the marked fields to save.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unnamed partner");
  // Pressing Enter in the form does not save either.
  await name.press("Enter");
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  expectSameText(await storedText(page), before);

  // Typing a name back clears the error.
  await name.fill("Loopline 2");
  await expect(form.locator("#e-name")).toHaveText("");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("button", { name: "Save profile" })).toBeEnabled();
});

test("a javascript: website is refused inline and never saved", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  const before = await storedText(page);
  const form = profileForm(page);
  await form.getByLabel("Website").fill("javascript:alert(1)");
  await expect(form.locator("#e-website")).toHaveText("must start with http:// or https://");
  await expect(form.getByLabel("Website")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  await form.getByLabel("Website").press("Enter");
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  expectSameText(await storedText(page), before);
  // The stored website still links, and no javascript: link exists anywhere.
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);

  await page.reload();
  await expect(profileForm(page).getByLabel("Website")).toHaveValue("https://loopline.example");
});

test("a website that would show one site and open another is refused, and the link shows its host", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  const before = await storedText(page);
  const form = profileForm(page);
  const website = form.getByLabel("Website");
  for (const [url, message] of [
    ["https://bank.example@evil.example/login",
      "has “bank.example@” before the host, so it would open evil.example: remove everything up to the @"],
    ["https://evil.example/\u202Eexe.txt",
      "contains an invisible formatting character (U+202E), which can disguise where the link goes: type the address again"],
    ["https://bank.example\u200B.evil.example",
      "contains an invisible formatting character (U+200B), which can disguise where the link goes: type the address again"],
  ]) {
    await website.fill(url);
    await expect(form.locator("#e-website")).toHaveText(message);
    await expect(website).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
  }
  expectSameText(await storedText(page), before);

  // An accepted address is shown with its host standing out: bold, between a muted
  // scheme and path; the link's text is still the whole address.
  await website.fill("https://bank.example.evil.example/login?next=bank.example");
  await form.getByRole("button", { name: "Save profile" }).click();
  const link = page.locator(".screen__head a.website");
  await expect(link).toHaveAttribute("href", "https://bank.example.evil.example/login?next=bank.example");
  await expect(link.locator(".website__host")).toHaveText("bank.example.evil.example");
  await expect(link.locator(".website__scheme")).toHaveText("https://");
  await expect(link.locator(".website__rest")).toHaveText("/login?next=bank.example");
  await expect(link).toHaveText("https://bank.example.evil.example/login?next=bank.example ↗");
  const weight = (l) => l.evaluate((el) => Number(getComputedStyle(el).fontWeight));
  expect(await weight(link.locator(".website__host"))).toBeGreaterThan(await weight(link.locator(".website__rest")));
});

test("influence 9 on a key player shows '9 is outside 1–5' and nothing is saved", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  const before = await storedWorkspace(page);
  await expect(page.locator(".kp-list > li")).toHaveCount(4);
  await page.getByRole("button", { name: "Add key player" }).click();
  const kpForm = page.getByRole("form", { name: "New key player" });
  await kpForm.getByLabel("Name").fill("Nine Influence");
  await kpForm.getByLabel("Influence (1–5)").fill("9");
  await kpForm.getByRole("button", { name: "Save key player" }).click();
  await expect(kpForm.locator(".field__error").filter({ hasText: "9 is outside 1–5" })).toBeVisible();
  await expect(kpForm.getByLabel("Influence (1–5)")).toHaveAttribute("aria-invalid", "true");
  await expect(kpForm).toBeVisible();
  expect(await storedWorkspace(page)).toEqual(before);
  await kpForm.getByRole("button", { name: "Cancel" }).click();
  await expect(kpForm).toHaveCount(0);
  await expect(page.locator(".kp-list > li")).toHaveCount(4);
  await expect(page.locator(".kp-list")).not.toContainText("Nine Influence");

  // Editing an existing key player to 9 is refused too.
  await page.getByRole("button", { name: "Edit Dana Whitlock" }).click();
  const editForm = page.getByRole("form", { name: "Edit Dana Whitlock" });
  await editForm.getByLabel("Influence (1–5)").fill("9");
  await editForm.getByRole("button", { name: "Save key player" }).click();
  await expect(editForm.locator(".field__error").filter({ hasText: "9 is outside 1–5" })).toBeVisible();
  expect(await storedWorkspace(page)).toEqual(before);

  await page.reload();
  await expect(page.locator(".kp-list > li")).toHaveCount(4);
  const ws = await storedWorkspace(page);
  expect(ws.partners[0].key_players.map((k) => k.influence)).toEqual([5, 4, 2, 3]);
  expect(ws.partners[0]).toEqual(before.partners[0]);
});

test("a refused edit does not rewrite local storage", async ({ page }) => {
  // The app stamps `saved_at` with the clock; moving the clock on between the load and
  // the refused edit makes any rewrite visible, byte for byte.
  await page.clock.setFixedTime(new Date("2026-11-23T10:00:00Z"));
  await open(page, "#/partners/demo-p-01");
  await expect.poll(() => storedText(page)).not.toBeNull();
  const before = await storedText(page);
  await page.clock.setFixedTime(new Date("2026-11-23T10:05:00Z"));
  await page.getByRole("button", { name: "Add key player" }).click();
  const kpForm = page.getByRole("form", { name: "New key player" });
  await kpForm.getByLabel("Name").fill("Nine Influence");
  await kpForm.getByLabel("Influence (1–5)").fill("9");
  await kpForm.getByRole("button", { name: "Save key player" }).click();
  await expect(kpForm.locator(".field__error").filter({ hasText: "9 is outside 1–5" })).toBeVisible();
  expectSameText(await storedText(page), before, "local storage (written although the edit was refused)");
});

test("the table sorts by name and the Name header toggles the order", async ({ page }) => {
  await open(page);
  const name = page.getByRole("columnheader", { name: "Name" });
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  await expect(rowNames(page)).toHaveText(DEMO_BY_NAME);
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "descending");
  await expect(rowNames(page)).toHaveText([...DEMO_BY_NAME].reverse());
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  await expect(rowNames(page)).toHaveText(DEMO_BY_NAME);

  // Another column sorts by it, with name as the tie-break.
  const stage = page.getByRole("columnheader", { name: "Stage" });
  await stage.getByRole("button").click();
  await expect(stage).toHaveAttribute("aria-sort", "ascending");
  await expect(name).toHaveAttribute("aria-sort", "none");
  await expect(page.locator("tbody td:nth-of-type(3)")).toHaveText([
    "Research", "Research", "Pitching", "Negotiating", "Negotiating", "Signed", "Landing",
    "Live", "Live", "Live", "Live", "Paused", "Walked away",
  ]);
  await expect(rowNames(page).nth(7)).toHaveText("Brightcourt Media");
});

test("filtering by stage Live lists exactly the live partners", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Stage" }).selectOption({ label: "Live" });
  await expect(rowNames(page)).toHaveText(DEMO_LIVE);
  await expect(page.getByText("Showing 4 of 13 partners")).toBeVisible();
  for (const r of await rows(page).all()) await expect(r.locator("td").nth(2)).toHaveText("Live");

  // Filters combine: live and in Germany.
  await page.getByRole("combobox", { name: "Market" }).selectOption({ label: "Germany" });
  await expect(rowNames(page)).toHaveText(["Loopline", "Tellara Mobile"]);

  // A combination nothing matches says so.
  await page.getByRole("combobox", { name: "Category" }).selectOption({ label: "Content" });
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByText("No partner matches this search and these filters.")).toBeVisible();

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows(page)).toHaveCount(13);
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue("");
});

test("Not set in a filter finds the partners that leave its field empty", async ({ page }) => {
  await open(page);
  // A partner added by name alone has no category, market position or market; every
  // partner of the demo has all three.
  await page.getByLabel("New partner name").fill("Aurora Labs");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aurora Labs");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(rows(page)).toHaveCount(14);
  for (const filter of ["Category", "Position", "Market"]) {
    const select = page.getByRole("combobox", { name: filter });
    await select.selectOption({ label: "Not set" });
    await expect(rowNames(page)).toHaveText(["Aurora Labs"]);
    await expect(page.getByText("Showing 1 of 14 partners")).toBeVisible();
    await select.selectOption({ label: "Any" });
    await expect(rows(page)).toHaveCount(14);
  }
  // A chosen value leaves it out, and Not set combines with the other filters.
  await page.getByRole("combobox", { name: "Category" }).selectOption({ label: "Content" });
  await expect(rowNames(page)).not.toContainText(["Aurora Labs"]);
  await page.getByRole("combobox", { name: "Category" }).selectOption({ label: "Not set" });
  await page.getByRole("combobox", { name: "Stage" }).selectOption({ label: "Live" });
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows(page)).toHaveCount(14);
  await expect(page.getByRole("combobox", { name: "Category" })).toHaveValue("");
});

test("searching finds partners by a key player's name, tag or owner", async ({ page }) => {
  await open(page);
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill("ingrid");
  await expect(rowNames(page)).toHaveText(["Tellara Mobile"]);
  await expect(page.getByText("Showing 1 of 13 partners")).toBeVisible();
  await search.fill("in-car");
  await expect(rowNames(page)).toHaveText(["Dashline Auto", "Swervo"]);
  await search.fill("kofi  walked");
  await expect(rowNames(page)).toHaveText(["Kestrel Phones"]);
  await search.fill("no such thing anywhere");
  await expect(rows(page)).toHaveCount(0);
  await search.fill("");
  await expect(rows(page)).toHaveCount(13);
});

test("delete asks for confirmation, Undo restores the row, and the restore is saved", async ({ page }) => {
  await open(page);
  const original = await storedWorkspace(page);
  const pacewell = row(page, "Pacewell");
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  // Cancel keeps it.
  await pacewell.getByRole("button", { name: "Cancel" }).click();
  await expect(rows(page)).toHaveCount(13);
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await pacewell.getByRole("button", { name: "Confirm delete" }).click();
  await expect(pacewell).toHaveCount(0);
  await expect(rows(page)).toHaveCount(12);
  const toast = page.getByRole("status").filter({ hasText: "Deleted Pacewell." });
  await expect(toast).toBeVisible();
  await expect.poll(async () => (await storedWorkspace(page)).partners.length).toBe(12);

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored Pacewell." })).toBeVisible();
  await expect(rows(page)).toHaveCount(13);
  await expect(pacewell).toHaveCount(1);
  // Restored exactly, in its old place, with a new edit stamp (the restore is an edit:
  // another tab that heard of the deletion takes it back too).
  await expect.poll(async () => withoutStamps(await storedWorkspace(page))).toEqual(withoutStamps(original));
  expect((await storedWorkspace(page)).partners.find((p) => p.name === "Pacewell").stamp).toMatch(/^\d+-\d+-[0-9a-f]{16}$/);

  await page.reload();
  await expect(rows(page)).toHaveCount(13);
  await expect(row(page, "Pacewell")).toHaveCount(1);
});

test("a deep link to a partner opens it, and reloading there keeps it", async ({ page }) => {
  await open(page, "#/partners/demo-p-02");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tellara Mobile");
  await expect(profileForm(page).getByLabel("Owner")).toHaveValue("Jonas Weber");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" })).toHaveAttribute("aria-current", "page");
  await page.reload();
  await expect(page).toHaveURL(/#\/partners\/demo-p-02$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tellara Mobile");
  await expect(page.locator(".kp-list > li")).toHaveCount(4);
  // The crumb leads back to the table.
  await page.locator(".crumbs").getByRole("link", { name: "Partners" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partners");
  await expect(rows(page)).toHaveCount(13);
});

test("unknown or malformed partner ids show 'not found' without errors", async ({ page }) => {
  await open(page, "#/partners/<script>");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await expect(page.getByRole("link", { name: "Go to the partner list" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");

  await open(page, "#/partners/<script>alert(1)</script>");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await expect(page.getByRole("link", { name: "Go to the partner list" })).toBeVisible();

  await open(page, "#/partners/nope");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner not found");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner not found");

  await open(page, "#/partners/\"><img src=x onerror=alert(1)>");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await expect(page.locator("img")).toHaveCount(0);

  await open(page, "#/nowhere/at/all");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");

  // Navigating in-app (a hash change, not a load) to a bad id also shows not found.
  await page.evaluate(() => { location.hash = "#/partners/no_such_partner"; });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner not found");
  await page.getByRole("link", { name: "Back to the partner list" }).click();
  await expect(rows(page)).toHaveCount(13);
});

test("Revert puts back the stored values without saving", async ({ page }) => {
  await open(page, "#/partners/demo-p-02");
  const before = await storedWorkspace(page);
  const form = profileForm(page);
  await form.getByLabel("Owner").fill("Someone Else");
  await form.getByLabel("Stage").selectOption("paused");
  await form.getByRole("checkbox", { name: "Germany" }).uncheck();
  await expect(form.getByText("Unsaved changes.")).toBeVisible();
  await form.getByRole("button", { name: "Revert" }).click();
  await expect(form.getByLabel("Owner")).toHaveValue("Jonas Weber");
  await expect(form.getByLabel("Stage")).toHaveValue("live");
  await expect(form.getByRole("checkbox", { name: "Germany" })).toBeChecked();
  await expect(form.getByText("All changes saved.")).toBeVisible();
  await expect(form.getByRole("button", { name: "Revert" })).toBeDisabled();
  expect(await storedWorkspace(page)).toEqual(before);
});

test("removing a key player asks for confirmation and is saved", async ({ page }) => {
  await open(page, "#/partners/demo-p-02");
  const players = page.locator(".kp-list > li");
  await expect(players).toHaveCount(4);
  const diego = players.filter({ hasText: "Diego Salas" });
  await diego.getByRole("button", { name: "Remove" }).click();
  await diego.getByRole("button", { name: "Cancel" }).click();
  await expect(players).toHaveCount(4);
  await diego.getByRole("button", { name: "Remove" }).click();
  await diego.getByRole("button", { name: "Confirm remove" }).click();
  await expect(players).toHaveCount(3);
  await expect(page.getByRole("status").filter({ hasText: "Removed Diego Salas." })).toBeVisible();
  await expect.poll(async () => (await storedWorkspace(page)).partners[1].key_players.map((k) => k.name))
    .toEqual(["Ingrid Solberg", "Marco Bellandi", "Elke Hoffmann"]);
  await page.reload();
  await expect(page.locator(".kp-list > li")).toHaveCount(3);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(row(page, "Tellara Mobile").locator("td").nth(5)).toHaveText("3");
});

test("a long list shows 50 rows at a time with Show more and Show all", async ({ page }) => {
  await open(page);
  const ws = await storedWorkspace(page);
  const t = "2026-01-01T00:00:00Z";
  ws.partners = Array.from({ length: 250 }, (_, i) => ({
    id: `bulk-${i}`, created: t, updated: t, name: `Bulk ${String(i).padStart(3, "0")}`,
    category: "platform", position: "niche", stage: "research", ladder: "self_serve",
  }));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(envelope(ws))]);
  await page.reload();
  // The count says when only the first rows are shown.
  await expect(page.locator(".count")).toHaveText("Showing the first 50 of 250 partners");
  await expect(page.locator("tbody tr")).toHaveCount(50);
  await page.getByRole("button", { name: "Show 50 more" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(100);
  await expect(page.locator(".count")).toHaveText("Showing the first 100 of 250 partners");
  await page.getByRole("button", { name: "Show all 250" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(250);
  await expect(page.locator(".count")).toHaveText("Showing 250 of 250 partners");
  await expect(page.getByRole("button", { name: /Show all/ })).toHaveCount(0);
  // A new search starts again from the first page.
  await page.getByRole("searchbox").fill("bulk");
  await expect(page.locator(".count")).toHaveText("Showing the first 50 of 250 partners");
  await expect(page.locator("tbody tr")).toHaveCount(50);
  // Bulk 024, 124, 224 and 240 to 249.
  await page.getByRole("searchbox").fill("bulk 24");
  await expect(page.locator(".count")).toHaveText("Showing 13 of 250 partners");
  await expect(page.getByRole("button", { name: /Show/ })).toHaveCount(0);
});
