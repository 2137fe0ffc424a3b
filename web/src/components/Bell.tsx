import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { api, type Page } from "../api/client";
import { useFrames } from "../useRealtime";
import { when } from "./bits";

interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

/** The notifications bell: the unread count, live; a panel of the latest ones. */
export function Bell() {
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const [unreadPage, latestPage] = await Promise.all([
      api<Page<Notification>>("notifications?unread=true&page_size=1"),
      api<Page<Notification>>("notifications?page_size=8"),
    ]);
    setUnread(unreadPage.count);
    setLatest(latestPage.results);
  }, []);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);
  useFrames(["notification.created", "open"], () => {
    load().catch(() => undefined);
  });

  async function readAll() {
    await api("notifications/read-all", { method: "POST" });
    await load();
  }

  return (
    <div className="bell" onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-controls="notifications-panel" onClick={() => setOpen(!open)} aria-label={`Notifications, ${unread} unread`}>
        <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="badge" aria-hidden="true" data-testid="unread-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id="notifications-panel" className="bell-panel card" ref={panel} role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            <button type="button" className="link" onClick={readAll} disabled={unread === 0}>
              Mark all read
            </button>
          </div>
          {latest.length === 0 ? <p className="muted">Nothing yet.</p> : null}
          <ul>
            {latest.map((item) => (
              <li key={item.id} className={item.read_at ? "" : "unread"}>
                <Link
                  to={item.link || "/"}
                  onClick={() => {
                    setOpen(false);
                    if (!item.read_at) api(`notifications/${item.id}/read`, { method: "POST" }).then(load, () => undefined);
                  }}
                >
                  {item.title}
                </Link>
                <small className="muted"> {when(item.created_at)}</small>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
