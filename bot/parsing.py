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
    tickers, unknown = [], []
    for word in words:
        match = _TICKER.match(word)
        ticker = match[1].upper() if match else None
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
