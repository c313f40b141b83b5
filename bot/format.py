"""Message formatting: pure functions from plain values to Telegram HTML. No telegram import, no I/O."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.texts import t

#: Telegram's limit for one message's text (after entity parsing; we count the HTML source, which is longer).
MAX_MESSAGE_CHARS = 4096
#: A theme is shown with its confidence; below this it is not listed at all.
MIN_THEME_SCORE_SHOWN = 0.0


def esc(value: object) -> str:
    """Escape any dynamic value for Telegram's HTML parse mode."""
    return html.escape(str(value), quote=True)


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
    return " · ".join(f"#{esc(theme)} {round(100 * scores.get(theme, 1.0))}%" for theme in themes)


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


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split on line boundaries into chunks of at most `limit` characters; only a single over-long line is
    cut inside (at a space when possible). Our formats keep every HTML tag within one line."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            piece, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                chunks.append(current)
                current = ""
            chunks.append(piece)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()]
