// Shared by the benchmark and the screenshot script: serve dist/ from a sub-path on
// 127.0.0.1 and launch Debian's headless Chromium with the flags that work here.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

export const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * Waits until the server answers (a fixed pause failed on a loaded machine, where Node
 * took seconds to start), or fails with a clear message after 30 s or if it exits.
 */
async function serving(url, server) {
  let exited = null;
  server.once("exit", (code) => (exited = code));
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    if (exited !== null) throw new Error(`the static server exited (${exited}): is the port taken?`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the static server did not answer ${url} within 30 s`);
}

/** Serves dist/ at http://127.0.0.1:PORT/tandem/ and launches Chromium. */
export async function start(port) {
  const server = spawn("node", ["scripts/static-server.mjs", process.env.E2E_DIST ?? "dist", String(port), "/tandem/"], { stdio: "ignore" });
  await serving(`http://127.0.0.1:${port}/tandem/`, server);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });
  return {
    base: `http://127.0.0.1:${port}/tandem/`,
    browser,
    async stop() {
      await browser.close();
      server.kill();
    },
  };
}
