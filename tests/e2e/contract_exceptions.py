"""The one list of schemathesis failures the contract test accepts, each with its reason.

Everything else the OpenAPI document can say, it says (statuses, bodies, bounds, patterns,
enums, unknown fields). What is left here are rules no schema can express: a name that is
already taken, a token only the service could have issued, two fields that must agree.
An entry matches one operation (``"*"`` for all), one kind of failure (schemathesis'
code, ``st explain ST202``) and, where given, the ``code`` of the error body the service
answered, so that an unrelated failure of the same kind still fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass

# Schemathesis' failure codes used below.
VALID_REQUEST_REJECTED = "ST202"  # positive_data_acceptance
INVALID_REQUEST_ACCEPTED = "ST201"  # negative_data_rejection
VALID_AUTH_IGNORED = "ST401"  # ignored_auth


@dataclass(frozen=True)
class Allowed:
    """One accepted failure: where, what, and why no schema can prevent it."""

    operation: str  # "POST /api/v1/auth/signup", or "*"
    failure: str  # schemathesis' code, e.g. "ST202"
    answer: str | None  # the error body's ``code``; None for any answer
    reason: str
    field: str | None = None  # a field the error body names in ``fields``; None for any
    media_type: str | None = None  # the request body's media type; None for any

    def matches(self, failure: Failure) -> bool:
        return (
            self.operation in ("*", failure.operation)
            and self.failure == failure.code
            and (self.answer is None or self.answer == failure.answer)
            and (self.field is None or self.field in failure.fields)
            and (self.media_type is None or self.media_type == failure.media_type)
        )


@dataclass(frozen=True)
class Failure:
    """What the test knows of one failure: where, which kind, and what the service answered."""

    operation: str
    code: str
    answer: str | None
    fields: frozenset[str] = frozenset()
    media_type: str | None = None


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        "POST /api/v1/auth/signup",
        VALID_REQUEST_REJECTED,
        "username_taken",
        "A username or email someone already has: which names are taken is state, not shape.",
    ),
    Allowed(
        "POST /api/v1/auth/signup",
        VALID_REQUEST_REJECTED,
        "email_taken",
        "A username or email someone already has: which names are taken is state, not shape.",
    ),
    Allowed(
        "POST /api/v1/auth/signup",
        VALID_REQUEST_REJECTED,
        "weak_password",
        "Password strength (common passwords, likeness to the username or email) is a judgement, not a shape.",
    ),
    Allowed(
        "POST /api/v1/auth/change-password",
        VALID_REQUEST_REJECTED,
        "wrong_password",
        "Only the member knows the current password.",
    ),
    Allowed(
        "POST /api/v1/auth/delete-account",
        VALID_REQUEST_REJECTED,
        "wrong_password",
        "Only the member knows the current password.",
    ),
    Allowed(
        "POST /api/v1/auth/change-email",
        VALID_REQUEST_REJECTED,
        "wrong_password",
        "Only the member knows the current password.",
    ),
    Allowed(
        "POST /api/v1/auth/reset-password",
        VALID_REQUEST_REJECTED,
        "invalid",
        "`password_confirm` must equal `password`: a rule between two fields.",
    ),
    Allowed(
        "POST /api/v1/orders/payment-intent",
        VALID_REQUEST_REJECTED,
        "gig_or_offer",
        "Exactly one of `gig_id` and `offer_message_id`: a rule between two fields.",
    ),
    Allowed(
        "GET /api/v1/gigs",
        VALID_REQUEST_REJECTED,
        "invalid",
        "`max_price` is at least `min_price`: a rule between two fields.",
        field="max_price",
    ),
    Allowed(
        "POST /api/v1/orders/{order_id}/resolution",
        VALID_REQUEST_REJECTED,
        "required",
        "A `partial_refund` needs its `amount`, a `cancel` does not: a rule between two fields.",
        field="amount",
    ),
    Allowed(
        "POST /api/v1/orders/{order_id}/resolution",
        VALID_REQUEST_REJECTED,
        "refund_too_large",
        "A partial refund is less than what is left of the order's price: state, not shape.",
        field="amount",
    ),
    *(
        Allowed(
            "POST /api/v1/payouts/withdrawals",
            VALID_REQUEST_REJECTED,
            code,
            "At most what the seller has available and at least the minimum: the balance is state, not shape.",
            field="amount",
        )
        for code in ("amount_too_large", "below_minimum_withdrawal")
    ),
    *(
        Allowed(
            "*",
            VALID_REQUEST_REJECTED,
            code,
            "What a file is, is read from its content (JPEG, PNG, PDF ...), not from anything the request declares.",
        )
        for code in ("unsupported_file_type", "unsupported_image_type")
    ),
    Allowed(
        "POST /api/v1/realtime/ticket",
        VALID_AUTH_IGNORED,
        None,
        "A valid Bearer token wins over a broken cookie sent beside it: a script's explicit token must not fail"
        " because of a browser's stale cookie.",
    ),
    Allowed(
        "POST /api/v1/auth/verify-email",
        VALID_REQUEST_REJECTED,
        "invalid_token",
        "Only a token the auth service issued (and emailed) verifies; any other string is well-formed but unknown.",
    ),
    Allowed(
        "POST /api/v1/auth/confirm-email-change",
        VALID_REQUEST_REJECTED,
        "invalid_token",
        "Only a token the auth service issued (and emailed to the new address) changes it.",
    ),
    Allowed(
        "POST /api/v1/auth/reset-password",
        VALID_REQUEST_REJECTED,
        "invalid_token",
        "Only a token the auth service issued (and emailed) resets a password.",
    ),
    Allowed(
        "POST /api/v1/orders/webhooks/stripe",
        VALID_REQUEST_REJECTED,
        "invalid_webhook",
        "The payment provider signs the raw body with a secret: no generated request carries a valid signature.",
    ),
    Allowed(
        "POST /api/v1/messages",
        VALID_REQUEST_REJECTED,
        "unknown_user",
        "The recipient must be an existing member: which usernames exist is state, not shape.",
    ),
    *(
        Allowed(
            operation,
            VALID_REQUEST_REJECTED,
            "invalid",
            "The account is named once: by `username_or_email`, `username` or `email`, not by several of them"
            " (a rule between fields; the error names `username_or_email`).",
            field="username_or_email",
        )
        for operation in ("POST /api/v1/auth/signin", "POST /api/v1/auth/verify-otp")
    ),
    *(
        Allowed(
            operation,
            VALID_REQUEST_REJECTED,
            "invalid",
            "Each skill, language and link only once, compared without case: `uniqueItems` compares exactly.",
            field=field,
        )
        for operation in ("POST /api/v1/sellers", "PATCH /api/v1/sellers/me")
        for field in ("skills", "languages", "social_links")
    ),
    *(
        Allowed(
            operation,
            VALID_REQUEST_REJECTED,
            "invalid",
            "An end that must not come before its start (months, years): a rule between two fields.",
            field=field,
        )
        for operation in ("POST /api/v1/sellers", "PATCH /api/v1/sellers/me")
        for field in ("experience", "education")
    ),
    *(
        Allowed(
            operation,
            INVALID_REQUEST_ACCEPTED,
            None,
            "A form carries only text: a list field sent once is a list of one, and numbers and booleans are"
            " their text, so a form cannot have the wrong type the JSON schema would refuse.",
            media_type="multipart/form-data",
        )
        for operation in ("POST /api/v1/gigs", "PATCH /api/v1/gigs/{gig_id}", "POST /api/v1/messages")
    ),
    *(
        Allowed(
            operation,
            VALID_REQUEST_REJECTED,
            "invalid",
            "A gig's packages are basic alone or basic, standard and premium once each, each dearer than the"
            " one before (rules between items); a form sends them as one part holding their JSON.",
            field="packages",
        )
        for operation in ("POST /api/v1/gigs", "PATCH /api/v1/gigs/{gig_id}")
    ),
    *(
        Allowed(
            operation,
            VALID_REQUEST_REJECTED,
            "invalid",
            "The basic package is sent either as `packages` or as the gig's own `price`, `expected_delivery_days`,"
            " `basic_title` and `basic_description` (a new gig needs one of the two): a rule between fields.",
            field=field,
        )
        for operation in ("POST /api/v1/gigs", "PATCH /api/v1/gigs/{gig_id}")
        for field in ("price", "expected_delivery_days", "basic_title", "basic_description")
    ),
    Allowed(
        "PATCH /api/v1/gigs/{gig_id}",
        VALID_REQUEST_REJECTED,
        "package_prices_must_rise",
        "A new basic price must stay below the gig's standard package: a rule against what is stored.",
        field="price",
    ),
)


def is_allowed(failure: Failure) -> bool:
    """True when this failure is one of :data:`ALLOWED`."""
    return any(entry.matches(failure) for entry in ALLOWED)
