"""Settings of the orders service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("orders", apps=["orders_service.orders"]))
