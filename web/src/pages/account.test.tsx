import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Signin } from "./account";

type Call = { url: string; body: unknown };

/** A stand-in for the gateway: answers each request with the next of ``answers``, recording what was sent. */
function gateway(...answers: [number, unknown][]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const [status, body] = answers.shift() ?? [500, {}];
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("signing in", () => {
  it("on a new device asks for the emailed code and confirms it for the same account", async () => {
    const calls = gateway([202, { code: "otp_required", detail: "Code sent." }], [200, { user: { username: "dora" } }]);
    render(
      <MemoryRouter>
        <Signin />
      </MemoryRouter>,
    );

    await userEvent.type(screen.getByLabelText("Username or email"), "dora@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse battery 9");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await userEvent.type(await screen.findByLabelText("Sign-in code"), "123456");
    await userEvent.click(screen.getByRole("button", { name: "Confirm and sign in" }));

    await vi.waitFor(() => expect(calls.length).toBe(2));
    expect(calls[0]).toEqual({ url: "/api/v1/auth/signin", body: { username_or_email: "dora@example.com", password: "correct horse battery 9" } });
    expect(calls[1]).toEqual({ url: "/api/v1/auth/verify-otp", body: { username_or_email: "dora@example.com", code: "123456" } });
  });

  it("shows a wrong code's message under the code input", async () => {
    gateway([202, { code: "otp_required", detail: "Code sent." }], [400, { code: "invalid_code", detail: "Invalid input: code.", fields: { code: ["Wrong or expired code."] } }]);
    render(
      <MemoryRouter>
        <Signin />
      </MemoryRouter>,
    );

    await userEvent.type(screen.getByLabelText("Username or email"), "dora");
    await userEvent.type(screen.getByLabelText("Password"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await userEvent.type(await screen.findByLabelText("Sign-in code"), "000000");
    await userEvent.click(screen.getByRole("button", { name: "Confirm and sign in" }));

    const code = screen.getByLabelText("Sign-in code");
    await vi.waitFor(() => expect(code.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(code.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent).toBe("Wrong or expired code.");
  });
});
