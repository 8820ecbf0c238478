// The partner brief (#/partners/ID/brief): opened from the partner page, copied as
// Markdown, downloaded as a .md file, printed; hostile names stay text on the page and
// are escaped in the Markdown; deep links and bad ids behave.
import { test, expect, open, storedWorkspace, downloadText, envelope, STORAGE_KEY } from "./fixtures.mjs";

const BRIEF = "#/partners/demo-p-01/brief";
/** The day every test here runs on, so the brief's date and file name are fixed. */
const NOW = new Date("2026-11-23T10:00:00Z");

/** The start of the demo's Loopline brief, exactly as the model writes it
 * (src/model/brief.rs); the later sections' figures are pinned by the native tests. */
const LOOPLINE_MD_START = `# Partner brief: Loopline

Riffly Partnerships 2027 · prepared 23 November 2026

## Profile

- **Website:** [https://loopline.example](https://loopline.example)
- **Category:** Platform
- **Market position:** Incumbent
- **Markets:** United States, United Kingdom, Germany, Brazil, Mexico, India
- **Stage:** Live
- **Ladder level:** Integration
- **Owner:** Priya Raman
- **Tags:** social, sharing, flagship

Story cards with a 30-second preview went live in March and now bring about a fifth of our new trials. Growth is lopsided: the US and Brazil carry it while Germany and India barely move.

## Key players

- **Who decides:** Dana Whitlock
- **Champions:** Rafael Quintero
- **Stances:** Champion 1 · Supportive 0 · Neutral 3 · Skeptical 0 · Blocker 0

### Dana Whitlock

VP Platform Partnerships · Decision maker · influence 5 of 5 · Neutral as read from the latest meetings (recorded supportive)

Backs the integration as long as it keeps people inside Loopline; judges everything by time spent.

### Rafael Quintero

Product Lead, Sharing · Champion · influence 4 of 5 · Champion

Built the preview card himself and demos it to every new team he meets.

### Sunil Mehra

Senior Legal Counsel · Gatekeeper · influence 3 of 5 · Neutral

Reads every data-sharing clause line by line; slow but fair.

### Hanna Brandt

Head of Partnerships, DACH · On the ground · influence 2 of 5 · Neutral as read from the latest meetings (recorded skeptical)

Says German creators never heard about the launch and wants local playlists first.
`;

const heading1 = (page) => page.getByRole("heading", { level: 1 });
const actions = (page) => page.getByRole("group", { name: "Brief" });
/** The brief's entries: the 4 key players, then the 3 latest of Loopline's meetings. */
const people = (page) => page.locator(".brief__person");

test("the brief opens from the partner page with the profile and key players", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Brief", exact: true }).click();
  await expect(page).toHaveURL(/#\/partners\/demo-p-01\/brief$/);
  await expect(heading1(page)).toHaveText("Partner brief: Loopline");
  await expect(heading1(page)).toBeFocused();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Profile", "Key players", "Goals", "Commitments", "Landing", "Growth and buy-in", "Health", "Latest meetings"]);
  // The Partners section of the navigation stays current.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }))
    .toHaveAttribute("aria-current", "page");

  const facts = page.locator(".brief__facts li");
  await expect(facts).toHaveText([
    "Website: https://loopline.example", "Category: Platform", "Market position: Incumbent",
    "Markets: United States, United Kingdom, Germany, Brazil, Mexico, India", "Stage: Live",
    "Ladder level: Integration", "Owner: Priya Raman", "Tags: social, sharing, flagship",
    "Who decides: Dana Whitlock", "Champions: Rafael Quintero",
    // As read from the latest meetings, the reading every figure uses: Dana has cooled
    // to neutral, Hanna warmed to it.
    "Stances: Champion 1 · Supportive 0 · Neutral 3 · Skeptical 0 · Blocker 0",
    /^Their delivery record: \d+ of \d+ due delivered on time[^(]* \(\d+ % delivery credit\)/,
    /^Our delivery record: /,
    /^Landing progress: \d+ % — \d+ of \d+ steps done · (on plan|\d+ % on plan \(\d+ steps? late or undated\))$/,
    /^Main metric: \S+, judged in [A-Z][a-z]+ \d{4}$/,
    /^Breadth of buy-in: \d+ of \d+ markets bought in /,
    /^(Growth is concentrated|Reading): /,
    /^Health: \d+ of 100 — /,
  ]);
  await expect(page.getByRole("link", { name: "https://loopline.example" }))
    .toHaveAttribute("href", "https://loopline.example");
  await expect(page.locator(".brief__document")).toContainText("Growth is lopsided");

  // Key players, most influential first, each with a summary line and notes; then the
  // three latest meetings, newest first, each headed by its day and topic.
  const meeting = /^\d{1,2} [A-Z][a-z]+ \d{4} — \S/;
  await expect(page.getByRole("heading", { level: 3 }))
    .toHaveText(["Dana Whitlock", "Rafael Quintero", "Sunil Mehra", "Hanna Brandt", meeting, meeting, meeting]);
  await expect(people(page).first()).toContainText("VP Platform Partnerships · Decision maker · influence 5 of 5 · Neutral as read from the latest meetings (recorded supportive)");
  await expect(people(page).first()).toContainText("judges everything by time spent.");
  await expect(people(page).nth(3)).toContainText("On the ground · influence 2 of 5 · Neutral as read from the latest meetings (recorded skeptical)");

  // An edit on the partner page shows in the brief.
  await actions(page).getByRole("link", { name: "Back to the partner" }).click();
  await expect(heading1(page)).toHaveText("Loopline");
  await page.getByLabel("Owner").fill("Kofi Mensah");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Brief", exact: true }).click();
  await expect(facts.filter({ hasText: "Owner:" })).toHaveText("Owner: Kofi Mensah");
});

test("Copy Markdown puts the exact brief on the clipboard, and Download .md gives the same text", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await page.clock.setFixedTime(NOW);
  await open(page, BRIEF);
  await actions(page).getByRole("button", { name: "Copy Markdown" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Markdown copied to the clipboard." })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(LOOPLINE_MD_START)).toBe(true);
  const sections = copied.split("\n").filter((line) => line.startsWith("## "));
  expect(sections).toEqual(["## Profile", "## Key players", "## Goals", "## Commitments", "## Landing", "## Growth and buy-in", "## Health", "## Latest meetings"]);
  expect(copied).toContain("- **Their delivery record:** ");
  expect(copied).toMatch(/- \*\*Health:\*\* \d+ of 100 — /);

  const { download, text } = await downloadText(page, () =>
    actions(page).getByRole("button", { name: "Download .md" }).click());
  expect(download.suggestedFilename()).toBe("tandem-loopline-brief-2026-11-23.md");
  expect(text).toBe(copied);
});

test("Copy Markdown says so when there is no clipboard or the browser refuses it", async ({ page }) => {
  // The page's clipboard is whatever the test puts in window.__clipboard.
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "clipboard", { get: () => window.__clipboard });
  });
  await open(page, BRIEF);
  const copy = actions(page).getByRole("button", { name: "Copy Markdown" });
  await copy.click();
  await expect(page.locator(".toast")).toContainText("This browser does not offer the clipboard to this page");

  await page.evaluate(() => {
    window.__clipboard = { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) };
  });
  await copy.click();
  await expect(page.locator(".toast")).toContainText("The browser refused to copy");
  await expect(page.locator(".toast")).toContainText("Download the file instead.");
});

test("hostile names and notes show as text in the brief and are escaped in its Markdown", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await page.addInitScript(() => {
    window.alert = (m) => { window.__pwned = `alert(${m})`; };
  });
  await open(page);
  const ws = await storedWorkspace(page);
  const loopline = ws.partners.find((p) => p.id === "demo-p-01");
  loopline.name = "*Evil* [link](javascript:x)";
  loopline.owner = "<b>bold</b> | pipe";
  loopline.notes = `<img src=x onerror="window.__pwned='img'">\n# Not a heading\n- not a list\n[click](javascript:alert(1))`;
  loopline.key_players[0].name = `<script>window.__pwned='script'</script>`;
  loopline.key_players[0].notes = "1. not ordered\n> not a quote";
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(envelope(ws))]);
  await page.goto(`./${BRIEF}`);
  await page.reload();

  // On the page: the very characters, no element or link made from them.
  await expect(heading1(page)).toHaveText("Partner brief: *Evil* [link](javascript:x)");
  await expect(page.locator(".brief__facts li").filter({ hasText: "Owner:" })).toHaveText("Owner: <b>bold</b> | pipe");
  const notes = page.locator(".brief__section").first().locator(".brief__text");
  await expect(notes).toHaveText(`<img src=x onerror="window.__pwned='img'"># Not a heading- not a list[click](javascript:alert(1))`);
  await expect(notes.locator("br")).toHaveCount(3);
  await expect(page.getByRole("heading", { level: 3 }).first()).toHaveText(`<script>window.__pwned='script'</script>`);
  await expect(page.locator("#main img, #main script, #main b")).toHaveCount(0);
  const hrefs = await page.locator("#main a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs.filter((h) => !/^(#|https?:\/\/)/.test(h))).toEqual([]);
  expect(await page.evaluate(() => window.__pwned ?? null)).toBeNull();

  // In the Markdown: escaped, so a renderer shows the same characters.
  await actions(page).getByRole("button", { name: "Copy Markdown" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Markdown copied" })).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md.split("\n")[0]).toBe("# Partner brief: \\*Evil\\* \\[link\\](javascript:x)");
  expect(md).toContain("- **Owner:** \\<b\\>bold\\</b\\> \\| pipe\n");
  expect(md).toContain([
    `\\<img src=x onerror="window.\\_\\_pwned='img'"\\>  `,
    "\\# Not a heading  ",
    "\\- not a list  ",
    "\\[click\\](javascript:alert(1))",
  ].join("\n"));
  expect(md).toContain("### \\<script\\>window.\\_\\_pwned='script'\\</script\\>\n");
  expect(md).toContain("1\\. not ordered  \n\\> not a quote\n");
  // The website is the brief's only link.
  expect(md.match(/(^|[^\\])\]\(/g)).toHaveLength(1);
  expect(await page.evaluate(() => window.__pwned ?? null)).toBeNull();
});

test("Print opens the print dialog, and print media shows only the brief", async ({ page }) => {
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await open(page, BRIEF);
  // The first launch's demo banner is up: print must hide it too.
  await expect(page.locator(".banner")).toBeVisible();
  await actions(page).getByRole("button", { name: "Print" }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.locator(".banner")).toBeHidden();
  await expect(page.locator(".crumbs")).toBeHidden();
  await expect(actions(page)).toBeHidden();
  for (const button of await page.locator("button").all()) await expect(button).toBeHidden();
  await expect(heading1(page)).toHaveText("Partner brief: Loopline");
  await expect(heading1(page)).toBeVisible();
  await expect(people(page)).toHaveCount(7);
  for (const person of await people(page).all()) {
    await expect(person).toBeVisible();
    expect(await person.evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
  }
  // Black on white, and the website (whose text is its address) is not written twice.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
  expect(await heading1(page).evaluate((el) => getComputedStyle(el).color)).toBe("rgb(0, 0, 0)");
  const website = page.getByRole("link", { name: "https://loopline.example" });
  expect(await website.evaluate((el) => getComputedStyle(el, "::after").content)).toBe("none");

  // Back on screen, everything returns.
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator(".app-header")).toBeVisible();
  await expect(actions(page)).toBeVisible();
});

test("print media writes out the address of other links", async ({ page }) => {
  await open(page, "#/partners/demo-p-01");
  await page.emulateMedia({ media: "print" });
  // The partner page's website link reads "https://loopline.example ↗": on paper its
  // address follows it.
  const after = await page.locator(".screen__head a.external").evaluate((el) => getComputedStyle(el, "::after").content);
  expect(after).toMatch(/attr\(href\)|loopline\.example/);
  // The partner's tabs (the Brief link among them) are controls, and controls do not print.
  await expect(page.getByRole("navigation", { name: "Partner" })).toBeHidden();
});

test("a reload on the brief's address shows the brief again (deep link)", async ({ page }) => {
  await open(page, BRIEF);
  await expect(heading1(page)).toHaveText("Partner brief: Loopline");
  await page.reload();
  await expect(page).toHaveURL(/#\/partners\/demo-p-01\/brief$/);
  await expect(heading1(page)).toHaveText("Partner brief: Loopline");
  await expect(people(page)).toHaveCount(7);
  // In-app navigation to another partner's brief, by a hash change.
  await page.evaluate(() => { location.hash = "#/partners/demo-p-02/brief"; });
  await expect(heading1(page)).toHaveText("Partner brief: Tellara Mobile");
  await page.goBack();
  await expect(heading1(page)).toHaveText("Partner brief: Loopline");
});

test("a brief for a malformed or unknown id shows not found", async ({ page }) => {
  await open(page, "#/partners/<script>/brief");
  await expect(heading1(page)).toHaveText("Not found");
  await open(page, "#/partners/no_such_partner/brief");
  await expect(heading1(page)).toHaveText("Partner not found");
  await expect(actions(page)).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the partner list" }).click();
  await expect(heading1(page)).toHaveText("Partners");
  await open(page, "#/partners/demo-p-01/elsewhere");
  await expect(heading1(page)).toHaveText("Not found");
});

test("the brief a lead forwards before a quarterly review carries commitments, landing and growth as the tabs show them", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await page.clock.setFixedTime(NOW);
  // Goals & commitments: the lead marks one of Loopline's open commitments delivered today.
  await open(page, "#/partners/demo-p-01/goals");
  const pending = page.locator(".commitment").filter({ has: page.getByRole("button", { name: /^Mark delivered/ }) }).first();
  const what = await pending.locator(".commitment__what").innerText();
  await pending.getByRole("button", { name: `Mark delivered: ${what}` }).click();
  await expect(page.locator(".commitment").filter({ hasText: what })).toContainText("Delivered 23 November 2026");
  const theirs = (await page.locator('.delivery__figure[data-window="all"]').innerText()).match(/\d+ %/)[0];

  // Landing & wins: the progress as the tab shows it.
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: /Landing/ }).click();
  const progress = await page.locator(".landing-progress__value").innerText();
  const steps = await page.locator(".landing-progress .muted").innerText();

  // The brief reads growth in the partner's main metric (the program's): the lead
  // picks that metric on the Metrics tab.
  const ws = await storedWorkspace(page);
  const metric = ws.program.metric;
  expect(metric).toBeTruthy();

  // Metrics: each market's growth and the breadth of buy-in.
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Metrics" }).click();
  await page.getByLabel("Metric", { exact: true }).selectOption(metric);
  const rows = await page.locator(".metrics-growth__table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  expect(rows.length).toBeGreaterThan(2);
  const figures = page.locator(".buy-in__figures dd");
  const boughtIn = await figures.nth(0).innerText();
  const breadth = await figures.nth(1).innerText();

  // The brief says the same.
  await page.getByRole("navigation", { name: "Partner" }).getByRole("link", { name: "Brief", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner brief: Loopline");
  const doc = page.locator(".brief__document");
  await expect(doc.locator(".brief__list-title")).toHaveText(["Loopline's commitments", "Our commitments"]);
  const line = doc.locator(".brief__list li").filter({ hasText: what });
  await expect(line).toContainText(`${what} — delivered 23 November 2026`);
  await expect(line).toContainText(`(due ${await dueOf(page, what)})`);
  const facts = doc.locator(".brief__facts li");
  await expect(facts.filter({ hasText: "Their delivery record:" })).toContainText(`(${theirs} delivery credit)`);
  await expect(facts.filter({ hasText: "Landing progress:" })).toHaveText(`Landing progress: ${progress} — ${steps}`);
  await expect(facts.filter({ hasText: "Main metric:" })).toHaveText(new RegExp(`^Main metric: ${metric}, judged in `));
  await expect(facts.filter({ hasText: "Breadth of buy-in:" })).toContainText(`${boughtIn} markets bought in`);
  await expect(facts.filter({ hasText: "Breadth of buy-in:" })).toContainText(`breadth ${breadth}`);
  const items = doc.locator(".brief__items li");
  for (const [market, latest, mom, yoy, window] of rows) {
    await expect(items.filter({ hasText: `${market}: ` }).filter({ hasText: "month over month" }))
      .toHaveText(`${market}: ${latest} · month over month ${mom} · year over year ${yoy} · last 3 months against a year earlier ${window}`);
  }
  // Each landing track is listed by its market or team, with its three steps.
  await expect(items.filter({ hasText: /: enabled / })).not.toHaveCount(0);

  // The Markdown carries the same sections, the person's text escaped.
  await page.getByRole("group", { name: "Brief" }).getByRole("button", { name: "Copy Markdown" }).click();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain("## Commitments\n\n- **Their delivery record:** ");
  expect(md).toContain("**Loopline's commitments**\n\n");
  expect(md).toContain(`- **Landing progress:** ${progress} — ${steps}\n`);
  expect(md).toContain("## Growth and buy-in\n\n- **Main metric:** ");
});

/** A commitment's due day as the brief writes it, read from the stored workspace. */
async function dueOf(page, what) {
  const ws = await storedWorkspace(page);
  const k = ws.partners.find((p) => p.id === "demo-p-01").commitments.find((c) => c.what === what);
  const [y, m, d] = k.due.split("-").map(Number);
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${d} ${months[m - 1]} ${y}`;
}
