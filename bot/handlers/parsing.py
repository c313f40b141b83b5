"""Pure parsing of command arguments; every error carries the text key and values for the reply."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
        raise UsageError(
            "unknown_tickers", {"command": command, "tickers": ", ".join(unknown), "known": ", ".join(universe)}
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


_DURATION = re.compile(r"^(\d{1,4})(m|h|d)$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440}
#: Longest /mute accepted.
MAX_MUTE_MINUTES = 30 * 1440


def parse_mute(args: Sequence[str]) -> int:
    """`/mute 2h` → minutes (1m … 30d)."""
    match = _DURATION.match(args[0].lower()) if len(args) == 1 else None
    minutes = int(match[1]) * _UNIT_MINUTES[match[2]] if match else 0
    if not 1 <= minutes <= MAX_MUTE_MINUTES:
        raise UsageError("mute_usage")
    return minutes


_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_digest(args: Sequence[str]) -> tuple[str, str | None, int | None]:
    """`/digest daily 08:00 | weekly mon 08:00 | off | now` → (mode, HH:MM, weekday)."""
    words = [a.lower() for a in args]
    if words == ["off"] or words == ["now"]:
        return words[0], None, None
    if len(words) == 2 and words[0] == "daily" and (m := _HHMM.match(words[1])):
        return "daily", f"{int(m[1]):02d}:{m[2]}", None
    if len(words) == 3 and words[0] == "weekly" and (m := _HHMM.match(words[2])):
        day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        if words[1][:3] in day:
            return "weekly", f"{int(m[1]):02d}:{m[2]}", day.index(words[1][:3])
    raise UsageError("digest_usage")
