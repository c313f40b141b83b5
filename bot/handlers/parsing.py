"""Pure parsing of command arguments; every error carries the text key and values for the reply."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from classifiers.base import THEMES

#: Tickers accepted in one /watch or /unwatch.
MAX_TICKERS_PER_COMMAND = 20
_TICKER = re.compile(r"^\$?([A-Za-z][A-Za-z0-9.\-]{0,9})$")


@dataclass
class UsageError(Exception):
    """A command's arguments are wrong; `key` names the reply text, `values` fill it (escaped when replying)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


def parse_tickers(args: Sequence[str], universe: Sequence[str], command: str) -> list[str]:
    """Tickers named in a command (cashtags, commas and case tolerated), all from the universe."""
    words = [w for arg in args for w in re.split(r"[,\s]+", arg) if w]
    if not words:
        raise UsageError("missing_tickers", {"command": command})
    if len(words) > MAX_TICKERS_PER_COMMAND:
        raise UsageError("too_many_args", {"command": command, "limit": MAX_TICKERS_PER_COMMAND})
    tickers: list[str] = []
    unknown: list[str] = []
    for word in words:
        match = _TICKER.match(word)
        ticker = match[1].upper() if match else ""
        if ticker in universe:
            tickers.append(ticker)
        else:
            unknown.append(word[:20])
    if unknown:
        known = list(dict.fromkeys(tickers))
        raise UsageError(
            "unknown_tickers",
            {
                "command": command,
                "tickers": ", ".join(unknown),
                "known": ", ".join(universe),
                "example": " ".join(known) or "MARA",  # the command without the unknown words
            },
        )
    return list(dict.fromkeys(tickers))


def parse_theme_toggle(args: Sequence[str]) -> tuple[str, bool]:
    """`/theme NAME on|off` → (theme, enabled)."""
    themes = ", ".join(THEMES)
    if len(args) != 2 or args[1].lower() not in ("on", "off"):
        raise UsageError("theme_usage", {"themes": themes})
    name = args[0].lower()
    if name not in THEMES:
        raise UsageError("theme_unknown", {"name": name[:40], "themes": themes})
    return name, args[1].lower() == "on"


_DURATION = re.compile(r"^(\d{1,9})(m|h|d)$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440}
#: Longest /mute accepted.
MAX_MUTE_MINUTES = 30 * 1440
MAX_MUTE_TEXT = "30d"


def parse_mute(args: Sequence[str], universe: Collection[str]) -> tuple[str, int]:
    """`/mute 2h` → ("", minutes); `/mute MARA 24h` → ("MARA", minutes); 1m … 30d."""
    if len(args) not in (1, 2):
        raise UsageError("mute_usage")
    ticker = args[0].upper().lstrip("$") if len(args) == 2 else ""
    if len(args) == 2 and ticker not in universe:
        raise UsageError("mute_unknown_ticker", {"ticker": args[0][:20]})
    word = args[-1]
    example = f"/mute {ticker} 24h" if ticker else "/mute 2h"
    match = _DURATION.match(word.lower())
    if not match:
        raise UsageError("mute_bad_duration", {"duration": word[:20], "example": example})
    minutes = int(match[1]) * _UNIT_MINUTES[match[2]]
    if minutes < 1:
        raise UsageError("mute_zero", {"duration": word, "example": example})
    if minutes > MAX_MUTE_MINUTES:
        raise UsageError("mute_too_long", {"duration": word, "limit": MAX_MUTE_TEXT, "example": example})
    return ticker, minutes


#: `/notify KIND MODE`: the kinds of message and how each may arrive.
NOTIFY_KINDS = ("news", "filings", "alerts", "deals")
NOTIFY_MODES = ("on", "silent", "off")


def parse_notify(args: Sequence[str]) -> tuple[str, str]:
    """`/notify news silent` → ("news", "silent")."""
    words = [a.lower() for a in args]
    if len(words) != 2:
        raise UsageError("notify_usage")
    kind, mode = words
    if kind not in NOTIFY_KINDS:
        raise UsageError("notify_unknown_kind", {"kind": args[0][:20], "kinds": ", ".join(NOTIFY_KINDS)})
    if mode not in NOTIFY_MODES:
        raise UsageError("notify_unknown_mode", {"mode": args[1][:20], "kind": kind})
    return kind, mode


def parse_news_scope(args: Sequence[str], universe: Collection[str]) -> str:
    """`/news` → "-" (the watchlist), `/news MARA` → "MARA", `/news debt_terms` → "debt_terms"."""
    if not args:
        return "-"
    if len(args) != 1:
        raise UsageError("news_usage")
    word = args[0]
    ticker, theme = word.upper().lstrip("$"), word.lower()
    if ticker in universe:
        return ticker
    if theme in THEMES:
        return theme
    themes = ", ".join(THEMES)
    near = [name for name in THEMES if theme and (name.startswith(theme) or theme in name.split("_"))]
    if len(near) == 1:
        raise UsageError("news_did_you_mean", {"word": word[:20], "theme": near[0], "themes": themes})
    raise UsageError("news_unknown", {"word": word[:20], "themes": themes})


_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
#: Loose forms of a time (8, 8.30, 7:30pm), read only to suggest the HH:MM form in an error.
_LOOSE_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
#: Day names /digest weekly accepts, in English and German (0 = Monday), abbreviations included; any other
#: unambiguous start of at least two letters of a name works too (thurs, Donn, Sonnt).
WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("monday", "mon", "mo", "montag"),
    ("tuesday", "tue", "tu", "dienstag", "di"),
    ("wednesday", "wed", "we", "mittwoch", "mi"),
    ("thursday", "thu", "th", "donnerstag", "do"),
    ("friday", "fri", "fr", "freitag"),
    ("saturday", "sat", "sa", "samstag", "sonnabend"),
    ("sunday", "sun", "su", "sonntag", "so"),
)


def parse_weekday(word: str) -> int | None:
    """0 = Monday … 6 = Sunday for an English or German day name or abbreviation (a trailing dot allowed)."""
    word = word.lower().removesuffix(".")
    for exact in (True, False):
        days = {
            index
            for index, names in enumerate(WEEKDAY_NAMES)
            for name in names
            if (name == word if exact else len(word) >= 2 and name.startswith(word))
        }
        if len(days) == 1:
            return days.pop()
    return None


def _digest_time(word: str, example: str) -> str:
    """HH:MM (one-digit hours tolerated) → "08:05"; otherwise a UsageError that says what is wrong."""
    match = _HHMM.match(word)
    if match is None:
        loose = _LOOSE_TIME.match(word.lower())
        suggestion = "08:00"
        if loose is not None:
            hour, minute = int(loose[1]), int(loose[2] or 0)
            if loose[3] and 1 <= hour <= 12:
                hour = hour % 12 + (12 if loose[3] == "pm" else 0)
            if hour <= 23 and minute <= 59 and (not loose[3] or int(loose[1]) <= 12):
                suggestion = f"{hour:02d}:{minute:02d}"
        raise UsageError("digest_bad_time", {"time": word[:20], "example": example.format(at=suggestion)})
    hour, minute = int(match[1]), int(match[2])
    if hour > 23:
        raise UsageError("digest_bad_hour", {"time": word, "hour": match[1], "example": example.format(at="08:00")})
    if minute > 59:
        raise UsageError(
            "digest_bad_minute", {"time": word, "minute": match[2], "example": example.format(at=f"{hour:02d}:00")}
        )
    return f"{hour:02d}:{minute:02d}"


def parse_digest(args: Sequence[str]) -> tuple[str, str | None, int | None]:
    """`/digest daily 08:00 | weekly mon 08:00 | off | now` → (mode, HH:MM, weekday); days in English or German."""
    words = [a.lower() for a in args]
    if words == ["off"] or words == ["now"]:
        return words[0], None, None
    if len(words) == 2 and words[0] == "daily":
        return "daily", _digest_time(words[1], "/digest daily {at}"), None
    if len(words) == 3 and words[0] == "weekly":
        day = parse_weekday(words[1])
        if day is None:
            raise UsageError("digest_bad_day", {"day": args[1][:20]})
        return "weekly", _digest_time(words[2], f"/digest weekly {words[1]} {{at}}"), day
    raise UsageError("digest_usage")
