// The Content-Security-Policy of the built page (scripts/csp-hook.mjs, docs/SECURITY.md):
// it is there with exactly the directives we mean, nothing inline is allowed, the app
// works under it without a single violation, and it really stops injected code.
import { createHash } from "node:crypto";
import {
  test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile, envelope,
} from "./fixtures.mjs";

const POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Collects every `securitypolicyviolation` in `window.__violations`, from the first byte. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
}
const violations = (page) => page.evaluate(() => window.__violations);

test("the page is served with the exact policy, before any script or style, and nothing inline", async ({ page }) => {
  const response = await page.request.get("./");
  expect(response.ok()).toBe(true);
  const html = await response.text();

  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  expect(metas, "one Content-Security-Policy meta element").toHaveLength(1);
  const policy = metas[0][1];
  expect(policy).toBe(POLICY);
  const directives = Object.fromEntries(policy.split(";").map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values];
  }));
  for (const [name, values] of Object.entries(directives)) {
    expect(values, `${name} allows nothing inline, no eval, no wildcard`).not.toEqual(
      expect.arrayContaining(["'unsafe-inline'"]));
    expect(values).not.toContain("'unsafe-eval'");
    expect(values).not.toContain("'unsafe-hashes'");
    expect(values).not.toContain("*");
    expect(values.filter((v) => /^(https?:|data:|blob:|'nonce-|'sha)/.test(v)), `${name} sources`).toEqual([]);
  }
  // The policy governs only what comes after it: it must precede every script and link.
  const at = html.indexOf(metas[0][0]);
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThan(html.search(/<(script|link)\b/i));

  // Every script is a file of our own, by a relative URL (the page lives under a
  // sub-path), checked by its integrity hash; no inline script, style or handler.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(body.trim(), `inline script body in <script${attrs}>`).toBe("");
    expect(attrs).toMatch(/\ssrc="\.\/[\w.-]+\.js"/);
  }
  expect(html).not.toMatch(/<style\b/i);
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    expect(tag, "no inline style or event-handler attribute").not.toMatch(/\s(style|on[a-z]+)\s*=/i);
  }
  const boot = scripts.map(([, attrs]) => attrs).find((a) => /\ssrc="\.\/boot-[0-9a-f]{16}\.js"/.test(a));
  expect(boot, "the wasm loader moved to ./boot-<hash>.js").toBeTruthy();
  const src = boot.match(/\ssrc="([^"]+)"/)[1];
  const integrity = boot.match(/\sintegrity="([^"]+)"/)?.[1];
  const body = await (await page.request.get(src)).body();
  expect(integrity).toBe(`sha384-${createHash("sha384").update(body).digest("base64")}`);
  expect(body.toString()).toMatch(/^import init, \* as bindings from '\.\/tandem-[0-9a-f]+\.js';$/m);
  // Trunk's own preloads keep valid integrity hashes too.
  for (const [, href, hash] of html.matchAll(/<link\b[^>]*\shref="(\.\/[^"]+)"[^>]*\sintegrity="([^"]+)"/gi)) {
    const file = await (await page.request.get(href)).body();
    expect(hash, href).toBe(`sha384-${createHash("sha384").update(file).digest("base64")}`);
  }
});

test("the app loads and works under the policy without a single violation", async ({ page }) => {
  await recordViolations(page);
  await open(page);
  // The policy the browser holds is the one in the page.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute("content", POLICY);
  await expect(page.locator("tbody tr")).toHaveCount(13);

  // Edit a partner, use the board, export and import: every kind of work the app does.
  await page.getByRole("link", { name: "Loopline", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Loopline");
  await page.getByLabel("Owner").fill("Policy Tester");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Partner saved." })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" }).click();
  await page.getByRole("combobox", { name: "Stage of Loopline" }).selectOption("paused");
  await expect(page.locator('section.column[data-stage="paused"] li.card[data-id="demo-p-01"]')).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const exported = JSON.parse(text);
  expect(exported.workspace.partners[0].owner).toBe("Policy Tester");
  const incoming = structuredClone(exported.workspace);
  incoming.program_name = "Imported Under Policy";
  await chooseImportFile(page, "policy.json", JSON.stringify(envelope(incoming)));
  await page.getByRole("dialog").getByRole("radio", { name: /Replace/ }).check();
  await page.getByRole("dialog").getByRole("button", { name: "Replace my workspace" }).click();
  await expect(page.locator(".brand__program")).toHaveText("Imported Under Policy");
  expect((await storedWorkspace(page)).program_name).toBe("Imported Under Policy");

  await page.reload();
  await expect(page.locator("#main h1")).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test("the policy blocks an injected inline script, inline handler, inline style and foreign loads", async ({ browser, baseURL }) => {
  // The blocked attempts log console errors, which the suite's `page` fixture treats as
  // failures: this test watches its own page and expects exactly those errors.
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const problems = watch(page, new URL(baseURL).origin);
    const blockedByPolicy = [];
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText === "csp") blockedByPolicy.push(r.url());
    });
    await recordViolations(page);
    await open(page);
    await expect(page.locator("tbody tr")).toHaveCount(13);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);

    const outcome = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__pwned = 'inline script';";
      document.head.append(script);

      const div = document.createElement("div");
      div.setAttribute("onclick", "window.__pwned = 'inline handler'");
      document.body.append(div);
      div.click();

      const style = document.createElement("style");
      style.textContent = "body { visibility: hidden; }";
      document.head.append(style);

      const img = document.createElement("img");
      const imgDone = new Promise((resolve) => { img.onload = () => resolve("loaded"); img.onerror = () => resolve("blocked"); });
      img.src = "http://127.0.0.2:9/tracker.png";
      document.body.append(img);

      // default-src 'none': a kind of load the policy does not name is refused even
      // from our own origin (a frame of the app itself here).
      const frame = document.createElement("iframe");
      frame.src = "./";
      document.body.append(frame);

      let fetched;
      try {
        await fetch("http://127.0.0.2:9/exfiltrate");
        fetched = "sent";
      } catch {
        fetched = "blocked";
      }
      return { img: await imgDone, fetched, bodyVisibility: getComputedStyle(document.body).visibility };
    });
    expect(outcome).toEqual({ img: "blocked", fetched: "blocked", bodyVisibility: "visible" });

    await expect.poll(async () => (await violations(page)).map((v) => v.directive).sort()).toEqual(
      ["connect-src", "frame-src", "img-src", "script-src-attr", "script-src-elem", "style-src-elem"]);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const found = await violations(page);
    expect(found.find((v) => v.directive === "script-src-elem").blocked).toBe("inline");
    expect(found.find((v) => v.directive === "img-src").blocked).toBe("http://127.0.0.2:9/tracker.png");

    // The only problems are the browser's reports of those refusals: nothing ran, and
    // nothing left the origin. (Chromium announces the image request, then fails it as
    // blocked by "csp" before sending it; the fetch is refused before any request.)
    await expect.poll(() => blockedByPolicy).toEqual(["http://127.0.0.2:9/tracker.png"]);
    await expect.poll(() => problems.length).toBeGreaterThanOrEqual(6);
    for (const problem of problems) {
      const foreign = problem.match(/^request outside the origin: (.*)$/);
      if (foreign) expect(blockedByPolicy, "a foreign request the policy did not block").toContain(foreign[1]);
      else expect(problem).toMatch(/^console error: .*violates the (following|document's) Content Security Policy/);
    }
    // And the app still works.
    await page.getByRole("link", { name: "Loopline", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Loopline");
  } finally {
    await context.close();
  }
});
