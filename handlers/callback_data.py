"""Callback data: short ASCII strings (Telegram allows 64 bytes), parsed strictly.

Every press is checked against server-side state by the service it reaches; the formats here only
route it. Anything that does not match a pattern is answered as a stale button.
"""

from __future__ import annotations

import re

MAX_BYTES = 64

LANGUAGE = re.compile(r"^lang:(fr|de|it|en)(:o)?$")
REMINDER = re.compile(r"^rem:(off|\d{4})$")
TIMEZONE = re.compile(r"^tz:(\d{1,2})$")
SETTINGS = re.compile(r"^set:(lang|rem|tz)$")
START_PRACTICE = re.compile(r"^go:practice$")
SHOW_PROGRESS = re.compile(r"^go:progress$")
PRACTICE = re.compile(r"^q:(\d{1,12}):(\d{1,6}):([atcoun])(?::(\d{1,2}))?$")


def practice(session_id: int, seq: int, action: str, arg: int | None = None) -> str:
    data = f"q:{session_id}:{seq}:{action}" + (f":{arg}" if arg is not None else "")
    assert len(data.encode()) <= MAX_BYTES
    return data


def language(code: str, *, onboarding: bool = False) -> str:
    """A language choice; during onboarding the reminder question follows."""
    return f"lang:{code}" + (":o" if onboarding else "")


def reminder(hhmm: str | None) -> str:
    return f"rem:{hhmm or 'off'}"


def timezone(index: int) -> str:
    return f"tz:{index}"


def settings(what: str) -> str:
    return f"set:{what}"


START = "go:practice"
PROGRESS = "go:progress"
