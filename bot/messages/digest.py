"""The digest as Telegram HTML: news grouped by theme, filings, prices, BTC and hashprice, the alerts that fired.
Pure: plain values in, text out (no telegram import, no I/O); gathering and scheduling are in bot/alerts/digest.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.messages.locale import day_and_time, number, percent
from bot.messages.markup import esc
from bot.messages.news import format_themes
from bot.messages.texts import t
from classifiers.base import THEMES

#: Stories listed per theme in one digest.
MAX_ITEMS_PER_THEME = 6


@dataclass(frozen=True)
class DigestStory:
    title: str
    link: str
    tickers: Sequence[str]
    themes: Sequence[str]
    scores: dict[str, float]


@dataclass(frozen=True)
class DigestFiling:
    ticker: str
    description: str
    link: str


@dataclass(frozen=True)
class DigestPrice:
    symbol: str
    price: float
    change_pct: float | None


@dataclass
class DigestData:
    """Everything new for one chat since its previous digest."""

    since: datetime
    until: datetime
    stories: list[DigestStory] = field(default_factory=list)
    filings: list[DigestFiling] = field(default_factory=list)
    prices: list[DigestPrice] = field(default_factory=list)
    btc_usd: float | None = None
    hashprice: float | None = None
    fired_alerts: list[str] = field(default_factory=list)
    deals: list[str] = field(default_factory=list)  # the period's AI/HPC deals, one line each (bot/messages/deals.py)


def _money(value: float | None, lang: str) -> str:
    return "—" if value is None else number(value, lang, 2)


def format_digest(data: DigestData, lang: str, tz: str) -> str:
    """News grouped by theme, filings, price moves, BTC and hashprice, alerts that fired."""
    ZoneInfo(tz)  # an unknown zone is the caller's error, as before
    period = f"{day_and_time(data.since, lang, tz)} – {day_and_time(data.until, lang, tz)} {esc(tz)}"
    lines = [t(lang, "digest_title", period=period)]
    groups: dict[str, list[DigestStory]] = {theme: [] for theme in (*THEMES, "")}
    for story in data.stories:
        groups[story.themes[0] if story.themes else ""].append(story)
    for theme, stories in groups.items():
        if not stories:
            continue
        lines.append("")
        lines.append(f"<b>#{esc(theme)}</b>" if theme else f"<b>{t(lang, 'digest_unthemed')}</b>")
        for story in stories[:MAX_ITEMS_PER_THEME]:
            title = f'<a href="{esc(story.link)}">{esc(story.title)}</a>' if story.link else esc(story.title)
            tickers = " ".join("$" + esc(ticker) for ticker in story.tickers)
            extra = [th for th in story.themes if th != theme]
            also = f" · {format_themes(extra, story.scores, lang)}" if extra else ""
            lines.append(f"• {tickers} {title}{also}".replace("•  ", "• "))
        if len(stories) > MAX_ITEMS_PER_THEME:
            lines.append(t(lang, "digest_more", count=len(stories) - MAX_ITEMS_PER_THEME))
    if data.filings:
        lines += ["", f"<b>{t(lang, 'digest_filings')}</b>"]
        for filing in data.filings[:15]:
            lines.append(f'• ${esc(filing.ticker)} <a href="{esc(filing.link)}">{esc(filing.description)}</a>')
    if data.deals:
        lines += ["", f"<b>🏗 {t(lang, 'digest_deals')}</b>"]
        lines += [f"• {line}" for line in data.deals[:15]]
    if data.prices:
        lines += ["", f"<b>{t(lang, 'digest_prices')}</b>"]
        cells = []
        for quote in data.prices:
            change = (
                "" if quote.change_pct is None else f" ({percent(quote.change_pct, lang, signed=True, grouped=False)})"
            )
            cells.append(f"{esc(quote.symbol)} {_money(quote.price, lang)}{change}")
        lines.append(" · ".join(cells))
    if data.btc_usd is not None or data.hashprice is not None:
        lines += ["", t(lang, "digest_market", btc=_money(data.btc_usd, lang), hashprice=_money(data.hashprice, lang))]
    if data.fired_alerts:
        lines += ["", f"<b>{t(lang, 'digest_alerts')}</b>"]
        lines += [f"• {text}" for text in data.fired_alerts[:20]]
    if len(lines) == 1:
        lines += ["", t(lang, "digest_empty")]
    return "\n".join(lines)
