import {
  test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile, envelope, isoIn,
} from "./fixtures.mjs";
import { largeFile } from "../../bench/large.mjs";

const dialog = (page) => page.getByRole("dialog");
const previewCount = (page, group) => dialog(page).locator(`details.preview__group--${group} > summary`);

async function exportWorkspace(page) {
  await open(page, "#/data");
  return downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
}

test("exporting the whole workspace downloads a Tandem file of the stored workspace", async ({ page }) => {
  await open(page);
  // An edit first, so the export is not just the demo.
  await page.getByLabel("New partner name").fill("Exported Only");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Exported Only");

  const { download, text } = await exportWorkspace(page);
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(text);
  expect(file.format).toBe("tandem");
  expect(file.version).toBe(3);
  expect(file.scope).toBe("workspace");
  expect(file.saved_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Object.keys(file).sort()).toEqual(["format", "saved_at", "scope", "version", "workspace"]);
  expect(file.workspace.program_name).toBe("Riffly Partnerships 2027");
  expect(file.workspace.partners).toHaveLength(14);
  expect(file.workspace.partners.map((p) => p.name)).toContain("Exported Only");
  expect(file.workspace).toEqual(await storedWorkspace(page));
  // Pretty-printed for people to read.
  expect(text).toContain('\n  "format": "tandem"');
});

test("a whole-workspace export replaces the workspace in an empty profile exactly", async ({ page, browser, baseURL }) => {
  await open(page);
  await page.getByLabel("New partner name").fill("Carried Across");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Carried Across");
  await page.getByLabel("Owner").fill("Mover");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await page.goto("./#/pipeline");
  await page.getByRole("combobox", { name: "Stage of Loopline" }).selectOption("paused");
  await expect(page.locator('section.column[data-stage="paused"] li.card[data-id="demo-p-01"]')).toBeVisible();
  const { download, text } = await exportWorkspace(page);
  const exported = JSON.parse(text);
  expect(exported.workspace.partners).toHaveLength(14);

  // A new, empty browser profile.
  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other);
    await expect(other.locator("tbody tr")).toHaveCount(13);
    expect((await storedWorkspace(other)).partners.map((p) => p.name)).not.toContain("Carried Across");

    await chooseImportFile(other, download.suggestedFilename(), text);
    await expect(dialog(other)).toBeVisible();
    await expect(dialog(other).getByRole("heading")).toHaveText(`Import ${download.suggestedFilename()}`);
    await expect(dialog(other)).toContainText("A Tandem file (format version 3) holding a whole workspace");
    await dialog(other).getByRole("radio", { name: /Replace/ }).check();
    await expect(previewCount(other, "added")).toHaveText("1 added");
    await dialog(other).getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog(other)).toHaveCount(0);
    await expect(other.getByRole("status").filter({ hasText: "Imported. The workspace now holds 14 partners." })).toBeVisible();

    await expect.poll(async () => storedWorkspace(other)).toEqual(exported.workspace);
    await other.reload();
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
    await expect(other.locator("tbody tr")).toHaveCount(14);
    await expect(other.locator("tbody tr").filter({ hasText: "Carried Across" })).toContainText("Mover");
    await expect(other.locator("tbody tr").filter({ hasText: "Loopline" }).locator("td").nth(2)).toHaveText("Paused");
    expect(await storedWorkspace(other)).toEqual(exported.workspace);
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});

test("a merge import previews 1 added, 1 updated, the rest unchanged, and applies", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  const incoming = structuredClone(ours);
  // Loopline changed, and newer than ours.
  const loop = incoming.partners[0];
  loop.stage = "paused";
  loop.notes = "Paused after the merge.";
  loop.updated = isoIn(1);
  // A partner we do not have, in a market we do not have either.
  incoming.markets.push({ id: "ext-m-fr", created: isoIn(-2), updated: isoIn(-2), name: "France" });
  incoming.partners.push({
    id: "ext-p-1", created: isoIn(-1), updated: isoIn(-1), name: "Fresh Partner",
    website: "https://fresh.example", category: "content", position: "niche",
    markets: ["ext-m-fr", "demo-m-jp"], stage: "pitching", ladder: "integration",
    owner: "Merger", tags: ["new"], notes: "", key_players: [
      { id: "ext-kp-1", created: isoIn(-1), updated: isoIn(-1), name: "Faye Merge", title: "CEO",
        role: "decision_maker", influence: 5, stance: "champion", notes: "" },
    ],
  });
  // Whoever wrote the file renamed the program: a merge keeps ours.
  incoming.program_name = "Someone Else's Program";

  await chooseImportFile(page, "merge.json", JSON.stringify(envelope(incoming)));
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole("radio", { name: /Merge/ })).toBeChecked();
  await expect(previewCount(page, "added")).toHaveText("1 added");
  await expect(previewCount(page, "updated")).toHaveText("1 updated");
  await expect(previewCount(page, "unchanged")).toHaveText("12 unchanged");
  await expect(dialog(page).locator("details.preview__group--added li")).toHaveText(["Fresh Partner"]);
  await expect(dialog(page).locator("details.preview__group--updated li")).toHaveText(["Loopline"]);
  await expect(dialog(page)).toContainText("1 new market(s) join the catalogue.");
  await expect(dialog(page).locator("details.preview__group--removed")).toHaveCount(0);
  await dialog(page).getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Imported. The workspace now holds 14 partners." })).toBeVisible();

  const expected = structuredClone(ours);
  expected.partners[0] = incoming.partners[0];
  expected.markets.push(incoming.markets.at(-1));
  expected.partners.push(incoming.partners.at(-1));
  await expect.poll(() => storedWorkspace(page)).toEqual(expected);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(14);
  await expect(page.locator("tbody tr").filter({ hasText: "Fresh Partner" })).toContainText("France");
  await expect(page.locator("tbody tr").filter({ hasText: "Loopline" }).locator("td").nth(2)).toHaveText("Paused");
  await expect(page.locator(".brand__program")).toHaveText("Riffly Partnerships 2027");
});

test("a merge keeps our newer partner and says so", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  const incoming = structuredClone(ours);
  incoming.partners[1].name = "Tellara (old copy)";
  incoming.partners[1].updated = incoming.partners[1].created; // older than ours
  await chooseImportFile(page, "older.json", JSON.stringify(envelope(incoming)));
  await expect(dialog(page).locator("details.preview__group--kept > summary")).toHaveText(
    "1 kept as yours (yours is newer)");
  await expect(previewCount(page, "updated")).toHaveText("0 updated");
  await expect(dialog(page)).toContainText("Importing this file would change nothing.");
  await dialog(page).getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expect(await storedWorkspace(page)).toEqual(ours);
});

test("exporting chosen partners gives a file with only those partners and their markets", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  await page.getByText("Export chosen partners").click();
  const button = page.getByRole("button", { name: /^Export \d+ chosen partners?$/ });
  await expect(button).toHaveText("Export 0 chosen partners");
  await expect(button).toBeDisabled();
  await page.getByRole("checkbox", { name: "Hearthpod" }).check();
  await expect(button).toHaveText("Export 1 chosen partner");
  await page.getByRole("checkbox", { name: "Swervo" }).check();
  await page.getByRole("checkbox", { name: "Pacewell" }).check();
  await page.getByRole("checkbox", { name: "Pacewell" }).uncheck();
  await expect(button).toHaveText("Export 2 chosen partners");

  const { download, text } = await downloadText(page, () => button.click());
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-2-partners-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(text);
  expect(file).toMatchObject({ format: "tandem", version: 3, scope: "partners" });
  expect(file.workspace.partners.map((p) => p.name)).toEqual(["Hearthpod", "Swervo"]);
  expect(file.workspace.partners).toEqual(ours.partners.filter((p) => ["Hearthpod", "Swervo"].includes(p.name)));
  const used = new Set(file.workspace.partners.flatMap((p) => p.markets));
  expect(file.workspace.markets.map((m) => m.id).sort()).toEqual([...used].sort());
  expect(file.workspace.markets).toEqual(ours.markets.filter((m) => used.has(m.id)));

  // The file imports back as "a selection of partners" that changes nothing here.
  await chooseImportFile(page, download.suggestedFilename(), text);
  await expect(dialog(page)).toContainText("holding a selection of partners");
  await expect(previewCount(page, "unchanged")).toHaveText("2 unchanged");
  await expect(dialog(page)).toContainText("Importing this file would change nothing.");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
});

test("dropping a file anywhere on the page opens the import dialog with its preview", async ({ page }) => {
  await open(page, "#/partners");
  const ours = await storedWorkspace(page);
  const incoming = structuredClone(ours);
  incoming.partners.push({
    id: "dropped-1", created: isoIn(0), updated: isoIn(0), name: "Dropped In",
    category: "other", position: "niche", stage: "research", ladder: "self_serve",
  });
  const text = JSON.stringify(envelope(incoming));
  const prevented = await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "dropped.json", { type: "application/json" }));
    const over = new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(over);
    const drop = new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(drop);
    return { over: over.defaultPrevented, drop: drop.defaultPrevented };
  }, text);
  // Both prevented, so the browser does not open the file instead.
  expect(prevented).toEqual({ over: true, drop: true });
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole("heading")).toHaveText("Import dropped.json");
  await expect(previewCount(page, "added")).toHaveText("1 added");
  await expect(previewCount(page, "unchanged")).toHaveText("13 unchanged");
  await expect(dialog(page).locator("details.preview__group--added li")).toHaveText(["Dropped In"]);
  await dialog(page).getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator("tbody tr")).toHaveCount(14);
  await expect.poll(async () => (await storedWorkspace(page)).partners.at(-1).name).toBe("Dropped In");
});

test("Escape and Cancel close the import dialog without changing anything", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  const incoming = { ...structuredClone(ours), partners: [] };
  await chooseImportFile(page, "empty.json", JSON.stringify(envelope(incoming)));
  await dialog(page).getByRole("radio", { name: /Replace/ }).check();
  await expect(dialog(page).locator("details.preview__group--removed > summary")).toHaveText("13 removed");
  await expect(dialog(page).getByRole("button", { name: "Replace my workspace" })).toBeVisible();
  await dialog(page).getByRole("radio", { name: /Replace/ }).press("Escape");
  await expect(dialog(page)).toHaveCount(0);
  // The same file can be chosen again.
  await chooseImportFile(page, "empty.json", JSON.stringify(envelope(incoming)));
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expect(await storedWorkspace(page)).toEqual(ours);
});

test("an import while a partner's page is open shows the imported values in its form", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });
  await expect(form.getByLabel("Owner")).toHaveValue("Priya Raman");
  const incoming = structuredClone(await storedWorkspace(page));
  incoming.partners[0].owner = "Imported Owner";
  incoming.partners[0].updated = isoIn(1);
  // Dropped on the partner's page itself.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "newer.json", { type: "application/json" }));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(envelope(incoming)));
  await expect(previewCount(page, "updated")).toHaveText("1 updated");
  await dialog(page).getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).partners[0].owner).toBe("Imported Owner");

  // The form shows what is now stored, with nothing unsaved (a Save would otherwise
  // silently undo the import).
  await expect(form.getByLabel("Owner")).toHaveValue("Imported Owner");
  await expect(form.getByText("All changes saved.")).toBeVisible();
  await expect(form.getByRole("button", { name: "Save profile" })).toBeDisabled();
});

test("a replace import shows the new program name in the Data screen's field", async ({ page }) => {
  await open(page, "#/data");
  const incoming = structuredClone(await storedWorkspace(page));
  incoming.program_name = "Imported Program";
  await chooseImportFile(page, "renamed.json", JSON.stringify(envelope(incoming)));
  await dialog(page).getByRole("radio", { name: /Replace/ }).check();
  await dialog(page).getByRole("button", { name: "Replace my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator(".brand__program")).toHaveText("Imported Program");
  await expect.poll(async () => (await storedWorkspace(page)).program_name).toBe("Imported Program");
  await expect(page.getByLabel("Program name")).toHaveValue("Imported Program");
});

test("the import dialog takes keyboard focus, and Escape closes it", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  await chooseImportFile(page, "same.json", JSON.stringify(envelope(ours)));
  await expect(dialog(page)).toBeVisible();
  // A modal dialog (aria-modal="true") must hold focus, or keyboard users act behind it.
  await expect.poll(() => dialog(page).evaluate((d) => d.contains(document.activeElement)),
    { message: "focus is inside the import dialog" }).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toHaveCount(0);
});

test("a file whose program target was edited later says so in the preview, and the merge takes it", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  const incoming = structuredClone(ours);
  incoming.program.target_growth = 300;
  incoming.program.updated = isoIn(1); // tomorrow: later than ours
  await chooseImportFile(page, "target.json", JSON.stringify({ ...envelope(incoming), version: 2 }));
  await expect(dialog(page)).toContainText("The program's target, levers and program wins will be taken from the file.");
  await expect(previewCount(page, "updated")).toHaveText("0 updated");
  await dialog(page).getByRole("button", { name: "Merge into my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).program.target_growth).toBe(300);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Planner" }).click();
  await expect(page.locator("#main")).toContainText("+300 %");
});

test("a long preview group lists its names when opened, and then all of them", async ({ page }) => {
  await open(page, "#/data");
  // 60 partners the demo does not have: "60 added", more than a preview writes out at once.
  const file = largeFile(60, 1);
  await chooseImportFile(page, "sixty.json", JSON.stringify(file));
  await expect(previewCount(page, "added")).toHaveText("60 added");
  const added = dialog(page).locator("details.preview__group--added");
  await expect(added).not.toHaveAttribute("open", "");
  await expect(added.locator("li")).toHaveCount(0);
  await previewCount(page, "added").click();
  await expect(added).toHaveAttribute("open", "");
  await expect(added.locator("li")).toHaveCount(60);
  await expect(added.locator("li").first()).toHaveText("Partner 000");
  await expect(added.locator("li").last()).toHaveText("Partner 059");
  // Closing and opening again keeps one list.
  await previewCount(page, "added").click();
  await previewCount(page, "added").click();
  await expect(added.locator("li")).toHaveCount(60);
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
});
