import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// What bench/web_search.py asks: the queries to type, and where to write the figures.
const QUERIES: string[] = JSON.parse(process.env.BENCH_QUERIES ?? '["logo", "wordpress website"]');
const OUT = process.env.BENCH_OUT ?? "test-results/bench/samples.json";

declare global {
  interface Window {
    lastKeyAt?: number;
  }
}

test("search results follow the typing", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "What are you looking for?" });
  const results = page.locator("section[data-results-for]");
  await expect(results).toHaveAttribute("aria-busy", "false");
  // Every keydown in the box notes its time: the last one, before the results change, is the one measured.
  await page.evaluate(() => document.getElementById("q")!.addEventListener("keydown", () => (window.lastKeyAt = performance.now()), { capture: true }));

  const samples: { query: string; total: number; request: number | null }[] = [];
  for (const query of QUERIES) {
    await box.fill("");
    await expect(results).toHaveAttribute("data-results-for", "");
    await expect(results).toHaveAttribute("aria-busy", "false");
    await page.evaluate(() => performance.clearResourceTimings());
    await box.pressSequentially(query, { delay: 60 });
    // Polled every frame: the first frame that shows this query's results ends the measure.
    const measured = await page.waitForFunction(
      (expected) => {
        const section = document.querySelector("section[data-results-for]");
        if (section?.getAttribute("data-results-for") !== expected || section.getAttribute("aria-busy") !== "false") return null;
        const searches = performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/api/v1/gigs?"));
        const last = searches.at(-1) as PerformanceResourceTiming | undefined;
        return { total: performance.now() - window.lastKeyAt!, request: last ? last.responseEnd - last.startTime : null };
      },
      query,
      { polling: "raf", timeout: 10_000 },
    );
    samples.push({ query, ...((await measured.jsonValue()) as { total: number; request: number | null }) });
  }
  writeFileSync(OUT, JSON.stringify(samples));
});
