// Profile pictures next to usernames. Where a page has the profile it passes its avatar_url;
// anywhere else the picture comes from GET /buyers/{username}/avatar, a redirect to the
// picture that works for any account without fetching its profile first. Until the picture
// loads, and for accounts without one, the username's first letter stands in.
import { useState, useSyncExternalStore } from "react";
import { Link } from "react-router-dom";
import { API } from "../api/client";

// Bumped when the signed-in user changes their picture: the redirect is cached briefly, the new URL is not.
const versions = new Map<string, number>();
const listeners = new Set<() => void>();
let changes = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Kept for the browser's session too: after a reload its cache may still hold the old answer for a minute.
const STORED = "bazaar.avatar-version.";

/** Say that ``username``'s picture changed: every shown picture of theirs is asked for again. */
export function avatarChanged(username: string): void {
  const version = Date.now();
  versions.set(username.toLowerCase(), version);
  try {
    sessionStorage.setItem(STORED + username.toLowerCase(), String(version));
  } catch {
    // Storage refused (private mode, quota): this page still asks again.
  }
  changes += 1;
  listeners.forEach((listener) => listener());
}

export function avatarSource(username: string): string {
  const version = versions.get(username.toLowerCase()) ?? storedVersion(username);
  return `${API}/buyers/${encodeURIComponent(username)}/avatar${version ? `?v=${version}` : ""}`;
}

function storedVersion(username: string): number | undefined {
  try {
    const stored = sessionStorage.getItem(STORED + username.toLowerCase());
    return stored ? Number(stored) : undefined;
  } catch {
    return undefined;
  }
}

/** A round picture of ``username``; decorative, as the name is always written beside it. */
export function Avatar({ username, url, size = 32 }: { username: string; url?: string | null; size?: number }) {
  useSyncExternalStore(subscribe, () => changes);
  const source = url === undefined ? avatarSource(username) : url;
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.45 }} aria-hidden="true">
      {username.slice(0, 1).toUpperCase()}
      {source && failed !== source ? <img src={source} alt="" width={size} height={size} loading="lazy" onError={() => setFailed(source)} /> : null}
    </span>
  );
}

/** A username with its picture; a seller's links to their profile page. */
export function UserName({ username, seller = false, url }: { username: string; seller?: boolean; url?: string | null }) {
  const name = seller ? <Link to={`/sellers/${encodeURIComponent(username)}`}>{username}</Link> : <span>{username}</span>;
  return (
    <span className="user-name">
      <Avatar username={username} url={url} size={24} />
      {name}
    </span>
  );
}
