"""SEC filings and convertible notes against the store: rows as the messages' plain values, /filings and
/converts gathered from the tables, and filing and convertible-deal alerts queued to the chats watching the issuer.

Used by the SEC job (alerts) and by bot/handlers/filings.py (commands); wording lives in bot/messages/filings.py
and converts.py; the /status card's data is gathered in bot/alerts/status.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.alerts.rules_store import apply_data_point, price_values
from bot.messages.converts import NoteView, TermSource, format_convert_alert
from bot.messages.filings import MAX_FILINGS_LISTED, FilingView, Quote, Shares, format_filing_alert
from bot.messages.keyboards import alert_keyboard, as_rows
from store import alert_queries, mutes, outbox_queries, queries, sec_queries
from store.models import Chat, ConvertibleNote, Filing, PricePoint, SharesOutstanding

#: Outbox kind of filing and convertible-deal alerts (the chat's `/notify filings` setting applies).
FILING_KIND = "filing"
#: Insider and restricted-stock forms: stored, listed and in the digest, but no instant alert (several a
#: week per issuer; an investor follows them in /filings, not as pings).
QUIET_FORMS = frozenset({"3", "4", "5", "3/A", "4/A", "5/A", "144", "144/A"})
BTC_SYMBOL = "BTC"


def filing_view(row: Filing, company: str = "") -> FilingView:
    return FilingView(
        ticker=row.ticker,
        form=row.form,
        filed=row.filed,
        items=tuple(row.items),
        title=row.title,
        company=company,
        accepted_at=row.accepted_at,
        themes=tuple(row.themes),
        index_url=row.index_url,
        document_url=row.primary_doc_url,
    )


def note_view(row: ConvertibleNote) -> NoteView:
    return NoteView(
        ticker=row.ticker,
        status=row.status,
        principal_usd=row.principal_usd,
        option_usd=row.option_usd,
        coupon_pct=row.coupon_pct,
        maturity=row.maturity,
        maturity_year=row.maturity_year,
        conversion_rate=row.conversion_rate,
        conversion_price_usd=row.conversion_price_usd,
        premium_pct=row.premium_pct,
        reference_price_usd=row.reference_price_usd,
        cap_price_usd=row.cap_price_usd,
        use_of_proceeds=row.use_of_proceeds,
        currency=row.currency or "USD",
        term_sources={
            name: TermSource(
                stage=str(source.get("stage", "")),
                filed=str(source.get("filed", "")),
                url=str(source.get("url", "")),
                accession=str(source.get("accession", "")),
            )
            for name, source in (row.term_sources or {}).items()
            if isinstance(source, dict)
        },
        source_url=row.source_url,
        announced_on=row.announced_on,
        exchangeable=row.exchangeable,
        upsized=row.upsized,
    )


def quote_of(point: PricePoint | None) -> Quote | None:
    """The latest price with its 1-day change (from the previous close when the source gave no change)."""
    if point is None:
        return None
    change = point.change_pct
    if change is None and point.previous_close:
        change = (point.price / point.previous_close - 1.0) * 100.0
    return Quote(point.price, change, point.at)


def shares_of(row: SharesOutstanding | None) -> Shares | None:
    return Shares(row.shares, row.as_of) if row is not None and row.shares > 0 else None


def latest_filings(session: Session, ticker: str, limit: int = MAX_FILINGS_LISTED) -> list[FilingView]:
    return [filing_view(row) for row in sec_queries.latest_filings(session, ticker, limit)]


def converts_context(session: Session, ticker: str) -> tuple[list[NoteView], Quote | None, Shares | None]:
    """What /converts shows: the issuer's notes, its latest price and its shares outstanding."""
    notes = [note_view(row) for row in sec_queries.notes_of(session, ticker)]
    price = quote_of(alert_queries.latest_price(session, ticker))
    return notes, price, shares_of(sec_queries.shares_outstanding(session, ticker))


def wants_filing_alert(chat: Chat, form: str, note: NoteView | None, now: datetime) -> bool:
    """`/notify filings off` and /mute silence filing alerts (the digest still lists the filing); insider forms
    never ping."""
    if chat.notify_filings == "off" or (chat.mute_until is not None and chat.mute_until > now):
        return False
    return note is not None or form.upper() not in QUIET_FORMS


def queue_filing_alerts(
    session: Session,
    accession: str,
    filing: FilingView,
    note: NoteView | None,
    now: datetime,
    *,
    others: Sequence[NoteView] = (),
) -> int:
    """One message per chat watching the issuer, keyed `filing:{accession}:{chat}`: the convertible-deal alert
    when the filing announces a note (naming the other series it prices with it), else the filing alert.
    Returns the number queued."""
    price = quote_of(alert_queries.latest_price(session, filing.ticker)) if note else None
    shares = shares_of(sec_queries.shares_outstanding(session, filing.ticker)) if note else None
    queued = 0
    for chat in queries.chats_watching(session, [filing.ticker]):
        if not wants_filing_alert(chat, filing.form, note, now):
            continue
        if mutes.all_muted(session, chat.id, [filing.ticker], now):
            continue  # the miner is muted in this chat: the digest lists the filing
        if note is not None:
            text = format_convert_alert(filing, note, chat.lang, chat.tz, price=price, shares=shares, others=others)
        else:
            text = format_filing_alert(filing, chat.lang, chat.tz)
        queued += outbox_queries.enqueue(
            session,
            key=f"filing:{accession}:{chat.id}",
            chat_id=chat.id,
            text=text,
            kind=FILING_KIND,
            thread_id=chat.thread_id,
            silent=chat.notify_filings == "silent",
            disable_preview=True,
            reply_markup=as_rows(alert_keyboard(filing.ticker, chat.lang)),
        )
    return queued


def evaluate_conv_distance(session: Session, ticker: str, now: datetime) -> int:
    """After a note's conversion price changed: evaluate the ticker's `conv_distance` rules on the latest price
    now, instead of at the next new quote (a note priced after the close would otherwise wait for the open)."""
    point = alert_queries.latest_price(session, ticker)
    if point is None:
        return 0
    distance = price_values(session, ticker, point.price, point.change_pct, now.date()).get("conv_distance")
    return apply_data_point(session, ticker, {"conv_distance": distance}, point.at, now)
