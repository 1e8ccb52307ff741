"""Drive the real Application in-process: send messages, press buttons, read what the bot answered."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.app import build_application
from bot.config import Settings
from bot.services import Services
from tests.botapi import BOT_USER, Call, FakeBotAPI, buttons

LEA = {"id": 111, "is_bot": False, "first_name": "Lea", "last_name": "Muster", "language_code": "de-CH"}
MARC = {"id": 222, "is_bot": False, "first_name": "Marc", "language_code": "fr"}


class RecordingRequest(BaseRequest):
    """A `BaseRequest` that hands every call to the fake Bot API instead of the network."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download (getFile's path)
            data = self.api.files.get(url.rsplit("/", 1)[-1])
            return (200, data) if data is not None else (404, b"")
        params: dict[str, Any] = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.multipart_data:
            params["_files"] = {name: upload[1] for name, upload in request_data.multipart_data.items()}
        answer = self.api.handle(url.rsplit("/", 1)[-1], params)
        return (200 if answer["ok"] else 400), json.dumps(answer).encode()


class BotHarness:
    def __init__(self, application: Any, api: FakeBotAPI, clock: Callable[[], datetime]) -> None:
        self.app = application
        self.api = api
        self.clock = clock
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    @classmethod
    @asynccontextmanager
    async def running(
        cls, settings: Settings, services: Services, clock: Callable[[], datetime]
    ) -> AsyncIterator[BotHarness]:
        api = FakeBotAPI()
        application = build_application(
            settings, services, request=RecordingRequest(api), with_updater=False, with_jobs=False
        )
        async with application:
            assert application.post_init is not None
            await application.post_init(application)
            yield cls(application, api, clock)

    async def _process(self, update: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send_in_group(self, text: str, user: dict[str, Any], chat_id: int = -100123) -> None:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(self.clock().timestamp()),
            "chat": {"id": chat_id, "type": "supergroup", "title": "KD group"},
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        await self._process({"update_id": next(self._update_ids), "message": message})

    async def press_in_group(self, data: str, user: dict[str, Any], chat_id: int = -100123) -> None:
        await self._process(
            {
                "update_id": next(self._update_ids),
                "callback_query": {
                    "id": str(next(self._update_ids)),
                    "from": user,
                    "chat_instance": "2",
                    "data": data,
                    "message": {
                        "message_id": 1,
                        "date": int(self.clock().timestamp()),
                        "chat": {"id": chat_id, "type": "supergroup", "title": "KD group"},
                        "from": BOT_USER,
                        "text": "…",
                    },
                },
            }
        )

    async def answer_poll(self, poll_id: str, option: int, user: dict[str, Any]) -> None:
        await self._process(
            {
                "update_id": next(self._update_ids),
                "poll_answer": {
                    "poll_id": poll_id,
                    "user": user,
                    "option_ids": [option],
                    "option_persistent_ids": [str(option)],
                },
            }
        )

    async def send(self, text: str, user: dict[str, Any] = LEA) -> None:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(self.clock().timestamp()),
            "chat": {"id": user["id"], "type": "private"},
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        await self._process({"update_id": next(self._update_ids), "message": message})

    async def send_voice(self, file_id: str, user: dict[str, Any] = LEA) -> None:
        message = {
            "message_id": next(self._message_ids),
            "date": int(self.clock().timestamp()),
            "chat": {"id": user["id"], "type": "private"},
            "from": user,
            "voice": {"file_id": file_id, "file_unique_id": file_id[::-1], "duration": 7},
        }
        await self._process({"update_id": next(self._update_ids), "message": message})

    async def send_document(self, filename: str, data: bytes, user: dict[str, Any] = LEA) -> None:
        file_id = f"doc{next(self._message_ids)}"
        self.api.files[file_id] = data
        message = {
            "message_id": next(self._message_ids),
            "date": int(self.clock().timestamp()),
            "chat": {"id": user["id"], "type": "private"},
            "from": user,
            "document": {
                "file_id": file_id,
                "file_unique_id": file_id[::-1],
                "file_name": filename,
                "file_size": len(data),
            },
        }
        await self._process({"update_id": next(self._update_ids), "message": message})

    def texts_to(self, chat_id: int) -> list[str]:
        """Every message text sent to a chat, in order."""
        return [
            str(c.params["text"]) for c in self.api.sent("sendMessage") if int(c.params["chat_id"]) == chat_id
        ]

    async def press(self, data: str, user: dict[str, Any] = LEA, message_id: int | None = None) -> None:
        """Press a button with `data` on the bot's message `message_id` (default: the newest message)."""
        if message_id is None:
            message_id = self.last_message_id()
        await self._process(
            {
                "update_id": next(self._update_ids),
                "callback_query": {
                    "id": str(next(self._update_ids)),
                    "from": user,
                    "chat_instance": "1",
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": int(self.clock().timestamp()),
                        "chat": {"id": user["id"], "type": "private"},
                        "from": BOT_USER,
                        "text": "…",
                    },
                },
            }
        )

    async def press_label(self, label: str, user: dict[str, Any] = LEA) -> None:
        """Press the button whose label contains `label` on the newest screen."""
        matching = [data for text, data in self.last_buttons() if label in text]
        assert matching, f"no button {label!r} in {self.last_buttons()}"
        await self.press(matching[0], user=user)

    # -- reading ------------------------------------------------------------------------------------
    def last_screen(self) -> Call:
        screens = self.api.screens()
        assert screens, "the bot has shown nothing"
        return screens[-1]

    def last_text(self) -> str:
        return str(self.last_screen().params["text"])

    def last_interactive(self) -> Call:
        """The newest message with buttons (announcements without buttons may follow it)."""
        for call in reversed(self.api.screens()):
            if buttons(call):
                return call
        return self.last_screen()

    def interactive_text(self) -> str:
        return str(self.last_interactive().params["text"])

    def last_buttons(self) -> list[tuple[str, str]]:
        return buttons(self.last_interactive())

    def last_message_id(self) -> int:
        call = self.last_interactive()
        if isinstance(call.result, dict):
            return int(call.result["message_id"])
        raise AssertionError("no message to press on")

    def callback_answers(self) -> list[str]:
        return [str(call.params.get("text") or "") for call in self.api.sent("answerCallbackQuery")]
