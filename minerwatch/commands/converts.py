"""`minerwatch converts parse FILE` (the terms of a convertible-notes press release as JSON) and
`minerwatch converts eval --jsonl LABELLED` (per-field accuracy against labelled texts), SPEC section 6."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from minerwatch.commands.converts_eval import format_report, read_labelled, score
from watchers.converts import parse_convert_terms
from watchers.sec_text import release_text

#: A press release is a few dozen kB; a file far larger than this is not one.
MAX_RELEASE_BYTES = 8 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `converts parse FILE` and `converts eval --jsonl LABELLED`."""
    converts = subparsers.add_parser("converts", help="convertible notes: read terms from press releases")
    actions = converts.add_subparsers(dest="converts_command", required=True, metavar="ACTION")
    parse = actions.add_parser("parse", help="print the note terms of one press release (text or HTML) as JSON")
    parse.add_argument("file", type=Path, metavar="FILE", help="press-release text or HTML exhibit ('-' = stdin)")
    parse.set_defaults(func=run_parse)
    evaluate = actions.add_parser("eval", help="per-field accuracy against labelled texts (JSONL: text, expected)")
    evaluate.add_argument("--jsonl", type=Path, required=True, metavar="LABELLED", help="one object a line")
    evaluate.set_defaults(func=run_eval)


def read_release(body: bytes) -> str:
    """Plain text of a release: HTML exhibits (and .txt bundles with markup) are converted, text is decoded."""
    return release_text(body)


def load_release(file: Path, command: str) -> str | None:
    """The plain text of a release file ('-' = stdin); None after one line on stderr saying why not."""
    try:
        if str(file) == "-":
            body = sys.stdin.buffer.read(MAX_RELEASE_BYTES + 1)
        else:
            with file.open("rb") as handle:
                body = handle.read(MAX_RELEASE_BYTES + 1)
    except OSError as exc:
        print(f"minerwatch {command}: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return None
    if len(body) > MAX_RELEASE_BYTES:
        print(f"minerwatch {command}: {file} is over {MAX_RELEASE_BYTES} bytes", file=sys.stderr)
        return None
    text = read_release(body)
    if not text.strip():
        print(
            f"minerwatch {command}: {file} holds no text; give one press release (text or HTML), "
            f"e.g. minerwatch {command} release.txt",
            file=sys.stderr,
        )
        return None
    return text


def run_parse(args: argparse.Namespace) -> int:
    """Print exactly the SPEC 6 fields, null where the release does not state a term."""
    text = load_release(args.file, "converts parse")
    if text is None:
        return 2
    print(json.dumps(parse_convert_terms(text).to_json_dict(), indent=2, ensure_ascii=False))
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Print the per-field table, the misses and the wrongly filled fields."""
    try:
        items = read_labelled(args.jsonl)
    except OSError as exc:
        print(f"minerwatch converts eval: cannot read {args.jsonl}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"minerwatch converts eval: {args.jsonl} is not JSON lines: {exc}", file=sys.stderr)
        return 2
    print(format_report(score(items)))
    return 0
