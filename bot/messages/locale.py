"""Numbers, percentages, amounts and dates as each language writes them, by Babel (CLDR data).

German: `1.234,40 $`, `+3,3 %`, `850 Mio. $`, `32,43 Mio.`, `1. Dez. 2026, 07:30 MEZ` (in the chat's time zone);
Babel puts a no-break space (U+00A0) between number and unit, so Telegram never wraps `3,3` from its `%`.
English keeps MinerWatch's own forms, character for character as before: `$1,234.40`, `+3.3%`, `$850M`,
`2026-12-01 07:30 UTC` (ISO dates read the same to every English-speaking investor). A language without
a locale here is written as English, as `t()` falls back to the English texts.
Pure: plain values in, text out; every result is safe to put into Telegram HTML as it is.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

#: The Babel locale of each language written by Babel (English keeps its own forms, see the module doc).
BABEL_LOCALES = {"de": "de_DE"}
#: How English writes amounts in each currency (a code without a symbol is written before the number).
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
#: Date and time patterns (CLDR) of each Babel language: a date, a moment, a day with its time, a day.
DATE_PATTERNS = {
    "de": {"date": "d. MMM y", "moment": "d. MMM y, HH:mm z", "day_time": "d. MMM, HH:mm", "day": "d. MMM"}
}
_SCALES = ((1e9, "B"), (1e6, "M"))


def _babel(lang: str) -> str | None:
    return BABEL_LOCALES.get(lang)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _pattern(decimals: int, *, trim: bool = False, signed: bool = False, suffix: str = "", grouped: bool = True) -> str:
    """A CLDR number pattern: grouped, `decimals` places (`trim`: only as many as needed), `+` when `signed`."""
    fraction = ("#" if trim else "0") * decimals
    whole = "#,##0" if grouped else "0"
    body = f"{whole}.{fraction}{suffix}" if decimals else f"{whole}{suffix}"
    return f"+{body};-{body}" if signed else body


def _english(value: float, decimals: int, *, trim: bool = False, signed: bool = False, grouped: bool = True) -> str:
    text = f"{value:{'+' if signed else ''}{',' if grouped else ''}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if trim and "." in text else text


def zone_of(tz: str) -> ZoneInfo:
    """The chat's time zone (UTC when the name is unknown or unusable)."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        return ZoneInfo("UTC")


def as_local(at: datetime, tz: str) -> datetime:
    """`at` (naive: UTC) in the time zone `tz`."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone_of(tz))


# --- numbers ---------------------------------------------------------------------------------------


def number(value: float, lang: str = "en", decimals: int = 2, *, trim: bool = False, signed: bool = False) -> str:
    """A grouped number: 1,234.40 (German 1.234,40); `trim` drops trailing zeros (2.375, 2.5, 12)."""
    locale = _babel(lang)
    if locale is None:
        return _english(value, decimals, trim=trim, signed=signed)
    return format_decimal(value, _pattern(decimals, trim=trim, signed=signed), locale=locale)


def percent(
    value: float, lang: str = "en", *, signed: bool = False, decimals: int = 1, trim: bool = False, grouped: bool = True
) -> str:
    """`value` in percent: 42.5%, +12.3%, -4.0% (German 42,5 %, +3,3 %); the sign only when asked or negative."""
    locale = _babel(lang)
    if locale is None:
        return _english(value, decimals, trim=trim, signed=signed, grouped=grouped) + "%"
    pattern = _pattern(decimals, trim=trim, signed=signed, suffix="\u00a0%", grouped=grouped)
    return format_percent(Decimal(str(value)) / 100, pattern, locale=locale)


def money(value: float, lang: str = "en", currency: str = "USD", decimals: int = 2) -> str:
    """A price or an amount: $26.21, $97,123.00, €12.96, CHF 5.00 (German 26,21 $, 12,96 €)."""
    locale = _babel(lang)
    if locale is None:
        symbol = CURRENCY_SYMBOLS.get(currency, f"{_esc(currency)} ")
        return symbol + _english(value, decimals)
    pattern = _pattern(decimals, suffix="\u00a0¤")
    return _esc(format_currency(value, currency, pattern, locale=locale, currency_digits=False))


def compact_money(value: float, lang: str = "en", currency: str = "USD") -> str:
    """A deal size: $850M, $1.15B, $127.5M, $950,000 (German 850 Mio. $, 1,15 Mrd. $, 950.000 $)."""
    locale = _babel(lang)
    if locale is None:
        for scale, unit in _SCALES:
            if abs(value) >= scale:
                return (
                    CURRENCY_SYMBOLS.get(currency, f"{_esc(currency)} ") + number(value / scale, lang, trim=True) + unit
                )
        return money(value, lang, currency, decimals=0)
    if abs(value) >= _SCALES[-1][0]:
        return _esc(format_compact_currency(value, currency, locale=locale, fraction_digits=2))
    return money(value, lang, currency, decimals=0)


def compact_count(value: float, lang: str = "en") -> str:
    """A number of shares: 32.43M, 1.2B, 950,000 (German 32,43 Mio., 1,2 Mrd., 950.000)."""
    locale = _babel(lang)
    if locale is None:
        for scale, unit in _SCALES:
            if abs(value) >= scale:
                return number(value / scale, lang, trim=True) + unit
        return number(value, lang, 0)
    if abs(value) >= _SCALES[-1][0]:
        return format_compact_decimal(value, locale=locale, fraction_digits=2)
    return number(value, lang, 0)


# --- dates and times -------------------------------------------------------------------------------


def day(value: date, lang: str = "en") -> str:
    """A calendar day: 2026-12-01 (German 1. Dez. 2026)."""
    locale = _babel(lang)
    if locale is None:
        return value.isoformat()
    return format_date(value, DATE_PATTERNS[lang]["date"], locale=locale)


def moment(at: datetime, lang: str = "en", tz: str = "UTC") -> str:
    """A moment in the chat's time zone, with the zone: 2026-12-01 07:30 UTC (German 1. Dez. 2026, 08:30 MEZ)."""
    local = as_local(at, tz)
    locale = _babel(lang)
    if locale is None:
        return f"{local:%Y-%m-%d %H:%M} {_esc(local.tzname() or tz)}"
    return _esc(format_datetime(local, DATE_PATTERNS[lang]["moment"], tzinfo=local.tzinfo, locale=locale))


def day_and_time(at: datetime, lang: str = "en", tz: str = "UTC") -> str:
    """A day and a time, no year or zone (a digest's period): 01 Dec 07:30 (German 1. Dez., 07:30)."""
    local = as_local(at, tz)
    locale = _babel(lang)
    if locale is None:
        return f"{local:%d %b %H:%M}"
    return _esc(format_datetime(local, DATE_PATTERNS[lang]["day_time"], tzinfo=local.tzinfo, locale=locale))


def weekday(index: int, lang: str = "en") -> str:
    """A day of the week by its name, 0 = Monday: Monday, German Montag."""
    return str(get_day_names("wide", locale=_babel(lang) or "en")[index])


def short_day(at: datetime, lang: str = "en", tz: str = "UTC") -> str:
    """The day alone (lists of stories): 01 Dec (German 1. Dez.)."""
    local = as_local(at, tz)
    locale = _babel(lang)
    if locale is None:
        return f"{local:%d %b}"
    return _esc(format_datetime(local, DATE_PATTERNS[lang]["day"], tzinfo=local.tzinfo, locale=locale))
