// Trunk's post_build hook (Trunk.toml): the build steps that work on Trunk's output, in
// order. Trunk starts all hooks of a stage at once, so steps that depend on each
// other's output run from this one script:
//
//   1. split-hook.mjs    cuts the lazily loaded screens out of the wasm (docs/WASM-SPLIT.md);
//   2. csp-hook.mjs      moves the inline loader into a file and adds the policy;
//   3. offline-hook.mjs  writes sw.js, precaching the finished files (index.html included);
//   4. compress-hook.mjs writes .br and .gz beside every file, sw.js included.
//
// Only Node built-ins; each step also runs alone on a directory (see its header).
import { writeServiceWorker } from "./offline-hook.mjs";
import { compressDir } from "./compress-hook.mjs";
import { splitApp } from "./split-hook.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run this through `trunk build` (see Trunk.toml).");
  process.exit(1);
}
const profile = process.env.TRUNK_PROFILE === "debug" ? "debug" : "release";
const split = await splitApp({ staging, profile, source: process.env.TRUNK_SOURCE_DIR ?? process.cwd() });
if (split) {
  const total = split.chunks.reduce((sum, c) => sum + c.bytes, 0);
  console.log(`split-hook: main wasm ${split.main} bytes; ${split.chunks.length} on-demand files, ${total} bytes.`);
} else {
  console.log("split-hook: no #[lazy] split points in the wasm; left as Trunk built it.");
}
await import("./csp-hook.mjs");
const { version, files } = writeServiceWorker(staging);
console.log(`offline-hook: sw.js version ${version} precaches ${files.length} files.`);
const rows = compressDir(staging);
const total = (k) => rows.reduce((s, r) => s + (r[k] ?? r.raw), 0);
console.log(`compress-hook: ${rows.length} files, ${total("raw")} bytes → ${total("br")} brotli, ${total("gz")} gzip.`);
