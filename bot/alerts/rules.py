"""Threshold alert rules (SPEC 7): the `/alert` grammar here, and the public names of the whole feature.

The parts: `bot.alerts.rules_core` (evaluation and its semantics), `bot.messages.rules` (the rule values and
units, and the formatting), this module (parsing `/alert` and `/delalert` arguments). Import from
`bot.alerts.rules`.
Pure: no telegram import, no I/O, no clock (callers pass `today` and `now`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bot.alerts.rules_core import (
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
    RuleState,
    as_utc,
    evaluate,
    is_expired,
    metrics_for,
    network_metric_values,
)
from bot.messages.rules import (
    describe_rule,
    format_alert,
    format_alert_line,
    format_duration,
    format_metric_value,
    format_rule_deleted,
    format_rule_exists,
    format_rule_list,
    format_rule_not_found,
    format_rule_saved,
    too_many_rules_message,
)
from bot.messages.texts import t

__all__ = [
    "ALL_METRICS",
    "BTC",
    "BTC_METRICS",
    "DEFAULT_COOLDOWN_S",
    "MAX_COOLDOWN_S",
    "MAX_RULES_PER_CHAT",
    "MAX_RULE_TEXT_CHARS",
    "METRIC_UNITS",
    "NETWORK",
    "NETWORK_METRICS",
    "OPS",
    "PERCENT_METRICS",
    "PH_PER_EH",
    "TICKER_METRICS",
    "Rule",
    "RuleError",
    "RuleSpec",
    "RuleState",
    "as_utc",
    "canonical_text",
    "describe_rule",
    "evaluate",
    "format_alert",
    "format_alert_line",
    "format_duration",
    "format_metric_value",
    "format_rule_deleted",
    "format_rule_exists",
    "format_rule_list",
    "format_rule_not_found",
    "format_rule_saved",
    "is_expired",
    "metrics_for",
    "network_metric_values",
    "parse_rule",
    "parse_rule_number",
    "too_many_rules_message",
]

#: Longest `/alert` argument text we read; the longest valid rule is about 80 characters.
MAX_RULE_TEXT_CHARS = 200
#: How much of a bad word an error message quotes back.
MAX_ECHO_CHARS = 24
MAX_COOLDOWN_S = 30 * 86_400
#: `until` may lie at most this far ahead.
MAX_UNTIL_AHEAD = timedelta(days=5 * 366)
MAX_PERCENT = 10_000.0
MAX_VALUE = 1e18
MAX_RULE_NUMBER = 1_000_000
_SUFFIX_FACTORS = {"": 1, "%": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
_DURATION_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}

_COMMAND_PREFIX = re.compile(r"^\s*/alert(?:@\w+)?(?=\s|$)", re.IGNORECASE)
#: A run of comparison signs (with at least one < or >), split off glued words and kept whole: `price<12`,
#: and `=<` stays one word, so an error can quote what was typed.
_OPERATOR = re.compile(r"([<>=]*[<>][<>=]*)")
_TICKER = re.compile(r"^[A-Z][A-Z0-9.\-]{0,9}$", re.ASCII)
_VALUE = re.compile(r"^([+-]?)(\d{1,24}(?:\.\d{1,8})?|\.\d{1,8})([kmbt%]?)$", re.ASCII | re.IGNORECASE)
_DURATION = re.compile(r"^(\d{1,7})([smhd]?)$", re.ASCII | re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_RULE_NUMBER = re.compile(r"^#?(\d{1,7})$", re.ASCII)


class RuleError(ValueError):
    """A rule (or rule number) the user typed is wrong; str(error) is the HTML reply with a correct example."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _echo(word: str) -> str:
    """A user's word, safe to quote back: non-printable characters replaced, cut short, HTML-escaped."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in word[: MAX_ECHO_CHARS + 1])
    if len(cleaned) > MAX_ECHO_CHARS:
        cleaned = cleaned[:MAX_ECHO_CHARS] + "…"
    return f"<b>{html.escape(cleaned, quote=True)}</b>"


class _Grammar:
    """One parse: the language, the universe and today's date, to build errors with a fitting example."""

    def __init__(self, known_tickers: Collection[str], lang: str, today: date) -> None:
        self.tickers = sorted({ticker.strip().upper() for ticker in known_tickers if ticker.strip()})
        self.lang = lang
        self.today = today
        self.ticker = "MARA" if "MARA" in self.tickers or not self.tickers else self.tickers[0]

    def example(
        self, subject: str | None = None, metric: str | None = None, options: bool = False, op: str | None = None
    ) -> str:
        if subject == NETWORK or metric in NETWORK_METRICS:
            rule = "NETWORK hashprice < 45"
        elif metric == "conv_distance":
            rule = f"{self.ticker} conv_distance < 10%"
        elif subject == BTC:
            rule = "BTC change > 5%" if metric == "change" else "BTC price > 120000"
        else:
            rule = (
                f"{subject or self.ticker} change > 8%"
                if metric == "change"
                else f"{subject or self.ticker} price < 12"
            )
        if op is not None:  # SUBJECT METRIC OP VALUE with this comparison
            parts = rule.split()
            rule = " ".join((*parts[:2], op, *parts[3:]))
        if options:
            rule += f" cooldown=1h once until={(self.today + timedelta(days=90)).isoformat()}"
        return f"/alert {rule}"

    def error(self, code: str, example: str | None = None, **values: object) -> RuleError:
        message = t(self.lang, f"rule_err_{code}", **values)
        example_line = t(self.lang, "rule_example", example=html.escape(example or self.example()))
        return RuleError(code, f"{message}\n{example_line}")

    def subject(self, word: str) -> str:
        upper = word.removeprefix("$").upper()
        if word.isascii() and _TICKER.match(upper) and (upper in (BTC, NETWORK) or upper in self.tickers):
            return upper
        tickers = html.escape(", ".join(self.tickers) or "—")
        raise self.error("unknown_subject", word=_echo(word), tickers=tickers)

    def metric(self, word: str, subject: str) -> str:
        metric = word.lower()
        allowed = metrics_for(subject)
        if metric in allowed:
            return metric
        code = "metric_not_for_subject" if metric in ALL_METRICS else "unknown_metric"
        raise self.error(code, self.example(subject), word=_echo(word), subject=subject, metrics=", ".join(allowed))

    def op(self, word: str, subject: str, metric: str) -> str:
        op = word.lower()
        if op in OPS:
            return op
        reversed_op = op[::-1] if op[::-1] in OPS else None  # `=<` meant `<=`: show that in the example
        raise self.error("unknown_op", self.example(subject, metric, op=reversed_op), word=_echo(word))

    def value(self, word: str, subject: str, metric: str) -> float:
        example = self.example(subject, metric)
        match = _VALUE.match(word)
        if not match:
            raise self.error("bad_value", example, word=_echo(word))
        sign, digits, suffix = match[1], match[2], match[3].lower()
        label = t(self.lang, f"rule_metric_{metric}")
        percent = metric in PERCENT_METRICS
        if suffix == "%" and not percent:
            raise self.error("percent_not_allowed", example, metric=label, word=_echo(word))
        if percent and suffix not in ("", "%"):
            raise self.error("bad_value", example, word=_echo(word))
        value = float(Decimal(sign + digits) * _SUFFIX_FACTORS[suffix])  # exact: 0.1k is 100, not 100.00000000000001
        if not percent and value <= 0:
            raise self.error("not_positive", example, metric=label, word=_echo(word))
        if abs(value) > (MAX_PERCENT if percent else MAX_VALUE):
            raise self.error("out_of_range", example, metric=label, word=_echo(word))
        return value

    def options(self, words: Sequence[str], spec: RuleSpec) -> RuleSpec:
        example = self.example(spec.subject, spec.metric, options=True)
        seen: set[str] = set()
        for word in words:
            key, equals, argument = word.partition("=")
            key = key.lower()
            if not (key == "once" and not equals or key in ("cooldown", "until") and equals):
                raise self.error("unknown_option", example, word=_echo(word))
            if key in seen:
                raise self.error("duplicate_option", example, word=_echo(key))
            seen.add(key)
            if key == "once":
                spec = replace(spec, once=True)
            elif key == "cooldown":
                spec = replace(spec, cooldown_s=self.cooldown(argument, example))
            else:
                spec = replace(spec, until=self.until(argument, example))
        return spec

    def cooldown(self, argument: str, example: str) -> int:
        match = _DURATION.match(argument)
        seconds = int(match[1]) * _DURATION_SECONDS[(match[2] or "s").lower()] if match else -1
        if not 0 <= seconds <= MAX_COOLDOWN_S:
            raise self.error("bad_cooldown", example, word=_echo(argument or "cooldown="))
        return seconds

    def until(self, argument: str, example: str) -> date:
        try:
            day = date.fromisoformat(argument) if _ISO_DATE.match(argument) else None
        except ValueError:
            day = None
        if day is None:
            raise self.error("bad_until", example, word=_echo(argument or "until="))
        if day <= self.today:
            raise self.error("until_past", example, word=_echo(argument), today=self.today.isoformat())
        latest = self.today + MAX_UNTIL_AHEAD
        if day > latest:
            raise self.error("until_too_far", example, word=_echo(argument), limit=latest.isoformat())
        return day


def _tokens(text: str) -> list[str]:
    """Split a rule into words, tolerating `price<12`, `≤`, `8 %`, `cooldown = 1h` and a leading `/alert`."""
    text = _COMMAND_PREFIX.sub("", text).replace("≤", "<=").replace("≥", ">=")
    text = re.sub(r"(?<=\d)\s+%", "%", text)
    text = re.sub(r"(?i)\b(cooldown|until)\s*=\s*", r"\1=", text)
    words = text.split()
    # The subject stays whole (quoted back as typed); later words lose glued operators: `price<12`.
    return words[:1] + [piece for word in words[1:] for piece in _OPERATOR.split(word) if piece]


def parse_rule(text: str, known_tickers: Collection[str], lang: str = "en", today: date | None = None) -> RuleSpec:
    """`SUBJECT METRIC OP VALUE [cooldown=DUR] [once] [until=YYYY-MM-DD]` → RuleSpec, or RuleError whose text says
    what was wrong and shows a correct example. Never raises anything else, whatever the input."""
    grammar = _Grammar(known_tickers, lang, today or datetime.now(UTC).date())
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_RULE_TEXT_CHARS:
        raise grammar.error("too_long", limit=MAX_RULE_TEXT_CHARS)
    words = _tokens(text)
    if not words:
        raise grammar.error("empty")
    subject = grammar.subject(words[0])
    metric = grammar.metric(words[1], subject) if len(words) > 1 else None
    op = grammar.op(words[2], subject, metric) if metric and len(words) > 2 else None
    if metric is None or op is None or len(words) < 4:
        missing = t(lang, "rule_missing_parts").split("|")[min(len(words), 4) :]
        raise grammar.error("incomplete", grammar.example(subject, metric), missing=", ".join(missing))
    value = grammar.value(words[3], subject, metric)
    return grammar.options(words[4:], RuleSpec(subject, metric, op, value))


def parse_rule_number(text: str, lang: str = "en") -> int:
    """The number in `/delalert 3` (a leading # tolerated), or RuleError with an example."""
    word = text.strip() if isinstance(text, str) else ""
    example = t(lang, "rule_example", example="/delalert 3")
    if not word:
        raise RuleError("no_number", f"{t(lang, 'rule_err_no_number')}\n{example}")
    match = _RULE_NUMBER.match(word)
    if not match or not 0 < int(match[1]) <= MAX_RULE_NUMBER:
        raise RuleError("bad_number", f"{t(lang, 'rule_err_bad_number', word=_echo(word))}\n{example}")
    return int(match[1])


def canonical_text(spec: RuleSpec) -> str:
    """The rule as a plain `/alert` argument string that parses back to the same spec (for the store's text)."""
    number = f"{spec.value:.8f}".rstrip("0").rstrip(".")
    parts = [spec.subject, spec.metric, spec.op, number + ("%" if spec.metric in PERCENT_METRICS else "")]
    if spec.cooldown_s != DEFAULT_COOLDOWN_S:
        parts.append(f"cooldown={format_duration(spec.cooldown_s)}")
    if spec.once:
        parts.append("once")
    if spec.until:
        parts.append(f"until={spec.until.isoformat()}")
    return " ".join(parts)
