import { useEffect, useState } from "react";
import { api } from "../api/client";
import { FormError, Submit, TextInput, useAction, valuesOf } from "../components/forms";
import { useSession } from "../session";

// The email switches of notifications/preferences; a PATCH with one of them keeps the other.
type Preferences = { non_essential_email: boolean; message_email: boolean };
type Switch = keyof Preferences;

export default function Settings() {
  const { user, reload } = useSession();
  const [emails, setEmails] = useState<Preferences | null>(null);
  const [saved, setSaved] = useState("");
  useEffect(() => {
    api<Preferences>("notifications/preferences").then(setEmails, () => setEmails(null));
  }, []);
  const preferences = useAction(async (name: Switch, value: boolean) => {
    setEmails(await api<Preferences>("notifications/preferences", { method: "PATCH", body: { [name]: value } }));
    setSaved("Email preferences saved.");
  });
  const emailSwitch = (name: Switch, label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={Boolean(emails?.[name])} disabled={emails === null || preferences.busy} onChange={(event) => preferences.run(name, event.target.checked)} /> {label}
    </label>
  );
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
        {emailSwitch("message_email", "An email when messages wait for me while I am away")}
        {emailSwitch("non_essential_email", "News and tips from Bazaar")}
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
