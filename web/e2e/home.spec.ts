import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

test("the gateway serves the home page with its categories and search", async ({ page }) => {
  await page.goto("/");

  await expect(page.getByRole("link", { name: "Bazaar" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "What are you looking for?" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Programming & Tech/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/\d+ gigs?|No results/);
  await screenshot(page, "home");
});

test("a client route is drawn by the app, and an unknown one says so", async ({ page }) => {
  await page.goto("/no/such/page");

  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the home page is usable at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");

  await expect(page.getByRole("searchbox", { name: "What are you looking for?" })).toBeVisible();
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(375);
  await screenshot(page, "home-phone");
});

test("the keyboard reaches the content first, then the search, and searching needs no mouse", async ({ page }) => {
  await page.goto("/");
  // The page is drawn by the app: on a busy machine a Tab pressed before it is there reaches nothing.
  await expect(page.getByRole("searchbox", { name: "What are you looking for?" })).toBeVisible();

  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("searchbox", { name: "What are you looking for?" })).toBeFocused();
  await page.keyboard.type("nothing matches this zzzqqq");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=nothing/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("0 gigs for “nothing matches this zzzqqq”");
});
