import { test, expect, open } from "./fixtures.mjs";

test("first launch shows the demo workspace from a sub-path", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
  await expect(page.getByText("This is a demo workspace")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(13);
});
