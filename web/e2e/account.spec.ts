import { expect, test } from "@playwright/test";
import { codeIn, linkIn, mailTo, newAccount, screenshot } from "./helpers";

test("a visitor signs up, verifies the email from the link, and signs in on a new device with the emailed code", async ({ browser }) => {
  const account = newAccount("dora");
  const laptop = await browser.newPage();
  await laptop.goto("/signup");
  await screenshot(laptop, "signup");
  await laptop.getByLabel("Username").fill(account.username);
  await laptop.getByLabel("Email").fill(account.email);
  await laptop.getByLabel("Password").fill(account.password);
  await laptop.getByLabel("Country").fill(account.country);
  await laptop.getByRole("button", { name: "Create account" }).click();

  await expect(laptop.getByRole("link", { name: `Settings for ${account.username}` })).toBeVisible();
  await expect(laptop.getByText(`Check ${account.email} for the link`)).toBeVisible();
  const verification = await mailTo(account.email, /Verify your email/);
  await laptop.goto(linkIn(verification, "/verify-email"));
  await expect(laptop.getByText("Your email is verified.")).toBeVisible();
  await expect(laptop.getByText(`Check ${account.email} for the link`)).toHaveCount(0);
  await screenshot(laptop, "verify-email");

  const phone = await (await browser.newContext()).newPage();
  await phone.goto("/signin");
  await phone.getByLabel("Username or email").fill(account.email);
  await phone.getByLabel("Password").fill(account.password);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await screenshot(phone, "signin-code");
  const code = codeIn(await mailTo(account.email, /sign-in code/));
  await phone.getByLabel("Sign-in code").fill(code);
  await phone.getByRole("button", { name: "Confirm and sign in" }).click();

  await expect(phone.getByRole("link", { name: `Settings for ${account.username}` })).toBeVisible();

  // The "turn these off" link of the message emails lands on the settings, and the switch holds.
  await phone.goto("/settings/notifications");
  const messageEmails = phone.getByLabel("An email when messages wait for me while I am away");
  await expect(messageEmails).toBeChecked();
  await messageEmails.click(); // a controlled switch: it turns when the server has answered
  await expect(phone.getByText("Email preferences saved.")).toBeVisible();
  await phone.reload();
  await expect(messageEmails).not.toBeChecked();
  await expect(phone.getByLabel("News and tips from Bazaar")).toBeEnabled();
  await screenshot(phone, "settings");
});

test("the API's field errors appear next to the right input", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Username").fill("x");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("correct horse battery 9");
  await page.getByLabel("Country").fill("Peru");
  await page.getByRole("button", { name: "Create account" }).click();

  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const describedBy = await email.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText(/valid email/i);
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Country")).toHaveAttribute("aria-invalid", "false");
  // The Join button says its name on its own page too (white on the brand colour, not brand on brand).
  await expect(page.getByRole("link", { name: "Join" })).toHaveCSS("color", "rgb(255, 255, 255)");
  await screenshot(page, "signup-errors");
});

test("a member who forgot the password sets a new one from the emailed link and signs in with it", async ({ browser }) => {
  const account = newAccount("finn");
  const first = await browser.newPage();
  await first.request.post("/api/v1/auth/signup", { data: account });

  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText("we emailed it a link")).toBeVisible();
  await page.goto(linkIn(await mailTo(account.email, /Reset your Bazaar password/), "/reset-password"));
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase 7");
  await page.getByLabel("New password again").fill("a different passphrase 7");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByLabel("New password again")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New password again").fill("a brand new passphrase 7");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set")).toBeVisible();
  await screenshot(page, "reset-password");

  await first.goto("/signin");
  await first.getByLabel("Username or email").fill(account.username);
  await first.getByLabel("Password").fill("a brand new passphrase 7");
  await first.getByRole("button", { name: "Sign in" }).click();
  await expect(first.getByRole("link", { name: `Settings for ${account.username}` })).toBeVisible();
});
