// Setup where a person expects it (issue 14, point 3), in a partnerships lead's own
// steps: markets added from the partner's profile, its landing plan and its metrics;
// the program renamed from the header; a new program started at any time with the
// backup named; new partners' category and market position left "Not set" until
// chosen; and two tabs that each created "United States" ending with one market.
import { test, expect, open, watch, storedWorkspace } from "./fixtures.mjs";

/** Starts empty from the first load's banner. */
async function startEmpty(page) {
  await open(page);
  await page.getByRole("button", { name: "Start empty" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(0);
}

/** Adds a partner from the partner list; returns its id (the page is its profile). */
async function addPartner(page, name) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await page.getByLabel("New partner name").fill(name);
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page).toHaveURL(/#\/partners\/[0-9a-f]{32}$/);
  return page.url().split("/").pop();
}

const profileForm = (page) => page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });

/** Opens "Add market…" in `scope`, types the name and presses Enter. */
async function addMarketHere(page, scope, name) {
  await scope.getByRole("button", { name: "Add market…" }).click();
  const field = scope.getByRole("textbox", { name: "New market" });
  await expect(field).toBeFocused();
  await field.fill(name);
  await field.press("Enter");
}

/** The market names on the Data screen's catalogue. */
async function catalogue(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  // The Data screen loads on demand, and allTextContents does not wait: read the list
  // once the settings panel it belongs to is on screen.
  await expect(page.getByPlaceholder("New market, e.g. Brazil")).toBeVisible();
  return page.locator(".market-list li > span").allTextContents();
}

test("a lead adds markets from the profile, the landing plan and the metrics; a repeated name is refused and undo takes one back", async ({ page }) => {
  await startEmpty(page);
  const id = await addPartner(page, "Loopline");
  const profile = profileForm(page);
  await expect(profile.getByText("No markets in the catalogue yet")).toBeVisible();
  // Unsaved notes stay unsaved and kept while a market is added.
  await profile.getByLabel("Notes").fill("Met at the Berlin summit.");
  await addMarketHere(page, profile, "United States");
  await expect(profile.getByRole("checkbox", { name: "United States" })).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Added United States to the markets." })).toBeVisible();
  await expect(profile.getByLabel("Notes")).toHaveValue("Met at the Berlin summit.");
  await expect(profile.getByText("Unsaved changes.")).toBeVisible();
  // The market is saved with the partner already: only the notes wait for Save.
  let stored = await storedWorkspace(page);
  expect(stored.markets.map((m) => m.name)).toEqual(["United States"]);
  expect(stored.partners[0].markets).toEqual([stored.markets[0].id]);
  expect(stored.partners[0].notes ?? "").toBe("");

  // The same name again, in other case and accents and spacing: refused by name.
  await addMarketHere(page, profile, "  united   STATES ");
  await expect(profile.getByRole("alert").filter({ hasText: "The market name is already taken by market \"United States\"." })).toBeVisible();
  await profile.getByRole("button", { name: "Cancel" }).click();
  await expect(profile.getByRole("button", { name: "Add market…" })).toBeFocused();
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("All changes saved.")).toBeVisible();

  // The landing plan: a new track's market added in place and chosen.
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Landing & wins" }).click();
  await page.getByRole("button", { name: "Add track" }).click();
  const track = page.getByRole("form", { name: "New landing track" });
  await addMarketHere(page, track, "Brazil");
  await expect(track.getByLabel("Market or team")).toHaveValue(/.+/);
  await expect(track.getByLabel("Market or team").locator("option:checked")).toHaveText("Brazil");
  await track.getByRole("button", { name: "Add track" }).click();
  await expect(page.locator(".landing-grid tbody tr").filter({ hasText: "Brazil" })).toHaveCount(1);

  // The metrics grid: a row for the market added there.
  await open(page, `#/partners/${id}/metrics`);
  await expect(page.locator(".metrics-grid__table tbody th")).toHaveText(["United States", "Brazil"]);
  await addMarketHere(page, page.locator(".metrics-grid"), "México");
  await expect(page.locator(".metrics-grid__table tbody th")).toHaveText(["United States", "Brazil", "México"]);

  // One undo step takes the last market out of the catalogue and the partner.
  await page.getByRole("button", { name: "Undo add market México" }).click();
  await expect(page.locator(".metrics-grid__table tbody th")).toHaveText(["United States", "Brazil"]);
  expect(await catalogue(page)).toEqual(["United States", "Brazil"]);
});

test("the program is renamed from the header, by keyboard, validated and undoable", async ({ page }) => {
  await open(page, "#/partners");
  const header = page.locator(".app-header");
  const before = await header.locator(".brand__program").textContent();
  const button = header.getByRole("button", { name: /^Program: .*Rename it or start a new program$/ });
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Program" });
  const name = dialog.getByLabel("Program name");
  await expect(name).toBeFocused();
  await expect(name).toHaveValue(before);
  await name.fill("   ");
  await name.press("Enter");
  await expect(dialog.getByRole("alert").filter({ hasText: /^The name / })).toBeVisible();
  await name.fill("Northwind Alliances");
  await name.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(header.locator(".brand__program")).toHaveText("Northwind Alliances");
  await expect(button).toBeFocused();
  await expect.poll(async () => (await storedWorkspace(page)).program_name).toBe("Northwind Alliances");
  await page.getByRole("button", { name: "Undo rename the program" }).click();
  await expect(header.locator(".brand__program")).toHaveText(before);
  // Escape closes the dialog and changes nothing.
  await button.click();
  await dialog.getByLabel("Program name").fill("Not this");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(header.locator(".brand__program")).toHaveText(before);
});

test("a new program can start at any time: the confirmation names what is replaced, and the backup brings it back", async ({ page }) => {
  await open(page, "#/partners");
  // Past the first load's banner: the demo is kept.
  await page.getByRole("button", { name: "Keep the demo" }).click();
  const before = await storedWorkspace(page);
  const partners = before.partners.length;
  await page.locator(".brand__program-button").click();
  const dialog = page.getByRole("dialog", { name: "Program" });
  await dialog.getByRole("button", { name: "Start a new program…" }).click();
  const target = before.program ? " and the program's target and levers" : "";
  const markets = before.markets.length;
  await expect(dialog.getByRole("alert").filter({ hasText: "This replaces" })).toHaveText(
    target
      ? `This replaces “${before.program_name}”: ${partners} partners, ${markets} markets${target}.`
      : `This replaces “${before.program_name}”: ${partners} partners and ${markets} markets.`,
  );
  await expect(dialog).toContainText("Data → Backup → Restore the backup");
  // Cancel leaves everything as it was.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.getByRole("button", { name: "Start a new program…" }).click();
  await dialog.getByLabel("Name of the new program").fill("Riffly 2027");
  await dialog.getByRole("button", { name: "Replace with a new program" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(".brand__program")).toHaveText("Riffly 2027");
  await expect(page.locator("tbody tr")).toHaveCount(0);
  const fresh = await storedWorkspace(page);
  expect([fresh.program_name, fresh.partners.length, fresh.markets.length]).toEqual(["Riffly 2027", 0, 0]);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  const backup = page.getByRole("region", { name: "Backup" });
  await expect(backup).toContainText(new RegExp(`Kept before “Start a new program, [^”]+”: ${partners} partners\\.`));
  await backup.getByRole("button", { name: "Restore the backup" }).click();
  await expect(page.locator(".brand__program")).toHaveText(before.program_name);
  await expect.poll(async () => (await storedWorkspace(page)).partners.length).toBe(partners);
});

test("a new partner's category and market position read Not set until chosen, and the effort on incumbents leaves it out", async ({ page }) => {
  await startEmpty(page);
  await addPartner(page, "Wavelet");
  const profile = profileForm(page);
  for (const label of ["Category", "Market position"]) {
    await expect(profile.getByLabel(label).locator("option:checked")).toHaveText("Not set — choose…");
  }
  await expect(profile.getByText("until then the effort on incumbents leaves this partner out")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  const row = page.locator("tbody tr").filter({ hasText: "Wavelet" });
  await expect(row.locator("td").nth(0)).toHaveText("Not set");
  await expect(row.locator("td").nth(1)).toHaveText("Not set");
  let stored = await storedWorkspace(page);
  expect("category" in stored.partners[0] || "position" in stored.partners[0]).toBe(false);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  const effort = page.locator(".incumbent-effort");
  await expect(effort).toContainText("1 partner in pursuit has no market position set and is left out");
  await expect(effort).toContainText("0 of 0 partners in pursuit are incumbents");

  // Chosen on the profile: now it counts, and it is stored.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await row.getByRole("link", { name: "Wavelet" }).click();
  await profile.getByLabel("Category").selectOption({ label: "Content" });
  await profile.getByLabel("Market position").selectOption({ label: "Incumbent" });
  await expect(profile.getByText("until then the effort on incumbents leaves this partner out")).toHaveCount(0);
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("All changes saved.")).toBeVisible();
  stored = await storedWorkspace(page);
  expect([stored.partners[0].category, stored.partners[0].position]).toEqual(["content", "incumbent"]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(effort).toContainText("1 of 1 partners in pursuit are incumbents");
  await expect(effort).not.toContainText("no market position set");
});

test("two tabs that each create United States before seeing the other's save end with one market", async ({ page, context, baseURL }) => {
  await startEmpty(page);
  const loopline = await addPartner(page, "Loopline");
  const pacewell = await addPartner(page, "Pacewell");
  // The second tab holds back other tabs' saves while told to, as a tab busy or asleep
  // would take them in late; its own saves still reach the first tab at once.
  await context.addInitScript(() => {
    window.__held = [];
    window.__hold = false;
    window.addEventListener("storage", (ev) => {
      if (window.__hold) {
        window.__held.push(ev.key);
        ev.stopImmediatePropagation();
      }
    }, true);
  });
  const other = await context.newPage();
  const problems = watch(other, new URL(baseURL).origin);
  await open(other, `#/partners/${pacewell}`);
  await other.evaluate(() => { window.__hold = true; });

  // Each tab adds "United States" to a different partner.
  await open(page, `#/partners/${loopline}`);
  await addMarketHere(page, profileForm(page), "United States");
  await expect(profileForm(page).getByRole("checkbox", { name: "United States" })).toBeChecked();
  await addMarketHere(other, profileForm(other), "united states");
  await expect(profileForm(other).getByRole("checkbox", { name: "united states" })).toBeChecked();

  // The first tab took the second's save in at once and saved the two as one market,
  // both partners in it.
  await expect.poll(async () => {
    const ws = await storedWorkspace(page);
    return [ws.markets.length, ...ws.partners.map((p) => p.markets?.[0] === ws.markets[0]?.id)];
  }).toEqual([1, true, true]);
  await expect(profileForm(page).getByRole("checkbox")).toHaveCount(1);
  // The second tab now takes in what it held.
  await other.evaluate(() => {
    window.__hold = false;
    // The manifest's event: the others are its entries being written and removed.
    const key = window.__held.filter((k) => k.startsWith("tandem.store")).at(-1);
    window.dispatchEvent(new StorageEvent("storage", { key, newValue: localStorage.getItem(key), storageArea: localStorage }));
  });
  await expect(profileForm(other).getByRole("checkbox")).toHaveCount(1);

  // Both settle on the same one of the two (the one created first, then the smaller
  // id: the two may share a second), and both partners are in it.
  const stored = await storedWorkspace(page);
  expect(stored.markets).toHaveLength(1);
  const kept = stored.markets[0].name;
  expect(kept.trim().toLowerCase()).toBe("united states");
  for (const tab of [page, other]) {
    await tab.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
    for (const name of ["Loopline", "Pacewell"]) {
      await expect(tab.locator("tbody tr").filter({ hasText: name }).locator("td").nth(3)).toHaveText(kept);
    }
    expect(await catalogue(tab)).toEqual([kept]);
  }
  for (const p of stored.partners) expect(p.markets).toEqual([stored.markets[0].id]);
  expect(problems).toEqual([]);
  await other.close();
});
