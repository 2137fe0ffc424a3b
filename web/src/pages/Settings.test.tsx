import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionProvider } from "../session";
import Settings from "./Settings";

type Call = { url: string; method: string; body: unknown };
const DORA = { id: 7, username: "dora", email: "dora@example.com", email_verified: true, is_seller: false, country: "Peru", created_at: "2026-12-01T10:00:00Z" };

/** A stand-in for the gateway: the account and its preferences, and ``answer`` for anything else; records what was sent. */
function gateway(answer: [number, unknown]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const [status, body] =
        url === "/api/v1/auth/me" ? [200, DORA] : url === "/api/v1/notifications/preferences" ? [200, { non_essential_email: true, message_email: true }] : answer;
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

async function openSettings() {
  render(
    <MemoryRouter initialEntries={["/settings"]}>
      <SessionProvider>
        <Routes>
          <Route path="/settings" element={<Settings />} />
          <Route path="/" element={<h1>Home</h1>} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
  await screen.findByRole("heading", { name: "Change your email address" });
}

afterEach(() => vi.unstubAllGlobals());

describe("changing the email address", () => {
  it("sends the new address with the password and says where the link went", async () => {
    const calls = gateway([200, { detail: "We sent a link to dora.new@example.com. Your address changes when you open it." }]);
    await openSettings();

    await userEvent.type(screen.getByLabelText("New email address"), "dora.new@example.com");
    await userEvent.type(screen.getByLabelText("Your password"), "correct horse battery 9");
    await userEvent.click(screen.getByRole("button", { name: "Send the link" }));

    expect((await screen.findByRole("status")).textContent).toBe("We sent a link to dora.new@example.com. Your address changes when you open it.");
    expect(calls.filter((call) => call.method === "POST")).toEqual([
      { url: "/api/v1/auth/change-email", method: "POST", body: { new_email: "dora.new@example.com", current_password: "correct horse battery 9" } },
    ]);
    expect((screen.getByLabelText("New email address") as HTMLInputElement).value).toBe("");
  });

  it("shows a taken address's message under the address input", async () => {
    gateway([400, { code: "email_taken", detail: "Invalid input: new_email.", fields: { new_email: ["An account with this email already exists."] } }]);
    await openSettings();

    await userEvent.type(screen.getByLabelText("New email address"), "erin@example.com");
    await userEvent.type(screen.getByLabelText("Your password"), "correct horse battery 9");
    await userEvent.click(screen.getByRole("button", { name: "Send the link" }));

    const input = screen.getByLabelText("New email address");
    await vi.waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(input.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent).toBe("An account with this email already exists.");
  });
});

describe("deleting the account", () => {
  it("waits for the confirmation, sends the password and leaves the settings", async () => {
    const calls = gateway([200, { detail: "Your account was deleted." }]);
    await openSettings();
    const remove = screen.getByRole("button", { name: "Delete my account" }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);

    await userEvent.type(screen.getByLabelText("Password to confirm"), "correct horse battery 9");
    await userEvent.click(screen.getByLabelText("I understand my account is gone for good"));
    await userEvent.click(remove);

    expect(await screen.findByRole("heading", { name: "Home" })).toBeTruthy();
    expect(calls.filter((call) => call.method === "POST")).toEqual([
      { url: "/api/v1/auth/delete-account", method: "POST", body: { current_password: "correct horse battery 9" } },
    ]);
  });

  it("says why while an order is open, and stays", async () => {
    gateway([409, { code: "open_orders", detail: "Finish or cancel your 1 open order(s) before deleting the account." }]);
    await openSettings();

    await userEvent.type(screen.getByLabelText("Password to confirm"), "correct horse battery 9");
    await userEvent.click(screen.getByLabelText("I understand my account is gone for good"));
    await userEvent.click(screen.getByRole("button", { name: "Delete my account" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Finish or cancel your 1 open order(s) before deleting the account.");
    expect(screen.getByRole("heading", { name: "Delete your account" })).toBeTruthy();
  });
});
