// One order as both parties see it: its timeline, deliveries and files, and what each side
// may do now (deliver, extend, revise, approve, cancel or ask to, refund in part, review), updated live.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api, ApiError, whenReady } from "../api/client";
import { UserName } from "../components/Avatar";
import { Loading, money, when } from "../components/bits";
import { FormError, Select, TextArea, TextInput, useAction } from "../components/forms";
import { useSession } from "../session";
import { upload } from "../upload";
import { useFrames } from "../useRealtime";
import { ActionForm } from "./ActionForm";
import { PendingResolution, ResolutionActions, ResolutionHistory } from "./OrderResolution";
import { timelineLabel, type Resolution } from "./resolution";
import { StatusBadge, type OrderSummary } from "./seller";

interface Order extends OrderSummary {
  service_fee: string;
  requirements: string;
  timeline: { kind: string; at: string; actor_username: string | null; message: string }[];
  deliveries: { id: number; message: string; delivered_at: string; files: { id: number; name: string; size: number; url: string }[] }[];
  extensions: { id: number; extra_days: number; reason: string; status: string; requested_at: string }[];
  auto_completed: boolean;
  refunded: string;
  resolutions: Resolution[];
}

const RATINGS = [
  ["5", "5 – excellent"],
  ["4", "4 – good"],
  ["3", "3 – fair"],
  ["2", "2 – poor"],
  ["1", "1 – bad"],
] as const;

export default function OrderPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { user } = useSession();
  const [order, setOrder] = useState<Order | null>(null);
  const [missing, setMissing] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const load = useCallback(
    () =>
      api<Order>(`orders/${id}`).then(setOrder, (error) => {
        if (error instanceof ApiError && error.status === 404) setMissing(true);
      }),
    [id],
  );
  useEffect(() => {
    load();
  }, [load]);
  useFrames(["order.updated"], (frame) => {
    if (frame.data.order_id === id) load();
  });
  const post = (path: string, body?: Record<string, unknown>) => api(`orders/${id}/${path}`, { method: "POST", body }).then(load);

  if (missing) return <p>No order of yours has this number.</p>;
  if (!order || !user) return <Loading what="Loading the order" />;
  const buyer = order.buyer.id === user.id;
  const other = buyer ? order.seller.username : order.buyer.username;
  const pendingExtension = order.extensions.find((extension) => extension.status === "pending");
  const reviewed = buyer ? order.buyer_reviewed : order.seller_reviewed;

  return (
    <div className="order-page">
      {/* Said once, on arriving from checkout: not once the order has moved on. */}
      {params.get("placed") && order.status === "in_progress" ? (
        <p className="notice" role="status">
          Your order is placed and paid. {order.seller.username} has been told.
        </p>
      ) : null}
      <h1>
        {order.gig.title} <StatusBadge status={order.status} />
      </h1>
      <div className="columns">
        <div>
          <section className="card" aria-labelledby="details-heading">
            <h2 id="details-heading">Details</h2>
            <dl className="details">
              <dt>{buyer ? "Seller" : "Buyer"}</dt>
              <dd>
                <UserName username={other} seller={buyer} /> · <Link to="/inbox">Message</Link>
              </dd>
              <dt>Due</dt>
              <dd>{when(order.due_at)}</dd>
              <dt>{buyer ? "You paid" : order.status === "completed" ? "You earned" : "You earn"}</dt>
              <dd data-testid="earnings">{buyer ? `${money(order.total)} (${money(order.price)} + ${money(order.service_fee)} fee)` : money(order.expected_seller_earnings)}</dd>
              {Number(order.refunded) > 0 ? (
                <>
                  <dt>Refunded</dt>
                  <dd data-testid="refunded">
                    {money(order.refunded)} {buyer ? "back to you" : `back to ${order.buyer.username}`}
                  </dd>
                </>
              ) : null}
              <dt>Requirements</dt>
              <dd className="prewrap">{order.requirements}</dd>
            </dl>
            <a className="button" href={`/api/v1/orders/${order.id}/invoice`} download>
              Download the invoice (PDF)
            </a>
          </section>

          <section aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">Deliveries</h2>
            {order.deliveries.length === 0 ? <p className="muted">Nothing delivered yet.</p> : null}
            {order.deliveries.map((delivery) => (
              <article key={delivery.id} className="card delivery">
                <p className="muted">{when(delivery.delivered_at)}</p>
                <p className="prewrap">{delivery.message}</p>
                <ul>
                  {delivery.files.map((file) => (
                    <li key={file.id}>
                      <a href={file.url} download={file.name}>
                        {file.name}
                      </a>{" "}
                      <small className="muted">({Math.ceil(file.size / 1024)} KB)</small>
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>

          <ResolutionHistory resolutions={order.resolutions} />

          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <ol className="timeline">
              {order.timeline.map((entry, index) => (
                <li key={index}>
                  <strong>{timelineLabel(entry.kind)}</strong> <small className="muted">{when(entry.at)}</small>
                  {entry.actor_username ? <span className="muted"> by {entry.actor_username}</span> : null}
                  {entry.message ? <p className="prewrap">{entry.message}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <aside aria-label="What you can do">
          <PendingResolution order={order} userId={user.id} post={post} />

          {!buyer && order.status === "in_progress" ? (
            <ActionForm
              title="Deliver your work"
              submit="Deliver"
              busyText="Uploading and delivering…"
              onDone={async (values, form) => {
                const data = new FormData();
                data.append("message", values.message ?? "");
                const files = (form.elements.namedItem("files") as HTMLInputElement).files;
                for (const file of Array.from(files ?? [])) data.append("files", file);
                setProgress(0);
                try {
                  await upload("POST", `orders/${order.id}/deliver`, data, setProgress);
                } finally {
                  setProgress(null);
                }
                await load();
              }}
            >
              {(errors) => (
                <>
                  <TextArea label="Delivery message" name="message" required errors={errors} />
                  <TextInput label="Files" name="files" type="file" multiple errors={errors} />
                  {progress !== null ? <progress className="progress" max={1} value={progress} aria-label="Uploading" /> : null}
                </>
              )}
            </ActionForm>
          ) : null}

          {!buyer && order.status === "in_progress" && !pendingExtension ? (
            <ActionForm title="Ask for more time" submit="Ask for the extension" busyText="Asking…" onDone={(values) => post("extension", { new_delivery_days: Number(values.new_delivery_days) || values.new_delivery_days, reason: values.reason })}>
              {(errors) => (
                <>
                  <TextInput label="Extra days" name="new_delivery_days" inputMode="numeric" required errors={errors} />
                  <TextArea label="Why" name="reason" required errors={errors} />
                </>
              )}
            </ActionForm>
          ) : null}

          {pendingExtension ? (
            <section className="card" aria-label="Extension asked for">
              <h3>
                {buyer ? `${order.seller.username} asks` : "You asked"} for {pendingExtension.extra_days} more days
              </h3>
              <p className="prewrap">{pendingExtension.reason}</p>
              {buyer ? <Decision onApprove={() => post("extension/approve")} onReject={() => post("extension/reject")} /> : <p className="muted">Waiting for {order.buyer.username}.</p>}
            </section>
          ) : null}

          {buyer && order.status === "delivered" ? (
            <>
              <ApproveButton onApprove={() => post("approve")} />
              <ActionForm title="Ask for a revision" submit="Send back for changes" busyText="Sending…" onDone={(values) => post("request-revision", { message: values.message })}>
                {(errors) => <TextArea label="What should change" name="message" required errors={errors} />}
              </ActionForm>
            </>
          ) : null}

          {order.status === "completed" && !reviewed ? (
            <ActionForm
              title={buyer ? `Review ${order.seller.username}` : `Review ${order.buyer.username}`}
              submit="Publish review"
              busyText="Publishing…"
              onDone={async (values) => {
                // Reviews learns a completed order a moment after it completes: it says so with Retry-After.
                await whenReady(() => api("reviews", { method: "POST", body: { order_id: order.id, rating: Number(values.rating), comment: values.comment ?? "" } }));
                await whenReady(async () => {
                  const fresh = await api<Order>(`orders/${order.id}`);
                  if (!(buyer ? fresh.buyer_reviewed : fresh.seller_reviewed)) throw new ApiError(409, "pending", "", {}, 1);
                  setOrder(fresh);
                });
              }}
            >
              {(errors) => (
                <>
                  <Select label="Rating" name="rating" options={RATINGS} errors={errors} />
                  <TextArea label="Comment" name="comment" errors={errors} />
                </>
              )}
            </ActionForm>
          ) : null}
          {order.status === "completed" && reviewed ? <p className="notice">You reviewed this order. Thank you!</p> : null}

          <ResolutionActions order={order} userId={user.id} post={post} />
        </aside>
      </div>
    </div>
  );
}

function ApproveButton({ onApprove }: { onApprove: () => Promise<unknown> }) {
  const { run, busy, error } = useAction(onApprove);
  return (
    <section className="card" aria-label="Approve the delivery">
      <h3>Happy with the delivery?</h3>
      <button type="button" className="primary" onClick={() => run()} disabled={busy} aria-busy={busy}>
        {busy ? "Approving…" : "Approve and complete"}
      </button>
      <FormError error={error} />
    </section>
  );
}

function Decision({ onApprove, onReject }: { onApprove: () => Promise<unknown>; onReject: () => Promise<unknown> }) {
  const approve = useAction(onApprove);
  const reject = useAction(onReject);
  return (
    <div className="actions">
      <button type="button" className="primary" onClick={() => approve.run()} disabled={approve.busy || reject.busy}>
        Approve the extension
      </button>
      <button type="button" className="danger" onClick={() => reject.run()} disabled={approve.busy || reject.busy}>
        Reject it
      </button>
      <FormError error={approve.error ?? reject.error} />
    </div>
  );
}
