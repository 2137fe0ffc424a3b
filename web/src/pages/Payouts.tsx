// The seller's money on the dashboard: pending, available and withdrawn balances, the ledger
// that explains them, connecting a payout account and withdrawing.
import { useCallback, useEffect, useState } from "react";
import { api, type Page, type RequestOptions } from "../api/client";
import { Loading, money, when } from "../components/bits";
import { FormError, Submit, TextInput, useAction, valuesOf } from "../components/forms";

export interface Balance {
  pending: string;
  available: string;
  withdrawn: string;
  currency: string;
  minimum_withdrawal: string;
  clearing_days: number;
  account: { provider: string; account_id: string; connected_at: string } | null;
  pending_withdrawal: { id: string; amount: string; status: string } | null;
}

export interface LedgerLine {
  id: number;
  kind: "earning" | "cleared" | "withdrawal" | "withdrawal_failed";
  pending: string;
  available: string;
  withdrawn: string;
  description: string;
  clears_at: string | null;
  at: string;
}

type Call = <T>(path: string, options?: RequestOptions) => Promise<T>;

const KINDS: Record<LedgerLine["kind"], string> = {
  earning: "Earning",
  cleared: "Cleared",
  withdrawal: "Withdrawal",
  withdrawal_failed: "Withdrawal failed",
};

/** A signed change of a balance: "+$96.00", "−$96.00", or nothing for 0. */
function change(amount: string): string {
  const value = Number(amount);
  if (value === 0) return "";
  return `${value > 0 ? "+" : "−"}${money(Math.abs(value))}`;
}

export function Payouts({ call = api }: { call?: Call }) {
  const [balance, setBalance] = useState<Balance | null>(null);
  const [ledger, setLedger] = useState<LedgerLine[]>([]);

  const load = useCallback(async () => {
    const [now, lines] = await Promise.all([call<Balance>("payouts/balance"), call<Page<LedgerLine>>("payouts/ledger?page_size=20")]);
    setBalance(now);
    setLedger(lines.results);
  }, [call]);
  useEffect(() => {
    load().catch(() => setBalance(null));
  }, [load]);

  const connect = useAction(async () => {
    const connected = await call<{ onboarding_url: string }>("payouts/account", { method: "POST" });
    // The provider asks the seller for details on its own page, then sends them back here.
    if (new URL(connected.onboarding_url, window.location.href).pathname !== window.location.pathname) {
      window.location.assign(connected.onboarding_url);
      return;
    }
    await load();
  });
  const withdraw = useAction(async (form: HTMLFormElement) => {
    const amount = valuesOf(form).amount?.trim();
    // One key per click: a retried request withdraws once.
    const headers = { "Idempotency-Key": crypto.randomUUID() };
    await call("payouts/withdrawals", { method: "POST", body: amount ? { amount } : {}, headers });
    form.reset();
    await load();
  });

  if (!balance) return <Loading what="Loading your balance" />;
  return (
    <section aria-labelledby="payouts-heading">
      <h2 id="payouts-heading">Your money</h2>
      <div className="stats">
        <div>
          Pending<strong>{money(balance.pending)}</strong>
        </div>
        <div>
          Available<strong>{money(balance.available)}</strong>
        </div>
        <div>
          Withdrawn<strong>{money(balance.withdrawn)}</strong>
        </div>
      </div>
      <p className="muted">
        Earnings clear {balance.clearing_days >= 1 ? `${balance.clearing_days} days` : "shortly"} after an order completes; then you may withdraw them (at
        least {money(balance.minimum_withdrawal)} at a time).
      </p>
      {balance.account ? (
        <form
          aria-label="Withdraw"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            withdraw.run(event.currentTarget);
          }}
        >
          <TextInput label="Amount ($)" name="amount" inputMode="decimal" errors={withdraw.error?.fields} hint="Leave empty to withdraw everything available." />
          <FormError error={withdraw.error} />
          <Submit busy={withdraw.busy} busyText="Withdrawing…">
            Withdraw
          </Submit>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => connect.run()} disabled={connect.busy} aria-busy={connect.busy}>
            Connect a payout account
          </button>
          <FormError error={connect.error} />
        </p>
      )}
      {balance.pending_withdrawal ? <p role="status">A withdrawal of {money(balance.pending_withdrawal.amount)} is on its way.</p> : null}
      {ledger.length ? (
        <div className="table-wrap">
          <table className="data" aria-label="Ledger">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Pending</th>
                <th scope="col">Available</th>
                <th scope="col">Withdrawn</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((line) => (
                <tr key={line.id}>
                  <td>{when(line.at)}</td>
                  <td>
                    {KINDS[line.kind]}: {line.description}
                    {line.kind === "earning" && line.clears_at ? <span className="muted"> (clears {when(line.clears_at)})</span> : null}
                  </td>
                  <td>{change(line.pending)}</td>
                  <td>{change(line.available)}</td>
                  <td>{change(line.withdrawn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No earnings yet.</p>
      )}
    </section>
  );
}
