// Precompressed files (scripts/compress-hook.mjs) and how the static server hands them
// out (scripts/static-server.mjs): brotli when the request allows it, else gzip, else
// the file itself, always with `Vary: Accept-Encoding`, and byte for byte the same file.
import { readdir, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { test, expect } from "./fixtures.mjs";
import { COMPRESSIBLE } from "../../scripts/compress-hook.mjs";
import { accepted } from "../../scripts/static-server.mjs";
import { BASE } from "./playwright.config.mjs";
import { get as httpGet } from "node:http";

/** The response's headers and body as sent, not decoded (fetch would decode them). */
function wire(url, acceptEncoding) {
  return new Promise((done, fail) => {
    httpGet(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => done({ response: { status: res.statusCode, headers: new Map(Object.entries(res.headers)) }, body: Buffer.concat(chunks) }));
    }).on("error", fail);
  });
}

const DIST = resolve(fileURLToPath(new URL("../../", import.meta.url)), process.env.E2E_DIST ?? "dist");

test("the build writes a smaller .br and .gz beside every compressible file, each the same file", async () => {
  const names = await readdir(DIST);
  const compressible = names.filter((n) => COMPRESSIBLE.test(n));
  expect(compressible.length).toBeGreaterThan(4);
  for (const ext of [".html", ".js", ".css", ".wasm"]) {
    expect(compressible.some((n) => n.endsWith(ext)), ext).toBe(true);
  }
  for (const name of compressible) {
    const raw = await readFile(resolve(DIST, name));
    const br = await readFile(resolve(DIST, `${name}.br`));
    const gz = await readFile(resolve(DIST, `${name}.gz`));
    expect(brotliDecompressSync(br).equals(raw), `${name}.br`).toBe(true);
    expect(gunzipSync(gz).equals(raw), `${name}.gz`).toBe(true);
    expect(br.length, name).toBeLessThan(raw.length);
    expect(br.length, `${name}: brotli at least as small as gzip`).toBeLessThanOrEqual(gz.length);
  }
  // Images that are compressed already get no copies.
  expect(names.filter((n) => /\.png\.(br|gz)$/.test(n))).toEqual([]);
});

test("the server sends brotli, gzip or the plain file as Accept-Encoding allows", async ({ request }) => {
  const wasm = (await readdir(DIST)).find((n) => n.endsWith(".wasm"));
  for (const path of ["", "index.html", wasm]) {
    const raw = await readFile(resolve(DIST, path || "index.html"));
    const get = (acceptEncoding) => wire(new URL(path, BASE), acceptEncoding);
    const cases = [
      ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
      ["br;q=1.0, gzip;q=0.8", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
      ["br;q=0, gzip", "gzip", gunzipSync],
      ["*", "br", brotliDecompressSync],
      ["*, br;q=0", "gzip", gunzipSync],
      ["identity", null, (b) => b],
      ["br;q=0, gzip;q=0", null, (b) => b],
    ];
    for (const [acceptEncoding, coding, decode] of cases) {
      const { response, body } = await get(acceptEncoding);
      const what = `${path || "/"} with Accept-Encoding: ${acceptEncoding}`;
      expect(response.status, what).toBe(200);
      expect(response.headers.get("content-encoding") ?? null, what).toBe(coding);
      expect(response.headers.get("vary"), what).toBe("Accept-Encoding");
      expect(Number(response.headers.get("content-length")), what).toBe(body.length);
      expect(decode(body).equals(raw), what).toBe(true);
    }
  }
  // An unchanged file revalidates with a 304 and no body; each coding has its own ETag.
  const wasmUrl = new URL(wasm, BASE);
  const { response: first } = await wire(wasmUrl, "br");
  const etag = first.headers.get("etag");
  expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+-br"$/);
  expect((await wire(wasmUrl, "gzip")).response.headers.get("etag")).not.toBe(etag);
  const again = await new Promise((done, fail) => {
    httpGet(wasmUrl, { headers: { "accept-encoding": "br", "if-none-match": etag } }, (res) => {
      let bytes = 0;
      res.on("data", (c) => { bytes += c.length; });
      res.on("end", () => done({ status: res.statusCode, bytes }));
    }).on("error", fail);
  });
  expect(again).toEqual({ status: 304, bytes: 0 });

  // The copies themselves are not served as files of their own.
  expect((await request.get("index.html.br")).status()).toBe(403);
});

test("Accept-Encoding is read with its q-values", () => {
  expect(accepted("gzip, br")("br")).toBe(true);
  expect(accepted("gzip;q=0.5, br;q=0")("br")).toBe(false);
  expect(accepted("GZIP;Q=0.5")("gzip")).toBe(true);
  expect(accepted("*;q=0.1")("br")).toBe(true);
  expect(accepted("")("gzip")).toBe(false);
  expect(accepted(undefined)("gzip")).toBe(false);
});
