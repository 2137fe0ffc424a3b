"""Settings of the orders service: the fleet's settings plus payments and the approval window."""

from common.conf.env import env_float, env_int, env_money, env_secret, env_str
from common.conf.production import refuse_to_start
from common.conf.settings import build_settings, environment
from orders_service.orders.payments.local import is_local_stand_in

_fleet = build_settings("orders", apps=["orders_service.orders"])
globals().update(_fleet)

with refuse_to_start("orders"):
    # One payment provider behind ``orders.payments.provider``; locally and in tests the same
    # Stripe code talks to localstripe at STRIPE_API_BASE. In production none of the Stripe
    # settings has a default: build_settings refused to start without them.
    PAYMENT_PROVIDER = env_str("PAYMENT_PROVIDER")
    STRIPE_API_BASE = env_str("STRIPE_API_BASE").rstrip("/")
    # What clients are told: in containers the services reach localstripe by its service name,
    # a browser on the host by the published port.
    STRIPE_PUBLIC_API_BASE = (env_str("STRIPE_PUBLIC_API_BASE") or STRIPE_API_BASE).rstrip("/")
    STRIPE_SECRET_KEY = env_secret("STRIPE_SECRET_KEY")
    STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = env_secret("STRIPE_WEBHOOK_SECRET")
    # Browsers cannot confirm at localstripe (it refuses publishable keys), so while payments
    # go to a local stand-in, and never in production, a buyer may pay with a test card that
    # orders confirms for them (POST /orders/payment-intent/test-card).
    TEST_CARD_PAYMENTS = environment() != "production" and is_local_stand_in(STRIPE_API_BASE)
    ORDER_AUTO_COMPLETE_DAYS = env_int("ORDER_AUTO_COMPLETE_DAYS")
    ORDER_RESOLUTION_RESPONSE_HOURS = env_int("ORDER_RESOLUTION_RESPONSE_HOURS")
    PLATFORM_SHARE_PERCENT = env_int("PLATFORM_SHARE_PERCENT")
    EARNINGS_CLEARING_DAYS = env_float("EARNINGS_CLEARING_DAYS")
    PAYOUT_MINIMUM_WITHDRAWAL = env_money("PAYOUT_MINIMUM_WITHDRAWAL")
PAYMENT_CURRENCY = "usd"
# Earnings are cleared by beat every ten minutes, or at a tenth of the clearing period when
# that is shorter (a fleet under test clears in seconds), but never more than once a second.
EARNINGS_CLEARING_SWEEP_SECONDS = max(1.0, min(600.0, EARNINGS_CLEARING_DAYS * 86400 / 10))

# Beat (its own process, orders-beat): delivered orders whose approval window ran out complete
# by themselves, and requests left unanswered past their deadline are accepted. Every ten
# minutes is precise enough for windows counted in days and hours.
CELERY_BEAT_SCHEDULE = {
    "orders-auto-complete": {"task": "orders.auto_complete_delivered", "schedule": 600.0},
    "orders-expire-resolutions": {"task": "orders.expire_resolution_requests", "schedule": 600.0},
    # Earnings past their clearing period become available; withdrawals the provider did not
    # answer are asked again (same idempotency key) until it does.
    "orders-clear-earnings": {"task": "orders.clear_earnings", "schedule": EARNINGS_CLEARING_SWEEP_SECONDS},
    "orders-retry-withdrawals": {"task": "orders.retry_withdrawals", "schedule": 600.0},
}

# Three models have a ``status``: name each enum in the OpenAPI document after its model.
SPECTACULAR_SETTINGS = {
    **_fleet["SPECTACULAR_SETTINGS"],
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "orders_service.orders.models.Order.Status",
        "PaymentStatusEnum": "orders_service.orders.models.Payment.Status",
        "ExtensionStatusEnum": "orders_service.orders.models.Extension.Status",
        "ResolutionStatusEnum": "orders_service.orders.models.ResolutionRequest.Status",
        "ResolutionKindEnum": "orders_service.orders.models.ResolutionRequest.Kind",
        "WithdrawalStatusEnum": "orders_service.orders.models.Withdrawal.Status",
        "LedgerKindEnum": "orders_service.orders.models.LedgerEntry.Kind",
    },
}
