"""Builds the python-telegram-bot Application: Bot API URL, rate limiter, timeouts, and every handler."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, CommandHandler, MessageHandler, filters
from telegram.request import HTTPXRequest

from bot.deps import BotDeps
from bot.handlers import alerts as handlers_alerts
from bot.handlers import common as handlers
from bot.handlers import filings as handlers_filings
from bot.handlers import schedule as handlers_schedule
from bot.handlers import settings as handlers_settings
from bot.rate_limit import SharedBudgetRateLimiter
from bot.sender import OVERALL_BURST_S, OVERALL_MESSAGES_PER_S, SLOT_SPACING
from store.db import is_postgres

#: How often PTB's rate limiter retries a 429 itself before the sender reschedules the row.
RATE_LIMITER_RETRIES = 2
#: Seconds a getUpdates long poll waits on the server.
POLL_TIMEOUT_S = 20


class RedactToken(logging.Filter):
    """Replace the bot token wherever it would reach a log line (httpx and PTB log request URLs)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<TOKEN>")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The whole traceback, chained causes and contexts included: the token may sit in any of them.
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = text.replace(self.token, "<TOKEN>")
            record.exc_info = None
        elif record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<TOKEN>")
        if record.stack_info and self.token in record.stack_info:
            record.stack_info = record.stack_info.replace(self.token, "<TOKEN>")
        return True


def install_token_redaction(token: str) -> None:
    """Attach the redaction filter to every root handler (and keep httpx's per-request lines quiet)."""
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def build_application(token: str, api_url: str, deps: BotDeps, *, rate_limit: bool = True) -> Application:
    """The PTB application talking to `api_url` (the real Bot API, a local Bot API server or a test double)."""
    builder = (
        Application.builder()
        .token(token)
        .base_url(api_url)
        .base_file_url(api_url.replace("/bot", "/file/bot") if api_url.endswith("/bot") else api_url)
        .request(HTTPXRequest(connection_pool_size=64, read_timeout=15, write_timeout=15, connect_timeout=5))
        .get_updates_request(HTTPXRequest(read_timeout=POLL_TIMEOUT_S + 10, connect_timeout=5))
    )
    if rate_limit:
        limiter = AIORateLimiter(
            overall_max_rate=OVERALL_MESSAGES_PER_S * OVERALL_BURST_S,
            overall_time_period=OVERALL_BURST_S,
            max_retries=RATE_LIMITER_RETRIES,
        )
        if is_postgres(deps.engine):  # other processes send with this token: share the deployment's budget
            shared = SharedBudgetRateLimiter(deps.engine, limiter, spacing=SLOT_SPACING)
            builder = builder.rate_limiter(shared)  # type: ignore[arg-type]
        else:
            builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    application = builder.build()
    application.bot_data["deps"] = deps
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:
    """Every command in one place."""
    for name, callback in all_commands().items():
        application.add_handler(CommandHandler(name, handlers.rate_limited(name, callback)))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.rate_limited("unknown", handlers.unknown_command)))
    application.add_error_handler(handlers.on_error)


def bot_commands() -> list[BotCommand]:
    """The command menu shown in Telegram clients."""
    return [
        BotCommand(name, (callback.__doc__ or name).strip().split("\n")[0][:256])
        for name, callback in all_commands().items()
    ]


def all_commands() -> dict[str, Any]:
    """Every command name → handler, gathered from each handler module."""
    return {
        **handlers.COMMANDS,
        **handlers_settings.COMMANDS,
        **handlers_schedule.COMMANDS,
        **handlers_alerts.COMMANDS,
        **handlers_filings.COMMANDS,
    }
