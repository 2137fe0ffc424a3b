"""The checks every service passes: health, admin, gateway signature, schema."""

from common.testing.service_checks import *  # noqa: F403
