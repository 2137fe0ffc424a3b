import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../api/client";
import { FormError, Submit, TextInput, useAction, valuesOf } from "../components/forms";
import { useSession } from "../session";
import { AvatarSettings } from "./AvatarSettings";

// The email switches of notifications/preferences; a PATCH with one of them keeps the other.
type Preferences = { non_essential_email: boolean; message_email: boolean };
type Switch = keyof Preferences;

export default function Settings() {
  const { user, reload } = useSession();
  const navigate = useNavigate();
  const [sure, setSure] = useState(false);
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
  const changeEmail = useAction(async (values: Record<string, string>, form: HTMLFormElement) => {
    const answer = await api<{ detail: string }>("auth/change-email", { method: "POST", body: values });
    form.reset();
    setSaved(answer.detail);
  });
  // The gateway clears the cookies with the account; the session then finds nobody signed in.
  const deletion = useAction(async (values: Record<string, string>) => {
    await api("auth/delete-account", { method: "POST", body: { current_password: values.current_password } });
    await reload().catch(() => null);
    navigate("/", { replace: true });
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
        <h3>Change your email address</h3>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            changeEmail.run(valuesOf(event.currentTarget), event.currentTarget);
          }}
        >
          <TextInput label="New email address" name="new_email" type="email" autoComplete="email" errors={changeEmail.error?.fields} />
          <TextInput label="Your password" name="current_password" type="password" autoComplete="current-password" errors={changeEmail.error?.fields} />
          <p className="hint">We send a link to the new address; your address changes when you open it, and the current one is told.</p>
          <FormError error={changeEmail.error} />
          <Submit busy={changeEmail.busy} busyText="Sending…">
            Send the link
          </Submit>
        </form>
      </section>
      <AvatarSettings user={user} onSaved={setSaved} />
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
      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          Your profile, gigs, notifications and address are erased and every session is signed out. Orders stay in the books, and your reviews and messages stay for the people you
          dealt with, under "Deleted user". It cannot be undone, and it waits until none of your orders is open.
        </p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            deletion.run(valuesOf(event.currentTarget));
          }}
        >
          <TextInput label="Password to confirm" name="current_password" type="password" autoComplete="current-password" errors={deletion.error?.fields} />
          <label className="checkbox">
            <input type="checkbox" checked={sure} onChange={(event) => setSure(event.target.checked)} /> I understand my account is gone for good
          </label>
          <FormError error={deletion.error} />
          <button type="submit" className="danger" disabled={!sure || deletion.busy}>
            {deletion.busy ? "Deleting…" : "Delete my account"}
          </button>
        </form>
      </section>
    </div>
  );
}
