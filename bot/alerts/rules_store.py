"""Alert rules against the store: the metric values a data point gives, and evaluating every rule on it.

The market jobs call `apply_data_point` after each new price or network data point; `/alert` calls
`same_rule` to refuse a rule the chat already has, and `current_values` to seed a new rule with the latest value,
so its first alert can say "12.40 → 11.80".
Semantics stay in `bot.alerts.rules_core` and wording in `bot.messages.rules`; this module only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlmodel import Session

from bot.alerts.rules_core import (
    BTC,
    DEFAULT_COOLDOWN_S,
    NETWORK,
    Rule,
    RuleSpec,
    RuleState,
    evaluate,
    is_expired,
    network_metric_values,
)
from bot.messages.keyboards import alert_keyboard, as_rows
from bot.messages.notes import conversion_distance_pct
from bot.messages.rules import format_alert, format_alert_line
from store import alert_queries, mutes, outbox_queries
from store.models import AlertRule, Chat, NetworkStat

#: Outbox kind of a fired threshold alert.
ALERT_KIND = "alert"


def rule_of(row: AlertRule) -> Rule:
    """A stored rule as the pure rule functions see it."""
    cooldown_s = DEFAULT_COOLDOWN_S if row.cooldown_s is None else row.cooldown_s
    spec = RuleSpec(row.subject, row.metric, row.op, row.value, cooldown_s, row.once, row.until)
    return Rule(row.number, spec)


def nearest_conversion_distance(conversion_prices: Iterable[float], price: float) -> float | None:
    """The distance to the nearest conversion price (smallest in absolute terms); None without notes."""
    distances = [conversion_distance_pct(conversion, price) for conversion in conversion_prices]
    known = [distance for distance in distances if distance is not None]
    return min(known, key=abs) if known else None


def price_values(
    session: Session, symbol: str, price: float, change_pct: float | None, on: date
) -> dict[str, float | None]:
    """A quote's values per metric: price, 1-day change and (listed tickers) the distance to conversion."""
    values: dict[str, float | None] = {"price": price, "change": change_pct}
    if symbol != BTC:
        values["conv_distance"] = nearest_conversion_distance(
            alert_queries.conversion_prices(session, symbol, on), price
        )
    return values


def network_values(stat: NetworkStat) -> dict[str, float | None]:
    """A stored network snapshot's values per metric, in the units NETWORK rules are written in."""
    return network_metric_values(stat.hashprice_usd_per_ph_day, stat.difficulty, stat.hashrate_ph_s)


def current_values(session: Session, subject: str, on: date) -> dict[str, float | None]:
    """The latest stored value of every metric of `subject` (empty before its first data point)."""
    if subject == NETWORK:
        stat = alert_queries.latest_network_stat(session)
        return network_values(stat) if stat is not None else {}
    point = alert_queries.latest_price(session, subject)
    return price_values(session, subject, point.price, point.change_pct, on) if point is not None else {}


def same_rule(session: Session, chat_id: int, spec: RuleSpec) -> Rule | None:
    """The chat's rule identical to `spec` (subject, metric, comparison, threshold and options), or None.
    Locks the chat's rules first, so the caller can add `spec` in the same transaction without a race."""
    alert_queries.lock_chat_rules(session, chat_id)
    return next((rule for rule in map(rule_of, alert_queries.list_rules(session, chat_id)) if rule.spec == spec), None)


def seed_state(current: Mapping[str, float | None], metric: str) -> RuleState:
    """A new rule's state: remembers the latest value (the old side of its first alert), armed."""
    return RuleState(last_value=current.get(metric))


def apply_data_point(
    session: Session, subject: str, values: Mapping[str, float | None], at: datetime, now: datetime
) -> int:
    """Evaluate every rule on `subject` against one new data point taken at `at`; returns the alerts queued.

    Runs inside the caller's transaction, together with storing the data point, so a crash either keeps both
    or neither. Per rule: past `until` → deleted; otherwise evaluated and its state saved; when it fires, a
    FiredAlert row for the digest and (unless the chat turned alerts off or is muted) an outbox row keyed
    `alert:{rule id}:{data point time}`; a `once` rule is deleted after firing.

    A chat may hold identical rules saved before `/alert` refused duplicates: they stay (the chat deletes what it
    wants), are all evaluated, and only the oldest of them speaks, so one condition never sends two messages.
    """
    queued = 0
    for metric, value in values.items():
        spoken_for: set[tuple[int, RuleSpec]] = set()  # (chat, rule) pairs an older row already speaks for
        for row in alert_queries.rules_for(session, subject, metric):  # oldest first
            key = (row.chat_id, rule_of(row).spec)
            queued += _apply_rule(session, row, value, at, now, speaks=key not in spoken_for)
            spoken_for.add(key)
    return queued


def _apply_rule(
    session: Session, row: AlertRule, value: float | None, at: datetime, now: datetime, *, speaks: bool = True
) -> int:
    assert row.id is not None
    rule = rule_of(row)
    if is_expired(rule.spec, now):
        alert_queries.delete_rule_by_id(session, row.id)
        return 0
    state = RuleState.from_dict(row.state)
    fire, new_state = evaluate(rule.spec, state, value, at)
    if not fire or value is None:
        if new_state != state:
            alert_queries.save_state(session, row.id, new_state.to_dict())
        return 0
    if rule.spec.once:
        alert_queries.delete_rule_by_id(session, row.id)
    else:
        alert_queries.save_state(session, row.id, new_state.to_dict())
    chat = session.get(Chat, row.chat_id)
    if chat is None or not speaks:
        return 0  # not speaks: an older identical rule of the chat speaks for this one (digest line included)
    summary = format_alert_line(rule, state.last_value, value, at, chat.lang, chat.tz)
    alert_queries.record_fired(session, row.chat_id, summary, now)
    if chat.notify_alerts == "off" or (chat.mute_until is not None and chat.mute_until > now):
        return 0  # the digest still lists it
    miner = rule.spec.subject not in (BTC, NETWORK)
    if miner and mutes.all_muted(session, row.chat_id, [rule.spec.subject], now):
        return 0  # the miner is muted in this chat; the digest still lists it
    new = outbox_queries.enqueue(
        session,
        key=f"alert:{row.id}:{at.isoformat()}",
        chat_id=row.chat_id,
        text=format_alert(rule, state.last_value, value, at, chat.lang, chat.tz),
        kind=ALERT_KIND,
        thread_id=chat.thread_id,
        silent=chat.notify_alerts == "silent",
        reply_markup=as_rows(alert_keyboard(rule.spec.subject, chat.lang)) if miner else None,
    )
    return int(new)
