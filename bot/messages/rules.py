"""What the user reads about alert rules: the rule values (SUBJECT METRIC OP VALUE and options, the metrics and
their units) and the pure formatting functions. No I/O; the texts are in bot/messages/en.py and de.py."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.messages.locale import day, moment, number, percent
from bot.messages.texts import t

# --- rule values (the alerting domain, bot/alerts/, builds on them) ------------------------------

#: Rules one chat may keep; the store enforces it and replies with `too_many_rules_message`.
MAX_RULES_PER_CHAT = 50
DEFAULT_COOLDOWN_S = 3600
PH_PER_EH = 1_000

BTC = "BTC"
NETWORK = "NETWORK"
OPS = ("<", "<=", ">", ">=", "crosses")
TICKER_METRICS = ("price", "change", "conv_distance")
BTC_METRICS = ("price", "change")
NETWORK_METRICS = ("hashprice", "difficulty", "hashrate")
ALL_METRICS = TICKER_METRICS + NETWORK_METRICS
PERCENT_METRICS = frozenset({"change", "conv_distance"})
METRIC_UNITS = {
    "price": "USD",
    "change": "%",
    "conv_distance": "%",
    "hashprice": "USD/PH/day",
    "difficulty": "",
    "hashrate": "EH/s",
}


@dataclass(frozen=True)
class RuleSpec:
    """A parsed rule: SUBJECT METRIC OP VALUE plus options. Field names match the store's alert-rule columns."""

    subject: str  # a ticker, BTC or NETWORK
    metric: str
    op: str
    value: float  # in the metric's unit (METRIC_UNITS)
    cooldown_s: int = DEFAULT_COOLDOWN_S
    once: bool = False
    until: date | None = None


@dataclass(frozen=True)
class Rule:
    """A stored rule as a chat sees it: its number (the id for /delalert) and its spec."""

    number: int
    spec: RuleSpec


def as_utc(moment: datetime) -> datetime:
    """A datetime with a zone (naive ones are taken as UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- texts -------------------------------------------------------------------------------------

DIFFICULTY_DISPLAY_UNIT = 1e12  # difficulty is shown in T (trillions)


def too_many_rules_message(lang: str = "en") -> str:
    """The reply when a chat already has MAX_RULES_PER_CHAT rules."""
    return t(lang, "rule_err_too_many", limit=MAX_RULES_PER_CHAT)


def format_metric_value(metric: str, value: float, lang: str = "en", signed: bool = False) -> str:
    """A value with its unit: `12.00 USD`, `+8.40%`, `45.00 USD/PH/day`, `130.21 T`, `912.3 EH/s` (German:
    `12,00 USD`, `+8,40 %`)."""
    if metric in PERCENT_METRICS:
        return percent(value, lang, signed=signed, decimals=2)
    if metric == "difficulty":
        return f"{number(value / DIFFICULTY_DISPLAY_UNIT, lang, 2, signed=signed)} T"
    if metric == "hashrate":
        return f"{number(value, lang, 1, signed=signed)} {METRIC_UNITS[metric]}"
    return f"{number(value, lang, 2, signed=signed)} {METRIC_UNITS.get(metric, '')}".rstrip()


def format_duration(seconds: int) -> str:
    """Seconds in the grammar's own units: 3600 → `1h`, 5400 → `90m`, 90 → `90s`."""
    for unit, size in (("d", 86_400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _subject_label(subject: str, lang: str) -> str:
    return t(lang, "rule_subject_network") if subject == NETWORK else html.escape(subject)


def _metric_label(subject: str, metric: str, lang: str) -> str:
    return f"{_subject_label(subject, lang)} {t(lang, f'rule_metric_{metric}')}"


def _condition(spec: RuleSpec, lang: str) -> str:
    """The condition alone: `MARA price &lt; 12.00 USD`."""
    op = t(lang, "rule_op_crosses") if spec.op == "crosses" else html.escape(spec.op)
    return f"{_metric_label(spec.subject, spec.metric, lang)} {op} {format_metric_value(spec.metric, spec.value, lang)}"


def describe_rule(spec: RuleSpec, lang: str = "en") -> str:
    """The rule in words, HTML-escaped: `MARA price &lt; 12.00 USD · cooldown 1h · once`."""
    parts = [_condition(spec, lang)]
    if spec.cooldown_s:
        parts.append(t(lang, "rule_cooldown", duration=format_duration(spec.cooldown_s)))
    else:
        parts.append(t(lang, "rule_no_cooldown"))
    if spec.once:
        parts.append(t(lang, "rule_once"))
    if spec.until:
        parts.append(t(lang, "rule_until", date=day(spec.until, lang)))
    return " · ".join(parts)


def format_rule_saved(rule: Rule, lang: str = "en") -> str:
    """The confirmation after `/alert`: number and rule in words."""
    return t(lang, "rule_saved", number=rule.number, rule=describe_rule(rule.spec, lang))


def format_rule_exists(rule: Rule, lang: str = "en") -> str:
    """The reply to `/alert` for a rule the chat already has: its number and how to see or delete it."""
    return t(lang, "rule_exists", number=rule.number, rule=describe_rule(rule.spec, lang))


def format_rule_deleted(rule: Rule, lang: str = "en") -> str:
    """The confirmation after `/delalert ID`."""
    return t(lang, "rule_deleted", number=rule.number, rule=describe_rule(rule.spec, lang))


def format_rule_not_found(number: int, lang: str = "en") -> str:
    """The reply to `/delalert ID` for a number this chat does not have."""
    return t(lang, "rule_not_found", number=int(number))


def format_rule_list(rules: Sequence[Rule], lang: str = "en") -> str:
    """`/alerts`: every rule of the chat with its number, in number order."""
    if not rules:
        return t(lang, "rule_list_empty")
    lines = [t(lang, "rule_list_header", count=len(rules), limit=MAX_RULES_PER_CHAT)]
    first_of: dict[RuleSpec, int] = {}
    for rule in sorted(rules, key=lambda r: r.number):
        line = f"#{rule.number} {describe_rule(rule.spec, lang)}"
        if (first := first_of.setdefault(rule.spec, rule.number)) != rule.number:
            # stored before identical alerts were refused: only the oldest fires
            line += " " + t(lang, "rule_list_twin", first=first, number=rule.number)
        lines.append(line)
    lines.append(t(lang, "rule_list_footer"))
    return "\n".join(lines)


def _movement(metric: str, old_value: float | None, new_value: float, lang: str) -> str:
    """`12.40 USD → 11.80 USD`, or `now 11.80 USD` when there is no earlier value."""
    signed = metric == "change"
    new = format_metric_value(metric, new_value, lang, signed)
    if old_value is None:
        return t(lang, "rule_now", value=new)
    return f"{format_metric_value(metric, old_value, lang, signed)} → {new}"


def format_alert(
    rule: Rule, old_value: float | None, new_value: float, at: datetime, lang: str = "en", tz: str = "UTC"
) -> str:
    """The fired alert: which rule, the old and new value of the metric, and when (in the chat's time zone)."""
    movement = _movement(rule.spec.metric, old_value, new_value, lang)
    lines = [
        t(lang, "rule_alert_title", number=rule.number, rule=describe_rule(rule.spec, lang)),
        f"{_metric_label(rule.spec.subject, rule.spec.metric, lang)}: {movement}",
        f"🕒 {moment(at, lang, tz)}",
    ]
    if rule.spec.once:
        lines.append(t(lang, "rule_once_deleted"))
    return "\n".join(lines)


def format_alert_line(
    rule: Rule, old_value: float | None, new_value: float, at: datetime, lang: str = "en", tz: str = "UTC"
) -> str:
    """One line for the digest's alerts that fired: `#1 MARA price &lt; 12.00 USD: 12.40 USD → 11.80 USD (…)`."""
    movement = _movement(rule.spec.metric, old_value, new_value, lang)
    return f"#{rule.number} {_condition(rule.spec, lang)}: {movement} ({moment(at, lang, tz)})"
