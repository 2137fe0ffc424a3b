import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { PendingResolution, ResolutionActions } from "./OrderResolution";
import type { Resolution } from "./resolution";

const BUYER = 1;
const SELLER = 2;
const REQUEST: Resolution = {
  id: 7, kind: "partial_refund", amount: "5.00", reason: "One concept is enough.", requested_by_id: BUYER, requested_by_username: "bea",
  status: "pending", answer: "", requested_at: "2026-12-09T10:00:00Z", expires_at: "2099-12-11T10:00:00Z", decided_at: null,
};

function order(resolutions: Resolution[] = []) {
  return {
    status: "in_progress" as const, buyer: { id: BUYER, username: "bea" }, seller: { username: "sam" }, price: "55.00", total: "58.03",
    refunded: "0.00", due_at: "2099-12-10T12:00:00Z", resolutions,
  };
}

describe("the order's resolution actions", () => {
  it("has the other party answer a waiting request, and the asker wait", () => {
    const { unmount } = render(<PendingResolution order={order([REQUEST])} userId={SELLER} post={vi.fn()} />);
    expect(screen.getByRole("heading", { name: "bea asks for a partial refund of $5.00" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accept" })).toBeTruthy();
    expect(screen.getByRole("form", { name: "Decline the request" })).toBeTruthy();
    unmount();

    render(
      <>
        <PendingResolution order={order([REQUEST])} userId={BUYER} post={vi.fn()} />
        <ResolutionActions order={order([REQUEST])} userId={BUYER} post={vi.fn()} />
      </>,
    );
    expect(screen.getByText(/^Waiting for sam until/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Accept" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Propose a partial refund" })).toBeNull();
  });

  it("sends the amount as typed and shows the API's message for it under the input", async () => {
    const post = vi.fn().mockRejectedValue(new ApiError(400, "invalid", "Invalid input: amount.", { amount: ["A partial refund is less than 55.00."] }));
    render(<ResolutionActions order={order()} userId={BUYER} post={post} />);
    const form = screen.getByRole("form", { name: "Propose a partial refund" });

    await userEvent.type(screen.getByLabelText("Amount ($)"), "60");
    await userEvent.type(form.querySelector("textarea")!, "Too slow.");
    await userEvent.click(screen.getByRole("button", { name: "Propose the refund" }));

    expect(post).toHaveBeenCalledWith("resolution", { kind: "partial_refund", amount: "60", reason: "Too slow." });
    expect((await screen.findByText("A partial refund is less than 55.00.")).getAttribute("data-field")).toBe("amount");
    expect(screen.queryByRole("form", { name: "Cancel the order" })).toBeNull();
  });
});
