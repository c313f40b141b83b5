"""Queries for threshold alerts: each chat's rules, their evaluation state, and the price / network series.

Plain values in, rows out: the rule grammar and its semantics live in `bot.alerts.rules`; this module only stores.
A chat reaches its rules by (chat_id, number) and never by the global id, so one chat cannot touch another's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, delete, select

from store.models import AlertRule, Chat, ConvertibleNote, FiredAlert, NetworkStat, PricePoint


class RuleLimitReached(Exception):
    """The chat already keeps as many rules as it may; nothing was added."""


def _for_update(session: Session) -> bool:
    """Row locks only where they exist and matter (PostgreSQL); SQLite serialises writers anyway."""
    return session.get_bind().dialect.name == "postgresql"


# --- rules ---------------------------------------------------------------------------------------


def lock_chat_rules(session: Session, chat_id: int) -> None:
    """Hold the chat's rules still until the transaction ends: on PostgreSQL the chat row is locked, so two /alert
    commands at once cannot take the same number or both add the same rule (SQLite serialises writers anyway)."""
    if _for_update(session):
        session.exec(select(Chat.id).where(Chat.id == chat_id).with_for_update()).first()


def add_rule(
    session: Session,
    chat_id: int,
    *,
    text: str,
    subject: str,
    metric: str,
    op: str,
    value: float,
    cooldown_s: int,
    once: bool,
    until: date | None,
    limit: int,
    state: Mapping[str, object] | None = None,
) -> AlertRule:
    """Store a rule with the chat's next number (its highest + 1); RuleLimitReached when it has `limit` already.
    The chat's rules are locked first (`lock_chat_rules`)."""
    lock_chat_rules(session, chat_id)
    count, highest = session.exec(
        select(func.count(), func.max(AlertRule.number)).where(AlertRule.chat_id == chat_id)
    ).one()
    if count >= limit:
        raise RuleLimitReached(f"chat {chat_id} already has {count} rules (limit {limit})")
    rule = AlertRule(
        chat_id=chat_id,
        number=(highest or 0) + 1,
        text=text,
        subject=subject,
        metric=metric,
        op=op,
        value=value,
        cooldown_s=cooldown_s,
        once=once,
        until=until,
        state=dict(state or {}),
    )
    session.add(rule)
    session.flush()
    return rule


def list_rules(session: Session, chat_id: int) -> list[AlertRule]:
    """A chat's rules in number order."""
    return list(session.exec(select(AlertRule).where(AlertRule.chat_id == chat_id).order_by(col(AlertRule.number))))


def delete_rule(session: Session, chat_id: int, number: int) -> AlertRule | None:
    """Delete rule `number` of this chat only; returns the deleted rule, or None when the chat has no such rule."""
    rule = session.exec(select(AlertRule).where(AlertRule.chat_id == chat_id, AlertRule.number == number)).first()
    if rule is None:
        return None
    session.delete(rule)
    session.flush()
    return rule


def delete_rule_by_id(session: Session, rule_id: int) -> None:
    """Drop a rule the evaluator is done with (fired `once`, or past its `until` day)."""
    session.execute(delete(AlertRule).where(col(AlertRule.id) == rule_id))


def rules_for(session: Session, subject: str, metric: str) -> list[AlertRule]:
    """Rules of active chats on one subject and metric, oldest first. Locked on PostgreSQL for the evaluating
    transaction, so a concurrent /delalert waits for it instead of racing the state update."""
    active = select(Chat.id).where(col(Chat.active).is_(True))
    statement = (
        select(AlertRule)
        .where(AlertRule.subject == subject, AlertRule.metric == metric, col(AlertRule.chat_id).in_(active))
        .order_by(col(AlertRule.id))
    )
    if _for_update(session):
        statement = statement.with_for_update(of=AlertRule)  # type: ignore[arg-type]
    return list(session.exec(statement))


def save_state(session: Session, rule_id: int, state: Mapping[str, object]) -> bool:
    """Persist a rule's evaluation state; False when the rule no longer exists."""
    result = session.execute(update(AlertRule).where(col(AlertRule.id) == rule_id).values(state=dict(state)))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def record_fired(session: Session, chat_id: int, text: str, fired_at: datetime) -> None:
    """Keep a fired alert for the chat's digest (also when the instant message was muted or turned off)."""
    session.add(FiredAlert(chat_id=chat_id, text=text, fired_at=fired_at))


# --- price and network series --------------------------------------------------------------------


def latest_price(session: Session, symbol: str) -> PricePoint | None:
    return session.exec(
        select(PricePoint).where(PricePoint.symbol == symbol).order_by(col(PricePoint.at).desc(), col(PricePoint.id))
    ).first()


def record_price(
    session: Session,
    *,
    symbol: str,
    price: float,
    previous_close: float | None,
    change_pct: float | None,
    source: str,
    at: datetime,
) -> PricePoint | None:
    """Append a quote to the series when it is newer than the last one; None when it is not a new data point
    (a closed market answers with the same quote time, and a fallback source may lag)."""
    latest = latest_price(session, symbol)
    if latest is not None and at <= latest.at:
        return None
    point = PricePoint(
        symbol=symbol, price=price, previous_close=previous_close, change_pct=change_pct, source=source, at=at
    )
    session.add(point)
    session.flush()
    return point


def latest_network_stat(session: Session) -> NetworkStat | None:
    return session.exec(select(NetworkStat).order_by(col(NetworkStat.at).desc(), col(NetworkStat.id))).first()


def record_network_stat(
    session: Session,
    *,
    at: datetime,
    difficulty: float | None,
    hashrate_ph_s: float | None,
    btc_mined_144: float | None,
    btc_usd: float | None,
    hashprice_usd_per_ph_day: float | None,
    difficulty_change_pct: float | None,
    next_retarget_at: datetime | None,
) -> NetworkStat | None:
    """Append a network snapshot when it is newer than the last one; None otherwise."""
    latest = latest_network_stat(session)
    if latest is not None and at <= latest.at:
        return None
    stat = NetworkStat(
        at=at,
        difficulty=difficulty,
        hashrate_ph_s=hashrate_ph_s,
        btc_mined_144=btc_mined_144,
        btc_usd=btc_usd,
        hashprice_usd_per_ph_day=hashprice_usd_per_ph_day,
        difficulty_change_pct=difficulty_change_pct,
        next_retarget_at=next_retarget_at,
    )
    session.add(stat)
    session.flush()
    return stat


def conversion_prices(session: Session, ticker: str, on: date) -> list[float]:
    """Conversion prices (USD) of the ticker's notes not yet matured on `on`, for the conv_distance metric."""
    notes = session.exec(
        select(ConvertibleNote).where(
            ConvertibleNote.ticker == ticker, col(ConvertibleNote.conversion_price_usd).is_not(None)
        )
    )
    return [
        float(note.conversion_price_usd)
        for note in notes
        if note.conversion_price_usd
        and note.conversion_price_usd > 0
        and (note.currency or "USD") == "USD"  # a euro conversion price is no distance to a dollar quote
        and not _matured(note, on)
    ]


def _matured(note: ConvertibleNote, on: date) -> bool:
    """Past its maturity date, or past its maturity year when only the year is known."""
    if note.maturity is not None:
        return note.maturity < on
    return note.maturity_year is not None and note.maturity_year < on.year
