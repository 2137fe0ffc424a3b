import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { Payouts, type Balance, type LedgerLine } from "./Payouts";

const ACCOUNT = { provider: "stripe", account_id: "acct_1", connected_at: "2026-12-01T10:00:00Z" };
const BALANCE: Balance = {
  pending: "96.00", available: "120.00", withdrawn: "30.00", currency: "usd", minimum_withdrawal: "10.00", clearing_days: 14,
  account: ACCOUNT, pending_withdrawal: null,
};
const LEDGER: LedgerLine[] = [
  { id: 3, kind: "withdrawal", pending: "0.00", available: "-30.00", withdrawn: "30.00", description: "Withdrawal to acct_1", clears_at: null, at: "2026-12-03T10:00:00Z" },
  { id: 2, kind: "cleared", pending: "-150.00", available: "150.00", withdrawn: "0.00", description: "Cake: cleared", clears_at: null, at: "2026-12-02T10:00:00Z" },
];

function api(balance: Balance, post = vi.fn().mockResolvedValue({})) {
  return vi.fn(async (path: string, options?: { method?: string }) => {
    if (options?.method === "POST") return post(path, options);
    if (path === "payouts/balance") return balance;
    return { count: LEDGER.length, next: null, previous: null, results: LEDGER };
  }) as never;
}

describe("the seller's money on the dashboard", () => {
  it("shows the three balances and explains them line by line", async () => {
    render(<Payouts call={api(BALANCE)} />);

    expect(await screen.findByText("$96.00")).toBeTruthy();
    expect(screen.getByText("$120.00")).toBeTruthy();
    const rows = within(screen.getByRole("table", { name: "Ledger" })).getAllByRole("row");
    expect(rows.slice(1).map((row) => within(row).getAllByRole("cell").slice(1).map((cell) => cell.textContent))).toEqual([
      ["Withdrawal: Withdrawal to acct_1", "", "−$30.00", "+$30.00"],
      ["Cleared: Cake: cleared", "−$150.00", "+$150.00", ""],
    ]);
  });

  it("withdraws what is typed with an idempotency key, and shows the API's reason under the amount", async () => {
    const post = vi.fn().mockRejectedValue(new ApiError(400, "amount_too_large", "amount: too much", { amount: ["You have 120.00 available to withdraw."] }));
    render(<Payouts call={api(BALANCE, post)} />);

    await userEvent.type(await screen.findByLabelText("Amount ($)"), "500");
    await userEvent.click(screen.getByRole("button", { name: "Withdraw" }));

    expect(post).toHaveBeenCalledWith("payouts/withdrawals", expect.objectContaining({ method: "POST", body: { amount: "500" } }));
    expect(Object.keys(post.mock.calls[0][1].headers)).toEqual(["Idempotency-Key"]);
    expect((await screen.findByText("You have 120.00 available to withdraw.")).getAttribute("data-field")).toBe("amount");
  });

  it("offers to connect a payout account before any withdrawal", async () => {
    const post = vi.fn().mockResolvedValue({ onboarding_url: window.location.href });
    render(<Payouts call={api({ ...BALANCE, account: null }, post)} />);

    await userEvent.click(await screen.findByRole("button", { name: "Connect a payout account" }));

    expect(post).toHaveBeenCalledWith("payouts/account", { method: "POST" });
    expect(screen.queryByRole("form", { name: "Withdraw" })).toBeNull();
  });
});
