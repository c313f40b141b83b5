"""Alert-rule evaluation on each new data point (SPEC 7); the rule values themselves (RuleSpec, metrics, units)
are defined in bot/messages/rules.py, where the messages about rules see them too. Pure: no I/O, no clock.

Semantics, decided once here:
- `< <= > >=` fire when the condition turns true and re-arm when it is false again. A rule whose condition
  already holds at its first value fires at once: whoever sets `MARA price < 12` while MARA trades at 11 wants
  to know now, not after a bounce.
- `crosses X` fires when the value moves from one side of X to the other (sides: below X; X or above). The
  first value only records the side: there is nothing to cross yet.
- Cooldown (default 1h, `cooldown=0` for none): a firing inside the cooldown after the last firing is suppressed
  and the rule still counts as triggered, so it fires again only once the condition has been false (re-armed)
  and turns true after the cooldown. A suppressed `crosses` waits for the next crossing.
- `once`: the caller deletes the rule after it fired. `until=YYYY-MM-DD`: active through that day (UTC); later
  it never fires and `is_expired` tells the caller to delete it.
- A gap (no value, None or NaN) changes nothing. The state is a small value the caller persists
  (`RuleState.to_dict` / `from_dict`), so a restart between two data points neither re-fires nor misses.
Values are in each metric's unit (`METRIC_UNITS`): USD, %, USD/PH/day, raw difficulty, EH/s.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.messages.rules import (  # the rule values, shared with the messages about rules
    ALL_METRICS,
    BTC,
    BTC_METRICS,
    DEFAULT_COOLDOWN_S,
    MAX_RULES_PER_CHAT,
    METRIC_UNITS,
    NETWORK,
    NETWORK_METRICS,
    OPS,
    PERCENT_METRICS,
    PH_PER_EH,
    TICKER_METRICS,
    Rule,
    RuleSpec,
    as_utc,
)


@dataclass(frozen=True)
class RuleState:
    """What evaluation remembers between data points; persisted by the caller."""

    armed: bool = True
    last_value: float | None = None
    last_fired_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form for the store's state column."""
        fired = self.last_fired_at.isoformat() if self.last_fired_at else None
        return {"armed": self.armed, "last_value": self.last_value, "last_fired_at": fired}

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> RuleState:
        """Read a stored state leniently; anything unreadable falls back to the fresh-rule default."""
        data = data if isinstance(data, Mapping) else {}
        armed = data.get("armed")
        value = data.get("last_value")
        fired = data.get("last_fired_at")
        last_value = None
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            last_value = float(value)
        fired_at = None
        if isinstance(fired, str):
            try:
                fired_at = as_utc(datetime.fromisoformat(fired))
            except ValueError:
                fired_at = None
        return cls(armed=armed if isinstance(armed, bool) else True, last_value=last_value, last_fired_at=fired_at)


def metrics_for(subject: str) -> tuple[str, ...]:
    """The metrics a subject has: NETWORK, BTC and listed tickers each have their own."""
    return NETWORK_METRICS if subject == NETWORK else BTC_METRICS if subject == BTC else TICKER_METRICS


def _holds(op: str, value: float, threshold: float) -> bool:
    if op == "<":
        return value < threshold
    if op == "<=":
        return value <= threshold
    if op == ">":
        return value > threshold
    return value >= threshold


def is_expired(rule: RuleSpec, now: datetime) -> bool:
    """True after the `until` day (UTC) has ended: the caller deletes the rule."""
    return rule.until is not None and as_utc(now).astimezone(UTC).date() > rule.until


def _cooling_down(rule: RuleSpec, state: RuleState, now: datetime) -> bool:
    if not rule.cooldown_s or state.last_fired_at is None:
        return False
    return as_utc(now) - state.last_fired_at < timedelta(seconds=rule.cooldown_s)


def evaluate(rule: RuleSpec, state: RuleState, value: float | None, now: datetime) -> tuple[bool, RuleState]:
    """Feed one new data point: whether the rule fires now, and the state to persist (semantics: module doc)."""
    if value is None or not math.isfinite(value) or is_expired(rule, now):
        return False, state
    if rule.op == "crosses":
        previous = state.last_value
        crossed = previous is not None and (previous >= rule.value) != (value >= rule.value)
        fire, armed = crossed and not _cooling_down(rule, state, now), True
    elif _holds(rule.op, value, rule.value):
        fire, armed = state.armed and not _cooling_down(rule, state, now), False
    else:
        fire, armed = False, True
    return fire, RuleState(armed=armed, last_value=value, last_fired_at=as_utc(now) if fire else state.last_fired_at)


def network_metric_values(
    hashprice_usd_per_ph_day: float | None, difficulty: float | None, hashrate_ph_s: float | None
) -> dict[str, float | None]:
    """A network snapshot's numbers in the units NETWORK rules are written in (hashrate in EH/s)."""
    return {
        "hashprice": hashprice_usd_per_ph_day,
        "difficulty": difficulty,
        "hashrate": None if hashrate_ph_s is None else hashrate_ph_s / PH_PER_EH,
    }


__all__ = [
    "ALL_METRICS",
    "BTC",
    "BTC_METRICS",
    "DEFAULT_COOLDOWN_S",
    "MAX_RULES_PER_CHAT",
    "METRIC_UNITS",
    "NETWORK",
    "NETWORK_METRICS",
    "OPS",
    "PERCENT_METRICS",
    "PH_PER_EH",
    "Rule",
    "RuleSpec",
    "RuleState",
    "TICKER_METRICS",
    "as_utc",
    "evaluate",
    "is_expired",
    "metrics_for",
    "network_metric_values",
]
