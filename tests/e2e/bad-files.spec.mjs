// Every refused file says specifically what is wrong, and leaves the workspace exactly as
// it was: the stored value byte for byte, and the partner table.
import { readFileSync } from "node:fs";
import {
  test, expect, open, storedText, storedEnvelope, chooseImportFile, envelope, expectSameText, isoIn,
} from "./fixtures.mjs";

const fixture = (name) => readFileSync(new URL(`./files/${name}`, import.meta.url), "utf8");
const dialog = (page) => page.getByRole("dialog");

/**
 * Imports `text` as `name`, expects the dialog to show `message` (a string for the exact
 * message, or a RegExp), closes it, and checks nothing changed.
 */
async function expectRefused(page, name, text, message, deliver = chooseImportFile) {
  await open(page, "#/data");
  await storedEnvelope(page); // the first launch has saved the demo
  const before = await storedText(page);

  await deliver(page, name, text);
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole("heading")).toHaveText(`Import ${name}`);
  const error = dialog(page).getByRole("alert");
  await expect(error).toHaveText(message);
  await expect(dialog(page)).toContainText("Your workspace has not changed.");
  // No way to apply a refused file.
  await expect(dialog(page).getByRole("button", { name: /Merge|Replace/ })).toHaveCount(0);
  await expect(dialog(page).getByRole("button", { name: "Close" })).toBeFocused();
  await dialog(page).getByRole("button", { name: "Close" }).click();
  await expect(dialog(page)).toHaveCount(0);

  expectSameText(await storedText(page), before, "stored workspace after a refused import");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  expectSameText(await storedText(page), before, "stored workspace after a refused import");
}

/** The stored demo envelope with `change` applied to a copy of it, as file text. */
async function demoFileWith(page, change) {
  await open(page, "#/data");
  const file = structuredClone(await storedEnvelope(page));
  change(file, file.workspace);
  return JSON.stringify(file, null, 2);
}

test("a truncated file is refused as not JSON, naming line and column", async ({ page }) => {
  await expectRefused(page, "truncated.json", fixture("truncated.json"),
    "This is not valid JSON: EOF while parsing a string at line 13, column 27.");
});

test("a truncated export of the demo is refused as not JSON", async ({ page }) => {
  const text = await demoFileWith(page, () => {});
  const cut = text.slice(0, Math.floor(text.length / 2));
  await expectRefused(page, "half.json", cut, /^This is not valid JSON: EOF while parsing .+ at line \d+, column \d+\.$/);
});

test("an empty file is refused as not JSON", async ({ page }) => {
  await expectRefused(page, "empty.json", fixture("empty.json"),
    "This is not valid JSON: EOF while parsing a value at line 1, column 0.");
});

test("JSON that is not a Tandem file is refused: an object without format", async ({ page }) => {
  await expectRefused(page, "not-tandem.json", fixture("not-tandem.json"),
    'This is not a Tandem file: it has no "format": "tandem" field.');
});

test("JSON that is not a Tandem file is refused: a list", async ({ page }) => {
  await expectRefused(page, "array.json", fixture("array.json"),
    "This is not a Tandem file: it holds a list where a JSON object was expected.");
});

test("JSON that is not a Tandem file is refused: another app's format", async ({ page }) => {
  await expectRefused(page, "drawing.json", fixture("other-format.json"),
    'This is not a Tandem file: its "format" is "excalidraw", not "tandem".');
});

test("a Tandem file of unknown version 99 is refused by its number", async ({ page }) => {
  await expectRefused(page, "version-99.json", fixture("version-99.json"),
    "This Tandem file has format version 99; this version of Tandem reads versions 1 to 3. It may come from a newer Tandem.");
});

test("a wrong shape (stage \"won\") is refused naming the partner, with partners[3].stage as detail", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[3].stage = "won"; });
  await expectRefused(page, "won.json", text, /^Partner "Dashline Auto", stage: unknown variant `won`, expected one of .*`walked_away` \(at partners\[3\]\.stage\)\.$/);
});

test("a wrong type (influence \"high\") is refused naming the key player and its path", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[2].key_players[0].influence = "high"; });
  await expectRefused(page, "high.json", text, /^Key player ".+" of partner "Hearthpod", influence: invalid type: string "high", expected u8 \(at partners\[2\]\.key_players\[0\]\.influence\)\.$/);
});

test("a file without a workspace is refused naming the missing field", async ({ page }) => {
  const text = await demoFileWith(page, (file) => { delete file.workspace; });
  await expectRefused(page, "no-workspace.json", text, /missing field `workspace`/);
});

test("a rule violation (influence 9) is refused naming the record, value and range, with the path", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[3].key_players[1].influence = 9; });
  await expectRefused(page, "influence.json", text,
    'The file breaks 1 rule: Key player "Camille Roux" of partner "Dashline Auto", influence: 9 is outside 1–5 (at partners[3].key_players[1].influence).');
});

test("a dangling market reference is refused", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[2].markets.push("demo-m-xx"); });
  await expectRefused(page, "dangling.json", text,
    'The file breaks 1 rule: Partner "Hearthpod", markets: refers to a market that is not in the catalogue (its id is demo-m-xx); add the market or remove the reference (at partners[2].markets[3]).');
});

test("a duplicate id is refused", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[5].id = ws.partners[4].id; });
  await expectRefused(page, "duplicate.json", text,
    'The file breaks 1 rule: Partner "Stridecraft", id: has the same id as partner "Zuri Pay" (both are demo-p-05); ids must be unique (at partners[5].id).');
});

test("a javascript: website in a file is refused", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => { ws.partners[0].website = "javascript:alert(1)"; });
  await expectRefused(page, "js-link.json", text,
    'The file breaks 1 rule: Partner "Loopline", website: must start with http:// or https:// (at partners[0].website).');
});

test("a website with user-info or an invisible direction control in a file is refused", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => {
    ws.partners[0].website = "https://bank.example@evil.example";
    ws.partners[1].website = "https://evil.example/\u202Egnp.exe";
  });
  await expectRefused(page, "spoofed-links.json", text,
    'The file breaks 2 rules: Partner "Loopline", website: has “bank.example@” before the host, so it would ' +
    "open evil.example: remove everything up to the @ (at partners[0].website); " +
    'Partner "Tellara Mobile", website: contains an invisible formatting character (U+202E), which can ' +
    "disguise where the link goes: type the address again (at partners[1].website).");
});

test("many broken rules are counted and the first five listed", async ({ page }) => {
  const text = await demoFileWith(page, (_, ws) => {
    for (const p of ws.partners.slice(0, 7)) p.name = "";
  });
  await expectRefused(page, "names.json", text,
    /^The file breaks 7 rules: Partner "", name: is required \(at partners\[0\]\.name\); .*; Partner "", name: is required \(at partners\[4\]\.name\); and 2 more\.$/);
});

test("a file over 20 MB is refused before it is read", async ({ page }) => {
  // Built in the page (sending 20 MB through setInputFiles is slow) and handed to the
  // same file input a person would use.
  const pickBigFile = (p, name) => p.evaluate((n) => {
    const dt = new DataTransfer();
    dt.items.add(new File([" ".repeat(20 * 1024 * 1024 + 1)], n, { type: "application/json" }));
    const input = document.querySelector("#import-file");
    input.files = dt.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, name);
  await expectRefused(page, "huge.json", "", /^huge\.json is more than 20\.0 MB; Tandem reads files up to 20\.0 MB\.$/, pickBigFile);
});

test("a valid file whose ids clash with ours on merge is refused in the preview, naming both records, and nothing changes", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedText(page);
  const clash = envelope({
    program_name: "Clash", markets: [], partners: [{
      id: "clash-p", created: isoIn(-1), updated: isoIn(-1), name: "Clash Partner",
      category: "other", position: "niche", stage: "research", ladder: "self_serve",
      key_players: [{ id: "demo-p-01", created: isoIn(-1), updated: isoIn(-1), name: "Id Thief",
        role: "influencer", influence: 3, stance: "neutral" }],
    }],
  }, "partners");
  await chooseImportFile(page, "clash.json", JSON.stringify(clash));
  await expect(dialog(page).locator("details.preview__group--added > summary")).toHaveText("1 added");
  // The preview runs the merge's own checks: it says why before anything is chosen, and
  // does not offer the merge.
  const refused = dialog(page).locator(".preview__refused");
  await expect(refused).toContainText("This file cannot be merged into your workspace as it stands.");
  await expect(refused.locator("li")).toHaveText([
    'Key player "Id Thief" of partner "Clash Partner", id: has the same id as partner "Loopline" (both are demo-p-01); ids must be unique (at partners[13].key_players[0].id)',
  ]);
  await expect(dialog(page).getByRole("button", { name: "Merge into my workspace" })).toBeDisabled();
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expectSameText(await storedText(page), before);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
});

test("hostile strings in a file import as plain text and never run", async ({ page }) => {
  const hostile = "<img src=x onerror=alert(1)>";
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const fetchedX = [];
  page.on("request", (r) => { if (/\/x$/.test(new URL(r.url()).pathname)) fetchedX.push(r.url()); });
  await page.addInitScript(() => { window.alert = (m) => { window.__alerted = String(m); }; });

  const text = await demoFileWith(page, (_, ws) => {
    ws.program_name = `Program ${hostile}`;
    ws.markets.push({ id: "evil-m", created: isoIn(-1), updated: isoIn(-1), name: `Market ${hostile}` });
    ws.partners.push({
      id: "evil-p", created: isoIn(-1), updated: isoIn(-1), name: hostile,
      website: "https://evil.example/?q=<script>alert(1)</script>",
      category: "other", position: "niche", markets: ["evil-m"], stage: "research", ladder: "self_serve",
      owner: `<b onmouseover=alert(1)>owner</b>`, tags: [`<svg onload=alert(1)>`],
      notes: `</textarea><script>alert(1)</script>`,
      key_players: [{ id: "evil-kp", created: isoIn(-1), updated: isoIn(-1), name: `KP ${hostile}`,
        title: `"><img src=x onerror=alert(2)>`, role: "influencer", influence: 3, stance: "neutral",
        notes: hostile }],
    });
  });
  await chooseImportFile(page, `${hostile}.json`, text);
  await expect(dialog(page).getByRole("heading")).toHaveText(`Import ${hostile}.json`);
  await expect(dialog(page).locator("details.preview__group--added li")).toHaveText([hostile]);
  await dialog(page).getByRole("radio", { name: /Replace/ }).check();
  await dialog(page).getByRole("button", { name: "Replace my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator(".brand__program")).toHaveText(`Program ${hostile}`);

  // Table, partner page, pipeline and data screen all show the strings as text.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  const row = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: hostile, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Market ${hostile}`);
  await expect(row).toContainText("<b onmouseover=alert(1)>owner</b>");
  await row.getByRole("link", { name: hostile, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(hostile);
  await expect(page.getByLabel("Notes", { exact: true }).first()).toHaveValue("</textarea><script>alert(1)</script>");
  await expect(page.locator(".kp-list")).toContainText(`KP ${hostile}`);
  await expect(page.locator(".kp-list")).toContainText(`"><img src=x onerror=alert(2)>`);
  await expect(page.getByRole("checkbox", { name: `Market ${hostile}` })).toBeChecked();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" }).click();
  await expect(page.locator('li.card[data-id="evil-p"] .card__name')).toHaveText(hostile);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await page.getByText("Export chosen partners").click();
  await expect(page.getByRole("checkbox", { name: hostile, exact: true })).toBeVisible();

  // Nothing was injected or run.
  await expect(page.locator("img, svg, b, textarea script")).toHaveCount(0);
  expect(await page.locator("script").evaluateAll((ss) => ss.filter((s) => s.textContent.includes("alert")).length)).toBe(0);
  expect(await page.evaluate(() => window.__alerted ?? null)).toBeNull();
  expect(dialogs).toEqual([]);
  expect(fetchedX).toEqual([]);
  // And the strings round-trip through storage unchanged.
  const stored = (await storedEnvelope(page)).workspace;
  expect(stored.partners.at(-1).name).toBe(hostile);
  expect(stored.program_name).toBe(`Program ${hostile}`);
});
