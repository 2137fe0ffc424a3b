import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TextInput, messagesFor } from "./forms";
import { errorOf } from "../api/client";

describe("a form field", () => {
  it("is labelled, and shows the API's message for it right under the input", () => {
    render(<TextInput label="Email" name="email" errors={{ email: ["Enter a valid email address."], password: ["Too short."] }} />);

    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const message = screen.getByRole("alert");
    expect(message.textContent).toBe("Enter a valid email address.");
    expect(input.getAttribute("aria-describedby")).toBe(message.id);
  });

  it("shows no message and is valid when the API named other fields", () => {
    render(<TextInput label="Username" name="username" errors={{ email: ["Enter a valid email address."] }} />);

    expect(screen.getByLabelText("Username").getAttribute("aria-invalid")).toBe("false");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("collects the messages of a list's items under the list", () => {
    expect(messagesFor({ languages: ["1.level: bad"], "languages.0": ["x"], language: ["no"] }, "languages")).toEqual([
      "1.level: bad",
      "x",
    ]);
  });
});

describe("an error answer", () => {
  it("keeps the status, code, detail, fields and Retry-After", async () => {
    const response = new Response(JSON.stringify({ code: "invalid", detail: "Invalid input: email.", fields: { email: ["Bad."] } }), {
      status: 400,
      headers: { "Retry-After": "2" },
    });

    const error = await errorOf(response);

    expect([error.status, error.code, error.detail, error.fields, error.retryAfter]).toEqual([400, "invalid", "Invalid input: email.", { email: ["Bad."] }, 2]);
  });

  it("that is not JSON still says the status", async () => {
    const error = await errorOf(new Response("<html>bad gateway</html>", { status: 502 }));

    expect([error.code, error.detail]).toEqual(["error", "The server answered 502."]);
  });
});
