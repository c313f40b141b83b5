"""What the user reads about alert rules: the EN/DE texts and the pure formatting functions (no I/O)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.alerts.rules_core import MAX_RULES_PER_CHAT, METRIC_UNITS, NETWORK, PERCENT_METRICS, Rule, RuleSpec, as_utc
from bot.messages.texts import register_texts, t

DIFFICULTY_DISPLAY_UNIT = 1e12  # difficulty is shown in T (trillions)

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


def too_many_rules_message(lang: str = "en") -> str:
    """The reply when a chat already has MAX_RULES_PER_CHAT rules."""
    return t(lang, "rule_err_too_many", limit=MAX_RULES_PER_CHAT)


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


def _movement(metric: str, old_value: float | None, new_value: float, lang: str) -> str:
    """`12.40 USD → 11.80 USD`, or `now 11.80 USD` when there is no earlier value."""
    signed = metric == "change"
    new = format_metric_value(metric, new_value, lang, signed)
    if old_value is None:
        return t(lang, "rule_now", value=new)
    return f"{format_metric_value(metric, old_value, lang, signed)} → {new}"


def _local_time(at: datetime, tz: str) -> str:
    local = as_utc(at).astimezone(_zone(tz))
    return f"{local:%Y-%m-%d %H:%M} {html.escape(local.tzname() or tz)}"


def format_alert(
    rule: Rule, old_value: float | None, new_value: float, at: datetime, lang: str = "en", tz: str = "UTC"
) -> str:
    """The fired alert: which rule, the old and new value of the metric, and when (in the chat's time zone)."""
    movement = _movement(rule.spec.metric, old_value, new_value, lang)
    lines = [
        t(lang, "rule_alert_title", number=rule.number, rule=describe_rule(rule.spec, lang)),
        f"{_metric_label(rule.spec.subject, rule.spec.metric, lang)}: {movement}",
        f"🕒 {_local_time(at, tz)}",
    ]
    if rule.spec.once:
        lines.append(t(lang, "rule_once_deleted"))
    return "\n".join(lines)


def format_alert_line(
    rule: Rule, old_value: float | None, new_value: float, at: datetime, lang: str = "en", tz: str = "UTC"
) -> str:
    """One line for the digest's alerts that fired: `#1 MARA price &lt; 12.00 USD: 12.40 USD → 11.80 USD (…)`."""
    movement = _movement(rule.spec.metric, old_value, new_value, lang)
    return f"#{rule.number} {_condition(rule.spec, lang)}: {movement} ({_local_time(at, tz)})"
