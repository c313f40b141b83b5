"""AI/HPC deals in the bot: a report of a deal (a news item or an 8-K press release, read by watchers/deals) goes
into the deal store (store/deal_queries.py) and, when it is a new deal or changes a known one's terms, one deal
alert per chat watching the miner (keyed `deal:{deal}:{change}:{chat}`); another source of a known deal sends
nothing. Also the values /deals, the /status card and the digest show. Wording in bot/messages/deals.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.messages.deals import DealView, RollUpView, format_deal_alert, format_deal_update
from bot.messages.keyboards import alert_keyboard, as_rows
from store import deal_queries, mutes, outbox_queries, queries
from store.deal_queries import NON_BINDING, Recorded, RollUp
from store.models import Chat, Deal

#: Outbox kind of a deal alert (the chat's `/notify deals` setting applies).
DEAL_KIND = "deal"
#: Words that make a report an expansion or amendment of a contract rather than a new one.
EXPANSION = re.compile(
    r"\b(?:adds?|added|adding|expand(?:s|ed|ing)?|expansion|extend(?:s|ed|ing)?|extension|amend(?:s|ed|ing|ment)?|"
    r"upsiz(?:es|ed|ing)|increas(?:es|ed|ing))\b",
    re.IGNORECASE,
)
#: Changes a chat hears about; "filled" (a source stated a term the deal lacked) and a plain extra source do not.
ALERTED = ("new", "changed", "expansion")


def view_of(deal: Deal) -> DealView:
    """The plain values the messages show."""
    return DealView(
        ticker=deal.ticker,
        kind=deal.kind,
        counterparty=deal.counterparty,
        counterparty_phrase=deal.counterparty_phrase,
        mw=deal.mw,
        contract_value_usd=deal.contract_value_usd,
        term_years=deal.term_years,
        site=deal.site,
        gpu_count=deal.gpu_count,
        gpu_model=deal.gpu_model,
        title=deal.title,
        link=deal.link,
        source_names=tuple(dict.fromkeys(s.get("name", "") for s in deal.sources)),
        announced_at=deal.announced_at,
    )


def rollup_view(rollup: RollUp) -> RollUpView:
    return RollUpView(
        ticker=rollup.ticker,
        mw=rollup.mw,
        contract_value_usd=rollup.contract_value_usd,
        deals=rollup.deals,
        counterparties=rollup.counterparties,
        sites=rollup.sites,
        latest=view_of(rollup.latest) if rollup.latest else None,
    )


def is_expansion(title: str, lede: str) -> bool:
    """The headline or lede says the contract grows or is amended ("adds 100 MW to its CoreWeave contract")."""
    return bool(EXPANSION.search(f"{title}\n{lede}"))


def deal_ticker(tickers: Sequence[str], title: str) -> str | None:
    """The miner a deal is attributed to: the first of the item's miners named in the headline, else its first."""
    for ticker in tickers:
        if re.search(rf"\b{re.escape(ticker)}\b", title, re.IGNORECASE):
            return ticker
    return tickers[0] if tickers else None


def chat_gets_deals(chat: Chat, now: datetime) -> bool:
    """`/notify deals off` and /mute silence deal alerts (the digest still lists the deal)."""
    return chat.notify_deals != "off" and not (chat.mute_until is not None and chat.mute_until > now)


def record_and_alert(
    session: Session,
    ticker: str,
    terms: Mapping[str, Any],
    *,
    title: str,
    lede: str,
    link: str,
    source: str,
    now: datetime,
    themes: Sequence[str] = (),
    scores: Mapping[str, float] | None = None,
) -> tuple[Recorded, int]:
    """Store one report of a deal and queue what it means for the chats: (what the store did, alerts queued)."""
    recorded = deal_queries.record_deal(
        session, ticker, terms, title=title, link=link, source=source, now=now, expansion=is_expansion(title, lede)
    )
    if recorded.status not in ALERTED or recorded.deal.kind == NON_BINDING:
        return recorded, 0
    return recorded, fan_out_deal(session, recorded, source, now, themes, scores or {})


def record_quietly(
    session: Session,
    ticker: str,
    terms: Mapping[str, Any],
    *,
    title: str,
    lede: str,
    link: str,
    source: str,
    published_at: datetime,
) -> Recorded:
    """Store one report of a deal from a story stored quietly (a feed's first poll, an old item) and alert nobody
    (SPEC 4: a baseline alerts on nothing): /deals and /status know what was signed before MinerWatch watched.
    Dated when the story was published, so the deal reads as announced then."""
    return deal_queries.record_deal(
        session, ticker, terms, title=title, link=link, source=source, now=published_at,
        expansion=is_expansion(title, lede), quiet=True,
    )  # fmt: skip


def fan_out_deal(
    session: Session,
    recorded: Recorded,
    source: str,
    now: datetime,
    themes: Sequence[str],
    scores: Mapping[str, float],
) -> int:
    """One message per chat watching the deal's miner: the deal alert, or the update that says what changed."""
    deal = recorded.deal
    view = view_of(deal)
    change = "new" if recorded.status == "new" else f"u{len(deal.history)}"
    queued = 0
    for chat in queries.chats_watching(session, [deal.ticker]):
        if not chat_gets_deals(chat, now) or mutes.all_muted(session, chat.id, [deal.ticker], now):
            continue  # a muted miner's deal still shows in the digest
        if recorded.status == "new":
            text = format_deal_alert(view, chat.lang, themes, scores)
        else:
            text = format_deal_update(view, recorded.status, recorded.fields, source, chat.lang)
        if outbox_queries.enqueue(
            session,
            key=f"deal:{deal.id}:{change}:{chat.id}",
            chat_id=chat.id,
            text=text,
            kind=DEAL_KIND,
            thread_id=chat.thread_id,
            silent=chat.notify_deals == "silent",
            reply_markup=as_rows(alert_keyboard(deal.ticker, chat.lang)),
        ):
            queued += 1
    return queued


def miner_deals(session: Session, ticker: str) -> tuple[RollUpView, list[DealView]]:
    """/deals TICKER: the roll-up and the deals, the newest first."""
    deals = deal_queries.deals_of(session, [ticker])
    return rollup_view(deal_queries.roll_up(ticker, deals)), [view_of(deal) for deal in deals]


def league(session: Session, tickers: Iterable[str]) -> list[RollUpView]:
    """/deals: each watched miner's roll-up."""
    tickers = list(tickers)
    deals = deal_queries.deals_of(session, tickers)
    return [rollup_view(deal_queries.roll_up(ticker, deals)) for ticker in tickers]


def card_rollup(session: Session, ticker: str) -> RollUpView:
    """The /status card's AI/HPC line."""
    return rollup_view(deal_queries.roll_up(ticker, deal_queries.deals_of(session, [ticker])))
