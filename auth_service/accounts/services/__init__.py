"""Write use-cases of the accounts app, one module per use-case family.

Every change that must email someone writes its event to the outbox in the same
transaction (``common.events.outbox.publish``), so a rolled-back change sends nothing.
Callers use ``services.<use-case>``; the modules are ``signup``, ``signin``, ``sessions``,
``verification``, ``email_change``, ``deletion``, ``passwords``, ``staff``, ``sellers`` and ``housekeeping``, over
``devices`` and ``email_tokens``.
"""

from auth_service.accounts.services.deletion import count_order_closed, count_order_opened, delete_account
from auth_service.accounts.services.devices import device_hash
from auth_service.accounts.services.email_change import confirm_email_change, request_email_change
from auth_service.accounts.services.housekeeping import purge_expired_tokens
from auth_service.accounts.services.passwords import change_password, request_password_reset, reset_password
from auth_service.accounts.services.sellers import AccountNotFound, mark_seller
from auth_service.accounts.services.sessions import Session, refresh_session, sign_out
from auth_service.accounts.services.signin import SigninOutcome, sign_in, verify_signin_code
from auth_service.accounts.services.signup import RESERVED_USERNAMES, sign_up
from auth_service.accounts.services.staff import deactivate_account, sign_out_everywhere
from auth_service.accounts.services.verification import mark_email_verified, resend_verification, verify_email

__all__ = [
    "RESERVED_USERNAMES",
    "AccountNotFound",
    "Session",
    "SigninOutcome",
    "change_password",
    "confirm_email_change",
    "count_order_closed",
    "count_order_opened",
    "deactivate_account",
    "delete_account",
    "device_hash",
    "mark_email_verified",
    "mark_seller",
    "purge_expired_tokens",
    "refresh_session",
    "request_email_change",
    "request_password_reset",
    "resend_verification",
    "reset_password",
    "sign_in",
    "sign_out",
    "sign_out_everywhere",
    "sign_up",
    "verify_email",
    "verify_signin_code",
]
