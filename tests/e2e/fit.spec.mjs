// The Fit & ladder tab (#/partners/ID/fit): assessing a partner changes the
// recommendation (a wrong user experience stops the deal), the incumbent-bias warning,
// a move to exclusive with low leverage shows its warning first and records it, the
// profile shows the level without a select, and all of it survives export and import.
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile, envelope, STORAGE_KEY } from "./fixtures.mjs";

const fitTab = (n) => `#/partners/demo-p-${n}/fit`;
const banner = (page) => page.locator(".fit-verdict__banner");
const reasons = (page) => page.getByRole("list", { name: "Reasons for the recommendation" });
const form = (page) => page.getByRole("form", { name: "Assessment" });
const partnerIn = async (page, id) => (await storedWorkspace(page)).partners.find((p) => p.id === id);

test("assessing a partner changes its recommendation, and a wrong experience stops it", async ({ page }) => {
  // Moonmoth Games is not assessed in the demo.
  await open(page, fitTab("11"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moonmoth Games — Fit & ladder");
  await expect(banner(page)).toHaveText("Recommendation: Not assessed");
  await expect(reasons(page)).toContainText("the user-experience verdict");

  const f = form(page);
  await f.getByLabel("User experience").selectOption("right");
  await f.getByLabel("Strategic fit (1–5)").fill("9");
  // Inline check as you type: the model names the range, and saving waits.
  await expect(f.locator("#e-fit-strategic")).toHaveText("9 is not a whole number from 1 to 5; leave it empty if not assessed");
  await expect(f.getByRole("button", { name: "Save assessment" })).toBeDisabled();
  await f.getByLabel("Strategic fit (1–5)").fill("4");
  await expect(f.locator("#e-fit-strategic")).toBeEmpty();
  await f.getByLabel("Our leverage (1–5)").fill("3");
  await f.getByLabel("Their leverage (1–5)").fill("2");
  await f.getByLabel("Economics for us").selectOption("favourable");
  await f.getByLabel("Do we understand their market?").selectOption("yes");
  await f.getByLabel("Why this user-experience verdict").fill("Soundtrack playlists one tap away from the game's radio.");
  await f.getByRole("button", { name: "Save assessment" }).click();
  await expect(f.getByText("All changes saved.")).toBeVisible();
  await expect(banner(page)).toHaveText("Recommendation: Pursue");
  await expect(reasons(page).locator("li").first()).toHaveText(
    "The user experience is right: Soundtrack playlists one tap away from the game's radio.");
  let stored = await partnerIn(page, "demo-p-11");
  expect(stored.fit).toMatchObject({ ux: "right", strategic: 4, our_leverage: 3, their_leverage: 2, economics: "favourable", market_understood: true });

  // A wrong verdict needs its reason, and then stops the deal whatever else says.
  await f.getByLabel("User experience").selectOption("wrong");
  await f.getByLabel("Why this user-experience verdict").fill("");
  await expect(f.locator("#e-fit-reason")).toContainText("is required when the verdict is risky or wrong");
  await expect(f.getByRole("button", { name: "Save assessment" })).toBeDisabled();
  await f.getByLabel("Why this user-experience verdict").fill("Links would open mid-game and pull players out of a match.");
  await f.getByRole("button", { name: "Save assessment" }).click();
  await expect(banner(page)).toHaveText("Recommendation: Stop");
  await expect(banner(page)).toHaveClass(/fit-verdict__banner--stop/);
  await expect(reasons(page).locator("li").first()).toContainText("Links would open mid-game");
  await expect(reasons(page).locator("li").last()).toContainText("In its favour, but not enough: strong strategic fit (4 of 5)");
  stored = await partnerIn(page, "demo-p-11");
  expect(stored.fit.ux).toBe("wrong");

  // Undo brings the earlier verdict back, on screen and in the form.
  await page.keyboard.press("Control+z");
  await expect(banner(page)).toHaveText("Recommendation: Pursue");
  await expect(f.getByLabel("User experience")).toHaveValue("right");
});

test("an incumbent pursued in a market not understood raises the bias warning", async ({ page }) => {
  // The demo's Tellara Mobile carries it already.
  await open(page, fitTab("02"));
  await expect(page.locator(".fit-bias")).toContainText("Tellara Mobile is the incumbent of a market the team marks as not understood");
  await expect(banner(page)).toHaveText("Recommendation: Pursue with care");

  // Loopline, a live incumbent, gains it when the team says it does not understand the market.
  await open(page, fitTab("01"));
  await expect(page.locator(".fit-bias")).toHaveCount(0);
  await form(page).getByLabel("Do we understand their market?").selectOption("no");
  await form(page).getByRole("button", { name: "Save assessment" }).click();
  await expect(page.locator(".fit-bias")).toContainText("Loopline is the incumbent");
  await expect(banner(page)).toHaveText("Recommendation: Pursue with care");
  await expect(reasons(page)).toContainText("Possible incumbent bias");
});

test("moving to exclusive with low leverage shows the warning first and records it", async ({ page }) => {
  // Dashline Auto is at the strategic level, leverage 3 against 3.
  await open(page, fitTab("04"));
  const f = form(page);
  // Its user experience is risky in the demo; settle it so leverage is the only concern.
  await f.getByLabel("User experience").selectOption("right");
  await f.getByLabel("Our leverage (1–5)").fill("2");
  await f.getByRole("button", { name: "Save assessment" }).click();
  await expect(f.getByText("All changes saved.")).toBeVisible();

  const exclusive = page.locator(".ladder__step").nth(3);
  await exclusive.getByRole("button", { name: "Move up to Exclusive" }).click();
  const confirm = page.getByRole("group", { name: "Confirm the move to Exclusive" });
  await expect(confirm).toContainText("Our leverage (2) is below theirs (3)");
  // Cancel changes nothing.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect((await partnerIn(page, "demo-p-04")).ladder).toBe("strategic");

  await exclusive.getByRole("button", { name: "Move up to Exclusive" }).click();
  await confirm.getByRole("button", { name: "Confirm move to Exclusive" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to Exclusive; its warning is recorded." })).toBeVisible();
  await expect(exclusive.locator(".ladder__here")).toHaveText("Current level");
  const history = page.getByRole("list", { name: "Ladder moves, newest first" });
  await expect(history.locator(".ladder-move").first()).toContainText("Strategic → Exclusive (up)");
  await expect(history.locator(".ladder-move").first()).toContainText("Our leverage (2) is below theirs (3)");

  const stored = await partnerIn(page, "demo-p-04");
  expect(stored.ladder).toBe("exclusive");
  const move = stored.ladder_moves.at(-1);
  expect(move).toMatchObject({ from: "strategic", to: "exclusive" });
  expect(move.warnings).toEqual([
    "Our leverage (2) is below theirs (3): an exclusive deal would lock us in on their terms.",
  ]);

  // The profile shows the level as text with a way to the ladder, not a select.
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByTestId("ladder-level")).toHaveText("Exclusive");
  await expect(page.locator("#f-ladder")).toHaveCount(0);
  // Saving the profile keeps the level the move set.
  await page.getByLabel("Owner").fill("Jonas Weber (auto)");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  expect((await partnerIn(page, "demo-p-04")).ladder).toBe("exclusive");
  await page.getByRole("link", { name: "Change on Fit & ladder" }).click();
  await expect(page).toHaveURL(/#\/partners\/demo-p-04\/fit$/);
});

test("assessments and recorded moves round-trip through export and import", async ({ page, browser, baseURL }) => {
  await open(page, fitTab("11"));
  const f = form(page);
  await f.getByLabel("User experience").selectOption("wrong");
  await f.getByLabel("Why this user-experience verdict").fill("Locked soundtrack links.");
  await f.getByRole("button", { name: "Save assessment" }).click();
  await expect(banner(page)).toHaveText("Recommendation: Stop");
  await page.locator(".ladder__step").nth(3).getByRole("button", { name: "Move up to Exclusive" }).click();
  const confirm = page.getByRole("group", { name: "Confirm the move to Exclusive" });
  await expect(confirm).toContainText("This skips Integration and Strategic");
  await confirm.getByRole("button", { name: "Confirm move to Exclusive" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Moved to Exclusive; its \d warnings are recorded\./ })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const exported = JSON.parse(text);
  const moon = exported.workspace.partners.find((p) => p.id === "demo-p-11");
  expect(moon.fit).toMatchObject({ ux: "wrong", ux_reason: "Locked soundtrack links." });
  expect(moon.ladder_moves.at(-1).warnings).toContain(
    "The user experience is judged wrong: the assessment recommends stopping, not moving up.");

  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other, "#/data");
    await chooseImportFile(other, download.suggestedFilename(), text);
    const dialog = other.getByRole("dialog");
    await dialog.getByRole("radio", { name: /Replace/ }).check();
    await dialog.getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(() => storedWorkspace(other)).toEqual(exported.workspace);

    await other.goto(`./${fitTab("11")}`);
    await expect(banner(other)).toHaveText("Recommendation: Stop");
    await expect(form(other).getByLabel("Why this user-experience verdict")).toHaveValue("Locked soundtrack links.");
    const history = other.getByRole("list", { name: "Ladder moves, newest first" });
    await expect(history.locator(".ladder-move").first()).toContainText("Self-serve / public API → Exclusive (up)");
    await expect(history.locator(".ladder-move").first()).toContainText("This skips Integration and Strategic");
    // The demo's own story came across too: Hollow Oak's move to exclusive and its warnings.
    await other.goto(`./${fitTab("07")}`);
    await expect(history.locator(".ladder-move").first()).toContainText("Our leverage (2) is below theirs (4)");
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});

test("the ladder shows each level's needs and the current level, on a phone too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, fitTab("12"));
  await expect(banner(page)).toHaveText("Recommendation: Stop");
  const steps = page.locator(".ladder__step");
  await expect(steps).toHaveCount(4);
  await expect(steps.locator("h3")).toHaveText(["Self-serve / public API", "Integration", "Strategic", "Exclusive"]);
  await expect(steps.nth(3)).toHaveAttribute("aria-current", "step");
  await expect(steps.nth(3).locator(".need--unmet")).toContainText(["Our leverage at least as high as theirs"]);
  // Moving down raises no warning.
  await steps.nth(0).getByRole("button", { name: "Move down to Self-serve / public API" }).click();
  await expect(page.getByRole("group", { name: "Confirm the move to Self-serve / public API" })).toContainText("This move raises no warning.");
  // Nothing on the tab is wider than the phone.
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll(".fit *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).length);
  expect(overflow).toBe(0);
});

test("with too little evidence the effort bar draws no share and says so, as the card's text does", async ({ page }) => {
  // One partner in pursuit, an incumbent, with no meeting: the share would read 100 %,
  // on one partner; the model says that is too little to read.
  await open(page);
  const ws = await storedWorkspace(page);
  for (const p of ws.partners) {
    if (p.id === "demo-p-01") p.meetings = [];
    else p.stage = "paused";
  }
  await page.evaluate(([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); },
    [STORAGE_KEY, JSON.stringify(envelope(ws))]);
  await page.goto("./#/dashboard");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const card = page.locator(".incumbent-effort");
  await expect(card.locator(".incumbent-effort__figure")).toContainText("Not enough evidence yet");
  await expect(card.locator(".incumbent-effort__numbers")).toContainText("1 of 1 partners in pursuit are incumbents");
  const bar = card.getByRole("img", { name: "Effort on incumbents: not enough evidence yet" });
  await expect(bar).toBeVisible();
  await expect(bar.locator(".share-bar__fill")).toHaveAttribute("width", "0");
  await expect(card.getByRole("img", { name: /of the effort on incumbents/ })).toHaveCount(0);
});
