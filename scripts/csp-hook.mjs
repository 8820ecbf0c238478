// Trunk post_build hook: gives the built page a Content-Security-Policy that allows
// nothing inline.
//
// Trunk 0.21 writes the wasm loader into index.html as an inline
// `<script type="module">import init … </script>`, which a policy without
// 'unsafe-inline' would block. This hook, run by `trunk build` on the staging folder
// before it becomes dist/ (see Trunk.toml):
//
//   1. moves every inline <script> into a file named after its content's hash
//      (`boot-<hash>.js`), referenced by a relative `src` with an `integrity` hash, so
//      the page still works from any sub-path and the browser still checks what it runs;
//   2. refuses to finish the build if anything else inline remains that the policy
//      would block (a <style> element, a style="…" or on…="…" attribute);
//   3. puts the policy in a <meta http-equiv="Content-Security-Policy"> at the top of
//      <head>, before any element it governs, and checks the page holds exactly it.
//
// Whatever stops it from giving a release build its policy fails the build (exit 1):
// a release never goes out unprotected. Only a `trunk serve` debug build, whose inline
// live-reload script the policy would block, is left without one, with a warning.
//
// docs/SECURITY.md explains each directive. Only Node built-ins: the hook must run
// from a clean clone with nothing but `npm ci` done.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The policy, one directive per entry. tests/e2e/security.spec.mjs checks it verbatim.
 * Everything starts forbidden (`default-src 'none'`); each line below allows one kind of
 * load the app needs, from its own origin only.
 */
export const POLICY = [
  "default-src 'none'",
  // 'wasm-unsafe-eval' lets the page compile WebAssembly; it does not allow eval().
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // Only our own files (the favicon); nothing the app shows needs data: or remote images.
  "img-src 'self'",
  // fetch() of our own files: the wasm, and the service worker's cache.
  "connect-src 'self'",
  // The web app manifest and the service worker (sw.js), both files of our origin.
  "manifest-src 'self'",
  "worker-src 'self'",
  // Neither falls back to default-src: both must be named.
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Trunk's `trunk serve` live-reload script carries placeholders its server fills in. */
const DEV_SERVER_MARKER = "{{__TRUNK_";

function fail(message) {
  console.error(`csp-hook: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
// Trunk sets TRUNK_PROFILE for every hook; without it, take the strict (release) side.
const release = process.env.TRUNK_PROFILE !== "debug";
if (!staging) fail("TRUNK_STAGING_DIR is not set; run this through `trunk build` (see Trunk.toml).");
// Trunk's public URL ("./" here): assets are referenced the same way Trunk references its own.
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "./";
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

const digest = (algorithm, text, encoding) => createHash(algorithm).update(text).digest(encoding);

// 1. Inline scripts become files. The HTML is Trunk's own output, so a pattern match on
// <script …>…</script> is enough; a script whose body held "</script>" would already
// have ended there in the browser too.
let devServer = false;
const moved = [];
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (whole, attrs, body) => {
  if (/\bsrc\s*=/i.test(attrs)) return whole;
  if (body.includes(DEV_SERVER_MARKER)) {
    // `trunk serve` fills the placeholders in the HTML it serves; moved to a file they
    // would stay unfilled. Leave it, and skip the policy below for this dev-only build.
    devServer = true;
    return whole;
  }
  if (/\bintegrity\s*=/i.test(attrs)) fail(`an inline script already carries an integrity attribute: ${attrs}`);
  const name = `boot-${digest("sha256", body, "hex").slice(0, 16)}.js`;
  writeFileSync(join(staging, name), body);
  moved.push(name);
  const integrity = `sha384-${digest("sha384", body, "base64")}`;
  return `<script${attrs} src="${publicUrl}${name}" integrity="${integrity}"></script>`;
});
if (moved.length === 0) fail("found no inline loader script in index.html; has Trunk changed how it loads the app?");

if (devServer && release) {
  // A release build must never go out without its policy.
  fail("this release build has Trunk's inline live-reload script (`trunk serve --release`?), which the "
    + "Content-Security-Policy would block, so no policy can be added. Build releases with `trunk build --release`.");
} else if (devServer) {
  console.warn("csp-hook: `trunk serve` debug build (inline live-reload script present): no Content-Security-Policy added. "
    + "scripts/serve.sh serves the release build with the policy.");
} else {
  // 2. Nothing else inline may remain: the policy would silently block it.
  const problems = [];
  if (/<style\b/i.test(html)) problems.push("a <style> element");
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    if (/\sstyle\s*=/i.test(tag)) problems.push(`an inline style attribute in ${tag}`);
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`an inline event handler in ${tag}`);
  }
  if (problems.length) fail(`the Content-Security-Policy would block ${problems.join("; ")}. Move it to a file.`);

  // 3. The policy, first in <head> so it governs every element after it.
  html = html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, "");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
  const charset = /<meta\s+charset=[^>]*>/i;
  if (charset.test(html)) html = html.replace(charset, (m) => `${m}\n  ${meta}`);
  else if (/<head\b[^>]*>/i.test(html)) html = html.replace(/<head\b[^>]*>/i, (m) => `${m}\n  ${meta}`);
  else fail("index.html has no <head> to put the Content-Security-Policy in.");

  // 4. Check the result as the browser will read it: exactly one policy, ours, before
  // every script and link it must govern.
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  if (metas.length !== 1 || metas[0][1] !== POLICY) fail("the page does not end up with exactly this hook's policy.");
  const first = html.search(/<(script|link|style)\b/i);
  if (first !== -1 && first < metas[0].index) fail("a script or link comes before the Content-Security-Policy, which would not govern it.");
}

writeFileSync(htmlPath, html);
console.log(`csp-hook: moved ${moved.length} inline script(s) to ${moved.join(", ")}${devServer ? "" : "; Content-Security-Policy added"}.`);
