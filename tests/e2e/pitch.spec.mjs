// The pitch builder (#/partners/ID/pitch): the demo's versions, filling a pitch with
// live checks and score, the memo copied (Markdown and text) and downloaded, marking a
// version sent, typing kept through another tab's save, undo, and the whole pitch
// carried through export and import.
import {
  test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile,
} from "./fixtures.mjs";

/** Moonmoth Games: a demo partner with no pitch yet. */
const MOONMOTH = "#/partners/demo-p-11/pitch";
/** The day every test here runs on, so dates and file names are fixed. */
const NOW = new Date("2026-11-23T10:00:00Z");

/** A text for each ingredient that passes its check (Moonmoth has no shared goal). */
const READY = {
  "Shared vision": "Every player who loves the in-game radio can keep listening to the soundtrack on Riffly after the game ends.",
  "Mutual challenges": "Your soundtrack stays small because licensing is expensive, and we struggle to reach players who discover music inside games.",
  "What excites us about their work": "The in-game radio you built makes players stay in the menu just to hear the next track.",
  "The incumbent we both want to disrupt": "Big console stores like Orbix bundle their own music apps and keep players away from everything else.",
  "The core first, then what goes around it": "First, a link from each radio track to the same song on Riffly. Then playlists per level around it.",
  "The product pitch": "Hear a song you like in the game, tap it, and it plays on Riffly with the whole soundtrack.",
  "The mutual goal": "50,000 players save a soundtrack playlist within six months of launch.",
  "The self-serve first step": "Your audio team can embed our public player in the radio menu today.",
  "What would earn a more exclusive deal": "Once 100,000 players a month follow the radio on Riffly, we would talk about a soundtrack exclusive.",
  "Sincere, specific praise": "Noor's playlist for the *Neon Drift* level is the best game curation we have heard this year.",
  "Shared beliefs about technology": "We both believe players should own their music taste and take it from the game to the phone.",
  "The close: concrete help": "I will send a working demo of the radio link next week and our engineer can help your team wire it up.",
};

/** The memo of that pitch as Markdown, exactly as src/model/memo.rs writes it. */
const MEMO_MD = `# A partnership proposal for Moonmoth Games

**To:** Yuki Arakawa, Studio Director  
**From:** Kofi Mensah  
**Date:** 23 November 2026

Dear Yuki,

## What excites us about your work

${READY["What excites us about their work"]}

## What you got right

Noor's playlist for the \\*Neon Drift\\* level is the best game curation we have heard this year.

## Where we could go together

${READY["Shared vision"]}

## The problems we share

${READY["Mutual challenges"]}

## Who we are both up against

${READY["The incumbent we both want to disrupt"]}

## The product, simply put

${READY["The product pitch"]}

## What to build first

${READY["The core first, then what goes around it"]}

## What we believe about technology

${READY["Shared beliefs about technology"]}

## The goal we would share

${READY["The mutual goal"]}

## Where to start

${READY["The self-serve first step"]}

## Where it could lead

${READY["What would earn a more exclusive deal"]}

## How we can help

${READY["The close: concrete help"]}

Best regards,  
Kofi Mensah
`;

/** The same memo as plain text. */
const MEMO_TEXT = `A partnership proposal for Moonmoth Games

To: Yuki Arakawa, Studio Director
From: Kofi Mensah
Date: 23 November 2026

Dear Yuki,

What excites us about your work
${READY["What excites us about their work"]}

What you got right
${READY["Sincere, specific praise"]}

Where we could go together
${READY["Shared vision"]}

The problems we share
${READY["Mutual challenges"]}

Who we are both up against
${READY["The incumbent we both want to disrupt"]}

The product, simply put
${READY["The product pitch"]}

What to build first
${READY["The core first, then what goes around it"]}

What we believe about technology
${READY["Shared beliefs about technology"]}

The goal we would share
${READY["The mutual goal"]}

Where to start
${READY["The self-serve first step"]}

Where it could lead
${READY["What would earn a more exclusive deal"]}

How we can help
${READY["The close: concrete help"]}

Best regards,
Kofi Mensah
`;

const box = (page, label) => page.getByRole("textbox", { name: label, exact: true });
const field = (page, label) => page.locator(".pitch-field").filter({ has: box(page, label) });
const score = (page) => page.locator(".pitch-score__percent");
const versions = (page) => page.locator(".pitch-version");
const memoActions = (page) => page.getByRole("group", { name: "Memo" });
const toast = (page, text) => page.getByRole("status").filter({ hasText: text });

/** The stored pitches of a partner. */
async function storedPitches(page, id = "demo-p-11") {
  const ws = await storedWorkspace(page);
  return ws.partners.find((p) => p.id === id).pitches ?? [];
}

/** Starts a pitch for Moonmoth and fills every ingredient, leaving each field. */
async function fillAll(page) {
  await open(page, MOONMOTH);
  await page.getByRole("button", { name: "Start a pitch" }).click();
  for (const [label, text] of Object.entries(READY)) {
    await box(page, label).fill(text);
    await box(page, label).press("Tab");
  }
  await expect(score(page)).toHaveText("100 %");
  await expect.poll(async () => Object.keys((await storedPitches(page))[0]?.ingredients ?? {}).length).toBe(12);
}

test("the demo shows Stridecraft's two versions, the sent one on the table, with their scores", async ({ page }) => {
  await open(page, "#/partners/demo-p-06/pitch");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stridecraft — Pitch");
  await expect(versions(page)).toHaveCount(2);
  await expect(versions(page).nth(0)).toContainText("First draft");
  await expect(versions(page).nth(0)).toContainText("25 %");
  await expect(versions(page).nth(1)).toContainText("After the first meeting");
  await expect(versions(page).nth(1)).toContainText(/Sent \d+ \w+ \d{4}/);
  await expect(versions(page).nth(1)).toContainText("On the table");
  // The latest is shown first, complete, and frozen because it was sent.
  await expect(versions(page).nth(1)).toHaveAttribute("aria-pressed", "true");
  await expect(score(page)).toHaveText("100 %");
  await expect(box(page, "Shared vision")).toHaveAttribute("readonly", "");
  await expect(page.locator(".pitch-fields__locked")).toBeVisible();
  // The draft: each weak ingredient says why.
  await versions(page).nth(0).click();
  await expect(score(page)).toHaveText("25 %");
  await expect(field(page, "Shared vision").locator(".pitch-check"))
    .toHaveText("It has 2 sentences; join them into one that can be repeated after a single hearing.");
  await expect(field(page, "The product pitch").locator(".pitch-check"))
    .toHaveText("Say it plainly: in a sentence of 9 words, the buzzword \"seamless\" and the abstract noun \"experience\" make 3 fog points, a quarter or more; say what a user does or gets instead.");
  await expect(field(page, "The product pitch").locator(".pitch-status")).toHaveText("Needs work");
  await expect(page.locator(".pitch-score__summary")).toHaveText("1 ready · 4 need work · 7 missing · 6 of 24 points");
  // The memo is addressed to the decision maker and signed by the owner.
  await expect(page.locator(".pitch-memo__meta")).toContainText("Keisha Moreland, Global Brand Director");
  await expect(page.locator(".pitch-memo__sign")).toContainText("Priya Raman");
});

test("Hearthpod's sent pitch links its shared goal, and the memo names it", async ({ page }) => {
  await open(page, "#/partners/demo-p-03/pitch");
  await expect(score(page)).toHaveText("100 %");
  const select = page.getByLabel("Shared goal it speaks to");
  await expect(select).toBeDisabled();
  await expect(select.locator("option:checked")).toContainText("200,000 Hearthpod households");
  await expect(field(page, "The mutual goal").locator(".pitch-check")).toContainText("Linked to the shared goal");
  await expect(page.locator(".pitch-memo__goal")).toContainText("Shared goal: 200,000 Hearthpod households");
});

test("the mutual goal asks for a link where the partner has shared goals, and takes one", async ({ page }) => {
  await open(page, "#/partners/demo-p-01/pitch");
  await page.getByRole("button", { name: "Start a pitch" }).click();
  const goal = box(page, "The mutual goal");
  await goal.fill("More listeners who share what they hear, in every market.");
  await goal.press("Tab");
  const check = field(page, "The mutual goal").locator(".pitch-check");
  await expect(check).toHaveText(/^Loopline has (a shared goal|\d+ shared goals) recorded: link the one this goal speaks to\.$/);
  const select = page.getByLabel("Shared goal it speaks to");
  await expect(select).toBeEnabled();
  const ws = await storedWorkspace(page);
  const loopline = ws.partners.find((p) => p.id === "demo-p-01");
  await select.selectOption(loopline.goals[0].id);
  await expect(check).toHaveText(/^Linked to the shared goal "/);
  await expect(field(page, "The mutual goal").locator(".pitch-status")).toHaveText("Ready");
  await expect(page.locator(".pitch-memo__goal")).toContainText("Shared goal: ");
  await expect.poll(async () => (await storedPitches(page, "demo-p-01"))[0].goal).toBe(loopline.goals[0].id);
  // Unlinking is one choice away.
  await select.selectOption("");
  await expect(field(page, "The mutual goal").locator(".pitch-status")).toHaveText("Needs work");
});

test("filling a pitch changes each check and the score as you type, and saves on leaving the field", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await open(page, MOONMOTH);
  await expect(page.getByText("No pitch yet.")).toBeVisible();
  await page.getByRole("button", { name: "Start a pitch" }).click();
  await expect(versions(page)).toHaveCount(1);
  await expect(versions(page).first()).toContainText("Version 1");
  await expect(versions(page).first()).toContainText("Drafted 23 November 2026");
  await expect(score(page)).toHaveText("0 %");
  await expect(field(page, "Shared vision").locator(".pitch-status")).toHaveText("Missing");

  // Two sentences: written, but falling short — 1 point of 24.
  const vision = box(page, "Shared vision");
  await vision.fill("Players love the radio. They want it after the game.");
  await expect(field(page, "Shared vision").locator(".pitch-status")).toHaveText("Needs work");
  await expect(field(page, "Shared vision").locator(".pitch-check")).toContainText("It has 2 sentences");
  await expect(score(page)).toHaveText("4 %");
  // Not saved until the field is left.
  await expect.poll(async () => (await storedPitches(page)).length).toBe(1);
  expect((await storedPitches(page))[0].ingredients ?? {}).toEqual({});

  await vision.fill(READY["Shared vision"]);
  await expect(field(page, "Shared vision").locator(".pitch-status")).toHaveText("Ready");
  await expect(field(page, "Shared vision").locator(".pitch-check")).toHaveText("One sentence of 19 words.");
  await expect(score(page)).toHaveText("8 %");
  await vision.press("Tab");
  await expect.poll(async () => (await storedPitches(page))[0].ingredients?.vision).toBe(READY["Shared vision"]);

  // A close with no concrete offer, then a concrete one.
  const close = box(page, "The close: concrete help");
  await close.fill("Let us know how we can help.");
  await expect(field(page, "The close: concrete help").locator(".pitch-check")).toContainText("Make the offer concrete");
  await expect(score(page)).toHaveText("13 %"); // 3 of 24
  await close.fill(READY["The close: concrete help"]);
  await expect(score(page)).toHaveText("17 %"); // 4 of 24
  await close.press("Tab");

  // The checklist follows, and takes the focus to a field.
  const item = page.locator(".pitch-score__item").filter({ hasText: "The product pitch" });
  await expect(item).toHaveClass(/pitch-score__item--missing/);
  await item.getByRole("button").click();
  await expect(box(page, "The product pitch")).toBeFocused();

  for (const [label, text] of Object.entries(READY)) {
    await box(page, label).fill(text);
    await box(page, label).press("Tab");
  }
  await expect(score(page)).toHaveText("100 %");
  await expect(page.locator(".pitch-score__item--ready")).toHaveCount(12);
  await expect(versions(page).first()).toContainText("100 %");
  const stored = (await storedPitches(page))[0];
  expect(Object.keys(stored.ingredients)).toHaveLength(12);
  expect(stored.ingredients.praise).toBe(READY["Sincere, specific praise"]);
});

test("the memo is copied as Markdown and as text and downloaded, each exactly", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await page.clock.setFixedTime(NOW);
  await fillAll(page);
  // The preview shows the person's text as text: the asterisks stay.
  await expect(page.locator(".pitch-memo__document")).toContainText("*Neon Drift*");
  await expect(page.locator(".pitch-memo__document h4")).toHaveText([
    "What excites us about your work", "What you got right", "Where we could go together",
    "The problems we share", "Who we are both up against", "The product, simply put",
    "What to build first", "What we believe about technology", "The goal we would share",
    "Where to start", "Where it could lead", "How we can help",
  ]);

  await memoActions(page).getByRole("button", { name: "Copy Markdown" }).click();
  await expect(toast(page, "Memo copied to the clipboard as Markdown.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(MEMO_MD);

  await memoActions(page).getByRole("button", { name: "Copy text" }).click();
  await expect(toast(page, "Memo copied to the clipboard as plain text.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(MEMO_TEXT);

  const { download, text } = await downloadText(page, () =>
    memoActions(page).getByRole("button", { name: "Download .md" }).click());
  expect(download.suggestedFilename()).toBe("tandem-moonmoth-games-memo-2026-11-23.md");
  expect(text).toBe(MEMO_MD);
});

test("a version marked sent is frozen and dated; a copy carries on; undo brings back an edit", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await fillAll(page);
  // Undo an edit: the field shows the text before it.
  await box(page, "Shared vision").fill("Changed my mind about this one entirely, for now.");
  await box(page, "Shared vision").press("Tab");
  await expect.poll(async () => (await storedPitches(page))[0].ingredients.vision).toContain("Changed my mind");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(toast(page, "Undid: edit “Shared vision” in the pitch.")).toBeVisible();
  await expect(box(page, "Shared vision")).toHaveValue(READY["Shared vision"]);
  await expect.poll(async () => (await storedPitches(page))[0].ingredients.vision).toBe(READY["Shared vision"]);

  // A day in the future is refused with a reason.
  await page.getByLabel("Sent on").fill("2026-11-30");
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await expect(page.locator(".pitch-header__sent .field__error"))
    .toHaveText("30 November 2026 is in the future; mark the version sent once it has gone out.");
  await page.getByLabel("Sent on").fill("2026-11-23");
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await expect(page.locator(".pitch-sent")).toHaveText("Sent 23 November 2026");
  await expect(versions(page).first()).toContainText("Sent 23 November 2026");
  await expect(versions(page).first()).toContainText("On the table");
  await expect(box(page, "The product pitch")).toHaveAttribute("readonly", "");
  await expect.poll(async () => (await storedPitches(page))[0].sent).toBe("2026-11-23");

  // A new copy of the latest: same text, editable, not sent.
  await page.getByRole("button", { name: "New copy of latest" }).click();
  await expect(versions(page)).toHaveCount(2);
  await expect(versions(page).nth(1)).toHaveAttribute("aria-pressed", "true");
  await expect(versions(page).nth(1)).toContainText("Version 2");
  await expect(box(page, "The product pitch")).not.toHaveAttribute("readonly", "");
  await expect(box(page, "The product pitch")).toHaveValue(READY["The product pitch"]);
  await expect(score(page)).toHaveText("100 %");
  // The sent one stays on the table until the copy is sent.
  await expect(versions(page).first()).toContainText("On the table");

  // Delete the copy, with a confirmation.
  await page.getByRole("button", { name: "Delete this version" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(versions(page)).toHaveCount(1);
  await expect(toast(page, "Deleted pitch version Version 2.")).toBeVisible();
});

test("typing in progress survives another tab's save of the same pitch", async ({ page, context, baseURL }) => {
  await open(page, MOONMOTH);
  await page.getByRole("button", { name: "Start a pitch" }).click();
  await expect.poll(async () => (await storedPitches(page)).length).toBe(1);

  const other = await context.newPage();
  const problems = watch(other, new URL(baseURL).origin);
  await open(other, MOONMOTH);
  await expect(versions(other)).toHaveCount(1);
  // No wait here: both tabs save the same partner within the same second (often the
  // same millisecond). Edit stamps order the two saves (FORMAT.md, edit stamps): the
  // other tab read this one's save before editing, so its edit is the later one.
  // This tab types the close and has not left the field.
  await box(page, "The close: concrete help").fill(READY["The close: concrete help"]);
  // The other tab writes the vision and saves it.
  await box(other, "Shared vision").fill(READY["Shared vision"]);
  await box(other, "Shared vision").press("Tab");

  await expect(box(page, "Shared vision")).toHaveValue(READY["Shared vision"]);
  await expect(box(page, "The close: concrete help")).toHaveValue(READY["The close: concrete help"]);
  await box(page, "The close: concrete help").press("Tab");
  await expect.poll(async () => (await storedPitches(page))[0].ingredients).toEqual({
    vision: READY["Shared vision"],
    close: READY["The close: concrete help"],
  });
  expect(problems, "console errors, page errors or foreign requests in the other tab").toEqual([]);
});

test("a pitch travels through export and import into another profile", async ({ page, browser, baseURL }) => {
  await page.clock.setFixedTime(NOW);
  await fillAll(page);
  await page.getByLabel("Version label").fill("For Yuki, after GDC");
  await page.getByLabel("Version label").press("Tab");
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await expect(page.locator(".pitch-sent")).toHaveText("Sent 23 November 2026");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  const { download, text } = await downloadText(page, () =>
    page.getByRole("button", { name: "Export whole workspace" }).click());
  const exported = JSON.parse(text);
  const pitches = exported.workspace.partners.find((p) => p.id === "demo-p-11").pitches;
  expect(pitches).toHaveLength(1);
  expect(pitches[0]).toMatchObject({ label: "For Yuki, after GDC", drafted: "2026-11-23", sent: "2026-11-23" });
  expect(pitches[0].ingredients.close).toBe(READY["The close: concrete help"]);

  const fresh = await browser.newContext({ baseURL });
  try {
    const other = await fresh.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await other.clock.setFixedTime(NOW);
    await open(other, MOONMOTH);
    await expect(other.getByText("No pitch yet.")).toBeVisible();
    await chooseImportFile(other, download.suggestedFilename(), text);
    const dialog = other.getByRole("dialog");
    await dialog.getByRole("radio", { name: /Replace/ }).check();
    await dialog.getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(() => storedWorkspace(other)).toEqual(exported.workspace);

    await other.goto(`./${MOONMOTH}`);
    await expect(versions(other)).toHaveCount(1);
    await expect(versions(other).first()).toContainText("For Yuki, after GDC");
    await expect(versions(other).first()).toContainText("Sent 23 November 2026");
    await expect(score(other)).toHaveText("100 %");
    await expect(box(other, "Sincere, specific praise")).toHaveValue(READY["Sincere, specific praise"]);
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await fresh.close();
  }
});
