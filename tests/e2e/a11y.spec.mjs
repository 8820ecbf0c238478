// Accessibility: axe-core finds no violation on any screen, in the light and the dark
// colour scheme, at laptop (1280 px) and phone (375 px) width.
//
// axe has to run inside the page, and the page's Content-Security-Policy refuses any
// script that is not one of our files — rightly. This file alone opens its pages with
// Playwright's `bypassCSP`, to inject axe; tests/e2e/security.spec.mjs checks the policy.
import { createRequire } from "node:module";
import { test, expect, open, storedText } from "./fixtures.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Every screen, as in scripts/screenshots.mjs. */
const SCREENS = [
  ["partners", "#/partners"],
  ["dashboard", "#/dashboard"],
  ["partner profile", "#/partners/demo-p-01"],
  ["pitch", "#/partners/demo-p-05/pitch"],
  ["fit & ladder", "#/partners/demo-p-07/fit"],
  ["meetings", "#/partners/demo-p-01/meetings"],
  ["goals", "#/partners/demo-p-04/goals"],
  ["landing", "#/partners/demo-p-03/landing"],
  ["metrics", "#/partners/demo-p-01/metrics"],
  ["health", "#/partners/demo-p-01/health"],
  ["brief", "#/partners/demo-p-01/brief"],
  ["planner", "#/planner"],
  ["pipeline", "#/pipeline"],
  ["data", "#/data"],
  ["not found", "#/partners/nope"],
];

/** Runs axe on the page as it is; returns its violations, readably. */
async function violations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
  return found;
}

for (const [width, height] of [[1280, 800], [375, 812]]) {
  for (const colorScheme of ["light", "dark"]) {
    test.describe(`${colorScheme} at ${width} px`, () => {
      test.use({ bypassCSP: true, colorScheme, viewport: { width, height } });

      test("every screen passes axe-core", async ({ page }) => {
        test.setTimeout(120_000);
        await open(page);
        const problems = {};
        // The first launch, with the demo banner.
        const first = await violations(page);
        if (first.length) problems["first launch"] = first;
        await page.getByRole("button", { name: "Keep the demo" }).click();
        for (const [name, hash] of SCREENS) {
          await page.goto(`./${hash}`);
          await expect(page.locator("#main h1")).toBeVisible();
          const found = await violations(page);
          if (found.length) problems[name] = found;
        }
        // The import preview dialog, from a file of the demo itself.
        await page.goto("./#/data");
        await expect(page.locator("#main h1")).toBeVisible();
        await page.locator("#import-file").setInputFiles({
          name: "colleague.json", mimeType: "application/json", buffer: Buffer.from(await storedText(page)),
        });
        await expect(page.getByRole("dialog")).toBeVisible();
        const dialog = await violations(page);
        if (dialog.length) problems["import preview"] = dialog;
        expect(problems).toEqual({});
      });
    });
  }
}
