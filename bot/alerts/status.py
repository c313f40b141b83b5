"""The /status card's data: price, BTC and hashprice, the issuer's notes and shares, the latest filings and the
latest themed news, read from the store as the plain values bot/messages/status.py formats."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from bot.alerts.deals import card_rollup
from bot.alerts.filings import BTC_SYMBOL, converts_context, latest_filings, quote_of
from bot.messages.status import MAX_CARD_FILINGS, MAX_CARD_NEWS, NewsLine, StatusCard
from store import alert_queries, queries, sec_queries


def status_card(session: Session, ticker: str, name: str, today: date) -> StatusCard:
    """Everything the /status card shows, read from the price, network, note, filing and news tables."""
    notes, price, shares = converts_context(session, ticker)
    stat = sec_queries.latest_hashprice(session)
    news = [
        NewsLine(event.title, event.link, tuple(event.themes), dict(event.scores), queries.story_time(event))
        for event in sec_queries.themed_news(session, ticker, MAX_CARD_NEWS)
    ]
    return StatusCard(
        ticker=ticker,
        name=name,
        price=price,
        btc=quote_of(alert_queries.latest_price(session, BTC_SYMBOL)),
        hashprice_usd_per_ph_day=stat.hashprice_usd_per_ph_day if stat else None,
        shares=shares,
        notes=tuple(notes),
        filings=tuple(latest_filings(session, ticker, MAX_CARD_FILINGS)),
        news=tuple(news),
        today=today,
        deals=card_rollup(session, ticker),
    )
