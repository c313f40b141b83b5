"""News as Telegram HTML: the news alert, the /news list and the themes with their confidence. Pure: plain values
in, text out (no telegram import, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.messages.locale import day_and_time, percent
from bot.messages.markup import esc
from bot.messages.texts import t


@dataclass(frozen=True)
class NewsAlert:
    """A news story as one chat should see it."""

    title: str
    link: str
    lede: str
    tickers: Sequence[str]
    themes: Sequence[str]
    scores: Mapping[str, float]
    source_name: str
    also_reported_by: Sequence[str] = field(default_factory=tuple)
    published_at: datetime | None = None


def format_themes(themes: Sequence[str], scores: Mapping[str, float], lang: str) -> str:
    if not themes:
        return t(lang, "no_theme")
    return " · ".join(
        f"#{esc(theme)} {percent(round(100 * scores.get(theme, 1.0)), lang, decimals=0)}" for theme in themes
    )


def format_news_alert(alert: NewsAlert, lang: str = "en") -> str:
    """📰 headline, miners, themes with confidence, lede, source (and who else reported it), link."""
    lines = [f"📰 <b>{esc(alert.title)}</b>"]
    meta = " ".join(f"${esc(ticker)}" for ticker in alert.tickers)
    lines.append(
        f"{meta} · {t(lang, 'themes_label')}: {format_themes(alert.themes, alert.scores, lang)}"
        if meta
        else f"{t(lang, 'themes_label')}: {format_themes(alert.themes, alert.scores, lang)}"
    )
    if alert.lede:
        lines.append(esc(alert.lede))
    source = esc(alert.source_name) if alert.source_name else ""
    if alert.also_reported_by:
        names = ", ".join(esc(name) for name in alert.also_reported_by)
        source = (
            f"{source} ({t(lang, 'also_reported', names=names)})" if source else t(lang, "also_reported", names=names)
        )
    if source:
        lines.append(f"{t(lang, 'source_label')}: {source}")
    if alert.link:
        lines.append(f'<a href="{esc(alert.link)}">{t(lang, "read_more")}</a>')
    return "\n".join(lines)


@dataclass(frozen=True)
class NewsListItem:
    """A story in the /news list."""

    title: str
    link: str
    tickers: Sequence[str]
    themes: Sequence[str]
    scores: Mapping[str, float]
    published_at: datetime  # as its feed says, else when MinerWatch first saw it (store.queries.story_time); UTC


def format_news_list(scope: str, stories: Sequence[NewsListItem], lang: str = "en") -> str:
    """/news: the latest stories, newest first, each with its publication time (UTC), miners and themes; `scope`
    comes escaped."""
    if not stories:
        return t(lang, "news_none", scope=scope)
    lines = [t(lang, "news_header", scope=scope)]
    for story in stories:
        title = f'<a href="{esc(story.link)}">{esc(story.title)}</a>' if story.link else esc(story.title)
        lines.append(
            f"• {day_and_time(story.published_at, lang)} {title}\n  {' '.join('$' + esc(x) for x in story.tickers)} · "
            f"{format_themes(story.themes, story.scores, lang)}"
        )
    return "\n".join(lines)
