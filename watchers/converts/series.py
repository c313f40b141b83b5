"""Which notes a release is about: the new series (its due year and coupon as the headline or first mention
gives them) told apart from older series the same release repurchases, exchanges or refinances; and the
release's stage (launch, pricing, closing)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchers.converts.numbers import NUMBER, parse_number
from watchers.converts.sections import Unit
from watchers.converts.types import CLOSING, LAUNCH, PRICING, UNKNOWN

_I = re.IGNORECASE
#: The word before a due year: "due 2030", "fällig 2029", "maturing in 2032", "that mature in 2031".
_DUE = r"(?:due|fällig\w*|(?:that\s+|which\s+)?matur(?:ing|es?)(?:\s+on)?)"
_INSTRUMENT = (
    r"(?:notes|bonds|debentures|convertibles|wandelschuldverschreibungen|wandelanleihen?|anleihen?"
    r"|schuldverschreibungen)"
)
#: "1.375% Convertible Senior Notes due 2030", "convertible notes due 2031", "Notes due 2029".
_MENTION = re.compile(
    r"(?:(?<![\w.,])(?P<coupon>" + NUMBER + r")\s?(?:%|percent\b|prozent\b)[\s-]+)?"
    r"(?P<name>(?:(?!due\b|of\b|and\b|the\b)[A-Za-z][\w-]*[\s-]+){0,7}?"
    + _INSTRUMENT
    + r")\s+"
    + _DUE
    + r"\s+(?:in\s+)?"
    r"(?:[A-Za-zä]+\.?\s+)?(?:\d{1,2},?\s+)?(?P<year>20\d\d)\b",
    _I,
)
#: The due year before the notes: "US$650 million of 2026 convertible senior notes", "$650 million of 2031
#: convertibles"; and one of two series: "a 0.25% series due 2032".
_YEAR_FIRST_MENTION = re.compile(
    r"(?:(?<![\w.,])(?P<coupon>" + NUMBER + r")\s?(?:%|percent\b)\s+)?(?<![\w.,$€-])(?P<year>20\d\d)\s+"
    r"(?P<name>(?:convertible|exchangeable)\s+(?:senior\s+)?(?:(?:unsecured|secured)\s+)?(?:notes|bonds|debentures)"
    r"|convertibles)\b"
    r"|(?<![\w.,])(?P<coupon2>" + NUMBER + r")\s?(?:%|percent\b)\s+(?P<name2>series)\s+" + _DUE + r"\s+(?:in\s+)?"
    r"(?P<year2>20\d\d)\b",
    _I,
)
_YEAR_BEFORE_NOTES = re.compile(r"\b20\d\d\s+(?:convertible|exchangeable)", _I)
#: "... notes due 2030 remain outstanding": a series the issuer already has.
_STILL_OUTSTANDING = re.compile(
    r"\W*(?:\([^)]{0,40}\)\s*)?(?:that\s+|which\s+)?(?:remain|are|were|stay)\s+outstanding", _I
)
_OUTSTANDING_AFTER = re.compile(
    r"\b"
    + _INSTRUMENT
    + r"\s+(?:due\s+(?:in\s+)?20\d\d\s+)?(?:that\s+|which\s+)?(?:remain|are|were|stay)\s+outstanding",
    _I,
)
_DUE_YEAR = re.compile(r"\b" + _DUE + r"\s+(?:in\s+)?(?:[A-Za-zä]+\.?\s+)?(?:\d{1,2},?\s+)?20\d\d\b", _I)
_YEAR_SERIES = re.compile(
    r"\b(?:" + _INSTRUMENT + r"\s+due\s+(?:in\s+)?(?P<a>20\d\d)|(?P<b>20\d\d)\s+(?:convertible\s+|exchangeable\s+)?"
    r"(?:senior\s+)?" + _INSTRUMENT + r"|" + _DUE + r"\s+(?:in\s+)?(?P<c>20\d\d))\b",
    _I,
)
#: Words that make the notes they qualify an older series ("its existing 1.50% convertible senior notes").
_OLDER = re.compile(
    r"\b(?:existing|outstanding|previously\s+issued|current|own|bestehend\w*|ausstehend\w*)\s+"
    # the words between describe notes, never other holders ("cushion existing holders against dilution when notes")
    r"(?:(?!(?:share|stock)?holders?\b|against\b|when\b|if\b|as\b|because\b)[\w.,%$-]+\s+){0,5}?" + _INSTRUMENT + r"\b",
    _I,
)
_REPURCHASE = re.compile(
    r"\b(?:repurchas\w*|exchang(?:e|ed|ing)\s+(?:of|for)|refinanc\w*|redeem\w*|redemption\s+of|retir\w*|repay\w*"
    r"|buy(?:ing|s)?\s+back|swap\w*)\b[^.]{0,40}$",
    _I,
)
_STAGE_WORDS = (
    (
        CLOSING,
        re.compile(
            r"\b(?:clos(?:ing|es|ed)\s+(?:of|on)|announces\s+closing|complet(?:es|ed|ion\s+of)|abgeschlossen|closes)\b",
            _I,
        ),
    ),
    (
        PRICING,
        re.compile(
            r"\b(?:pric(?:ing|es|ed)|sets\s+(?:the\s+)?terms|set\s+the\s+terms|platziert\w*|platzierung"
            r"|successfully\s+placed|upsized|fixed\s+the\s+terms|festgelegt)\b",
            _I,
        ),
    ),
    (
        LAUNCH,
        re.compile(
            r"\b(?:propos(?:ed|es|ing)|launch(?:es|ed)?|intends?\s+to\s+offer|plans?\s+to\s+offer|intention\s+to\s+"
            r"(?:offer|issue)|commences?\s+(?:an?\s+|its\s+)?(?:\w+\s+)?offering|announces\s+(?:an?\s+)?(?:\$[\d.,]+\s+\w+\s+)?offering|plant|beabsichtigt)\b",
            _I,
        ),
    ),
)
#: Release text read for the stage: the headline and the first sentences.
STAGE_CHARS = 600


@dataclass(frozen=True)
class Series:
    """The new notes: due year and coupon where the release's first mention of them states them."""

    year: int | None = None
    coupon: float | None = None
    name: str = ""


#: "repurchase, exchange or retirement of its 2% convertible notes": the issuer's own, hence older, notes.
_REPURCHASED_OWN = re.compile(
    r"\b(?:repurchas\w*|exchang(?:e|ed|ing)|retire\w*|retirement|redeem\w*|redemption|refinanc\w*|repay\w*|pay\s+off)"
    r"\s+(?:[\w,]+\s+){0,6}?(?:its|their|our|the\s+company's)\s+(?:[\w.,%$-]+\s+){0,5}?" + _INSTRUMENT + r"\b",
    _I,
)


#: A release that prices two series at once ("two series of convertible notes", "each series", "both series").
TWO_SERIES = re.compile(r"\b(?:two|both|each)\s+(?:new\s+)?series\b|\bof\s+each\s+series\b", _I)


def new_series_list(parts: list[Unit]) -> list[Series]:
    """The new series a release offers: first, the first mention of convertible notes with a due year (else of any
    notes with one) that is not about an older series; then, when the release says it prices two series, each
    other due year it names for new notes, with the coupon a mention of that year gives."""
    located = _new_mentions(parts)
    mentions = [series for series, _ in located]
    convertible = [m for m in located if re.search(r"convertible|exchangeable|wandel", m[0].name, _I)]
    first, where = (convertible or located or [(Series(), -1)])[0]
    told = {index for index, unit in enumerate(parts) if TWO_SERIES.search(unit.text)}
    if first.year is None or not told:
        return [first]
    found = [first]
    # the other series is named where the first is, or where the release says there are two (an older series the
    # release buys back is named elsewhere)
    for mention, index in convertible + located:
        if index in told | {where} and all(mention.year != known.year for known in found):
            coupon = next((m.coupon for m in mentions if m.year == mention.year and m.coupon is not None), None)
            found.append(Series(mention.year, coupon, mention.name))
    return found


def _new_mentions(parts: list[Unit]) -> list[tuple[Series, int]]:
    """Every mention of notes with a due year in the release's first sentences that is not about an older
    series, in the order written, with the index of its sentence."""
    mentions = []
    for index, unit in enumerate(parts[:12]):
        if not _A_YEAR.search(unit.text) or not (_DUE_YEAR.search(unit.text) or _YEAR_BEFORE_NOTES.search(unit.text)):
            continue  # the mention pattern is costly; most sentences name no due year
        found = [*_MENTION.finditer(unit.text), *_YEAR_FIRST_MENTION.finditer(unit.text)]
        for match in sorted(found, key=lambda match: match.start()):
            if (
                _OLDER.search(unit.text[max(0, match.start() - 40) : match.end()])
                or _REPURCHASE.search(unit.text[max(0, match.start() - 60) : match.start()])
                or _STILL_OUTSTANDING.match(unit.text, match.end())
            ):
                continue
            key = "" if match.groupdict().get("year") else "2"
            coupon = None
            if match["coupon" + key]:
                start = match.start("coupon" + key)
                ranged = re.search(r"(?:-|to|between|and)\s*$", unit.text[max(0, start - 12) : start], _I)
                coupon = None if ranged else parse_number(match["coupon" + key].replace(",", "."))
            mentions.append((Series(int(match["year" + key]), coupon, match["name" + key]), index))
    return mentions


_A_YEAR = re.compile(r"20\d\d")
#: Every `_OLDER`, `_REPURCHASED_OWN` and `_OUTSTANDING_AFTER` match holds one of these (lower-cased).
_OLDER_WORDS = (
    "existing",
    "outstanding",
    "previously",
    "current",
    "own",
    "bestehend",
    "ausstehend",
    "repurchas",
    "exchang",
    "retir",
    "redeem",
    "redemption",
    "refinanc",
    "pay",  # also "repay"
)


def is_older_series(text: str, series: Series) -> bool:
    """True when `text` is about notes other than the new series: it names another due year and not the new
    one, or speaks of existing / outstanding notes without naming the new year."""
    # every sentence of a release is asked: cheap substring checks first, the patterns only where they can match
    years = {int(y) for m in _YEAR_SERIES.finditer(text) for y in m.groups() if y} if _A_YEAR.search(text) else set()
    if series.year is not None and series.year in years:
        return False
    if series.year is not None and years - {series.year}:
        return True
    lowered = text.lower()
    if not any(word in lowered for word in _OLDER_WORDS):
        return False
    return bool(_OLDER.search(text) or _REPURCHASED_OWN.search(text) or _OUTSTANDING_AFTER.search(text))


def stage_of(text: str) -> str:
    """Launch, pricing or closing, from the headline (else the first sentences)."""
    lines = text.split("\n")
    headline = next((line for line in lines if not re.match(r"^\s*exhibit\s+[\d.]+\s*$", line, _I)), "")
    for scope in (headline, text[:STAGE_CHARS]):
        for stage, words in _STAGE_WORDS:
            if words.search(scope):
                return stage
    return UNKNOWN
