"""SEC filings, convertible notes and the miner card: /filings TICKER, /converts TICKER, /status TICKER.

Rows come from bot.alerts.filings, wording from bot.messages.filings; these handlers only parse and reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.alerts.filings import converts_context, latest_filings
from bot.alerts.status import status_card
from bot.handlers.charts import chart_button
from bot.handlers.common import deps_of, registered, reply, reply_usage
from bot.handlers.parsing import UsageError, parse_tickers
from bot.messages.converts import format_converts_list
from bot.messages.filings import format_filings_list
from bot.messages.status import format_status_card
from store.db import in_session
from store.models import Chat


def parse_one_ticker(args: Sequence[str], universe: Sequence[str], command: str) -> str:
    """Exactly one ticker of the universe (a cashtag or lower case is fine): `/status cifr` → "CIFR"."""
    if len(args) != 1:
        raise UsageError("sec_usage", {"command": command})
    return parse_tickers(args, universe, command)[0]


async def _parse(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> tuple[str, str, str] | None:
    """(ticker, lang, tz) of a valid command; None after replying what was wrong, with an example."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang, tz = await in_session(deps.engine, lambda session: _chat_settings(session, chat_id))
    try:
        ticker = parse_one_ticker(context.args or [], list(deps.universe), command)
    except UsageError as error:
        await reply_usage(update, lang, error)
        return None
    return ticker, lang, tz


def _chat_settings(session: Session, chat_id: int) -> tuple[str, str]:
    chat = session.get(Chat, chat_id)
    return (chat.lang, chat.tz) if chat else ("en", "UTC")


@registered
async def filings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Latest SEC filings of a miner: /filings CIFR."""
    if (parsed := await _parse(update, context, "filings")) is None:
        return
    ticker, lang, _ = parsed
    rows = await in_session(deps_of(context).engine, lambda session: latest_filings(session, ticker))
    await reply(update, format_filings_list(ticker, rows, lang))


@registered
async def converts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Convertible notes of a miner with distance to conversion and dilution: /converts CIFR."""
    if (parsed := await _parse(update, context, "converts")) is None:
        return
    ticker, lang, tz = parsed
    notes, price, shares = await in_session(deps_of(context).engine, lambda session: converts_context(session, ticker))
    today = datetime.now(UTC).date()
    await reply(update, format_converts_list(ticker, notes, lang, tz, price=price, shares=shares, today=today))


@registered
async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A miner's card: price, BTC and hashprice, notes, filings, news: /status MARA."""
    if (parsed := await _parse(update, context, "status")) is None:
        return
    ticker, lang, tz = parsed
    deps = deps_of(context)
    name, today = deps.universe[ticker].name, datetime.now(UTC).date()
    card = await in_session(deps.engine, lambda session: status_card(session, ticker, name, today))
    await reply(update, format_status_card(card, lang, tz), reply_markup=chart_button(ticker, lang))


COMMANDS = {"status": status, "filings": filings, "converts": converts}
