"""`minerwatch classify`, `minerwatch eval` and `minerwatch train`: the theme classifier from the shell."""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from classifiers import CLASSIFIER_KINDS, THEMES, Classifier, ThemeResult, item_text, load_classifier
from minerwatch.commands.jsonl import iter_objects

#: Items sent to the classifier per call when reading JSONL (bounds memory on large files).
JSONL_CHUNK = 256
#: Decimals kept for scores in JSON output.
SCORE_DECIMALS = 4


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `classify`, `eval` and `train` sub-commands."""
    classify = subparsers.add_parser("classify", help="tag a text (or a JSONL file of news items) with themes")
    classify.add_argument("text", nargs="?", help="headline and lede to classify")
    classify.add_argument("--jsonl", type=Path, metavar="IN", help="read objects with id, title, lede ('-' = stdin)")
    classify.add_argument("--out", type=Path, metavar="OUT", help="write JSONL here instead of stdout")
    classify.add_argument("--classifier", choices=CLASSIFIER_KINDS, default="transformer")
    classify.set_defaults(func=run_classify)

    evaluate = subparsers.add_parser("eval", help="precision / recall / F1 per theme against labelled JSONL")
    evaluate.add_argument("--jsonl", type=Path, required=True, metavar="LABELLED")
    evaluate.add_argument(
        "--classifier",
        choices=CLASSIFIER_KINDS,
        action="append",
        help="classifier(s) to score (default: transformer and keywords, side by side)",
    )
    evaluate.set_defaults(func=run_eval)

    train = subparsers.add_parser(
        "train", help="rebuild the classifier head from the labelled training data (overwrites the shipped head)"
    )
    train.add_argument("--data", type=Path, help="folder of training *.jsonl (default: classifiers/data)")
    train.add_argument("--out", type=Path, help="head weights file (default: classifiers/weights/head.npz)")
    train.set_defaults(func=run_train)


def format_result(result: ThemeResult) -> str:
    """Human-readable lines: the tagged themes, then every score (tagged ones marked)."""
    lines = [f"themes: {', '.join(result.themes) if result.themes else '(none)'}"]
    for theme in THEMES:
        mark = "*" if theme in result.themes else " "
        lines.append(f"  {mark} {theme:<20} {result.scores.get(theme, 0.0):.3f}")
    return "\n".join(lines)


def result_record(ident: Any, result: ThemeResult) -> dict[str, Any]:
    """The JSONL output object of SPEC section 5."""
    return {
        "id": ident,
        "themes": list(result.themes),
        "scores": {theme: round(result.scores.get(theme, 0.0), SCORE_DECIMALS) for theme in THEMES},
    }


def read_items(lines: Iterable[str], source: str) -> Iterator[tuple[Any, str]]:
    """(id, text) per JSON line; a bad line raises ValueError with its number."""
    for record in iter_objects(lines, source):
        yield record.get("id"), item_text(record.get("title") or "", record.get("lede") or None)


def classify_jsonl(classifier: Classifier, items: Iterable[tuple[Any, str]], sink: IO[str]) -> int:
    """Classify `items` ((id, text) pairs) in chunks of JSONL_CHUNK and write one result line each; returns the
    count."""
    count = 0
    pending = iter(items)
    while chunk := list(itertools.islice(pending, JSONL_CHUNK)):
        for (ident, _), result in zip(chunk, classifier.classify_batch([text for _, text in chunk]), strict=True):
            sink.write(json.dumps(result_record(ident, result), ensure_ascii=False) + "\n")
        count += len(chunk)
    return count


#: What a correct call looks like, in the reply to an empty text.
EXAMPLE_TEXT = "Cipher Mining prices $1.1 billion notes to fund its AI campus"


def run_classify(args: argparse.Namespace) -> int:
    """Classify one text (readable output) or a JSONL file (JSONL output)."""
    if (args.text is None) == (args.jsonl is None):
        print("minerwatch classify: give either TEXT or --jsonl IN", file=sys.stderr)
        return 2
    if args.text is not None and not args.text.strip():
        example = f"minerwatch classify {EXAMPLE_TEXT!r}"
        print(f"minerwatch classify: the text is empty; for example: {example}", file=sys.stderr)
        return 2
    if args.text is not None:
        print(format_result(load_classifier(args.classifier).classify_batch([args.text])[0]))
        return 0
    # Every line is checked before anything is written, so a bad line leaves no half-written output: a file in a
    # first pass that keeps nothing, then read again in chunks; stdin, which cannot be read twice, is kept in memory.
    from_stdin = str(args.jsonl) == "-"
    try:
        if from_stdin:
            buffered = list(read_items(sys.stdin, "stdin"))
        else:
            with args.jsonl.open(encoding="utf-8") as source:
                collections.deque(read_items(source, str(args.jsonl)), maxlen=0)
    except OSError as exc:
        print(f"minerwatch classify: cannot open {exc.filename or args.jsonl}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"minerwatch classify: {exc}", file=sys.stderr)
        return 1
    try:
        sink = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
        source = None if from_stdin else args.jsonl.open(encoding="utf-8")
    except OSError as exc:
        print(f"minerwatch classify: cannot open {exc.filename or args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        items = buffered if source is None else read_items(source, str(args.jsonl))
        classify_jsonl(load_classifier(args.classifier), items, sink)
    except (OSError, ValueError) as exc:  # the file changed between the two passes
        print(f"minerwatch classify: {exc}", file=sys.stderr)
        return 1
    finally:
        if source is not None:
            source.close()
        if sink is not sys.stdout:
            sink.close()
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Score each classifier on a labelled file and print the side-by-side table."""
    from classifiers.evaluation import evaluate, format_reports, read_labelled

    try:
        items = read_labelled([args.jsonl])
    except (OSError, ValueError) as exc:
        print(f"minerwatch eval: {exc}", file=sys.stderr)
        return 1
    if not items:
        print(f"minerwatch eval: {args.jsonl} holds no items", file=sys.stderr)
        return 1
    texts = [item.text for item in items]
    gold = [item.themes for item in items]
    reports = {}
    for kind in args.classifier or list(CLASSIFIER_KINDS):
        results = load_classifier(kind).classify_batch(texts)
        reports[kind] = evaluate(gold, [r.themes for r in results])
    print(format_reports(reports, len(items)))
    return 0


def run_train(args: argparse.Namespace) -> int:
    """Rebuild the head from the training data and print what was chosen."""
    from classifiers.head import DEFAULT_HEAD_PATH
    from classifiers.training import DEFAULT_DATA_DIR, train

    head_path = args.out or DEFAULT_HEAD_PATH
    if args.out is None:
        print(f"minerwatch train: writes the shipped head {head_path} (give --out PATH to write elsewhere)")

    def progress(line: str) -> None:
        print(f"minerwatch train: {line}", flush=True)

    try:
        report = train(data_dir=args.data or DEFAULT_DATA_DIR, head_path=head_path, progress=progress)
    except (OSError, ValueError) as exc:
        print(f"minerwatch train: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
