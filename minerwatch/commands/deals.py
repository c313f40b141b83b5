"""`minerwatch deals parse|eval`: AI/HPC deals read from announcement text (SPEC section 6a)."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from minerwatch.commands.converts import load_release
from minerwatch.commands.jsonl import read_objects
from watchers.deals import JSON_FIELDS, parse_deal, parse_deal_item

#: Fields scored per deal (is_deal is scored as detection).
SCORED_FIELDS = tuple(name for name in JSON_FIELDS if name != "is_deal")
#: Fields compared as names: case, punctuation and corporate suffixes do not count.
NAME_FIELDS = frozenset({"counterparty", "counterparty_phrase", "backstop", "site", "gpu_model"})
#: Company names: one that starts the other (whole words) is the same company.
PARTY_FIELDS = frozenset({"counterparty", "backstop"})
_SUFFIXES = re.compile(r"\b(?:inc|corp|corporation|ltd|limited|llc|plc|co|holdings)\b\.?", re.IGNORECASE)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `deals parse FILE | --jsonl IN` and `deals eval --jsonl LABELLED`."""
    deals = subparsers.add_parser("deals", help="AI/HPC deals: read them from announcements, measure the reader")
    actions = deals.add_subparsers(dest="deals_command", required=True, metavar="ACTION")
    parse = actions.add_parser("parse", help="print the deal one text announces as JSON (or one line per item)")
    source = parse.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, metavar="FILE", help="release text or HTML exhibit ('-' = stdin)")
    source.add_argument("--jsonl", type=Path, metavar="IN", help="JSON lines with id, title, lede ('-' = stdin)")
    parse.set_defaults(func=run_parse)
    evaluate = actions.add_parser("eval", help="deal detection P/R/F1 and per-field accuracy on labelled JSONL")
    evaluate.add_argument("--jsonl", type=Path, required=True, metavar="LABELLED", help="items with expected fields")
    evaluate.set_defaults(func=run_eval)


def _open_text(path: Path) -> TextIO:
    return sys.stdin if str(path) == "-" else path.open(encoding="utf-8")


def item_text(item: dict[str, Any]) -> tuple[str, str]:
    """(title, lede) of an item; a labelled item may carry one `text` instead."""
    if item.get("text"):
        return str(item["text"]), ""
    return str(item.get("title") or ""), str(item.get("lede") or "")


def run_parse(args: argparse.Namespace) -> int:
    """One text → the SPEC 6a fields as JSON; JSONL items → one line each with their id."""
    if args.jsonl is not None:
        try:
            with _open_text(args.jsonl) as handle:
                items = read_objects(handle, str(args.jsonl))
            for item in items:
                title, lede = item_text(item)
                print(json.dumps({"id": item.get("id"), **parse_deal_item(title, lede).to_json_dict()}))
        except OSError as exc:
            print(f"minerwatch deals parse: cannot read {args.jsonl}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"minerwatch deals parse: {exc}", file=sys.stderr)
            return 2
        return 0
    text = load_release(args.file, "deals parse")
    if text is None:
        return 2
    print(json.dumps(parse_deal(text).to_json_dict(), indent=2, ensure_ascii=False))
    return 0


# --- evaluation -------------------------------------------------------------------------------------


def same_value(name: str, expected: Any, got: Any) -> bool:
    """Numbers equal to a part in a million; names equal up to case, punctuation and corporate suffixes."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)) and not isinstance(expected, bool):
        return math.isclose(float(expected), float(got), rel_tol=1e-6)
    if name in NAME_FIELDS:
        want, have = _name_key(str(expected)), _name_key(str(got))
        if name in PARTY_FIELDS and want and have:
            # "Meta Platforms" is Meta; "Nscale Global Holdings" is Nscale: one name starting the other, word-wise.
            return (want + " ").startswith(have + " ") or (have + " ").startswith(want + " ")
        return want == have
    return bool(expected == got)


def _name_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", _SUFFIXES.sub("", text.casefold())).split())


@dataclass
class Scores:
    """Deal detection counts and, on true deals, per-field right / stated and null-kept counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_FIELDS, 0))
    stated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_FIELDS, 0))
    null_kept: int = 0
    unstated: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, item_id: str, expected: dict[str, Any], got: dict[str, Any]) -> None:
        truth, guess = bool(expected.get("is_deal")), bool(got["is_deal"])
        if truth and guess:
            self.tp += 1
        elif guess:
            self.fp += 1
            self.misses.append(f"{item_id}: counted as a deal (kind {got['kind']}), labelled not a deal")
        elif truth:
            self.fn += 1
            self.misses.append(f"{item_id}: deal missed (labelled {expected.get('kind')})")
        else:
            self.tn += 1
            if expected.get("kind") != got["kind"]:
                self.misses.append(f"{item_id}: kind {got['kind']!r}, labelled {expected.get('kind')!r}")
        if not truth:
            return
        for name in SCORED_FIELDS:
            want, have = expected.get(name), got[name]
            if want is None:
                self.unstated += 1
                self.null_kept += have is None
                if have is not None:
                    self.misses.append(f"{item_id}: {name} = {have!r}, text does not state it")
                continue
            self.stated[name] += 1
            if same_value(name, want, have):
                self.right[name] += 1
            else:
                self.misses.append(f"{item_id}: {name} = {have!r}, labelled {want!r}")

    def report(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        lines = [
            f"items: {self.tp + self.fp + self.fn + self.tn}"
            f" ({self.tp + self.fn} deals, {self.fp + self.tn} non-deals)",
            f"deal detection: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})",
            "",
            "fields on true deals (right / stated):",
        ]
        total_right = total_stated = 0
        for name in SCORED_FIELDS:
            right, stated = self.right[name], self.stated[name]
            total_right, total_stated = total_right + right, total_stated + stated
            share = f"{right / stated:6.1%}" if stated else "     -"
            lines.append(f"  {name:<20} {right:>3} / {stated:<3} {share}")
        overall = f"{total_right / total_stated:.1%}" if total_stated else "-"
        lines.append(f"  {'all stated fields':<20} {total_right:>3} / {total_stated:<3} {overall}")
        kept = f"{self.null_kept / self.unstated:.1%}" if self.unstated else "-"
        lines.append(f"null kept where the text does not state a field: {self.null_kept} / {self.unstated} {kept}")
        lines.append("")
        lines.append(f"misses ({len(self.misses)}):" if self.misses else "misses: none")
        lines.extend(f"  {miss}" for miss in self.misses)
        return "\n".join(lines)


def evaluate(items: Iterable[dict[str, Any]]) -> Scores:
    """Score the deal reader on labelled items (`expected` holds the SPEC 6a fields)."""
    scores = Scores()
    for number, item in enumerate(items, start=1):
        expected = item.get("expected")
        if not isinstance(expected, dict):
            raise ValueError(f"item {item.get('id', number)}: no 'expected' object")
        title, lede = item_text(item)
        scores.add(str(item.get("id", number)), expected, parse_deal_item(title, lede).to_json_dict())
    return scores


def run_eval(args: argparse.Namespace) -> int:
    """Print detection P/R/F1, per-field accuracy on true deals, the null-kept rate and every miss."""
    try:
        with _open_text(args.jsonl) as handle:
            scores = evaluate(read_objects(handle, str(args.jsonl)))
    except OSError as exc:
        print(f"minerwatch deals eval: cannot read {args.jsonl}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"minerwatch deals eval: {exc}", file=sys.stderr)
        return 2
    print(scores.report())
    return 0
