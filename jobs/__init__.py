"""Scheduled jobs (APScheduler through PTB's JobQueue). Thin: each one calls a service."""
