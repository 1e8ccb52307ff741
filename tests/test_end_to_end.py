"""`python -m bot run` as a real process against a local fake Bot API: /start → language → practice → answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.botapi import BOT_USER, buttons
from tests.conftest import TEST_TOKEN
from tests.fake_telegram_server import FakeTelegramServer

ROOT = Path(__file__).resolve().parents[1]
USER = {"id": 555, "is_bot": False, "first_name": "Giulia", "language_code": "it"}


def _message(update_id: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": USER["id"], "type": "private"},
        "from": USER,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def _press(update_id: int, data: str, message_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": USER,
            "chat_instance": "1",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": 0,
                "chat": {"id": USER["id"], "type": "private"},
                "from": BOT_USER,
                "text": "…",
            },
        },
    }


def test_a_new_learner_practises_against_the_running_bot(tmp_path: Path) -> None:
    server = FakeTelegramServer()
    with server.running():
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
        env.update(
            TELEGRAM_BOT_TOKEN=TEST_TOKEN,
            TELEGRAM_API_BASE_URL=server.base_url,
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
            PYTHONPATH=str(ROOT),
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            server.wait_for(lambda c: c.method == "setMyCommands" and c.params.get("language_code") == "it")
            server.push(_message(1, "/start"))
            welcome = server.wait_for(lambda c: c.method == "sendMessage" and "Giulia" in c.params["text"])
            language = dict((label, data) for label, data in buttons(welcome))["Italiano"]
            server.push(_press(2, language, welcome.result["message_id"]))
            reminder = server.wait_for(
                lambda c: c.method == "editMessageText" and "rem:1730" in str(c.params.get("reply_markup"))
            )
            server.push(_press(3, "rem:1730", reminder.result["message_id"]))
            server.wait_for(lambda c: c.method == "editMessageText" and "17:30" in c.params["text"])
            server.push(_message(4, "/practice"))
            question = server.wait_for(lambda c: c.method == "sendMessage" and " 1/" in c.params["text"])
            first_button = buttons(question)[0][1]
            server.push(_press(5, first_button, question.result["message_id"]))
            feedback = server.wait_for(
                lambda c: c.method == "editMessageText" and ":n" in str(c.params.get("reply_markup"))
            )
            assert "💡" in feedback.params["text"]
            assert server.api.problems == []
        finally:
            process.send_signal(signal.SIGINT)
            output = process.communicate(timeout=30)[0]
        assert process.returncode == 0, output
        assert "Traceback" not in output, output
