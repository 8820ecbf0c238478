// The pipeline board at 2,000 partners (bench/large.mjs): each column shows its first
// 25 cards with its exact count and a "Show more" button, a card moved into a column
// shows there (and keeps the focus) even past the first page, and the board stays
// usable with the keyboard and by dragging.
import { test, expect, open, STORAGE_KEY } from "./fixtures.mjs";
import { largeFile } from "../../bench/large.mjs";

const PAGE = 25;
const column = (page, stage) => page.locator(`section.column[data-stage="${stage}"]`);
const cardIn = (page, stage, id) => column(page, stage).locator(`li.card[data-id="${id}"]`);

/** The 2,000-partner program without the records the board does not show, so the old
 * single key (migrated on load) holds it within the quota. */
function program() {
  const file = largeFile(2000, 0);
  file.workspace.partners = file.workspace.partners.map((p) => ({
    ...p, meetings: [], goals: [], commitments: [], landing: [], metrics: [],
  }));
  return file;
}

/** The names of a stage's partners in the board's order (by name, ignoring case). */
function namesIn(partners, stage) {
  return partners.filter((p) => p.stage === stage)
    .map((p) => p.name)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
}

test.beforeEach(async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "#/data");
  const file = program();
  await page.evaluate(([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); }, [STORAGE_KEY, JSON.stringify(file)]);
  // A new load (a hash change alone would keep the demo in memory), which migrates the key.
  await page.goto("./#/pipeline");
  await page.reload();
  await expect(column(page, "research").locator("li.card").first()).toBeVisible({ timeout: 60_000 });
});

test("at 2,000 partners each column shows its first cards, its exact count and the rest on demand", async ({ page }) => {
  const { partners } = program().workspace;
  // 250 partners a stage; 25 cards each on the board, not 2,000.
  await expect(page.locator("li.card")).toHaveCount(8 * PAGE);
  await expect(column(page, "research")).toHaveAttribute("aria-label", "Research (250)");
  await expect(column(page, "research").locator(".column__count")).toHaveText("250");
  const research = namesIn(partners, "research");
  await expect(column(page, "research").locator("li.card .card__name")).toHaveText(research.slice(0, PAGE));

  const more = column(page, "research").getByRole("button", { name: "Show more (225) in Research" });
  await expect(more).toBeVisible();
  await more.click();
  await expect(column(page, "research").locator("li.card .card__name")).toHaveText(research.slice(0, 2 * PAGE));
  // The first card the click brought in has the focus.
  await expect(column(page, "research").locator("li.card").nth(PAGE)).toBeFocused();
  await expect(column(page, "research").getByRole("button", { name: "Show more (200) in Research" })).toBeVisible();
  // The other columns did not change.
  await expect(column(page, "pitching").locator("li.card")).toHaveCount(PAGE);
});

test("at 2,000 partners a card moved past its new column's first page shows there and keeps the focus", async ({ page }) => {
  const { partners } = program().workspace;
  const pitching = namesIn(partners, "pitching");
  // A card on Research's second page whose place among Pitching's cards is past the
  // first page: without the board showing it, the focus would have nowhere to go.
  await column(page, "research").getByRole("button", { name: "Show more (225) in Research" }).click();
  await expect(column(page, "research").locator("li.card")).toHaveCount(2 * PAGE);
  const candidates = namesIn(partners, "research").slice(PAGE, 2 * PAGE).filter((name) =>
    namesIn([...partners.filter((p) => p.stage === "pitching"), { name, stage: "pitching" }], "pitching").indexOf(name) >= PAGE);
  expect(candidates.length, "a card that lands past the first page").toBeGreaterThan(0);
  const name = candidates[0];
  const id = partners.find((p) => p.name === name).id;
  expect(pitching).not.toContain(name);

  const card = cardIn(page, "research", id);
  await card.focus();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "pitching", id)).toBeFocused();
  await expect(page.getByText(`Moved ${name} to Pitching.`)).toBeAttached();
  await expect(column(page, "pitching")).toHaveAttribute("aria-label", "Pitching (251)");
  await expect(column(page, "research")).toHaveAttribute("aria-label", "Research (249)");
  // Research shows its first 50 again (one more came in); Pitching its 25 and the moved card.
  await expect(column(page, "research").locator("li.card")).toHaveCount(2 * PAGE);
  await expect(column(page, "pitching").locator("li.card")).toHaveCount(PAGE + 1);
  await expect(column(page, "pitching").getByRole("button", { name: "Show more (225) in Pitching" })).toBeVisible();

  // Back with the arrow key, then dragged (by events) to Live: it follows each time.
  await page.keyboard.press("ArrowLeft");
  await expect(cardIn(page, "research", id)).toBeFocused();
  await expect(column(page, "research")).toHaveAttribute("aria-label", "Research (250)");
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await cardIn(page, "research", id).dispatchEvent("dragstart", { dataTransfer: dt });
  await column(page, "live").dispatchEvent("dragover", { dataTransfer: dt });
  await column(page, "live").dispatchEvent("drop", { dataTransfer: dt });
  await expect(cardIn(page, "live", id)).toBeVisible();
  await expect(column(page, "live")).toHaveAttribute("aria-label", "Live (251)");
  await expect(page.getByText(`Moved ${name} to Live.`)).toBeAttached();
});
