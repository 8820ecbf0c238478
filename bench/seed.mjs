// How the benchmark and the profiler seed local storage with a Tandem file: as the app
// stores it (the manifest, its pages and compact entries of docs/FORMAT.md, "Local storage"), or as
// the single `tandem.workspace` key of builds before the per-partner store.
import { deflateRawSync } from "node:zlib";

/** One record in the compact stored form: raw deflate of its JSON, 15 bits a character. */
export function compact(json) {
  const bytes = deflateRawSync(Buffer.from(json), { level: 1 });
  let out = "~";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    if (bits >= 15) {
      bits -= 15;
      out += String.fromCharCode(0x100 + ((acc >> bits) & 0x7fff));
    }
    acc &= (1 << bits) - 1;
  }
  const pad = bits > 0 ? 15 - bits : 0;
  if (bits > 0) out += String.fromCharCode(0x100 + ((acc << pad) & 0x7fff));
  return out + String.fromCharCode(0x100 + pad);
}

/** The local-storage items that hold a Tandem file's workspace. */
export function storeItems(file, legacy = false) {
  if (legacy) return { "tandem.workspace": JSON.stringify(file) };
  const { partners, ...rest } = file.workspace;
  const items = { "tandem.r.bench": compact(JSON.stringify(rest)) };
  const keys = partners.map((p) => {
    items[`tandem.p.${p.id}.bench`] = compact(JSON.stringify(p));
    return `tandem.p.${p.id}.bench`;
  });
  // BENCH_STORE=layout1 seeds the manifest naming every entry (builds before the pages).
  if (process.env.BENCH_STORE === "layout1") {
    items["tandem.store"] = JSON.stringify({ store: "tandem", version: 1, format: file.version, saved_at: file.saved_at,
      rest: "tandem.r.bench", partners: keys });
    return items;
  }
  // Layout 2: pages cut where the app cuts them, so the first save rewrites none.
  const pages = [];
  let page = [];
  partners.forEach((p, i) => {
    page.push(keys[i]);
    if (endsPage(p.id) || page.length >= 128) { pages.push(page); page = []; }
  });
  if (page.length) pages.push(page);
  const pageKeys = pages.map((list, n) => {
    items[`tandem.m.bench.${n}`] = JSON.stringify(list);
    return `tandem.m.bench.${n}`;
  });
  items["tandem.store"] = JSON.stringify({ store: "tandem", version: 2, format: file.version, saved_at: file.saved_at,
    rest: "tandem.r.bench", pages: pageKeys });
  return items;
}

/** Whether a page of the store ends after partner `id` (`ends_page` in src/model/formats/store.rs). */
function endsPage(id) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(id)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return (h >> 40n) % 32n === 0n;
}


/**
 * Opens a fresh page of `browser` with local storage holding `items`, left on
 * about:blank so the next navigation loads the app from that storage (the benchmarks'
 * and the profilers' common start).
 */
export async function seededPage(browser, base, items, bypassCSP = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP });
  const page = await context.newPage();
  await page.goto(base + "#/data");
  await page.locator("h1").first().waitFor();
  await page.evaluate((items) => { localStorage.clear(); for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }, items);
  await page.goto("about:blank");
  return { context, page };
}

/**
 * Picks `text` as a file on the Data screen (the page is there) and times it from the
 * pick to the frame painted with the import dialog's merge preview, then cancels, which
 * changes nothing: `{ ms, preview }` (the preview's text, for the caller's check).
 */
export async function timedImport(page, text) {
  const imported = await page.evaluate(pickToPreview, text);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  return imported;
}

// Runs in the page (a real function: the page's policy forbids `new Function`).
async function pickToPreview(text) {
  const input = document.querySelector("#import-file");
  const files = new DataTransfer();
  files.items.add(new File([text], "colleague.json", { type: "application/json" }));
  const start = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  const shown = () => document.querySelector("dialog[open] .preview");
  while (!shown()) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - start, preview: shown().textContent };
}
