// Hostile strings: every string of the Big List of Naughty Strings (npm
// `big-list-of-naughty-strings`, MIT, github.com/minimaxir/big-list-of-naughty-strings),
// plus payloads of our own that would set `window.__pwned` if they ever ran, goes
// through every text field of a Tandem file, is shown as text, never as markup, and
// comes back out of export unchanged. Strings the model refuses (a blank or over-long
// name, an over-long tag) get a clear error and change nothing. A sample is also typed
// into the partner form.
import { createRequire } from "node:module";
import {
  test, expect, open, storedText, storedEnvelope, storedWorkspace, downloadText, chooseImportFile,
  envelope, expectSameText, isoIn,
} from "./fixtures.mjs";

const require = createRequire(import.meta.url);
const BLNS = require("big-list-of-naughty-strings");

/** Payloads that set the sentinel if any of them is ever run or rendered as markup. */
const SENTINELS = [
  `<img src=x onerror="window.__pwned='img'">`,
  `<script>window.__pwned='script'</script>`,
  `javascript:window.__pwned='js-url'`,
  `"><svg onload="window.__pwned='svg'">`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `</textarea><img src=x onerror=window.__pwned='textarea'>`,
  `{{constructor.constructor('window.__pwned="template"')()}}`,
  `<a href="javascript:window.__pwned='link'">click</a>`,
  `<style>@import 'x'</style><b style="x:expression(window.__pwned='css')">`,
];
const STRINGS = [...BLNS, ...SENTINELS];

// The model's rules (src/model/validate.rs), as JavaScript: Rust's `trim` removes
// Unicode White_Space (unlike JavaScript's, it keeps U+FEFF), and lengths count
// characters (code points), not UTF-16 units.
const trim = (s) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
// A required field counts as blank when it is only spaces and invisible format
// characters (src/model/core/text.rs `is_blank`): a person would see nothing.
const blank = (s) => /^[\p{White_Space}\p{Cf}]*$/u.test(s);
const chars = (s) => [...s].length;
const MAX_NAME = 120;
const MAX_TAG = 40;
const okName = (s) => !blank(s) && chars(s) <= MAX_NAME;
const okShort = (s) => chars(s) <= MAX_NAME; // owner, title: may be blank
const okTag = (s) => !blank(s) && chars(s) <= MAX_TAG;

const STAGES = ["research", "pitching", "negotiating", "signed", "landing", "live", "paused", "walked_away"];
const dialog = (page) => page.getByRole("dialog");

/** Records alerts, dialogs and policy violations, and any fetch of the payloads' `x`. */
async function watchForScripts(page) {
  const seen = { dialogs: [], fetchedX: [] };
  page.on("dialog", async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (/\/x$/.test(new URL(r.url()).pathname)) seen.fetchedX.push(r.url()); });
  await page.addInitScript(() => {
    for (const name of ["alert", "confirm", "prompt"]) {
      window[name] = (m) => { window.__pwned = `${name}(${m})`; };
    }
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return seen;
}

/** Asserts nothing ran and nothing was rendered as markup. */
async function expectNothingRan(page, seen) {
  expect(await page.evaluate(() => window.__pwned ?? null), "a payload ran").toBeNull();
  expect(seen.dialogs, "dialogs opened").toEqual([]);
  expect(seen.fetchedX, "a payload's image was fetched").toEqual([]);
  expect(await page.evaluate(() => window.__violations), "policy violations").toEqual([]);
  const injected = await page.evaluate(() => {
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (/^(IMG|SVG|IFRAME|SCRIPT|STYLE|OBJECT|EMBED|B|TEMPLATE)$/i.test(el.tagName)) found.push(el.outerHTML.slice(0, 80));
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) || (a.name === "style")) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
        if (a.name === "href" && !/^(#|https?:\/\/)/i.test(a.value)) found.push(`${el.tagName} href=${a.value.slice(0, 60)}`);
      }
    }
    return found;
  });
  expect(injected, "elements or attributes that only injected markup would make").toEqual([]);
}

/**
 * One Tandem workspace carrying `strings` in every text field the model accepts them in:
 * partner i has string i as its name, owner, tag and notes, a key player with it as name,
 * title and notes, and a market of the catalogue named by it. Where a rule refuses the
 * string (blank or over-long names, over-long tags, market names that clash ignoring
 * case) the field gets a neutral placeholder or stays empty; `refused` counts those.
 */
function hostileWorkspace(strings) {
  const t = isoIn(-1);
  const markets = [];
  const folded = new Set();
  const refused = { name: [], owner: [], tag: [], market: [] };
  const partners = strings.map((s, i) => {
    if (!okName(s)) refused.name.push(s);
    if (!okShort(s)) refused.owner.push(s);
    if (!okTag(s)) refused.tag.push(s);
    const fold = trim(s).toLowerCase();
    let market = [];
    if (okName(s) && !folded.has(fold)) {
      folded.add(fold);
      markets.push({ id: `h-m-${i}`, created: t, updated: t, name: s });
      market = [`h-m-${i}`];
    } else if (okName(s)) {
      refused.market.push(s);
    }
    return {
      id: `h-p-${i}`, created: t, updated: t,
      name: okName(s) ? s : `Placeholder ${i}`,
      website: "", category: "other", position: "niche", markets: market,
      stage: STAGES[i % STAGES.length], ladder: "self_serve",
      owner: okShort(s) ? s : "", tags: okTag(s) ? [s] : [], notes: s,
      key_players: [{
        id: `h-k-${i}`, created: t, updated: t, name: okName(s) ? s : `Player ${i}`,
        title: okShort(s) ? s : "", role: "influencer", influence: 3, stance: "neutral", notes: s,
      }],
    };
  });
  return { workspace: { program_name: SENTINELS[0], markets, partners }, refused };
}

async function replaceWith(page, name, workspace) {
  await chooseImportFile(page, name, JSON.stringify(envelope(workspace), null, 2));
  await expect(dialog(page).getByRole("heading")).toHaveText(`Import ${name}`);
  await dialog(page).getByRole("radio", { name: /Replace/ }).check();
  await dialog(page).getByRole("button", { name: "Replace my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole("status").filter({
    hasText: `Imported. The workspace now holds ${workspace.partners.length} partners.`,
  })).toBeVisible();
}


/** A workspace as a replace leaves it, without what the replace itself stamps: the
 * tombstones of the records it removed and the stamp of the program's new name
 * (`stamps::stamp_replace`), so other tabs take the replacement. */
function asReplaced(ws) {
  const { deleted, ...rest } = ws;
  if (rest.program) {
    const { name_stamp, ...program } = rest.program;
    if (Object.keys(program).length) rest.program = program;
    else delete rest.program;
  }
  return rest;
}

test("every hostile string round-trips through every text field, import and export, as text", async ({ page }) => {
  test.setTimeout(240_000);
  const seen = await watchForScripts(page);
  const { workspace, refused } = hostileWorkspace(STRINGS);
  const accepted = STRINGS.filter(okName);
  console.log(`hostile strings: ${STRINGS.length} tried (${BLNS.length} from the list, ${SENTINELS.length} of ours); `
    + `${accepted.length} accepted as names, titles, owners and notes, ${STRINGS.filter(okTag).length} as tags, `
    + `${workspace.markets.length} as market names, all ${STRINGS.length} as notes; refused: `
    + `${refused.name.length} as names (blank or over ${MAX_NAME} characters), ${refused.owner.length} as owners and titles, `
    + `${refused.tag.length} as tags (blank or over ${MAX_TAG}), ${refused.market.length} market names repeating another`);
  expect(accepted.length).toBeGreaterThan(400);

  await open(page, "#/data");
  await replaceWith(page, "hostile.json", workspace);
  await expect(page.locator(".brand__program")).toHaveText(SENTINELS[0]);
  await expect.poll(async () => asReplaced(await storedWorkspace(page)), { timeout: 10_000 }).toEqual(workspace);

  // The partner table: every row's name, markets and owner, by the row's link.
  const n = workspace.partners.length;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await page.getByRole("button", { name: `Show all ${n}` }).click();
  await expect(page.locator("tbody tr")).toHaveCount(n);
  const rows = await page.locator("tbody tr").evaluateAll((trs) => Object.fromEntries(trs.map((tr) => {
    const link = tr.querySelector("th a");
    const cells = tr.querySelectorAll("td");
    return [link.getAttribute("href"), { name: link.textContent, markets: cells[3].textContent, owner: cells[4].textContent }];
  })));
  const marketName = Object.fromEntries(workspace.markets.map((m) => [m.id, m.name]));
  expect(rows).toEqual(Object.fromEntries(workspace.partners.map((p) => [`#/partners/${p.id}`, {
    name: p.name, markets: p.markets.map((m) => marketName[m]).join(", "), owner: p.owner,
  }])));

  // The board: every card's name.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" }).click();
  await expect(page.locator("li.card").first()).toBeVisible();
  // Each column shows its first cards and a "Show more" button for the rest: open all.
  const more = page.locator("button.column__more");
  while (await more.count()) await more.first().click();
  await expect(page.locator("li.card")).toHaveCount(n);
  const cards = await page.locator("li.card").evaluateAll((lis) => Object.fromEntries(
    lis.map((li) => [li.dataset.id, li.querySelector(".card__name").textContent])));
  expect(cards).toEqual(Object.fromEntries(workspace.partners.map((p) => [p.id, p.name])));

  // The market catalogue on the data screen, in order.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(page.locator("ul.market-list > li")).toHaveCount(workspace.markets.length);
  expect(await page.locator("ul.market-list > li > span").evaluateAll((ss) => ss.map((s) => s.textContent)))
    .toEqual(workspace.markets.map((m) => m.name));

  // Each partner's page: heading, form fields, market box and key player.
  for (const p of workspace.partners) {
    await page.goto(`./#/partners/${p.id}`);
    const kp = p.key_players[0];
    await expect.poll(() => page.locator("#main h1").textContent(), { message: p.id }).toBe(p.name);
    const shown = await page.evaluate(() => {
      const value = (sel) => document.querySelector(sel)?.value;
      const text = (sel) => document.querySelector(sel)?.textContent ?? null;
      return {
        name: value("#f-name"), owner: value("#f-owner"), tags: value("#f-tags"), notes: value("#f-notes"),
        markets: [...document.querySelectorAll(".markets__list label")].filter((l) => l.querySelector("input").checked)
          .map((l) => l.textContent),
        kpName: text(".kp__who strong"), kpTitle: text(".kp__who .muted"), kpNotes: text(".kp__notes"),
      };
    });
    expect(shown, p.id).toEqual({
      name: p.name, owner: p.owner, tags: p.tags.join(", "), notes: p.notes,
      markets: p.markets.map((m) => marketName[m]),
      kpName: kp.name, kpTitle: kp.title, kpNotes: kp.notes === "" ? null : kp.notes,
    });
  }

  // Out again: the exported workspace is the imported one.
  await page.goto("./#/data");
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  expect(asReplaced(JSON.parse(text).workspace)).toEqual(workspace);

  await expectNothingRan(page, seen);
});

test("hostile strings a rule refuses give one clear error each, and the file changes nothing", async ({ page }) => {
  const seen = await watchForScripts(page);
  const t = isoIn(-1);
  const names = STRINGS.filter((s) => !okName(s));
  const tags = STRINGS.filter((s) => !okTag(s));
  const owners = STRINGS.filter((s) => !okShort(s));
  // One partner per refused name, carrying it as its own name and its key player's;
  // the over-long strings also as owner and title; the bad tags on one partner each.
  const partners = names.map((s, i) => ({
    id: `r-p-${i}`, created: t, updated: t, name: s, category: "other", position: "niche",
    stage: "research", ladder: "self_serve", owner: okShort(s) ? "" : s, notes: s,
    key_players: [{ id: `r-k-${i}`, created: t, updated: t, name: s, title: okShort(s) ? "" : s,
      role: "influencer", influence: 3, stance: "neutral" }],
  }));
  tags.forEach((s, i) => partners.push({
    id: `r-t-${i}`, created: t, updated: t, name: `Tagged ${i}`, category: "other", position: "niche",
    stage: "research", ladder: "self_serve", tags: [s],
  }));
  const expected = names.length * 2 + owners.length * 2 + tags.length;
  console.log(`refused hostile strings: ${names.length} as names, ${owners.length} as owners and titles, `
    + `${tags.length} as tags: ${expected} broken rules in one file`);
  expect(names.length).toBeGreaterThan(0);

  await open(page, "#/data");
  await storedEnvelope(page);
  const before = await storedText(page);
  await chooseImportFile(page, "refused.json", JSON.stringify(envelope({ program_name: "Refused", markets: [], partners })));
  const error = dialog(page).getByRole("alert");
  await expect(error).toHaveText(new RegExp(`^The file breaks ${expected} rules: Partner "[\\s\\S]*?", name: (is required|has \\d+ characters; the limit is 120) \\(at partners\\[0\\]\\.name\\)[\\s\\S]*; and ${expected - 5} more\\.$`));
  await expect(dialog(page)).toContainText("Your workspace has not changed.");
  await expect(dialog(page).getByRole("button", { name: /Merge|Replace/ })).toHaveCount(0);
  await dialog(page).getByRole("button", { name: "Close" }).click();
  expectSameText(await storedText(page), before, "stored workspace after a refused file");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  await expectNothingRan(page, seen);
});

test("hostile strings typed into the partner form are saved as typed (names trimmed), or refused beside the field", async ({ page }) => {
  test.setTimeout(120_000);
  const seen = await watchForScripts(page);
  // Every 16th accepted string of the list, those with white space around them (the
  // form trims names), and all of ours: about 45.
  const accepted = BLNS.filter(okName);
  const sample = [
    ...accepted.filter((s, i) => i % 16 === 0 || trim(s) !== s),
    ...SENTINELS,
  ];
  const refused = STRINGS.filter((s) => !okName(s));
  console.log(`typed into the partner form: ${sample.length} accepted strings, ${refused.length} refused names`);

  await open(page, "#/partners/demo-p-01");
  await expect(page.locator("#main h1")).toHaveText("Loopline");
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Profile" }) });
  const save = form.getByRole("button", { name: "Save profile" });
  for (const s of sample) {
    await page.locator("#f-name").fill(s);
    await page.locator("#f-notes").fill(s);
    // What the browser holds is exactly what was typed (a check on the test itself).
    expect(await page.locator("#f-name").inputValue()).toBe(s);
    expect(await page.locator("#f-notes").inputValue()).toBe(s);
    await expect.poll(() => page.locator("#main h1").textContent()).toBe(s);
    await save.click();
    await expect(form.getByText("All changes saved.")).toBeVisible();
    // The name is saved trimmed (surrounding white space only), the notes as typed.
    await expect.poll(async () => {
      const p = (await storedWorkspace(page)).partners.find((x) => x.id === "demo-p-01");
      return { name: p.name, notes: p.notes };
    }, { message: JSON.stringify(s) }).toEqual({ name: trim(s), notes: s });
  }

  const before = await storedText(page);
  for (const s of refused) {
    await page.locator("#f-name").fill(s);
    const message = blank(s) ? "is required" : `has ${chars(s)} characters; the limit is ${MAX_NAME}`;
    await expect(page.locator("#e-name")).toHaveText(message);
    await expect(page.locator("#f-name")).toHaveAttribute("aria-invalid", "true");
    await expect(save).toBeDisabled();
    await expect(form.getByText("Fix the marked fields to save.")).toBeVisible();
  }
  await form.getByRole("button", { name: "Revert" }).click();
  await expect(page.locator("#e-name")).toHaveText("");
  expectSameText(await storedText(page), before, "stored workspace after refused names");
  await expectNothingRan(page, seen);
});

/**
 * The records of the deal and after it (format version 2) carrying every hostile string:
 * sixteen strings per partner, each in another text field — pitch label and ingredients,
 * meeting topic, people, notes and next steps, goal, commitment, landing team, metric
 * name, win, decision — and the program's lever and win.
 */
function hostileRecords(strings) {
  const t = isoIn(-1);
  const day = t.slice(0, 10);
  const per = 16;
  const partners = [];
  for (let i = 0; i * per < strings.length; i++) {
    const s = (k) => strings[(i * per + k) % strings.length];
    const name = (k) => (okName(s(k)) ? s(k) : `Placeholder ${i}-${k}`);
    const text = (k) => (!blank(s(k)) ? s(k) : `Text ${i}-${k}`);
    partners.push({
      id: `hr-p-${i}`, created: t, updated: t, name: name(0), website: "", category: "other", position: "incumbent",
      markets: ["hr-m"], stage: STAGES[i % STAGES.length], ladder: "integration", owner: okShort(s(1)) ? s(1) : "",
      tags: [], notes: "",
      key_players: [{ id: `hr-k-${i}`, created: t, updated: t, name: name(2), title: "", role: "champion", influence: 4, stance: "champion", notes: "" }],
      pitches: [{ id: "pitch", label: name(3), drafted: day, ingredients: {
        vision: s(4), challenges: s(5), excitement: s(6), incumbent: s(7), core: s(8), product: s(9),
        mutual_goal: s(10), first_step: s(11), exclusive_path: s(12), praise: s(13), beliefs: s(14), close: s(15),
      } }],
      fit: { ux: "risky", ux_reason: text(4), strategic: 3, our_leverage: 2, their_leverage: 4, economics: "neutral", market_understood: false, notes: text(5) },
      meetings: [{ id: "m", date: day, ours: [name(6)], presented: s(7), room: "negative", room_note: text(8),
        attendees: [{ player: `hr-k-${i}`, body_language: "negative", tone: "neutral", reaction: "positive", note: text(9) }],
        next_steps: [{ what: text(10), due: day, done: false }] }],
      goals: [{ id: "g", statement: text(11), metric: okShort(s(12)) ? s(12) : "", target: 100, due: day, status: "at_risk" }],
      commitments: [{ id: "c", side: "partner", what: text(13), due: day, status: "late" }],
      landing: [{ id: "l", team: name(14), enabled: { planned: day, ...(okShort(s(15)) && s(15) !== "" ? { owner: s(15) } : {}) }, launched: {}, adopted: {} }],
      metrics: [{ market: "hr-m", metric: name(4), values: { "2026-01": 1, "2026-02": 2 } }],
      wins: [{ id: "w", date: day, kind: "small_win", title: name(5), note: text(6) }],
      decisions: [{ id: "d", date: day, kind: "pivot", who: name(7), why: s(8) }],
    });
  }
  const program = { updated: t, metric: "users", baseline_start: "2025-01", baseline: 1000, target_growth: 250,
    levers: strings.slice(0, 20).map((s, k) => ({ id: `lv-${k}`, initiative: okName(s) ? s : `Lever ${k}`, expected: 10, confidence: 50, ...(s === "" ? {} : { notes: s }) })),
    wins: [{ id: "pw", date: day, kind: "milestone", title: SENTINELS[1], note: SENTINELS[2] }] };
  const markets = [{ id: "hr-m", created: t, updated: t, name: "Hostland" }];
  return { program_name: SENTINELS[3], markets, partners, program };
}

test("hostile strings in every record of the deal and after it stay text on every screen and export unchanged", async ({ page }) => {
  test.setTimeout(240_000);
  const seen = await watchForScripts(page);
  const workspace = hostileRecords(STRINGS);
  console.log(`hostile records: ${STRINGS.length} strings over ${workspace.partners.length} partners' pitches, `
    + "fit, meetings, goals, commitments, landing, metrics, wins and decisions, and the program's levers");
  await open(page, "#/data");
  await chooseImportFile(page, "records.json", JSON.stringify({ ...envelope(workspace), version: 2 }, null, 2));
  await dialog(page).getByRole("radio", { name: /Replace/ }).check();
  await dialog(page).getByRole("button", { name: "Replace my workspace" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect.poll(async () => asReplaced(await storedWorkspace(page)), { timeout: 10_000 }).toEqual(workspace);

  const sections = ["", "/pitch", "/fit", "/meetings", "/goals", "/landing", "/metrics", "/health", "/brief"];
  for (const p of workspace.partners) {
    for (const section of sections) {
      await page.goto(`./#/partners/${p.id}${section}`);
      await page.locator("#main h1").waitFor();
      await expect(page.locator("#main h1"), `${p.id}${section}`).not.toHaveText("Partner not found");
    }
    // The goal and the commitment read exactly as written.
    await page.goto(`./#/partners/${p.id}/goals`);
    const main = await page.locator("#main").textContent();
    for (const written of [p.goals[0].statement, p.commitments[0].what]) {
      if (trim(written) === written && !/[\r\n]/.test(written)) expect(main, `${p.id}: ${written}`).toContain(written);
    }
  }
  for (const hash of ["#/dashboard", "#/planner", "#/partners", "#/pipeline"]) {
    await page.goto(`./${hash}`);
    await page.locator("#main h1").waitFor();
  }
  await page.goto("./#/data");
  const { text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  expect(asReplaced(JSON.parse(text).workspace)).toEqual(workspace);
  await expectNothingRan(page, seen);
});
