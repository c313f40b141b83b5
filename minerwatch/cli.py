"""The `minerwatch` command line: one sub-command per job, each registered by its own module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from classifiers.transformer import MismatchedWeights
from minerwatch.commands import classify, converts, deals, run, status

#: Each module exposes `register(subparsers)`; its sub-parsers set `func(args) -> int`.
COMMAND_MODULES = (run, classify, converts, deals, status)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minerwatch",
        description="Telegram alerts for investors following listed Bitcoin miners.",
    )
    parser.add_argument(
        "--config", help="path to the TOML config file (default: $MINERWATCH_CONFIG or ./minerwatch.toml)"
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except MismatchedWeights as error:  # a head and encoder adapters from different `minerwatch train` runs
        print(f"minerwatch: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
