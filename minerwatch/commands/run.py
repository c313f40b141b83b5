"""`minerwatch run [--roles bot,watchers,sender]`: the main job."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from minerwatch.config import ConfigError, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("run", help="run the bot, the watchers and the sender")
    parser.add_argument(
        "--roles",
        default="bot,watchers,sender",
        help="comma-separated roles to run in this process (default: bot,watchers,sender)",
    )
    parser.add_argument("--config", default=argparse.SUPPRESS, help="path to the TOML config file")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR (default INFO)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from minerwatch.runtime import Runtime, parse_roles

    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
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
    asyncio.run(Runtime(settings, roles).run_forever())
    return 0
