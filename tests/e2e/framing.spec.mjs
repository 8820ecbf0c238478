// Tandem in another page's frame (src/ui/framed.rs, docs/SECURITY.md): a static host
// may send no frame-ancestors header, so the app refuses by itself — no workspace read
// or written, no control to click, only a link that opens Tandem on its own.
import { test, expect } from "./fixtures.mjs";

test("inside another page's frame Tandem shows only a refusal, with a link that opens it on its own", async ({ page, baseURL }) => {
  // The framing page is not Tandem's: an about:blank document of the test's making.
  const target = `${baseURL}#/pipeline`;
  await page.setContent(`<h1>Win a prize</h1><iframe src="${target}" title="framed" width="900" height="500"></iframe>`);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Tandem does not run inside another page");
  const link = frame.getByRole("link", { name: "Open Tandem on its own" });
  await expect(link).toHaveAttribute("href", target);
  await expect(link).toHaveAttribute("target", "_blank");

  // Nothing of the app: no navigation, table, form or button, and the workspace was
  // neither read into the page nor written (a first launch would have saved the demo).
  await expect(frame.locator("nav, table, form, button, .app-header")).toHaveCount(0);
  const framed = page.frames().find((f) => f.url().startsWith(baseURL));
  expect(await framed.evaluate(() => [window.top !== window.self, localStorage.length])).toEqual([true, 0]);

  // The link opens the app, on its own, at the same screen.
  const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText("Pipeline");
  await expect(popup.locator(".app-header")).toBeVisible();
  expect(await popup.evaluate(() => window.top === window.self)).toBe(true);
  await popup.close();
});
