// Forms that fit the work (issue 14, point 4), in a partnerships lead's own steps: owners
// of next steps and commitments, the pitch version shown at a meeting, the landing plan
// as one grid, a block pasted into the metrics grid, and toasts that never sit on the
// field being edited.
import { test, expect, open, storedWorkspace } from "./fixtures.mjs";

const STRIDECRAFT = "demo-p-06";
const DASHLINE = "demo-p-04";
const LOOPLINE = "demo-p-01";

const partnerIn = (ws, id) => ws.partners.find((p) => p.id === id);
const toast = (page, text) => page.getByRole("status").filter({ hasText: text });

/** Whether two boxes overlap. */
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("a meeting names the pitch version presented and who owns each next step, on both sides", async ({ page }) => {
  await open(page, `#/partners/${STRIDECRAFT}/meetings`);
  await page.getByRole("button", { name: "Record a meeting" }).click();
  const form = page.getByRole("form", { name: "Record a meeting" });
  // Stridecraft has two pitch versions: the lead picks the one on the table.
  const version = form.getByLabel("Pitch version presented");
  await expect(version.locator("option")).toHaveText(["None presented", /^After the first meeting \(sent /, /^First draft \(drafted /]);
  await version.selectOption("demo-pitch-06-2");
  await form.getByLabel("What was presented").fill("The launch-day page and the tempo playlists");

  await form.getByRole("button", { name: "Add next step" }).click();
  await form.getByLabel("Next step 1", { exact: true }).fill("Share the spring drop calendar");
  await form.getByLabel("Owner of next step 1").selectOption({ label: "Keisha Moreland" });
  await form.getByRole("button", { name: "Add next step" }).click();
  await form.getByLabel("Next step 2", { exact: true }).fill("Send the launch-page mock-up");
  await form.getByLabel("Owner of next step 2").selectOption({ label: "Someone of ours…" });
  // A person of ours needs a name: saving without one points at the owner.
  await form.getByRole("button", { name: "Save meeting" }).click();
  await expect(form.locator(".meeting-form__errors")).toContainText("Owner of next step 2: give the owner's name");
  await expect(form.getByLabel("Owner of next step 2")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Our person's name").fill("Sam Ortiz");
  await form.getByRole("button", { name: "Save meeting" }).click();
  await expect(form).toHaveCount(0);

  const card = page.locator(".meeting__card").first();
  await expect(card.locator(".meeting__pitch")).toHaveText("Pitch version presented: After the first meeting");
  await expect(card.locator(".meeting__step").nth(0)).toContainText("Owner: Keisha Moreland (Stridecraft)");
  await expect(card.locator(".meeting__step").nth(1)).toContainText("Owner: Sam Ortiz (us)");

  const stored = partnerIn(await storedWorkspace(page), STRIDECRAFT);
  const saved = stored.meetings.find((m) => m.presented.startsWith("The launch-day page"));
  const keisha = stored.key_players.find((k) => k.name === "Keisha Moreland");
  expect(saved.pitch).toBe("demo-pitch-06-2");
  expect(saved.next_steps.map((s) => s.owner)).toEqual([{ player: keisha.id }, { ours: "Sam Ortiz" }]);

  // The version itself says where it was presented, and all of it survives a reload.
  await page.reload();
  await open(page, `#/partners/${STRIDECRAFT}/pitch`);
  const item = page.locator(".pitch-version", { hasText: "After the first meeting" });
  await expect(item.locator(".pitch-version__presented")).toContainText("Presented at the meeting of");
  await expect(page.locator(".pitch-version", { hasText: "First draft" }).locator(".pitch-version__presented")).toHaveCount(0);

  // Editing the meeting offers the same version and owners back.
  await open(page, `#/partners/${STRIDECRAFT}/meetings`);
  await page.locator(".meeting__card").first().getByRole("button", { name: /^Edit the meeting of/ }).click();
  const edit = page.getByRole("form", { name: /^Edit the meeting of/ });
  await expect(edit.getByLabel("Pitch version presented")).toHaveValue("demo-pitch-06-2");
  await expect(edit.getByLabel("Owner of next step 1")).toHaveValue(`player:${keisha.id}`);
  await expect(edit.getByLabel("Our person's name")).toHaveValue("Sam Ortiz");
});

test("a commitment is owned on its own side, and removing the key player who owns one keeps their name", async ({ page }) => {
  await open(page, `#/partners/${DASHLINE}/goals`);
  await page.getByRole("button", { name: "Add commitment" }).click();
  let form = page.getByRole("form", { name: "New commitment" });
  await form.getByLabel("Whose commitment").selectOption({ label: "Partner" });
  await form.getByLabel("What", { exact: true }).fill("Head-unit test vehicles for the Berlin lab");
  await form.getByLabel("Due", { exact: true }).fill("2027-02-01");
  const owner = form.getByLabel("Owner", { exact: true });
  // The partner's commitment is owned on their side: no "ours" to pick.
  await expect(owner.locator('optgroup[label="Our side"]')).toBeHidden();
  await owner.selectOption({ label: "Felix Aumann" });
  await form.getByRole("button", { name: "Save commitment" }).click();
  await expect(form).toHaveCount(0);
  const theirs = page.locator(".commitment", { hasText: "Head-unit test vehicles" });
  await expect(theirs.locator(".commitment__owner")).toHaveText("Owner: Felix Aumann (Dashline Auto)");

  await page.getByRole("button", { name: "Add commitment" }).click();
  form = page.getByRole("form", { name: "New commitment" });
  await form.getByLabel("Whose commitment").selectOption({ label: "Us" });
  await form.getByLabel("What", { exact: true }).fill("Voice-control SDK build for the lab");
  await form.getByLabel("Due", { exact: true }).fill("2027-01-15");
  await form.getByLabel("Owner", { exact: true }).selectOption({ label: "Someone of ours…" });
  await form.getByLabel("Our person's name").fill("Priya Raman");
  await form.getByRole("button", { name: "Save commitment" }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator(".commitment", { hasText: "Voice-control SDK" }).locator(".commitment__owner"))
    .toHaveText("Owner: Priya Raman (us)");

  // Felix leaves Dashline: the commitment he owned keeps his name on their side.
  await open(page, `#/partners/${DASHLINE}`);
  const felix = page.locator(".kp", { hasText: "Felix Aumann" });
  await felix.getByRole("button", { name: "Remove" }).click();
  await felix.getByRole("button", { name: "Confirm remove" }).click();
  await expect(page.locator(".kp", { hasText: "Felix Aumann" })).toHaveCount(0);
  await open(page, `#/partners/${DASHLINE}/goals`);
  await expect(page.locator(".commitment", { hasText: "Head-unit test vehicles" }).locator(".commitment__owner"))
    .toHaveText("Owner: Felix Aumann (Dashline Auto)");
  await expect.poll(async () => {
    const stored = partnerIn(await storedWorkspace(page), DASHLINE);
    return JSON.stringify(stored.commitments.find((k) => k.what.startsWith("Head-unit test vehicles")));
  }).toContain('"owner":{"theirs":"Felix Aumann"}');
});

test("a landing plan of three markets is one grid, one save and one undo, with each error on its cell", async ({ page }) => {
  await open(page, `#/partners/${DASHLINE}/landing`);
  await page.getByRole("button", { name: "Edit plan as a grid" }).click();
  const grid = page.getByRole("form", { name: "Edit the landing plan" });
  // Dashline's three markets, none in the plan yet, each a row.
  await expect(grid.locator("tbody tr")).toHaveCount(3);
  const cell = (market, step, what) => grid.getByLabel(`${market}, ${step}: ${what}`);
  await cell("Germany", "Enabled", "Planned").fill("2026-12-15");
  await cell("Germany", "Enabled", "Owner").fill("Lena Vogt");
  await cell("Germany", "Launched", "Planned").fill("2027-02-01");
  await cell("United States", "Enabled", "Planned").fill("2027-01-10");
  await cell("United States", "Enabled", "Owner").fill("Mark Ellis");
  await cell("Japan", "Enabled", "Owner").fill("Kenji Mori");
  // A step marked done in the future is refused, on its cell.
  await cell("Japan", "Launched", "Done").fill("2030-01-01");
  await grid.getByRole("button", { name: "Save landing plan" }).click();
  await expect(cell("Japan", "Launched", "Done")).toHaveAttribute("aria-invalid", "true");
  await expect(cell("Germany", "Enabled", "Planned")).not.toHaveAttribute("aria-invalid", "true");
  await expect(grid.locator(".plan-grid__errors")).toContainText("Japan, launched, done day: 1 January 2030 is in the future");
  expect(partnerIn(await storedWorkspace(page), DASHLINE).landing ?? []).toEqual([]);

  await cell("Japan", "Launched", "Done").fill("");
  await grid.getByRole("button", { name: "Save landing plan" }).click();
  await expect(grid).toHaveCount(0);
  await expect(toast(page, "Landing plan saved.")).toBeVisible();
  await expect(page.locator(".landing-track")).toHaveCount(3);
  await expect(page.locator(".landing-track", { hasText: "Germany" })).toContainText("Owner: Lena Vogt");
  const landing = partnerIn(await storedWorkspace(page), DASHLINE).landing;
  expect(landing.map((t) => t.enabled.owner)).toEqual(["Lena Vogt", "Mark Ellis", "Kenji Mori"]);
  expect(landing[0].launched.planned).toBe("2027-02-01");

  // The whole plan was one edit: one undo takes it all back.
  await page.getByRole("button", { name: "Undo edit the landing plan" }).click();
  await expect(page.locator(".landing-track")).toHaveCount(0);
  await expect.poll(async () => (partnerIn(await storedWorkspace(page), DASHLINE).landing ?? []).length).toBe(0);
});

test("a block pasted into a metrics cell spreads across the grid from that cell, and a bad cell is marked", async ({ page }) => {
  await open(page, `#/partners/${LOOPLINE}/metrics`);
  await page.getByLabel("Metric", { exact: true }).selectOption("sign-ups");
  const rows = page.locator(".metrics-grid__table tbody tr");
  // The lead pastes two rows of two values into the second market's third-last month.
  const start = rows.nth(1).locator("input").nth(-3);
  const right = rows.nth(1).locator("input").nth(-2);
  const below = rows.nth(2).locator("input").nth(-3);
  const diagonal = rows.nth(2).locator("input").nth(-2);
  const before = await right.inputValue();
  await start.focus();
  await start.evaluate((el) => {
    const data = new DataTransfer();
    data.setData("text/plain", "1,234\t2 345\r\n3456\tn/a\r\n");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(start).toHaveValue("1,234");
  await expect(right).toHaveValue("2,345");
  await expect(below).toHaveValue("3,456");
  expect(before).not.toBe("2,345");
  // The word stays in the cell it landed on, marked, and the message names that cell.
  await expect(diagonal).toHaveValue("n/a");
  await expect(diagonal).toHaveAttribute("aria-invalid", "true");
  const where = await diagonal.getAttribute("aria-label");
  await expect(page.locator(".metrics-grid__error")).toContainText(`${where}: "n/a" is not a number`);
  await expect(toast(page, "Pasted 3 values of sign-ups")).toBeVisible();

  const id = await start.getAttribute("id");
  const [market, month] = [id.slice("mcell-".length, id.length - 8), id.slice(-7)];
  const values = (ws) => partnerIn(ws, LOOPLINE).metrics.find((s) => s.market === market && s.metric === "sign-ups").values;
  expect(values(await storedWorkspace(page))[month]).toBe(1234);

  // Fixing the marked cell clears its mark; the paste was one edit, undone at once.
  await diagonal.fill("4567");
  await diagonal.press("Tab");
  await expect(diagonal).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: /^Undo set sign-ups/ }).click();
  await page.getByRole("button", { name: /^Undo paste 3 values/ }).click();
  await expect(right).toHaveValue(before);
  await expect.poll(async () => values(await storedWorkspace(page))[month]).not.toBe(1234);
});

for (const width of [1280, 375]) {
  test(`a toast never covers the field being edited (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 375 ? 700 : 800 });
    await open(page, `#/partners/${DASHLINE}/goals`);
    await page.getByRole("button", { name: "Add commitment" }).click();
    let form = page.getByRole("form", { name: "New commitment" });
    await form.getByLabel("What", { exact: true }).fill("Berlin lab access badges");
    await form.getByRole("button", { name: "Save commitment" }).click();
    const shown = toast(page, "Commitment saved.");
    await expect(shown).toBeVisible();
    // The toast is announced: it sits in a polite live region.
    await expect(page.locator(".toast-region")).toHaveAttribute("aria-live", "polite");

    // Straight on to the next one, while the toast still shows: wherever the field
    // being typed in sits on the screen, the toast is elsewhere.
    await page.getByRole("button", { name: "Add commitment" }).click();
    form = page.getByRole("form", { name: "New commitment" });
    for (const block of ["end", "start", "center"]) {
      for (const label of ["What", "Due"]) {
        const field = form.getByLabel(label, { exact: true });
        await field.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
        await field.focus();
        await expect(shown).toBeVisible();
        await expect.poll(async () => overlap(await field.boundingBox(), await shown.boundingBox()),
          { message: `toast over "${label}" scrolled to ${block}` }).toBe(false);
      }
    }
    await page.screenshot({ path: `target/e2e-results/forms-toast-${width}.png` });
  });
}
