// The one way the pages talk to the API: same-origin fetches carrying the gateway's
// HttpOnly cookies. An expired access token is refreshed once (the refresh cookie rides
// along to /api/v1/auth/refresh) and the request retried.

export const API = "/api/v1";

export type FieldErrors = Record<string, string[]>;

/** An error answer of the API: its status, stable code, human detail and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: FieldErrors = {},
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
  }
}

type Body = Record<string, unknown> | FormData | undefined;

export interface RequestOptions {
  method?: string;
  body?: Body;
  /** Do not try a token refresh on 401 (the refresh itself, signin). */
  noRefresh?: boolean;
  signal?: AbortSignal;
  /** More request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
}

let refreshing: Promise<boolean> | null = null;

/** Refresh the tokens once, whoever asks at the same time; true when it worked. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= fetch(`${API}/auth/refresh`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const { method = "GET", body, signal } = options;
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  } else if (method !== "GET" && method !== "HEAD") {
    headers["Content-Type"] = "application/json";
    payload = "{}";
  }
  return fetch(path.startsWith("/") ? path : `${API}/${path}`, {
    method,
    headers,
    body: payload,
    credentials: "same-origin",
    signal,
  });
}

export async function errorOf(response: Response): Promise<ApiError> {
  let json: { code?: string; detail?: string; fields?: FieldErrors } = {};
  try {
    json = await response.json();
  } catch {
    // Not JSON: a proxy in between answered; keep the status.
  }
  const retry = response.headers.get("Retry-After");
  return new ApiError(
    response.status,
    json.code ?? "error",
    json.detail ?? `The server answered ${response.status}.`,
    json.fields ?? {},
    retry ? Number(retry) : null,
  );
}

/** The raw response of a request (after one refresh on 401); throws ApiError on an error status. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && !options.noRefresh && (await refreshTokens())) {
    response = await send(path, options);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** The JSON answer of a request. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Retry ``call`` while the API says the data is on its way (404/409 with Retry-After), up to ``seconds``. */
export async function whenReady<T>(call: () => Promise<T>, seconds = 15): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.retryAfter === null || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfter ?? 1, 2) * 500));
    }
  }
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Retry ``call`` while the API answers one of ``codes`` (news still travelling between services), up to ``seconds``. */
export async function untilKnown<T>(call: () => Promise<T>, codes: string[], seconds = 15): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError && codes.includes(error.code)) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  }
}
