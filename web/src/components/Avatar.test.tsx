import { act, fireEvent, render } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { Avatar, avatarChanged, UserName } from "./Avatar";

describe("profile pictures", () => {
  it("asks for anyone's picture by username, with the first letter until it loads", () => {
    const { container } = render(<Avatar username="dora" />);

    expect(container.querySelector(".avatar")?.textContent).toBe("D");
    expect(container.querySelector("img")?.getAttribute("src")).toBe("/api/v1/buyers/dora/avatar");
  });

  it("keeps only the letter for an account without a picture", () => {
    const { container } = render(<Avatar username="dora" />);

    fireEvent.error(container.querySelector("img")!);

    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector(".avatar")?.textContent).toBe("D");
  });

  it("shows the profile's own picture when the page has it, and none when the profile says none", () => {
    const given = render(<Avatar username="dora" url="https://bazaar.test/api/v1/media/users/avatars/a.png" />);
    const none = render(<Avatar username="dora" url={null} />);

    expect(given.container.querySelector("img")?.getAttribute("src")).toBe("https://bazaar.test/api/v1/media/users/avatars/a.png");
    expect(none.container.querySelector("img")).toBeNull();
  });

  it("asks again once the picture changed", () => {
    const { container } = render(<Avatar username="Eve" />);

    act(() => avatarChanged("eve"));

    expect(container.querySelector("img")?.getAttribute("src")).toMatch(/^\/api\/v1\/buyers\/Eve\/avatar\?v=\d+$/);
  });

  it("links a seller's name to the seller's page, and hides the picture from screen readers", () => {
    const { getByRole, container } = render(
      <MemoryRouter>
        <UserName username="sam" seller />
      </MemoryRouter>,
    );

    expect(getByRole("link", { name: "sam" }).getAttribute("href")).toBe("/sellers/sam");
    expect(container.querySelector(".avatar")?.getAttribute("aria-hidden")).toBe("true");
  });
});
