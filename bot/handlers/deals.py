"""AI/HPC deals: /deals TICKER (one miner's deals with its roll-up) and /deals (the watchlist's league table).

Rows come from bot.alerts.deals, wording from bot.messages.deals; the handler only parses and replies.
"""

from __future__ import annotations

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.alerts.deals import league, miner_deals
from bot.handlers.common import deps_of, registered, reply, reply_usage
from bot.handlers.parsing import UsageError, parse_tickers
from bot.messages.deals import format_deal_league, format_deal_list
from store import queries
from store.db import in_session
from store.models import Chat


def _chat_settings(session: Session, chat_id: int) -> tuple[str, str, list[str]]:
    chat = session.get(Chat, chat_id)
    lang, tz = (chat.lang, chat.tz) if chat else ("en", "UTC")
    return lang, tz, queries.watchlist(session, chat_id)


@registered
async def deals(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """AI/HPC deals: /deals IREN, or /deals for the watchlist's contracted MW and value."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang, tz, watched = await in_session(deps.engine, lambda session: _chat_settings(session, chat_id))
    args = context.args or []
    try:
        if len(args) > 1:
            raise UsageError("deals_usage")
        tickers = parse_tickers(args, list(deps.universe), "deals") if args else []
    except UsageError as error:
        await reply_usage(update, lang, error)
        return
    if tickers:
        ticker = tickers[0]
        rollup, rows = await in_session(deps.engine, lambda session: miner_deals(session, ticker))
        await reply(update, format_deal_list(rollup, rows, lang, tz))
        return
    rollups = await in_session(deps.engine, lambda session: league(session, watched))
    await reply(update, format_deal_league(rollups, lang))


COMMANDS = {"deals": deals}
