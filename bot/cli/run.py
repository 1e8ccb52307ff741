"""`python -m bot run`: check the token and the schema, then poll or serve a webhook."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.app import build_application
from bot.config import Settings
from bot.content.loader import load_content
from bot.db.migrate import is_current, upgrade
from bot.db.session import make_engine
from bot.services import Services
from bot.services.context import ServiceContext

EXIT_USAGE = 2
log = logging.getLogger(__name__)


async def prepare_database(settings: Settings) -> str | None:
    """Upgrade SQLite by itself; on PostgreSQL refuse an old schema. Returns a problem, or None."""
    settings.ensure_sqlite_folder()
    engine = make_engine(settings.database_url)
    try:
        if settings.is_sqlite:
            await upgrade(engine)
        elif not await is_current(engine):
            return "the database schema is out of date: run `python -m bot db upgrade` first"
    finally:
        await engine.dispose()
    return None


def run_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run until stopped; a usable token has been checked by the caller."""
    problem = None
    if args.webhook and not (args.url and args.secret_token):
        problem = "--webhook needs --url (public HTTPS URL) and --secret-token"
    if problem is None:
        problem = asyncio.run(prepare_database(settings))
    content = load_content()
    if problem is None and content.errors:
        problem = f"the content has {len(content.errors)} error(s): run `python -m bot content validate`"
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    context = ServiceContext(make_engine(settings.database_url), content.bank, settings)
    application = build_application(settings, Services.create(context))
    if args.webhook:
        log.info("serving webhook on %s:%s", args.listen, args.port)
        application.run_webhook(
            listen=args.listen,
            port=args.port,
            url_path="telegram",
            webhook_url=args.url.rstrip("/") + "/telegram",
            secret_token=args.secret_token,
        )
    else:
        log.info("polling for updates")
        application.run_polling()
    return 0
