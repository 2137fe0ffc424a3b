// Cancelling and refunds on the order page: cancel alone where the rules allow it, otherwise
// ask the other party to cancel or to agree a partial refund; the other party accepts or
// declines before the deadline (silence accepts). See docs/marketplace-rules.md.
import { money, when } from "../components/bits";
import { FormError, TextArea, TextInput, useAction } from "../components/forms";
import { ActionForm } from "./ActionForm";
import { refundablePrice, resolutionActions, type Resolution, type ResolvableOrder } from "./resolution";

interface Props {
  order: ResolvableOrder & { total: string; buyer: { id: number; username: string }; seller: { username: string } };
  userId: number;
  post: (path: string, body?: Record<string, unknown>) => Promise<unknown>;
}

/** What a request asks for, as a sentence's end: "to cancel the order", "for a partial refund of $5.00". */
function asked(request: Resolution): string {
  return request.kind === "cancel" ? "to cancel the order" : `for a partial refund of ${money(request.amount)}`;
}

/** The request waiting for an answer, first in the order's aside: Accept and Decline for the other party. */
export function PendingResolution({ order, userId, post }: Props) {
  const { pending, mayAnswer } = resolutionActions(order, userId);
  const other = order.buyer.id === userId ? order.seller.username : order.buyer.username;
  return pending ? <PendingRequest request={pending} other={other} mayAnswer={mayAnswer} post={post} /> : null;
}

/** Cancelling alone where the rules allow it, otherwise asking to cancel or proposing a partial refund. */
export function ResolutionActions({ order, userId, post }: Props) {
  const actions = resolutionActions(order, userId);
  const buyer = order.buyer.id === userId;
  const other = buyer ? order.seller.username : order.buyer.username;
  const left = refundablePrice(order);
  const back = money(Number(order.total) - Number(order.refunded));
  return (
    <>
      {actions.proposeRefund ? (
        <ActionForm title="Propose a partial refund" submit="Propose the refund" busyText="Proposing…" onDone={(values) => post("resolution", { kind: "partial_refund", amount: values.amount, reason: values.reason })}>
          {(errors) => (
            <>
              {/* Sent as typed: the API's own message for a wrong amount shows under the input. */}
              <TextInput label="Amount ($)" name="amount" inputMode="decimal" required errors={errors} hint={`Less than ${money(left)}; ${other} has to agree.`} />
              <TextArea label="Reason" name="reason" required errors={errors} />
            </>
          )}
        </ActionForm>
      ) : null}

      {actions.askToCancel ? (
        <ActionForm title="Ask to cancel" submit="Ask to cancel" busyText="Asking…" onDone={(values) => post("resolution", { kind: "cancel", reason: values.reason })}>
          {(errors) => <TextArea label="Reason" name="reason" required errors={errors} hint={`If ${other} agrees, the buyer gets back ${back}.`} />}
        </ActionForm>
      ) : null}

      {actions.cancelAlone ? (
        <ActionForm title="Cancel the order" submit="Cancel the order" busyText="Cancelling and refunding…" onDone={(values) => post("cancel", { reason: values.reason })}>
          {(errors) => <TextArea label="Reason" name="reason" required errors={errors} hint={buyer ? `The order is late: you get back ${back}.` : `The buyer gets back ${back}.`} />}
        </ActionForm>
      ) : null}
    </>
  );
}

function PendingRequest({ request, other, mayAnswer, post }: { request: Resolution; other: string; mayAnswer: boolean; post: Props["post"] }) {
  const accept = useAction(() => post("resolution/accept"));
  return (
    <section className="card" aria-label="Request waiting for an answer">
      <h3>
        {mayAnswer ? `${request.requested_by_username} asks` : "You asked"} {asked(request)}
      </h3>
      <p className="prewrap">{request.reason}</p>
      {mayAnswer ? (
        <>
          <p>
            Answer by <strong>{when(request.expires_at)}</strong>: without an answer it is accepted.
          </p>
          <button type="button" className="primary" onClick={() => accept.run()} disabled={accept.busy} aria-busy={accept.busy}>
            {accept.busy ? "Accepting…" : "Accept"}
          </button>
          <FormError error={accept.error} />
          <ActionForm title="Decline the request" submit="Decline" busyText="Declining…" onDone={(values) => post("resolution/decline", { answer: values.answer ?? "" })}>
            {(errors) => <TextArea label="Your answer" name="answer" errors={errors} hint="Optional: why, for them." />}
          </ActionForm>
        </>
      ) : (
        <p className="muted">
          Waiting for {other} until {when(request.expires_at)}; without an answer it is accepted.
        </p>
      )}
    </section>
  );
}

const OUTCOMES: Record<Resolution["status"], string> = {
  pending: "waiting",
  accepted: "accepted",
  declined: "declined",
  expired: "accepted without an answer",
  closed: "closed",
};

/** Every request of the order with how it ended: both parties see the same. */
export function ResolutionHistory({ resolutions }: { resolutions: Resolution[] }) {
  if (!resolutions.length) return null;
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Cancellation and refund requests</h2>
      <ul className="requests">
        {resolutions.map((request) => (
          <li key={request.id} className="card">
            <strong>
              {request.requested_by_username} asked {asked(request)}
            </strong>{" "}
            <small className="muted">{when(request.requested_at)}</small> · {OUTCOMES[request.status]}
            <p className="prewrap">{request.reason}</p>
            {request.answer ? <p className="prewrap muted">Answer: {request.answer}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
