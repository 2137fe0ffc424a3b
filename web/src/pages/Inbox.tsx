// Conversations and live chat: messages arrive over /ws/ without reloading, with typing,
// presence, read receipts, attachments and the seller's custom offers.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api, ApiError, type Page } from "../api/client";
import type { Gig } from "../api/types";
import { Avatar } from "../components/Avatar";
import { Loading, money, when } from "../components/bits";
import { FormError, Submit, TextArea, TextInput, useAction } from "../components/forms";
import { online, send } from "../realtime";
import { useSession } from "../session";
import { upload } from "../upload";
import { useFrames } from "../useRealtime";

interface Party {
  id: number;
  username: string;
}

interface Conversation {
  id: number;
  other_party: Party;
  last_message: { preview: string; has_offer: boolean; has_attachment: boolean; sent_at: string } | null;
  unread_count: number;
}

interface Offer {
  gig_id: number;
  gig_title: string;
  price: string;
  description: string;
  delivery_days: number;
  status: "pending" | "accepted" | "cancelled";
}

export interface Message {
  id: number;
  conversation_id: number;
  sender: Party;
  body: string;
  gig_id: number | null;
  attachment: { name: string; size: number; url: string } | null;
  offer: Offer | null;
  sent_at: string;
  read_at: string | null;
}

const TYPING_SHOWN_MS = 4000;
const TYPING_EVERY_MS = 1500;

function usePresence(): (username: string) => boolean {
  const [, redraw] = useState(0);
  useFrames(["presence.online", "presence.offline", "close"], () => redraw((n) => n + 1));
  return (username) => online.has(username.toLowerCase());
}

export default function Inbox() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const isOnline = usePresence();
  const load = useCallback(() => api<Page<Conversation>>("conversations?page_size=50").then((page) => setConversations(page.results)), []);
  useEffect(() => {
    load().catch(() => setConversations([]));
  }, [load]);
  useFrames(["chat.message", "chat.read", "open"], () => load().catch(() => undefined));

  const current = conversations?.find((conversation) => String(conversation.id) === id);
  const to = params.get("to");
  return (
    <div className="inbox">
      <nav aria-label="Conversations" className="conversation-list">
        <h1>Inbox</h1>
        {conversations === null ? <Loading /> : conversations.length === 0 ? <p className="muted">No conversations yet.</p> : null}
        <ul>
          {conversations?.map((conversation) => (
            <li key={conversation.id}>
              <Link to={`/inbox/${conversation.id}`} aria-current={String(conversation.id) === id ? "page" : undefined}>
                <Avatar username={conversation.other_party.username} size={28} /> <strong>{conversation.other_party.username}</strong>
                {isOnline(conversation.other_party.username) ? <span className="online-dot" aria-label="online" /> : null}
                {conversation.unread_count ? <span className="badge-inline">{conversation.unread_count} new</span> : null}
                <br />
                <small className="muted">{conversation.last_message?.has_offer ? "Custom offer" : conversation.last_message?.preview}</small>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="conversation" aria-label="Conversation">
        {current ? (
          <Thread key={current.id} conversationId={current.id} other={current.other_party.username} online={isOnline(current.other_party.username)} onSent={load} />
        ) : to ? (
          <NewConversation to={to} gigId={params.get("gig")} onSent={load} />
        ) : id && conversations ? (
          <p>This conversation does not exist.</p>
        ) : (
          <p className="muted">Choose a conversation.</p>
        )}
      </section>
    </div>
  );
}

function NewConversation({ to, gigId, onSent }: { to: string; gigId: string | null; onSent: () => void }) {
  const navigate = useNavigate();
  return (
    <>
      <h2>Message {to}</h2>
      <Composer
        to={to}
        gigId={gigId}
        onSent={(message) => {
          onSent();
          navigate(`/inbox/${message.conversation_id}`, { replace: true });
        }}
      />
    </>
  );
}

function Thread({ conversationId, other, online: isOnline, onSent }: { conversationId: number; other: string; online: boolean; onSent: () => void }) {
  const { user } = useSession();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [typingUntil, setTypingUntil] = useState(0);
  const [, tick] = useState(0);
  const end = useRef<HTMLDivElement>(null);
  const lastId = useRef(0);

  const catchUp = useCallback(async () => {
    const page = await api<Page<Message>>(`conversations/${conversationId}/messages?page_size=100${lastId.current ? `&after=${lastId.current}` : ""}`);
    if (!page.results.length) return;
    lastId.current = page.results[page.results.length - 1].id;
    setMessages((known) => {
      const byId = new Map((known ?? []).map((message) => [message.id, message]));
      page.results.forEach((message) => byId.set(message.id, message));
      return [...byId.values()].sort((a, b) => a.id - b.id);
    });
    if (page.results.some((message) => message.sender.id !== user?.id && !message.read_at)) {
      api(`conversations/${conversationId}/read`, { method: "POST" }).catch(() => undefined);
    }
  }, [conversationId, user?.id]);

  const reloadAll = useCallback(async () => {
    const page = await api<Page<Message>>(`conversations/${conversationId}/messages?page_size=100`);
    lastId.current = page.results.length ? page.results[page.results.length - 1].id : 0;
    setMessages(page.results);
  }, [conversationId]);

  useEffect(() => {
    lastId.current = 0;
    catchUp().then(() => setMessages((known) => known ?? []), () => setMessages([]));
  }, [catchUp]);

  useFrames(["chat.message", "chat.read", "chat.typing", "open"], (frame) => {
    if (frame.type === "chat.typing") {
      if (String(frame.data.from).toLowerCase() === other.toLowerCase()) {
        setTypingUntil(Date.now() + TYPING_SHOWN_MS);
        setTimeout(() => tick((n) => n + 1), TYPING_SHOWN_MS + 50);
      }
      return;
    }
    if (frame.type === "open") {
      catchUp().catch(() => undefined);
      return;
    }
    if (Number(frame.data.conversation_id) !== conversationId) return;
    if (frame.type === "chat.read") {
      const upTo = Number(frame.data.last_read_message_id);
      setMessages((known) => known?.map((message) => (message.id <= upTo && !message.read_at ? { ...message, read_at: String(frame.data.read_at) } : message)) ?? known);
      return;
    }
    if (String(frame.data.sender_username).toLowerCase() === other.toLowerCase()) setTypingUntil(0);
    catchUp().catch(() => undefined);
  });

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [messages?.length]);

  const typing = typingUntil > Date.now();
  const lastMine = [...(messages ?? [])].reverse().find((message) => message.sender.id === user?.id);
  return (
    <>
      <h2>
        {other} <small className="muted">{isOnline ? "● online" : "offline"}</small>
      </h2>
      <ol className="messages" aria-live="polite" aria-label={`Messages with ${other}`}>
        {messages === null ? <Loading /> : null}
        {messages?.map((message) => (
          <MessageItem key={message.id} message={message} mine={message.sender.id === user?.id} onChange={reloadAll} />
        ))}
      </ol>
      {lastMine?.read_at ? <p className="muted seen">Seen</p> : null}
      <p className="typing muted" aria-live="polite">
        {typing ? `${other} is typing…` : "\u00a0"}
      </p>
      <div ref={end} />
      <Composer
        to={other}
        gigId={null}
        onSent={() => {
          catchUp().catch(() => undefined);
          onSent();
        }}
      />
      {user?.is_seller ? <OfferForm to={other} onSent={() => catchUp().then(onSent)} /> : null}
    </>
  );
}

function MessageItem({ message, mine, onChange }: { message: Message; mine: boolean; onChange: () => void }) {
  const navigate = useNavigate();
  const decide = useAction(async (action: "accept" | "cancel") => {
    await api(`messages/${message.id}/offer/${action}`, { method: "POST" });
    onChange();
  });
  const offer = message.offer;
  return (
    <li className={mine ? "message mine" : "message"}>
      <p className="meta">
        <strong>{mine ? "You" : message.sender.username}</strong> <small className="muted">{when(message.sent_at)}</small>
      </p>
      {message.body ? <p className="prewrap">{message.body}</p> : null}
      {message.attachment ? (
        <p>
          Attachment:{" "}
          <a href={new URL(message.attachment.url, location.origin).pathname} download={message.attachment.name}>
            {message.attachment.name}
          </a>{" "}
          <small className="muted">({Math.ceil(message.attachment.size / 1024)} KB)</small>
        </p>
      ) : null}
      {offer ? (
        <div className="offer card" role="group" aria-label={`Custom offer: ${offer.gig_title}`}>
          <p>
            <strong>Custom offer</strong> for <Link to={`/gigs/${offer.gig_id}`}>{offer.gig_title}</Link>
          </p>
          <p className="prewrap">{offer.description}</p>
          <p>
            <strong>{money(offer.price)}</strong> · delivered in {offer.delivery_days} days · <span className={`status ${offer.status}`}>{offer.status}</span>
          </p>
          <div className="actions">
            {!mine && offer.status === "pending" ? (
              <button type="button" className="primary" disabled={decide.busy} onClick={() => decide.run("accept")}>
                Accept offer
              </button>
            ) : null}
            {!mine && offer.status === "accepted" ? (
              <button type="button" className="primary" onClick={() => navigate(`/checkout?offer=${message.id}`)}>
                Order now ({money(offer.price)})
              </button>
            ) : null}
            {offer.status === "pending" ? (
              <button type="button" className="danger" disabled={decide.busy} onClick={() => decide.run("cancel")}>
                {mine ? "Withdraw offer" : "Decline offer"}
              </button>
            ) : null}
          </div>
          <FormError error={decide.error} />
        </div>
      ) : null}
    </li>
  );
}

function Composer({ to, gigId, onSent }: { to: string; gigId: string | null; onSent: (message: Message) => void }) {
  const [text, setText] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const lastTyping = useRef(0);
  const file = useRef<HTMLInputElement>(null);
  const { run, busy, error } = useAction(async () => {
    const attachment = file.current?.files?.[0];
    let message: Message;
    if (attachment) {
      const form = new FormData();
      form.append("to", to);
      form.append("body", text);
      if (gigId) form.append("gig_id", gigId);
      form.append("attachment", attachment);
      setProgress(0);
      try {
        message = await upload<Message>("POST", "messages", form, setProgress);
      } finally {
        setProgress(null);
      }
    } else {
      message = await api<Message>("messages", { method: "POST", body: { to, body: text, ...(gigId ? { gig_id: Number(gigId) } : {}) } });
    }
    setText("");
    if (file.current) file.current.value = "";
    onSent(message);
  });
  function typed(value: string) {
    setText(value);
    if (Date.now() - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      send("chat.typing", { to });
    }
  }
  return (
    <form
      className="composer"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        run();
      }}
    >
      <TextArea
        label={`Message to ${to}`}
        name="body"
        rows={2}
        value={text}
        onChange={(event) => typed(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            run();
          }
        }}
        errors={error?.fields}
      />
      <TextInput label="Attach a file" name="attachment" type="file" ref={file} errors={error?.fields} hint="Images, PDF, ZIP or text." />
      {progress !== null ? <progress className="progress" max={1} value={progress} aria-label="Uploading" /> : null}
      <FormError error={error && !Object.keys(error.fields).length ? error : null} />
      <Submit busy={busy} busyText="Sending…">
        Send
      </Submit>
    </form>
  );
}

function OfferForm({ to, onSent }: { to: string; onSent: () => void }) {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [gigs, setGigs] = useState<Gig[]>([]);
  useEffect(() => {
    if (open && user) api<Page<Gig>>(`sellers/${user.username}/gigs?page_size=50`).then((page) => setGigs(page.results), () => setGigs([]));
  }, [open, user]);
  const { run, busy, error } = useAction(async (form: HTMLFormElement) => {
    const data = new FormData(form);
    await api("messages", {
      method: "POST",
      body: {
        to,
        body: String(data.get("body") || "Here is a custom offer for you."),
        offer: {
          gig_id: Number(data.get("gig_id")),
          price: String(data.get("price")),
          description: String(data.get("description")),
          delivery_days: Number(data.get("delivery_days")) || data.get("delivery_days"),
        },
      },
    });
    setOpen(false);
    onSent();
  });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Make a custom offer
      </button>
    );
  }
  const offerErrors = error ? Object.fromEntries(Object.entries(error.fields).map(([name, messages]) => [name.replace(/^offer\./, ""), messages])) : undefined;
  return (
    <form
      className="card offer-form"
      noValidate
      aria-label="Custom offer"
      onSubmit={(event) => {
        event.preventDefault();
        run(event.currentTarget);
      }}
    >
      <h3>Custom offer to {to}</h3>
      <div className="field">
        <label htmlFor="offer-gig">Gig</label>
        <select id="offer-gig" name="gig_id">
          {gigs.map((gig) => (
            <option key={gig.id} value={gig.id}>
              {gig.title}
            </option>
          ))}
        </select>
      </div>
      <TextArea label="What you will deliver" name="description" required errors={offerErrors} />
      <TextInput label="Price ($)" name="price" inputMode="decimal" required errors={offerErrors} />
      <TextInput label="Delivery (days)" name="delivery_days" inputMode="numeric" required errors={offerErrors} />
      <FormError error={error && error.status !== 400 ? error : null} />
      {error instanceof ApiError && error.fields.offer ? <p className="field-error">{error.fields.offer.join(" ")}</p> : null}
      <Submit busy={busy} busyText="Sending the offer…">
        Send offer
      </Submit>{" "}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
