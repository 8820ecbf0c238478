// The Metrics tab: paste a table, read growth and the concentration flag, edit a cell,
// CSV out and in, and all of it through a workspace export and import.
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile } from "./fixtures.mjs";

const SWERVO = "demo-p-13";
const LOOPLINE = "demo-p-01";

// Swervo's four markets; only Brazil and Mexico buy in to a metric of its own (India
// +4 %, Nigeria +5 %: flat on their own base).
const TABLE = [
  "Market\t2025-08\t2025-09\t2025-10\t2026-08\t2026-09\t2026-10",
  "Brazil\t100\t100\t100\t400\t410\t420",
  "Mexico\t100\t100\tn/a\t300\t300\t300",
  "India\t100\t100\t100\t104\t104\t104",
  "Nigeria\t100\t100\t100\t105\t105\t105",
].join("\n");

function series(ws, partnerId, market, metric) {
  const p = ws.partners.find((x) => x.id === partnerId);
  return (p.metrics ?? []).find((s) => s.market === market && s.metric === metric);
}

test("a pasted table shows growth per market and the concentration flag, and survives export and import", async ({ page, browser, baseURL }) => {
  await open(page, `#/partners/${SWERVO}/metrics`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Swervo — Metrics");
  // Swervo's own sign-ups are broad enough: no flag.
  await page.getByLabel("Metric", { exact: true }).selectOption("sign-ups");
  await expect(page.locator(".buy-in__figures")).toBeVisible();
  await expect(page.locator(".buy-in__flag")).toHaveCount(0);

  await page.getByRole("button", { name: "Add a metric" }).click();
  await page.getByLabel("Name of the new metric").fill("downloads");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByLabel("Metric", { exact: true })).toHaveValue("downloads");

  await page.getByRole("button", { name: "Paste from a spreadsheet" }).click();
  await page.getByLabel("Table of downloads to paste").fill(TABLE);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.locator(".metrics-paste__preview");
  await expect(preview).toContainText("Read as markets down, months across: 23 values of downloads");
  await expect(preview.locator(".metrics-paste__bad")).toContainText('Row 3, column D: "n/a" is not a number');
  // Nothing is applied before Apply.
  expect(series(await storedWorkspace(page), SWERVO, "demo-m-br", "downloads").values).toEqual({});
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pasted 23 values of downloads." })).toBeVisible();

  const growth = page.locator(".metrics-growth__table");
  await expect(growth.locator("tr", { hasText: "Brazil" })).toContainText("+320 %");
  await expect(growth.locator("tr", { hasText: "Nigeria" })).toContainText("+5.0 %");
  // The 2025-10 Mexico cell was bad, so its window holds two pairs: +400 over two
  // months, read per month as a month's figure is.
  await expect(growth.locator("tr", { hasText: "Mexico" })).toContainText("+200 a month (+200 %)");
  await expect(growth.locator("tr", { hasText: "India" })).toContainText("+4 a month (+4.0 %)");
  const flag = page.locator(".buy-in__flag");
  await expect(flag).toContainText("Only Brazil and Mexico of 4 markets bought in");
  await expect(flag).toContainText("India and Nigeria did not.");
  await expect(page.locator(".buy-in__figures")).toContainText("2 of 4");
  await expect(page.locator(".buy-in__figures")).toContainText("50 %");
  await expect(page.locator(".buy-in__bars li", { hasText: "India" })).toContainText("flat, +4.0 %");

  const ws = await storedWorkspace(page);
  expect(series(ws, SWERVO, "demo-m-br", "downloads").values["2026-10"]).toBe(420);
  expect(series(ws, SWERVO, "demo-m-mx", "downloads").values["2025-10"]).toBeUndefined();

  // The whole workspace through a file, into an empty profile.
  await open(page, "#/data");
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other);
    await chooseImportFile(other, download.suggestedFilename(), text);
    await other.getByRole("dialog").getByRole("radio", { name: /Replace/ }).check();
    await other.getByRole("dialog").getByRole("button", { name: "Replace my workspace" }).click();
    await expect(other.getByRole("dialog")).toHaveCount(0);
    await other.goto(`./#/partners/${SWERVO}/metrics`);
    await other.getByLabel("Metric", { exact: true }).selectOption("downloads");
    await expect(other.locator(".buy-in__flag")).toContainText("Only Brazil and Mexico of 4 markets bought in");
    expect(series(await storedWorkspace(other), SWERVO, "demo-m-br", "downloads"))
      .toEqual(series(ws, SWERVO, "demo-m-br", "downloads"));
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the demo flags Loopline's growth from the United States and Brazil", async ({ page }) => {
  await open(page, `#/partners/${LOOPLINE}/metrics`);
  await page.getByLabel("Metric", { exact: true }).selectOption("sign-ups");
  await expect(page.locator(".buy-in__flag")).toContainText("Only United States and Brazil of 6 markets bought in");
  await expect(page.locator(".buy-in__figures")).toContainText("2 of 6");
  // A market whose latest month is not in yet is late, never a fall: clear Germany's
  // last value and Germany is named late and left out of the count.
  const cells = page.locator('input[id^="mcell-demo-m-de-"]');
  const last = cells.nth((await cells.count()) - 2);
  await last.fill("");
  await last.press("Tab");
  await expect(page.locator(".buy-in__bars li", { hasText: "Germany" })).toContainText("late: figures to");
  await expect(page.locator(".buy-in__figures")).toContainText("2 of 5");
  await expect(page.locator(".buy-in__flag")).toContainText("Late figures, left out: Germany (figures to");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".buy-in__figures")).toContainText("2 of 6");
  // One chart per market, each point focusable with its value.
  await expect(page.locator(".metrics-charts__item")).toHaveCount(6);
  const point = page.locator(".metrics-charts__item").first().locator("circle.line-chart__point").last();
  await point.focus();
  await expect(page.locator(".metrics-charts__item").first().locator(".line-chart__readout")).toContainText("United States —");
});

test("editing a grid cell saves it, a bad value is refused, and undo brings the old value back", async ({ page }) => {
  await open(page, `#/partners/${LOOPLINE}/metrics`);
  await page.getByLabel("Metric", { exact: true }).selectOption("sign-ups");
  // The last column is the current month, still empty.
  const cell = page.locator('input[id^="mcell-demo-m-de-"]').last();
  const month = (await cell.getAttribute("id")).slice("mcell-demo-m-de-".length);
  await expect(cell).toHaveValue("");
  await cell.fill("12 345,5");
  await cell.press("Enter");
  await expect.poll(async () => series(await storedWorkspace(page), LOOPLINE, "demo-m-de", "sign-ups").values[month]).toBe(12345.5);
  await expect(cell).toHaveValue("12,345.5");
  // Enter moved down a row, to Brazil.
  await expect(page.locator(`#mcell-demo-m-br-${month}`)).toBeFocused();

  await cell.fill("lots");
  await cell.press("Tab");
  await expect(page.locator(".metrics-grid__error")).toContainText('"lots" is not a number');
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  expect(series(await storedWorkspace(page), LOOPLINE, "demo-m-de", "sign-ups").values[month]).toBe(12345.5);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => series(await storedWorkspace(page), LOOPLINE, "demo-m-de", "sign-ups").values[month]).toBeUndefined();
  await expect(cell).toHaveValue("");
});

test("metrics go out as CSV and come back in with a column mapping", async ({ page }) => {
  await open(page, `#/partners/${LOOPLINE}/metrics`);
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export metrics (CSV)" }).click());
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-loopline-metrics-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("Partner id,Partner,Market,Metric,Month,Value");
  const ws = await storedWorkspace(page);
  const loop = ws.partners.find((p) => p.id === LOOPLINE);
  const count = loop.metrics.reduce((n, s) => n + Object.keys(s.values).length, 0);
  expect(lines).toHaveLength(1 + count);
  expect(lines.every((l, i) => i === 0 || l.startsWith(`${LOOPLINE},Loopline,`))).toBe(true);

  // A file of another shape: its own headers, one bad row.
  const csv = "Country,Period,KPI,Amount\r\nBrazil,2026-01,streams,\"1,234\"\r\nAtlantis,2026-01,streams,5\r\nGermany,Feb 2026,streams,77\r\n";
  await page.locator("#metrics-csv-file").setInputFiles({ name: "streams.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const step = page.getByRole("group", { name: "Import streams.csv" });
  await expect(step.getByLabel("Country")).toHaveValue("market");
  await expect(step.getByLabel("Period")).toHaveValue("month");
  await expect(step.getByLabel("KPI")).toHaveValue("metric");
  await expect(step.getByLabel("Amount")).toHaveValue("value");
  await expect(step).toContainText("2 good rows.");
  await expect(step).toContainText('row 3: Market: market "Atlantis" is not in the catalogue');
  await step.getByRole("button", { name: "Import 2 good rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 values; 1 bad row left out." })).toBeVisible();
  const after = await storedWorkspace(page);
  expect(series(after, LOOPLINE, "demo-m-br", "streams").values).toEqual({ "2026-01": 1234 });
  expect(series(after, LOOPLINE, "demo-m-de", "streams").values).toEqual({ "2026-02": 77 });
  await expect(page.getByLabel("Metric", { exact: true }).locator("option", { hasText: "streams" })).toHaveCount(1);
});
