"""The Telegram transport: the python-telegram-bot Application (Bot API URL, rate limiter, timeouts, every
handler registered in one place) and the transports the sender (bot/sender.py) hands each outbox row to.

On PostgreSQL the bot role's replies share the deployment's send budget with the sender processes: PTB's
`AIORateLimiter` paces one process, so `SharedBudgetRateLimiter` first books a slot from the one `SendBudget`
row (store/pacing.py) for every message the sender did not book already (`SLOT_BOOKED`: the bot's replies).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Bot, BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.deps import BotDeps
from bot.handlers import alerts as handlers_alerts
from bot.handlers import buttons as handlers_buttons
from bot.handlers import charts as handlers_charts
from bot.handlers import common as handlers
from bot.handlers import deals as handlers_deals
from bot.handlers import filings as handlers_filings
from bot.handlers import schedule as handlers_schedule
from bot.handlers import settings as handlers_settings
from bot.handlers import watchlist as handlers_watchlist
from bot.handlers.common import inline_keyboard
from bot.messages.de_menu import COMMAND_MENU as GERMAN_MENU
from bot.messages.markup import plain_text
from bot.sender import OVERALL_BURST_S, OVERALL_MESSAGES_PER_S, SLOT_BOOKED, SLOT_SPACING
from store import pacing
from store.db import is_postgres, off_loop, session_scope
from store.models import Outbox

#: How often PTB's rate limiter retries a 429 itself before the sender reschedules the row.
RATE_LIMITER_RETRIES = 2
#: Seconds a getUpdates long poll waits on the server.
POLL_TIMEOUT_S = 20


class TelegramTransport:
    """Sends with python-telegram-bot's Bot (whose rate limiter handles 30/s overall and 20/min per group)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, row: Outbox) -> int | None:
        if row.photo is not None:  # a digest's chart: the text is its caption
            sent = await self.bot.send_photo(
                chat_id=row.chat_id,
                photo=row.photo,
                caption=row.text,
                parse_mode=ParseMode.HTML,
                message_thread_id=row.thread_id,
                disable_notification=row.disable_notification,
            )
            return sent.message_id
        message = await self.bot.send_message(
            chat_id=row.chat_id,
            text=row.text,
            parse_mode=ParseMode.HTML,
            message_thread_id=row.thread_id,
            disable_notification=row.disable_notification,
            link_preview_options=LinkPreviewOptions(is_disabled=True) if row.disable_preview else None,
            reply_markup=inline_keyboard(row.reply_markup),
        )
        return message.message_id


class ConsoleTransport:
    """Console mode: print each message as the chat would read it (Telegram's HTML rendered as plain text, links as
    'text (url)')."""

    def __init__(self, write: Callable[[str], None] = print) -> None:
        self.write = write
        self._count = 0

    async def send(self, row: Outbox) -> int | None:
        self._count += 1
        flags = " (silent)" if row.disable_notification else ""
        flags += f" (chart, {len(row.photo)} bytes)" if row.photo is not None else ""
        buttons = " ".join(f"[{label}]" for line in row.reply_markup or [] for label, _ in line)
        self.write(
            f"──── {row.kind} → chat {row.chat_id}{flags} ────\n{plain_text(row.text)}\n"
            + (f"{buttons}\n" if buttons else "")
        )
        return self._count


JSONDict = dict[str, Any]

#: Bot API methods that post a message to a chat (what Telegram's broadcast limits count).
MESSAGE_METHOD_PREFIXES = ("send", "copy", "forward")


def posts_a_message(endpoint: str) -> bool:
    name = endpoint.lower()
    return name.startswith(MESSAGE_METHOD_PREFIXES) and name != "sendchataction"


class SharedBudgetRateLimiter(BaseRateLimiter[int]):
    """`AIORateLimiter`, plus a slot from the shared send budget for each message the sender did not book."""

    def __init__(
        self,
        engine: Engine,
        inner: AIORateLimiter,
        *,
        spacing: timedelta,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.engine = engine
        self.inner = inner
        self.spacing = spacing
        self.clock = clock
        self.sleep = sleep

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if not SLOT_BOOKED.get() and data.get("chat_id") is not None and posts_a_message(endpoint):
            slot = await off_loop(self._book)
            delay = (slot - self.clock()).total_seconds()
            if delay > 0:
                await self.sleep(delay)
        return await self.inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _book(self) -> datetime:
        with session_scope(self.engine) as session:
            return pacing.book_send_slot(session, self.clock(), self.spacing)


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
    # the /status chart button first: its own prefix and handler; then every other inline button
    application.add_handler(
        CallbackQueryHandler(handlers_charts.chart_button_pressed, pattern=handlers_charts.CHART_CALLBACK_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(handlers_buttons.on_button))
    application.add_error_handler(handlers.on_error)


def bot_commands(lang: str = "en") -> list[BotCommand]:
    """The command menu shown in Telegram clients: English from each handler's docstring, German from
    bot/messages/de_menu.py (registered with language_code="de"; a command without a German line keeps its English)."""
    translated = GERMAN_MENU if lang == "de" else {}
    return [
        BotCommand(name, translated.get(name) or (callback.__doc__ or name).strip().split("\n")[0][:256])
        for name, callback in all_commands().items()
    ]


#: The languages the command menu is registered in besides the default (English).
MENU_LANGUAGES = ("de",)


def all_commands() -> dict[str, Any]:
    """Every command name → handler, gathered from each handler module."""
    return {
        **handlers.COMMANDS,
        **handlers_watchlist.COMMANDS,
        **handlers_settings.COMMANDS,
        **handlers_schedule.COMMANDS,
        **handlers_alerts.COMMANDS,
        **handlers_filings.COMMANDS,
        **handlers_deals.COMMANDS,
        **handlers_charts.COMMANDS,
    }
