import { describe, expect, it } from "vitest";
import { refundablePrice, resolutionActions, timelineLabel, type Resolution, type ResolvableOrder } from "./resolution";

const BUYER = 1;
const SELLER = 2;
const DUE = "2026-12-10T12:00:00Z";
const BEFORE_DUE = new Date("2026-12-09T12:00:00Z");
const AFTER_DUE = new Date("2026-12-11T12:00:00Z");

function order(changes: Partial<ResolvableOrder> = {}): ResolvableOrder {
  return { status: "in_progress", buyer: { id: BUYER }, price: "55.00", refunded: "0.00", due_at: DUE, resolutions: [], ...changes };
}

function request(changes: Partial<Resolution> = {}): Resolution {
  return {
    id: 7, kind: "partial_refund", amount: "5.00", reason: "Only one concept", requested_by_id: BUYER, requested_by_username: "bea",
    status: "pending", answer: "", requested_at: "2026-12-09T10:00:00Z", expires_at: "2026-12-11T10:00:00Z", decided_at: null, ...changes,
  };
}

describe("resolutionActions", () => {
  it("lets the seller cancel an undelivered order alone", () => {
    expect(resolutionActions(order(), SELLER, BEFORE_DUE)).toMatchObject({ cancelAlone: true, askToCancel: false, proposeRefund: true });
  });

  it("has the buyer ask to cancel an order that is not late yet", () => {
    expect(resolutionActions(order(), BUYER, BEFORE_DUE)).toMatchObject({ cancelAlone: false, askToCancel: true, proposeRefund: true });
  });

  it("lets the buyer cancel a late undelivered order alone", () => {
    expect(resolutionActions(order(), BUYER, AFTER_DUE)).toMatchObject({ cancelAlone: true, askToCancel: false });
  });

  it("has both parties ask to cancel a delivered order, late or not", () => {
    const delivered = order({ status: "delivered" });
    expect(resolutionActions(delivered, BUYER, AFTER_DUE)).toMatchObject({ cancelAlone: false, askToCancel: true });
    expect(resolutionActions(delivered, SELLER, BEFORE_DUE)).toMatchObject({ cancelAlone: false, askToCancel: true });
  });

  it("offers nothing on a completed or cancelled order", () => {
    const none = { cancelAlone: false, askToCancel: false, proposeRefund: false, pending: null, mayAnswer: false };
    expect(resolutionActions(order({ status: "completed" }), BUYER, AFTER_DUE)).toEqual(none);
    expect(resolutionActions(order({ status: "cancelled" }), SELLER, BEFORE_DUE)).toEqual(none);
  });

  it("lets only the other party answer a waiting request, and nobody ask another meanwhile", () => {
    const waiting = order({ resolutions: [request({ status: "declined" }), request({ id: 8 })] });
    expect(resolutionActions(waiting, SELLER, BEFORE_DUE)).toMatchObject({ pending: { id: 8 }, mayAnswer: true, askToCancel: false, proposeRefund: false });
    expect(resolutionActions(waiting, BUYER, BEFORE_DUE)).toMatchObject({ pending: { id: 8 }, mayAnswer: false, askToCancel: false, proposeRefund: false });
  });

  it("keeps the seller's cancel alone while the buyer's request waits", () => {
    expect(resolutionActions(order({ resolutions: [request()] }), SELLER, BEFORE_DUE).cancelAlone).toBe(true);
  });

  it("offers no partial refund once at most a cent of the price is left", () => {
    expect(resolutionActions(order({ refunded: "54.99" }), BUYER, BEFORE_DUE).proposeRefund).toBe(false);
  });
});

describe("refundablePrice", () => {
  it("is the price less what was refunded, to the cent", () => {
    expect(refundablePrice({ price: "55.10", refunded: "5.20" })).toBe("49.90");
  });
});

describe("timelineLabel", () => {
  it("names the resolution steps and spells out the others", () => {
    expect(timelineLabel("partially_refunded")).toBe("partially refunded");
    expect(timelineLabel("resolution_requested")).toBe("asked to cancel or refund");
    expect(timelineLabel("extension_requested")).toBe("extension requested");
  });
});
