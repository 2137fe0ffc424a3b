import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import Checkout from "./Checkout";

// Stripe.js is Stripe's own script, loaded from Stripe's servers: this test cannot reach them,
// so a stand-in takes the place of the Stripe object that loadStripe resolves to. It records
// what the checkout asks of it (the key, the card field's mount, the confirmation).
const stripe = vi.hoisted(() => {
  const card = { mount: vi.fn() };
  const js = {
    elements: vi.fn(() => ({ create: vi.fn(() => card) })),
    confirmCardPayment: vi.fn(async () => ({ paymentIntent: { status: "succeeded" } }) as { error?: { message: string } }),
  };
  return { card, js, loadStripe: vi.fn(async () => js) };
});
vi.mock("@stripe/stripe-js/pure", () => ({ loadStripe: stripe.loadStripe }));

type Call = { method: string; url: string; body: unknown };

/** A stand-in for the gateway in production mode: answers by path, recording what was sent. */
function gateway(answers: Record<string, [number, unknown]>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const [status, body] = answers[`${method} ${url}`] ?? [404, { code: "not_found", detail: "No." }];
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

const PRODUCTION = {
  "GET /api/v1/orders/payment-config": [200, { provider: "stripe", publishable_key: "pk_live_shop", api_base: "https://api.stripe.com", test_card: false }],
  "POST /api/v1/orders/payment-intent": [201, { payment_intent_id: "pi_1", client_secret: "pi_1_secret_2", price: "40.00", service_fee: "4.20", total: "44.20" }],
  "GET /api/v1/gigs/7": [200, { title: "A mascot for your shop" }],
  "POST /api/v1/orders": [201, { id: "0b7c" }],
} satisfies Record<string, [number, unknown]>;

function checkout() {
  render(
    <MemoryRouter initialEntries={["/checkout?gig=7"]}>
      <Routes>
        <Route path="/checkout" element={<Checkout />} />
        <Route path="/orders/:id" element={<p>Order page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("checkout in production", () => {
  it("mounts Stripe's card field with the publishable key, confirms the payment with Stripe, then places the order", async () => {
    const calls = gateway(PRODUCTION);
    checkout();

    await userEvent.type(await screen.findByLabelText("What do you need?"), "An orange fox.");
    await vi.waitFor(() => expect(stripe.card.mount).toHaveBeenCalledOnce());
    await userEvent.click(screen.getByRole("button", { name: "Pay $44.20" }));

    expect(await screen.findByText("Order page")).toBeTruthy();
    expect(stripe.loadStripe).toHaveBeenCalledWith("pk_live_shop");
    expect(stripe.card.mount).toHaveBeenCalledWith(expect.any(HTMLDivElement));
    expect(stripe.js.confirmCardPayment).toHaveBeenCalledWith("pi_1_secret_2", { payment_method: { card: stripe.card } });
    expect(calls.filter((call) => call.method === "POST").map((call) => [call.url, call.body])).toEqual([
      ["/api/v1/orders/payment-intent", { gig_id: 7, package: "basic" }],
      ["/api/v1/orders", { payment_intent_id: "pi_1", requirements: "An orange fox." }],
    ]);
    expect(calls.some((call) => call.url.includes("test-card"))).toBe(false);
  });

  it("shows Stripe's reason when the card is declined and places no order", async () => {
    const calls = gateway(PRODUCTION);
    stripe.js.confirmCardPayment.mockResolvedValueOnce({ error: { message: "Your card was declined." } });
    checkout();

    await userEvent.type(await screen.findByLabelText("What do you need?"), "An orange fox.");
    await vi.waitFor(() => expect(stripe.card.mount).toHaveBeenCalled());
    await userEvent.click(screen.getByRole("button", { name: "Pay $44.20" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Your card was declined.");
    expect(calls.some((call) => call.method === "POST" && call.url === "/api/v1/orders")).toBe(false);
    expect(screen.getByRole("button", { name: "Pay $44.20" }).hasAttribute("disabled")).toBe(false);
  });

  it("says so when Stripe.js cannot load", async () => {
    gateway(PRODUCTION);
    stripe.loadStripe.mockRejectedValueOnce(new Error("blocked"));
    checkout();

    expect((await screen.findByRole("alert")).textContent).toBe("The card form could not load. Check your connection and reload.");
  });
});
