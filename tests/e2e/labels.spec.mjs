// Every label is attached to its field (issue 14, point 5). axe-core (a11y.spec.mjs)
// runs its `label` rule, but that rule also passes a field named by its placeholder or
// title alone, never asks whether a <label> on screen belongs to anything, and only sees
// the forms open when the page loads. This check opens the forms a lead opens — add,
// log, edit — on every screen, and requires of each one:
//   - every input, select and textarea is named by a <label> (for=/id or wrapping) or by
//     aria-label / aria-labelledby: a placeholder is not a name;
//   - every <label> on screen labels a field (its `control` exists).
import { test, expect, open } from "./fixtures.mjs";

const NOW = new Date("2026-11-23T10:00:00Z");

const SCREENS = [
  "#/partners", "#/dashboard", "#/pipeline", "#/planner", "#/data",
  "#/partners/demo-p-01", "#/partners/demo-p-05/pitch", "#/partners/demo-p-07/fit",
  "#/partners/demo-p-01/meetings", "#/partners/demo-p-04/goals", "#/partners/demo-p-03/landing",
  "#/partners/demo-p-01/metrics", "#/partners/demo-p-01/health", "#/partners/demo-p-01/brief",
];

/** The fields without a name and the labels without a field, on the page as it is. */
function unlabelled(page) {
  return page.evaluate(() => {
    const shown = (e) => e.getClientRects().length > 0 && !e.closest("[hidden], [inert]");
    const describe = (e) => {
      const id = e.id ? `#${e.id}` : "";
      const name = e.getAttribute("name") ? `[name=${e.getAttribute("name")}]` : "";
      return `${e.tagName.toLowerCase()}${id}${name}${e.type ? ` (${e.type})` : ""}`;
    };
    const fields = [...document.querySelectorAll("input, select, textarea")]
      .filter((e) => !["hidden", "submit", "button", "reset", "image"].includes(e.type))
      // A file input the page opens through its own labelled button is still a field.
      .filter((e) => shown(e) || e.type === "file");
    const nameless = fields.filter((e) => {
      const byLabel = [...(e.labels ?? [])].some((l) => l.textContent.trim() !== "");
      const byAria = (e.getAttribute("aria-label") ?? "").trim() !== "";
      const byRef = (e.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)
        .some((id) => (document.getElementById(id)?.textContent ?? "").trim() !== "");
      return !(byLabel || byAria || byRef);
    }).map(describe);
    const loose = [...document.querySelectorAll("label")]
      .filter((l) => shown(l) && !l.control)
      .map((l) => `label "${l.textContent.trim().slice(0, 60)}"${l.htmlFor ? ` for=${l.htmlFor}` : ""}`);
    return [...nameless.map((n) => `field without a name: ${n}`), ...loose.map((l) => `label without a field: ${l}`)];
  });
}

/** Opens what a lead opens on the screen: each add, log or new form, and the first edit. */
async function openForms(page) {
  const main = page.locator("#main");
  const openers = main.getByRole("button", { name: /^(Add|Log|New) / });
  const n = await openers.count();
  for (let i = 0; i < n; i++) {
    const b = openers.nth(i);
    if (await b.isVisible() && await b.isEnabled()) await b.click();
  }
  const edit = main.getByRole("button", { name: /^Edit\b/ }).first();
  if (await edit.count() && await edit.isVisible() && await edit.isEnabled()) await edit.click();
}

for (const [width, height] of [[1280, 800], [375, 812]]) {
  test(`every field on every screen has a label, with its forms open, at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await page.clock.setFixedTime(NOW);
    await open(page);
    const problems = {};
    const first = await unlabelled(page);
    if (first.length) problems["first launch"] = first;
    await page.getByRole("button", { name: "Keep the demo" }).click();
    let forms = 0;
    for (const hash of SCREENS) {
      await open(page, hash);
      const found = await unlabelled(page);
      await openForms(page);
      forms += await page.locator("#main form").count();
      found.push(...(await unlabelled(page)));
      if (found.length) problems[hash] = [...new Set(found)];
    }
    expect(problems).toEqual({});
    // The check saw forms, not empty pages.
    expect(forms).toBeGreaterThan(8);
  });
}

test("the check refuses a field named only by its placeholder and a label that labels nothing", async ({ page }) => {
  await open(page, "#/partners");
  await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.id = "label-probe";
    probe.innerHTML = '<input placeholder="Search"><label>Owner</label><input id="x-owner">';
    document.querySelector("#main").append(probe);
  });
  const found = await unlabelled(page);
  expect(found).toEqual(["field without a name: input (text)", "field without a name: input#x-owner (text)", 'label without a field: label "Owner"']);
  await page.evaluate(() => document.getElementById("label-probe").remove());
  expect(await unlabelled(page)).toEqual([]);
});
