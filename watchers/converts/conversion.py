"""The conversion terms: rate (shares per $1,000), price, premium and the reference price it is measured against,
and the capped call's cap price; each from the sentence, list item or table row that states it."""

from __future__ import annotations

import re

from watchers.converts.context import MAX_SHARE_PRICE, Context, is_range, words
from watchers.converts.numbers import NUMBER, PERCENT
from watchers.converts.sections import Unit

_I = re.IGNORECASE
#: How far before a premium its cue ("conversion price", "cap price") is looked for.
CUE_WINDOW_CHARS = 300
#: "$1,000", "US$1,000", "EUR 1,000", "1,000 dollars": the principal a conversion rate is quoted per.
_ONE_THOUSAND = r"(?:(?:U\.?S\.?\s?\$|US\$|\$|EUR\s?|€\s?)\s?1[,.]?000\b|1[,.]?000\s+(?:dollars|euros?|usd|eur)\b)"
_SHARES_PER_1000 = re.compile(
    r"(?<![\w.,$€])(?P<num>" + NUMBER + r")\s+(?:[\w'-]+\s+){0,8}?(?:shares?|ads|adss|american\s+depositary\s+shares"
    r"|units?|aktien)\b[^$€\d]{0,80}?\b(?:per|for\s+(?:each|every)|of\s+each|every|je|pro)\s+(?:each\s+)?"
    + _ONE_THOUSAND,
    _I,
)
_EACH_1000_CONVERTS = re.compile(
    r"\b(?:each|every|per|one|a\s+single)\s+" + _ONE_THOUSAND + r"[^$€\d]{0,80}?"
    r"\b(?:convert\w*|exchange\w*|swap\w*|entitle\w*|into|receive|for)\b[^$€\d]{0,40}?(?<![\w.,])(?P<num>"
    + NUMBER
    + r")\s+(?:[\w'-]+\s+){0,6}?(?:shares?|ads|adss|aktien)\b",
    _I,
)
_RATE_AFTER_CUE = re.compile(
    r"\b(?:conversion|exchange)\s+(?:rate|ratio)" + words(60) + r"(?<![\w.,])(?P<num>" + NUMBER + r")\s+"
    r"(?:[\w'-]+\s+){0,8}?(?:shares?|ads|adss|american\s+depositary|units?)\b",
    _I,
)
_RATE_PATTERNS = (_RATE_AFTER_CUE, _SHARES_PER_1000, _EACH_1000_CONVERTS)
_PER_SHARE = re.compile(
    r"\s*(?:per|a|each|for\s+each|je)\s+(?:\w+\s+){0,2}?(?:share|ads|american\s+depositary|aktie|unit)", _I
)
_NOT_RATE = re.compile(r"\b(?:maximum|increase\w*|make-?whole|additional\s+shares|adjust\w*\s+to)\s*$", _I)

_PRICE_CUE = re.compile(
    r"\b(?:conversion|exchange|wandlungs|umtausch|wandel)[\s-]?(?:price|preis)\b" + words(70) + r"$", _I
)
_CONVERTIBLE_AT = re.compile(
    r"\b(?:convertible|convert\w*|conversion|exchangeable|exchange|swap\w*)\s+(?:[\w,]+\s+){0,6}?at\s+"
    r"(?:an?\s+(?:fixed\s+|initial\s+)?(?:conversion\s+)?price\s+of\s+|the\s+equivalent\s+of\s+|about\s+|approximately\s+"
    r"|roughly\s+|around\s+)*$",
    _I,
)
#: Right after a conversion rate: "(equivalent to ... $26.21 per share)", "equal to about $187.77 a share", or
#: only a comma and "roughly".
_AFTER_RATE_PRICE = re.compile(
    r"^[^$€\d%]{0,90}?(?:equivalent|equal|corresponding|i\.e\.|or|impl(?:ied|ying|ies)|\(|entspricht|which\s+(?:is|represents"
    r"|works\s+out\s+to|translates\s+(?:in)?to|amounts\s+to|corresponds\s+to|means))"
    r"[^$€\d%]{0,60}$"
    # "67.2767 shares, roughly $14.86 a share"
    r"|^[^$€\d%]{0,60}?\s*[,–—-]\s*(?:roughly|about|approximately|around|some)\s+$",
    _I,
)
#: A sentence after the conversion rate that states its price: "That equals $28.34 per ADS", "This works out to
#: about $16.20 a share".
_PRICE_FROM_RATE = re.compile(
    r"^\s*(?:that|this|it|which)\s+(?:equals|is\s+equal\s+to|is\s+equivalent\s+to|works\s+out\s+to|corresponds\s+to"
    r"|amounts\s+to|represents|implies|translates\s+(?:in)?to)\s+(?:an?\s+(?:initial\s+)?conversion\s+price\s+of\s+)?"
    r"(?:approximately\s+|about\s+|roughly\s+|around\s+)?(?:US)?\$\s?[\d.,]+(?=\s*(?:per|a|each)\s+(?:share|ADS))",
    _I,
)
_NOT_PRICE_BEFORE = re.compile(r"\d\s?%\s+of\s+(?:the\s+)?(?:applicable\s+)?(?:conversion|exchange)\s+price", _I)

_PREMIUM = re.compile(
    r"\bpremium\s+(?:of\s+|equal\s+to\s+|was\s+|is\s+|:\s*)?(?:approximately\s+|about\s+|roughly\s+|around\s+)?"
    r"(?P<a>" + NUMBER + r")\s?(?:%|percent\b|per\s+cent\b)"
    r"|(?<![\w.,])(?P<b>" + NUMBER + r")\s?(?:%|percent\b|per\s+cent\b)\s+(?:initial\s+)?(?:conversion\s+)?premium\b"
    r"|(?<![\w.,])(?P<c>" + NUMBER + r")\s?(?:%|percent\b|per\s+cent\b|prozent\b)\s+(?:higher\s+than|above|over|über)\b"
    r"|\b(?:(?:wandlungs)?prämie|aufschlag)\s+(?:von\s+|in\s+höhe\s+von\s+|beträgt\s+|liegt\s+bei\s+|:\s*)?(?:rund\s+|etwa\s+|ca\.\s+)?(?P<d>"
    + NUMBER
    + r")\s?"
    r"(?:%|prozent\b)",
    _I,
)
_PREMIUM_LABEL = re.compile(
    r"^(?:(?:initial\s+)?(?:conversion\s+|exchange\s+)?premium|(?:wandlungs)?prämie|aufschlag)\b", _I
)
_CONVERSION_WORDS = re.compile(r"\b(?:conversion|exchange|wandlung\w*|convert\w*)", _I)
#: Words that point back at the price just stated ("This price is about 37.5% higher than ...").
_POINTING_BACK = re.compile(
    r"\b(?:this|that|the\s+said)\s+(?:conversion\s+)?price\b|\bwhich\s+(?:represents|is)\b"
    r"|^\s*(?:this|that|it)\s+(?:represents|reflects|equals|amounts\s+to|is)\b"
    r"|^\s*the\s+(?:initial\s+)?(?:conversion\s+)?premium\b",
    _I,
)
_CAP_WORDS = re.compile(r"\b(?:cap(?:ped)?|warrants?|strike|call\s+spread|hedge)\b", _I)
_REFERENCE_CUE = re.compile(
    r"\b(?:(?:last|closing)\s+(?:reported\s+)?(?:sale\s+|sales\s+|trading\s+)?price|(?:stock|share)\s+price|price\s+of\s+"
    r"(?:the\s+)?(?:\w+\s+){0,3}?(?:common\s+stock|shares?|ads)|reference\s+(?:share\s+)?price|public\s+offering\s+"
    r"price|referenz\w*|schlusskurs\w*|aktienkurs\w*|closing\s+price|offering\s+price|vwap|volume[\s-]+weighted\s+average\s+(?:sale\s+|trading\s+)?price|close|closed|closing"
    r"|reported\s+(?:nyse\s+|nasdaq\s+)?sale|changed\s+hands|trad(?:ed|ing)\s+at|stood)\b",
    _I,
)
#: A reference price named the way the premium sentences name it, wherever its figure is given.
_SAME_REFERENCE = re.compile(
    r"\b(?:last\s+reported\s+sale\s+price|closing\s+(?:sale\s+)?price|reference\s+price)\b", _I
)
_REFERENCE_LABEL = re.compile(
    r"^(?:reference\s+(?:share\s+|stock\s+)?price|last\s+(?:reported\s+)?sale\s+price|closing\s+(?:share\s+)?price)\b",
    _I,
)
_NOT_REFERENCE = re.compile(r"\bpre-?market\b|\bafter-?hours\b|\bintraday\b", _I)

_CAP_PRICE = re.compile(
    r"(?:\b(?:cap\s+price|capped\s+at|upper\s+strike(?:\s+price)?)"
    + words(90)
    + r"|(?<!market\s)\bcap\s+(?:\w+\s+){0,2}?"
    r"(?:at|of|is|be|equal\s+to)\s+(?:approximately\s+|about\s+|initially\s+)?|\bcapped[\s-]+calls?\b"
    + words(60)
    + r"\b(?:up\s+to|to|at|of)\s+(?:approximately\s+|about\s+|roughly\s+)?)$",
    _I,
)

_CAP_LABEL = re.compile(r"^(?:(?:initial\s+)?cap(?:ped\s+call)?(?:\s+price)?)\b", _I)


def read_conversion_rate(context: Context) -> float | None:
    """Shares per $1,000 principal."""
    for unit in context.current():
        labelled = bool(re.match(r"^(?:(?:initial\s+)?(?:conversion|exchange)\s+(?:rate|ratio))\b", unit.label, _I))
        for pattern in _RATE_PATTERNS:
            for match in pattern.finditer(unit.text):
                if _NOT_RATE.search(unit.text[max(0, match.start() - 40) : match.start("num")]):
                    continue
                value = context.number(match["num"])
                if 0 < value < 100_000 and not (1900 < value < 2100 and "." not in match["num"]):
                    return value
        if labelled and (number := re.search(r"(?<![\w.,$€])(" + NUMBER + r")\b", unit.value)):
            return context.number(number[1])
    return None


def read_conversion_price(context: Context) -> float | None:
    """The price per share at which the notes convert (or exchange), as stated."""
    stated_rate = False
    for unit in context.current():
        labelled = bool(
            re.match(r"^(?:(?:initial\s+)?(?:conversion|exchange|wandlungs?)\s*(?:price|preis))", unit.label, _I)
        )
        rate_ends = [m.end() for pattern in _RATE_PATTERNS for m in pattern.finditer(unit.text)]
        if stated_rate and (says := _PRICE_FROM_RATE.match(unit.text)):
            values = context.money(says[0])
            if values and values[-1].value < MAX_SHARE_PRICE:
                return values[-1].value  # "… 35.2867 ADSs per US$1,000. That equals $28.34 per ADS, …"
        stated_rate = bool(rate_ends)
        for money in context.money(unit.text):
            before = unit.text[: money.start]
            if _NOT_PRICE_BEFORE.search(before[-60:]) or _CAP_WORDS.search(before[-25:]):
                continue
            if money.value >= MAX_SHARE_PRICE:
                continue  # a deal size ("convertible debt sale at $690 million"), not a price per share
            if _PRICE_CUE.search(before[-80:]) or _CONVERTIBLE_AT.search(before[-60:]):
                return money.value
            per_share = _PER_SHARE.match(unit.text, money.end)
            if per_share and any(
                end <= money.start and _AFTER_RATE_PRICE.match(unit.text[end : money.start]) for end in rate_ends
            ):
                return money.value
        if labelled and (values := context.money(unit.value)):
            return values[0].value
    return None


def read_premium_and_reference(context: Context) -> tuple[float | None, float | None]:
    """The conversion premium and the share price it is measured against, from the sentence that states the
    conversion (or exchange) premium, never from the capped call's cap premium or a warrant's."""
    previous = ""
    for unit in context.current():
        for match in _PREMIUM.finditer(unit.text):
            start = max(0, match.start() - CUE_WINDOW_CHARS)
            before = unit.text[start : match.start()]
            cue = max((m.end() for m in _CONVERSION_WORDS.finditer(unit.text[start : match.end()])), default=-1)
            bad = max((m.end() for m in _CAP_WORDS.finditer(before)), default=-1)
            if bad > cue:
                continue
            pointing = _POINTING_BACK.search(before) is not None and _CONVERSION_WORDS.search(previous) is not None
            if cue == -1 and not pointing and not _PREMIUM_LABEL.match(unit.label):
                continue
            number = _premium_group(match)
            if is_range(unit.text, match.start(number), match.end(number)):
                return None, None
            premium = context.number(match[number], percent=True)
            reference = _reference(context, unit.text, match) or _restated_reference(
                context, premium, unit, match.end()
            )
            return premium, reference
        if _PREMIUM_LABEL.match(unit.label) and (value := PERCENT.search(unit.text, len(unit.text) - len(unit.value))):
            premium = context.number(value["num"], percent=True)
            return premium, _reference(context, unit.text, value) or _labelled_reference(context)
        previous = unit.text
    return None, None


def _premium_group(match: re.Match[str]) -> str:
    """Which of `_PREMIUM`'s alternatives matched: the name of the group holding the figure."""
    return next(group for group in ("a", "b", "c", "d") if match[group])


def _restated_reference(context: Context, premium: float, unit: Unit, after: int) -> float | None:
    """The share price of a later mention of the same premium ("a 30% conversion premium: the conversion price of
    $16.81 is 30% above the share price of $12.93"), else of a "Reference price: $9.38" item."""
    units = context.about_new_series
    for later in units[units.index(unit) :]:
        for match in _PREMIUM.finditer(later.text, after if later is unit else 0):
            if context.number(match[_premium_group(match)], percent=True) != premium:
                continue
            if found := _reference(context, later.text, match):
                return found
    return _labelled_reference(context)


def _labelled_reference(context: Context) -> float | None:
    """A list item or table row that names the reference price: "Reference price: $9.38"."""
    for unit in context.current():
        if _REFERENCE_LABEL.match(unit.label) and (values := context.money(unit.value)):
            if values[0].value < MAX_SHARE_PRICE:
                return values[0].value
    return None


def _reference(context: Context, text: str, premium: re.Match[str]) -> float | None:
    """The share price in the premium's sentence: after the premium ("over the last reported sale price of
    $18.39"), else before it ("Measured against the $40.15 closing price, ... a premium of 30%"). When the
    sentence names the price without its figure ("over the last reported sale price on May 6"), the figure the
    release gives that same price elsewhere."""
    after = text[premium.end() :]
    for money in context.money(after):
        span = after[: money.start]
        window = after[max(0, money.start - 200) : money.end + 60]
        if _CAP_WORDS.search(span) or _PRICE_CUE.search(span[-80:]):
            break  # the rest of the sentence is about the cap (or another price)
        if money.value < MAX_SHARE_PRICE and _REFERENCE_CUE.search(window) and not _NOT_REFERENCE.search(window):
            return money.value
    before = text[: premium.start()]
    for money in reversed(context.money(before)):
        window = before[max(0, money.start - 60) : money.end + 60]
        if _PRICE_CUE.search(before[: money.start][-80:]) or _CONVERTIBLE_AT.search(before[: money.start][-60:]):
            continue
        if money.value < MAX_SHARE_PRICE and _REFERENCE_CUE.search(window) and not _NOT_REFERENCE.search(window):
            return money.value
    named = _REFERENCE_CUE.search(after[:120])
    if named is None or _NOT_REFERENCE.search(after[:120]):
        return None
    for unit in context.current():
        for money in context.money(unit.text):
            window = unit.text[max(0, money.start - 60) : money.end + 60]
            if money.value < MAX_SHARE_PRICE and _SAME_REFERENCE.search(window) and not _NOT_REFERENCE.search(window):
                return money.value
    return None


def read_cap_price(context: Context) -> float | None:
    """The capped call's initial cap price."""
    for unit in context.current():
        for money in context.money(unit.text):
            if money.value < MAX_SHARE_PRICE and _CAP_PRICE.search(unit.text[: money.start][-110:]):
                return money.value
        if _CAP_LABEL.match(unit.label) and (values := context.money(unit.value)):
            return values[0].value
    return None
