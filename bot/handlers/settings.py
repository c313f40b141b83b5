"""Per-chat settings (/lang, /notify), the news list (/news) and admin commands (/stats, /broadcast)."""

from __future__ import annotations

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot.deps import BotDeps
from bot.handlers.common import (
    admin_only,
    chat_lang,
    deps_of,
    registered,
    reply,
    reply_usage,
    settings_change,
    update_chat,
)
from bot.handlers.parsing import NOTIFY_MODES, UsageError, parse_news_scope, parse_notify
from bot.messages.keyboards import Keyboard, news_keyboard, settings_keyboard
from bot.messages.lists import format_stats
from bot.messages.locale import weekday
from bot.messages.markup import esc
from bot.messages.news import NewsListItem, format_news_list
from bot.messages.texts import LANGUAGES, t
from classifiers.base import THEMES
from store import outbox_queries, queries
from store.db import in_session
from store.models import Chat, NewsEvent, Source

#: Stories listed by /news.
NEWS_LIST_LIMIT = 8
#: "More ▸" pages no further back than this many stories.
MAX_NEWS_OFFSET = 64
#: Longest /broadcast text accepted.
MAX_BROADCAST_CHARS = 3500


@registered
@settings_change
async def lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply language: /lang en or /lang de."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    args = [a.lower() for a in context.args or []]
    if len(args) != 1 or args[0] not in LANGUAGES:
        await reply(update, t(await chat_lang(deps, chat_id), "lang_usage"))
        return
    await update_chat(deps, chat_id, lang=args[0])
    await reply(update, t(args[0], "lang_set"))


@registered
@settings_change
async def notify(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How each kind of message arrives: /notify news silent."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    language = await chat_lang(deps, chat_id)
    try:
        kind, mode = parse_notify(context.args or [])
    except UsageError as error:
        await reply_usage(update, language, error)
        return
    await update_chat(deps, chat_id, **{f"notify_{kind}": mode})
    await reply(update, t(language, "notify_set", kind=kind, mode=mode))


@registered
async def news(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Latest stories: /news, /news MARA, /news debt_terms."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    language = await chat_lang(deps, chat_id)
    try:
        scope = parse_news_scope(context.args or [], deps.universe)
    except UsageError as error:
        await reply_usage(update, language, error)
        return
    text, keyboard = await news_page(deps, chat_id, scope, 0, language)
    await reply(update, text, keyboard=keyboard)


async def news_page(deps: BotDeps, chat_id: int, scope: str, offset: int, language: str) -> tuple[str, Keyboard]:
    """One page of /news from `offset` on; scope is a ticker, a theme or "-" (the watchlist). "More ▸" pages on."""
    theme = scope if scope in THEMES else None
    ticker = scope if scope in deps.universe else ""

    def read(session: Session) -> tuple[list[str], list[NewsEvent]]:
        tickers = [ticker] if ticker else queries.watchlist(session, chat_id)
        limit = offset + NEWS_LIST_LIMIT + 1  # one more tells whether there is a next page
        return tickers, queries.recent_events(session, tickers=tickers, theme=theme, limit=limit)

    tickers, events = await in_session(deps.engine, read)
    page = events[offset : offset + NEWS_LIST_LIMIT]
    label = f"(#{esc(theme)})" if theme is not None else "(" + esc(", ".join(tickers)) + ")"
    stories = [
        NewsListItem(event.title, event.link, event.tickers, event.themes, event.scores, queries.story_time(event))
        for event in page
    ]
    more = offset + NEWS_LIST_LIMIT if len(events) > offset + NEWS_LIST_LIMIT else None
    if more is not None and more > MAX_NEWS_OFFSET:
        more = None
    return format_news_list(label, stories, language), news_keyboard(scope, more, language)


@registered
async def settings_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """All settings as one menu of buttons (digest time, time zone, language, notify modes)."""
    deps = deps_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    chat = await in_session(deps.engine, lambda session: session.get(Chat, chat_id))
    assert chat is not None
    text, keyboard = settings_view(chat)
    await reply(update, text, keyboard=keyboard)


def settings_view(chat: Chat) -> tuple[str, Keyboard]:
    """The /settings menu: the current values in the chat's language and a button row per choice."""
    lang = chat.lang
    if chat.digest_mode == "daily":
        digest = t(lang, "settings_digest_daily", at=esc(chat.digest_time))
    elif chat.digest_mode == "weekly":
        digest = t(lang, "settings_digest_weekly", day=weekday(chat.digest_day, lang), at=esc(chat.digest_time))
    else:
        digest = t(lang, "off")

    def mode(value: str) -> str:
        return t(lang, f"settings_mode_{value}") if value in NOTIFY_MODES else esc(value)

    text = t(
        lang, "settings_menu", digest=digest, tz=esc(chat.tz), language=t(lang, "language_name"),
        news=mode(chat.notify_news), filings=mode(chat.notify_filings), alerts=mode(chat.notify_alerts),
        deals=mode(chat.notify_deals),
    )  # fmt: skip
    return text, settings_keyboard(lang)


@admin_only
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribers, source health and queue depth (admins only)."""
    deps = deps_of(context)

    def read(session: Session) -> tuple[dict[bool, int], list[Source], dict[str, int]]:
        return queries.chat_counts(session), queries.source_health(session), outbox_queries.outbox_counts(session)

    chats, sources, counts = await in_session(deps.engine, read)
    failing = [(source.name or source.key, source.last_error or "") for source in sources if source.failures]
    await reply(update, format_stats(chats.get(True, 0), chats.get(False, 0), len(sources), failing, counts))


@admin_only
async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a notice to every active chat (admins only)."""
    deps = deps_of(context)
    message = update.effective_message
    assert message is not None and message.text is not None
    body = message.text.partition(" ")[2].strip()
    if not body or len(body) > MAX_BROADCAST_CHARS:
        await reply(update, t("en", "broadcast_usage", limit=MAX_BROADCAST_CHARS))
        return
    update_id = update.update_id

    def queue(session: Session) -> int:
        targets = queries.active_chats(session)
        for chat in targets:
            outbox_queries.enqueue(
                session,
                key=f"broadcast:{update_id}:{chat.id}",
                chat_id=chat.id,
                text=f"📣 {esc(body)}",
                kind="broadcast",
                thread_id=chat.thread_id,
            )
        return len(targets)

    count = await in_session(deps.engine, queue)
    await reply(update, t("en", "broadcast_queued", count=count))


COMMANDS = {
    "lang": lang, "notify": notify, "news": news, "settings": settings_menu, "stats": stats,
    "broadcast": broadcast,
}  # fmt: skip
__all__ = ["COMMANDS", "THEMES"]
