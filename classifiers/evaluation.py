"""Multi-label metrics over the five themes, and the side-by-side table `minerwatch eval` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from classifiers.base import THEMES, item_text


@dataclass(frozen=True)
class LabelledItem:
    """A text and its gold themes (an empty set means "no theme")."""

    text: str
    themes: frozenset[str]
    id: str | int | None = None


def parse_labelled(record: Mapping[str, object]) -> LabelledItem:
    """Accept {"text", "themes"} (training data) or {"id", "title", "lede", "themes"} (news items)."""
    if "text" in record:
        text = str(record["text"])
    else:
        text = item_text(str(record.get("title") or ""), str(record.get("lede") or "") or None)
    themes = record.get("themes") or []
    if not isinstance(themes, list):
        raise ValueError(f"themes must be a list, got {themes!r}")
    unknown = set(themes) - set(THEMES)
    if unknown:
        raise ValueError(f"unknown themes {sorted(unknown)}; allowed: {', '.join(THEMES)}")
    ident = record.get("id")
    return LabelledItem(text=text, themes=frozenset(themes), id=ident if isinstance(ident, str | int) else None)


def read_labelled(paths: Iterable[Path]) -> list[LabelledItem]:
    """Read labelled JSONL files (blank lines skipped); errors name the file and line."""
    items = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    items.append(parse_labelled(json.loads(line)))
                except (ValueError, TypeError) as exc:
                    raise ValueError(f"{path}:{number}: {exc}") from exc
    return items


@dataclass(frozen=True)
class ThemeScore:
    """Precision, recall and F1 of one theme, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class EvalReport:
    """Per-theme scores, macro-F1, and how often theme-less items were tagged anyway."""

    per_theme: dict[str, ThemeScore]
    macro_f1: float
    themeless_items: int
    themeless_tagged: int

    @property
    def themeless_tagged_share(self) -> float:
        """Share of gold theme-less items that got at least one theme."""
        return self.themeless_tagged / self.themeless_items if self.themeless_items else 0.0


def theme_score(tp: int, fp: int, fn: int) -> ThemeScore:
    """P/R/F1 from counts; an empty denominator counts as 0."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ThemeScore(precision, recall, f1, support=tp + fn, predicted=tp + fp)


def evaluate(gold: Sequence[frozenset[str]], predicted: Sequence[Iterable[str]]) -> EvalReport:
    """Compare predicted theme sets with gold ones, item by item."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    predicted_sets = [frozenset(p) for p in predicted]
    per_theme = {}
    for theme in THEMES:
        tp = sum(1 for g, p in zip(gold, predicted_sets, strict=True) if theme in g and theme in p)
        fp = sum(1 for g, p in zip(gold, predicted_sets, strict=True) if theme not in g and theme in p)
        fn = sum(1 for g, p in zip(gold, predicted_sets, strict=True) if theme in g and theme not in p)
        per_theme[theme] = theme_score(tp, fp, fn)
    themeless = [p for g, p in zip(gold, predicted_sets, strict=True) if not g]
    return EvalReport(
        per_theme=per_theme,
        macro_f1=sum(s.f1 for s in per_theme.values()) / len(THEMES),
        themeless_items=len(themeless),
        themeless_tagged=sum(1 for p in themeless if p),
    )


def format_reports(reports: Mapping[str, EvalReport], items: int) -> str:
    """A plain-text table, one column group (P / R / F1) per classifier, side by side."""
    names = list(reports)
    theme_width = max(len(t) for t in (*THEMES, "theme-less tagged"))
    header = f"{'theme':<{theme_width}}  {'n':>4}" + "".join(f"  {name[:20]:^20}" for name in names)
    sub = f"{'':<{theme_width}}  {'':>4}" + "".join(f"  {'P':>6}{'R':>7}{'F1':>7}" for _ in names)
    lines = [f"{items} items", header, sub, "-" * len(sub)]
    first = reports[names[0]]
    for theme in THEMES:
        row = f"{theme:<{theme_width}}  {first.per_theme[theme].support:>4}"
        for name in names:
            s = reports[name].per_theme[theme]
            row += f"  {s.precision:>6.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
        lines.append(row)
    lines.append("-" * len(sub))
    lines.append(f"{'macro-F1':<{theme_width}}  {'':>4}" + "".join(f"  {r.macro_f1:>20.3f}" for r in reports.values()))
    share_row = f"{'theme-less tagged':<{theme_width}}  {first.themeless_items:>4}"
    for report in reports.values():
        cell = f"{report.themeless_tagged}/{report.themeless_items} = {report.themeless_tagged_share:.1%}"
        share_row += f"  {cell:>20}"
    lines.append(share_row)
    return "\n".join(lines)
