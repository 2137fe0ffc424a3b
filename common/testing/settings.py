"""Settings for the tests of ``common`` itself (``--ds=common.testing.settings``)."""

from common.conf.settings import build_settings

globals().update(build_settings("common_tests", apps=["common.testing.ledger"]))
ROOT_URLCONF = "common.testing.urls"
# Where common.api.images links local pictures (each service serving pictures sets its own).
GATEWAY_URL = "http://127.0.0.1:8000"
