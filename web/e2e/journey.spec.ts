import { expect, test, type Browser, type Page } from "@playwright/test";
import { atPhoneWidth, linkIn, mailTo, newAccount, screenshot } from "./helpers";

// A 64×48 PNG: a real image for the gig's cover (the gigs service opens it with Pillow).
const COVER = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAVElEQVR4nO3PMQ0AIQDAQGBFHE7wP74IhssnPQXt3PeMP1s64FUDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgPaBzLpAShqw41iAAAAAElFTkSuQmCC",
  "base64",
);

async function signUp(browser: Browser, prefix: string) {
  const account = newAccount(prefix);
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signup");
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Country").fill(account.country);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: `Settings for ${account.username}` })).toBeVisible();
  return { page, account };
}

async function verifyEmail(page: Page, email: string) {
  await page.goto(linkIn(await mailTo(email, /Verify your email/), "/verify-email"));
  await expect(page.getByText("Your email is verified.")).toBeVisible();
}

test("a seller and a buyer go from signup to a live chat, an offer, payment, delivery, approval and both reviews", async ({ browser }) => {
  test.setTimeout(150_000);
  const word = `quokka${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 8)}`;
  const title = `I will design your ${word} mascot`;

  // The seller signs up, verifies, becomes a seller and publishes a gig with a cover.
  const { page: seller, account: sellerAccount } = await signUp(browser, "sel");
  await verifyEmail(seller, sellerAccount.email);
  await seller.getByRole("link", { name: "become a seller" }).click();
  await seller.getByLabel("Full name").fill("Sam Seller");
  await seller.getByLabel("One-liner").fill("Logos people remember");
  await seller.getByLabel("About you").fill("Ten years of logos for small shops.");
  await seller.getByLabel("Skills").fill("logo design, branding");
  await screenshot(seller, "become-a-seller");
  await seller.getByRole("button", { name: "Become a seller" }).click();
  await expect(seller.getByRole("heading", { name: "Your dashboard" })).toBeVisible({ timeout: 20_000 });

  // The seller puts up a profile picture: it shows beside the username from then on.
  await seller.goto("/settings");
  await seller.getByLabel("New picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: COVER });
  await seller.getByRole("button", { name: "Upload picture" }).click();
  await expect(seller.getByText("Your profile picture is saved.")).toBeVisible();
  await expect(seller.locator(".avatar-row img")).toHaveAttribute("src", /\/api\/v1\/media\/users\/avatars\/[0-9a-f]{32}\.png$/);
  await screenshot(seller, "settings-picture");
  await seller.goto("/dashboard");
  await seller.getByRole("link", { name: "Create a gig" }).click();
  await seller.getByLabel("Title", { exact: true }).fill(title);
  await seller.getByLabel("Description").fill("A clean, memorable logo in three days.");
  await seller.getByLabel("Category").selectOption("Graphics & Design");
  await seller.getByLabel("Tags").fill("logo, branding");
  await seller.getByLabel("Price ($)").fill("40.00");
  await seller.getByLabel("Delivery (days)").fill("3");
  await seller.getByLabel("Cover image").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: COVER });
  await screenshot(seller, "new-gig");
  await seller.getByRole("button", { name: "Publish gig" }).click();
  await expect(seller.getByRole("heading", { name: title })).toBeVisible({ timeout: 20_000 });
  await expect(seller.getByRole("img", { name: `Cover of “${title}”` })).toBeVisible();

  // The buyer finds it by searching with a typo, and writes to the seller.
  const { page: buyer, account: buyerAccount } = await signUp(browser, "buy");
  await buyer.getByRole("searchbox", { name: "What are you looking for?" }).fill(`${word} mascott`);
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(`1 gig for “${word} mascott”`);
  await screenshot(buyer, "search-typo");
  await buyer.getByRole("link", { name: title }).click();
  await expect(buyer.getByRole("heading", { name: "About the seller" })).toBeVisible();
  await expect(buyer.getByText("Sam Seller")).toBeVisible();
  await expect(buyer.locator(".seller-line .avatar img")).toHaveJSProperty("naturalWidth", 64);
  await screenshot(buyer, "gig");
  const gigPath = new URL(buyer.url()).pathname;

  // The seller's username leads to the seller's page: the card, the gig, the reviews.
  await buyer.getByRole("link", { name: sellerAccount.username, exact: true }).first().click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Sam Seller" })).toBeVisible();
  await expect(buyer.getByRole("region", { name: `Gigs by ${sellerAccount.username}` }).getByRole("link", { name: title })).toBeVisible();
  await expect(buyer.getByRole("region", { name: "Reviews" })).toContainText("No reviews yet.");
  await screenshot(buyer, "seller-page");
  await buyer.goBack();
  await seller.goto("/inbox");
  await buyer.getByRole("button", { name: `Contact ${sellerAccount.username}` }).click();
  await buyer.getByLabel(`Message to ${sellerAccount.username}`).fill("Hi! Could you make it orange?");
  await buyer.getByRole("button", { name: "Send" }).click();
  const buyerThread = buyer.getByRole("list", { name: `Messages with ${sellerAccount.username}` });
  await expect(buyerThread).toContainText("Hi! Could you make it orange?");

  // The seller's open inbox shows the conversation arrive without a reload; the seller answers
  // and the buyer's open conversation shows the answer, and the typing before it, live.
  const conversation = seller.getByRole("link", { name: new RegExp(`${buyerAccount.username}.*Could you make it orange`) });
  await expect(conversation).toBeVisible();
  await conversation.click();
  await expect(seller.getByRole("list", { name: `Messages with ${buyerAccount.username}` })).toContainText("Hi! Could you make it orange?");
  await seller.getByLabel(/Message to/).fill("Sure, orange it is.");
  await expect(buyer.getByText(`${sellerAccount.username} is typing…`)).toBeVisible();
  await seller.getByRole("button", { name: "Send" }).click();
  await expect(buyerThread).toContainText("Sure, orange it is.");
  await seller.getByRole("button", { name: "Make a custom offer" }).click();
  await expect(seller.getByLabel("Gig", { exact: true })).toHaveValue(/^\d+$/);
  await seller.getByLabel("What you will deliver").fill("An orange logo, two concepts.");
  await seller.getByLabel("Price ($)").fill("55.00");
  await seller.getByLabel("Delivery (days)").fill("4");
  await seller.getByRole("button", { name: "Send offer" }).click();
  await screenshot(seller, "inbox-seller");

  // The buyer sees the offer arrive, accepts it and pays at checkout with the local test card.
  await buyer.getByRole("button", { name: "Accept offer" }).click();
  await screenshot(buyer, "inbox-offer-accepted");
  await buyer.getByRole("button", { name: /Order now/ }).click();
  await expect(buyer.getByTestId("total")).toHaveText("$58.03");
  await buyer.getByLabel("What do you need?").fill("Orange, please, with a quokka.");
  await screenshot(buyer, "checkout");
  await buyer.getByRole("button", { name: /with the test card/ }).click();
  await expect(buyer.getByText("Your order is placed and paid.")).toBeVisible({ timeout: 20_000 });
  await screenshot(buyer, "order-placed");

  // The seller opens the order from the dashboard. Before any delivery the buyer may not cancel
  // alone: the buyer proposes a partial refund instead (too much first: the API's message shows
  // under the amount), and the seller accepts it live from the open page.
  await seller.goto("/dashboard");
  await seller.getByRole("link", { name: title }).first().click();
  // What the seller earns shows while the order is open: the $55.00 price less the platform's 20 %.
  await expect(seller.getByTestId("earnings")).toHaveText("$44.00");
  await expect(buyer.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);
  await expect(buyer.getByRole("form", { name: "Ask to cancel" })).toBeVisible();
  const proposal = buyer.getByRole("form", { name: "Propose a partial refund" });
  await proposal.getByLabel("Amount ($)").fill("60");
  await proposal.getByLabel("Reason").fill("One concept is enough for me.");
  await proposal.getByRole("button", { name: "Propose the refund" }).click();
  await expect(proposal.locator("[data-field=amount]")).toContainText("less than what is left of the price");
  await proposal.getByLabel("Amount ($)").fill("5.00");
  await proposal.getByRole("button", { name: "Propose the refund" }).click();
  await expect(buyer.getByText(`Waiting for ${sellerAccount.username}`)).toBeVisible();
  const request = seller.getByRole("region", { name: "Request waiting for an answer" });
  await expect(request).toContainText(`${buyerAccount.username} asks for a partial refund of $5.00`);
  await screenshot(seller, "order-refund-asked");
  await request.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(seller.getByTestId("refunded")).toHaveText(`$5.00 back to ${buyerAccount.username}`);
  await expect(buyer.getByTestId("refunded")).toHaveText("$5.00 back to you");
  await expect(seller.getByTestId("earnings")).toHaveText("$40.00");
  await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText("partially refunded");
  await screenshot(buyer, "order-partial-refund");

  // The seller delivers a file.
  await seller.getByLabel("Delivery message").fill("Here is your orange logo.");
  await seller.getByLabel("Files").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: COVER });
  await seller.getByRole("button", { name: "Deliver" }).click();
  await expect(seller.getByRole("region", { name: "Deliveries" })).toContainText("Here is your orange logo.");

  // The buyer's open order page turns delivered live; the buyer approves and reviews.
  await expect(buyer.getByRole("link", { name: "logo.png" })).toBeVisible();
  await expect(buyer.getByTestId("unread-count")).toBeVisible();
  await buyer.getByRole("button", { name: "Approve and complete" }).click();
  await buyer.getByLabel("Rating").selectOption("5");
  await buyer.getByLabel("Comment").fill("Lovely work, fast too.");
  await buyer.getByRole("button", { name: "Publish review" }).click();
  await expect(buyer.getByText("You reviewed this order.")).toBeVisible({ timeout: 20_000 });
  // "Placed and paid" greets the buyer from checkout, not on a completed order.
  await expect(buyer.getByText("Your order is placed and paid.")).toHaveCount(0);
  await screenshot(buyer, "order-completed");
  const invoice = buyer.waitForEvent("download");
  await buyer.getByRole("link", { name: "Download the invoice (PDF)" }).click();
  expect((await invoice).suggestedFilename()).toMatch(/\.pdf$/);

  // The seller reviews the buyer too; the gig page shows the buyer's review.
  await seller.reload();
  await seller.getByLabel("Rating").selectOption("5");
  await seller.getByLabel("Comment").fill("Clear brief, quick approval.");
  await seller.getByRole("button", { name: "Publish review" }).click();
  await expect(seller.getByText("You reviewed this order.")).toBeVisible({ timeout: 20_000 });
  await seller.goto("/dashboard");
  await expect(seller.getByText("Completed orders")).toBeVisible();
  // The earning (55.00 less the 5.00 refunded, less 20%) is pending until it clears.
  await expect(seller.getByRole("region", { name: "Your money" })).toContainText("Pending$40.00");
  await expect(seller.getByRole("table", { name: "Ledger" })).toContainText("Earning: ");
  await screenshot(seller, "dashboard");

  // The main pages at a phone's width.
  const orderPath = new URL(buyer.url()).pathname;
  await atPhoneWidth(buyer, {
    home: `/?q=${word}`,
    gig: gigPath,
    seller: `/sellers/${sellerAccount.username}`,
    orders: "/orders",
    order: orderPath,
    inbox: "/inbox",
    settings: "/settings",
  });
  await atPhoneWidth(seller, { dashboard: "/dashboard", "new-gig": "/gigs/new", "order-seller": orderPath });
});
