// Playwright runs the end-to-end suite in Debian's Chromium (never a downloaded
// browser) against the built dist/ served from a sub-path, as a static host would.
import { defineConfig } from "@playwright/test";

// E2E_PORT and E2E_DIST let several checkouts or builds be tested side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? "dist";
export const BASE = `http://127.0.0.1:${PORT}/tandem/`;

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs$/,
  outputDir: "../../target/e2e-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: tests check what happened, never how fast (the benchmark measures that);
  // CI's 2-core machine runs two workers and a multi-tab test can take 15 s there.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/static-server.mjs ${DIST} ${PORT} /tandem/`,
    cwd: "../..",
    url: BASE,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
