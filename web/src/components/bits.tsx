import { Link } from "react-router-dom";
import type { GigSummary } from "../api/types";
import { UserName } from "./Avatar";

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** A decimal string of the API ("1250.00") as money ("$1,250.00"). */
export function money(amount: string | number): string {
  return dollars.format(Number(amount));
}

export function Stars({ average, count }: { average: string | number; count: number }) {
  const value = Number(average);
  const label = count ? `Rated ${value.toFixed(1)} out of 5 by ${count} ${count === 1 ? "buyer" : "buyers"}` : "No ratings yet";
  return (
    <span className="stars" aria-label={label} title={label}>
      <span aria-hidden="true">★ {count ? value.toFixed(1) : "–"}</span>
      <span className="muted" aria-hidden="true">
        {" "}
        ({count})
      </span>
    </span>
  );
}

export function GigCard({ gig }: { gig: GigSummary }) {
  return (
    <article className="gig-card">
      <Link to={`/gigs/${gig.id}`} className="gig-card-link">
        {gig.cover_image_url ? (
          <img src={gig.cover_image_url} alt="" loading="lazy" width={320} height={180} />
        ) : (
          <div className="cover-placeholder" aria-hidden="true">
            {gig.category}
          </div>
        )}
        <h3>{gig.title}</h3>
      </Link>
      <p className="muted">
        by <UserName username={gig.seller.username} seller /> · {gig.expected_delivery_days} days
      </p>
      <p className="gig-card-foot">
        <Stars average={gig.rating_average} count={gig.ratings_count} />
        <strong>{money(gig.price)}</strong>
      </p>
    </article>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}
