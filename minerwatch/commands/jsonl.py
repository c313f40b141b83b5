"""JSON lines in for the command-line tools: one object a line, the whole input checked before any output, so a
bad line stops the run with its number and no half-written result."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

#: Fields read as text; each may be missing or null, and is otherwise a string.
TEXT_FIELDS = ("title", "lede", "text")


def read_objects(lines: Iterable[str], source: str) -> list[dict[str, Any]]:
    """Every JSON object of a JSONL stream, all checked before the list is returned (see `iter_objects`)."""
    return list(iter_objects(lines, source))


def iter_objects(lines: Iterable[str], source: str) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL stream one by one; blank lines skipped; a line that is not an object, or whose
    title, lede or text is not a string, raises ValueError naming `source` and the line's number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source} line {number}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise ValueError(f"{source} line {number}: not a JSON object (expected one like {EXAMPLE})")
        for name in TEXT_FIELDS:
            value = item.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(
                    f"{source} line {number}: {name} is {type(value).__name__}, not text (expected one like {EXAMPLE})"
                )
        yield item


#: A correct line, for the error messages.
EXAMPLE = '{"id": 1, "title": "IREN signs AI cloud contract with Microsoft", "lede": "The five-year deal ..."}'
