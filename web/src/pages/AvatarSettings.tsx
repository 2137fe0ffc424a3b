// The signed-in account's profile picture: shown beside the username everywhere, set or removed here.
import { useEffect, useRef, useState } from "react";
import { api, ApiError, whenReady } from "../api/client";
import type { User } from "../api/types";
import { Avatar, avatarChanged } from "../components/Avatar";
import { FormError, TextInput, useAction } from "../components/forms";
import { upload } from "../upload";

interface OwnProfile {
  username: string;
  avatar_url: string | null;
}

export function AvatarSettings({ user, onSaved }: { user: User; onSaved: (message: string) => void }) {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const [progress, setProgress] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    whenReady(() => api<OwnProfile>("buyers/me")).then((profile) => setUrl(profile.avatar_url), () => setUrl(null));
  }, []);
  const put = useAction(async () => {
    const file = input.current?.files?.[0];
    if (!file) throw new ApiError(400, "invalid", "Choose a picture first.", { avatar: ["Choose a picture first."] });
    const form = new FormData();
    form.append("avatar", file);
    setProgress(0);
    try {
      const profile = await upload<OwnProfile>("PUT", "buyers/me/avatar", form, setProgress);
      setUrl(profile.avatar_url);
      avatarChanged(user.username);
      if (input.current) input.current.value = "";
      onSaved("Your profile picture is saved.");
    } finally {
      setProgress(null);
    }
  });
  const remove = useAction(async () => {
    await api("buyers/me/avatar", { method: "DELETE" });
    setUrl(null);
    avatarChanged(user.username);
    onSaved("Your profile picture is removed.");
  });
  const busy = put.busy || remove.busy;
  return (
    <section className="card" aria-labelledby="avatar-heading">
      <h2 id="avatar-heading">Profile picture</h2>
      <div className="avatar-row">
        {url === undefined ? null : <Avatar username={user.username} url={url} size={72} />}
        <p className="hint">Shown beside your username to everyone: on your gigs, reviews, orders and messages.</p>
      </div>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          put.run();
        }}
      >
        <TextInput ref={input} label="New picture" name="avatar" type="file" accept="image/jpeg,image/png,image/webp" errors={put.error?.fields} hint="JPEG, PNG or WebP." />
        {progress !== null ? (
          <label className="field">
            Uploading {Math.round(progress * 100)}%
            <progress className="progress" max={1} value={progress} />
          </label>
        ) : null}
        <FormError error={put.error && !put.error.fields.avatar ? put.error : remove.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={put.busy}>
            {put.busy ? <span className="spinner" aria-hidden="true" /> : null}
            {put.busy ? "Uploading…" : "Upload picture"}
          </button>
          {url ? (
            <button type="button" onClick={() => remove.run()} disabled={busy} aria-busy={remove.busy}>
              {remove.busy ? "Removing…" : "Remove picture"}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
