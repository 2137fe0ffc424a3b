import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { money, Stars } from "./bits";

describe("amounts and ratings", () => {
  it("reads the API's decimal strings as dollars and cents", () => {
    expect([money("1250.00"), money("58.03"), money("5")]).toEqual(["$1,250.00", "$58.03", "$5.00"]);
  });

  it("says a rating in words for screen readers", () => {
    render(<Stars average="4.50" count={2} />);

    expect(screen.getByLabelText("Rated 4.5 out of 5 by 2 buyers")).toBeTruthy();
  });

  it("says when nobody rated yet", () => {
    render(<Stars average="0" count={0} />);

    expect(screen.getByLabelText("No ratings yet")).toBeTruthy();
  });
});
