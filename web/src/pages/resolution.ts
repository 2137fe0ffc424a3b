// What a party of an order may do about cancelling and refunds, by docs/marketplace-rules.md:
// cancel alone only where the rules allow it, otherwise ask the other party, who answers.

export interface Resolution {
  id: number;
  kind: "cancel" | "partial_refund";
  amount: string;
  reason: string;
  requested_by_id: number;
  requested_by_username: string;
  status: "pending" | "accepted" | "declined" | "expired" | "closed";
  answer: string;
  requested_at: string;
  expires_at: string;
  decided_at: string | null;
}

export interface ResolvableOrder {
  status: "in_progress" | "delivered" | "completed" | "cancelled";
  buyer: { id: number };
  price: string;
  refunded: string;
  due_at: string;
  resolutions: Resolution[];
}

export interface ResolutionActions {
  /** May end the order alone (`POST /cancel`): a seller before delivering, a buyer once it is late. */
  cancelAlone: boolean;
  /** May ask the other party to cancel (when cancelling alone is not allowed). */
  askToCancel: boolean;
  /** May propose a partial refund. */
  proposeRefund: boolean;
  /** The request waiting for an answer, if any. */
  pending: Resolution | null;
  /** Is the one to accept or decline ``pending``. */
  mayAnswer: boolean;
}

export function resolutionActions(order: ResolvableOrder, userId: number, now: Date = new Date()): ResolutionActions {
  const open = order.status === "in_progress" || order.status === "delivered";
  if (!open) return { cancelAlone: false, askToCancel: false, proposeRefund: false, pending: null, mayAnswer: false };
  const buyer = order.buyer.id === userId;
  const late = now.getTime() > new Date(order.due_at).getTime();
  const cancelAlone = order.status === "in_progress" && (!buyer || late);
  const pending = order.resolutions.find((request) => request.status === "pending") ?? null;
  return {
    cancelAlone,
    askToCancel: !cancelAlone && !pending,
    proposeRefund: !pending && Number(refundablePrice(order)) > 0.01,
    pending,
    mayAnswer: pending !== null && pending.requested_by_id !== userId,
  };
}

/** What is left of the price to refund in part (a partial refund is less than this). */
export function refundablePrice(order: Pick<ResolvableOrder, "price" | "refunded">): string {
  return ((Math.round(Number(order.price) * 100) - Math.round(Number(order.refunded) * 100)) / 100).toFixed(2);
}

const TIMELINE_LABELS: Record<string, string> = {
  resolution_requested: "asked to cancel or refund",
  resolution_declined: "request declined",
  partially_refunded: "partially refunded",
};

/** A timeline entry's kind as people read it ("partially_refunded" → "partially refunded"). */
export function timelineLabel(kind: string): string {
  return TIMELINE_LABELS[kind] ?? kind.replace(/_/g, " ");
}
