// Becoming a seller, the seller's dashboard (stats, earnings, gigs, incoming orders) and the
// gig form with its cover upload.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, ApiError, refreshTokens, untilKnown, type Page } from "../api/client";
import { CATEGORIES, type Gig } from "../api/types";
import { UserName } from "../components/Avatar";
import { Loading, money, Stars, when } from "../components/bits";
import { FormError, Select, Submit, TextArea, TextInput, useAction, valuesOf } from "../components/forms";
import { useSession } from "../session";
import { upload } from "../upload";
import { useFrames } from "../useRealtime";
import { Payouts } from "./Payouts";

const LEVELS = [
  ["fluent", "Fluent"],
  ["native", "Native"],
  ["conversational", "Conversational"],
  ["basic", "Basic"],
] as const;

const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export function BecomeSeller() {
  const { user, reload } = useSession();
  const navigate = useNavigate();
  const { run, busy, error } = useAction(async (values: Record<string, string>) => {
    // Right after the email is verified the users service may not know it yet.
    await untilKnown(() => api("sellers", { method: "POST", body: {
      full_name: values.full_name,
      one_liner: values.one_liner,
      description: values.description,
      skills: list(values.skills),
      languages: [{ language: values.language, level: values.level }],
      response_time_hours: Number(values.response_time_hours) || values.response_time_hours,
    } }), ["email_not_verified", "buyer_profile_pending"]);
    // The access token learns is_seller from auth; the pages need only the profile to exist.
    await refreshTokens();
    await reload();
    navigate("/dashboard?new=1");
  });
  if (user && !user.email_verified) {
    return (
      <div className="narrow card">
        <h1>Become a seller</h1>
        <p className="notice">Verify your email first: open the link we sent to {user.email}, or ask for a new one in <Link to="/settings">settings</Link>.</p>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Become a seller</h1>
      <form
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          run(valuesOf(event.currentTarget));
        }}
      >
        <TextInput label="Full name" name="full_name" autoComplete="name" required errors={error?.fields} />
        <TextInput label="One-liner" name="one_liner" required errors={error?.fields} hint="What you do, in a few words." />
        <TextArea label="About you" name="description" required errors={error?.fields} />
        <TextInput label="Skills" name="skills" required errors={error?.fields} hint="Separated by commas: logo design, branding" />
        <fieldset>
          <legend>A language you work in</legend>
          <TextInput label="Language" name="language" defaultValue="English" required errors={error?.fields} />
          <Select label="Level" name="level" options={LEVELS} errors={error?.fields} />
          {error?.fields.languages ? (
            <p className="field-error" role="alert">
              {error.fields.languages.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <TextInput label="You answer within (hours)" name="response_time_hours" inputMode="numeric" defaultValue="24" errors={error?.fields} />
        <FormError error={error} />
        <Submit busy={busy} busyText="Creating your seller profile…">
          Become a seller
        </Submit>
      </form>
    </div>
  );
}

interface OwnSeller {
  username: string;
  full_name: string;
  rating_average: number | null;
  ratings_count: number;
  ongoing_jobs: number;
  completed_jobs: number;
  total_gigs: number;
}

interface Earnings {
  total_earnings: string;
  average_selling_price: string;
  completed_orders: number;
}

export interface OrderSummary {
  id: string;
  status: "in_progress" | "delivered" | "completed" | "cancelled";
  buyer: { id: number; username: string };
  seller: { id: number; username: string };
  gig: { id: number; title: string };
  price: string;
  total: string;
  /** Credited on completion; null until then. */
  seller_earnings: string | null;
  /** What the seller earns: seller_earnings once completed, what completing would credit while open. */
  expected_seller_earnings: string;
  placed_at: string;
  due_at: string;
  buyer_reviewed: boolean;
  seller_reviewed: boolean;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status ${status}`}>{status.replace("_", " ")}</span>;
}

export function OrderTable({ orders, role }: { orders: OrderSummary[]; role: "buyer" | "seller" }) {
  if (!orders.length) return <p className="muted">No orders yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data stacks">
        <thead>
          <tr>
            <th scope="col">Gig</th>
            <th scope="col">{role === "seller" ? "Buyer" : "Seller"}</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">{role === "seller" ? "You earn" : "Total"}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <td data-label="Gig">
                <Link to={`/orders/${order.id}`}>{order.gig.title}</Link>
              </td>
              <td data-label={role === "seller" ? "Buyer" : "Seller"}>
                {role === "seller" ? <UserName username={order.buyer.username} /> : <UserName username={order.seller.username} seller />}
              </td>
              <td data-label="Status">
                <StatusBadge status={order.status} />
              </td>
              <td data-label="Due">{when(order.due_at)}</td>
              <td data-label={role === "seller" ? "You earn" : "Total"}>{money(role === "seller" ? order.expected_seller_earnings : order.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Dashboard() {
  const { user } = useSession();
  const [seller, setSeller] = useState<OwnSeller | null>(null);
  const [earnings, setEarnings] = useState<Earnings | null>(null);
  const [gigs, setGigs] = useState<Gig[] | null>(null);
  const [orders, setOrders] = useState<OrderSummary[]>([]);
  const [notSeller, setNotSeller] = useState(false);

  const load = useCallback(async () => {
    if (!user) return;
    try {
      setSeller(await api<OwnSeller>("sellers/me"));
    } catch (error) {
      if (error instanceof ApiError && error.code === "not_a_seller") setNotSeller(true);
      return;
    }
    const [active, paused, earned, incoming] = await Promise.all([
      api<Page<Gig>>(`sellers/${user.username}/gigs?active=true&page_size=50`).catch(() => null),
      api<Page<Gig>>(`sellers/${user.username}/gigs?active=false&page_size=50`).catch(() => null),
      api<Earnings>("sellers/me/earnings").catch(() => null),
      api<Page<OrderSummary>>("orders?role=seller&page_size=20").catch(() => null),
    ]);
    setGigs([...(active?.results ?? []), ...(paused?.results ?? [])]);
    setEarnings(earned);
    setOrders(incoming?.results ?? []);
  }, [user]);

  useEffect(() => {
    load();
  }, [load]);
  useFrames(["order.updated"], () => load());

  if (notSeller) {
    return (
      <div className="narrow">
        <h1>Your dashboard</h1>
        <p>
          You are not selling yet. <Link to="/become-a-seller">Become a seller</Link>
        </p>
      </div>
    );
  }
  if (!seller) return <Loading what="Loading your dashboard" />;
  return (
    <div>
      <h1>Your dashboard</h1>
      <div className="stats">
        <div>
          Total earnings<strong>{earnings ? money(earnings.total_earnings) : "–"}</strong>
        </div>
        <div>
          Average order<strong>{earnings ? money(earnings.average_selling_price) : "–"}</strong>
        </div>
        <div>
          Completed orders<strong>{seller.completed_jobs}</strong>
        </div>
        <div>
          Ongoing orders<strong>{seller.ongoing_jobs}</strong>
        </div>
        <div>
          Rating<strong>{seller.ratings_count ? <Stars average={seller.rating_average ?? 0} count={seller.ratings_count} /> : "–"}</strong>
        </div>
      </div>
      <Payouts />
      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading">Incoming orders</h2>
        <OrderTable orders={orders} role="seller" />
      </section>
      <section aria-labelledby="gigs-heading">
        <h2 id="gigs-heading">Your gigs</h2>
        <p>
          <Link to="/gigs/new" className="button primary">
            Create a gig
          </Link>
        </p>
        {gigs === null ? <Loading /> : gigs.length === 0 ? <p className="muted">No gigs yet.</p> : null}
        <ul className="my-gigs">
          {gigs?.map((gig) => (
            <MyGig key={gig.id} gig={gig} onChange={load} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function MyGig({ gig, onChange }: { gig: Gig; onChange: () => void }) {
  const toggle = useAction(async () => {
    await api(`gigs/${gig.id}`, { method: "PATCH", body: { active: !gig.active } });
    onChange();
  });
  return (
    <li className="card my-gig">
      <Link to={`/gigs/${gig.id}`}>{gig.title}</Link> <span className="muted">{money(gig.price)}</span> <StatusBadge status={gig.active ? "active" : "paused"} />{" "}
      <button type="button" onClick={() => toggle.run()} disabled={toggle.busy} aria-busy={toggle.busy}>
        {toggle.busy ? "Saving…" : gig.active ? `Pause “${gig.title}”` : `Resume “${gig.title}”`}
      </button>
      <FormError error={toggle.error} />
    </li>
  );
}

const TIERS = ["basic", "standard", "premium"] as const;

/** The three packages from the form's fields (``standard_price``...; basic's are the gig's own). */
export function packagesOf(values: Record<string, string>) {
  return TIERS.map((tier) => {
    const field = (name: string) => values[tier === "basic" ? { title: "basic_title", price: "price", delivery_days: "expected_delivery_days" }[name] ?? `basic_${name}` : `${tier}_${name}`] ?? "";
    const revisions = field("revisions").trim();
    return {
      tier,
      title: field("title"),
      description: field("description"),
      price: field("price"),
      delivery_days: Number(field("delivery_days")) || 0,
      revisions: revisions === "" ? null : Number(revisions),
    };
  });
}

/** The fields of the standard or premium package (and the basic one's revisions). */
function PackageFields({ tier, errors }: { tier: "standard" | "premium"; errors?: Record<string, string[]> }) {
  const name = tier === "standard" ? "Standard" : "Premium";
  return (
    <fieldset>
      <legend>{name} package</legend>
      <TextInput label={`${name} title`} name={`${tier}_title`} errors={errors} />
      <TextInput label={`${name} description`} name={`${tier}_description`} errors={errors} />
      <TextInput label={`${name} price ($)`} name={`${tier}_price`} inputMode="decimal" required errors={errors} hint="More than the package before" />
      <TextInput label={`${name} delivery (days)`} name={`${tier}_delivery_days`} inputMode="numeric" required errors={errors} />
      <TextInput label={`${name} revisions`} name={`${tier}_revisions`} inputMode="numeric" errors={errors} hint="Empty: unlimited" />
    </fieldset>
  );
}

export function NewGig() {
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const [three, setThree] = useState(false);
  const { run, busy, error } = useAction(async (form: HTMLFormElement) => {
    const values = valuesOf(form);
    const data = new FormData();
    const own = three ? ["title", "description", "category"] : ["title", "description", "category", "price", "expected_delivery_days", "basic_title", "basic_description"];
    for (const name of own) {
      if (values[name]) data.append(name, values[name]);
    }
    if (three) data.append("packages", JSON.stringify(packagesOf(values)));
    for (const tag of list(values.tags ?? "")) data.append("tags", tag);
    const cover = (form.elements.namedItem("cover_image") as HTMLInputElement).files?.[0];
    if (cover) data.append("cover_image", cover);
    setProgress(0);
    try {
      const gig = await untilKnown(() => upload<Gig>("POST", "gigs", data, setProgress), ["seller_profile_required"]);
      navigate(`/gigs/${gig.id}`);
    } finally {
      setProgress(null);
    }
  });
  return (
    <div className="narrow card">
      <h1>Create a gig</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(event.currentTarget);
        }}
      >
        <TextInput label="Title" name="title" required errors={error?.fields} hint="I will …" />
        <TextArea label="Description" name="description" required errors={error?.fields} />
        <Select label="Category" name="category" options={CATEGORIES.map((name) => [name, name] as const)} errors={error?.fields} />
        <TextInput label="Tags" name="tags" errors={error?.fields} hint="Up to 10, separated by commas." />
        <TextInput label="Price ($)" name="price" inputMode="decimal" required errors={error?.fields} hint="From 5.00 to 100,000.00" />
        <TextInput label="Delivery (days)" name="expected_delivery_days" inputMode="numeric" required errors={error?.fields} />
        <TextInput label="Package title" name="basic_title" errors={error?.fields} />
        <label className="checkbox">
          <input type="checkbox" checked={three} onChange={(event) => setThree(event.target.checked)} /> Offer three packages (basic, standard, premium)
        </label>
        {three ? (
          <>
            <TextInput label="Basic revisions" name="basic_revisions" inputMode="numeric" errors={error?.fields} hint="Empty: unlimited" />
            <PackageFields tier="standard" errors={error?.fields} />
            <PackageFields tier="premium" errors={error?.fields} />
          </>
        ) : null}
        {error?.fields.packages ? (
          <p className="form-error" role="alert">
            {error.fields.packages.join(" ")}
          </p>
        ) : null}
        <TextInput label="Cover image" name="cover_image" type="file" accept="image/jpeg,image/png,image/webp" errors={error?.fields} hint="JPEG, PNG or WebP." />
        {progress !== null ? (
          <label className="field">
            Uploading {Math.round(progress * 100)}%
            <progress className="progress" max={1} value={progress} />
          </label>
        ) : null}
        <FormError error={error} />
        <Submit busy={busy} busyText="Publishing…">
          Publish gig
        </Submit>
      </form>
    </div>
  );
}
