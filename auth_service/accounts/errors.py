"""Error codes of the auth service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import BazaarError, InvalidInput, NotSignedIn, TooManyRequests

INVALID_CREDENTIALS = "invalid_credentials"
TOO_MANY_ATTEMPTS = "too_many_attempts"
USERNAME_TAKEN = "username_taken"
USERNAME_RESERVED = "username_reserved"
EMAIL_TAKEN = "email_taken"
SAME_EMAIL = "same_email"
OPEN_ORDERS = "open_orders"
INVALID_CODE = "invalid_code"
INVALID_TOKEN = "invalid_token"
TOKEN_EXPIRED = "token_expired"
WRONG_PASSWORD = "wrong_password"
PASSWORD_MISMATCH = "password_mismatch"
WEAK_PASSWORD = "weak_password"
ALREADY_VERIFIED = "email_already_verified"
ACCOUNT_UNAVAILABLE = "account_unavailable"


class InvalidCredentials(BazaarError):
    """401: unknown account or wrong password; deliberately the same answer for both."""

    status = 401
    code = INVALID_CREDENTIALS
    detail = "The username, email or password is incorrect."


class InvalidRefreshToken(BazaarError):
    """401: the refresh token is malformed, expired, blacklisted or its account is gone."""

    status = 401
    code = "token_invalid"
    detail = "The refresh token is invalid, expired or was already used."


def account_unavailable() -> NotSignedIn:
    """401 for a valid access token whose account was deleted or deactivated."""
    return NotSignedIn("This account no longer exists or is disabled.", code=ACCOUNT_UNAVAILABLE)


def too_many_attempts(retry_after: int) -> TooManyRequests:
    return TooManyRequests("Too many attempts. Try again later.", retry_after=retry_after, code=TOO_MANY_ATTEMPTS)


def invalid_code() -> InvalidInput:
    return InvalidInput.on("code", "The code is invalid or has expired.", code=INVALID_CODE)
