import { test, expect, open } from "./fixtures.mjs";

test("first launch shows the demo workspace from a sub-path", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
  await expect(page.getByText("This is a demo workspace")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(13);
});

test("keyboard: Tab reaches the skip link, the program's name and the nav, Enter navigates and focuses the new heading", async ({ page }) => {
  await open(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible(); // visible when focused, for sighted keyboard users
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: /^Program: / })).toBeFocused();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Dashboard", "Partners", "Pipeline", "Planner", "Data"]) {
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name })).toBeFocused();
  }
  await page.keyboard.press("Shift+Tab");
  await expect(nav.getByRole("link", { name: "Planner" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(nav.getByRole("link", { name: "Pipeline" })).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#\/pipeline$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Pipeline");
  await expect(heading).toBeFocused();
  await expect(nav.getByRole("link", { name: "Pipeline" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Partners" })).not.toHaveAttribute("aria-current", /.*/);

  // From the heading, Tab continues into the screen: the first card of the board.
  await page.keyboard.press("Tab");
  await expect(page.locator("li.card").first()).toBeFocused();

  // The skip link moves focus to the current screen's heading.
  await skip.focus();
  await page.keyboard.press("Enter");
  await expect(heading).toBeFocused();
  await expect(page).toHaveURL(/#\/pipeline$/);

  // Enter on "Data" then on "Partners" does the same.
  await nav.getByRole("link", { name: "Data" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await nav.getByRole("link", { name: "Partners" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partners");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});

test("? lists every keyboard shortcut, from the same table the keys obey; in a field, ? is just typed", async ({ page }) => {
  await open(page);
  const search = page.getByLabel("Search", { exact: true });
  await search.fill("?");
  await expect(search).toHaveValue("?");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await search.fill("");

  await page.locator("#main h1").focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const [keys, does] of [
    ["Ctrl+Z (⌘Z on a Mac)", "Undo the last change"],
    ["Shift+Ctrl+Z (⇧⌘Z)", "Redo the change just undone"],
    ["→", "Move the focused card to the next stage"],
    ["Enter", "Save the cell and go to the next month"],
  ]) {
    await expect(dialog.getByRole("row", { name: `${keys} ${does}` })).toBeVisible();
  }
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The header's button opens it too, and the undo button's title names the same keys.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  // The listed keys do what the dialog says: delete a partner, Ctrl+Z brings it back.
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(13);
  await rows.first().getByRole("button", { name: /^Delete / }).click();
  await rows.first().getByRole("button", { name: "Confirm delete" }).click();
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole("button", { name: /^Undo / })).toHaveAttribute("title", /\(Ctrl\+Z \(⌘Z on a Mac\)\)$/);
  await page.locator("#main h1").focus();
  await page.keyboard.press("Control+z");
  await expect(rows).toHaveCount(13);
});
