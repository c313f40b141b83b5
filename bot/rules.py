"""Threshold alert rules: the `/alert` grammar (SPEC 7), evaluation on each new data point, and their texts.

Pure: no telegram import, no I/O, no clock (callers pass `today` and `now`). Semantics, decided once here:
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

import html
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.texts import register_texts, t

#: Rules one chat may keep; the store enforces it and replies with `too_many_rules_message`.
MAX_RULES_PER_CHAT = 50
#: Longest `/alert` argument text we read; the longest valid rule is about 80 characters.
MAX_RULE_TEXT_CHARS = 200
#: How much of a bad word an error message quotes back.
MAX_ECHO_CHARS = 24
DEFAULT_COOLDOWN_S = 3600
MAX_COOLDOWN_S = 30 * 86_400
#: `until` may lie at most this far ahead.
MAX_UNTIL_AHEAD = timedelta(days=5 * 366)
MAX_PERCENT = 10_000.0
MAX_VALUE = 1e18
MAX_RULE_NUMBER = 1_000_000
PH_PER_EH = 1_000
DIFFICULTY_DISPLAY_UNIT = 1e12  # difficulty is shown in T (trillions)

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
_SUFFIX_FACTORS = {"": 1, "%": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
_DURATION_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}

_COMMAND_PREFIX = re.compile(r"^\s*/alert(?:@\w+)?(?=\s|$)", re.IGNORECASE)
_OPERATOR = re.compile(r"(<=|>=|<|>)")
_TICKER = re.compile(r"^[A-Z][A-Z0-9.\-]{0,9}$", re.ASCII)
_VALUE = re.compile(r"^([+-]?)(\d{1,24}(?:\.\d{1,8})?|\.\d{1,8})([kmbt%]?)$", re.ASCII | re.IGNORECASE)
_DURATION = re.compile(r"^(\d{1,7})([smhd]?)$", re.ASCII | re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_RULE_NUMBER = re.compile(r"^#?(\d{1,7})$", re.ASCII)

_TEXTS_EN = {
    "rule_example": "Example: <code>{example}</code>",
    "rule_err_empty": "Tell me what to watch: <code>/alert SUBJECT METRIC OP VALUE [cooldown=DUR] [once] "
    "[until=YYYY-MM-DD]</code>.",
    "rule_err_too_long": "That alert is too long: at most {limit} characters.",
    "rule_err_incomplete": "That alert is incomplete: {missing} missing. An alert reads SUBJECT METRIC OP VALUE.",
    "rule_err_unknown_subject": "I don't know {word}. The subject is a watched ticker ({tickers}), BTC or NETWORK.",
    "rule_err_unknown_metric": "I don't know the metric {word}. {subject} has: {metrics}.",
    "rule_err_metric_not_for_subject": "{subject} has no {word}; its metrics are: {metrics}.",
    "rule_err_unknown_op": "I don't know the comparison {word}. Use one of &lt; &lt;= &gt; &gt;= crosses.",
    "rule_err_bad_value": "I can't read the value {word}. Write a number like 12, 12.5, 120k or 1.2m "
    "(a point for decimals, no thousands separators).",
    "rule_err_percent_not_allowed": "{metric} is not a percentage: drop the % after {word}.",
    "rule_err_not_positive": "{metric} must be above zero, not {word}.",
    "rule_err_out_of_range": "{word} is out of range for {metric}.",
    "rule_err_unknown_option": "I don't know the option {word}. Options: cooldown=DUR (90s, 5m, 1h, 1d), once, "
    "until=YYYY-MM-DD.",
    "rule_err_duplicate_option": "{word} is given twice.",
    "rule_err_bad_cooldown": "I can't read the cooldown {word}: write 90s, 5m, 1h or 1d, at most 30d.",
    "rule_err_bad_until": "{word} is not a date: write until=YYYY-MM-DD.",
    "rule_err_until_past": "until={word} must lie after today ({today}).",
    "rule_err_until_too_far": "until={word} is too far ahead: at most {limit}.",
    "rule_err_bad_number": "{word} is not an alert number. /alerts lists your alerts with their numbers.",
    "rule_err_too_many": "This chat already has {limit} alerts, the most allowed. /alerts lists them; delete one "
    "with <code>/delalert ID</code> first.",
    "rule_missing_parts": "SUBJECT|METRIC|OP|VALUE",
    "rule_metric_price": "price",
    "rule_metric_change": "1-day change",
    "rule_metric_conv_distance": "distance to conversion price",
    "rule_metric_hashprice": "hashprice",
    "rule_metric_difficulty": "difficulty",
    "rule_metric_hashrate": "hashrate",
    "rule_subject_network": "Network",
    "rule_op_crosses": "crosses",
    "rule_cooldown": "cooldown {duration}",
    "rule_no_cooldown": "no cooldown",
    "rule_once": "once",
    "rule_until": "until {date}",
    "rule_saved": "✅ Alert #{number} saved: {rule}\nSee all with /alerts, delete with "
    "<code>/delalert {number}</code>.",
    "rule_deleted": "🗑 Alert #{number} deleted: {rule}",
    "rule_not_found": "This chat has no alert #{number}. /alerts lists yours.",
    "rule_list_header": "<b>Your alerts</b> ({count} of {limit}):",
    "rule_list_footer": "Delete one with <code>/delalert ID</code>.",
    "rule_list_empty": "No alerts yet. Example: <code>/alert MARA price &lt; 12</code>",
    "rule_alert_title": "🔔 <b>Alert #{number}</b>: {rule}",
    "rule_now": "now {value}",
    "rule_once_deleted": "One-time alert: it is deleted now.",
}

_TEXTS_DE = {
    "rule_example": "Beispiel: <code>{example}</code>",
    "rule_err_empty": "Sagen Sie mir, was ich beobachten soll: <code>/alert SUBJEKT METRIK OP WERT "
    "[cooldown=DAUER] [once] [until=JJJJ-MM-TT]</code>.",
    "rule_err_too_long": "Dieser Alarm ist zu lang: höchstens {limit} Zeichen.",
    "rule_err_incomplete": "Dieser Alarm ist unvollständig: es fehlt {missing}. "
    "Ein Alarm lautet SUBJEKT METRIK OP WERT.",
    "rule_err_unknown_subject": "{word} kenne ich nicht. Das Subjekt ist ein beobachteter Ticker ({tickers}), "
    "BTC oder NETWORK.",
    "rule_err_unknown_metric": "Die Metrik {word} kenne ich nicht. {subject} hat: {metrics}.",
    "rule_err_metric_not_for_subject": "{subject} hat kein {word}; seine Metriken sind: {metrics}.",
    "rule_err_unknown_op": "Den Vergleich {word} kenne ich nicht. Verwenden Sie &lt; &lt;= &gt; &gt;= oder crosses.",
    "rule_err_bad_value": "Den Wert {word} kann ich nicht lesen. Schreiben Sie eine Zahl wie 12, 12.5, 120k oder "
    "1.2m (Punkt als Dezimalzeichen, keine Tausendertrennzeichen).",
    "rule_err_percent_not_allowed": "{metric} ist kein Prozentwert: lassen Sie das % nach {word} weg.",
    "rule_err_not_positive": "{metric} muss größer als null sein, nicht {word}.",
    "rule_err_out_of_range": "{word} liegt außerhalb des Bereichs für {metric}.",
    "rule_err_unknown_option": "Die Option {word} kenne ich nicht. Optionen: cooldown=DAUER (90s, 5m, 1h, 1d), "
    "once, until=JJJJ-MM-TT.",
    "rule_err_duplicate_option": "{word} steht doppelt da.",
    "rule_err_bad_cooldown": "Die Pause {word} kann ich nicht lesen: schreiben Sie 90s, 5m, 1h oder 1d, höchstens 30d.",
    "rule_err_bad_until": "{word} ist kein Datum: schreiben Sie until=JJJJ-MM-TT.",
    "rule_err_until_past": "until={word} muss nach heute ({today}) liegen.",
    "rule_err_until_too_far": "until={word} liegt zu weit in der Zukunft: höchstens {limit}.",
    "rule_err_bad_number": "{word} ist keine Alarmnummer. /alerts zeigt Ihre Alarme mit ihren Nummern.",
    "rule_err_too_many": "Dieser Chat hat bereits {limit} Alarme, das Maximum. /alerts zeigt sie; löschen Sie "
    "zuerst einen mit <code>/delalert ID</code>.",
    "rule_missing_parts": "SUBJEKT|METRIK|OP|WERT",
    "rule_metric_price": "Kurs",
    "rule_metric_change": "Tagesänderung",
    "rule_metric_conv_distance": "Abstand zum Wandlungspreis",
    "rule_metric_hashprice": "Hashprice",
    "rule_metric_difficulty": "Difficulty",
    "rule_metric_hashrate": "Hashrate",
    "rule_subject_network": "Netzwerk",
    "rule_op_crosses": "kreuzt",
    "rule_cooldown": "Pause {duration}",
    "rule_no_cooldown": "ohne Pause",
    "rule_once": "einmalig",
    "rule_until": "bis {date}",
    "rule_saved": "✅ Alarm #{number} gespeichert: {rule}\nAlle mit /alerts, löschen mit "
    "<code>/delalert {number}</code>.",
    "rule_deleted": "🗑 Alarm #{number} gelöscht: {rule}",
    "rule_not_found": "Dieser Chat hat keinen Alarm #{number}. /alerts zeigt Ihre Alarme.",
    "rule_list_header": "<b>Ihre Alarme</b> ({count} von {limit}):",
    "rule_list_footer": "Löschen mit <code>/delalert ID</code>.",
    "rule_list_empty": "Noch keine Alarme. Beispiel: <code>/alert MARA price &lt; 12</code>",
    "rule_alert_title": "🔔 <b>Alarm #{number}</b>: {rule}",
    "rule_now": "jetzt {value}",
    "rule_once_deleted": "Einmaliger Alarm: er ist jetzt gelöscht.",
}

register_texts("en", _TEXTS_EN)
register_texts("de", _TEXTS_DE)


class RuleError(ValueError):
    """A rule (or rule number) the user typed is wrong; str(error) is the HTML reply with a correct example."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


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
                fired_at = _aware(datetime.fromisoformat(fired))
            except ValueError:
                fired_at = None
        return cls(armed=armed if isinstance(armed, bool) else True, last_value=last_value, last_fired_at=fired_at)


# --- grammar -------------------------------------------------------------------------------------------------


def _echo(word: str) -> str:
    """A user's word, safe to quote back: non-printable characters replaced, cut short, HTML-escaped."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in word[: MAX_ECHO_CHARS + 1])
    if len(cleaned) > MAX_ECHO_CHARS:
        cleaned = cleaned[:MAX_ECHO_CHARS] + "…"
    return f"<b>{html.escape(cleaned, quote=True)}</b>"


def _metrics_for(subject: str) -> tuple[str, ...]:
    return NETWORK_METRICS if subject == NETWORK else BTC_METRICS if subject == BTC else TICKER_METRICS


class _Grammar:
    """One parse: the language, the universe and today's date, to build errors with a fitting example."""

    def __init__(self, known_tickers: Collection[str], lang: str, today: date) -> None:
        self.tickers = sorted({ticker.strip().upper() for ticker in known_tickers if ticker.strip()})
        self.lang = lang
        self.today = today
        self.ticker = "MARA" if "MARA" in self.tickers or not self.tickers else self.tickers[0]

    def example(self, subject: str | None = None, metric: str | None = None, options: bool = False) -> str:
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
        allowed = _metrics_for(subject)
        if metric in allowed:
            return metric
        code = "metric_not_for_subject" if metric in ALL_METRICS else "unknown_metric"
        raise self.error(code, self.example(subject), word=_echo(word), subject=subject, metrics=", ".join(allowed))

    def op(self, word: str, subject: str, metric: str) -> str:
        op = word.lower()
        if op in OPS:
            return op
        raise self.error("unknown_op", self.example(subject, metric), word=_echo(word))

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
    match = _RULE_NUMBER.match(word)
    if not match or not 0 < int(match[1]) <= MAX_RULE_NUMBER:
        message = t(lang, "rule_err_bad_number", word=_echo(word or "—"))
        raise RuleError("bad_number", f"{message}\n{t(lang, 'rule_example', example='/delalert 3')}")
    return int(match[1])


def too_many_rules_message(lang: str = "en") -> str:
    """The reply when a chat already has MAX_RULES_PER_CHAT rules."""
    return t(lang, "rule_err_too_many", limit=MAX_RULES_PER_CHAT)


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


# --- evaluation ----------------------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
    return rule.until is not None and _aware(now).astimezone(UTC).date() > rule.until


def _cooling_down(rule: RuleSpec, state: RuleState, now: datetime) -> bool:
    if not rule.cooldown_s or state.last_fired_at is None:
        return False
    return _aware(now) - state.last_fired_at < timedelta(seconds=rule.cooldown_s)


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
    return fire, RuleState(armed=armed, last_value=value, last_fired_at=_aware(now) if fire else state.last_fired_at)


def network_metric_values(
    hashprice_usd_per_ph_day: float | None, difficulty: float | None, hashrate_ph_s: float | None
) -> dict[str, float | None]:
    """A network snapshot's numbers in the units NETWORK rules are written in (hashrate in EH/s)."""
    return {
        "hashprice": hashprice_usd_per_ph_day,
        "difficulty": difficulty,
        "hashrate": None if hashrate_ph_s is None else hashrate_ph_s / PH_PER_EH,
    }


# --- texts ---------------------------------------------------------------------------------------------------


def _localise_number(text: str, lang: str) -> str:
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def format_metric_value(metric: str, value: float, lang: str = "en", signed: bool = False) -> str:
    """A value with its unit: `12.00 USD`, `+8.40%`, `45.00 USD/PH/day`, `130.21 T`, `912.3 EH/s` (German: 12,00)."""
    sign = "+" if signed else ""
    if metric in PERCENT_METRICS:
        text = f"{value:{sign},.2f}%"
    elif metric == "difficulty":
        text = f"{value / DIFFICULTY_DISPLAY_UNIT:{sign},.2f} T"
    elif metric == "hashrate":
        text = f"{value:{sign},.1f} {METRIC_UNITS[metric]}"
    else:
        text = f"{value:{sign},.2f} {METRIC_UNITS.get(metric, '')}".rstrip()
    return _localise_number(text, lang)


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


def describe_rule(spec: RuleSpec, lang: str = "en") -> str:
    """The rule in words, HTML-escaped: `MARA price &lt; 12.00 USD · cooldown 1h · once`."""
    op = t(lang, "rule_op_crosses") if spec.op == "crosses" else html.escape(spec.op)
    parts = [
        f"{_metric_label(spec.subject, spec.metric, lang)} {op} {format_metric_value(spec.metric, spec.value, lang)}"
    ]
    if spec.cooldown_s:
        parts.append(t(lang, "rule_cooldown", duration=format_duration(spec.cooldown_s)))
    else:
        parts.append(t(lang, "rule_no_cooldown"))
    if spec.once:
        parts.append(t(lang, "rule_once"))
    if spec.until:
        parts.append(t(lang, "rule_until", date=spec.until.isoformat()))
    return " · ".join(parts)


def format_rule_saved(rule: Rule, lang: str = "en") -> str:
    """The confirmation after `/alert`: number and rule in words."""
    return t(lang, "rule_saved", number=rule.number, rule=describe_rule(rule.spec, lang))


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
    lines += [f"#{rule.number} {describe_rule(rule.spec, lang)}" for rule in sorted(rules, key=lambda r: r.number)]
    lines.append(t(lang, "rule_list_footer"))
    return "\n".join(lines)


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        return ZoneInfo("UTC")


def format_alert(
    rule: Rule, old_value: float | None, new_value: float, at: datetime, lang: str = "en", tz: str = "UTC"
) -> str:
    """The fired alert: which rule, the old and new value of the metric, and when (in the chat's time zone)."""
    signed = rule.spec.metric == "change"
    new = format_metric_value(rule.spec.metric, new_value, lang, signed)
    if old_value is None:
        movement = t(lang, "rule_now", value=new)
    else:
        movement = f"{format_metric_value(rule.spec.metric, old_value, lang, signed)} → {new}"
    local = _aware(at).astimezone(_zone(tz))
    lines = [
        t(lang, "rule_alert_title", number=rule.number, rule=describe_rule(rule.spec, lang)),
        f"{_metric_label(rule.spec.subject, rule.spec.metric, lang)}: {movement}",
        f"🕒 {local:%Y-%m-%d %H:%M} {html.escape(local.tzname() or tz)}",
    ]
    if rule.spec.once:
        lines.append(t(lang, "rule_once_deleted"))
    return "\n".join(lines)
