// The Meetings tab (#/partners/ID/meetings): record meetings with each key player's
// reception, see a falling reception raise the cooling signal, read the sparkline and
// the influence × stance map (titles, focus, table), and carry it all through an
// export and an import into another profile.
import { test, expect, open, watch, storedWorkspace, downloadText, chooseImportFile } from "./fixtures.mjs";

// Moonmoth Games: no meetings in the demo; Yuki Arakawa (decision maker, influence 4,
// neutral) and Noor Haddad (influencer, influence 3, supportive).
const MEETINGS = "#/partners/demo-p-11/meetings";

/** A date `days` before today as YYYY-MM-DD, as a date input takes it. */
function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** "20 Oct 2026", as the model writes dates in signals and titles. */
function short(iso) {
  const d = new Date(`${iso}T12:00:00Z`);
  const month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ")[d.getUTCMonth()];
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

const form = (page) => page.getByRole("form", { name: "Record a meeting" });

/** Records one meeting with Yuki's three readings (scale keys) and an optional Noor. */
async function record(page, { date, presented, yuki, note, noor, step }) {
  await page.getByRole("button", { name: "Record a meeting" }).click();
  const f = form(page);
  await expect(f).toBeVisible();
  await f.getByLabel("Date", { exact: true }).fill(date);
  await f.getByLabel("Our people").fill("Kofi Mensah, Priya Raman");
  await f.getByLabel("What was presented").fill(presented);
  await f.getByRole("checkbox", { name: "Yuki Arakawa" }).check();
  await f.getByRole("combobox", { name: "Body language of Yuki Arakawa" }).selectOption(yuki[0]);
  await f.getByRole("combobox", { name: "Tone of Yuki Arakawa" }).selectOption(yuki[1]);
  await f.getByRole("combobox", { name: "Reaction of Yuki Arakawa" }).selectOption(yuki[2]);
  await f.getByLabel("Note on Yuki Arakawa").fill(note);
  if (noor) {
    await f.getByRole("checkbox", { name: "Noor Haddad" }).check();
    await f.getByRole("combobox", { name: "Tone of Noor Haddad" }).selectOption(noor);
  }
  await f.getByLabel("Overall read of the room").selectOption(yuki[1]);
  if (step) {
    await f.getByRole("button", { name: "Add next step" }).click();
    await f.getByRole("textbox", { name: "Next step 1", exact: true }).fill(step);
    await f.getByLabel("Due").fill(daysAgo(-7));
  }
  await f.getByRole("button", { name: "Save meeting" }).click();
  await expect(f).toHaveCount(0);
}

const dates = [daysAgo(60), daysAgo(30), daysAgo(3)];

async function recordFallingThree(page) {
  await open(page, MEETINGS);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moonmoth Games — Meetings");
  await expect(page.getByText("No meetings yet.")).toBeVisible();
  await expect(page.getByText(/No cooling signals/)).toBeVisible();
  // +1.0, then −1.0, then −2.0: a strict fall.
  await record(page, {
    date: dates[0], presented: "Soundtrack playlists linked from the in-game radio",
    yuki: ["positive", "positive", "positive"], note: "Curious about licensing", noor: "strongly_positive",
  });
  await record(page, {
    date: dates[1], presented: "Revenue share on soundtrack plays",
    yuki: ["negative", "negative", "negative"], note: "Frowned at the revenue split",
  });
  await record(page, {
    date: dates[2], presented: "Licensing costs and who pays them",
    yuki: ["strongly_negative", "strongly_negative", "strongly_negative"], note: "Left early",
    step: "Send a licensing cost model",
  });
}

test("three meetings with a falling reception raise the cooling signal", async ({ page }) => {
  await recordFallingThree(page);
  const cooling = page.getByRole("region", { name: "The room is cooling" });
  await expect(cooling).toBeVisible();
  await expect(cooling.getByRole("listitem")).toHaveText([
    `Yuki Arakawa: Reception fell over the last three meetings: +1.0 → −1.0 → −2.0 (${dates.map(short).join(", ")})`,
  ]);
  await expect(page.getByText("Reception trend, weighted by influence:")).toContainText("cooling (−0.75)");

  // The log, newest first, with each reception and the next step.
  const items = page.locator(".meetings-log__list > li");
  await expect(items).toHaveCount(3);
  await expect(items.first().getByRole("heading", { level: 3 })).toHaveText(
    new Date(`${dates[2]}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  );
  await expect(items.first()).toContainText("−2.0");
  await expect(items.first()).toContainText("Left early");
  await expect(items.last()).toContainText("Noor Haddad");
  const step = items.first().getByRole("checkbox", { name: "Done: Send a licensing cost model" });
  await expect(step).not.toBeChecked();
  await step.check();
  await expect(step).toBeChecked();

  const stored = (await storedWorkspace(page)).partners.find((p) => p.id === "demo-p-11");
  expect(stored.meetings).toHaveLength(3);
  const last = stored.meetings.find((m) => m.date === dates[2]);
  expect(last.ours).toEqual(["Kofi Mensah", "Priya Raman"]);
  expect(last.attendees).toEqual([{
    player: "demo-kp-11-1", body_language: "strongly_negative", tone: "strongly_negative",
    reaction: "strongly_negative", note: "Left early",
  }]);
  expect(last.next_steps).toEqual([{ what: "Send a licensing cost model", due: daysAgo(-7), done: true }]);
});

test("the sparkline and the map have a title and keyboard focus on every point", async ({ page }) => {
  await recordFallingThree(page);
  const spark = page.getByRole("group", { name: "Reception of Yuki Arakawa over time" });
  const dots = spark.locator("circle");
  await expect(dots).toHaveCount(3);
  await expect(dots.nth(0).locator("title")).toHaveText(
    `Yuki Arakawa, ${short(dates[0])}: +1.0 (body language positive, tone positive, reaction positive) — Curious about licensing`,
  );
  await expect(dots.nth(2).locator("title")).toContainText(`${short(dates[2])}: −2.0`);
  await dots.nth(1).focus();
  await expect(dots.nth(1)).toBeFocused();
  await expect(spark.locator("text")).toContainText(["+2", "−2", short(dates[0]), short(dates[2])]);
  // Noor attended once; the table alternative lists Yuki's three meetings.
  await expect(page.getByRole("group", { name: "Reception of Noor Haddad over time" }).locator("circle")).toHaveCount(1);
  const sparkTable = page.locator(".meetings-reception__player").first().locator("details");
  await sparkTable.locator("summary").click();
  await expect(sparkTable.locator("tbody tr")).toHaveText([
    `${short(dates[0])}+1.0`, `${short(dates[1])}−1.0`, `${short(dates[2])}−2.0`,
  ]);

  const map = page.getByRole("group", { name: "Key players by influence and stance" });
  await expect(map.locator("circle.scatter__dot")).toHaveCount(2);
  await expect(map.locator("text.scatter__axis-label")).toHaveText(["Influence", "Stance"]);
  // Recorded neutral (0); recent = (3 × −2 + 2 × −1 + 1 × 1) / 6 = −1.17; read
  // (0 + 2 × −1.17) / 3 = −0.78: Skeptical.
  const yuki = map.locator("circle.scatter__dot").first();
  await expect(yuki.locator("title")).toHaveText(
    "Yuki Arakawa: influence 4 of 5, recorded Neutral, reads Skeptical from the latest meetings (recent reception −1.2)",
  );
  await yuki.focus();
  await expect(yuki).toBeFocused();
  await expect(map.locator("circle.scatter__from")).toHaveCount(2);
  const mapTable = page.locator(".scatter__table");
  await mapTable.locator("summary").click();
  await expect(mapTable.locator("tbody tr").first()).toHaveText("Yuki Arakawa4 of 5NeutralSkeptical (−0.8)−1.23");
});

test("a meeting dated in the future, or a next step without words, is refused with reasons", async ({ page }) => {
  await open(page, MEETINGS);
  await page.getByRole("button", { name: "Record a meeting" }).click();
  const f = form(page);
  await f.getByLabel("Date", { exact: true }).fill(daysAgo(-30));
  await f.getByRole("button", { name: "Add next step" }).click();
  await f.getByLabel("Due").fill(daysAgo(-40));
  await f.getByRole("button", { name: "Save meeting" }).click();
  await expect(f.locator('[id^="e-meet-date-"]')).toContainText("is in the future");
  await expect(f.getByLabel("Date", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(f.getByRole("alert").filter({ hasText: "Next step 1" })).toContainText("Next step 1: is required");
  expect((await storedWorkspace(page)).partners.find((p) => p.id === "demo-p-11").meetings ?? []).toEqual([]);
  await f.getByRole("button", { name: "Cancel" }).click();
  await expect(f).toHaveCount(0);
});

test("a removed key player's reception stays as a former key player's", async ({ page }) => {
  await recordFallingThree(page);
  await open(page, "#/partners/demo-p-11");
  const noor = page.locator("li.kp").filter({ hasText: "Noor Haddad" });
  await noor.getByRole("button", { name: "Remove" }).click();
  await noor.getByRole("button", { name: "Confirm remove" }).click();
  await open(page, MEETINGS);
  const oldest = page.locator(".meetings-log__list > li").last();
  await expect(oldest).toContainText("Former key player");
  await expect(oldest).toContainText("former key player");
  // Editing that meeting keeps the reception.
  await oldest.getByRole("button", { name: /^Edit the meeting of/ }).click();
  // The form names the meeting's day in words, as the log does, not as 2026-08-08.
  await expect(page.getByRole("form", { name: /^Edit the meeting of \d{1,2} [A-Z][a-z]+ \d{4}$/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Former key player/ })).toBeChecked();
  await page.getByRole("button", { name: "Save meeting" }).click();
  const stored = (await storedWorkspace(page)).partners.find((p) => p.id === "demo-p-11");
  expect(stored.meetings.find((m) => m.date === dates[0]).attendees.map((a) => a.player))
    .toEqual(["demo-kp-11-1", "demo-kp-11-2"]);
});

test("meetings round-trip through export and import into another profile", async ({ page, browser, baseURL }) => {
  await recordFallingThree(page);
  await open(page, "#/data");
  const { download, text } = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const exported = JSON.parse(text);
  const moonmoth = exported.workspace.partners.find((p) => p.id === "demo-p-11");
  expect(moonmoth.meetings).toHaveLength(3);
  expect(moonmoth.meetings.map((m) => m.date).sort()).toEqual(dates);

  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other);
    await chooseImportFile(other, download.suggestedFilename(), text);
    const dialog = other.getByRole("dialog");
    await dialog.getByRole("radio", { name: /Replace/ }).check();
    await dialog.getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => storedWorkspace(other)).toEqual(exported.workspace);

    await open(other, MEETINGS);
    await expect(other.getByRole("region", { name: "The room is cooling" })).toContainText("Yuki Arakawa: Reception fell");
    await expect(other.locator(".meetings-log__list > li")).toHaveCount(3);
    await expect(other.getByRole("group", { name: "Reception of Yuki Arakawa over time" }).locator("circle")).toHaveCount(3);
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});

test("the demo shows Loopline's cooling decision maker and Tellara's champion turning", async ({ page }) => {
  await open(page, "#/partners/demo-p-01/meetings");
  await expect(page.getByRole("region", { name: "The room is cooling" })).toContainText(
    // Her middle meeting (arms crossed, a negative reaction) reads negative: a polite
    // tone does not turn a "no" into "neutral".
    "Dana Whitlock: Reception fell over the last three meetings: +0.7 → −0.7 → −0.7",
  );
  await expect(page.locator(".meetings-log__list > li")).toHaveCount(4);
  await open(page, "#/partners/demo-p-02/meetings");
  await expect(page.getByRole("region", { name: "The room is cooling" })).toContainText(
    "a champion turning skeptical: latest reception −0.7",
  );
});
