// The partner table's search keystroke, clearing it and a sort at 2,000 partners, each
// repeated (`rounds` times on one page, after one load): tells a first-time cost (the
// first search after load) from the steady cost of each later one. Times as in run.mjs:
// from the event to the next frame plus one task; each action checked.
//
//   E2E_DIST=<dist> BENCH_PORT=<port> node bench/repeat.mjs [rounds=4] [n=2000]
import { start } from "../scripts/chromium.mjs";
import { largeFile } from "./large.mjs";
import { storeItems } from "./seed.mjs";

const rounds = Number(process.argv[2] ?? 4);
const n = Number(process.argv[3] ?? 2000);
const items = storeItems(largeFile(n, n >= 2000 ? 5 : 10));
const { base, browser, stop } = await start(Number(process.env.BENCH_PORT ?? 4199));
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(base + "#/data");
  await page.evaluate((items) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  await page.goto("about:blank");
  await page.goto(base + "#/partners");
  await page.locator("tbody tr").last().waitFor();
  const timed = (name, arg) =>
    page.evaluate(async ([name, arg]) => {
      const start = performance.now();
      if (name === "sort") {
        document.querySelectorAll("th button.sort")[arg].click();
      } else {
        const i = document.querySelector("input[type=search]");
        i.value = arg;
        i.dispatchEvent(new Event("input", { bubbles: true }));
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return {
        ms: Math.round((performance.now() - start) * 10) / 10,
        count: document.querySelector("p.count").textContent,
        first: document.querySelector("tbody th")?.textContent,
      };
    }, [name, arg]);
  const out = { search: [], clear: [], sort: [] };
  let last = null;
  for (let r = 0; r < rounds; r++) {
    const s = await timed("search", "Partner 01");
    if (!/Showing 40 of/.test(s.count)) throw new Error(`the search did not filter: ${s.count}`);
    out.search.push(s.ms);
    const c = await timed("clear", "");
    if (!/Showing the first 50 of 2,?000|Showing 50 of/.test(c.count) && (await page.locator("tbody tr").count()) !== 50) throw new Error(`not cleared: ${c.count}`);
    out.clear.push(c.ms);
    const o = await timed("sort", 3);
    if (o.first === last) throw new Error("the sort did not change the first row");
    last = o.first;
    out.sort.push(o.ms);
  }
  console.log(JSON.stringify(out));
} finally {
  await stop();
}
