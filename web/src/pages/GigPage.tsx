import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, ApiError, type Page } from "../api/client";
import type { Gig, GigSummary, Tier } from "../api/types";
import { Avatar, UserName } from "../components/Avatar";
import { GigCard, Loading, money, Stars, when } from "../components/bits";
import { PackageTabs } from "../components/packages";
import { useSession } from "../session";

export interface Review {
  id: number;
  gig_id: number;
  gig_title: string;
  reviewer_username: string;
  rating: number;
  comment: string;
  comment_hidden: boolean;
  created_at: string;
}

export interface SellerProfile {
  username: string;
  full_name: string;
  one_liner: string;
  description: string;
  country: string;
  avatar_url: string | null;
  member_since: string;
  response_time_hours: number;
  rating_average: number | null;
  ratings_count: number;
  completed_jobs: number;
  rating_breakdown: Record<string, number>;
  languages: { language: string; level: string }[];
  skills: string[];
}

export function Breakdown({ breakdown, total }: { breakdown: Record<string, number>; total: number }) {
  return (
    <table className="breakdown">
      <caption className="visually-hidden">Ratings by stars</caption>
      <tbody>
        {[5, 4, 3, 2, 1].map((stars) => {
          const count = breakdown[String(stars)] ?? 0;
          return (
            <tr key={stars}>
              <th scope="row">{stars} ★</th>
              <td>
                <meter min={0} max={Math.max(total, 1)} value={count} aria-label={`${count} of ${total} ratings gave ${stars} stars`} />
              </td>
              <td>{count}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReviewList({ reviews, showGig = false }: { reviews: Review[]; showGig?: boolean }) {
  if (!reviews.length) return <p className="muted">No reviews yet.</p>;
  return (
    <ul className="reviews">
      {reviews.map((review) => (
        <li key={review.id} className="card">
          <p>
            <strong>
              <UserName username={review.reviewer_username} />
            </strong>{" "}
            <span aria-label={`${review.rating} out of 5 stars`}>{"★".repeat(review.rating)}</span> <small className="muted">{when(review.created_at)}</small>
          </p>
          {showGig ? (
            <p className="muted">
              on <Link to={`/gigs/${review.gig_id}`}>{review.gig_title}</Link>
            </p>
          ) : null}
          {review.comment_hidden ? <p className="muted">This comment was hidden by our moderators.</p> : review.comment ? <p>{review.comment}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export default function GigPage() {
  const { id } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const [gig, setGig] = useState<Gig | null>(null);
  const [missing, setMissing] = useState(false);
  const [seller, setSeller] = useState<SellerProfile | null>(null);
  const [reviews, setReviews] = useState<Review[]>([]);
  const [similar, setSimilar] = useState<GigSummary[]>([]);
  const [tier, setTier] = useState<Tier>("basic");

  useEffect(() => {
    setGig(null);
    setMissing(false);
    setTier("basic");
    api<Gig>(`gigs/${id}`).then(
      (found) => {
        setGig(found);
        api<SellerProfile>(`sellers/${found.seller.username}`).then(setSeller, () => setSeller(null));
      },
      (error) => error instanceof ApiError && error.status === 404 && setMissing(true),
    );
    api<Page<Review>>(`gigs/${id}/reviews?page_size=10`).then((page) => setReviews(page.results), () => setReviews([]));
    api<Page<GigSummary>>(`gigs/${id}/similar`).then((page) => setSimilar(page.results), () => setSimilar([]));
  }, [id]);

  if (missing) {
    return (
      <div className="narrow">
        <h1>This gig is not available</h1>
        <p>
          It was paused or removed. <Link to="/">Find another one</Link>
        </p>
      </div>
    );
  }
  if (!gig) return <Loading what="Loading the gig" />;
  const mine = user?.id === gig.seller.id;
  // A gig answered before packages existed still sells its own price as the basic package.
  const packages = gig.packages?.length
    ? gig.packages
    : [{ tier: "basic" as const, title: gig.basic_title, description: gig.basic_description, price: gig.price, delivery_days: gig.expected_delivery_days, revisions: null }];
  const chosen = packages.find((item) => item.tier === tier) ?? packages[0];
  const checkout = `/checkout?gig=${gig.id}&package=${chosen.tier}`;
  const signIn = (next: string) => navigate(`/signin?next=${encodeURIComponent(next)}`);
  return (
    <article className="gig-page">
      <div className="columns">
        <div>
          <p className="muted">
            <Link to={`/?category=${encodeURIComponent(gig.category)}`}>{gig.category}</Link>
            {gig.sub_categories.length ? ` › ${gig.sub_categories.join(", ")}` : ""}
          </p>
          <h1>{gig.title}</h1>
          {!gig.active ? <p className="notice">This gig is paused: only you can see it.</p> : null}
          <p>
            <Stars average={gig.rating_average} count={gig.ratings_count} />
          </p>
          {gig.cover_image_url ? <img className="cover" src={gig.cover_image_url} alt={`Cover of “${gig.title}”`} /> : null}
          <h2>About this gig</h2>
          <p className="prewrap">{gig.description}</p>
          {gig.tags.length ? (
            <ul className="tags" aria-label="Tags">
              {gig.tags.map((tag) => (
                <li key={tag}>
                  <Link to={`/?q=${encodeURIComponent(tag)}`}>{tag}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          <h2>Reviews</h2>
          <Breakdown breakdown={gig.rating_breakdown} total={gig.ratings_count} />
          <ReviewList reviews={reviews} />
        </div>
        <aside>
          <section className="card" aria-labelledby="package-heading">
            <h2 id="package-heading">{packages.length > 1 ? `Packages from ${money(gig.price)}` : "Package"}</h2>
            <PackageTabs packages={packages} selected={chosen.tier} onSelect={setTier} />
            {mine ? (
              <Link to="/dashboard" className="button">
                Manage in your dashboard
              </Link>
            ) : (
              <div className="stack">
                <button type="button" className="primary" onClick={() => (user ? navigate(checkout) : signIn(checkout))}>
                  Continue ({money(chosen.price)})
                </button>
                <button
                  type="button"
                  onClick={() => {
                    const to = `/inbox?to=${encodeURIComponent(gig.seller.username)}&gig=${gig.id}`;
                    return user ? navigate(to) : signIn(to);
                  }}
                >
                  Contact {gig.seller.username}
                </button>
              </div>
            )}
          </section>
          <section className="card seller-card" aria-labelledby="seller-heading">
            <h2 id="seller-heading">About the seller</h2>
            <p className="seller-line">
              <Avatar username={gig.seller.username} url={seller ? seller.avatar_url : undefined} size={56} />
              <span>
                <strong>{seller?.full_name || gig.seller.full_name}</strong> (<Link to={`/sellers/${encodeURIComponent(gig.seller.username)}`}>{gig.seller.username}</Link>)
              </span>
            </p>
            <p className="muted">{seller?.one_liner || gig.seller.one_liner}</p>
            <Stars average={gig.seller.rating_average} count={gig.seller.ratings_count} />
            <dl>
              <dt>From</dt>
              <dd>{gig.seller.country}</dd>
              {seller ? (
                <>
                  <dt>Member since</dt>
                  <dd>{new Date(seller.member_since).toLocaleDateString("en-US", { year: "numeric", month: "long" })}</dd>
                  <dt>Answers within</dt>
                  <dd>{seller.response_time_hours} hours</dd>
                  <dt>Orders completed</dt>
                  <dd>{seller.completed_jobs}</dd>
                  <dt>Speaks</dt>
                  <dd>{seller.languages.map((entry) => `${entry.language} (${entry.level})`).join(", ")}</dd>
                </>
              ) : null}
            </dl>
          </section>
        </aside>
      </div>
      {similar.length ? (
        <section aria-labelledby="similar-heading">
          <h2 id="similar-heading">More like this</h2>
          <div className="grid">
            {similar.slice(0, 4).map((other) => (
              <GigCard key={other.id} gig={other} />
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}
