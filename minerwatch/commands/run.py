"""`minerwatch run [--roles bot,watchers,sender]`: the main job."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from minerwatch.config import ConfigError, load_settings

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
log = logging.getLogger("minerwatch")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("run", help="run the bot, the watchers and the sender")
    parser.add_argument(
        "--roles",
        default="bot,watchers,sender",
        help="comma-separated roles to run in this process (default: bot,watchers,sender)",
    )
    parser.add_argument("--config", default=argparse.SUPPRESS, help="path to the TOML config file")
    parser.add_argument(
        "--log-level",
        default="INFO",
        type=str.upper,
        choices=LOG_LEVELS,
        help="how much to log: DEBUG, INFO, WARNING or ERROR (default INFO)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifiers.transformer import MismatchedWeights
    from minerwatch.runtime import BotTokenRejected, Runtime, parse_roles
    from store.db import DatabaseUnavailable

    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        roles = parse_roles(args.roles)
        settings = load_settings(args.config)
    except (ConfigError, ValueError) as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 2
    for noisy in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if settings.bot_token:
        from bot.app import install_token_redaction

        install_token_redaction(settings.bot_token)
    try:
        asyncio.run(Runtime(settings, roles).run_forever())
    except BotTokenRejected as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except MismatchedWeights as error:
        print(f"minerwatch: {error}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as error:  # unreachable at start; once running, a restart is ridden out
        print(f"minerwatch: {error}", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - one redacted report instead of a raw traceback that may quote the token
        log.exception("minerwatch stopped by an unexpected error")
        return 1
    return 0
