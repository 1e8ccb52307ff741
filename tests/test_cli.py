"""The command line: help everywhere, token checks, content validation output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=cwd or ROOT,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["run"],
        ["db"],
        ["db", "upgrade"],
        ["content"],
        ["content", "validate"],
        ["cohort"],
        ["cohort", "create"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.returncode == 0
    assert "usage: python -m bot" in result.stdout


@pytest.mark.parametrize(("token", "word"), [(None, "not set"), ("12345", "malformed")])
def test_run_without_a_usable_token_exits_2_with_one_line(
    tmp_path: Path, token: str | None, word: str
) -> None:
    result = _run("run", env={"TELEGRAM_BOT_TOKEN": token} if token else {}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0] and "TELEGRAM_BOT_TOKEN" in lines[0]


def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = _run("run", env={"DEFAULT_TIMEZONE": "Mars/Olympus"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "default_timezone" in result.stderr


def test_content_validate_json_has_every_competency() -> None:
    result = _run("content", "validate", "--json")
    report = json.loads(result.stdout)
    assert len(report["competencies"]) == 40
    first = report["competencies"]["1.1"]
    assert set(first) == {"quiz", "quiz_types", "roleplay"}
    assert set(first["quiz"]) == {"fr", "de", "it", "en"}
    assert set(first["quiz_types"]) == {"single", "multiple", "true_false", "ordering"}
    assert result.returncode == (1 if report["errors"] else 0)


def test_content_validate_prints_the_table() -> None:
    result = _run("content", "validate")
    assert "competency" in result.stdout and "domain 7" in result.stdout and "total" in result.stdout
    assert "40 competencies" in result.stdout


def test_webhook_mode_requires_a_url_and_a_secret_token(tmp_path: Path) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "123456789:" + "A" * 35,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
    }
    result = _run("run", "--webhook", "--url", "https://example.org/hook", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert "--secret-token" in result.stderr
