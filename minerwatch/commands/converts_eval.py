"""`minerwatch converts eval --jsonl LABELLED`: how many stated terms the extractor gets right, and how many
unstated ones it leaves null (SPEC section 6).

Scoring follows the labelling rules of the development set: a field is "stated" when `expected` has a value for
it, "null-expected" when `expected` has null. The headline fields are the nine SPEC 6 terms with a value to
compare (use_of_proceeds is a paraphrase, so only whether one was found is scored, on a line of its own);
`maturity_year` (labelled when only a year is given, else implied by a full `maturity`) and `currency` ("EUR"
labelled, USD implied when a money field is stated) are scored on their own lines too.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchers.converts import parse_convert_terms

#: The terms the headline accuracy counts (every SPEC 6 field with a value to compare).
SCORED_FIELDS = (
    "principal_usd",
    "option_usd",
    "coupon_pct",
    "maturity",
    "conversion_rate",
    "conversion_price_usd",
    "premium_pct",
    "reference_price_usd",
    "cap_price_usd",
)
#: Scored beside the headline: whether a use of proceeds was found, the year of maturity, the currency.
EXTRA_FIELDS = ("use_of_proceeds", "maturity_year", "currency")
MONEY_FIELDS = ("principal_usd", "option_usd", "conversion_price_usd", "reference_price_usd", "cap_price_usd")
#: Longest value shown in a miss line.
MAX_SHOWN_CHARS = 60


@dataclass
class FieldScore:
    """One field over the labelled set."""

    right: int = 0
    stated: int = 0
    nulls_kept: int = 0
    null_expected: int = 0


@dataclass
class Report:
    """Per-field scores, the misses (stated, not right) and the wrongly filled (null expected, filled)."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    wrongly_filled: list[tuple[str, str, Any]] = field(default_factory=list)
    items: int = 0

    def total(self, names: Iterable[str] = SCORED_FIELDS) -> FieldScore:
        total = FieldScore()
        for name in names:
            score = self.fields.get(name, FieldScore())
            total.right += score.right
            total.stated += score.stated
            total.nulls_kept += score.nulls_kept
            total.null_expected += score.null_expected
        return total


def same_value(expected: Any, got: Any) -> bool:
    """Numbers equal as written (7.9170 == 7.917), everything else equal as is."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected == got
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-9)
    return bool(expected == got)


def expected_values(expected: Mapping[str, Any]) -> dict[str, Any]:
    """The labelled value of every scored field (None: the text states none)."""
    values = {name: expected.get(name) for name in SCORED_FIELDS}
    values["use_of_proceeds"] = True if expected.get("use_of_proceeds") else None
    maturity = expected.get("maturity")
    values["maturity_year"] = expected.get("maturity_year") or (int(str(maturity)[:4]) if maturity else None)
    stated_money = any(expected.get(name) is not None for name in MONEY_FIELDS)
    values["currency"] = expected.get("currency") or ("USD" if stated_money else None)
    return values


def got_values(parsed: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: parsed.get(name) for name in SCORED_FIELDS + ("maturity_year", "currency")}
    values["use_of_proceeds"] = True if parsed.get("use_of_proceeds") else None
    return values


def score(items: Iterable[Mapping[str, Any]]) -> Report:
    """Parse each item's `text` and compare with its `expected`."""
    report = Report(fields={name: FieldScore() for name in SCORED_FIELDS + EXTRA_FIELDS})
    for number, item in enumerate(items, start=1):
        report.items += 1
        ident = str(item.get("id", number))
        want = expected_values(item.get("expected") or {})
        got = got_values(parse_convert_terms(str(item.get("text", ""))).to_json_dict())
        for name, fscore in report.fields.items():
            if want[name] is None:
                fscore.null_expected += 1
                if got[name] is None:
                    fscore.nulls_kept += 1
                else:
                    report.wrongly_filled.append((ident, name, got[name]))
            else:
                fscore.stated += 1
                if got[name] is not None and same_value(want[name], got[name]):
                    fscore.right += 1
                else:
                    report.misses.append((ident, name, want[name], got[name]))
    return report


def _pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:5.1f}%" if whole else "    —"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def format_report(report: Report) -> str:
    """The per-field table, the totals, then every miss and every wrongly filled field."""
    lines = [f"{report.items} labelled texts", "", f"{'field':<22} {'right/stated':>12} {'':>6}  {'nulls kept':>10}"]

    def row(name: str, value: FieldScore) -> str:
        right = f"{value.right}/{value.stated}"
        kept = f"{value.nulls_kept}/{value.null_expected}"
        return f"{name:<22} {right:>12} {_pct(value.right, value.stated)}  {kept:>10}"

    lines += [row(name, report.fields[name]) for name in SCORED_FIELDS]
    total = report.total()
    lines.append(row("total (9 terms)", total))
    lines.append("")
    lines += [row(name, report.fields[name]) for name in EXTRA_FIELDS]
    lines.append("")
    lines.append(
        f"stated fields right: {total.right}/{total.stated} = {_pct(total.right, total.stated).strip()}; "
        f"null-expected kept null: {total.nulls_kept}/{total.null_expected} = "
        f"{_pct(total.nulls_kept, total.null_expected).strip()}"
    )
    if report.misses:
        lines += ["", "misses (stated, not right):"]
        lines += [f"  {ident} {name}: expected {_shown(w)}, got {_shown(g)}" for ident, name, w, g in report.misses]
    if report.wrongly_filled:
        lines += ["", "null expected, filled:"]
        lines += [f"  {ident} {name}: got {_shown(g)}" for ident, name, g in report.wrongly_filled]
    return "\n".join(lines)


def read_labelled(path: Path) -> list[dict[str, Any]]:
    """One JSON object a line with `text` and `expected`; blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
