// A plain static file server for the built app, as any static host would serve it:
// no rewrites, no special headers beyond content types. Serves DIR under the sub-path
// BASE (default "/tandem/") and also at "/", on 127.0.0.1 only.
//
//   node scripts/static-server.mjs [dir=dist] [port=8080] [base=/tandem/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const [dir = "dist", port = "8080", base = "/tandem/"] = process.argv.slice(2);
const root = resolve(dir);
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".json": "application/json", ".png": "image/png", ".ico": "image/x-icon",
};

createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.startsWith(base)) path = "/" + path.slice(base.length);
  else if (path + "/" === base) { res.writeHead(301, { location: base }); return res.end(); }
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  }
}).listen(Number(port), "127.0.0.1", () => {
  console.log(`Serving ${root} at http://127.0.0.1:${port}${base} (and at /)`);
});
