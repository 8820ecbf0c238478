// A plain static file server for the built app, as any static host would serve it:
// no rewrites, no special headers beyond content types and an ETag, and the precompressed copies
// the build writes (scripts/compress-hook.mjs): a request whose Accept-Encoding allows
// brotli gets `file.br`, else gzip gets `file.gz`, with Content-Encoding and
// `Vary: Accept-Encoding` — what nginx's brotli_static/gzip_static or Caddy's
// `precompressed` do. Serves DIR under the sub-path BASE (default "/tandem/") and also
// at "/", on 127.0.0.1 only.
//
//   node scripts/static-server.mjs [dir=dist] [port=8080] [base=/tandem/]
//
// `serve()` is exported for tests that stand up their own deployment (port 0 picks a
// free port).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".json": "application/json", ".png": "image/png", ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};
/** Precompressed copies, in order of preference. */
const encodings = [["br", ".br"], ["gzip", ".gz"]];

/**
 * The codings an Accept-Encoding header allows (RFC 9110 §12.5.3): those listed with a
 * q-value above 0, or covered by "*" and not excluded.
 */
export function accepted(header = "") {
  const q = new Map();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qv = params.map((p) => p.trim().match(/^q=([\d.]+)$/)).find(Boolean);
    q.set(name, qv ? Number(qv[1]) : 1);
  }
  return (coding) => (q.has(coding) ? q.get(coding) > 0 : (q.get("*") ?? 0) > 0);
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Starts serving `dir` at `base` on 127.0.0.1:`port`; resolves to the listening server. */
export function serve({ dir = "dist", port = 8080, base = "/tandem/" } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.startsWith(base)) path = "/" + path.slice(base.length);
    else if (path + "/" === base) { res.writeHead(301, { location: base }); return res.end(); }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || /\.(br|gz)$/.test(file)) { res.writeHead(403); return res.end(); }
    if (!(await isFile(file))) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not found");
    }
    const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
    let body = file;
    const allows = accepted(req.headers["accept-encoding"]);
    const copies = [];
    for (const [coding, suffix] of encodings) if (await isFile(file + suffix)) copies.push([coding, suffix]);
    if (copies.length) {
      // The response depends on the request's Accept-Encoding, whichever copy is sent.
      headers.vary = "Accept-Encoding";
      const chosen = copies.find(([coding]) => allows(coding));
      if (chosen) { headers["content-encoding"] = chosen[0]; body = file + chosen[1]; }
    }
    // A validator, as static hosts send: a revalidation (the service worker's install,
    // a reload) of an unchanged file costs a 304 instead of the file.
    const { size, mtimeMs } = await stat(body);
    headers.etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}${headers["content-encoding"] ? "-" + headers["content-encoding"] : ""}"`;
    if ((req.headers["if-none-match"] ?? "").split(/\s*,\s*/).includes(headers.etag)) {
      delete headers["content-type"];
      res.writeHead(304, headers);
      return res.end();
    }
    const bytes = await readFile(body);
    headers["content-length"] = bytes.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : bytes);
  });
  return new Promise((done) => server.listen(Number(port), "127.0.0.1", () => done(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [dir = "dist", port = "8080", base = "/tandem/"] = process.argv.slice(2);
  serve({ dir, port, base }).then((server) => {
    console.log(`Serving ${resolve(dir)} at http://127.0.0.1:${server.address().port}${base} (and at /)`);
  });
}
