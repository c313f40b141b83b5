"""Lists with their buttons, shown by a command and redrawn after a press (bot/handlers/buttons.py)."""

from __future__ import annotations

from sqlmodel import Session

from bot.deps import BotDeps
from bot.messages.keyboards import Keyboard, themes_keyboard, watchlist_keyboard
from bot.messages.lists import format_theme_list, format_watchlist
from bot.messages.texts import t
from classifiers.base import THEMES
from store import queries
from store.db import in_session
from store.models import Chat


async def watchlist_view(deps: BotDeps, chat_id: int, lang: str) -> tuple[str, Keyboard]:
    """/watchlist: the list with a remove button per miner (`v1:unwatch:<TICKER>`) and how to add one."""
    tickers = await in_session(deps.engine, lambda session: queries.watchlist(session, chat_id))
    names = {ticker: info.name for ticker, info in deps.universe.items()}
    text = format_watchlist(tickers, names, lang)
    not_followed = [ticker for ticker in deps.universe if ticker not in tickers]
    if tickers and not_followed:  # the example is a miner the chat does not follow yet
        text += "\n" + t(lang, "watchlist_add_hint", example=not_followed[0])
    return text, watchlist_keyboard(tickers, lang)


async def themes_view(deps: BotDeps, chat_id: int) -> tuple[str, Keyboard]:
    """/themes: the list with a toggle per theme (`v1:theme:<name>:on|off`)."""

    def read(session: Session) -> tuple[set[str], str]:
        chat = session.get(Chat, chat_id)
        assert chat is not None
        return set(chat.themes), chat.lang

    enabled, lang = await in_session(deps.engine, read)
    return format_theme_list(THEMES, enabled, lang), themes_keyboard(THEMES, enabled, lang)
