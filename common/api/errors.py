"""One error hierarchy: every error has a stable ``code``, an HTTP status and a message.

Clients and tests rely on ``code``, never on the English ``detail``. Every error body is
``{"code": ..., "detail": ...}``, plus ``"fields": {field: [messages]}`` for bad input.
"""

from __future__ import annotations


class BazaarError(Exception):
    """Base of every domain error a service raises on purpose."""

    status = 400
    code = "bad_request"
    detail = "The request could not be processed."
    # Seconds after which asking again may succeed; sent as ``Retry-After`` when set.
    retry_after: int | None = None

    def __init__(
        self, detail: str | None = None, *, code: str | None = None, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail
        self.code = code or self.code
        self.fields = fields

    def body(self) -> dict[str, object]:
        """The JSON body of this error."""
        data: dict[str, object] = {"code": self.code, "detail": self.detail}
        if self.fields:
            data["fields"] = self.fields
        return data


class InvalidInput(BazaarError):
    """400: a field is missing, malformed or not allowed."""

    code = "invalid"
    detail = "Invalid input."

    @classmethod
    def on(cls, field: str, message: str, *, code: str = "invalid") -> InvalidInput:
        """The error for one field."""
        return cls(f"{field}: {message}", code=code, fields={field: [message]})


class NotSignedIn(BazaarError):
    """401: a valid access token is required."""

    status = 401
    code = "not_authenticated"
    detail = "Authentication credentials were not provided."


class Forbidden(BazaarError):
    """403: signed in, but not allowed."""

    status = 403
    code = "permission_denied"
    detail = "You do not have permission to perform this action."


class NotFound(BazaarError):
    """404: does not exist, or belongs to someone else (ids cannot be probed)."""

    status = 404
    code = "not_found"
    detail = "Not found."


class Conflict(BazaarError):
    """409: the object's state does not allow this."""

    status = 409
    code = "conflict"
    detail = "The request conflicts with the current state."


class TooManyRequests(BazaarError):
    """429: slow down; ``retry_after`` seconds."""

    status = 429
    code = "rate_limited"
    detail = "Too many requests."

    def __init__(self, detail: str | None = None, *, retry_after: int = 60, code: str | None = None) -> None:
        super().__init__(detail, code=code)
        self.retry_after = retry_after
