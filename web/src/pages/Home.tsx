import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, query, type Page } from "../api/client";
import { CATEGORIES, SORTS, type Category, type GigSummary } from "../api/types";
import { GigCard, Loading } from "../components/bits";
import { messagesFor } from "../components/forms";
import { ApiError } from "../api/client";

const PAGE_SIZE = 12;
const SEARCH_PAUSE_MS = 120;
const FILTERS = ["q", "category", "min_price", "max_price", "max_delivery_days", "sort", "page"] as const;

/** The search the address describes: every filter lives in the URL, so results can be shared and go back. */
function searchOf(params: URLSearchParams): Record<string, string> {
  const search: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) search[name] = value;
  }
  return search;
}

export default function Home() {
  const [params, setParams] = useSearchParams();
  const search = searchOf(params);
  const key = JSON.stringify(search);
  const [categories, setCategories] = useState<Category[]>([]);
  const [results, setResults] = useState<Page<GigSummary> | null>(null);
  // The search the shown results answer: while the next one travels, the old results keep their own words.
  const [shownKey, setShownKey] = useState("{}");
  const shown = JSON.parse(shownKey) as Record<string, string>;
  const [error, setError] = useState<ApiError | null>(null);
  const [text, setText] = useState(search.q ?? "");

  useEffect(() => {
    api<Category[]>("categories").then(setCategories, () => setCategories([]));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<Page<GigSummary>>(`gigs${query({ ...JSON.parse(key), page_size: PAGE_SIZE })}`, { signal: controller.signal }).then(
      (found) => {
        setResults(found);
        setShownKey(key);
      },
      (caught) => {
        if (caught instanceof ApiError) {
          setError(caught);
          setResults(null);
        }
      },
    );
    return () => controller.abort();
  }, [key]);

  // Results follow the typing, once it pauses; the URL keeps the text. The pause is short: results
  // must show within 300 ms of the last key (bench/web_search.py), and a search made stale by the
  // next key is aborted, so asking early costs little.
  useEffect(() => {
    if (text === (search.q ?? "")) return;
    const timer = setTimeout(() => change({ q: text }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  function change(changes: Record<string, string>) {
    const next = { ...search, ...changes };
    if (!("page" in changes)) delete next.page;
    setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: Record<string, string> = {};
    form.forEach((value, name) => {
      changes[name] = String(value);
    });
    change(changes);
  }

  const page = Number(search.page ?? 1);
  const pages = results ? Math.max(1, Math.ceil(results.count / PAGE_SIZE)) : 1;

  return (
    <div className="home">
      <form role="search" className="search" onSubmit={submit} aria-label="Search gigs">
        <label htmlFor="q" className="visually-hidden">
          What are you looking for?
        </label>
        <input
          id="q"
          name="q"
          type="search"
          placeholder="Try “logo design”"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>

      <nav aria-label="Categories" className="categories">
        <ul>
          {(categories.length ? categories : CATEGORIES.map((name) => ({ name, active_gigs: 0 }))).map((category) => (
            <li key={category.name}>
              <button
                type="button"
                className={search.category === category.name ? "chip selected" : "chip"}
                aria-pressed={search.category === category.name}
                onClick={() => change({ category: search.category === category.name ? "" : category.name })}
              >
                {category.name}
                {category.active_gigs ? <span className="muted"> {category.active_gigs}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <form className="filters" onSubmit={submit} aria-label="Filters" key={key}>
        <div className="field">
          <label htmlFor="min_price">Min price ($)</label>
          <input id="min_price" name="min_price" inputMode="decimal" defaultValue={search.min_price ?? ""} aria-invalid={!!messagesFor(error?.fields, "min_price").length} />
        </div>
        <div className="field">
          <label htmlFor="max_price">Max price ($)</label>
          <input id="max_price" name="max_price" inputMode="decimal" defaultValue={search.max_price ?? ""} aria-invalid={!!messagesFor(error?.fields, "max_price").length} />
        </div>
        <div className="field">
          <label htmlFor="max_delivery_days">Delivery within (days)</label>
          <input id="max_delivery_days" name="max_delivery_days" inputMode="numeric" defaultValue={search.max_delivery_days ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={search.sort ?? (search.q ? "relevance" : "newest")} onChange={(event) => change({ sort: event.target.value })}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Apply</button>
      </form>

      {error ? (
        <p className="form-error" role="alert">
          {Object.values(error.fields).flat().join(" ") || error.detail}
        </p>
      ) : null}

      <section aria-labelledby="results-heading" aria-live="polite" aria-busy={shownKey !== key} data-results-for={shown.q ?? ""}>
        <h1 id="results-heading" className="results-heading">
          {results === null && !error ? (
            <Loading what="Searching" />
          ) : results ? (
            <>
              {results.count} {results.count === 1 ? "gig" : "gigs"}
              {shown.q ? <> for “{shown.q}”</> : null}
              {shown.category ? <> in {shown.category}</> : null}
            </>
          ) : (
            "No results"
          )}
        </h1>
        {shown.q && results ? (
          <p className="muted typo-note">Close spellings count too: a small typo still finds what you meant.</p>
        ) : null}
        {results && results.results.length === 0 ? (
          <p>
            Nothing matches yet. <Link to="/">See every gig</Link>
          </p>
        ) : null}
        <div className="grid">
          {results?.results.map((gig) => (
            <GigCard key={gig.id} gig={gig} />
          ))}
        </div>
        {results && pages > 1 ? (
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={page <= 1} onClick={() => change({ page: String(page - 1) })}>
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button type="button" disabled={page >= pages} onClick={() => change({ page: String(page + 1) })}>
              Next
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
