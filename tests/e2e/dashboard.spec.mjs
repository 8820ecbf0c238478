// The dashboard (#/dashboard): the pipeline funnel, the health distribution, the
// signals across the portfolio, the market heat map, and the panels other features add.
import { test, expect, open, STORAGE_KEY } from "./fixtures.mjs";
import { largeFile } from "../../bench/large.mjs";

test("the dashboard shows the funnel, the distribution, the signals and the heat map", async ({ page }) => {
  await open(page, "#/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");

  // The funnel: one focusable bar per stage with its number in the title.
  const funnel = page.getByRole("group", { name: "Partners by stage" });
  const bars = funnel.locator(".bars__bar");
  await expect(bars).toHaveCount(8);
  await expect(bars.first()).toHaveAttribute("tabindex", "0");
  await expect(funnel.locator("title").first()).toHaveText("Research: 2 partners");
  await expect(funnel.getByRole("img", { name: "Live: 4 partners" })).toHaveCount(1);
  // And as a table.
  const table = page.locator(".bars").first().locator("table");
  await page.locator(".bars").first().getByText("Show as a table").click();
  await expect(table.getByRole("row", { name: "Walked away 1 partner" })).toBeVisible();

  // The distribution counts every partner but the one walked away from.
  const dist = page.getByRole("group", { name: "Partners by health band" });
  await expect(dist.locator(".bars__bar")).toHaveCount(4);
  const counts = await dist.locator("title").allTextContents();
  const total = counts.map((t) => Number(t.match(/(\d+) partners?$/)[1])).reduce((a, b) => a + b, 0);
  expect(total).toBe(12);

  // Needs action: one row per partner, worst first, counts stated, partner risks apart
  // from our own action items; each row links to the partner's Health tab.
  await expect(page.getByTestId("signal-summary")).toContainText(/\d+ of 12 partners need attention/);
  await expect(page.getByTestId("signal-summary")).toContainText(/Partner risks: \d+ \(\d+ severe\)/);
  await expect(page.getByTestId("signal-summary")).toContainText(/Our action items: \d+ \(\d+ severe\)/);
  const rows = page.getByTestId("portfolio-signals").locator("li.partner-signals__row");
  await expect(rows.first().locator("summary .severity")).toHaveText("Severe");
  await expect(rows.first()).toContainText("Dashline Auto");
  await expect(page.getByTestId("portfolio-walk-away")).toContainText("different areas");
  await page.getByRole("button", { name: /Show all \d+ partners/ }).click();
  await expect(rows.last().locator("summary .severity")).not.toHaveText("Severe");
  // One row per partner.
  const names = await rows.locator(".partner-signals__name").allTextContents();
  expect(new Set(names).size).toBe(names.length);
  const concentrated = rows.filter({ hasText: "Loopline" });
  await expect(concentrated.locator('li[data-kind="concentrated"]')).toBeAttached();
  await expect(concentrated.getByRole("link", { name: "Loopline" })).toHaveAttribute("href", "#/partners/demo-p-01/health");
  for (const kind of ["no_shared_goal", "no_champion", "low_influence", "partner_overdue", "our_overdue",
    "poor_delivery", "stuck", "concentrated", "landing_stalled", "landing_behind", "reception_falling",
    "no_landing_plan", "decision_maker_against", "decision_maker_unmet", "standing_risk"]) {
    await expect(page.getByTestId("portfolio-signals").locator(`li[data-kind="${kind}"]`).first()).toBeAttached();
  }
  // Our own items are listed as ours.
  await expect(page.getByTestId("portfolio-signals").locator('li[data-kind="our_overdue"]').first())
    .toHaveAttribute("data-owner", "ours");

  // The heat map: a row per partner with values, every number written, rows linking on.
  const heat = page.getByTestId("heat-map");
  await expect(heat.locator("caption")).toContainText("over the 12 months to");
  const loopline = heat.locator("tbody tr").filter({ hasText: "Loopline" });
  await expect(loopline.getByRole("link", { name: "Loopline" })).toHaveAttribute("href", "#/partners/demo-p-01/metrics");
  const cells = loopline.locator("td");
  expect(await cells.count()).toBeGreaterThan(3);
  for (const text of await cells.allTextContents()) expect(text).toMatch(/^(—|[\d.,]+[kKmMbB]?)$/);
  await expect(heat.locator("td.heat--4").first()).toBeVisible();

  // Clicking a signal's partner opens its Health tab.
  await concentrated.getByRole("link", { name: "Loopline" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Loopline — Health");
});

test("the dashboard follows edits: moving a partner changes the funnel", async ({ page }) => {
  await open(page, "#/pipeline");
  await page.getByRole("combobox", { name: "Stage of Pacewell" }).selectOption("pitching");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  const funnel = page.getByRole("group", { name: "Partners by stage" });
  await expect(funnel.locator("title").first()).toHaveText("Research: 1 partner");
  await expect(funnel.getByRole("img", { name: "Pitching: 2 partners" })).toHaveCount(1);
});

test("the dashboard reads well on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, "#/dashboard");
  // Wide tables scroll inside their own frame; the screen itself never scrolls sideways.
  const overflow = await page.evaluate(() => {
    const main = document.querySelector("#main");
    return main.scrollWidth - main.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("group", { name: "Partners by stage" })).toBeVisible();
});

test("on a large program the heat map shows its first 25 partners and the rest on demand", async ({ page }) => {
  test.setTimeout(90_000);
  // 200 synthetic partners, 25 of them walked away (not on the map): 175 rows in all.
  await open(page, "#/data");
  await page.evaluate(([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); },
    [STORAGE_KEY, JSON.stringify(largeFile(200, 1))]);
  await page.goto("./#/dashboard");
  await page.reload();
  const heat = page.getByTestId("heat-map");
  await expect(heat.locator("tbody tr")).toHaveCount(25, { timeout: 30_000 });
  await expect(heat.locator("tbody tr").first().locator("th")).toHaveText("Partner 000");
  const markets = page.getByRole("region", { name: "Markets" });
  await expect(markets.getByText("The first 25 of 175 partners.")).toBeVisible();
  await markets.getByRole("button", { name: "Show all 175 rows" }).click();
  await expect(heat.locator("tbody tr")).toHaveCount(175);
  await expect(markets.getByRole("button")).toHaveCount(0);
});
