// Two colleagues, two browser profiles, each starting empty and creating "United States"
// on their own: one's file merges into the other's workspace, and everything the file
// holds in that market (the partner's markets, its landing track, its metrics) lands
// under the receiving profile's own "United States".
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile } from "./fixtures.mjs";

/** Starts a profile empty, from the first load's banner. */
async function startEmpty(page) {
  await open(page);
  await page.getByRole("button", { name: "Start empty" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(0);
}

/** Adds a market on the Data screen, as a person sets up the catalogue. */
async function addMarket(page, name) {
  await page.getByRole("link", { name: "Data", exact: true }).click();
  await page.getByLabel("New market").fill(name);
  await page.getByRole("button", { name: "Add market" }).click();
  await expect(page.getByLabel("New market")).toHaveValue("");
}

/** Adds a partner working in `market`, with a landing track there; returns its id. */
async function addPartner(page, name, market) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await page.getByLabel("New partner name").fill(name);
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page).toHaveURL(/#\/partners\/[0-9a-f]{32}$/);
  const id = page.url().split("/").pop();
  const profile = page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });
  await profile.getByRole("checkbox", { name: market }).check();
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("All changes saved.")).toBeVisible();

  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Landing & wins" }).click();
  await page.getByRole("button", { name: "Add track" }).click();
  const form = page.getByRole("form", { name: "New landing track" });
  await form.getByLabel("Market or team").selectOption({ label: market });
  await form.getByRole("button", { name: "Add track" }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole("button", { name: `${market}: mark enabled done today` }).click();
  await expect(page.locator(".landing-progress")).toContainText("1 of 3 steps done");
  return id;
}

/** Pastes a month of users per market on the partner's Metrics tab. */
async function pasteUsers(page, id, rows) {
  await open(page, `#/partners/${id}/metrics`);
  await page.getByLabel("Metric", { exact: true }).selectOption("users");
  await page.getByRole("button", { name: "Paste from a spreadsheet" }).click();
  const table = ["Market\t2026-10\t2026-11", ...rows.map((r) => r.join("\t"))].join("\n");
  await page.getByLabel("Table of users to paste").fill(table);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Pasted \d+ values of users\./ })).toBeVisible();
}

test("two colleagues who each created United States share a file: the merge files everything under the receiver's market", async ({ page, browser, baseURL }) => {
  // The colleague: an empty profile, United States, a partner landing and measured there.
  await startEmpty(page);
  await addMarket(page, "United States");
  const pulse = await addPartner(page, "Pulse Audio", "United States");
  await pasteUsers(page, pulse, [["United States", 100, 120]]);
  const theirs = await storedWorkspace(page);
  const theirMarket = theirs.markets[0].id;
  await page.getByRole("link", { name: "Data", exact: true }).click();
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());

  // Me: another empty profile with my own "united states" (typed my way) and a partner there.
  const context = await browser.newContext({ baseURL });
  try {
    const mine = await context.newPage();
    const problems = watch(mine, new URL(baseURL).origin);
    await startEmpty(mine);
    await addMarket(mine, "united states");
    const own = await addPartner(mine, "Own Partner", "united states");
    const before = await storedWorkspace(mine);
    const myMarket = before.markets[0].id;
    expect(myMarket).not.toBe(theirMarket);

    await chooseImportFile(mine, download.suggestedFilename(), text);
    const dialog = mine.getByRole("dialog");
    // The preview says what the merge will do, and offers it only because it will work.
    await expect(dialog.locator("details.preview__group--added > summary")).toHaveText("1 added");
    await expect(dialog.locator("details.preview__group--added li")).toHaveText(["Pulse Audio"]);
    await expect(dialog.locator(".preview__matched")).toHaveText(
      "“United States” in the file is your “united states”: the file's partners, landing plans and metrics there are filed under yours.");
    await expect(dialog.getByText(/new market\(s\) join the catalogue/)).toHaveCount(0);
    await expect(dialog.locator(".preview__refused")).toHaveCount(0);
    const merge = dialog.getByRole("button", { name: "Merge into my workspace" });
    await expect(merge).toBeEnabled();
    await merge.click();
    await expect(dialog).toHaveCount(0);
    await expect(mine.getByRole("status").filter({ hasText: "Imported. The workspace now holds 2 partners." })).toBeVisible();

    // One United States, and every reference of the file's partner points at it.
    const after = await storedWorkspace(mine);
    expect(after.markets.map((m) => [m.id, m.name])).toEqual([[myMarket, "united states"]]);
    const merged = after.partners.find((p) => p.id === pulse);
    expect(merged.markets).toEqual([myMarket]);
    expect(merged.landing.map((t) => t.market)).toEqual([myMarket]);
    expect(merged.metrics.map((s) => [s.market, s.values])).toEqual([[myMarket, { "2026-10": 100, "2026-11": 120 }]]);
    expect(JSON.stringify(after)).not.toContain(theirMarket);
    expect(after.partners.find((p) => p.id === own).markets).toEqual([myMarket]);

    // What the person sees: the track and the metrics under their own United States.
    await mine.reload();
    await open(mine, `#/partners/${pulse}/landing`);
    await expect(mine.getByRole("heading", { level: 1 })).toContainText("Pulse Audio");
    await expect(mine.locator(".landing-grid tbody tr")).toHaveCount(1);
    await expect(mine.locator(".landing-grid tbody tr")).toContainText("united states");
    await expect(mine.locator(".landing-progress")).toContainText("1 of 3 steps done");
    await open(mine, `#/partners/${pulse}/metrics`);
    await mine.getByLabel("Metric", { exact: true }).selectOption("users");
    await expect(mine.locator(`#mcell-${myMarket}-2026-11`)).toHaveValue("120");
    await expect(mine.locator(`#mcell-${myMarket}-2026-10`)).toHaveValue("100");
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});

test("a file that cannot be merged says so in the preview, naming the records, and Merge is not offered", async ({ page }) => {
  await startEmpty(page);
  await addMarket(page, "United States");
  const own = await addPartner(page, "Own Partner", "United States");
  const before = await storedWorkspace(page);
  // A colleague's file whose key player happens to carry our partner's id.
  const file = {
    format: "tandem", version: 2, scope: "partners", saved_at: "2026-11-23T10:00:00Z",
    workspace: {
      program_name: "Theirs",
      markets: [{ id: "their-us", created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z", name: "UNITED STATES" }],
      partners: [{
        id: "their-p", created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z", name: "Pulse Audio",
        category: "other", position: "niche", stage: "research", ladder: "self_serve", markets: ["their-us"],
        key_players: [{ id: own, created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z", name: "Ana Ruiz",
          role: "influencer", influence: 3, stance: "neutral" }],
        landing: [{ id: "t1", market: "their-us" }],
      }],
    },
  };
  await chooseImportFile(page, "clash.json", JSON.stringify(file));
  const dialog = page.getByRole("dialog");
  const refused = dialog.locator(".preview__refused");
  await expect(refused).toContainText("This file cannot be merged into your workspace as it stands.");
  await expect(refused.locator("li")).toHaveText([
    `Key player "Ana Ruiz" of partner "Pulse Audio", id: has the same id as partner "Own Partner" (both are ${own}); ids must be unique (at partners[1].key_players[0].id)`,
  ]);
  await expect(dialog.getByRole("button", { name: "Merge into my workspace" })).toBeDisabled();
  // Replace is still offered, and makes the workspace the file's.
  await dialog.getByRole("radio", { name: /Replace/ }).check();
  await expect(refused).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Replace my workspace" })).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await storedWorkspace(page)).toEqual(before);
});
