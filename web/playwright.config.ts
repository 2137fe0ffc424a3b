import { defineConfig } from "@playwright/test";

// Browser tests against a running fleet: `python -m common.fleet.websuite` starts one of its
// own and sets GATEWAY_URL; against `make up`, run `GATEWAY_URL=http://127.0.0.1:8000 npx playwright test`.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.GATEWAY_URL ?? "http://127.0.0.1:8000",
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
});
