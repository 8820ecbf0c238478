// Build step (run by scripts/post-build.mjs, last): writes a brotli (.br) and a gzip
// (.gz) copy beside every compressible file of the build, as static hosts that serve
// precompressed files expect (nginx's gzip_static/brotli_static, Netlify, Caddy's
// precompressed, scripts/static-server.mjs). Compressing once at build time affords
// the slowest, smallest settings (brotli quality 11, gzip level 9) that a host
// compressing on the fly would not use. A copy that would not be smaller is not written.
//
// Only Node built-ins (zlib has brotli). Exported so tests can recompress a changed copy.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { filesIn } from "./offline-hook.mjs";

/** Files worth compressing: text and wasm; images such as PNG are compressed already. */
export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt|map)$/;

/**
 * Compresses every compressible file in `dir` (or only `files`, paths relative to it);
 * returns one row per file with its sizes.
 */
export function compressDir(dir, files = filesIn(dir)) {
  const rows = [];
  for (const file of files.filter((f) => COMPRESSIBLE.test(f))) {
    const path = join(dir, file);
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: file.endsWith(".wasm") ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    const row = { file, raw: raw.length, br: null, gz: null };
    if (br.length < raw.length) { writeFileSync(`${path}.br`, br); row.br = br.length; }
    if (gz.length < raw.length) { writeFileSync(`${path}.gz`, gz); row.gz = gz.length; }
    rows.push(row);
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("compress-hook: give a directory, or run it through `trunk build`");
  const rows = compressDir(dir);
  const sum = (k) => rows.reduce((s, r) => s + (r[k] ?? r.raw), 0);
  console.log(`compress-hook: ${rows.length} files, ${sum("raw")} bytes → ${sum("br")} brotli, ${sum("gz")} gzip.`);
}
