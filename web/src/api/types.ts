// The shapes of the API's answers the pages read (docs/api.md; decimals are strings).

export interface User {
  id: number;
  username: string;
  email: string;
  email_verified: boolean;
  is_seller: boolean;
  country: string;
  created_at: string;
}

export interface SellerSummary {
  id: number;
  username: string;
  full_name: string;
  one_liner: string;
  country: string;
  rating_average: string;
  ratings_count: number;
}

export interface GigSummary {
  id: number;
  title: string;
  price: string;
  cover_image_url: string | null;
  rating_average: string;
  ratings_count: number;
  expected_delivery_days: number;
  category: string;
  seller: SellerSummary;
  created_at: string;
}

export type Tier = "basic" | "standard" | "premium";

export interface Package {
  tier: Tier;
  title: string;
  description: string;
  price: string;
  delivery_days: number;
  /** null: unlimited */
  revisions: number | null;
}

export interface Gig extends GigSummary {
  /** Basic first; the gig's own price and delivery days are the basic package's. */
  packages: Package[];
  description: string;
  sub_categories: string[];
  tags: string[];
  basic_title: string;
  basic_description: string;
  active: boolean;
  rating_breakdown: Record<string, number>;
  updated_at: string;
}

export interface Category {
  name: string;
  active_gigs: number;
}

export const CATEGORIES = [
  "Graphics & Design",
  "Digital Marketing",
  "Writing & Translation",
  "Video & Animation",
  "Music & Audio",
  "Programming & Tech",
  "Photography",
  "Data",
  "Business",
  "Lifestyle",
] as const;

export const SORTS = [
  ["relevance", "Best match"],
  ["newest", "Newest"],
  ["price", "Price: low to high"],
  ["-price", "Price: high to low"],
  ["rating", "Best rated"],
] as const;
