"""Settings of the gigs service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("gigs", apps=["django.contrib.postgres", "gigs_service.gigs"]))
