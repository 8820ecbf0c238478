// Build step (run by scripts/post-build.mjs, after the policy hook): writes the service
// worker that keeps the app's files for offline use.
//
// It reads web/sw.js and fills in the precache list — every file of the build with its
// integrity hash — and a version derived from that list. Any change to any built file
// (Trunk names most of them by their hash, and index.html changes with them) gives a
// new sw.js, which is how browsers notice a new deployment (web/update.js shows it).
// The precompressed .br/.gz copies are not listed: they are the same files for hosts.
//
// Exported so tests can rebuild a changed copy of dist/ as a new deployment.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const WORKER = "sw.js";
const TEMPLATE = fileURLToPath(new URL("../web/sw.js", import.meta.url));
const SKIP = /\.(br|gz)$/;

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export function filesIn(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Writes `dir`/sw.js listing every file in `dir`; returns its version and list. */
export function writeServiceWorker(dir) {
  const files = filesIn(dir).filter((f) => f !== WORKER && !SKIP.test(f));
  if (!files.includes("index.html")) throw new Error(`offline-hook: no index.html in ${dir}`);
  const precache = files.map((f) => [
    `./${f}`,
    `sha384-${createHash("sha384").update(readFileSync(join(dir, f))).digest("base64")}`,
  ]);
  const version = createHash("sha256").update(JSON.stringify(precache)).digest("hex").slice(0, 16);
  let source = readFileSync(TEMPLATE, "utf8");
  const replace = (pattern, value) => {
    if (!pattern.test(source)) throw new Error(`offline-hook: web/sw.js has no ${pattern}`);
    source = source.replace(pattern, value);
  };
  replace(/^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version)};`);
  replace(/^const PRECACHE = .*;$/m, `const PRECACHE = ${JSON.stringify(precache, null, 0).replace(/\],\[/g, "],\n  [")};`);
  writeFileSync(join(dir, WORKER), source);
  return { version, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("offline-hook: give a directory, or run it through `trunk build`");
  const { version, files } = writeServiceWorker(dir);
  console.log(`offline-hook: sw.js version ${version} precaches ${files.length} files.`);
}
