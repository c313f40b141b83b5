"""The chat's lists and the admin's numbers as Telegram HTML: /start, /watchlist, /miners, /themes and
/stats. Pure: plain values in, text out (no telegram import, no I/O)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

from bot.messages.locale import moment
from bot.messages.markup import esc
from bot.messages.texts import t

#: Failing sources named by /stats.
MAX_FAILING_SOURCES_SHOWN = 10
#: Characters of a failing source's last error shown by /stats.
MAX_ERROR_CHARS_SHOWN = 80


def format_watchlist(tickers: Sequence[str], names: Mapping[str, str], lang: str = "en") -> str:
    """/watchlist: each followed miner with its name (when MinerWatch knows it)."""
    if not tickers:
        return t(lang, "watchlist_empty")
    named = ", ".join(f"{esc(tk)} ({esc(names[tk])})" if tk in names else esc(tk) for tk in tickers)
    return t(lang, "watchlist", tickers=named)


def format_start(
    tickers: Sequence[str],
    lang: str = "en",
    was_active: bool | None = None,
    muted_until: datetime | None = None,
    tz: str = "UTC",
    muted_miners: Mapping[str, datetime] | None = None,
) -> str:
    """/start: the welcome to a new chat (`was_active` None); to a known one, that it is registered (and gets
    messages again if delivery had stopped) and, while a /mute lasts (`muted_until`), until when and how to end
    it, and the miners muted one by one (`muted_miners`, ticker → until), so the reply never claims alerts are on
    while they are muted."""
    listed = ", ".join(esc(ticker) for ticker in tickers) or "—"
    if was_active is None:
        return t(lang, "welcome", tickers=listed)
    text = t(lang, "welcome_registered" if was_active else "welcome_back", tickers=listed)
    if muted_until is not None:
        text += "\n" + t(lang, "welcome_muted", until=moment(muted_until, lang, tz))
    if muted_miners:
        listed_mutes = ", ".join(
            t(lang, "welcome_miner_muted", ticker=esc(ticker), until=moment(until, lang, tz))
            for ticker, until in muted_miners.items()
        )
        text += "\n" + t(lang, "welcome_miners_muted", mutes=listed_mutes)
    return text


def format_miners(miners: Iterable[tuple[str, str, Sequence[str]]], lang: str = "en") -> str:
    """/miners: (ticker, name, aliases) of every miner in the universe."""
    lines = [t(lang, "miners_header")]
    for ticker, name, aliases in miners:
        aka = f" <i>({esc(', '.join(aliases))})</i>" if aliases else ""
        lines.append(f"<b>{esc(ticker)}</b> — {esc(name)}{aka}")
    return "\n".join(lines)


def format_theme_list(themes: Sequence[str], enabled: Collection[str], lang: str = "en") -> str:
    """/themes: every theme and whether this chat receives it."""
    lines = [t(lang, "themes_header")]
    for theme in themes:
        on = theme in enabled
        lines.append(f"{'✅' if on else '⛔'} <code>{esc(theme)}</code> — {t(lang, 'on' if on else 'off')}")
    return "\n".join(lines)


def format_stats(
    active: int, inactive: int, sources: int, failing: Sequence[tuple[str, str]], outbox: Mapping[str, int]
) -> str:
    """/stats (admins, English): chats, sources with the failing ones (name, last error), outbox rows by status."""
    queue = ", ".join(f"{esc(status)} {count}" for status, count in sorted(outbox.items())) or "empty"
    text = t("en", "stats", chats=active, inactive=inactive, sources=sources, failing=len(failing), outbox=queue)
    if failing:
        names = "; ".join(
            f"{esc(name)} ({esc(error[:MAX_ERROR_CHARS_SHOWN])})" for name, error in failing[:MAX_FAILING_SOURCES_SHOWN]
        )
        if len(failing) > MAX_FAILING_SOURCES_SHOWN:
            names += f"; +{len(failing) - MAX_FAILING_SOURCES_SHOWN} more"
        text += "\n" + t("en", "stats_failing", names=names)
    return text
