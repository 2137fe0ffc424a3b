import { lazy, type ComponentType, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Loading } from "./components/bits";
import { Layout } from "./components/Layout";
import Home from "./pages/Home";
import { useSession } from "./session";

// Every page but the first is a chunk of its own: the home page loads only what it draws.
function page<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
}
const account = () => import("./pages/account");
const seller = () => import("./pages/seller");
const Signup = page(account, "Signup");
const Signin = page(account, "Signin");
const VerifyEmail = page(account, "VerifyEmail");
const ConfirmEmail = page(account, "ConfirmEmail");
const ForgotPassword = page(account, "ForgotPassword");
const ResetPassword = page(account, "ResetPassword");
const BecomeSeller = page(seller, "BecomeSeller");
const Dashboard = page(seller, "Dashboard");
const NewGig = page(seller, "NewGig");
const GigPage = lazy(() => import("./pages/GigPage"));
const Inbox = lazy(() => import("./pages/Inbox"));
const Checkout = lazy(() => import("./pages/Checkout"));
const Orders = lazy(() => import("./pages/Orders"));
const OrderPage = lazy(() => import("./pages/OrderPage"));
const Settings = lazy(() => import("./pages/Settings"));
const SellerPage = lazy(() => import("./pages/SellerPage"));
const NotFound = lazy(() => import("./pages/NotFound"));
const Bell = lazy(() => import("./components/Bell").then((module) => ({ default: module.Bell })));

/** A page for signed-in members: others are sent to sign in, and come back after. */
function Member({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <Layout bell={<Bell />}>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/signup" element={<Signup />} />
        <Route path="/signin" element={<Signin />} />
        <Route path="/verify-email" element={<VerifyEmail />} />
        <Route path="/confirm-email" element={<ConfirmEmail />} />
        <Route path="/forgot-password" element={<ForgotPassword />} />
        <Route path="/reset-password" element={<ResetPassword />} />
        <Route path="/gigs/new" element={<Member><NewGig /></Member>} />
        <Route path="/gigs/:id" element={<GigPage />} />
        <Route path="/sellers/:username" element={<SellerPage />} />
        <Route path="/become-a-seller" element={<Member><BecomeSeller /></Member>} />
        <Route path="/dashboard" element={<Member><Dashboard /></Member>} />
        <Route path="/inbox" element={<Member><Inbox /></Member>} />
        <Route path="/inbox/:id" element={<Member><Inbox /></Member>} />
        <Route path="/checkout" element={<Member><Checkout /></Member>} />
        <Route path="/orders" element={<Member><Orders /></Member>} />
        <Route path="/orders/:id" element={<Member><OrderPage /></Member>} />
        <Route path="/settings" element={<Member><Settings /></Member>} />
        {/* Where the notification emails' "turn these off" links land. */}
        <Route path="/settings/notifications" element={<Member><Settings /></Member>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
