// Where the wasm's bytes go, so a size regression shows where it came from.
//
// Reads the wasm as the compiler left it (before wasm-bindgen and wasm-opt strip its
// function names), attributes every function body to its crate — and, inside Tandem, to
// its screen or model layer — and prints the code and data sizes beside the shipped
// dist/ sizes (raw, gzip, brotli). Shares are of the unoptimised code; wasm-opt shrinks
// every part, so read them as proportions, not as the bytes a person downloads.
//
//   trunk build --release && node bench/size.mjs [wasm] [dist]
//   (defaults: $CARGO_TARGET_DIR or target, then wasm32-unknown-unknown/release/tandem.wasm; dist)
// Writes bench/out/size.json and prints Markdown tables.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { join } from "node:path";

const target = process.env.CARGO_TARGET_DIR ?? "target";
const wasmPath = process.argv[2] ?? join(target, "wasm32-unknown-unknown/release/tandem.wasm");
const dist = process.argv[3] ?? process.env.E2E_DIST ?? "dist";

/** Reads an unsigned LEB128 at `pos`; returns [value, next position]. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

function readName(bytes, pos) {
  const [len, start] = leb(bytes, pos);
  return [new TextDecoder().decode(bytes.subarray(start, start + len)), start + len];
}

/** The sections of a wasm module: function body sizes, function names, data size. */
function parse(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
  let pos = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  let custom = 0;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const end = start + size;
    if (id === 2) {
      // Imports: imported functions take the first function indices.
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        [, p] = readName(bytes, p);
        [, p] = readName(bytes, p);
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); imported++; }
        else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) { p += 2; }
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [len, body] = leb(bytes, p);
        bodies.push(len + (body - p));
        p = body + len;
      }
    } else if (id === 11) {
      data += size;
    } else if (id === 0) {
      const [name, p0] = readName(bytes, start);
      if (name === "name") {
        let p = p0;
        while (p < end) {
          const sub = bytes[p];
          const [subSize, subStart] = leb(bytes, p + 1);
          if (sub === 1) {
            let [count, q] = leb(bytes, subStart);
            for (let i = 0; i < count; i++) {
              let index;
              let fn;
              [index, q] = leb(bytes, q);
              [fn, q] = readName(bytes, q);
              names.set(index, fn);
            }
          }
          p = subStart + subSize;
        }
      } else {
        custom += size;
      }
    }
    pos = end;
  }
  return { imported, bodies, names, data, custom };
}

const ESCAPES = { $LT$: "<", $GT$: ">", $RF$: "&", $BP$: "*", $C$: ",", $LP$: "(", $RP$: ")", $SP$: "@", $u20$: " ", $u27$: "'", $u5b$: "[", $u5d$: "]", $u7b$: "{", $u7d$: "}", $u7e$: "~" };

/** The readable form of a symbol: legacy-mangled (`_ZN…E`) names are demangled. */
function demangle(symbol) {
  if (!symbol.startsWith("_ZN")) return symbol;
  const parts = [];
  let p = 3;
  while (p < symbol.length && symbol[p] !== "E") {
    const m = /^\d+/.exec(symbol.slice(p));
    if (!m) break;
    p += m[0].length;
    parts.push(symbol.slice(p, p + Number(m[0])));
    p += Number(m[0]);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? "")) parts.pop();
  return parts
    .map((part) => part.replace(/^_\$/, "$").replace(/\$(LT|GT|RF|BP|C|LP|RP|SP|u[0-9a-f]{2})\$/g, (e) => ESCAPES[e] ?? "?").replaceAll("..", "::"))
    .join("::");
}

/** The path a function's bytes are charged to: generic glue (`<T as Trait>`, `drop_in_place<X>`)
 * goes to the concrete type or, for a bare type parameter, to the trait's crate. */
function path(symbol) {
  if (symbol.startsWith("_R")) {
    // v0 mangling: the first crate root `C<disambiguator>_<len><name>` names the crate.
    const m = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(symbol);
    if (m) {
      const at = m.index + m[0].length;
      return [symbol.slice(at, at + Number(m[1]))];
    }
    return ["(unnamed)"];
  }
  let name = demangle(symbol);
  const glue = /^core::ptr::drop_in_place<(.*)>$/.exec(name);
  if (glue) name = glue[1];
  const impl = /^<+&?(?:mut |dyn |\*const |\*mut )*([^<> ]+)[^ ]*? as ([^<> ]+)/.exec(name);
  if (impl) name = /::/.test(impl[1]) ? impl[1] : impl[2];
  return name.replace(/^[<&*(\s]+/, "").split("::");
}

/** Groups Tandem's own code by screen (ui::<feature>) or model layer. */
function tandemPart(parts) {
  const [, area, feature, sub] = parts;
  if (area === "ui") return feature && !feature.startsWith("_") ? `ui/${feature}` : "ui";
  if (area === "model") return feature === "core" || !sub ? `model/${feature ?? ""}` : `model/${feature}`;
  return area ?? "(root)";
}

function table(title, rows, total) {
  const lines = [`\n### ${title}\n`, "| part | bytes | share |", "|---|---:|---:|"];
  for (const [name, bytes] of rows) lines.push(`| ${name} | ${bytes.toLocaleString("en")} | ${((bytes / total) * 100).toFixed(1)} % |`);
  return lines.join("\n");
}

function sorted(map, keep = 18) {
  const rows = [...map].sort((a, b) => b[1] - a[1]);
  if (rows.length <= keep) return rows;
  const rest = rows.slice(keep).reduce((sum, [, b]) => sum + b, 0);
  return [...rows.slice(0, keep), [`(${rows.length - keep} more)`, rest]];
}

async function shipped() {
  const out = [];
  for (const name of (await readdir(dist)).sort()) {
    if (/\.(br|gz)$/.test(name) || !/\.(wasm|js|css|html)$/.test(name)) continue;
    const bytes = await readFile(join(dist, name));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, br });
  }
  return out;
}

const bytes = await readFile(wasmPath);
const { imported, bodies, names, data, custom } = parse(bytes);
if (names.size === 0) throw new Error(`${wasmPath} has no function names: build it without stripping`);
const byCrate = new Map();
const byPart = new Map();
// Functions by their demangled name without the hash: the generic copies of one
// function (`deserialize<Partner>`, `deserialize<Market>`) stay apart, as they cost.
const byFunction = new Map();
let code = 0;
bodies.forEach((size, i) => {
  code += size;
  const symbol = names.get(i + imported) ?? "(unnamed)";
  const fn = demangle(symbol).replaceAll("|", "\\|");
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + size);
  const parts = path(symbol);
  const crate = /^__wbindgen|^__wbg/.test(parts[0]) ? "wasm-bindgen glue" : (parts[0] ?? "").replace(/[^\w-].*$/, "") || "(unnamed)";
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
  if (crate === "tandem") byPart.set(tandemPart(parts), (byPart.get(tandemPart(parts)) ?? 0) + size);
});
const own = byCrate.get("tandem") ?? 0;
const files = await shipped();

let md = `## Wasm size breakdown\n\nFrom \`${wasmPath}\` (${bytes.length.toLocaleString("en")} B before wasm-bindgen and wasm-opt): `;
md += `${bodies.length.toLocaleString("en")} functions, code ${code.toLocaleString("en")} B, data ${data.toLocaleString("en")} B, other custom sections ${custom.toLocaleString("en")} B.\n`;
md += "\n### Shipped (dist/)\n\n| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|\n";
for (const f of files) md += `| ${f.name} | ${f.raw.toLocaleString("en")} | ${f.gzip.toLocaleString("en")} | ${f.br.toLocaleString("en")} |\n`;
// The files the splitter cut out (scripts/split-hook.mjs) are fetched when their screen
// opens (and by the service worker, in the background, after the first screen is up).
const onDemand = (f) => /^(split|chunk)_.*\.wasm$/.test(f.name);
const sum = (k, keep = () => true) => files.filter(keep).reduce((s, f) => s + f[k], 0);
const row = (label, keep) => `| **${label}** | ${sum("raw", keep).toLocaleString("en")} | ${sum("gzip", keep).toLocaleString("en")} | ${sum("br", keep).toLocaleString("en")} |\n`;
md += row("first load", (f) => !onDemand(f));
md += row("on demand (split_*, chunk_*)", onDemand);
md += row("all files", () => true);
// What each split point fetches when first used: its own file and every chunk whose set
// of split points holds it (read from the loader the splitter wrote, `__wasm_split-*.js`).
const loaderFile = (await readdir(dist)).find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
const splitPoints = [];
if (loaderFile) {
  const js = await readFile(join(dist, loaderFile), "utf8");
  const chunkFile = new Map();
  for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) chunkFile.set(m[1], m[2]);
  for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\)/g)) {
    const own = /new URL\("\.\/([^"]+)"/.exec(m[2])?.[1];
    const deps = m[3].split(",").map((d) => d.trim()).filter(Boolean).map((d) => chunkFile.get(d));
    splitPoints.push({ name: m[1], files: [own, ...deps].filter(Boolean) });
  }
}
const fetched = (names) => ["raw", "gzip", "br"].map((k) => files.filter((f) => names.includes(f.name)).reduce((s, f) => s + f[k], 0));
if (splitPoints.length) {
  md += "\n### What each split point fetches when first used\n\n| split point | files | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|---:|\n";
  for (const sp of splitPoints.sort((a, b) => a.name.localeCompare(b.name))) {
    sp.bytes = fetched(sp.files);
    md += `| ${sp.name} | ${sp.files.length} | ${sp.bytes.map((b) => b.toLocaleString("en")).join(" | ")} |\n`;
  }
  const demo = splitPoints.find((sp) => sp.name === "demo_workspace");
  if (demo) {
    const first = ["raw", "gzip", "br"].map((k) => sum(k, (f) => !onDemand(f)));
    md += `\nA first visit (the demo): the first load and demo_workspace's ${demo.files.length} files, ${first.map((b, i) => (b + demo.bytes[i]).toLocaleString("en")).join(" / ")} B raw / gzip / brotli.\n`;
  }
}
md += table("Code by crate", sorted(byCrate), code);
md += table(`Tandem's own code (${own.toLocaleString("en")} B) by screen and layer`, sorted(byPart, 30), own);
md += table("Largest functions", sorted(byFunction, 25), code);
console.log(md);
await mkdir("bench/out", { recursive: true });
await writeFile("bench/out/size.json", JSON.stringify({ wasm: wasmPath, code, data, custom, files,
  firstLoad: { raw: sum("raw", (f) => !onDemand(f)), gzip: sum("gzip", (f) => !onDemand(f)), br: sum("br", (f) => !onDemand(f)) },
  onDemand: { raw: sum("raw", onDemand), gzip: sum("gzip", onDemand), br: sum("br", onDemand) },
  splitPoints: splitPoints.map(({ name, files: f, bytes: [raw, gzip, br] }) => ({ name, files: f, raw, gzip, br })),
  crates: Object.fromEntries(sorted(byCrate, 1000)), tandem: Object.fromEntries(sorted(byPart, 1000)),
  functions: Object.fromEntries(sorted(byFunction, 300)) }, null, 2));
