// One websocket to the gateway's /ws/ per signed-in tab, shared by every page that listens.
// The browser's access cookie signs it in (same origin). When the server closes with 4401
// (token expired or revoked) the tokens are refreshed and it reconnects; any other drop
// reconnects with a growing pause. Pages that show messages catch up with ?after= on
// "open", since the channel delivers at most once.
import { refreshTokens } from "./api/client";

export interface Frame {
  type: string;
  data: Record<string, unknown>;
}

type Listener = (frame: Frame) => void;

const listeners = new Set<Listener>();
let socket: WebSocket | null = null;
let wanted = false;
let pause = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function url(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/`;
}

/** Contacts online now, as the presence frames said (the first arrives right after connecting). */
export const online = new Set<string>();

function emit(frame: Frame) {
  const usernames = (frame.data.usernames as string[] | undefined) ?? [];
  if (frame.type === "presence.online") usernames.forEach((name) => online.add(name.toLowerCase()));
  if (frame.type === "presence.offline") usernames.forEach((name) => online.delete(name.toLowerCase()));
  if (frame.type === "close") online.clear();
  for (const listener of [...listeners]) listener(frame);
}

function open() {
  if (!wanted || socket) return;
  const current = new WebSocket(url());
  socket = current;
  current.onopen = () => {
    pause = 1000;
    emit({ type: "open", data: {} });
  };
  current.onmessage = (event) => {
    try {
      emit(JSON.parse(String(event.data)) as Frame);
    } catch {
      // Not a frame of ours: ignore it.
    }
  };
  current.onclose = async (event) => {
    socket = null;
    emit({ type: "close", data: { code: event.code } });
    if (!wanted) return;
    if (event.code === 4401 && !(await refreshTokens())) {
      wanted = false;
      return;
    }
    retryTimer = setTimeout(open, event.code === 4401 ? 0 : pause);
    pause = Math.min(pause * 2, 15000);
  };
}

/** Start (or keep) the connection while someone is signed in. */
export function connect() {
  wanted = true;
  open();
}

/** Close it for good (signed out). */
export function disconnect() {
  wanted = false;
  clearTimeout(retryTimer);
  socket?.close(1000);
  socket = null;
}

export function isOpen(): boolean {
  return socket?.readyState === WebSocket.OPEN;
}

/** Send a frame if the connection is open; false otherwise (typing and pings may be lost). */
export function send(type: string, data: Record<string, unknown>): boolean {
  if (!isOpen()) return false;
  socket!.send(JSON.stringify({ type, data }));
  return true;
}

/** Listen to every frame; returns the function that stops listening. */
export function listen(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
