"""Events' secret fields (a sign-in code, a reset token): what no log line or operator view shows.

The catalog declares them (``Event.secret_fields``). The message itself keeps them, since
the consumer needs them and a dead letter must stay replayable; everything that prints an
event (Celery's task logging, ``manage.py dead_letters``, error messages) shows it redacted.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from common.events.base import all_event_classes, event_class

SHOWN_AS = "[secret]"


@functools.cache
def all_secret_fields() -> frozenset[str]:
    """Every field name any event of the catalog declares secret."""
    return frozenset().union(*(cls.secret_fields for cls in all_event_classes()))


def secret_fields_of(type_: object, version: object) -> frozenset[str]:
    """The secret fields of ``type_`` ``version``; of the whole catalog when it is not a known event."""
    try:
        return event_class(str(type_), version if isinstance(version, int) else None).secret_fields
    except KeyError:
        return all_secret_fields()


def redacted(envelope: dict[str, Any]) -> dict[str, Any]:
    """``envelope`` with the secret fields of its ``data`` replaced by ``[secret]``."""
    data = envelope.get("data")
    if not isinstance(data, dict):
        return envelope
    present = secret_fields_of(envelope.get("type"), envelope.get("version")) & data.keys()
    return {**envelope, "data": {**data, **dict.fromkeys(present, SHOWN_AS)}}


def redacted_body(body: str) -> str:
    """A message body as it may be shown: the envelope, redacted and indented; else the redacted text."""
    try:
        envelope = json.loads(body)
    except ValueError:
        return redact_text(body)
    if not isinstance(envelope, dict):
        return redact_text(body)
    return json.dumps(redacted(envelope), indent=2, ensure_ascii=False)


@functools.cache
def _secret_pairs() -> re.Pattern[str]:
    # "code": "123456" as JSON, or as the repr of a str holding JSON ('..."code": "1"...' or
    # "...\"code\": \"1\"..."), or as a dict's repr ('code': '1').
    names = "|".join(re.escape(name) for name in sorted(all_secret_fields()))
    return re.compile(rf"""(?P<key>(?P<k>\\?["'])(?:{names})(?P=k)\s*:\s*)(?P<q>\\?["'])(?P<value>.*?)(?P=q)""")


def redact_text(text: str) -> str:
    """``text`` with the value of every ``"<secret field>": "<value>"`` pair replaced by ``[secret]``."""
    if not all_secret_fields():
        return text
    return _secret_pairs().sub(lambda m: f"{m['key']}{m['q']}{SHOWN_AS}{m['q']}", text)
