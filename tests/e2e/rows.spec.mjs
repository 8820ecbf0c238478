// The partner table keeps a row of cells per position on the page and fills it with
// whichever partner is there (a search, a sort or a delete updates the cells in place
// instead of building rows anew: bench/RESULTS.md). What belongs to a partner must
// follow the partner, never stay with the position: the open "Confirm delete", focus,
// the link, the buttons' names and the health badge.
import { test, expect, open, storedWorkspace } from "./fixtures.mjs";

const rows = (page) => page.locator("tbody tr");
const rowNames = (page) => page.locator("tbody th");
const row = (page, name) =>
  page.locator("tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });
const header = (page, name) => page.getByRole("columnheader", { name });

/** Everything a row shows about its partner, read from the page, by partner name. */
async function rowFacts(page) {
  return page.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const badge = tr.querySelector(".health-badge");
      const cells = [...tr.querySelectorAll("td")];
      return {
        name: tr.querySelector("th a").textContent,
        href: tr.querySelector("th a").getAttribute("href"),
        cells: cells.slice(0, 8).map((td) => [td.textContent, td.className, td.getAttribute("data-label")]),
        stage: tr.querySelector(".stage").className,
        badge: badge && [badge.textContent, badge.className, badge.getAttribute("aria-label"), badge.getAttribute("title")],
        buttons: [...tr.querySelectorAll("button")].map((b) => b.getAttribute("aria-label") ?? b.textContent),
      };
    }),
  );
}

const byName = (facts) => Object.fromEntries(facts.map((f) => [f.name, f]));

test("after a sort and a search every row's link, cells, badge and button name are its own partner's", async ({ page }) => {
  await open(page);
  const ids = Object.fromEntries((await storedWorkspace(page)).partners.map((p) => [p.name, p.id]));
  const first = await rowFacts(page);
  expect(first).toHaveLength(13);
  for (const f of first) {
    expect(f.href).toBe(`#/partners/${ids[f.name]}`);
    expect(f.buttons).toEqual([`Delete ${f.name}`]);
  }
  // The demo holds Hearthpod's band at Watch: the dashed "!" badge is its alone.
  const held = first.filter((f) => /health-badge--held/.test(f.badge[1])).map((f) => f.name);
  expect(held).toEqual(["Hearthpod"]);
  const before = byName(first);

  // Sorted by stage, descending: nearly every position shows another partner.
  await header(page, "Stage").getByRole("button").click();
  await header(page, "Stage").getByRole("button").click();
  await expect(header(page, "Stage")).toHaveAttribute("aria-sort", "descending");
  await expect(rowNames(page).first()).toHaveText("Kestrel Phones");
  const sorted = await rowFacts(page);
  expect(sorted.map((f) => f.name)).not.toEqual(first.map((f) => f.name));
  expect(sorted).toHaveLength(13);
  for (const f of sorted) expect(f).toEqual(before[f.name]);

  // A search leaves fewer rows; they too are their own partners', and clearing it
  // brings every row back as it was.
  const search = page.getByRole("searchbox");
  await search.fill("in-car");
  // Still sorted by stage, descending.
  await expect(rowNames(page)).toHaveText(["Swervo", "Dashline Auto"]);
  for (const f of await rowFacts(page)) expect(f).toEqual(before[f.name]);
  await search.fill("");
  await expect(rows(page)).toHaveCount(13);
  expect(await rowFacts(page)).toEqual(sorted);
});

test("an open Confirm delete follows its partner through a sort, never shows on the partner that takes its row, and closes once its partner leaves the page", async ({ page }) => {
  await open(page);
  await expect(rowNames(page).first()).toHaveText("Brightcourt Media");
  await page.getByRole("button", { name: "Delete Brightcourt Media" }).click();
  await expect(rows(page).first().getByRole("button", { name: "Confirm delete" })).toBeVisible();

  // Name, descending: Zuri Pay takes the first row, Brightcourt Media the last.
  await header(page, "Name").getByRole("button").click();
  await expect(rowNames(page).first()).toHaveText("Zuri Pay");
  await expect(rows(page).first().getByRole("button", { name: "Delete Zuri Pay" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm delete" })).toHaveCount(1);
  await expect(rows(page).last().getByRole("button", { name: "Confirm delete" })).toBeVisible();
  await expect(rowNames(page).last()).toHaveText("Brightcourt Media");

  // A search that hides it closes the question: back on the page, it asks afresh.
  const search = page.getByRole("searchbox");
  await search.fill("in-car");
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Confirm delete" })).toHaveCount(0);
  await search.fill("");
  await expect(rows(page)).toHaveCount(13);
  await expect(page.getByRole("button", { name: "Confirm delete" })).toHaveCount(0);
  await expect(row(page, "Brightcourt Media").getByRole("button", { name: "Delete Brightcourt Media" })).toBeVisible();

  // Confirming deletes that partner, and the partner that moves up into its row
  // shows its own Delete, not a question.
  await header(page, "Name").getByRole("button").click();
  await expect(rowNames(page).first()).toHaveText("Brightcourt Media");
  await page.getByRole("button", { name: "Delete Brightcourt Media" }).click();
  await rows(page).first().getByRole("button", { name: "Confirm delete" }).click();
  await expect(rows(page)).toHaveCount(12);
  await expect(rowNames(page).first()).toHaveText("Dashline Auto");
  await expect(rows(page).first().getByRole("button", { name: "Delete Dashline Auto" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm delete" })).toHaveCount(0);
  expect((await storedWorkspace(page)).partners.map((p) => p.name)).not.toContain("Brightcourt Media");
});

/** What has focus: its row's partner and the control (link or button), or "outside". */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const tr = el?.closest("tbody tr");
    if (!tr) return "outside";
    return `${tr.querySelector("th a").textContent}: ${el.tagName === "A" ? "link" : el.getAttribute("aria-label") ?? el.textContent}`;
  });

/** Sorts by a column without moving focus, as another tab's edit would reorder the rows. */
const sortQuietly = (page, column) =>
  page.evaluate((column) => {
    const button = [...document.querySelectorAll("th button.sort")].find((b) => b.textContent.startsWith(column));
    button.click();
  }, column);

/** Types a search without moving focus. */
const searchQuietly = (page, text) =>
  page.evaluate((text) => {
    const input = document.querySelector("input[type=search]");
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);

test("focus in a row stays with its partner when the rows are reordered, and leaves the table with it", async ({ page }) => {
  await open(page);
  await row(page, "Brightcourt Media").getByRole("link").focus();
  await expect.poll(() => focused(page)).toBe("Brightcourt Media: link");

  // Name, descending: Brightcourt Media moves from the first row to the last, and focus
  // with it, not left on Zuri Pay's link.
  await sortQuietly(page, "Name");
  await expect(rowNames(page).first()).toHaveText("Zuri Pay");
  await expect.poll(() => focused(page)).toBe("Brightcourt Media: link");
  await expect(rows(page).last().getByRole("link")).toBeFocused();

  // The same for a button.
  await page.getByRole("button", { name: "Delete Tellara Mobile" }).focus();
  await sortQuietly(page, "Name");
  await expect(rowNames(page).first()).toHaveText("Brightcourt Media");
  await expect.poll(() => focused(page)).toBe("Tellara Mobile: Delete Tellara Mobile");

  // A search that hides the focused partner takes focus out of the table: it does not
  // stay on the first row, which now shows another partner.
  await page.getByRole("button", { name: "Delete Brightcourt Media" }).focus();
  await expect.poll(() => focused(page)).toBe("Brightcourt Media: Delete Brightcourt Media");
  await searchQuietly(page, "in-car");
  await expect(rowNames(page)).toHaveText(["Dashline Auto", "Swervo"]);
  await expect.poll(() => focused(page)).toBe("outside");
});
