"""Callback data: short ASCII strings (Telegram allows 64 bytes), parsed strictly.

Every press is checked against server-side state by the service it reaches; the formats here only
route it. Anything that does not match a pattern is answered as a stale button.
"""

from __future__ import annotations

import re

MAX_BYTES = 64

LANGUAGE = re.compile(r"^lang:(fr|de|it|en)(:o)?$")
REMINDER = re.compile(r"^rem:(off|\d{4})(:o)?$")
REMINDER_DAY = re.compile(r"^rd:([0-6])$")
REMINDER_PAUSE = re.compile(r"^rp:(0|7|14|28)$")
STREAK_NUDGES = re.compile(r"^rn:([01])$")
COHORT = re.compile(r"^ch:(new|\d{1,12})(?::(qr|rot|mem|co|rm)(?::(\d{1,12}))?)?$")
REPORT = re.compile(r"^rep:(\d{1,12})$")
ANNOUNCE = re.compile(r"^ann:(\d{1,12})$")
CAMPAIGN_WIZARD = re.compile(r"^cw:(\d{1,12}):(c|d|k|n|s|e|r|b|go|x):([\w]{1,12})$")
CAMPAIGN_NEW = re.compile(r"^cn$")
CAMPAIGN_RESULTS = re.compile(r"^cr:(\d{1,12})(?::(png|csv|xlsx))?$")
CAMPAIGN_START = re.compile(r"^cs:(\d{1,12})$")
DELIVERY = re.compile(r"^as:([0-9a-f]{12})$")
LIVE = re.compile(r"^lq:(\d{1,12}):(\d{1,2}):([01]):(all|own)$")
GOAL = re.compile(r"^goal:(\d{1,3})(:o)?$")
LEADERBOARD = re.compile(r"^lb:([wac])$")
TIMEZONE = re.compile(r"^tz:(\d{1,2})$")
SETTINGS = re.compile(r"^set:(lang|rem|tz|goal|nick|hide|days|pause)$")
START_PRACTICE = re.compile(r"^go:practice$")
SHOW_PROGRESS = re.compile(r"^go:progress$")
PRACTICE = re.compile(r"^q:(\d{1,12}):(\d{1,6}):([atcoun])(?::(\d{1,2}))?$")
START_ROLEPLAY = re.compile(r"^go:roleplay$")
ROLEPLAY_MENU = re.compile(r"^rm:([1-7]|s)$")
ROLEPLAY_PRESS = re.compile(r"^r:(\d{1,12}):(\d{1,4}):([ptci])(?::(\d{1,2}))?$")
REVIEW = re.compile(r"^rv:(\d{1,12}):([otms])(?::(\d{1,2}))?$")


def practice(session_id: int, seq: int, action: str, arg: int | None = None) -> str:
    data = f"q:{session_id}:{seq}:{action}" + (f":{arg}" if arg is not None else "")
    assert len(data.encode()) <= MAX_BYTES
    return data


def roleplay(run_id: int, step: int, action: str, arg: int | None = None) -> str:
    data = f"r:{run_id}:{step}:{action}" + (f":{arg}" if arg is not None else "")
    assert len(data.encode()) <= MAX_BYTES
    return data


def roleplay_domain(domain_id: str | None) -> str:
    """A domain of the role-play menu; None is "surprise me"."""
    return f"rm:{domain_id or 's'}"


def review(review_id: int, action: str, arg: int | None = None) -> str:
    return f"rv:{review_id}:{action}" + (f":{arg}" if arg is not None else "")


def language(code: str, *, onboarding: bool = False) -> str:
    """A language choice; during onboarding the reminder question follows."""
    return f"lang:{code}" + (":o" if onboarding else "")


def reminder(hhmm: str | None, *, onboarding: bool = False) -> str:
    return f"rem:{hhmm or 'off'}" + (":o" if onboarding else "")


def reminder_day(day: int) -> str:
    return f"rd:{day}"


def pause(days: int) -> str:
    """Pause reminders for `days` days; 0 resumes."""
    return f"rp:{days}"


def nudges(enabled: bool) -> str:
    return f"rn:{int(enabled)}"


def cohort(cohort_id: int | None, action: str | None = None, arg: int | None = None) -> str:
    """A cohort screen (None: create a new cohort) or an action on it."""
    data = f"ch:{cohort_id if cohort_id is not None else 'new'}"
    data += f":{action}" if action else ""
    return data + (f":{arg}" if arg is not None else "")


def report(cohort_id: int) -> str:
    return f"rep:{cohort_id}"


def announce(cohort_id: int) -> str:
    return f"ann:{cohort_id}"


def campaign_wizard(campaign_id: int, field: str, value: str) -> str:
    return f"cw:{campaign_id}:{field}:{value}"


def campaign_results(campaign_id: int, export: str | None = None) -> str:
    return f"cr:{campaign_id}" + (f":{export}" if export else "")


def campaign_start(campaign_id: int) -> str:
    return f"cs:{campaign_id}"


NEW_CAMPAIGN = "cn"


def delivery(token: str) -> str:
    return f"as:{token}"


def live(cohort_id: int, count: int, speed_bonus: bool, own: bool) -> str:
    return f"lq:{cohort_id}:{count}:{int(speed_bonus)}:{'own' if own else 'all'}"


def goal(xp: int, *, onboarding: bool = False) -> str:
    return f"goal:{xp}" + (":o" if onboarding else "")


def leaderboard(board: str) -> str:
    return f"lb:{board}"


def timezone(index: int) -> str:
    return f"tz:{index}"


def settings(what: str) -> str:
    return f"set:{what}"


START = "go:practice"
PROGRESS = "go:progress"
ROLEPLAY = "go:roleplay"
