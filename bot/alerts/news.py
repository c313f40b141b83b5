"""The news fan-out: which chats get a new story as an instant alert, and queuing it for each of them (keyed
`news:{event}:{chat}`). The news job (minerwatch/jobs/news.py) calls `fan_out` for each new story inside the
transaction that marks it alerted; wording in bot/messages/news.py."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlmodel import Session

from bot.messages.keyboards import alert_keyboard, as_rows
from bot.messages.news import NewsAlert, format_news_alert
from classifiers.base import THEMES
from store import mutes, outbox_queries, queries
from store.models import Chat, NewsEvent

#: Outbox kind of a news alert (the chat's `/notify news` setting applies).
NEWS_KIND = "news"


def chat_wants(chat: Chat, themes: Sequence[str]) -> bool:
    """All themes on: every story about a watched miner. Some themes off: only stories with an enabled theme."""
    enabled = set(chat.themes)
    if enabled >= set(THEMES):
        return True
    return bool(enabled & set(themes))


def fan_out(session: Session, event: NewsEvent, now: datetime, exclude: Collection[int] = ()) -> int:
    """Queue `event` for every chat watching one of its miners that wants its themes and is neither muted nor
    set to `/notify news off`, nor muted all of its miners (muted ones see it in their digest), except the chats in
    `exclude` (they had the story's deal alert: bot/alerts/deals.py); each alert carries the button row of its first
    miner (bot/messages/keyboards.py). Returns the number queued."""
    queued = 0
    for chat in queries.chats_watching(session, event.tickers):
        if chat.id in exclude or chat.notify_news == "off" or not chat_wants(chat, event.themes):
            continue
        if chat.mute_until and chat.mute_until > now:
            continue  # muted chats see the story in their digest instead
        watched = set(queries.watchlist(session, chat.id))
        about = [t for t in event.tickers if t in watched] or list(event.tickers)
        if mutes.all_muted(session, chat.id, about, now):
            continue  # every miner of the story is muted in this chat: the digest lists it
        alert = NewsAlert(
            title=event.title,
            link=event.link,
            lede=event.lede,
            tickers=about,
            themes=event.themes,
            scores=event.scores,
            source_name=event.source_names[0] if event.source_names else "",
            also_reported_by=event.source_names[1:],
            published_at=event.published_at,
        )
        if outbox_queries.enqueue(
            session,
            key=f"news:{event.id}:{chat.id}",
            chat_id=chat.id,
            text=format_news_alert(alert, chat.lang),
            kind=NEWS_KIND,
            thread_id=chat.thread_id,
            silent=chat.notify_news == "silent",
            reply_markup=as_rows(alert_keyboard(about[0], chat.lang)) if about else None,
        ):
            queued += 1
    return queued
