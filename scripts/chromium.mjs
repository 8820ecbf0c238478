// Shared by the benchmark and the screenshot script: serve dist/ from a sub-path on
// 127.0.0.1 and launch Debian's headless Chromium with the flags that work here.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

export const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Serves dist/ at http://127.0.0.1:PORT/tandem/ and launches Chromium. */
export async function start(port) {
  const server = spawn("node", ["scripts/static-server.mjs", process.env.E2E_DIST ?? "dist", String(port), "/tandem/"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
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
