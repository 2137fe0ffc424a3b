import { Suspense, type ReactNode } from "react";
import { Link, NavLink, useNavigate } from "react-router-dom";
import { useSession } from "../session";
import { Avatar } from "./Avatar";
import { Loading } from "./bits";

export function Layout({ children, bell }: { children: ReactNode; bell?: ReactNode }) {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Bazaar
        </Link>
        <nav aria-label="Main">
          {user ? (
            <>
              <NavLink to="/inbox">Inbox</NavLink>
              <NavLink to="/orders">Orders</NavLink>
              {user.is_seller ? <NavLink to="/dashboard">Dashboard</NavLink> : <NavLink to="/become-a-seller">Sell</NavLink>}
              <Suspense fallback={null}>{bell}</Suspense>
              <NavLink to="/settings" aria-label={`Settings for ${user.username}`} className="user-name">
                <Avatar username={user.username} size={28} />
                {user.username}
              </NavLink>
              <button
                type="button"
                className="link"
                onClick={async () => {
                  await signOut();
                  navigate("/");
                }}
              >
                Sign out
              </button>
            </>
          ) : user === null ? (
            <>
              <NavLink to="/signin">Sign in</NavLink>
              <NavLink to="/signup" className="button">
                Join
              </NavLink>
            </>
          ) : null}
        </nav>
      </header>
      {user && !user.email_verified ? (
        <p className="verify-banner">
          Check {user.email} for the link that verifies your email. <Link to="/settings">Send it again</Link>
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </>
  );
}
