"""The /status TICKER card as Telegram HTML: price and 1-day change, BTC and hashprice, convertible notes with
their distance to conversion and potential dilution, the latest filings and the latest themed news.
Pure: plain values in, text out (no telegram import, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.messages.converts import NoteView, is_matured, note_metrics, note_summary, note_title
from bot.messages.deals import RollUpView, status_deal_lines
from bot.messages.filings import (
    FilingView,
    Quote,
    Shares,
    filing_line,
    html_link,
    percent,
    usd_price,
)
from bot.messages.locale import moment, number, short_day
from bot.messages.markup import esc
from bot.messages.news import format_themes
from bot.messages.texts import t

#: Filings and themed stories on the card.
MAX_CARD_FILINGS = 3
MAX_CARD_NEWS = 3


@dataclass(frozen=True)
class NewsLine:
    """A themed story for the /status card."""

    title: str
    link: str
    themes: Sequence[str]
    scores: Mapping[str, float]
    published_at: datetime  # as its feed says, else when MinerWatch first saw it (store.queries.story_time)


@dataclass(frozen=True)
class StatusCard:
    """Everything `/status TICKER` shows."""

    ticker: str
    name: str
    price: Quote | None = None
    btc: Quote | None = None
    hashprice_usd_per_ph_day: float | None = None
    shares: Shares | None = None
    notes: Sequence[NoteView] = field(default_factory=tuple)
    filings: Sequence[FilingView] = field(default_factory=tuple)
    news: Sequence[NewsLine] = field(default_factory=tuple)
    today: date | None = None
    deals: RollUpView | None = None  # the AI/HPC line: contracted MW and value, the latest deal


def _change(quote: Quote, lang: str) -> str:
    return percent(quote.change_pct, lang, signed=True) if quote.change_pct is not None else "—"


def format_status_card(card: StatusCard, lang: str = "en", tz: str = "UTC") -> str:
    """/status TICKER: price and 1-day change, BTC and hashprice, notes with distance and dilution, the latest
    filings and the latest themed news."""
    lines = [t(lang, "sec_card_title", ticker=esc(card.ticker), name=esc(card.name))]
    if card.price is not None:
        lines.append(
            t(
                lang,
                "sec_card_price",
                price=usd_price(card.price.price, lang),
                change=_change(card.price, lang),
                when=moment(card.price.at, lang, tz),
            )
        )
    else:
        lines.append(t(lang, "sec_card_no_price"))
    market = []
    if card.btc is not None:
        market.append(t(lang, "sec_card_btc", price=usd_price(card.btc.price, lang), change=_change(card.btc, lang)))
    if card.hashprice_usd_per_ph_day is not None:
        value = number(card.hashprice_usd_per_ph_day, lang, 2)
        market.append(t(lang, "sec_card_hashprice", hashprice=value))
    if market:
        lines.append(" · ".join(market))

    lines += ["", t(lang, "sec_card_notes")]
    price = card.price.price if card.price else None
    shares = card.shares.count if card.shares else None
    live = [note for note in card.notes if not (card.today and is_matured(note, card.today))]
    for note in live:
        metrics = note_metrics(note, price, shares)
        lines.append(f"• {note_title(note, lang, None)}: {note_summary(note, metrics, lang)}")
    if not live:
        lines.append(t(lang, "sec_card_none"))

    lines += ["", *status_deal_lines(card.deals or RollUpView(card.ticker), lang, tz)]

    lines += ["", t(lang, "sec_card_filings")]
    lines += [filing_line(filing, lang) for filing in card.filings[:MAX_CARD_FILINGS]] or [t(lang, "sec_card_none")]

    lines += ["", t(lang, "sec_card_news")]
    for story in card.news[:MAX_CARD_NEWS]:
        title = html_link(story.link, esc(story.title)) or esc(story.title)
        lines.append(
            f"• {short_day(story.published_at, lang, tz)} {title} · {format_themes(story.themes, story.scores, lang)}"
        )
    if not card.news:
        lines.append(t(lang, "sec_card_none"))
    return "\n".join(lines)
