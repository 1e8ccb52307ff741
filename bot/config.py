"""Settings from the environment or a `.env` file."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.content.schema import LANGUAGES

TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/dialogue-coach.db"


class Settings(BaseSettings):
    """Everything the bot reads from its environment. See `.env.example`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base_url: str | None = None
    admin_telegram_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_timezone: str = "Europe/Zurich"
    default_language: str = "fr"
    log_level: str = "INFO"
    daily_new_items: int = Field(default=10, ge=0, le=100)
    session_size: int = Field(default=10, ge=1, le=50)
    roleplay_every: int = Field(default=5, ge=0, le=50)
    srs_fuzzing: bool = True
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(7, 0)
    sweep_seconds: int = Field(default=30, ge=5, le=3600)

    @field_validator("admin_telegram_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown timezone {value!r}") from error
        return value

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("log_level")
    @classmethod
    def _level_name(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value

    def token_problem(self) -> str | None:
        """Why the token cannot be used, or None when it looks like a BotFather token."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            return "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in .env"
        if not TOKEN_PATTERN.match(self.telegram_bot_token.get_secret_value()):
            return "TELEGRAM_BOT_TOKEN is malformed: it looks like 123456789:AAE... (copy it from @BotFather)"
        return None

    @property
    def file_base_url(self) -> str | None:
        """The file URL of a self-hosted Bot API server follows from its base URL (…/bot → …/file/bot)."""
        if not self.telegram_api_base_url:
            return None
        base = self.telegram_api_base_url.rstrip("/")
        root, _, last = base.rpartition("/")
        return f"{root}/file/{last}"

    def ensure_sqlite_folder(self) -> None:
        """Create the folder of a file-based SQLite database."""
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix):
            path = self.database_url[len(prefix) :].split("?")[0]
            if path and path != ":memory:" and not path.startswith("file:"):
                Path(path).parent.mkdir(parents=True, exist_ok=True)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
