"""The watchlist and theme commands: /watch, /unwatch, /watchlist, /miners, /themes, /theme."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import chat_lang, deps_of, registered, reply, reply_usage, settings_change
from bot.handlers.parsing import UsageError, parse_theme_toggle, parse_tickers
from bot.handlers.views import themes_view, watchlist_view
from bot.messages.lists import format_miners
from bot.messages.markup import esc
from bot.messages.texts import t
from classifiers.base import THEMES
from store import queries
from store.db import in_session
from store.models import Chat


@registered
@settings_change
async def watch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Follow miners: /watch MARA CIFR."""
    await _change_watchlist(update, context, add=True)


@registered
@settings_change
async def unwatch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop following miners: /unwatch WULF."""
    await _change_watchlist(update, context, add=False)


async def _change_watchlist(update: Update, context: ContextTypes.DEFAULT_TYPE, *, add: bool) -> None:
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    command = "watch" if add else "unwatch"
    try:
        tickers = parse_tickers(context.args or [], list(deps.universe), command)
    except UsageError as error:
        if error.key == "unknown_tickers":  # the reply also says that the known tickers were left as they were
            error = UsageError(f"{command}_unknown_tickers", error.values)
        await reply_usage(update, lang, error)
        return
    change = queries.add_watches if add else queries.remove_watches
    changed = await in_session(deps.engine, lambda session: change(session, chat_id, tickers))
    unchanged = [ticker for ticker in tickers if ticker not in changed]
    lines = []
    if changed:
        lines.append(t(lang, "watch_added" if add else "unwatch_removed", tickers=esc(", ".join(changed))))
    if unchanged:
        lines.append(t(lang, "watch_already" if add else "unwatch_not_followed", tickers=esc(", ".join(unchanged))))
    await reply(update, "\n".join(lines))


@registered
async def watchlist(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The miners this chat follows."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]

    lang = await chat_lang(deps, chat_id)
    text, keyboard = await watchlist_view(deps, chat_id, lang)
    await reply(update, text, keyboard=keyboard)


async def miners(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The universe: every miner MinerWatch follows."""
    deps = deps_of(context)
    chat = update.effective_chat
    lang = await chat_lang(deps, chat.id) if chat else "en"
    miners = [(info.ticker, info.name, info.aliases) for info in deps.universe.values()]
    await reply(update, format_miners(miners, lang))


@registered
async def themes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The five themes and whether this chat receives them."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]

    text, keyboard = await themes_view(deps, chat_id)
    await reply(update, text, keyboard=keyboard)


@registered
@settings_change
async def theme(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Turn one theme on or off: /theme debt_terms off."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    lang = await chat_lang(deps, chat_id)
    try:
        name, enabled = parse_theme_toggle(context.args or [])
    except UsageError as error:
        await reply_usage(update, lang, error)
        return

    def toggle(session: Session) -> None:
        chat = session.get(Chat, chat_id)
        assert chat is not None
        current = [th for th in THEMES if th in chat.themes and th != name]
        chat.themes = [th for th in THEMES if th in current or (enabled and th == name)]
        session.add(chat)

    await in_session(deps.engine, toggle)
    await reply(update, t(lang, "theme_set", name=esc(name), state=t(lang, "on" if enabled else "off")))


COMMANDS: dict[str, Any] = {
    "watch": watch,
    "unwatch": unwatch,
    "watchlist": watchlist,
    "miners": miners,
    "themes": themes,
    "theme": theme,
}
