// Tandem in another page's frame (src/ui/framed.rs, docs/SECURITY.md): a static host
// may send no frame-ancestors header, so the app refuses by itself — no workspace read
// or written, no control to click, only a link that opens Tandem on its own.
import { test, expect } from "./fixtures.mjs";

/** Checks the frame shows the refusal, and nothing of the app, linking to `target`. */
async function expectRefusal(page, target) {
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Tandem does not run inside another page");
  const link = frame.getByRole("link", { name: "Open Tandem on its own" });
  await expect(link).toHaveAttribute("href", target);
  await expect(link).toHaveAttribute("target", "_blank");
  // No navigation, table, form or button to be tricked into clicking.
  await expect(frame.locator("nav, table, form, button, .app-header")).toHaveCount(0);
  return link;
}

test("framed by a page of another origin, Tandem shows only a refusal whose link opens it on its own", async ({ page, baseURL }) => {
  // The framing page is not Tandem's: an about:blank document of the test's making.
  const target = `${baseURL}#/pipeline`;
  await page.setContent(`<h1>Win a prize</h1><iframe src="${target}" title="framed" width="900" height="500"></iframe>`);
  const link = await expectRefusal(page, target);

  // The link opens the app, on its own, at the same screen.
  const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText("Pipeline");
  await expect(popup.locator(".app-header")).toBeVisible();
  expect(await popup.evaluate(() => window.top === window.self)).toBe(true);
  await popup.close();
});

test("framed even by a page of its own origin, Tandem neither reads nor writes the workspace", async ({ page, baseURL }) => {
  // A page on Tandem's own host (served here by the test) that frames it.
  await page.route("**/tandem/framing.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><title>Framing</title><iframe src="./#/data" title="framed" width="900" height="500"></iframe>`,
  }));
  await page.goto("./framing.html");
  await expectRefusal(page, `${baseURL}#/data`);
  // A first launch would have saved the demo workspace; framed, nothing is stored.
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(await framed.evaluate(() => [window.top !== window.self, localStorage.length])).toEqual([true, 0]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});
