"""Input and output serializers of the auth API, one pair per operation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from auth_service.accounts import errors
from auth_service.accounts.models import USERNAME_PATTERN, User
from common.api.serializers import StrictSerializer

PASSWORD_MAX = 128  # Argon2 takes any length; the cap keeps one request from costing much more than another.
# Letters (any script), spaces and the punctuation of country names ("Côte d'Ivoire", "Guinea-Bissau").
COUNTRY_PATTERN = r"^[^\W\d_](?:[^\W\d_]|[ .,'’()\-])*\Z"


class StrictStringMixin:
    """Refuses numbers and booleans where text is expected (DRF would turn 123 into "123")."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            # A mixin: fail() and the next to_internal_value are the DRF field's it is mixed into.
            self.fail("not_a_string")  # type: ignore[attr-defined]
        return super().to_internal_value(data)  # type: ignore[misc]  # as above


class Text(StrictStringMixin, serializers.CharField):
    default_error_messages = {"not_a_string": "Must be a string."}


class Pattern(StrictStringMixin, serializers.RegexField):
    default_error_messages = {"not_a_string": "Must be a string."}


class Email(StrictStringMixin, serializers.EmailField):
    default_error_messages = {"not_a_string": "Must be a string."}


def password_field(**kwargs: Any) -> Text:
    return Text(max_length=PASSWORD_MAX, trim_whitespace=False, style={"input_type": "password"}, **kwargs)


def device_field() -> Text:
    return Text(max_length=128, required=False, help_text="Defaults to the X-Device-ID header.")


class SignupInput(StrictSerializer):
    username = Pattern(USERNAME_PATTERN, min_length=3, max_length=30)
    email = Email(max_length=254)
    password = password_field()
    country = Pattern(COUNTRY_PATTERN, min_length=2, max_length=64)
    device_id = device_field()


class IdentifierInput(StrictSerializer):
    """Names the account by ``username_or_email``, or by ``username`` or ``email``."""

    IDENTIFIER_FIELDS = ("username_or_email", "username", "email")

    username_or_email = Text(max_length=254, required=False)
    username = Text(max_length=254, required=False)
    email = Text(max_length=254, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = {attrs.pop(name) for name in self.IDENTIFIER_FIELDS if name in attrs}
        if not given:
            raise serializers.ValidationError({"username_or_email": ["This field is required."]})
        if len(given) > 1:
            raise serializers.ValidationError({"username_or_email": ["Give one username or email, not several."]})
        attrs["identifier"] = given.pop()
        return attrs


class SigninInput(IdentifierInput):
    password = password_field()
    device_id = device_field()


class VerifyOtpInput(IdentifierInput):
    code = Pattern(r"^\d{6}\Z", error_messages={"invalid": "Enter the 6-digit code."})
    device_id = device_field()


class RefreshInput(StrictSerializer):
    refresh = Text(max_length=2048)


class SignoutInput(StrictSerializer):
    refresh = Text(max_length=2048, required=False)


class VerifyEmailInput(StrictSerializer):
    token = Text(max_length=128)


class ForgotPasswordInput(StrictSerializer):
    email = Email(max_length=254)


class ResetPasswordInput(StrictSerializer):
    token = Text(max_length=128)
    password = password_field()
    password_confirm = password_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["password"] != attrs["password_confirm"]:
            raise serializers.ValidationError(
                {"password_confirm": ["The two passwords do not match."]}, code=errors.PASSWORD_MISMATCH
            )
        return attrs


class ChangePasswordInput(StrictSerializer):
    current_password = password_field()
    new_password = password_field()
    # This session's refresh token (the gateway adds the cookie's): it stays signed in.
    refresh = Text(max_length=2048, required=False)


class ChangeEmailInput(StrictSerializer):
    current_password = password_field()
    new_email = Email(max_length=254)


class ConfirmEmailChangeInput(StrictSerializer):
    token = Text(max_length=128)


class DeleteAccountInput(StrictSerializer):
    current_password = password_field()
    # The gateway adds the cookie's refresh token, as on signing out; every one is blacklisted anyway.
    refresh = Text(max_length=2048, required=False)


class UserOutput(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "username", "email", "email_verified", "is_seller", "country", "created_at"]
        read_only_fields = fields


class SessionOutput(serializers.Serializer[Any]):
    """Body of signup, signin, verify-otp and refresh. The gateway moves ``refresh`` into a cookie."""

    user = UserOutput()
    access = serializers.CharField()
    # Not required: clients of the public API never see it (the gateway's document is the contract).
    refresh = serializers.CharField(required=False, help_text="Only between the auth service and the gateway.")
    access_expires_at = serializers.DateTimeField()


class OtpRequiredOutput(serializers.Serializer[Any]):
    code = serializers.CharField(default="otp_required")
    detail = serializers.CharField()


class DetailOutput(serializers.Serializer[Any]):
    detail = serializers.CharField()
