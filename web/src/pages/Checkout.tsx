// Checkout: the server prices the gig or accepted offer (a payment intent), the buyer pays,
// then the order is placed for that payment. Locally payments go to localstripe, which a
// browser cannot confirm at, so the buyer pays with Stripe's test card through orders
// (payment-config says test_card); in production Stripe.js confirms the card with Stripe.
import type { Stripe, StripeCardElement } from "@stripe/stripe-js";
// The "pure" entry loads Stripe.js only when loadStripe is called: never on a fleet that pays with the test card.
import { loadStripe } from "@stripe/stripe-js/pure";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api, ApiError, untilKnown } from "../api/client";
import type { Package, Tier } from "../api/types";
import { Loading, money } from "../components/bits";
import { FormError, TextArea } from "../components/forms";
import { deliveryDays, revisionsText, TIER_NAMES } from "../components/packages";

interface PaymentConfig {
  provider: string;
  publishable_key: string;
  api_base: string;
  test_card: boolean;
}

interface Intent {
  payment_intent_id: string;
  client_secret: string;
  price: string;
  service_fee: string;
  total: string;
  /** The gig's package bought; empty for an offer. */
  package: Tier | "";
  delivery_days: number;
  revisions: number | null;
}

type Step = "ready" | "paying" | "placing";
const STEPS: Record<Step, string> = { ready: "", paying: "Paying…", placing: "Placing your order…" };

export default function Checkout() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const gig = params.get("gig");
  const offer = params.get("offer");
  const tier = (params.get("package") ?? "basic") as Tier;
  const [packages, setPackages] = useState<Package[]>([]);
  const [config, setConfig] = useState<PaymentConfig | null>(null);
  const [intent, setIntent] = useState<Intent | null>(null);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [step, setStep] = useState<Step>("ready");
  const [requirements, setRequirements] = useState("");
  const cardHolder = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: Stripe; card: StripeCardElement } | null>(null);

  useEffect(() => {
    setIntent(null);
    setError(null);
    const what = offer ? { offer_message_id: Number(offer) } : { gig_id: Number(gig), package: tier };
    Promise.all([api<PaymentConfig>("orders/payment-config"), untilKnown(() => api<Intent>("orders/payment-intent", { method: "POST", body: what }), ["gig_not_found", "offer_not_found"])]).then(
      ([loaded, opened]) => {
        setConfig(loaded);
        setIntent(opened);
      },
      (caught) => setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "Try again.")),
    );
  }, [gig, offer, tier]);

  useEffect(() => {
    if (!gig) return;
    api<{ title: string; packages?: Package[] }>(`gigs/${gig}`).then(
      (found) => {
        setTitle(found.title);
        setPackages(found.packages ?? []);
      },
      () => undefined,
    );
  }, [gig]);

  // Production: Stripe's own card field, mounted once the config says Stripe.js is the way.
  useEffect(() => {
    if (!config || config.test_card || !cardHolder.current || stripe.current) return;
    const unavailable = () => setError(new ApiError(0, "stripe_unavailable", "The card form could not load. Check your connection and reload."));
    loadStripe(config.publishable_key).then((js) => {
      if (!js || !cardHolder.current) return unavailable();
      const card = js.elements().create("card");
      card.mount(cardHolder.current);
      stripe.current = { js, card };
    }, unavailable);
  }, [config]);

  async function pay() {
    if (!intent || !config) return;
    if (!requirements.trim()) {
      setError(new ApiError(400, "invalid", "Tell the seller what you need.", { requirements: ["Tell the seller what you need."] }));
      return;
    }
    setError(null);
    try {
      setStep("paying");
      if (config.test_card) {
        const paid = await api<{ status: string }>("orders/payment-intent/test-card", { method: "POST", body: { payment_intent_id: intent.payment_intent_id } });
        if (paid.status !== "succeeded") throw new ApiError(402, "payment_failed", "The test card was declined.");
      } else {
        if (!stripe.current) throw new ApiError(0, "stripe_unavailable", "The card form is still loading. Try again in a moment.");
        const result = await stripe.current.js.confirmCardPayment(intent.client_secret, { payment_method: { card: stripe.current.card } });
        if (result.error) throw new ApiError(402, "payment_failed", result.error.message ?? "The card was declined.");
      }
      setStep("placing");
      const order = await api<{ id: string }>("orders", { method: "POST", body: { payment_intent_id: intent.payment_intent_id, requirements } });
      navigate(`/orders/${order.id}?placed=1`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "Something went wrong. Try again."));
      setStep("ready");
    }
  }

  if (!intent) {
    return error ? (
      <div className="narrow card">
        <h1>Checkout</h1>
        <p className="form-error" role="alert">
          {Object.values(error.fields).flat().join(" ") || error.detail}
        </p>
        <Link to="/">Back to the marketplace</Link>
      </div>
    ) : (
      <Loading what="Preparing your order" />
    );
  }
  const busy = step !== "ready";
  return (
    <div className="narrow card">
      <h1>Checkout</h1>
      {title ? <p>{title}</p> : offer ? <p>Your accepted custom offer</p> : null}
      {packages.length > 1 ? (
        <fieldset className="package-choice" disabled={busy}>
          <legend>Package</legend>
          {packages.map((item) => (
            <label key={item.tier}>
              <input type="radio" name="package" value={item.tier} checked={item.tier === tier} onChange={() => setParams({ gig: gig ?? "", package: item.tier }, { replace: true })} />{" "}
              {TIER_NAMES[item.tier]} · {money(item.price)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <table className="data summary">
        <tbody>
          {intent.package ? (
            <tr>
              <th scope="row">Package</th>
              <td data-testid="package">
                {TIER_NAMES[intent.package]}: delivered in {deliveryDays(intent.delivery_days)}, {revisionsText(intent.revisions).toLowerCase()}
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">Price</th>
            <td>{money(intent.price)}</td>
          </tr>
          <tr>
            <th scope="row">Service fee</th>
            <td>{money(intent.service_fee)}</td>
          </tr>
          <tr>
            <th scope="row">Total</th>
            <td>
              <strong data-testid="total">{money(intent.total)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <TextArea label="What do you need?" name="requirements" value={requirements} onChange={(event) => setRequirements(event.target.value)} errors={error?.fields} hint="The seller starts from this." />
      {config?.test_card ? (
        <p className="notice">
          Local payments: this fleet pays at localstripe, so you pay with Stripe’s test card (Visa 4242 4242 4242 4242). No real money moves.
        </p>
      ) : (
        <div className="field">
          <span id="card-label">Card</span>
          <div ref={cardHolder} className="card-field" aria-labelledby="card-label" />
        </div>
      )}
      <FormError error={error && !error.fields.requirements ? error : null} />
      <button type="button" className="primary" onClick={pay} disabled={busy} aria-busy={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {busy ? STEPS[step] : config?.test_card ? `Pay ${money(intent.total)} with the test card` : `Pay ${money(intent.total)}`}
      </button>
    </div>
  );
}
