// After the deal: shared goals and commitments with the delivery record, the decision log
// (a walk-away moves the stage), the landing plan's progress, and wins in the partner's
// and the program's feed; all of it survives an export and an import elsewhere.
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile } from "./fixtures.mjs";

/** Every test runs on this day, so due dates and "today" are fixed. */
const NOW = new Date("2026-11-23T10:00:00Z");

const partnerIn = (ws, id) => ws.partners.find((p) => p.id === id);
const toast = (page, text) => page.getByRole("status").filter({ hasText: text });
const record = (page, window) => page.locator(`.delivery__figure[data-window="${window}"]`);
const commitment = (page, what) => page.locator(".commitment").filter({ hasText: what });

async function addCommitment(page, { side, what, due }) {
  await page.getByRole("button", { name: "Add commitment" }).click();
  const form = page.getByRole("form", { name: "New commitment" });
  await form.getByLabel("Whose commitment").selectOption({ label: side });
  await form.getByLabel("What").fill(what);
  await form.getByLabel("Due").fill(due);
  await form.getByRole("button", { name: "Save commitment" }).click();
  await expect(form).toHaveCount(0);
}

/** Brightcourt Media (live, no shared goal in the demo) gets a goal and three commitments. */
async function goalsAndCommitments(page) {
  await open(page, "#/partners/demo-p-08/goals");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brightcourt Media — Goals & commitments");
  const flag = page.locator(".goal-flag");
  await expect(flag).toContainText("No shared goal");

  await page.getByRole("button", { name: "Add goal" }).click();
  const goalForm = page.getByRole("form", { name: "New shared goal" });
  await goalForm.getByRole("button", { name: "Save goal" }).click();
  await expect(goalForm.getByText("is required")).toBeVisible();
  await goalForm.getByLabel("Goal both sides sign up to").fill("Eighty campaigns a quarter through the ad manager");
  await goalForm.getByLabel("Metric").fill("campaigns");
  await goalForm.getByLabel("Target (monthly value)").fill("27");
  await goalForm.getByLabel("Due").fill("2027-03-31");
  await goalForm.getByLabel("Status").selectOption({ label: "On track" });
  await goalForm.getByRole("button", { name: "Save goal" }).click();
  await expect(goalForm).toHaveCount(0);
  await expect(flag).toHaveCount(0);
  const goal = page.locator(".goal");
  await expect(goal).toHaveCount(1);
  await expect(goal).toContainText("Eighty campaigns a quarter through the ad manager");
  await expect(goal).toContainText("Target: 27");
  await expect(goal).toContainText("Due 31 March 2027");
  await expect(goal).toContainText("On track");

  await expect(record(page, "all")).toContainText("nothing due yet");
  await addCommitment(page, { side: "Partner", what: "Quarterly brand-safety report", due: "2026-11-01" });
  await addCommitment(page, { side: "Partner", what: "Campaign calendar for Q1", due: "2026-11-15" });
  await addCommitment(page, { side: "Partner", what: "Case study with a retail brand", due: "2027-01-15" });
  await addCommitment(page, { side: "Us", what: "Brand-safety dashboard access", due: "2026-11-10" });
}

test("commitments marked delivered, late and dropped move the delivery record", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await goalsAndCommitments(page);

  // Two of the partner's are past due and still open; the third is not yet due.
  await expect(record(page, "all")).toContainText("0 %");
  await expect(record(page, "all")).toContainText("0 of 2 due delivered on time");
  await expect(record(page, "all")).toHaveClass(/is-low/);
  await expect(commitment(page, "Quarterly brand-safety report")).toHaveClass(/commitment--overdue/);
  await expect(commitment(page, "Quarterly brand-safety report")).toContainText("Overdue by 22 days");
  await expect(commitment(page, "Case study with a retail brand")).not.toHaveClass(/commitment--overdue/);
  await expect(commitment(page, "Brand-safety dashboard access")).toContainText("Overdue by 13 days");

  // Delivered on time (the day before it was due).
  const report = commitment(page, "Quarterly brand-safety report");
  await report.getByLabel("Delivered on (for Quarterly brand-safety report)").fill("2026-10-31");
  await report.getByRole("button", { name: "Mark delivered: Quarterly brand-safety report" }).click();
  await expect(record(page, "all")).toContainText("50 %");
  await expect(record(page, "all")).toContainText("1 of 2 due delivered on time");
  await expect(record(page, "recent")).toContainText("50 %");
  await expect(commitment(page, "Quarterly brand-safety report")).not.toHaveClass(/commitment--overdue/);

  // Marked late: still counted, still overdue, the record unchanged.
  await page.getByRole("button", { name: "Mark late: Campaign calendar for Q1" }).click();
  await expect(commitment(page, "Campaign calendar for Q1")).toContainText("Late");
  await expect(commitment(page, "Campaign calendar for Q1")).toHaveClass(/commitment--overdue/);
  await expect(record(page, "all")).toContainText("1 of 2 due delivered on time, 1 not delivered");

  // Delivered after its due date: counted, but not on time.
  const calendar = commitment(page, "Campaign calendar for Q1");
  await calendar.getByLabel("Delivered on (for Campaign calendar for Q1)").fill("2026-11-20");
  await calendar.getByRole("button", { name: "Mark delivered: Campaign calendar for Q1" }).click();
  await expect(commitment(page, "Campaign calendar for Q1")).toContainText("(late)");
  // The credit counts the late delivery in part, and says so beside the count on time:
  // above the 50 % on time, never reading as a contradiction of it.
  await expect(record(page, "all")).toContainText("1 of 2 due delivered on time, 1 late");
  await expect(record(page, "all")).toContainText("delivery credit");
  const credit = Number((await record(page, "all").locator("strong").innerText()).match(/\d+/)[0]);
  expect(credit).toBeGreaterThan(50);
  expect(credit).toBeLessThan(100);

  // Dropped by agreement: no longer counted.
  await page.getByRole("button", { name: "Reopen: Campaign calendar for Q1" }).click();
  await page.getByRole("button", { name: "Drop: Campaign calendar for Q1" }).click();
  await expect(record(page, "all")).toContainText("100 %");
  await expect(record(page, "all")).toContainText("1 of 1 due delivered on time");
  await expect(record(page, "all")).not.toHaveClass(/is-low/);

  // A delivery date in the future is refused with a reason, and nothing changes.
  const us = commitment(page, "Brand-safety dashboard access");
  await us.getByLabel("Delivered on (for Brand-safety dashboard access)").fill("2027-02-01");
  await us.getByRole("button", { name: "Mark delivered: Brand-safety dashboard access" }).click();
  await expect(us.getByRole("alert")).toContainText("is in the future");

  const stored = partnerIn(await storedWorkspace(page), "demo-p-08");
  expect(stored.goals).toHaveLength(1);
  expect(stored.goals[0]).toMatchObject({ metric: "campaigns", target: 27, due: "2027-03-31", status: "on_track" });
  const byWhat = Object.fromEntries(stored.commitments.map((k) => [k.what, k]));
  expect(byWhat["Quarterly brand-safety report"]).toMatchObject({ side: "partner", status: "delivered", delivered: "2026-10-31" });
  expect(byWhat["Campaign calendar for Q1"]).toMatchObject({ status: "dropped" });
  expect(byWhat["Campaign calendar for Q1"].delivered).toBeUndefined();
  expect(byWhat["Brand-safety dashboard access"]).toMatchObject({ side: "us", status: "open" });
  expect(stored.updated).toBe("2026-11-23T10:00:00Z");

  // Undo takes back the last step.
  await page.getByRole("button", { name: /Undo/ }).click();
  await expect(record(page, "all")).toContainText("1 of 2 due delivered on time");
});

test("a walk-away decision asks to confirm, then moves the partner to Walked away", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await open(page, "#/partners/demo-p-05/goals");
  await expect(page.locator(".decision")).toHaveCount(0);

  await page.getByRole("button", { name: "Record a decision" }).click();
  const form = page.getByRole("form", { name: "New decision" });
  await form.getByLabel("Decision").selectOption({ label: "Walk away" });
  await form.getByLabel("Date").fill("2026-11-20");
  await form.getByLabel("Who decided").fill("Kofi Mensah");
  await form.getByLabel("Why").fill("Zuri will not move on owning the billing data; without it we cannot support listeners.");
  await form.getByRole("button", { name: "Record decision" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Walking away moves Zuri Pay to the stage “Walked away” from 20 November 2026");
  // "Not now" records nothing.
  await confirm.getByRole("button", { name: "Not now" }).click();
  await expect(page.locator(".decision")).toHaveCount(0);
  expect(partnerIn(await storedWorkspace(page), "demo-p-05").stage).toBe("negotiating");

  await form.getByRole("button", { name: "Record decision" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Confirm walk away" }).click();
  await expect(toast(page, "The partner is now walked away from.")).toBeVisible();
  const entry = page.locator(".decision");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Walk away");
  await expect(entry).toContainText("20 November 2026");
  await expect(entry).toContainText("by Kofi Mensah");
  await expect(entry).toContainText("without it we cannot support listeners");

  const stored = partnerIn(await storedWorkspace(page), "demo-p-05");
  expect(stored.stage).toBe("walked_away");
  expect(stored.stage_since).toBe("2026-11-20");
  expect(stored.decisions[0]).toMatchObject({ kind: "walk_away", date: "2026-11-20", who: "Kofi Mensah" });
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByLabel("Stage")).toHaveValue("walked_away");
});

test("a goal's card reads its figures against the plan, and says to check a status they contradict", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await open(page, "#/partners/demo-p-01/goals");
  const signups = page.locator(".goal").filter({ hasText: "22,000 new Riffly trials" });
  // The month judged is the last complete one, as health reads it.
  await expect(signups.getByTestId("goal-figures")).toHaveText(
    /^Oct 2026: [\d,]+ sign-ups, \d+ % of the plan to date \([\d,]+\) and \d+ % of the target\.$/);
  await expect(signups.locator(".goal__check")).toHaveCount(0);
  // The same figures against a target five times higher, still marked on track: the
  // card says the figures read behind plan; the status stays the person's.
  await signups.getByRole("button", { name: /^Edit goal:/ }).click();
  const form = page.getByRole("form", { name: "Edit shared goal" });
  await form.getByLabel("Target (monthly value)").fill("110000");
  await form.getByRole("button", { name: "Save goal" }).click();
  await expect(form).toHaveCount(0);
  await expect(signups.locator(".goal__check")).toHaveText("The figures read behind plan: check the status.");
  await expect(signups.locator(".goal-status")).toHaveText("On track");
});

test("landing progress follows the steps done, and the plan shows a stalled track", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  // Hearthpod: Japan was planned to be enabled weeks ago.
  await open(page, "#/partners/demo-p-03/landing");
  await expect(page.locator(".landing-stalled")).toContainText("Landing stalled in Japan");
  await expect(page.locator(".landing-progress")).toContainText("50 %");
  // Beside the share done, how much is on plan: the figure the Health tab reads.
  await expect(page.getByTestId("landing-steps")).toHaveText("6 of 12 steps done · 75 % on plan (3 steps late or undated)");

  // Dashline Auto has no plan yet.
  await open(page, "#/partners/demo-p-04/landing");
  await expect(page.getByText("No landing plan yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add track" }).click();
  let form = page.getByRole("form", { name: "New landing track" });
  await form.getByLabel("Market or team").selectOption({ label: "Germany" });
  await form.getByRole("button", { name: "Add track" }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole("button", { name: "Add track" }).click();
  form = page.getByRole("form", { name: "New landing track" });
  // Germany has a track now, so it is no longer offered.
  await expect(form.getByRole("option", { name: "Germany" })).toHaveCount(0);
  await form.getByLabel("Market or team").selectOption({ label: "An internal team…" });
  await form.getByLabel("Team name").fill("Carmaker support desk");
  await form.getByRole("button", { name: "Add track" }).click();
  await expect(form).toHaveCount(0);

  const rows = page.locator(".landing-grid tbody tr");
  await expect(rows).toHaveCount(2);
  const progress = page.locator(".landing-progress");
  await expect(progress).toContainText("0 %");
  await expect(progress).toContainText("0 of 6 steps done");
  await expect(page.locator("#landing-progress-bar")).toHaveAttribute("value", "0");

  await page.getByRole("button", { name: "Germany: mark enabled done today" }).click();
  await expect(progress).toContainText("17 %");
  await expect(progress).toContainText("1 of 6 steps done");
  await expect(page.locator("#landing-progress-bar")).toHaveAttribute("value", "17");

  // Edit a step: planned day, done day and owner.
  await page.getByRole("button", { name: "Carmaker support desk: edit step launched" }).click();
  const step = page.getByRole("form", { name: "Carmaker support desk: Launched" });
  await step.getByLabel("Planned").fill("2026-11-01");
  await step.getByLabel("Done").fill("2026-11-18");
  await step.getByLabel("Owner").fill("Camille Roux");
  await step.getByRole("button", { name: "Save step" }).click();
  await expect(step).toHaveCount(0);
  await expect(progress).toContainText("33 %");
  const cell = rows.nth(1).locator("td").nth(1);
  await expect(cell).toContainText("Done 18 November 2026");
  await expect(cell).toContainText("Planned 1 November 2026");
  await expect(cell).toContainText("Owner: Camille Roux");

  const stored = partnerIn(await storedWorkspace(page), "demo-p-04");
  expect(stored.landing).toHaveLength(2);
  expect(stored.landing[0]).toMatchObject({ market: "demo-m-de", enabled: { done: "2026-11-23" } });
  expect(stored.landing[1]).toMatchObject({
    team: "Carmaker support desk",
    launched: { planned: "2026-11-01", done: "2026-11-18", owner: "Camille Roux" },
  });
});

test("a partner's win shows in its feed and the program's; a program win joins the dashboard feed", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await open(page, "#/partners/demo-p-13/landing");
  await page.getByRole("button", { name: "Add win", exact: true }).click();
  const form = page.getByRole("form", { name: "New win" });
  await form.getByLabel("What happened").fill("Volume cap shipped in Lagos");
  await form.getByLabel("Kind").selectOption({ label: "Milestone" });
  await form.getByRole("button", { name: "Save win" }).click();
  await expect(form).toHaveCount(0);
  const feed = page.locator(".wins-feed > li");
  await expect(feed.first()).toContainText("Volume cap shipped in Lagos");
  await expect(feed.first()).toContainText("23 November 2026");
  await expect(feed.first()).toContainText("Milestone");

  await open(page, "#/dashboard");
  const programFeed = page.locator(".wins-feed > li");
  await expect(programFeed.first()).toContainText("Volume cap shipped in Lagos");
  await expect(programFeed.first().getByRole("link", { name: "Swervo" })).toHaveAttribute("href", "#/partners/demo-p-13/landing");

  await page.getByRole("button", { name: "Add program win" }).click();
  const programForm = page.getByRole("form", { name: "New program win" });
  await programForm.getByLabel("What happened").fill("Three partners live in Brazil");
  await programForm.getByLabel("Date").fill("2026-11-22");
  await programForm.getByRole("button", { name: "Save win" }).click();
  await expect(programForm).toHaveCount(0);
  // Newest first: yesterday's program win comes after today's Swervo milestone.
  await expect(programFeed.nth(0)).toContainText("Volume cap shipped in Lagos");
  await expect(programFeed.nth(1)).toContainText("Three partners live in Brazil");
  await expect(programFeed.nth(1)).toContainText("Program");

  const ws = await storedWorkspace(page);
  expect(ws.program.wins.map((w) => w.title)).toContain("Three partners live in Brazil");
  expect(ws.program.updated).toBe("2026-11-23T10:00:00Z");
  expect(partnerIn(ws, "demo-p-13").wins.map((w) => w.title)).toContain("Volume cap shipped in Lagos");
});

test("goals, commitments, decisions, landing and wins survive an export and an import elsewhere", async ({ page, browser, baseURL }) => {
  await page.clock.setFixedTime(NOW);
  await goalsAndCommitments(page);
  const report = commitment(page, "Quarterly brand-safety report");
  await report.getByLabel("Delivered on (for Quarterly brand-safety report)").fill("2026-10-31");
  await report.getByRole("button", { name: "Mark delivered: Quarterly brand-safety report" }).click();
  await expect(record(page, "all")).toContainText("1 of 2 due delivered on time");
  await page.getByRole("button", { name: "Record a decision" }).click();
  const decision = page.getByRole("form", { name: "New decision" });
  await decision.getByLabel("Decision").selectOption({ label: "Pivot" });
  await decision.getByLabel("Who decided").fill("Lucía Ferreira");
  await decision.getByLabel("Why").fill("Move from resale to a co-branded playlist series.");
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator(".decision")).toHaveCount(1);
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Landing & wins" }).click();
  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("form", { name: "New landing track" }).getByRole("button", { name: "Add track" }).click();
  await page.getByRole("button", { name: "Brazil: mark enabled done today" }).click();
  await expect(page.locator(".landing-progress")).toContainText("33 %");

  await open(page, "#/data");
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const exported = JSON.parse(text);
  expect(partnerIn(exported.workspace, "demo-p-08").commitments).toHaveLength(4);

  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await other.clock.setFixedTime(NOW);
    await open(other);
    await chooseImportFile(other, download.suggestedFilename(), text);
    await other.getByRole("dialog").getByRole("radio", { name: /Replace/ }).check();
    await other.getByRole("dialog").getByRole("button", { name: "Replace my workspace" }).click();
    await expect(other.getByRole("dialog")).toHaveCount(0);
    await expect.poll(async () => storedWorkspace(other)).toEqual(exported.workspace);

    await open(other, "#/partners/demo-p-08/goals");
    await expect(other.locator(".goal")).toContainText("Eighty campaigns a quarter through the ad manager");
    await expect(other.locator(".goal-flag")).toHaveCount(0);
    await expect(record(other, "all")).toContainText("1 of 2 due delivered on time");
    await expect(other.locator(".decision")).toContainText("Move from resale to a co-branded playlist series.");
    await open(other, "#/partners/demo-p-08/landing");
    await expect(other.locator(".landing-progress")).toContainText("33 %");
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});
