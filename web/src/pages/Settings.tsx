import { useEffect, useState } from "react";
import { api } from "../api/client";
import { FormError, Submit, TextInput, useAction, valuesOf } from "../components/forms";
import { useSession } from "../session";

export default function Settings() {
  const { user, reload } = useSession();
  const [nonEssential, setNonEssential] = useState<boolean | null>(null);
  const [saved, setSaved] = useState("");
  useEffect(() => {
    api<{ non_essential_email: boolean }>("notifications/preferences").then((found) => setNonEssential(found.non_essential_email), () => setNonEssential(null));
  }, []);
  const preferences = useAction(async (value: boolean) => {
    const found = await api<{ non_essential_email: boolean }>("notifications/preferences", { method: "PATCH", body: { non_essential_email: value } });
    setNonEssential(found.non_essential_email);
    setSaved("Email preferences saved.");
  });
  const password = useAction(async (values: Record<string, string>, form: HTMLFormElement) => {
    await api("auth/change-password", { method: "POST", body: values });
    form.reset();
    setSaved("Password changed. Your other sessions were signed out.");
  });
  const resend = useAction(async () => {
    await api("auth/resend-verification", { method: "POST" });
    setSaved(`We sent a new link to ${user?.email}.`);
    await reload();
  });
  if (!user) return null;
  return (
    <div className="narrow">
      <h1>Settings</h1>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <p>
          {user.username} · {user.email} · {user.email_verified ? "verified" : "not verified yet"}
        </p>
        {!user.email_verified ? (
          <>
            <button type="button" onClick={() => resend.run()} disabled={resend.busy}>
              {resend.busy ? "Sending…" : "Send a new verification link"}
            </button>
            <FormError error={resend.error} />
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email</h2>
        <label className="checkbox">
          <input type="checkbox" checked={Boolean(nonEssential)} disabled={nonEssential === null || preferences.busy} onChange={(event) => preferences.run(event.target.checked)} /> News and tips from Bazaar
        </label>
        <p className="hint">Mail about your orders, offers, sign-in codes and password is always sent.</p>
        <FormError error={preferences.error} />
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            password.run(valuesOf(event.currentTarget), event.currentTarget);
          }}
        >
          <TextInput label="Current password" name="current_password" type="password" autoComplete="current-password" errors={password.error?.fields} />
          <TextInput label="New password" name="new_password" type="password" autoComplete="new-password" errors={password.error?.fields} />
          <FormError error={password.error} />
          <Submit busy={password.busy} busyText="Changing…">
            Change password
          </Submit>
        </form>
      </section>
    </div>
  );
}
