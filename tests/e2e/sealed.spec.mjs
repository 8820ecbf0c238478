// Passphrase-protected export and import (src/model/sealed.rs, src/storage/crypto.rs):
// the file hides everything, opens only with its passphrase, and a wrong passphrase, a
// changed file or a hostile envelope changes nothing. Node's own Web Crypto checks the
// file against the documented format (PBKDF2-SHA-256, 600,000 rounds, AES-256-GCM),
// independently of the app.
import { webcrypto } from "node:crypto";
import {
  test, expect, open, watch, storedText, storedWorkspace, downloadText, chooseImportFile,
  expectSameText,
} from "./fixtures.mjs";

const PASSPHRASE = "correct horse battery staple";
const WRONG = "The passphrase is wrong, or the file was changed after it was protected.";
const dialog = (page) => page.getByRole("dialog");
const previewCount = (page, group) => dialog(page).locator(`details.preview__group--${group} > summary`);

// ---------------------------------------------------------------------------------
// The format, outside the app.

async function derive(passphrase, salt, iterations, usage, version) {
  const { subtle } = webcrypto;
  // Version 2 derives from the passphrase in Unicode NFC; version 1 from it as typed.
  const secret = version >= 2 ? passphrase.normalize("NFC") : passphrase;
  const base = await subtle.importKey("raw", new TextEncoder().encode(secret), "PBKDF2", false, ["deriveKey"]);
  return subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base, { name: "AES-GCM", length: 256 }, false, [usage],
  );
}

/** Version 2's additional authenticated data: the header, compact, in the documented order. */
function header(env) {
  const { format, version, kdf, cipher } = env;
  return new TextEncoder().encode(JSON.stringify({
    format, version,
    kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
    cipher: { name: cipher.name, nonce: cipher.nonce },
  }));
}

/** AES-GCM's parameters for an envelope of its version. */
function gcm(env) {
  const iv = Buffer.from(env.cipher.nonce, "base64");
  return env.version >= 2 ? { name: "AES-GCM", iv, additionalData: header(env) } : { name: "AES-GCM", iv };
}

/** Decrypts a sealed file's text as the format describes. */
async function nodeOpen(text, passphrase) {
  const env = JSON.parse(text);
  const key = await derive(passphrase, Buffer.from(env.kdf.salt, "base64"), env.kdf.iterations, "decrypt", env.version);
  const plain = await webcrypto.subtle.decrypt(gcm(env), key, Buffer.from(env.ciphertext, "base64"));
  return new TextDecoder().decode(plain);
}

/** Seals `plaintext` as the format describes, in envelope `version` (2 by default, 1 as older Tandems wrote). */
async function nodeSeal(plaintext, passphrase, version = 2) {
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const nonce = webcrypto.getRandomValues(new Uint8Array(12));
  const key = await derive(passphrase, salt, 600_000, "encrypt", version);
  const env = {
    format: "tandem-sealed", version,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: 600_000, salt: Buffer.from(salt).toString("base64") },
    cipher: { name: "AES-GCM", nonce: Buffer.from(nonce).toString("base64") },
  };
  const ciphertext = await webcrypto.subtle.encrypt(gcm(env), key, new TextEncoder().encode(plaintext));
  return JSON.stringify({ ...env, ciphertext: Buffer.from(ciphertext).toString("base64") });
}

// ---------------------------------------------------------------------------------
// The app.

/** Ticks "Protect with a passphrase" and types the passphrase and its confirmation. */
async function choosePassphrase(page, passphrase, confirm = passphrase) {
  await page.getByRole("checkbox", { name: "Protect with a passphrase" }).check();
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await page.getByLabel("Confirm passphrase").fill(confirm);
}

/** Exports the whole workspace protected by `passphrase`; returns the download, its text and the time it took. */
async function exportProtected(page, passphrase = PASSPHRASE) {
  await open(page, "#/data");
  await choosePassphrase(page, passphrase);
  // The key derivation takes a moment, and says so: watched by an observer, since on
  // a fast machine the moment can be shorter than a Playwright poll.
  await page.evaluate(() => {
    window.sawProtecting = false;
    new MutationObserver(() => {
      if (document.getElementById("export-status")?.textContent.includes("Protecting…")) window.sawProtecting = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  const result = await downloadText(page, () => page.getByRole("button", { name: "Export whole workspace" }).click());
  const ms = Date.now() - started;
  expect(await page.evaluate(() => window.sawProtecting), "“Protecting…” shown while the key is derived").toBe(true);
  return { ...result, ms };
}

/** Picks a sealed file and types its passphrase into the dialog that asks for it. */
async function unseal(page, name, text, passphrase) {
  await chooseImportFile(page, name, text);
  await expect(dialog(page).getByRole("heading")).toHaveText(`Open ${name}`);
  await dialog(page).getByLabel("Passphrase").fill(passphrase);
  await dialog(page).getByRole("button", { name: "Open" }).click();
}

test("a protected export hides every name and opens in another profile with its passphrase", async ({ page, browser, baseURL }) => {
  await open(page);
  // An edit first, so the export is not just the demo the other profile starts with.
  await page.getByLabel("New partner name").fill("Sealed Only");
  await page.getByRole("button", { name: "Add partner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sealed Only");
  const ours = await storedWorkspace(page);

  const { download, text, ms } = await exportProtected(page);
  test.info().annotations.push({ type: "protect (key derivation + encryption), ms", description: String(ms) });
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-\d{4}-\d{2}-\d{2}\.tandem-sealed\.json$/);
  const env = JSON.parse(text);
  expect(Object.keys(env)).toEqual(["format", "version", "kdf", "cipher", "ciphertext"]);
  expect(env).toMatchObject({
    format: "tandem-sealed", version: 2,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: 600_000 },
    cipher: { name: "AES-GCM" },
  });
  expect(Buffer.from(env.kdf.salt, "base64")).toHaveLength(16);
  expect(Buffer.from(env.cipher.nonce, "base64")).toHaveLength(12);
  // Nothing readable leaks: no partner, key player, market or program name.
  const names = [
    ours.program_name, ...ours.markets.map((m) => m.name),
    ...ours.partners.flatMap((p) => [p.name, ...p.key_players.map((k) => k.name)]),
  ];
  expect(names.length).toBeGreaterThan(30);
  for (const name of names) expect(text, name).not.toContain(name);
  // The passphrase is not kept once the export is done.
  await expect(page.getByLabel("Passphrase", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Confirm passphrase")).toHaveValue("");

  // The format, checked outside the app: inside is the Tandem file of the workspace.
  const inside = JSON.parse(await nodeOpen(text, PASSPHRASE));
  expect(inside).toMatchObject({ format: "tandem", version: 3, scope: "workspace" });
  expect(inside.workspace).toEqual(ours);

  // A new, empty browser profile opens it with the passphrase.
  const context = await browser.newContext({ baseURL });
  try {
    const other = await context.newPage();
    const problems = watch(other, new URL(baseURL).origin);
    await open(other);
    await expect(other.locator("tbody tr")).toHaveCount(13);
    await unseal(other, download.suggestedFilename(), text, PASSPHRASE);
    await expect(dialog(other).getByRole("heading")).toHaveText(`Import ${download.suggestedFilename()}`);
    await expect(dialog(other)).toContainText("holding a whole workspace");
    await dialog(other).getByRole("radio", { name: /Replace/ }).check();
    await expect(previewCount(other, "added")).toHaveText("1 added");
    await dialog(other).getByRole("button", { name: "Replace my workspace" }).click();
    await expect(dialog(other)).toHaveCount(0);
    await expect.poll(() => storedWorkspace(other)).toEqual(ours);
    await other.goto("./#/partners");
    await expect(other.locator("tbody tr")).toHaveCount(14);
    expect(problems, "console errors, page errors or foreign requests in the second profile").toEqual([]);
  } finally {
    await context.close();
  }
});

test("a wrong passphrase is refused in the dialog, changes nothing, and can be retried", async ({ page }) => {
  const { download, text } = await exportProtected(page);
  const before = await storedText(page);
  const name = download.suggestedFilename();

  await unseal(page, name, text, "not the passphrase");
  await expect(dialog(page).getByRole("alert")).toContainText(WRONG);
  await expect(dialog(page)).toContainText("Your workspace has not changed.");
  // Still asking, with the field emptied and focused for another try.
  await expect(dialog(page).getByRole("heading")).toHaveText(`Open ${name}`);
  await expect(dialog(page).getByLabel("Passphrase")).toHaveValue("");
  await expect(dialog(page).getByLabel("Passphrase")).toBeFocused();
  await expect(dialog(page).getByLabel("Passphrase")).toHaveAttribute("aria-invalid", "true");
  expectSameText(await storedText(page), before);

  // The right one, typed next, opens the preview.
  await dialog(page).getByLabel("Passphrase").fill(PASSPHRASE);
  await dialog(page).getByRole("button", { name: "Open" }).click();
  await expect(dialog(page).getByRole("heading")).toHaveText(`Import ${name}`);
  await expect(dialog(page)).toContainText("Importing this file would change nothing.");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expectSameText(await storedText(page), before);

  // Cancel and Escape close the passphrase dialog, changing nothing.
  await chooseImportFile(page, name, text);
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await chooseImportFile(page, name, text);
  await expect(dialog(page).getByLabel("Passphrase")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toHaveCount(0);
  expectSameText(await storedText(page), before);
});

test("a protected file with one ciphertext character changed is refused and changes nothing", async ({ page }) => {
  const { download, text } = await exportProtected(page);
  const before = await storedText(page);
  const env = JSON.parse(text);
  const i = Math.floor(env.ciphertext.length / 2);
  const flipped = env.ciphertext[i] === "A" ? "B" : "A";
  env.ciphertext = env.ciphertext.slice(0, i) + flipped + env.ciphertext.slice(i + 1);
  const tampered = JSON.stringify(env, null, 2);

  // Dropped this time, rather than picked.
  await page.evaluate(([t, name]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], name, { type: "application/json" }));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [tampered, download.suggestedFilename()]);
  await dialog(page).getByLabel("Passphrase").fill(PASSPHRASE);
  await dialog(page).getByRole("button", { name: "Open" }).click();
  await expect(dialog(page).getByRole("alert")).toContainText(WRONG);
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expectSameText(await storedText(page), before);
});

test("hostile iteration counts are refused by name at once, before any passphrase is asked", async ({ page }) => {
  await open(page, "#/data");
  const before = await storedText(page);
  const sealed = await nodeSeal(before, PASSPHRASE);
  const cases = [
    [sealed.replace('"iterations":600000', '"iterations":1000'),
      'This protected file asks for only 1,000 rounds of key derivation ("kdf.iterations"); Tandem requires at least 600,000'],
    [sealed.replace('"iterations":600000', '"iterations":1e9'),
      'This protected file asks for 1,000,000,000 rounds of key derivation ("kdf.iterations"); Tandem allows at most 10,000,000'],
    [sealed.replace('"iterations":600000', '"iterations":1000000000'),
      "asks for 1,000,000,000 rounds"],
  ];
  for (const [text, message] of cases) {
    expect(text).not.toBe(sealed);
    const started = Date.now();
    await chooseImportFile(page, "hostile.tandem-sealed.json", text);
    await expect(dialog(page).getByRole("heading")).toHaveText("Import hostile.tandem-sealed.json");
    await expect(dialog(page).getByRole("alert")).toContainText(message);
    expect(Date.now() - started, "refused without deriving a key").toBeLessThan(3000);
    await expect(dialog(page).getByLabel("Passphrase")).toHaveCount(0);
    await dialog(page).getByRole("button", { name: "Close" }).click();
    await expect(dialog(page)).toHaveCount(0);
  }
  // The page stayed responsive throughout, and nothing changed.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(13);
  expectSameText(await storedText(page), before);
});

for (const version of [1, 2]) {
  test(`a file sealed outside Tandem to the documented format, version ${version}, opens`, async ({ page }) => {
    await open(page, "#/data");
    const ours = await storedWorkspace(page);
    const incoming = structuredClone(ours);
    incoming.partners = incoming.partners.slice(0, 2);
    const plaintext = JSON.stringify({ format: "tandem", version: 1, scope: "partners", saved_at: "2026-11-23T10:00:00Z", workspace: incoming });
    await unseal(page, "from-node.tandem-sealed.json", await nodeSeal(plaintext, "ünïcödé passphrase 🔑", version), "ünïcödé passphrase 🔑");
    await expect(dialog(page)).toContainText("holding a selection of partners");
    await expect(previewCount(page, "unchanged")).toHaveText("2 unchanged");
    await dialog(page).getByRole("button", { name: "Cancel" }).click();
  });
}

test("the header is authenticated: relabelled as version 1 or given other rounds, the file is refused", async ({ page }) => {
  const { text } = await exportProtected(page);
  const before = await storedText(page);
  const relabelled = JSON.parse(text);
  relabelled.version = 1;
  const reroundedEnv = JSON.parse(text);
  reroundedEnv.kdf.iterations = 600_001;
  for (const [name, env] of [["relabelled", relabelled], ["rerounded", reroundedEnv]]) {
    // The envelope itself is in bounds: only GCM's check can catch it.
    await unseal(page, `${name}.tandem-sealed.json`, JSON.stringify(env, null, 2), PASSPHRASE);
    await expect(dialog(page).getByRole("alert")).toContainText(WRONG);
    await dialog(page).getByRole("button", { name: "Cancel" }).click();
    await expect(dialog(page)).toHaveCount(0);
  }
  expectSameText(await storedText(page), before);
  // Node, reading the header as the format says, refuses it too.
  await expect(nodeOpen(JSON.stringify(relabelled), PASSPHRASE)).rejects.toThrow();
});

test("a passphrase typed composed opens the file when typed decomposed (NFC)", async ({ page }) => {
  const composed = "crème brûlée à l'été 2026";
  const decomposed = composed.normalize("NFD");
  expect(decomposed).not.toBe(composed);
  const { download, text } = await exportProtected(page, composed);
  // The key is derived from the NFC form: Node opens it with either spelling.
  expect(JSON.parse(await nodeOpen(text, decomposed)).format).toBe("tandem");
  await unseal(page, download.suggestedFilename(), text, decomposed);
  await expect(dialog(page)).toContainText("holding a whole workspace");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
});

test("chosen partners export protected, and open as a selection", async ({ page }) => {
  await open(page, "#/data");
  await choosePassphrase(page, PASSPHRASE);
  await page.getByText("Export chosen partners").click();
  await page.getByRole("checkbox", { name: "Hearthpod" }).check();
  await page.getByRole("checkbox", { name: "Swervo" }).check();
  const { download, text } = await downloadText(page, () =>
    page.getByRole("button", { name: "Export 2 chosen partners" }).click());
  expect(download.suggestedFilename()).toMatch(/^tandem-riffly-partnerships-2027-2-partners-\d{4}-\d{2}-\d{2}\.tandem-sealed\.json$/);
  expect(text).not.toContain("Hearthpod");
  const inside = JSON.parse(await nodeOpen(text, PASSPHRASE));
  expect(inside.workspace.partners.map((p) => p.name)).toEqual(["Hearthpod", "Swervo"]);

  await unseal(page, download.suggestedFilename(), text, PASSPHRASE);
  await expect(dialog(page)).toContainText("holding a selection of partners");
  await expect(previewCount(page, "unchanged")).toHaveText("2 unchanged");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
});

test("a mismatched or short passphrase is pointed out by its field, and nothing downloads", async ({ page }) => {
  await open(page, "#/data");
  let downloads = 0;
  page.on("download", () => downloads++);
  const passphrase = page.getByLabel("Passphrase", { exact: true });
  const confirm = page.getByLabel("Confirm passphrase");
  const exportButton = page.getByRole("button", { name: "Export whole workspace" });

  await choosePassphrase(page, "long enough phrase", "long enough phrasE");
  await expect(passphrase).toHaveAttribute("type", "password");
  await expect(passphrase).toHaveAttribute("autocomplete", "new-password");
  await exportButton.click();
  await expect(page.locator("#export-passphrase-confirm-error")).toHaveText(
    "The two passphrases differ: type the same one in both fields.");
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toBeFocused();
  await expect(passphrase).not.toHaveAttribute("aria-invalid", "true");

  await choosePassphrase(page, "short", "short");
  await exportButton.click();
  await expect(page.locator("#export-passphrase-error")).toHaveText("The passphrase has 5 characters; use at least 12.");
  await expect(passphrase).toBeFocused();
  // The fields keep what was typed until an export happens.
  await expect(passphrase).toHaveValue("short");

  // Fixed, the message goes as the person types.
  await passphrase.fill("a good long phrase");
  await expect(page.locator("#export-passphrase-error")).toHaveText("");
  await expect(page.locator("#export-passphrase-confirm-error")).toHaveText(
    "The two passphrases differ: type the same one in both fields.");
  // The export starts ("Protecting…") in the same click that would have refused it:
  // never started, nothing can download.
  await expect(page.locator("#export-status")).not.toContainText("Protecting");
  expect(downloads, "no download while the passphrase is refused").toBe(0);

  // Unticking the box exports an ordinary file again.
  await page.getByRole("checkbox", { name: "Protect with a passphrase" }).uncheck();
  await expect(passphrase).toHaveCount(0);
  const { download, text } = await downloadText(page, () => exportButton.click());
  expect(download.suggestedFilename()).not.toContain("sealed");
  expect(JSON.parse(text).format).toBe("tandem");
});

test("without Web Crypto (an insecure page) protection says why, and nothing else happens", async ({ page }) => {
  // What browsers do on plain http from another host: no crypto.subtle.
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, "subtle", { get: () => undefined }));
  await open(page, "#/data");
  const before = await storedText(page);
  await page.getByRole("checkbox", { name: "Protect with a passphrase" }).check();
  const card = page.locator("section.card").filter({ has: page.getByRole("heading", { name: "Export", exact: true }) });
  await expect(card.getByRole("alert")).toContainText("only to secure pages");
  await expect(card.getByRole("alert")).toContainText("https://");
  await expect(page.getByRole("button", { name: "Export whole workspace" })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Protect with a passphrase" }).uncheck();
  await expect(page.getByRole("button", { name: "Export whole workspace" })).toBeEnabled();

  // A protected file still announces itself, and the dialog says why it cannot open it.
  await unseal(page, "colleague.tandem-sealed.json", await nodeSeal(before, PASSPHRASE), PASSPHRASE);
  await expect(dialog(page).getByRole("alert")).toContainText("only to secure pages");
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expectSameText(await storedText(page), before);
});
