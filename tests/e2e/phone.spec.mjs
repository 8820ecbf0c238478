// At home on a phone (375 px) and in the dark: every destination of the main navigation
// is on screen, the partner cards label their figures, the page before the app starts
// says what it is, and the colours follow the system's dark setting.
import { test, expect, open } from "./fixtures.mjs";

test.describe("at 375 px", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the main navigation shows every destination, none off-screen", async ({ page }) => {
    await open(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Dashboard", "Partners", "Pipeline", "Planner", "Data"]) {
      const box = await nav.getByRole("link", { name }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(375);
      await expect(nav.getByRole("link", { name })).toBeInViewport({ ratio: 1 });
    }
    // Nothing on the page scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test("partner cards label each figure with its column's name", async ({ page }) => {
    await open(page);
    const card = page.locator("tbody tr").first();
    const label = (cell) => cell.evaluate((td) => getComputedStyle(td, "::before").content);
    await expect(card.locator("td.num").first()).toHaveAttribute("data-label", "Key players");
    expect(await label(card.locator("td.num").first())).toBe('"Key players: "');
    const health = card.locator("td.num").nth(1);
    await expect(health).toHaveAttribute("data-label", "Health");
    expect(await label(health)).toBe('"Health: "');
    expect(await label(card.locator('td[data-label="Owner"]'))).toBe('"Owner: "');
  });
});

test.describe("in the dark", () => {
  test.use({ colorScheme: "dark" });

  test("the colours follow the system's dark setting", async ({ page }) => {
    await open(page);
    const colours = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { bg: body.backgroundColor, text: body.color };
    });
    expect(colours.bg).toBe("rgb(16, 20, 29)");
    expect(colours.text).toBe("rgb(230, 233, 242)");
  });
});

test("before the app starts the page shows its name and a loading state, which the app replaces", async ({ page, browser }) => {
  // Hold the wasm back (a fresh profile: no service worker to answer instead).
  await page.route(/\.wasm$/, () => {});
  await page.goto("./");
  await expect(page.locator("#boot .brand__name")).toHaveText("Tandem");
  const status = page.getByRole("status").filter({ hasText: "Loading your workspace…" });
  await expect(status).toBeVisible();
  await expect.poll(() => status.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  await page.screenshot({ path: test.info().outputPath("loading.png") });
  await expect(page.locator("#main")).toHaveCount(0);

  // Once the app mounts, the placeholder is gone and the app's own header is there.
  const other = await browser.newPage();
  await other.goto(page.url());
  await expect(other.locator("#main h1")).toBeVisible();
  await expect(other.locator("#boot")).toHaveCount(0);
  await expect(other.locator("body > .app-header")).toHaveCount(1);
  await other.close();
});
