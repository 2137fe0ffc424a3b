import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

const MAIL_DIR = process.env.MAIL_SINK_DIR ?? "../.run/mail";

/** Writes a full-page screenshot for people to look at: web/test-results/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** The text of a mail as a person would read it (quoted-printable undone when it is so encoded). */
function readable(raw: string): string {
  if (!/^Content-Transfer-Encoding: quoted-printable/im.test(raw)) return raw;
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The newest mail to ``address`` whose subject has ``subject``, waiting for it to arrive. */
export async function mailTo(address: string, subject: RegExp, after = 0): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const names = readdirSync(MAIL_DIR)
          .filter((name) => name.endsWith(".eml") && name.toLowerCase().includes(address.toLowerCase()))
          .sort()
          .reverse();
        for (const name of names) {
          const text = readable(readFileSync(join(MAIL_DIR, name), "utf8"));
          const subjectLine = /^Subject: (.*)$/m.exec(text)?.[1] ?? "";
          if (subject.test(subjectLine) && names.indexOf(name) >= 0 && name > String(after)) {
            found = text;
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: `a mail to ${address} about ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The six-digit code on a line of its own in a mail. */
export function codeIn(mail: string): string {
  const code = /^\s*(\d{6})\s*$/m.exec(mail)?.[1];
  expect(code, "a six-digit code in the mail").toBeTruthy();
  return code!;
}

/** The path and query of the first link in a mail to a page of ours (``/verify-email``). */
export function linkIn(mail: string, page: string): string {
  const link = new RegExp(`https?://[^/\\s]+(${page}\\?token=[^\\s"<>&]+)`).exec(mail)?.[1];
  expect(link, `a link to ${page} in the mail`).toBeTruthy();
  return link!;
}

let counter = 0;
/** A fresh account's fields. */
export function newAccount(prefix: string) {
  const name = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1000)}`.slice(0, 30);
  return { username: name, email: `${name}@example.com`, password: "correct horse battery 9", country: "Peru" };
}

/**
 * Visits each page at a phone's width (375 px): it must not scroll sideways, and its screenshot
 * (web/test-results/screens/phone-<name>.png) is there for people to look at.
 */
export async function atPhoneWidth(page: Page, paths: Record<string, string>): Promise<void> {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const [name, path] of Object.entries(paths)) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expect(page.locator(".loading")).toHaveCount(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `the ${name} page scrolls sideways at 375 px`).toBeLessThanOrEqual(375);
    await screenshot(page, `phone-${name}`);
  }
}
