"""Numbers as releases write them: money ("US$330.0 million", "$1.15 billion", "$1,300,000,000", "$1.1B",
"0.15 billion dollars", "EUR 500 Mio.", "500 Millionen Euro"), percentages ("0.75%", "0,875 %", "2 percent",
"3 Prozent"), plain decimals ("approximately 50.16 shares") and dates ("May 1, 2032", "1 May 2032",
"1. Mai 2032", "2032-05-01", "01.05.2032")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: A number as written: "1,150", "1.150.000,00" (German), "0.875", "0,875", "38.1540".
NUMBER = r"(?:\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?)"
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "tsd": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mm": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "millionen": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "mrd": 1e9,
    "milliarden": 1e9,
    "milliarde": 1e9,
}
_SCALE = (
    r"(?:\s?(?P<scale>thousand|millions?|billions?|mln|mn|mm|bn|millionen|milliarden?|mio|mrd|tsd)\b\.?"
    r"|(?P<short>[mbk])\b)"
)
_CURRENCY_BEFORE = r"(?P<pre>U\.\s?S\.\s?\$|US\s?\$|USD|\$|EUR|€|CHF|GBP|£)\s?"
_CURRENCY_AFTER = r"\s?(?P<post>U\.S\.\s+dollars|US\s+dollars|dollars|USD|EUR|euros?|Euro|€|CHF|Franken)\b"
#: Money with its currency before it ("US$330.0 million") or after it ("0.15 billion dollars", "500 Mio. EUR").
MONEY = re.compile(
    r"(?<![\w.,])(?:"
    + _CURRENCY_BEFORE
    + r"(?P<num>"
    + NUMBER
    + r")"
    + _SCALE
    + r"?|(?P<num2>"
    + NUMBER
    + r")"
    + _SCALE.replace("scale", "scale2").replace("short", "short2")
    + r"?"
    + _CURRENCY_AFTER
    + r")",
    re.IGNORECASE,
)
PERCENT = re.compile(r"(?<![\w.,])(?P<num>" + NUMBER + r")\s?(?:%|percent\b|per\s+cent\b|prozent\b|pct\b)", re.I)
_CURRENCY_CODES = {"$": "USD", "usd": "USD", "dollars": "USD", "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR"}
_CURRENCY_CODES |= {"chf": "CHF", "franken": "CHF", "gbp": "GBP", "£": "GBP"}

_MONTH_NAMES = (
    ("january", "jan", "januar", "jänner"),
    ("february", "feb", "februar"),
    ("march", "mar", "märz", "maerz"),
    ("april", "apr"),
    ("may", "mai"),
    ("june", "jun", "juni"),
    ("july", "jul", "juli"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct", "oktober", "okt"),
    ("november", "nov"),
    ("december", "dec", "dezember", "dez"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|\.)?"
#: "May 1, 2032" | "1 May 2032" | "1. Mai 2032" | "2032-05-01" | "01.05.2032".
DATE = re.compile(
    r"\b(?:"
    + _MONTH.format("m1")
    + r"\s+"
    + _DAY.format("d1")
    + r",?\s+(?P<y1>\d{4})|"
    + _DAY.format("d2")
    + r"\s*"
    + _MONTH.format("m2")
    + r",?\s+(?P<y2>\d{4})|(?P<y3>\d{4})-(?P<mo3>\d{2})-(?P<d3>\d{2})"
    r"|(?P<d4>\d{1,2})\.(?P<mo4>\d{1,2})\.(?P<y4>\d{4}))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount with its currency (ISO code) and where it was written."""

    value: float
    currency: str
    start: int
    end: int


def parse_number(text: str, *, decimal_comma: bool = False, percent: bool = False) -> float:
    """ "1,150" → 1150; "1.150.000,00" → 1150000; "0,875" → 0.875; "38.1540" → 38.154. A lone comma before
    exactly three digits is a thousands separator unless the text uses decimal commas (German); in a percentage
    ("1,875 %", "1.875%") a lone separator is always the decimal one."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
    elif text.count(",") > 1 or text.count(".") > 1:
        decimal = ""  # only thousands separators
    elif "," in text:
        decimal = "," if percent or decimal_comma or len(text) - text.find(",") - 1 != 3 else ""
    elif "." in text:
        decimal = "." if percent or not decimal_comma or len(text) - text.find(".") - 1 != 3 else ""
    else:
        decimal = ""
    thousands = {",", "."} - {decimal}
    cleaned = "".join(ch for ch in text if ch not in thousands)
    return float(cleaned.replace(",", ".") if decimal == "," else cleaned)


def parse_money(digits: str, decimals: str | None = None, scale: str | None = None) -> float:
    """ "1,150" + ".5" + "million" → 1_150_500_000.0 (the parts of an English amount)."""
    value = parse_number(digits + (decimals or ""))
    return value * _SCALES.get((scale or "").lower().rstrip("."), 1.0)


def money_in(text: str, *, decimal_comma: bool = False) -> list[Money]:
    """Every amount of money in `text`, in order."""
    found = []
    for match in MONEY.finditer(text):
        number = match["num"] or match["num2"]
        scale = match["scale"] or match["short"] or match["scale2"] or match["short2"] or ""
        currency_word = (match["pre"] or match["post"] or "").lower().replace(" ", "")
        currency = _CURRENCY_CODES.get(
            currency_word, "USD" if "$" in currency_word or "dollar" in currency_word else ""
        )
        try:
            value = parse_number(number, decimal_comma=decimal_comma) * _SCALES.get(scale.lower().rstrip("."), 1.0)
        except ValueError:
            continue
        found.append(Money(value, currency or "USD", match.start(), match.end()))
    return found


def percent_value(text: str, *, decimal_comma: bool = False) -> float | None:
    match = PERCENT.search(text)
    return parse_number(match["num"], decimal_comma=decimal_comma) if match else None


def date_from_match(match: re.Match[str]) -> date | None:
    """The date a DATE match names, or None when it is no calendar date."""
    try:
        if match["y1"]:
            return date(int(match["y1"]), MONTHS[match["m1"].lower()], int(match["d1"]))
        if match["y2"]:
            return date(int(match["y2"]), MONTHS[match["m2"].lower()], int(match["d2"]))
        if match["y3"]:
            return date(int(match["y3"]), int(match["mo3"]), int(match["d3"]))
        return date(int(match["y4"]), int(match["mo4"]), int(match["d4"]))
    except (KeyError, ValueError):
        return None
