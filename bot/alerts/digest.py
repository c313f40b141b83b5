"""A chat's digest: when it is due (its schedule in its time zone), gathering what is new from the store, and
queuing it (used by the digest job and /digest now); wording in bot/messages/digest.py."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.alerts.charts import watchlist_week
from bot.alerts.deals import view_of
from bot.messages.chart import chart_caption, render_chart
from bot.messages.deals import digest_deal_line
from bot.messages.digest import DigestData, DigestFiling, DigestPrice, DigestStory, format_digest
from bot.messages.markup import split_message
from store import deal_queries, outbox_queries, queries
from store.models import Chat, Filing, FiredAlert, NetworkStat, NewsEvent, PricePoint

#: A chat's first digest (scheduled or /digest now) covers the day before it, also when the chat is newer: a
#: chat that has just sent /start sees what its miners did that day, not an empty digest.
FIRST_DIGEST_WINDOW = timedelta(days=1)


def due_slot(now: datetime, *, mode: str, at: str, weekday: int, tz: str) -> datetime | None:
    """The latest scheduled digest time ≤ now (aware, UTC), or None when digests are off."""
    if mode == "off":
        return None
    zone = ZoneInfo(tz)
    local_now = now.astimezone(zone)
    hour, minute = (int(part) for part in at.split(":"))
    slot = datetime.combine(local_now.date(), time(hour, minute), tzinfo=zone)
    if mode == "weekly":
        slot -= timedelta(days=(local_now.weekday() - weekday) % 7)
        if slot > local_now:
            slot -= timedelta(days=7)
    elif slot > local_now:
        slot -= timedelta(days=1)
    return slot.astimezone(ZoneInfo("UTC"))


def gather(session: Session, chat: Chat, since: datetime, until: datetime) -> DigestData:
    """What is new for `chat` in (since, until]."""
    tickers = queries.watchlist(session, chat.id)
    enabled = set(chat.themes)
    data = DigestData(since=since, until=until)
    deals = deal_queries.deals_between(session, tickers, since, until)
    data.deals = [digest_deal_line(view_of(deal), chat.lang) for deal in deals]
    # A deal's line links its report: the stories that reported it are not listed again (its 8-K still is, among
    # the filings: the SEC's record of it).
    reported = {entry["url"] for deal in deals for entry in deal.sources if entry.get("url")}
    events = session.exec(
        select(NewsEvent)
        .where(
            col(NewsEvent.first_seen_at) > since,
            col(NewsEvent.first_seen_at) <= until,
            col(NewsEvent.alerted).is_(True),
            col(NewsEvent.quiet).is_(False),
        )
        .order_by(col(NewsEvent.first_seen_at))
    )
    for event in events:
        if not set(event.tickers) & set(tickers) or event.link in reported:
            continue
        themes = [th for th in event.themes if th in enabled]
        if event.themes and not themes:
            continue
        data.stories.append(
            DigestStory(event.title, event.link, [tk for tk in event.tickers if tk in tickers], themes, event.scores)
        )
    filings = session.exec(
        select(Filing)
        .where(
            col(Filing.first_seen_at) > since,
            col(Filing.first_seen_at) <= until,
            col(Filing.ticker).in_(tickers),
            col(Filing.baseline).is_(False),
        )
        .order_by(col(Filing.first_seen_at))
    )
    for filing in filings:
        items = ", ".join(filing.items)
        description = f"{filing.form} {items}".strip() + (f" — {filing.title}" if filing.title else "")
        data.filings.append(DigestFiling(filing.ticker, description[:200], filing.primary_doc_url or filing.index_url))
    for symbol in tickers:
        point = session.exec(
            select(PricePoint)
            .where(PricePoint.symbol == symbol, col(PricePoint.at) <= until)
            .order_by(col(PricePoint.at).desc())
        ).first()
        if point is not None:
            data.prices.append(DigestPrice(symbol, point.price, point.change_pct))
    btc = session.exec(select(PricePoint).where(PricePoint.symbol == "BTC").order_by(col(PricePoint.at).desc())).first()
    data.btc_usd = btc.price if btc else None
    stat = session.exec(select(NetworkStat).order_by(col(NetworkStat.at).desc())).first()
    data.hashprice = stat.hashprice_usd_per_ph_day if stat else None
    fired = session.exec(
        select(FiredAlert)
        .where(FiredAlert.chat_id == chat.id, col(FiredAlert.fired_at) > since, col(FiredAlert.fired_at) <= until)
        .order_by(col(FiredAlert.id))
    )
    data.fired_alerts = [row.text for row in fired]
    return data


def queue_digest(session: Session, chat: Chat, since: datetime, until: datetime, key: str) -> bool:
    """Format and queue one chat's digest under idempotency key `key` (split if long)."""
    text = format_digest(gather(session, chat, since, until), chat.lang, chat.tz)
    new = False
    for index, chunk in enumerate(split_message(text)):
        new |= outbox_queries.enqueue(
            session,
            key=f"{key}:{index}",
            chat_id=chat.id,
            text=chunk,
            kind="digest",
            thread_id=chat.thread_id,
            disable_preview=True,
            silent=chat.notify_news == "silent",
        )
    if chat.digest_mode == "weekly" and chat.digest_charts:
        new |= queue_digest_chart(session, chat, until, key)
    return new


def queue_digest_chart(session: Session, chat: Chat, until: datetime, key: str) -> bool:
    """The weekly digest's chart of the watchlist's week, as a photo after the digest (none without closes); silent,
    so a digest still makes one sound. Rendered here, on the digest job's worker thread (about 0.1 s)."""
    data = watchlist_week(session, chat, until)
    if not data.series:
        return False
    return outbox_queries.enqueue(
        session,
        key=f"{key}:chart",
        chat_id=chat.id,
        text=chart_caption(data),
        kind="digest",
        thread_id=chat.thread_id,
        silent=True,
        photo=render_chart(data),
    )
