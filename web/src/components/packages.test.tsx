import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { Package, Tier } from "../api/types";
import { packagesOf } from "../pages/seller";
import { PackageTabs, revisionsText } from "./packages";

const THREE: Package[] = [
  { tier: "basic", title: "One concept", description: "A logo", price: "20.00", delivery_days: 5, revisions: 1 },
  { tier: "standard", title: "Three concepts", description: "Logo and card", price: "45.00", delivery_days: 1, revisions: 3 },
  { tier: "premium", title: "Brand kit", description: "Everything", price: "90.00", delivery_days: 2, revisions: null },
];

function Tabs({ packages }: { packages: Package[] }) {
  const [tier, setTier] = useState<Tier>("basic");
  return <PackageTabs packages={packages} selected={tier} onSelect={setTier} />;
}

describe("a gig's packages", () => {
  it("shows the basic package first, and another one when its tab is chosen", async () => {
    render(<Tabs packages={THREE} />);
    expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Basic", "Standard", "Premium"]);
    expect(screen.getByRole("tab", { name: "Basic" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("heading", { name: "One concept" })).toBeTruthy();
    expect(screen.getByText("$20.00")).toBeTruthy();

    await userEvent.click(screen.getByRole("tab", { name: "Standard" }));

    expect(screen.getByRole("tabpanel").textContent).toBe("Three concepts$45.00Logo and cardDelivered in 1 day3 revisions");
    expect(screen.getByRole("tab", { name: "Standard" }).getAttribute("aria-selected")).toBe("true");
  });

  it("shows one package without tabs", () => {
    render(<Tabs packages={[{ ...THREE[0], title: "" }]} />);
    expect(screen.queryByRole("tablist")).toBeNull();
    expect(screen.getByRole("heading", { name: "Basic package" })).toBeTruthy();
    expect(screen.getByText("Delivered in 5 days")).toBeTruthy();
  });

  it("says revisions in words, unlimited for none given", () => {
    expect([revisionsText(null), revisionsText(0), revisionsText(1), revisionsText(4)]).toEqual(["Unlimited revisions", "0 revisions", "1 revision", "4 revisions"]);
  });

  it("builds the three packages from the gig form's fields, an empty revisions field being unlimited", () => {
    const values = {
      price: "20.00", expected_delivery_days: "5", basic_title: "One", basic_revisions: "1",
      standard_title: "Three", standard_description: "More", standard_price: "45.00", standard_delivery_days: "4", standard_revisions: "",
      premium_title: "All", premium_price: "90.00", premium_delivery_days: "2", premium_revisions: "0",
    };

    expect(packagesOf(values)).toEqual([
      { tier: "basic", title: "One", description: "", price: "20.00", delivery_days: 5, revisions: 1 },
      { tier: "standard", title: "Three", description: "More", price: "45.00", delivery_days: 4, revisions: null },
      { tier: "premium", title: "All", description: "", price: "90.00", delivery_days: 2, revisions: 0 },
    ]);
  });
});
