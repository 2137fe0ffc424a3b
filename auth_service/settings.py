"""Settings of the auth service: the fleet's settings plus accounts, Argon2 and the token blacklist."""

from datetime import timedelta

from common.conf.env import env_int
from common.conf.production import refuse_to_start
from common.conf.settings import build_settings, environment

globals().update(
    build_settings(
        "auth",
        apps=["rest_framework_simplejwt.token_blacklist", "auth_service.accounts"],
        mints_tokens=True,
    )
)

AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Verify-only fallbacks: a hash made by one of these is upgraded to Argon2 at next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if environment() == "test":
    # Still Argon2, with small parameters so the suite stays fast; never outside tests.
    PASSWORD_HASHERS = ["auth_service.accounts.hashers.LightArgon2PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

with refuse_to_start("auth"):
    OTP_TTL_MINUTES = env_int("OTP_TTL_MINUTES")
    PASSWORD_RESET_TTL_MINUTES = env_int("PASSWORD_RESET_TTL_MINUTES")
    EMAIL_VERIFICATION_TTL_HOURS = env_int("EMAIL_VERIFICATION_TTL_HOURS")

CELERY_BEAT_SCHEDULE = {
    "auth-purge-expired-tokens": {
        "task": "auth.purge_expired_tokens",
        "schedule": timedelta(hours=1),
    },
}
