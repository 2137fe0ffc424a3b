// A gig's packages (basic alone, or basic, standard and premium): shown as tabs on the gig
// page, chosen again at checkout. Prices are the API's decimal strings.
import { useId } from "react";
import type { Package, Tier } from "../api/types";
import { money } from "./bits";

export const TIER_NAMES: Record<Tier, string> = { basic: "Basic", standard: "Standard", premium: "Premium" };

export function deliveryDays(days: number): string {
  return `${days} ${days === 1 ? "day" : "days"}`;
}

export function revisionsText(revisions: number | null): string {
  if (revisions === null) return "Unlimited revisions";
  return `${revisions} ${revisions === 1 ? "revision" : "revisions"}`;
}

/** The packages as tabs; the chosen one's title, price, description, delivery and revisions below. */
export function PackageTabs({ packages, selected, onSelect }: { packages: Package[]; selected: Tier; onSelect: (tier: Tier) => void }) {
  const id = useId();
  const chosen = packages.find((item) => item.tier === selected) ?? packages[0];
  return (
    <div className="packages">
      {packages.length > 1 ? (
        <div role="tablist" aria-label="Packages" className="package-tabs">
          {packages.map((item) => (
            <button
              key={item.tier}
              type="button"
              role="tab"
              id={`${id}-${item.tier}`}
              aria-selected={item.tier === chosen.tier}
              aria-controls={`${id}-panel`}
              onClick={() => onSelect(item.tier)}
            >
              {TIER_NAMES[item.tier]}
            </button>
          ))}
        </div>
      ) : null}
      <div role={packages.length > 1 ? "tabpanel" : undefined} id={`${id}-panel`} aria-labelledby={packages.length > 1 ? `${id}-${chosen.tier}` : undefined}>
        <h3>{chosen.title || `${TIER_NAMES[chosen.tier]} package`}</h3>
        <p className="price">{money(chosen.price)}</p>
        {chosen.description ? <p>{chosen.description}</p> : null}
        <ul className="package-terms">
          <li>Delivered in {deliveryDays(chosen.delivery_days)}</li>
          <li>{revisionsText(chosen.revisions)}</li>
        </ul>
      </div>
    </div>
  );
}
