"""Frames on the wire: ``{"type": ..., "data": {...}}`` both ways (README, "Real time").

Client frames are checked here, before anything acts on them; a bad one becomes an
``error`` frame and the connection stays open.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

Frame = dict[str, Any]

# What a client may send, and the fields each carries (name → accepted types).
CLIENT_FRAMES: dict[str, dict[str, tuple[type, ...]]] = {
    "chat.typing": {"to": (str, int)},
    "presence.ping": {},
}
PUSH = "realtime.push"  # the channel-layer message type carrying one frame to a group


def max_frame_chars() -> int:
    return int(settings.REALTIME_MAX_FRAME_CHARS)


class FrameError(Exception):
    """A client frame the gateway refuses, as an ``error`` frame's code and detail."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def frame(self) -> Frame:
        return frame("error", {"code": self.code, "detail": self.detail})


def frame(type_: str, data: dict[str, Any]) -> Frame:
    """One frame."""
    return {"type": type_, "data": data}


def push_message(to_send: Frame) -> dict[str, Any]:
    """The channel-layer message that makes every member of a group send ``to_send``."""
    return {"type": PUSH, "frame": to_send}


def decode(text: str | None) -> Any:
    """The JSON value of a text frame; ``FrameError`` when it is not JSON."""
    if text is None:
        raise FrameError("malformed", "Frames are JSON text.")
    limit = max_frame_chars()
    if len(text) > limit:
        raise FrameError("malformed", f"Frames are limited to {limit} characters.")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise FrameError("malformed", "Frames are JSON text.") from None


def check(type_: Any, data: Any) -> tuple[str, dict[str, Any]]:
    """``(type, data)`` of a valid client frame; ``FrameError`` otherwise."""
    if not isinstance(type_, str) or not type_:
        raise FrameError("malformed", "A frame needs a type.")
    fields = CLIENT_FRAMES.get(type_)
    if fields is None:
        raise FrameError("unknown_type", f"Unknown frame type {type_!r}.")
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise FrameError("invalid_data", "A frame's data is an object.")
    for name, types in fields.items():
        value = data.get(name)
        if not isinstance(value, types) or isinstance(value, bool) or value == "":
            raise FrameError("invalid_data", f"{type_} needs {name!r}.")
    return type_, data


def parse(text: str | None) -> tuple[str, dict[str, Any]]:
    """``(type, data)`` of a websocket text frame; ``FrameError`` when it is not a valid client frame."""
    value = decode(text)
    if not isinstance(value, dict):
        raise FrameError("malformed", "A frame is an object with a type and data.")
    return check(value.get("type"), value.get("data"))
