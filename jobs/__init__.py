"""Scheduled jobs (APScheduler through PTB's JobQueue). Thin: each calls a service and sends what it returns.

Nothing is kept in the scheduler: every job reads what is due from the database, so a restart resumes
and a second instance shares the work.
"""

from __future__ import annotations

from telegram.ext import Application

from jobs.sender import send_outbox_job
from jobs.sweep import sweep_job

SENDER_SECONDS = 5


def register_jobs(application: Application) -> None:  # type: ignore[type-arg]
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    seconds = application.bot_data["services"].context.settings.sweep_seconds
    application.job_queue.run_repeating(sweep_job, interval=seconds, first=5, name="sweep")
    application.job_queue.run_repeating(send_outbox_job, interval=SENDER_SECONDS, first=7, name="sender")
