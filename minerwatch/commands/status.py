"""`minerwatch status TICKER`: the /status card in the terminal, read from the local store."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from minerwatch.config import ConfigError, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("status", help="print a miner's /status card from the local store")
    parser.add_argument("ticker", metavar="TICKER", help="a ticker of the universe, e.g. MARA")
    parser.add_argument("--lang", choices=("en", "de"), default="en", help="language of the card (default en)")
    parser.add_argument("--tz", default="UTC", help="time zone for dates, e.g. Europe/Berlin (default UTC)")
    parser.add_argument("--config", default=argparse.SUPPRESS, help="path to the TOML config file")
    parser.set_defaults(func=run_status)


def run_status(args: argparse.Namespace) -> int:
    from bot.alerts.status import status_card
    from bot.messages.markup import plain_text
    from bot.messages.status import format_status_card
    from store.db import DatabaseUnavailable, make_engine, migrate, session_scope

    try:
        settings = load_settings(getattr(args, "config", None))
    except ConfigError as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 2
    ticker = args.ticker.strip().lstrip("$").upper()
    names = {miner.ticker: miner.name for miner in settings.miners}
    if ticker not in names:
        known = ", ".join(sorted(names))
        print(
            f"minerwatch status: unknown ticker {ticker}; known: {known}. Example: minerwatch status MARA",
            file=sys.stderr,
        )
        return 2
    try:
        ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"minerwatch status: unknown time zone {args.tz!r}. Example: --tz Europe/Berlin", file=sys.stderr)
        return 2
    try:
        engine = make_engine(settings.database.url)
    except DatabaseUnavailable as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 1
    try:
        migrate(engine)
        with session_scope(engine) as session:
            card = status_card(session, ticker, names[ticker], datetime.now(UTC).date())
    except DatabaseUnavailable as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(plain_text(format_status_card(card, args.lang, args.tz)))
    return 0
