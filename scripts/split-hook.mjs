// Build step (run by scripts/post-build.mjs, first): cuts the screens marked `#[lazy]`
// (src/ui/lazy.rs) out of the wasm into files fetched on demand (docs/WASM-SPLIT.md).
//
// The split has to happen before wasm-bindgen, which Trunk runs itself (Trunk cannot
// split: its issue #1022). So this step starts again from the wasm cargo left in its
// target folder, and replaces Trunk's `tandem-<hash>.js` and `tandem-<hash>_bg.wasm`
// in the staging folder with the split result, under the same names:
//
//   1. tandem-wasm-split (the `wasm_split_cli_support` crate cargo-leptos uses, vendored
//      in tools/wasm-split with options added) writes the main module, one
//      `split_<screen>.wasm` per split point, one `chunk_<n>.wasm` per set of split points
//      that share code (small ones merged, `--min-chunk-size`), and `__wasm_split.js`, the
//      loader the main module imports, which fetches with a split point's file the chunks
//      whose set holds it, all at once; it fetches a file with `fetch(new URL("./split_….wasm",
//      import.meta.url))`, so chunks load from wherever the app is hosted (any sub-path),
//      from our own origin (the policy's connect-src 'self'), with no inline script;
//   2. wasm-bindgen on the main module (keeping the linker's exports, which the chunks
//      import);
//   3. wasm-opt on every wasm file (release only), with the level and features below.
//      index.html turns Trunk's own wasm-opt off (data-wasm-opt="0"): it would optimise
//      the unsplit wasm, which this step throws away;
//   4. every chunk and the loader get a content hash in their names, so a host may cache
//      them for ever; the references are rewritten, and index.html's integrity
//      attributes for the two replaced files are recomputed.
//
// The service worker (offline-hook.mjs, run after this) precaches every file of the
// build, the chunks included, so every screen opens offline after one visit.
//
// A wasm without split points (no `#[lazy]` function) only gets the wasm-opt pass.
// Only Node built-ins, plus the three tools on PATH that scripts/setup.sh installs.
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { promisify } from "node:util";
import { join } from "node:path";

/** The import module name wasm_split_macros gives every split point's loader. */
const PLACEHOLDER = "__wasm_split_placeholder__";
const LOADER = "__wasm_split.js";
/**
 * Chunks of code shared by a set of split points smaller than this (bytes of code and
 * data before wasm-opt) are merged into the chunk that adds the fewest bytes fetched
 * (tools/wasm-split, `--min-chunk-size`). 8,000 B gave about 40 files instead of 270
 * for each screen's few extra KB (bench/RESULTS.md).
 */
const MIN_CHUNK_SIZE = 8000;

const digest = (algorithm, bytes, encoding) => createHash(algorithm).update(bytes).digest(encoding);
const short = (bytes) => digest("sha256", bytes, "hex").slice(0, 16);

function run(tool, args) {
  try {
    return execFileSync(tool, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (e) {
    const why = e.code === "ENOENT" ? `${tool} is not installed (scripts/setup.sh installs it)` : `${e.stderr || e.message}`;
    throw new Error(`split-hook: ${tool} failed: ${why}`);
  }
}

/** Runs `tool` once per argument list, as many at once as there are cores. */
async function runAll(tool, argLists) {
  const queue = [...argLists];
  const worker = async () => {
    for (let args = queue.shift(); args; args = queue.shift()) {
      try {
        await promisify(execFile)(tool, args);
      } catch (e) {
        throw new Error(`split-hook: ${tool} failed: ${e.stderr || e.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
}

/** Cargo's target folder, as cargo itself resolves it (CARGO_TARGET_DIR, config, default). */
function cargoTargetDir() {
  if (process.env.CARGO_TARGET_DIR) return process.env.CARGO_TARGET_DIR;
  const meta = JSON.parse(run("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"]));
  return meta.target_directory;
}

/**
 * wasm-opt's level and flags. The features are those the wasm uses (index.html's
 * data-wasm-opt-params, which Trunk ignores while its own pass is off); the level is
 * ours, since index.html's data-wasm-opt is "0" to keep Trunk's pass off.
 */
const OPT_LEVEL = "-Oz";
function wasmOptArgs(indexHtml) {
  const link = indexHtml.match(/<link\b[^>]*data-trunk[^>]*rel="rust"[^>]*>/i)?.[0] ?? "";
  const params = link.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "";
  // TANDEM_WASM_NAMES=1 keeps the functions' names (wasm-opt --debuginfo), so a profile
  // of a release build names the Rust functions (bench/breakdown.mjs); a few hundred KB more.
  const names = process.env.TANDEM_WASM_NAMES === "1" ? ["--debuginfo"] : [];
  return [OPT_LEVEL, ...params.split(/\s+/).filter(Boolean), ...names];
}

/** Recomputes the integrity attributes index.html gives `files` (rewritten since Trunk wrote them). */
function updateIntegrity(staging, files) {
  const htmlPath = join(staging, "index.html");
  let html = readFileSync(htmlPath, "utf8");
  for (const file of files) {
    const sri = `sha384-${digest("sha384", readFileSync(join(staging, file)), "base64")}`;
    const tag = new RegExp(`(<link\\b[^>]*href="[^"]*${file.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(html)) throw new Error(`split-hook: index.html has no integrity for ${file}`);
    html = html.replace(tag, `$1${sri}$2`);
  }
  writeFileSync(htmlPath, html);
}

/**
 * Splits `staging`'s app. `profile` is "release" or "debug"; `source` is the folder of
 * the template index.html. Returns a summary, or null when the wasm has no split points.
 */
export async function splitApp({ staging, profile, source = process.cwd() }) {
  const js = readdirSync(staging).filter((f) => /^tandem-[0-9a-f]+\.js$/.test(f));
  if (js.length !== 1) throw new Error(`split-hook: expected one tandem-<hash>.js in ${staging}, found ${js.length}`);
  const stem = js[0].slice(0, -3);
  const wasmIn = join(cargoTargetDir(), "wasm32-unknown-unknown", profile, "tandem.wasm");
  if (!existsSync(wasmIn)) throw new Error(`split-hook: no ${wasmIn}; did cargo build it?`);
  const input = readFileSync(wasmIn);
  if (!input.includes(PLACEHOLDER)) {
    if (profile === "release") {
      const wasm = join(staging, `${stem}_bg.wasm`);
      run("wasm-opt", [...wasmOptArgs(readFileSync(join(source, "index.html"), "utf8")), wasm, "-o", wasm]);
      updateIntegrity(staging, [`${stem}_bg.wasm`]);
    }
    return null;
  }

  const work = mkdtempSync(join(tmpdir(), "tandem-split-"));
  try {
    const split = join(work, "split");
    const bound = join(work, "bound");
    // 1. Split. The main module is named as Trunk named it, so the loader's
    // `import { initSync } from "./tandem-<hash>.js"` finds it.
    run("tandem-wasm-split", [wasmIn, split, "--target", "web", "--out-name", stem, "--min-chunk-size", String(MIN_CHUNK_SIZE)]);
    // 2. Bindings for the main module only; the chunks talk to it through the loader.
    run("wasm-bindgen", ["--target=web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
      `--out-dir=${bound}`, `--out-name=${stem}`, join(split, `${stem}.wasm`)]);
    const chunks = readdirSync(split).filter((f) => f.endsWith(".wasm") && f !== `${stem}.wasm`);
    const wasmFiles = [join(bound, `${stem}_bg.wasm`), ...chunks.map((f) => join(split, f))];
    // 3. Optimise each file as Trunk would have optimised the whole.
    if (profile === "release") {
      const opt = wasmOptArgs(readFileSync(join(source, "index.html"), "utf8"));
      // The main module first (the longest), then the chunks, a core each.
      await runAll("wasm-opt", wasmFiles.map((file) => [...opt, file, "-o", file]));
    }
    // 4. Content-hashed names for the chunks and the loader.
    let loader = readFileSync(join(split, LOADER), "utf8");
    const written = [];
    for (const chunk of chunks) {
      const bytes = readFileSync(join(split, chunk));
      const named = `${chunk.slice(0, -5)}-${short(bytes)}.wasm`;
      const ref = `"./${chunk}"`;
      if (!loader.includes(ref)) throw new Error(`split-hook: ${LOADER} does not name ${chunk}`);
      loader = loader.replaceAll(ref, `"./${named}"`);
      writeFileSync(join(staging, named), bytes);
      written.push({ file: named, bytes: bytes.length });
    }
    const loaderName = `__wasm_split-${short(loader)}.js`;
    writeFileSync(join(staging, loaderName), loader);
    let glue = readFileSync(join(bound, `${stem}.js`), "utf8");
    // wasm-bindgen writes one `import * as importN from "./__wasm_split.js"` per import.
    const from = /(from\s*["'])\.\/__wasm_split\.js(["'])/g;
    if (!from.test(glue)) throw new Error(`split-hook: ${stem}.js does not import ./${LOADER}`);
    glue = glue.replace(from, `$1./${loaderName}$2`);
    writeFileSync(join(staging, `${stem}.js`), glue);
    copyFileSync(join(bound, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));

    // index.html's preload links carry Trunk's integrity hashes of the files replaced.
    updateIntegrity(staging, [`${stem}.js`, `${stem}_bg.wasm`]);
    return {
      main: readFileSync(join(staging, `${stem}_bg.wasm`)).length,
      loader: loaderName,
      chunks: written,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  const profile = process.env.TRUNK_PROFILE === "debug" ? "debug" : "release";
  const result = await splitApp({ staging, profile, source: process.env.TRUNK_SOURCE_DIR ?? process.cwd() });
  console.log(JSON.stringify(result));
}
