import { defineConfig } from "@playwright/test";

// The search-as-you-type benchmark (bench/web_search.py starts the fleet and sets GATEWAY_URL):
// one browser, nothing else running beside it, so the figures are the page's own.
export default defineConfig({
  testDir: ".",
  outputDir: "../test-results/bench",
  timeout: 15 * 60_000,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.GATEWAY_URL ?? "http://127.0.0.1:26000",
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
