"""A log handler that ships records to Elasticsearch without ever blocking the caller.

``emit`` only puts the formatted record on a bounded in-memory queue; a daemon thread
sends batches with the official client and short timeouts. When Elasticsearch is slow or
down, records are dropped (and counted) instead of slowing or breaking a request.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from datetime import UTC, datetime
from typing import Any

BATCH_SIZE = 200
FLUSH_SECONDS = 1.0


class ElasticsearchHandler(logging.Handler):
    """Queue records and bulk-index them into ``bazaar-logs-YYYY.MM.DD`` from a thread."""

    def __init__(self, url: str, *, queue_size: int = 10_000, timeout: float = 2.0) -> None:
        super().__init__()
        self.url = url
        self.timeout = timeout
        self.dropped = 0
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=queue_size)
        self._client: Any = None
        self._sending = False
        self._thread = threading.Thread(target=self._run, name="es-log-shipper", daemon=True)
        self._thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            document = json.loads(self.format(record))
        except Exception:  # a handler must never raise into the caller
            document = {"message": record.getMessage(), "level": record.levelname}
        document.setdefault("@timestamp", datetime.now(UTC).isoformat())
        try:
            self._queue.put_nowait(document)
        except queue.Full:
            self.dropped += 1

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            self._sending = True
            while len(batch) < BATCH_SIZE:
                try:
                    batch.append(self._queue.get(timeout=FLUSH_SECONDS))
                except queue.Empty:
                    break
            self._send(batch)
            for _ in batch:
                self._queue.task_done()
            self._sending = False

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until queued records were sent (or dropped); for tests and shutdown."""
        deadline = time.monotonic() + timeout
        while (self._queue.unfinished_tasks or self._sending) and time.monotonic() < deadline:
            time.sleep(0.01)

    def _send(self, batch: list[dict[str, Any]]) -> None:
        index = "bazaar-logs-" + datetime.now(UTC).strftime("%Y.%m.%d")
        operations: list[dict[str, Any]] = []
        for document in batch:
            operations += [{"index": {"_index": index}}, document]
        try:
            self._connect().bulk(operations=operations)
        except Exception:
            self.dropped += len(batch)

    def _connect(self) -> Any:
        if self._client is None:
            from common.elasticsearch import make_client

            self._client = make_client(self.url, timeout=self.timeout, max_retries=0)
        return self._client
