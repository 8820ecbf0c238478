import { test, expect, open, storedWorkspace } from "./fixtures.mjs";

const column = (page, stage) => page.locator(`section.column[data-stage="${stage}"]`);
const card = (page, id) => page.locator(`li.card[data-id="${id}"]`);
const cardIn = (page, stage, id) => column(page, stage).locator(`li.card[data-id="${id}"]`);
const storedStage = async (page, id) =>
  (await storedWorkspace(page)).partners.find((p) => p.id === id)?.stage;

/** After a reload, the partner sits in `stage` on the board and on its own page. */
async function expectStageAfterReload(page, id, stage, label) {
  await page.reload();
  await expect(cardIn(page, stage, id)).toBeVisible();
  await expect(card(page, id)).toHaveCount(1);
  await page.goto(`./#/partners/${id}`);
  await expect(page.getByLabel("Stage", { exact: true })).toHaveValue(stage);
  await expect(page.getByLabel("Stage", { exact: true }).locator("option:checked")).toHaveText(label);
}

test("the board shows a column per stage with each partner's card", async ({ page }) => {
  await open(page, "#/pipeline");
  await expect(page.locator("section.column")).toHaveCount(8);
  const stages = await page.locator("section.column").evaluateAll((cs) => cs.map((c) => c.dataset.stage));
  expect(stages).toEqual([
    "research", "pitching", "negotiating", "signed", "landing", "live", "paused", "walked_away",
  ]);
  await expect(page.locator("li.card")).toHaveCount(13);
  await expect(column(page, "live").locator("li.card .card__name")).toHaveText([
    "Brightcourt Media", "Loopline", "Swervo", "Tellara Mobile",
  ]);
  await expect(column(page, "live")).toHaveAttribute("aria-label", "Live (4)");
});

test("dragging a card to another column moves the partner to that stage", async ({ page }) => {
  await open(page, "#/pipeline");
  const id = "demo-p-09"; // Pacewell, in Research
  await expect(cardIn(page, "research", id)).toBeVisible();
  // Playwright's pointer-driven drag (Chromium carries the dataTransfer through it).
  // Grab the card by its meta line, away from the link and the stage menu.
  await card(page, id).locator(".card__meta").dragTo(column(page, "negotiating"));
  await expect(cardIn(page, "negotiating", id)).toBeVisible();
  await expect(column(page, "research").locator(`[data-id="${id}"]`)).toHaveCount(0);
  await expect(column(page, "negotiating")).toHaveAttribute("aria-label", "Negotiating (3)");
  await expect(page.getByText("Moved Pacewell to Negotiating.")).toBeAttached();
  await expect.poll(() => storedStage(page, id)).toBe("negotiating");
  // No import dialog: a card is not a file.
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await expectStageAfterReload(page, id, "negotiating", "Negotiating");
});

test("dragging with dispatched drag events and a shared DataTransfer moves the card", async ({ page }) => {
  // The same drop, driven by events, guards the handlers themselves (data type
  // "application/x-tandem-partner", dragover accepting it, drop reading it).
  await open(page, "#/pipeline");
  const id = "demo-p-11"; // Moonmoth Games, in Research
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await card(page, id).dispatchEvent("dragstart", { dataTransfer: dt });
  expect(await dt.evaluate((d) => d.getData("application/x-tandem-partner"))).toBe(id);
  const target = column(page, "live");
  await target.dispatchEvent("dragenter", { dataTransfer: dt });
  const accepted = await target.evaluate((el, d) => {
    const ev = new DragEvent("dragover", { dataTransfer: d, bubbles: true, cancelable: true });
    el.dispatchEvent(ev);
    return ev.defaultPrevented;
  }, dt);
  expect(accepted, "the column accepts a card being dragged over it").toBe(true);
  await expect(target).toHaveClass(/is-over/);
  await target.dispatchEvent("drop", { dataTransfer: dt });
  await card(page, id).dispatchEvent("dragend", { dataTransfer: dt });
  await expect(cardIn(page, "live", id)).toBeVisible();
  await expect(column(page, "live")).not.toHaveClass(/is-over/);
  await expect.poll(() => storedStage(page, id)).toBe("live");
  await expectStageAfterReload(page, id, "live", "Live");
});

test("ArrowRight and ArrowLeft on a focused card move it and keep it focused", async ({ page }) => {
  await open(page, "#/pipeline");
  const id = "demo-p-06"; // Stridecraft, in Pitching
  await card(page, id).focus();
  await expect(card(page, id)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "negotiating", id)).toBeVisible();
  await expect(cardIn(page, "negotiating", id)).toBeFocused();
  await expect(card(page, id)).toHaveAttribute("aria-label", "Stridecraft, Negotiating");
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "signed", id)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(cardIn(page, "negotiating", id)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "signed", id)).toBeFocused();
  await expect.poll(() => storedStage(page, id)).toBe("signed");

  await expectStageAfterReload(page, id, "signed", "Signed");
});

test("the arrow keys stop at the first and last stage", async ({ page }) => {
  await open(page, "#/pipeline");
  await card(page, "demo-p-12").focus(); // Kestrel Phones, Walked away (last)
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(cardIn(page, "paused", "demo-p-12")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "walked_away", "demo-p-12")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "walked_away", "demo-p-12")).toBeFocused();
  await expect.poll(() => storedStage(page, "demo-p-12")).toBe("walked_away");

  await card(page, "demo-p-09").focus(); // Pacewell, Research (first)
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "pitching", "demo-p-09")).toBeFocused();
});

test("the card's stage menu moves the partner", async ({ page }) => {
  await open(page, "#/pipeline");
  const id = "demo-p-07"; // Hollow Oak Audio, Negotiating
  const menu = page.getByRole("combobox", { name: "Stage of Hollow Oak Audio" });
  await expect(menu).toHaveValue("negotiating");
  await menu.selectOption({ label: "Paused" });
  await expect(cardIn(page, "paused", id)).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Stage of Hollow Oak Audio" })).toHaveValue("paused");
  await expect(column(page, "negotiating").locator("li.card")).toHaveCount(1);
  await expect.poll(() => storedStage(page, id)).toBe("paused");
  await expectStageAfterReload(page, id, "paused", "Paused");
  // The table agrees.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  const row = page.locator("tbody tr").filter({ hasText: "Hollow Oak Audio" });
  await expect(row.locator("td").nth(2)).toHaveText("Paused");
});

test("moves made three ways all persist across a reload", async ({ page }) => {
  await open(page, "#/pipeline");
  await card(page, "demo-p-05").locator(".card__meta").dragTo(column(page, "signed")); // Zuri Pay
  await expect(cardIn(page, "signed", "demo-p-05")).toBeVisible();
  await card(page, "demo-p-03").focus(); // Hearthpod, Landing
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "live", "demo-p-03")).toBeFocused();
  await page.getByRole("combobox", { name: "Stage of Gatehouse Live" }).selectOption("live");
  await expect(cardIn(page, "live", "demo-p-10")).toBeVisible();
  await expect(column(page, "live")).toHaveAttribute("aria-label", "Live (6)");

  await page.reload();
  await expect(cardIn(page, "signed", "demo-p-05")).toBeVisible();
  await expect(cardIn(page, "live", "demo-p-03")).toBeVisible();
  await expect(cardIn(page, "live", "demo-p-10")).toBeVisible();
  await expect(column(page, "live").locator("li.card .card__name")).toHaveText([
    "Brightcourt Media", "Gatehouse Live", "Hearthpod", "Loopline", "Swervo", "Tellara Mobile",
  ]);
  await page.goto("./#/partners/demo-p-05");
  await expect(page.getByLabel("Stage", { exact: true })).toHaveValue("signed");
});
