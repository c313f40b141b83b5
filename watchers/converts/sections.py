"""A release's text as the extractor reads it: lines (headline, paragraphs, bullets, "Label: value" rows of a
key-terms list or table) split into sentences that do not break on "Inc.", "U.S.", "Nov. 19" or "$1.25"."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: German words a release must use this often to be read as German (decimal commas).
GERMAN_MIN_WORDS = 5
#: A section heading of a prospectus summary or term sheet: a few words, no figure, no full stop.
_HEADING = re.compile(r"^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß ;/&'()-]{1,40}$")
#: A label ("Initial conversion price") has at most this many words.
MAX_LABEL_WORDS = 6
#: A "sentence" longer than this is cut (a table flattened into one line, or junk): keeps parsing linear.
MAX_SENTENCE_CHARS = 2000
#: Characters that start a list item (a bullet, also in the middle of a collapsed HTML line).
BULLETS = "•●▪◦‣∙·■□➢►✓"
_BULLET_SPLIT = re.compile(r"\s+[" + BULLETS + r"]\s+")
_LEADING_MARK = re.compile(r"^(?:[" + BULLETS + r"*]|-(?=\s)|\(?[a-z0-9]{1,2}\)(?=\s)|\d{1,2}\.(?=\s+[A-Z]))\s*")
#: "Conversion price: $23.29", "Maturity – May 1, 2032", "Coupon | 0.75%": a label of a few words, then a value.
_LABELLED = re.compile(r"^(?P<label>[A-Za-zÄÖÜäöüß][\w ,/&'()\-.]{1,60}?)\s*(?::|\s[-–—]\s|\|)\s*(?P<value>\S.*)$")
_ABBREVIATIONS = frozenset(
    "inc corp co ltd llc plc no nos mr ms dr st jan feb mar apr jun jul aug sep sept oct nov dec u.s approx "
    "vs etc e.g i.e ca bzw z.b nr ag se sa nv bv mio mrd tsd".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[$€]|\d|[a-z]+[A-Z])")
_MONTH_NEXT = re.compile(r"(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\b", re.IGNORECASE)
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u2013": "-",
        "\u2014": " - ",
        "\u2212": "-",
    }
)
_SPACES = re.compile(r"[ \t\f\v]+")
_END_OF_THOUGHT = (".", "!", "?", ":", ";")


@dataclass(frozen=True)
class Unit:
    """One sentence (or list item) and what it belongs to: its line's label when the line is "Label: value"."""

    text: str
    line: int  # index of the line it came from (0 = headline)
    label: str = ""  # lower-case label of a "Label: value" line
    value: str = ""  # the value of such a line


def normalize_text(text: str) -> str:
    """Straight quotes and plain spaces; one line per paragraph, list item or labelled row; hard-wrapped lines
    (a .txt exhibit) joined back into their paragraph."""
    lines: list[str] = []
    previous_blank = True
    for raw in text.translate(_QUOTES).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            previous_blank = True
            continue
        for number, piece in enumerate(_BULLET_SPLIT.split(line)):
            item = piece.strip()
            starts_item = number > 0 or bool(_LEADING_MARK.match(item)) or item[:1] in BULLETS
            item = _LEADING_MARK.sub("", item).strip(BULLETS + " |")
            if not item:
                continue
            wrapped = not previous_blank and _continues(lines[-1], item) if lines else False
            broken = previous_blank and lines and _broken_sentence(lines[-1], item)
            if lines and not starts_item and (wrapped or broken):
                lines[-1] = f"{lines[-1]} {item}"
            else:
                lines.append(item)
            previous_blank = False
    return "\n".join(lines)


def _is_labelled(line: str) -> bool:
    """A "Label: value" line (a label of a few words), which starts a list item of its own."""
    labelled = _LABELLED.match(line)
    return bool(labelled and len(labelled["label"].split()) <= MAX_LABEL_WORDS and not labelled["label"].endswith(","))


def _continues(previous: str, line: str) -> bool:
    """True when `line` carries on the sentence of `previous` (a hard-wrapped paragraph)."""
    if previous.endswith(_END_OF_THOUGHT) or _is_labelled(line):
        return False
    return line[:1].islower() or line[:1] in "$(€%" or line[:1].isdigit() or len(previous) > 60


#: A line ending in one of these words stops mid-sentence whatever the next line starts with.
_DANGLING = re.compile(
    r"\b(?:on|of|to|the|a|an|and|or|at|in|by|for|with|from|approximately|about|is|are|was|be|will|per|its|their"
    r"|am|zum|von|der|die|das|und|mit)$",
    re.IGNORECASE,
)


def _broken_sentence(previous: str, line: str) -> bool:
    """True when a block of <div> soup ends mid-sentence and the next block carries it on ("... will mature on"
    + "June 1, 2031, unless ..." starts with a capital, so only a lower-case or numeric start counts)."""
    if previous.endswith(_END_OF_THOUGHT) or len(previous) < 40 or _LABELLED.match(previous):
        return False
    if _DANGLING.search(previous):
        return True
    return line[:1].islower() or line[:1] in "$€(" or line[:1].isdigit()


def sentences(text: str) -> list[str]:
    """Sentences of normalized text; "Inc.", "U.S." and "Nov. 19" do not end one."""
    return [unit.text for unit in units(text)]


def units(text: str) -> list[Unit]:
    """The sentences and list items of normalized text, each with its line and, for "Label: value", the label."""
    result: list[Unit] = []
    heading = ""
    for number, line in enumerate(text.split("\n")):
        labelled = _LABELLED.match(line)
        label = value = ""
        if labelled and _is_labelled(line):
            label, value = labelled["label"].strip().lower(), labelled["value"].strip()
        elif heading and number > 1:  # "Maturity" on a line of its own, then "April 1, 2030, unless ..."
            first = split_sentences(line)[:1]
            label, value = heading.lower(), (first[0] if first else "")
        heading = line if _HEADING.match(line) else ""
        for sentence in split_sentences(line):
            for start in range(0, len(sentence), MAX_SENTENCE_CHARS):  # no real sentence is longer
                result.append(Unit(sentence[start : start + MAX_SENTENCE_CHARS], number, label, value))
    return result


def split_sentences(paragraph: str) -> list[str]:
    parts = []
    start = 0
    for boundary in _BOUNDARY.finditer(paragraph):
        words = paragraph[start : boundary.start()].rsplit(None, 1)
        last = words[-1].rstrip(".!?").lower() if words else ""
        if paragraph[boundary.start() - 1] == "." and (
            last in _ABBREVIATIONS
            or (len(last) == 1 and last.isalpha())
            or (last.isdigit() and len(last) <= 2 and _MONTH_NEXT.match(paragraph, boundary.end()))
        ):
            continue
        parts.append(paragraph[start : boundary.start()].strip())
        start = boundary.end()
    if paragraph[start:].strip():
        parts.append(paragraph[start:].strip())
    return parts


def is_german(text: str) -> bool:
    """A German release (decimal commas, "Mio. EUR"): counts a few function words no English release uses."""
    words = re.findall(
        r"\b(?:der|die|das|und|mit|von|des|werden|wurde|sind|einer|eine|für|zum|zur|beträgt|prozent|euro"
        r"|wandel\w*|anleihe\w*|schuldverschreibung\w*|kupon|zinssatz)\b",
        text[:6000],
        re.IGNORECASE,
    )
    return len(words) >= GERMAN_MIN_WORDS
