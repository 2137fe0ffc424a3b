// A seller's public page: the seller's card with their picture and rating, their active gigs
// and the reviews buyers left them. Every seller's username across the pages links here.
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, ApiError, type Page } from "../api/client";
import type { GigSummary } from "../api/types";
import { Avatar } from "../components/Avatar";
import { GigCard, Loading, Stars } from "../components/bits";
import { useSession } from "../session";
import { Breakdown, ReviewList, type Review, type SellerProfile } from "./GigPage";

export default function SellerPage() {
  const { username = "" } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const [seller, setSeller] = useState<SellerProfile | null>(null);
  const [missing, setMissing] = useState(false);
  const [gigs, setGigs] = useState<GigSummary[] | null>(null);
  const [reviews, setReviews] = useState<Review[] | null>(null);

  useEffect(() => {
    setSeller(null);
    setMissing(false);
    const name = encodeURIComponent(username);
    api<SellerProfile>(`sellers/${name}`).then(setSeller, (error) => error instanceof ApiError && error.status === 404 && setMissing(true));
    api<Page<GigSummary>>(`sellers/${name}/gigs?active=true&page_size=24`).then((page) => setGigs(page.results), () => setGigs([]));
    api<Page<Review>>(`sellers/${name}/reviews?page_size=10`).then((page) => setReviews(page.results), () => setReviews([]));
  }, [username]);

  if (missing) {
    return (
      <div className="narrow">
        <h1>No seller has this username</h1>
        <p>
          <Link to="/">Back to the marketplace</Link>
        </p>
      </div>
    );
  }
  if (!seller) return <Loading what="Loading the seller" />;
  const mine = user?.username.toLowerCase() === seller.username.toLowerCase();
  const contact = `/inbox?to=${encodeURIComponent(seller.username)}`;
  return (
    <article className="seller-page">
      <section className="card seller-card seller-head" aria-labelledby="seller-name">
        <Avatar username={seller.username} url={seller.avatar_url} size={96} />
        <div>
          <h1 id="seller-name">{seller.full_name}</h1>
          <p className="muted">@{seller.username}</p>
          <p>{seller.one_liner}</p>
          <Stars average={seller.rating_average ?? 0} count={seller.ratings_count} />
          <dl>
            <dt>From</dt>
            <dd>{seller.country}</dd>
            <dt>Member since</dt>
            <dd>{new Date(seller.member_since).toLocaleDateString("en-US", { year: "numeric", month: "long" })}</dd>
            <dt>Answers within</dt>
            <dd>{seller.response_time_hours} hours</dd>
            <dt>Orders completed</dt>
            <dd>{seller.completed_jobs}</dd>
            {seller.languages.length ? (
              <>
                <dt>Speaks</dt>
                <dd>{seller.languages.map((entry) => `${entry.language} (${entry.level})`).join(", ")}</dd>
              </>
            ) : null}
          </dl>
          {mine ? (
            <Link to="/dashboard" className="button">
              Your dashboard
            </Link>
          ) : (
            <button type="button" className="primary" onClick={() => navigate(user ? contact : `/signin?next=${encodeURIComponent(contact)}`)}>
              Contact {seller.username}
            </button>
          )}
        </div>
      </section>
      {seller.description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">About</h2>
          <p className="prewrap">{seller.description}</p>
          {seller.skills.length ? (
            <ul className="tags" aria-label="Skills">
              {seller.skills.map((skill) => (
                <li key={skill}>
                  <span>{skill}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="gigs-heading">
        <h2 id="gigs-heading">Gigs by {seller.username}</h2>
        {gigs === null ? <Loading what="Loading the gigs" /> : gigs.length ? (
          <div className="grid">
            {gigs.map((gig) => (
              <GigCard key={gig.id} gig={gig} />
            ))}
          </div>
        ) : (
          <p className="muted">No active gigs right now.</p>
        )}
      </section>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        <Breakdown breakdown={seller.rating_breakdown} total={seller.ratings_count} />
        {reviews === null ? <Loading what="Loading the reviews" /> : <ReviewList reviews={reviews} showGig />}
      </section>
    </article>
  );
}
