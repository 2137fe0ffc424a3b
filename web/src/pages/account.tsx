// Signing up, signing in (with the emailed code on a new device), verifying the email,
// confirming a new one and resetting a forgotten password. Each form shows the API's field messages under the inputs.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api, ApiError, request } from "../api/client";
import type { User } from "../api/types";
import { FormError, Submit, TextInput, useAction, valuesOf } from "../components/forms";
import { useSession } from "../session";

interface SessionAnswer {
  user: User;
}

/** Where to go after signing in: the page that sent the visitor here, if it is one of ours. */
function useNext(): string {
  const [params] = useSearchParams();
  const next = params.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function Signup() {
  const { reload } = useSession();
  const navigate = useNavigate();
  const next = useNext();
  const { run, busy, error } = useAction(async (values: Record<string, string>) => {
    await api<SessionAnswer>("auth/signup", { method: "POST", body: values, noRefresh: true });
    await reload();
    navigate(next === "/" ? "/?welcome=1" : next);
  });
  return (
    <div className="narrow card">
      <h1>Join Bazaar</h1>
      <form
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          run(valuesOf(event.currentTarget));
        }}
      >
        <TextInput label="Username" name="username" autoComplete="username" required errors={error?.fields} hint="3 to 30 letters, digits, dots, dashes or underscores." />
        <TextInput label="Email" name="email" type="email" autoComplete="email" required errors={error?.fields} />
        <TextInput label="Password" name="password" type="password" autoComplete="new-password" required errors={error?.fields} hint="At least 8 characters; not a common one." />
        <TextInput label="Country" name="country" autoComplete="country-name" required errors={error?.fields} />
        <FormError error={error} />
        <Submit busy={busy} busyText="Creating your account…">
          Create account
        </Submit>
      </form>
      <p>
        Already a member? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}

export function Signin() {
  const { reload } = useSession();
  const navigate = useNavigate();
  const next = useNext();
  const [identifier, setIdentifier] = useState("");
  const [codeSent, setCodeSent] = useState(false);

  const signin = useAction(async (values: Record<string, string>) => {
    const response = await request("auth/signin", { method: "POST", body: values, noRefresh: true });
    setIdentifier(values.username_or_email);
    if (response.status === 202) {
      setCodeSent(true);
      return;
    }
    await reload();
    navigate(next);
  });

  const confirm = useAction(async (values: Record<string, string>) => {
    await api<SessionAnswer>("auth/verify-otp", { method: "POST", body: { username_or_email: identifier, code: values.code }, noRefresh: true });
    await reload();
    navigate(next);
  });

  if (codeSent) {
    return (
      <div className="narrow card">
        <h1>Check your email</h1>
        <p className="notice" role="status">
          This device is new to us: we emailed you a 6-digit code. It works for 10 minutes.
        </p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            confirm.run(valuesOf(event.currentTarget));
          }}
        >
          <TextInput label="Sign-in code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required autoFocus errors={confirm.error?.fields} />
          <FormError error={confirm.error} />
          <Submit busy={confirm.busy} busyText="Checking…">
            Confirm and sign in
          </Submit>
        </form>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Sign in</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          signin.run(valuesOf(event.currentTarget));
        }}
      >
        <TextInput label="Username or email" name="username_or_email" autoComplete="username" required errors={signin.error?.fields} />
        <TextInput label="Password" name="password" type="password" autoComplete="current-password" required errors={signin.error?.fields} />
        <FormError error={signin.error} />
        <Submit busy={signin.busy} busyText="Signing in…">
          Sign in
        </Submit>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link> · New here? <Link to="/signup">Join</Link>
      </p>
    </div>
  );
}

/** The page an emailed link opens: it posts the link's token to ``path`` and says how it went. */
function EmailLink({ path, title, done }: { path: string; title: string; done: ReactNode }) {
  const [params] = useSearchParams();
  const { reload } = useSession();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<"working" | "done" | ApiError>("working");
  useEffect(() => {
    let current = true;
    api(path, { method: "POST", body: { token }, noRefresh: true })
      .then(() => reload().catch(() => null))
      .then(
        () => current && setState("done"),
        (error) => current && setState(error instanceof ApiError ? error : new ApiError(0, "network", "Try again.")),
      );
    return () => {
      current = false;
    };
  }, [path, token, reload]);
  return (
    <div className="narrow card">
      <h1>{title}</h1>
      {state === "working" ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Checking your link…
        </p>
      ) : state === "done" ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : (
        <p className="form-error" role="alert">
          {state.fields.token?.join(" ") || state.detail} Ask for a new link in <Link to="/settings">settings</Link>.
        </p>
      )}
    </div>
  );
}

export function VerifyEmail() {
  return (
    <EmailLink
      path="auth/verify-email"
      title="Verify your email"
      done={
        <>
          Your email is verified. You can now <Link to="/become-a-seller">become a seller</Link> or <Link to="/">find a gig</Link>.
        </>
      }
    />
  );
}

/** Where the link mailed to a new address lands: the address becomes the account's. */
export function ConfirmEmail() {
  return (
    <EmailLink
      path="auth/confirm-email-change"
      title="Confirm your new email"
      done={
        <>
          Your email address is changed: we write to it from now on. See your <Link to="/settings">settings</Link>.
        </>
      }
    />
  );
}

export function ForgotPassword() {
  const [sent, setSent] = useState(false);
  const { run, busy, error } = useAction(async (values: Record<string, string>) => {
    await api("auth/forgot-password", { method: "POST", body: values, noRefresh: true });
    setSent(true);
  });
  return (
    <div className="narrow card">
      <h1>Forgot your password?</h1>
      {sent ? (
        <p className="notice" role="status">
          If an account uses that address, we emailed it a link to set a new password.
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(valuesOf(event.currentTarget));
          }}
        >
          <TextInput label="Email" name="email" type="email" autoComplete="email" required errors={error?.fields} />
          <FormError error={error} />
          <Submit busy={busy} busyText="Sending…">
            Email me a link
          </Submit>
        </form>
      )}
    </div>
  );
}

export function ResetPassword() {
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const { run, busy, error } = useAction(async (values: Record<string, string>) => {
    await api("auth/reset-password", { method: "POST", body: { ...values, token: params.get("token") ?? "" }, noRefresh: true });
    setDone(true);
  });
  return (
    <div className="narrow card">
      <h1>Set a new password</h1>
      {done ? (
        <p className="notice" role="status">
          Your password is set, and every session was signed out. <Link to="/signin">Sign in</Link> with the new one.
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(valuesOf(event.currentTarget));
          }}
        >
          <TextInput label="New password" name="password" type="password" autoComplete="new-password" required errors={error?.fields} />
          <TextInput label="New password again" name="password_confirm" type="password" autoComplete="new-password" required errors={error?.fields} />
          {error?.fields.token ? (
            <p className="form-error" role="alert">
              {error.fields.token.join(" ")} <Link to="/forgot-password">Ask for a new link</Link>.
            </p>
          ) : (
            <FormError error={error} />
          )}
          <Submit busy={busy} busyText="Saving…">
            Set password
          </Submit>
        </form>
      )}
    </div>
  );
}
