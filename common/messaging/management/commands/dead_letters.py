"""``manage.py dead_letters``: list, show, replay or discard this service's dead-lettered events.

    manage.py dead_letters list
    manage.py dead_letters show <event-id>
    manage.py dead_letters replay <event-id>... | --all
    manage.py dead_letters discard <event-id>... | --all

Secret fields of an event (a sign-in code, a reset token) are shown as ``[secret]``; the
dead letter keeps them, so a replay still delivers them.

Replay sends an event back to this service's own queue, for the handler that failed
only; fix the cause first (a bug, a missing row), or it will fail and come back. Replay
and discard show their progress on stderr (a bar on a terminal, a line at each tenth
elsewhere).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.messaging import dead_letters
from common.messaging.dead_letters import DeadLetter
from common.progress import Progress, command_stream


class Command(BaseCommand):
    help = "List, show, replay or discard events whose handler failed after its last retry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "show", "replay", "discard"])
        parser.add_argument("event_ids", nargs="*", help="event ids (show needs one; replay/discard need ids or --all)")
        parser.add_argument("--all", action="store_true", help="replay or discard every dead letter")

    def handle(self, *args: Any, action: str, event_ids: list[str], all: bool, **options: Any) -> None:
        if action == "list":
            self._list(dead_letters.list_dead_letters())
        elif action == "show":
            self._show(event_ids)
        else:
            if not event_ids and not all:
                raise CommandError(f"{action} needs event ids or --all")
            chosen = None if all else set(event_ids)
            verb = "replayed" if action == "replay" else "discarded"
            shown = partial(Progress, verb, stream=command_stream(self.stderr))
            take = dead_letters.replay if action == "replay" else dead_letters.discard
            done = take(chosen, shown=shown)
            self.stdout.write(f"{verb} {len(done)} dead letter(s)")
            missing = (chosen or set()) - {letter.event_id for letter in done}
            if missing:
                raise CommandError(f"not in the dead-letter queue: {', '.join(sorted(missing))}")

    def _list(self, letters: list[DeadLetter]) -> None:
        if not letters:
            self.stdout.write("no dead letters")
            return
        for letter in letters:
            self.stdout.write(
                f"{letter.event_id}  {letter.event_type}  {letter.failed_at}  attempts={letter.attempts}"
                f"  {letter.handler or '(no handler)'}: {letter.error}"
            )

    def _show(self, event_ids: list[str]) -> None:
        if len(event_ids) != 1:
            raise CommandError("show needs exactly one event id")
        found = [letter for letter in dead_letters.list_dead_letters() if letter.event_id == event_ids[0]]
        if not found:
            raise CommandError(f"not in the dead-letter queue: {event_ids[0]}")
        letter = found[0]
        self.stdout.write(f"event:    {letter.event_id} ({letter.event_type})")
        self.stdout.write(f"handler:  {letter.handler or '(none: the message was not a valid event)'}")
        self.stdout.write(f"failed:   {letter.failed_at} after {letter.attempts} attempt(s)")
        self.stdout.write(f"error:    {letter.error}")
        self.stdout.write(letter.shown_body)
