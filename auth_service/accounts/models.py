"""Accounts, the devices they signed in from, and their one-time codes and tokens.

Secrets sent by email (sign-in codes, verification and reset tokens) are stored only as
hashes: a copy of this database is not enough to take over an account.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinLengthValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

# Usernames appear in public URLs (/sellers/{username}) and never contain "@", so a sign-in
# identifier with "@" is always an email address.
USERNAME_PATTERN = r"^[A-Za-z0-9_.-]+\Z"
username_validator = RegexValidator(
    USERNAME_PATTERN, "Use only letters, digits, and . _ - characters.", code="invalid_username"
)


class AccountManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        # Admin and createsuperuser sign-in ignore case, like the API does.
        return self.get(username__iexact=username)


class User(AbstractUser):
    """An account. ``username`` and ``email`` are unique regardless of case."""

    username = models.CharField(
        max_length=30,
        unique=True,
        error_messages={"unique": "This username is taken."},
        validators=[MinLengthValidator(3), username_validator],
        help_text="3–30 letters, digits, and . _ -; unique regardless of case.",
    )
    email = models.EmailField(max_length=254)
    country = models.CharField(max_length=64, blank=True)
    email_verified = models.BooleanField(default=False)
    is_seller = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects: ClassVar[AccountManager] = AccountManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]


class KnownDevice(models.Model):
    """A device the account signed up or completed a one-time code from."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="devices")
    # SHA-256 of the device id: the id itself is a long-lived cookie value.
    device_hash = models.CharField(max_length=64)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "device_hash"], name="accounts_device_unique")]

    def __str__(self) -> str:
        return f"device {self.device_hash[:8]}… of {self.user_id}"


class SigninCode(models.Model):
    """A 6-digit code sent to confirm a sign-in from an unknown device."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signin_codes")
    device_hash = models.CharField(max_length=64)
    # Keyed HMAC, not a bare hash: a 6-digit code is trivial to brute-force offline.
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "device_hash"], name="accounts_signincode_lookup")]

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class EmailToken(models.Model):
    """A single-use token sent by email: verifies the address, resets the password or changes the address."""

    class Purpose(models.TextChoices):
        VERIFY_EMAIL = "verify_email", "verify email"
        RESET_PASSWORD = "reset_password", "reset password"
        CHANGE_EMAIL = "change_email", "change email"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_tokens")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    # The address a change-email token makes the account's (blank for the other purposes).
    new_email = models.EmailField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class OpenOrder(models.Model):
    """An order between two accounts as orders' events tell it: an account is not deleted while one is open.

    One row per order, written by whichever of its events arrives first (they are not
    ordered): a completion or cancellation that overtakes the placing still closes it.
    """

    order_id = models.UUIDField(primary_key=True)
    buyer_id = models.PositiveBigIntegerField(db_index=True)
    seller_id = models.PositiveBigIntegerField(db_index=True)
    closed = models.BooleanField(default=False)
