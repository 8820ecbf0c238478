import { test, expect, open } from "./fixtures.mjs";

test("first launch shows the demo workspace from a sub-path", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
  await expect(page.getByText("This is a demo workspace")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(13);
});

test("keyboard: Tab reaches the skip link and the nav, Enter navigates and focuses the new heading", async ({ page }) => {
  await open(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible(); // visible when focused, for sighted keyboard users
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
