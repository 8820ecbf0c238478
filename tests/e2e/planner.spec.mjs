// The target planner: a target and levers typed in give the gap in words; the chart
// shows actual against plan; undo and redo step through the edits; the target and its
// levers travel through an export and an import.
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile } from "./fixtures.mjs";

const coverage = (page) => page.getByTestId("planner-coverage");
const weighted = (page) => page.getByTestId("planner-weighted");
const leverForm = (page) => page.locator("form.planner-levers__form");
const leverRows = (page) => page.locator(".planner-levers__table tbody tr");

async function addLever(page, initiative, expected, confidence) {
  await page.locator(".planner-levers").getByRole("button", { name: "Add lever" }).click();
  await leverForm(page).getByLabel("Initiative").fill(initiative);
  await leverForm(page).getByLabel("Expected contribution").fill(expected);
  await leverForm(page).getByLabel("Confidence (%)").fill(confidence);
  await leverForm(page).getByRole("button", { name: "Add lever" }).click();
  await expect(leverForm(page)).toHaveCount(0);
}

test("a target and levers typed in give the gap in words; undo and redo step through them", async ({ page }) => {
  await open(page, "#/planner");
  await page.getByRole("button", { name: "Start empty" }).click();
  const target = page.getByRole("form", { name: "Program target" });
  await expect(target).toBeVisible();
  await expect(page.locator(".planner-levers")).toContainText("Set the target first");

  // A bad target names each field and saves nothing.
  await target.getByLabel("Growth target (%)").fill("lots");
  await target.getByRole("button", { name: "Save target" }).click();
  await expect(target.locator("#e-target-metric")).toContainText("is required");
  await expect(target.locator("#e-target-growth")).toContainText('"lots" is not a number');

  await target.getByLabel("Metric").fill("sign-ups");
  await target.getByLabel("Baseline year starts").fill("2026-01");
  await target.getByLabel("Baseline (the year's total)").fill("40,000");
  await target.getByLabel("Growth target (%)").fill("+250 %");
  await target.getByRole("button", { name: "Save target" }).click();
  await expect(target).toHaveCount(0);
  await expect(page.locator(".planner-target__sentence")).toHaveText(
    "+250 % sign-ups: 140,000 in Jan 2027 – Dec 2027, against Jan 2026 – Dec 2026 (baseline 40,000).",
  );
  await expect(coverage(page)).toHaveText("Levers cover 0 % of the growth needed; 100,000 sign-ups still unplanned.");

  // A lever needs a partner or a name, and numbers.
  await page.locator(".planner-levers").getByRole("button", { name: "Add lever" }).click();
  await leverForm(page).getByLabel("Expected contribution").fill("a few");
  await leverForm(page).getByRole("button", { name: "Add lever" }).click();
  await expect(leverForm(page)).toContainText("is required: choose a partner or name the initiative");
  await expect(leverForm(page)).toContainText('"a few" is not a number');
  await leverForm(page).getByRole("button", { name: "Cancel" }).click();

  await addLever(page, "Student campaign", "6,000", "60");
  await addLever(page, "Podcast ads", "24000", "50");
  await expect(coverage(page)).toHaveText("Levers cover 30 % of the growth needed; 70,000 sign-ups still unplanned.");
  await expect(weighted(page)).toHaveText(
    "Weighted by confidence they cover 16 %; 84,400 sign-ups unplanned or at risk.",
  );
  // The screen leads with the weighted gap, the figure to act on, told as one story.
  await expect(page.getByTestId("planner-gap")).toHaveText(
    "84,400 sign-ups unplanned or at risk: 70,000 no lever is planned for and 14,400 the levers may not deliver.",
  );
  const first = page.locator(".planner-figure").first();
  await expect(first.locator("dt")).toHaveText("Gap, weighted by confidence");
  await expect(first.locator(".planner-figure__value")).toHaveText("84,400");
  await expect(first).toHaveClass(/planner-figure--gap/);
  // Ranked by the gap they carry: Podcast ads leaves 12,000 at risk, the campaign 2,400.
  await expect(leverRows(page).locator("th")).toHaveText([/^Podcast ads/, /^Student campaign/]);
  await expect(page.locator(".planner-bar__name")).toHaveText(["Unplanned growth", "Podcast ads", "Student campaign"]);
  const stored = await storedWorkspace(page);
  expect(stored.program.target_growth).toBe(250);
  expect(stored.program.baseline_start).toBe("2026-01");
  expect(stored.program.levers.map((l) => [l.initiative, l.expected, l.confidence])).toEqual([
    ["Student campaign", 6000, 60],
    ["Podcast ads", 24000, 50],
  ]);

  const undo = page.getByRole("button", { name: /^Undo/ });
  const redo = page.getByRole("button", { name: /^Redo/ });
  await undo.click();
  await expect(coverage(page)).toHaveText("Levers cover 6 % of the growth needed; 94,000 sign-ups still unplanned.");
  await expect(leverRows(page)).toHaveCount(1);
  await redo.click();
  await expect(coverage(page)).toHaveText("Levers cover 30 % of the growth needed; 70,000 sign-ups still unplanned.");

  // Surer of the podcast: the weighted gap narrows, the plain gap stays.
  await leverRows(page).first().getByRole("button", { name: "Edit lever Podcast ads" }).click();
  await leverForm(page).getByLabel("Confidence (%)").fill("100");
  await leverForm(page).getByRole("button", { name: "Save lever" }).click();
  await expect(weighted(page)).toHaveText(
    "Weighted by confidence they cover 28 %; 72,400 sign-ups unplanned or at risk.",
  );
  await expect(coverage(page)).toHaveText("Levers cover 30 % of the growth needed; 70,000 sign-ups still unplanned.");

  const campaign = leverRows(page).filter({ hasText: "Student campaign" });
  await campaign.getByRole("button", { name: "Remove" }).click();
  await campaign.getByRole("button", { name: "Confirm remove" }).click();
  await expect(coverage(page)).toHaveText("Levers cover 24 % of the growth needed; 76,000 sign-ups still unplanned.");
  await undo.click();
  await expect(coverage(page)).toHaveText("Levers cover 30 % of the growth needed; 70,000 sign-ups still unplanned.");

  // The target form offers the figures' own baseline when there are any; here none.
  await page.getByRole("button", { name: "Edit target" }).click();
  await expect(page.getByRole("button", { name: /from the metrics/ })).toHaveCount(0);
  await page.getByRole("form", { name: "Program target" }).getByLabel("Growth target (%)").fill("100");
  await page.getByRole("button", { name: "Save target" }).click();
  await expect(coverage(page)).toHaveText("Levers cover 75 % of the growth needed; 10,000 sign-ups still unplanned.");
  await undo.click();
  await expect(page.locator(".planner-target__sentence")).toContainText("+250 %");
});

test("the demo's chart shows actual against plan, every point reachable, with a table", async ({ page }) => {
  await open(page, "#/planner");
  const chart = page.locator(".planner-chart");
  await expect(chart.locator(".line-chart__legend li")).toHaveText([
    "Actual", "Plan (dashed)", "Target path (dashed)", "Same month last year",
  ]);
  const actual = chart.locator("circle[tabindex='0']", { has: page.locator("title", { hasText: /^Actual — / }) });
  const plan = chart.locator("circle[tabindex='0']", { has: page.locator("title", { hasText: /^Plan — / }) });
  await expect(plan).toHaveCount(12);
  // The demo is seven months into its target year.
  await expect(actual).toHaveCount(7);
  await actual.first().focus();
  await expect(chart.locator(".line-chart__readout")).toContainText(/^Actual — \w{3} \d{4}: [\d,]+ sign-ups$/);
  await expect(page.getByTestId("planner-to-date")).toContainText(/^First 7 months of the target year: [\d,]+ sign-ups against [\d,]+ planned \([\d,]+ (behind|ahead)\)\.$/);

  await chart.getByText("Show the numbers as a table").click();
  await expect(chart.locator(".line-chart__data tbody tr")).toHaveCount(12);

  // The levers, the one carrying the most of the gap first; partners link to their page.
  await expect(leverRows(page)).toHaveCount(6);
  await expect(leverRows(page).first().locator("th a")).toHaveText("Loopline");
  await expect(leverRows(page).first().locator("th a")).toHaveAttribute("href", "#/partners/demo-p-01");
  await expect(leverRows(page).filter({ hasText: "Student referral campaign" })).toContainText("initiative");
});

test("a lever on a partner in trouble shows its health and says the confidence may be high", async ({ page }) => {
  await open(page, "#/planner");
  // Dashline Auto: at risk, its Health tab suggests walking away, counted at 40 %.
  const dashline = leverRows(page).filter({ hasText: "Dashline Auto" });
  await expect(dashline.locator(".health-badge")).toHaveAttribute("aria-label", /^Health \d+ of 100: At risk/);
  await expect(dashline.locator(".planner-levers__caution")).toHaveText("⚠ 40 % may be high: its Health tab suggests walking away.");
  // A healthy partner's lever: the badge, no caution.
  const loopline = leverRows(page).filter({ hasText: "Loopline" });
  await expect(loopline.locator(".health-badge")).toHaveCount(1);
  await expect(loopline.locator(".planner-levers__caution")).toHaveCount(0);
  // Lowering the confidence to the team's honest reading takes the caution away.
  await dashline.getByRole("button", { name: "Edit lever Dashline Auto" }).click();
  await page.locator("form.planner-levers__form").getByLabel("Confidence (%)").fill("20");
  await page.locator("form.planner-levers__form").getByRole("button", { name: /Save/ }).click();
  await expect(leverRows(page).filter({ hasText: "Dashline Auto" }).locator(".planner-levers__caution")).toHaveCount(0);
});

test("the target and levers survive an export and an import into another profile", async ({ page, browser, baseURL }) => {
  await open(page, "#/planner");
  await page.getByRole("button", { name: "Edit target" }).click();
  await page.getByRole("form", { name: "Program target" }).getByLabel("Growth target (%)").fill("175");
  await page.getByRole("button", { name: "Save target" }).click();
  await leverRows(page).filter({ hasText: "Zuri Pay" }).getByRole("button", { name: "Edit lever Zuri Pay" }).click();
  await leverForm(page).getByLabel("Confidence (%)").fill("45");
  await leverForm(page).getByRole("button", { name: "Save lever" }).click();
  await expect(leverRows(page).filter({ hasText: "Zuri Pay" })).toContainText("45 %");
  const sentence = await coverage(page).textContent();
  const weightedSentence = await weighted(page).textContent();
  expect(sentence).toMatch(/^Levers cover \d+ % of the growth needed/);

  await open(page, "#/data");
  const { download, text } = await downloadText(page, () =>
    page.getByRole("button", { name: "Export whole workspace" }).click(),
  );
  const exported = JSON.parse(text);
  expect(exported.workspace.program.target_growth).toBe(175);

  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other, "#/planner");
    await expect(coverage(other)).not.toHaveText(sentence);
    await chooseImportFile(other, download.suggestedFilename(), text);
    const dialog = other.getByRole("dialog");
    await dialog.getByRole("radio", { name: /Replace/ }).check();
    await dialog.getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog).toHaveCount(0);
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Planner" }).click();
    await expect(coverage(other)).toHaveText(sentence);
    await expect(weighted(other)).toHaveText(weightedSentence);
    await expect(leverRows(other).filter({ hasText: "Zuri Pay" })).toContainText("45 %");
    expect((await storedWorkspace(other)).program).toEqual(exported.workspace.program);
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});
