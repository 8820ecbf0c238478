// Sharing without loss: partners edited on both sides since they were last shared are
// shown field by field, and the person chooses; deletions are not undone by old files.
import { test, expect, open, downloadText, chooseImportFile, storedWorkspace, isoIn } from "./fixtures.mjs";

/** Exports the whole workspace (which marks it shared) and returns the parsed file. */
async function exportAll(page) {
  await page.getByRole("link", { name: "Data", exact: true }).click();
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  return JSON.parse(text);
}

async function moveOnBoard(page, name, stage) {
  await page.getByRole("link", { name: "Pipeline", exact: true }).click();
  await page.getByLabel(`Stage of ${name}`).selectOption({ label: stage });
}

/** The exported file with Pacewell edited "by a colleague" a day later. */
function colleagueEdit(file) {
  const edited = structuredClone(file);
  const p = edited.workspace.partners.find((p) => p.name === "Pacewell");
  p.stage = "live";
  p.notes = "Signed off by their board.";
  p.updated = isoIn(1);
  // A hand edit drops the edit stamps (docs/FORMAT.md): every field reads as edited then.
  delete p.stamp;
  delete p.base;
  delete p.stamps;
  const other = edited.workspace.partners.find((p) => p.name === "Swervo");
  other.owner = "Someone new";
  other.updated = isoIn(1);
  return edited;
}

test("a field edited on both sides shows both versions, the rest merges, and the partner can be kept twice", async ({ page }) => {
  await open(page);
  const file = await exportAll(page);
  await moveOnBoard(page, "Pacewell", "Pitching");
  await chooseImportFile(page, "colleague.json", JSON.stringify(colleagueEdit(file)));
  const dialog = page.getByRole("dialog");
  const conflicts = dialog.locator(".conflicts");
  await expect(conflicts.getByRole("heading")).toHaveText("1 partner edited on both sides since you last shared files");
  const item = conflicts.locator("fieldset", { hasText: "Pacewell" });
  await expect(item.locator("tr", { hasText: /^\s*Stage/ })).toContainText("Pitching");
  await expect(item.locator("tr", { hasText: /^\s*Stage/ })).toContainText("Live");
  // Both moved the stage: it is the one field asked about. Only they wrote the notes,
  // which merge without a question.
  await expect(item.locator("tr", { hasText: "Notes" })).toHaveCount(0);
  // The newer edit (the file's) is preselected; the plain update is listed as such.
  await expect(item.getByRole("radio", { name: "Keep the file's" })).toBeChecked();
  await expect(dialog.locator(".preview__group--updated")).toContainText("Swervo");
  await expect(dialog.locator(".preview__group--updated")).not.toContainText("Pacewell");
  await item.getByRole("checkbox", { name: "Keep both as two partners" }).check();
  await dialog.getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog).toHaveCount(0);
  const ws = await storedWorkspace(page);
  const pacewells = ws.partners.filter((p) => p.name.startsWith("Pacewell"));
  expect(pacewells.map((p) => [p.name, p.stage])).toEqual([["Pacewell", "pitching"], ["Pacewell (from file)", "live"]]);
  expect(new Set(ws.partners.flatMap((p) => [p.id, ...p.key_players.map((k) => k.id)])).size)
    .toBe(ws.partners.reduce((n, p) => n + 1 + p.key_players.length, 0));
  expect(ws.partners.find((p) => p.name === "Swervo").owner).toBe("Someone new");
});

test("on a phone each clashing field is a card: nothing overflows the dialog and both choices can be tapped", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  const file = await exportAll(page);
  await moveOnBoard(page, "Pacewell", "Pitching");
  await chooseImportFile(page, "colleague.json", JSON.stringify(colleagueEdit(file)));
  const item = page.getByRole("dialog").locator(".conflicts fieldset", { hasText: "Pacewell" });
  await expect(item.locator("th[scope=row]")).toHaveText("Stage");
  // The field's name reads as one word, not broken letter by letter.
  const nameBox = await item.locator("th[scope=row]").boundingBox();
  const fieldBox = await item.boundingBox();
  expect(nameBox.width).toBeGreaterThan(fieldBox.width / 2);
  expect(await item.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  for (const name of ["Keep yours: Stage", "Keep the file's: Stage"]) {
    const box = await item.getByRole("radio", { name }).boundingBox();
    expect(box.width).toBeGreaterThanOrEqual(12);
  }
  await item.getByRole("radio", { name: "Keep yours: Stage" }).check();
  await expect(item.getByRole("radio", { name: "Keep the file's: Stage" })).not.toBeChecked();
});

test("keeping ours settles the conflict for good: the same file later changes nothing", async ({ page }) => {
  await open(page);
  const file = await exportAll(page);
  await moveOnBoard(page, "Pacewell", "Pitching");
  const text = JSON.stringify(colleagueEdit(file));
  await chooseImportFile(page, "colleague.json", text);
  const dialog = page.getByRole("dialog");
  await dialog.locator(".conflicts fieldset", { hasText: "Pacewell" }).getByRole("radio", { name: "Keep yours" }).check();
  await dialog.getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await storedWorkspace(page)).partners.find((p) => p.name === "Pacewell").stage).toBe("pitching");

  await chooseImportFile(page, "colleague.json", text);
  await expect(dialog.locator(".conflicts")).toHaveCount(0);
  await expect(dialog.getByText("Importing this file would change nothing.")).toBeVisible();
});

test("a partner deleted here is not brought back by merging an older file", async ({ page }) => {
  await open(page);
  const file = await exportAll(page);
  await page.getByRole("link", { name: "Partners", exact: true }).click();
  await page.getByRole("button", { name: "Delete Pacewell" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.locator("tbody tr", { hasText: "Pacewell" })).toHaveCount(0);
  await chooseImportFile(page, "old.json", JSON.stringify(file));
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator(".preview__group--added")).not.toContainText("Pacewell");
  await dialog.getByRole("button", { name: "Merge into my workspace" }).click();
  const ws = await storedWorkspace(page);
  expect(ws.partners.map((p) => p.name)).not.toContain("Pacewell");
  expect(ws.deleted.map((t) => t.id)).toContain(file.workspace.partners.find((p) => p.name === "Pacewell").id);
});
