"""The fake Bot API over HTTP, for running `python -m bot run` as a real process against it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.botapi import Call, FakeBotAPI

LONG_POLL_SECONDS = 1.0


class FakeTelegramServer:
    def __init__(self) -> None:
        self.api = FakeBotAPI()
        self.changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    @contextmanager
    def running(self) -> Iterator[FakeTelegramServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()

    def push(self, update: dict[str, Any]) -> None:
        with self.changed:
            self.api.pending_updates.append(update)
            self.changed.notify_all()

    def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 30.0) -> Call:
        """The first call (made so far or arriving within `timeout`) that satisfies `predicate`."""
        with self.changed:
            found: list[Call] = []

            def seen() -> bool:
                found[:] = [call for call in self.api.calls if predicate(call)]
                return bool(found)

            if not self.changed.wait_for(seen, timeout=timeout):
                raise AssertionError(f"no matching call; calls were {[c.method for c in self.api.calls]}")
            return found[0]

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        with self.changed:
            if method == "getUpdates" and not self.api.pending_updates:
                self.changed.wait(timeout=min(LONG_POLL_SECONDS, float(params.get("timeout") or 0)))
            answer = self.api.handle(method, params)
            self.changed.notify_all()
            return answer

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(body or "{}")
                else:
                    params = {key: values[0] for key, values in parse_qs(body).items()}
                answer = server._answer(self.path.rsplit("/", 1)[-1], params)
                payload = json.dumps(answer).encode()
                self.send_response(200 if answer["ok"] else 400)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_: Any) -> None:
                return None

        return Handler
