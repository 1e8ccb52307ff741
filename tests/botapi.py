"""A fake Telegram Bot API: answers like Telegram and records every call Telegram would reject.

Used in-process by `RecordingRequest` (handler tests) and over HTTP by the end-to-end test.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Dialogue Coach", "username": "dialogue_coach_bot"}
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s[^<>]*)?)>")
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
MESSAGE_MAX = 4096
CALLBACK_DATA_MAX = 64
CALLBACK_ANSWER_MAX = 200
CAPTION_MAX = 1024
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, or None if the bytes are not a PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_html_text(markup: str) -> tuple[str, list[str]]:
    """The text Telegram shows for HTML `markup`, and the problems that would make it reject the markup."""
    problems: list[str] = []
    stack: list[str] = []
    visible: list[str] = []
    position = 0
    for match in TAG.finditer(markup):
        visible.append(markup[position : match.start()])
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name not in ALLOWED_TAGS:
            problems.append(f"unsupported tag <{name}>")
        elif closing:
            if not stack or stack.pop() != name:
                problems.append(f"unbalanced </{name}>")
        else:
            stack.append(name)
    visible.append(markup[position:])
    if stack:
        problems.append(f"unclosed tags {stack}")
    text = "".join(visible)
    if "<" in text or ">" in text:
        problems.append("a bare < or > outside a tag")
    for amp in re.finditer("&", text):
        if not ENTITY.match(text, amp.start()):
            problems.append("a bare & that is not an entity")
            break
    return unescape(text), problems


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None


@dataclass
class FakeBotAPI:
    """State of the fake server: calls made, problems found, updates waiting for getUpdates."""

    calls: list[Call] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pending_updates: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))

    def handle(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """One Bot API call → the JSON Telegram would answer."""
        call = Call(method, params)
        self.calls.append(call)
        problems = self.check(method, params)
        if problems:
            self.problems += [f"{method}: {problem}" for problem in problems]
            return {"ok": False, "error_code": 400, "description": "Bad Request: " + "; ".join(problems)}
        call.result = self.result(method, params)
        return {"ok": True, "result": call.result}

    def check(self, method: str, params: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        if method in {"sendMessage", "editMessageText"}:
            problems += self._check_text(params.get("text"), params.get("parse_mode"), MESSAGE_MAX)
        if method in {"sendPhoto", "sendDocument"} and params.get("caption") is not None:
            problems += self._check_text(
                params["caption"], params.get("parse_mode"), CAPTION_MAX, allow_empty=True
            )
        if method == "sendPoll":
            problems += self._check_poll(params)
        if method == "sendPhoto":
            problems += self._check_photo(params.get("_files", {}).get("photo"))
        if method == "answerCallbackQuery" and utf16_length(params.get("text") or "") > CALLBACK_ANSWER_MAX:
            problems.append("callback answer text over 200 characters")
        if method == "setMyCommands":
            for command in _json(params.get("commands")) or []:
                if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                    problems.append(f"bad command name {command['command']!r}")
                if not 1 <= len(command["description"]) <= 256:
                    problems.append(f"bad command description {command['description']!r}")
        problems += self._check_markup(_json(params.get("reply_markup")))
        return problems

    @staticmethod
    def _check_text(text: Any, parse_mode: Any, limit: int, *, allow_empty: bool = False) -> list[str]:
        if not isinstance(text, str):
            return ["text missing"]
        visible, problems = visible_html_text(text) if parse_mode == "HTML" else (text, [])
        if not visible.strip() and not allow_empty:
            problems.append("text is empty")
        if utf16_length(visible) > limit:
            problems.append(f"text is {utf16_length(visible)} characters, over {limit}")
        return problems

    @staticmethod
    def _check_poll(params: dict[str, Any]) -> list[str]:
        problems = []
        options = [
            o if isinstance(o, str) else o.get("text", "") for o in (_json(params.get("options")) or [])
        ]
        if not 1 <= utf16_length(str(params.get("question", ""))) <= 300:
            problems.append("poll question not 1-300 characters")
        if not 2 <= len(options) <= 12 or any(not 1 <= utf16_length(o) <= 100 for o in options):
            problems.append("poll options must be 2-12, each 1-100 characters")
        explanation = str(params.get("explanation") or "")
        if utf16_length(explanation) > 200 or explanation.count("\n") > 2:
            problems.append("poll explanation over 200 characters or 2 line feeds")
        period = params.get("open_period")
        if period is not None and not 5 <= int(period) <= 2_628_000:
            problems.append("open_period not 5-2628000 s")
        correct = _json(params.get("correct_option_ids")) or []
        if params.get("type") == "quiz" and (len(correct) != 1 or not 0 <= int(correct[0]) < len(options)):
            problems.append("a quiz needs one valid correct option")
        return problems

    @staticmethod
    def _check_photo(data: Any) -> list[str]:
        if not isinstance(data, bytes):
            return []  # a file_id or URL: nothing uploaded to check
        size = png_size(data)
        if size is None and not data.startswith(b"\xff\xd8"):
            return ["photo is neither PNG nor JPEG"]
        problems = []
        if len(data) > PHOTO_MAX_BYTES:
            problems.append("photo over 10 MB")
        if size and (sum(size) > 10000 or max(size) / min(size) > 20):
            problems.append(f"photo dimensions {size} not accepted")
        return problems

    @staticmethod
    def _check_markup(markup: Any) -> list[str]:
        if not markup or "inline_keyboard" not in markup:
            return []
        problems = []
        rows = markup["inline_keyboard"]
        if sum(len(row) for row in rows) > 100:
            problems.append("more than 100 buttons")
        for row in rows:
            if len(row) > 8:
                problems.append("a row of more than 8 buttons")
            for button in row:
                if not button.get("text", "").strip():
                    problems.append("a button without text")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= CALLBACK_DATA_MAX:
                    problems.append(f"callback_data {data!r} is not 1-64 bytes")
        return problems

    def result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getFile":
            file_id = str(params.get("file_id"))
            return {
                "file_id": file_id,
                "file_unique_id": file_id[::-1],
                "file_size": len(self.files.get(file_id, b"")),
                "file_path": f"documents/{file_id}",
            }
        if method == "getUpdates":
            updates, self.pending_updates = self.pending_updates, []
            return updates
        if method in {"sendMessage", "sendPhoto", "sendDocument", "sendVoice"}:
            return self._message(params, next(self._message_ids))
        if method == "sendPoll":
            message = self._message(params, next(self._message_ids))
            options = [
                o if isinstance(o, str) else o.get("text", "") for o in (_json(params.get("options")) or [])
            ]
            message["poll"] = {
                "id": f"poll{message['message_id']}",
                "question": params.get("question"),
                "options": [
                    {"text": o, "voter_count": 0, "persistent_id": str(i)} for i, o in enumerate(options)
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": False,
                "type": "quiz",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            }
            return message
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            return self._message(params, int(params.get("message_id", 0)))
        return True

    @staticmethod
    def _message(params: dict[str, Any], message_id: int) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": 0,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = params["text"]
        markup = _json(params.get("reply_markup"))
        if markup:
            message["reply_markup"] = markup
        return message

    # -- reading what the bot did ------------------------------------------------------------------
    def sent(self, method: str | None = None) -> list[Call]:
        return [call for call in self.calls if method is None or call.method == method]

    def screens(self) -> list[Call]:
        """Messages sent or edited, in order (what the learner sees change)."""
        return [call for call in self.calls if call.method in {"sendMessage", "editMessageText"}]


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button of a sent or edited message."""
    markup = _json(call.params.get("reply_markup")) or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]
