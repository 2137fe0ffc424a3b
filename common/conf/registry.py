"""Every environment variable the fleet reads, declared once with its local default.

The configuration table of docs/operations.md is generated from this module:
``python -m common.conf.table`` prints it, and a test fails when they differ.
"""

from common.conf.env import declare

# Which processes need a variable in production (``needed_by``): the gateway has no database,
# only auth signs tokens, only orders talks to Stripe, only notifications sends mail, and
# uploads (S3) are written by gigs, chat and orders.
SERVICES = ("auth", "users", "gigs", "chat", "orders", "reviews", "notifications")
VERIFIERS = ("gateway", "users", "gigs", "chat", "orders", "reviews", "notifications")
UPLOADERS = ("gigs", "chat", "orders")

declare(
    "BAZAAR_ENV",
    "local",
    "`local`, `test` or `production`; production requires real secrets and enables HTTPS-only settings.",
)
declare("DJANGO_DEBUG", "true", "Django debug mode (forced off in production).")
declare(
    "DJANGO_SECRET_KEY",
    "",
    "Django secret key; a per-checkout dev key is generated into `.keys/` when empty outside production.",
    secret=True,
)
declare("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver", "Host names each process answers to.")
declare("POSTGRES_HOST", "127.0.0.1", "PostgreSQL host.")
declare("POSTGRES_PORT", "5432", "PostgreSQL port.")
declare("POSTGRES_USER", "postgres", "PostgreSQL user.")
declare(
    "POSTGRES_PASSWORD",
    "",
    "PostgreSQL password; production requires one (a database that lets the services in without one lets anyone on its network in).",
    secret=True,
    needed_by=SERVICES,
)
declare(
    "POSTGRES_DB_PREFIX",
    "bazaar_",
    "Each service's database is this prefix plus the service name (`bazaar_auth`, ...).",
)
declare("REDIS_URL", "redis://127.0.0.1:6379/0", "Redis: rate limits, revoked tokens, replay cache, channel layer.")
declare("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//", "RabbitMQ broker for events and Celery.")
declare(
    "JWT_PRIVATE_KEY",
    "",
    "PEM of the ES256 private key that signs tokens (auth service only). Dev key generated into `.keys/` when empty outside production.",
    secret=True,
    needed_by=("auth",),
)
declare(
    "JWT_PUBLIC_KEY",
    "",
    "PEM of the ES256 public key every process verifies tokens with (auth derives it from its private key).",
    required_in_production=True,
    needed_by=VERIFIERS,
)
declare("JWT_ISSUER", "bazaar-auth", "`iss` claim set and required on every token.")
declare("JWT_AUDIENCE", "bazaar", "`aud` claim set and required on every token.")
declare("JWT_ACCESS_MINUTES", "15", "Access token lifetime in minutes.")
declare("JWT_REFRESH_DAYS", "14", "Refresh token lifetime in days.")
declare(
    "GATEWAY_SIGNING_KEY",
    "",
    "Shared HMAC key the gateway signs forwarded requests with; dev key generated into `.keys/` when empty outside production.",
    secret=True,
)
declare(
    "GATEWAY_SIGNATURE_TTL_SECONDS",
    "30",
    "How long a gateway signature is accepted; a signature is also accepted only once.",
)
declare("GATEWAY_URL", "http://127.0.0.1:8000", "Public base URL of the gateway.")
declare(
    "FRONTEND_URL",
    "http://localhost:3000",
    "Front-end origin: allowed by CORS and the CSRF origin check; links in emails point here. `make up` sets it to the gateway's URL (which serves the pages) when it is not set.",
)
declare(
    "WEB_DIST_DIR",
    "",
    "Folder of the built web front end (`npm run build` in `web/`) the gateway serves at `/`; empty: the checkout's `web/dist`.",
)
declare("AUTH_SERVICE_URL", "http://127.0.0.1:8001", "Internal base URL of the auth service.")
declare("USERS_SERVICE_URL", "http://127.0.0.1:8002", "Internal base URL of the users service.")
declare("GIGS_SERVICE_URL", "http://127.0.0.1:8003", "Internal base URL of the gigs service.")
declare("CHAT_SERVICE_URL", "http://127.0.0.1:8004", "Internal base URL of the chat service.")
declare("ORDERS_SERVICE_URL", "http://127.0.0.1:8005", "Internal base URL of the orders service.")
declare("REVIEWS_SERVICE_URL", "http://127.0.0.1:8006", "Internal base URL of the reviews service.")
declare("NOTIFICATIONS_SERVICE_URL", "http://127.0.0.1:8007", "Internal base URL of the notifications service.")
declare("UPSTREAM_CONNECT_TIMEOUT", "1.0", "Gateway → service connect timeout, seconds.")
declare("UPSTREAM_READ_TIMEOUT", "10.0", "Gateway → service read timeout, seconds (504 after it).")
declare("UPSTREAM_RETRIES", "1", "Extra attempts for idempotent methods on connection errors.")
declare(
    "CIRCUIT_FAILURE_THRESHOLD", "5", "Consecutive failures that open a service's circuit (503 without calling it)."
)
declare("CIRCUIT_RESET_SECONDS", "10", "How long an open circuit waits before letting one trial request through.")
declare("MAX_BODY_BYTES", "10485760", "Largest request body the gateway forwards (413 beyond).")
declare("RATE_LIMIT_PER_IP", "300", "Requests per minute per client IP.")
declare("RATE_LIMIT_PER_USER", "600", "Requests per minute per signed-in user.")
declare(
    "RATE_LIMIT_SENSITIVE",
    "5",
    "Failed signin, one-time-code, forgot-password and admin login attempts per minute per account and per IP.",
)
declare(
    "TRUSTED_PROXIES",
    "",
    "Addresses or networks (`10.0.0.0/8`) of the reverse proxies in front of the gateway: only from them are X-Forwarded-For (client IP) and X-Forwarded-Proto (https) believed. Empty trusts nobody.",
)
declare(
    "COOKIE_SECURE", "", "Force the Secure flag on token cookies (`true`/`false`); empty means on everywhere but local."
)
declare(
    "REALTIME_TICKET_SECONDS",
    "30",
    "Lifetime of a websocket ticket from `POST /api/v1/realtime/ticket` (single use).",
)
declare(
    "REALTIME_PRESENCE_SECONDS",
    "60",
    "A connection nobody refreshes (a crashed gateway) stops counting as online after this; the gateway refreshes live ones three times per period.",
)
declare(
    "REALTIME_TYPING_PER_SECOND",
    "5",
    "`chat.typing` frames a connection may send per second (more get `rate_limited`).",
)
declare(
    "REALTIME_CONTACT_DAYS",
    "90",
    "Days after their last message two users still see each other's typing and presence.",
)
declare(
    "REALTIME_MAX_FRAME_CHARS", "4096", "Largest frame a real-time client may send, in characters (`malformed` beyond)."
)
declare(
    "REALTIME_CHANNEL_CAPACITY",
    "500",
    "Frames the Redis channel layer queues per connection before dropping new ones (a client that stopped reading).",
)
declare(
    "REALTIME_CHANNEL_EXPIRY_SECONDS",
    "30",
    "How long an undelivered frame waits in the channel layer before it is dropped.",
)
declare(
    "REALTIME_KEY_PREFIX",
    "realtime",
    "Prefix of the gateway's real-time Redis keys (tickets, contacts, presence).",
)
declare("LOG_LEVEL", "INFO", "Root log level.")
declare(
    "ELASTICSEARCH_URL",
    "",
    "When set, gigs are searched in Elasticsearch instead of in PostgreSQL (logs reach it through the collector, never from the processes).",
)
declare(
    "ELASTIC_APM_SERVER_URL",
    "",
    "When set, every process runs Elastic APM's tracing agent and sends its transactions there (other `ELASTIC_APM_*` options are read by the agent itself).",
)
declare("ELASTICSEARCH_GIGS_INDEX", "bazaar-gigs", "The alias gig search reads and writes in Elasticsearch.")
declare("OTP_TTL_MINUTES", "10", "Lifetime of a new-device sign-in code.")
declare("PASSWORD_RESET_TTL_MINUTES", "60", "Lifetime of a password reset token.")
declare("EMAIL_VERIFICATION_TTL_HOURS", "72", "Lifetime of an email verification token.")
declare(
    "FLEET_PORT_OFFSET",
    "0",
    "Added to every port by `python -m common.fleet.up` (tests run a second fleet beside a developer's).",
)
declare(
    "EVENT_MAX_RETRIES",
    "8",
    "Retries of a failing event handler before its event goes to the service's dead-letter queue.",
)
declare(
    "EVENT_RETRY_BASE_SECONDS",
    "2",
    "First retry delay of a failing event handler; doubles on each retry (8 retries from 2 s span about 8 minutes).",
)
declare("EVENT_RETRY_MAX_SECONDS", "300", "Longest delay between two retries of an event handler.")
declare("OUTBOX_RETENTION_DAYS", "7", "Sent outbox rows older than this are purged by the relay.")
declare(
    "INBOX_RETENTION_DAYS",
    "30",
    "Inbox rows (proof an event was applied) older than this are purged; a redelivery after it would apply again.",
)
declare("RELAY_BATCH_SIZE", "200", "Outbox rows the relay locks and publishes per transaction.")
declare(
    "EVENT_BATCH_SIZE",
    "50",
    "Most events a worker applies in one task and one transaction (its events gather while its pool is busy).",
)
declare(
    "EMAIL_HOST",
    "127.0.0.1",
    "SMTP server the notifications service sends through; `make up` runs a local mail sink when it is local.",
    required_in_production=True,
    needed_by=("notifications",),
)
declare("EMAIL_PORT", "1025", "SMTP port (the local mail sink listens here).")
declare("EMAIL_HOST_USER", "", "SMTP user name, if the server needs one.")
declare(
    "EMAIL_HOST_PASSWORD",
    "",
    "SMTP password.",
    secret=True,
    needed_by=("notifications",),
    required_if="EMAIL_HOST_USER",
)
declare("EMAIL_USE_TLS", "false", "STARTTLS to the SMTP server.")
declare("EMAIL_TIMEOUT", "10", "Seconds before an SMTP conversation is given up (and retried later).")
declare(
    "MESSAGE_EMAIL_DELAY_SECONDS",
    "900",
    "Quiet time after the last unread chat message to an offline user before their one email about the conversation is sent.",
)
declare("DEFAULT_FROM_EMAIL", "Bazaar <no-reply@bazaar.local>", "Sender of every email.")
declare("MAIL_SINK_DIR", ".run/mail", "Where the local mail sink of `make up` writes each received email (`.eml`).")
declare(
    "MEDIA_ROOT",
    "",
    "Folder of uploaded files when no S3 bucket is set (each service writes under `<MEDIA_ROOT>/<service>`); empty means `.run/media`.",
)
declare("MAX_UPLOAD_BYTES", "5242880", "Largest gig image or chat attachment a service accepts (413 beyond).")
declare("S3_BUCKET", "", "When set, uploads go to this S3 bucket (django-storages) instead of local files.")
declare("S3_ENDPOINT_URL", "", "Endpoint of an S3-compatible store (MinIO, moto); empty means AWS.")
declare("S3_REGION", "", "Region of the S3 bucket.")
declare("S3_ACCESS_KEY_ID", "", "S3 access key id.", secret=True, needed_by=UPLOADERS, required_if="S3_BUCKET")
declare("S3_SECRET_ACCESS_KEY", "", "S3 secret access key.", secret=True, needed_by=UPLOADERS, required_if="S3_BUCKET")
declare("PAYMENT_PROVIDER", "stripe", "Which payment provider orders uses (`stripe`).")
declare(
    "STRIPE_API_BASE",
    "http://127.0.0.1:8420",
    "Base URL the stripe client talks to: a local fake Stripe server (localstripe, started by `make up`) by default; `https://api.stripe.com` in production.",
    required_in_production=True,
    needed_by=("orders",),
)
declare(
    "STRIPE_PUBLIC_API_BASE",
    "",
    "The Stripe API base clients are told by `/orders/payment-config`, when they reach it by another address than the services (containers); empty means `STRIPE_API_BASE`.",
)
declare(
    "STRIPE_SECRET_KEY",
    "sk_test_bazaar_local",
    "Stripe secret key (any `sk_test_...` works with localstripe).",
    secret=True,
    needed_by=("orders",),
)
declare(
    "STRIPE_PUBLISHABLE_KEY",
    "pk_test_bazaar_local",
    "Stripe publishable key, handed to clients by `/orders/payment-config`.",
    required_in_production=True,
    needed_by=("orders",),
)
declare(
    "STRIPE_WEBHOOK_SECRET",
    "whsec_bazaar_local",
    "Secret Stripe signs webhooks with; the orders service refuses a webhook whose signature does not verify.",
    secret=True,
    needed_by=("orders",),
)
declare(
    "ORDER_AUTO_COMPLETE_DAYS",
    "3",
    "A delivered order the buyer neither approves nor disputes completes by itself after this many days.",
)
declare(
    "ORDER_RESOLUTION_RESPONSE_HOURS",
    "48",
    "Hours a party has to accept or decline the other's cancellation or partial-refund request; silence accepts.",
)
declare(
    "PLATFORM_SHARE_PERCENT",
    "20",
    "The platform's share of an order's price; the seller is credited the rest on completion.",
)
declare(
    "EARNINGS_CLEARING_DAYS",
    "14",
    "Days a completed order's earning stays pending before the seller may withdraw it (may be fractional).",
)
declare(
    "PAYOUT_MINIMUM_WITHDRAWAL",
    "10.00",
    "The least a seller may withdraw at once (USD); less stays available until more clears.",
)
