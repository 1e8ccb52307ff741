"""Command line: `python -m bot run | db upgrade | content validate | cohort create`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bot.config import Settings

EXIT_USAGE = 2


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        print(f"configuration error: {first['loc'][0]}: {first['msg']}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Dialogue Coach, a Telegram practice bot."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run the bot (long polling by default)",
        description="Run the bot. Long polling unless --webhook is given.",
    )
    run.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of polling")
    run.add_argument("--listen", default="0.0.0.0", help="webhook: address to listen on (default 0.0.0.0)")
    run.add_argument("--port", type=int, default=8443, help="webhook: port to listen on (default 8443)")
    run.add_argument("--url", help="webhook: the public HTTPS URL Telegram posts to")
    run.add_argument(
        "--secret-token", help="webhook: secret Telegram sends in a header (required with --webhook)"
    )

    db = commands.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_commands.add_parser(
        "upgrade",
        help="migrate the database to the newest schema",
        description="Apply all Alembic migrations up to head.",
    )

    content = commands.add_parser("content", help="content tools", description="Content tools.")
    content_commands = content.add_subparsers(dest="content_command", required=True, metavar="COMMAND")
    validate = content_commands.add_parser(
        "validate",
        help="validate every content file",
        description="Validate all content and print the coverage table.",
    )
    output = validate.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    output.add_argument(
        "--markdown", action="store_true", help="print the tally per domain and type as Markdown"
    )

    cohort = commands.add_parser("cohort", help="cohort tools", description="Cohort tools.")
    cohort_commands = cohort.add_subparsers(dest="cohort_command", required=True, metavar="COMMAND")
    create = cohort_commands.add_parser(
        "create",
        help="create a cohort and print its join code",
        description="Create a cohort and print its join code.",
    )
    create.add_argument("name", help='e.g. "KD 2026 Lausanne"')
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "content":  # commands import what they need, so --help stays fast
        from bot.cli.content import validate_command

        return validate_command(as_json=args.json, markdown=args.markdown)
    settings = _settings()
    if args.command == "run" and (problem := settings.token_problem()):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.command == "db":
        from bot.cli.database import upgrade_command

        return asyncio.run(upgrade_command(settings))
    if args.command == "cohort":
        from bot.cli.database import create_cohort_command

        return asyncio.run(create_cohort_command(settings, args.name))
    from bot.cli.run import run_command

    return run_command(settings, args)


if __name__ == "__main__":
    sys.exit(main())
