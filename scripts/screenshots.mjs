// Screenshots of every screen at laptop and phone size, in Debian's headless Chromium,
// for looking at what was built. Needs the built dist/ (scripts/serve.sh or trunk build).
//
//   node scripts/screenshots.mjs [outdir=target/screenshots]
// Writes <screen>-laptop.png and <screen>-phone.png (and -dark variants in the dark
// colour scheme); docs/screenshot.png is the partner list at laptop size, and
// docs/screens/ holds the README's gallery (DOC_SCREENS, both sizes and schemes).
import { start } from "./chromium.mjs";
import { mkdir } from "node:fs/promises";
import { storedText } from "../tests/e2e/fixtures.mjs";

const out = process.argv[2] ?? "target/screenshots";
await mkdir(out, { recursive: true });
const { base, browser, stop } = await start(Number(process.env.SHOT_PORT ?? 4199));
const screens = [
  ["partners", "#/partners"],
  ["dashboard", "#/dashboard"],
  ["partner", "#/partners/demo-p-01"],
  ["pitch", "#/partners/demo-p-05/pitch"],
  ["fit", "#/partners/demo-p-07/fit"],
  ["meetings", "#/partners/demo-p-01/meetings"],
  ["goals", "#/partners/demo-p-04/goals"],
  ["landing", "#/partners/demo-p-03/landing"],
  ["metrics", "#/partners/demo-p-01/metrics"],
  ["health", "#/partners/demo-p-01/health"],
  ["brief", "#/partners/demo-p-01/brief"],
  ["planner", "#/planner"],
  ["pipeline", "#/pipeline"],
  ["data", "#/data"],
  ["not-found", "#/partners/nope"],
];
/** The screens the README shows, at both sizes, light and dark. */
const DOC_SCREENS = new Set(["partners", "dashboard", "pipeline"]);
await mkdir("docs/screens", { recursive: true });
const sizes = { laptop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };
try {
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(base);
      await page.getByRole("button", { name: "Keep the demo" }).click();
      for (const [name, hash] of screens) {
        await page.goto(base + hash);
        await page.locator("#main h1").waitFor();
        const suffix = scheme === "dark" ? "-dark" : "";
        await page.screenshot({ path: `${out}/${name}-${size}${suffix}.png`, fullPage: size === "phone" });
        if (DOC_SCREENS.has(name)) {
          await page.screenshot({ path: `docs/screens/${name}-${size}-${scheme}.png` });
        }
        if (name === "partners" && size === "laptop" && scheme === "light") {
          await page.screenshot({ path: "docs/screenshot.png" });
        }
      }
      // The import preview, from a file of the demo itself.
      await page.goto(base + "#/data");
      // The store keeps one entry per partner (ARCHITECTURE.md), not one key: the
      // suite's helper puts the file back together from them.
      const text = await storedText(page);
      if (!text) throw new Error("screenshots: nothing stored to import after keeping the demo");
      await page.locator("#import-file").setInputFiles({ name: "colleague.json", mimeType: "application/json", buffer: Buffer.from(text) });
      await page.getByRole("dialog").waitFor();
      await page.screenshot({ path: `${out}/import-${size}${scheme === "dark" ? "-dark" : ""}.png` });
      await context.close();
    }
  }
} finally {
  await stop();
}
console.log(`Screenshots in ${out}/`);
