"""The terms of one convertible-notes offering from a release's text: each term from the sentence or list item
that states it, in any of the ways releases write it (issuer releases, newswire and aggregator rewrites, 8-K
Item 1.01 descriptions, key-terms lists and tables, German newswire). A term the text does not state is None:
no guess and no arithmetic from the other terms.

Two kinds of distractor are left out throughout: amounts and terms of an older note series the release also
mentions (repurchased, exchanged or refinanced "2026 notes"), and figures that belong to something else (the
purchasers' option, proceeds, the capped call's cap premium, price talk ranges).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from watchers.converts.amounts import read_currency, read_option, read_principal
from watchers.converts.context import Context, is_range, words
from watchers.converts.conversion import (
    read_cap_price,
    read_conversion_price,
    read_conversion_rate,
    read_premium_and_reference,
)
from watchers.converts.numbers import DATE, NUMBER, PERCENT, date_from_match
from watchers.converts.sections import is_german, normalize_text, units
from watchers.converts.series import new_series_list, stage_of
from watchers.converts.types import LAUNCH, ConvertTerms

_I = re.IGNORECASE
#: A release is read up to here (a long one has some 3,000 words; its terms come early).
MAX_TEXT_CHARS = 100_000
#: Longest use-of-proceeds sentence we keep.
MAX_USE_OF_PROCEEDS_CHARS = 600
#: Coupons above this are no coupon (a conversion threshold such as "130% of the conversion price").
MAX_COUPON_PCT = 25.0

_COUPON_BEFORE_NOTES = re.compile(
    r"(?<![\w.,])(?P<num>" + NUMBER + r")\s?(?:%|percent\b|per\s+cent\b|prozent\b)[\s-]+"
    r"(?:(?!of\b|the\b|premium\b|stake\b|over\b|above\b|to\b|in\b|from\b|on\b|and\b)[A-Za-z][\w-]*[\s-]+){0,7}?"
    r"(?:notes|bonds|debentures|convertibles|converts|wandel\w*|anleihe\w*)\b"
    r"|(?<![\w.,])(?P<num2>" + NUMBER + r")\s?(?:%|percent\b|prozent\b)\s+(?:annual\s+|fixed\s+|cash\s+|yearly\s+)?"
    r"(?:interest(?:\s+rate)?|coupon)\b",
    _I,
)
_COUPON_CUE = re.compile(
    r"\b(?:interest(?:\s+rate)?|coupon(?:\s+rate)?|kupon|zinssatz|zinskupon|zins|verzinst|verzinsung|bear\w*|accrue\w*"
    r"|pay\w*)\b",
    _I,
)
_COUPON_AFTER_CUE = re.compile(
    r"\b(?:interest(?:\s+rate)?|coupon(?:\s+rate)?|kupon|zinssatz|zinskupon|jährlichen\s+zins|verzinst|verzinsung)"
    + words(60)
    + r"(?<![\w.,])(?P<num>"
    + NUMBER
    + r")\s?(?:%|percent\b|per\s+cent\b|prozent\b)",
    _I,
)
_COUPON_PER_ANNUM = re.compile(
    r"(?<![\w.,])(?P<num>"
    + NUMBER
    + r")\s?(?:%|percent\b|prozent\b)\s+(?:per\s+(?:annum|year)|a\s+year|annually|p\.\s?a\.|jährlich|pro\s+jahr)",
    _I,
)
_ZERO_COUPON = re.compile(
    r"\bzero[\s-]coupon\b|\b(?:will|do|does|shall)\s+not\s+(?:bear|pay|carry|accrue)\s+(?:regular\s+|any\s+|periodic\s+)?"
    r"interest\b|"
    r"\bnon-?interest[\s-]bearing\b|\bno\s+(?:regular|conventional|cash|stated|periodic|ongoing)?\s*interest\b|\bbear\s+no\s+(?:regular\s+)?interest\b|\bneither\s+(?:series|note)\s+(?:bears|pays|carries)\s+(?:regular\s+)?interest\b|\bunverzinslich\b|\bnullkupon\b",
    _I,
)
_NOT_COUPON = re.compile(
    r"\b(?:sofr|libor|euribor|plus|spread|special\s+interest|additional\s+interest|default|effective|yield|accrete"
    r"|accretion|step[\s-]up|increase[sd]?\s+to)\b|\+",
    _I,
)
_MATURITY_CUE = re.compile(
    r"\b(?:matur\w*|due|fällig\w*|fälligkeit\w*|endfälligkeit|laufzeit\s+bis(?:\s+zum)?|rückzahlung\w*)\b", _I
)
_MATURITY_LABEL = re.compile(r"^(?:(?:final\s+)?maturity(?:\s+date)?|due|tenor|term|fälligkeit|laufzeit)\b", _I)
_YEAR_AFTER_CUE = re.compile(
    r"\b(?:matur(?:e|es|ing|ity)(?:\s+date)?\s+(?:(?:is|will\s+be|of|falls)\s+)?(?:in\s+)?|due\s+(?:in\s+)?"
    r"|fällig\w*\s+(?:im\s+(?:jahr\s+)?|in\s+)?|laufzeit\s+bis\s+(?:zum\s+)?|fälligkeit\s+(?:im\s+)?)"
    r"(?:(?:[a-zä]+\.?\s+)?)(?P<year>20\d\d)\b",
    _I,
)
_YEAR_BEFORE_CUE = re.compile(r"\b(?P<year>20\d\d)\s+(?:fällig\w*|maturity)\b", _I)
_MATURITY_NEAR = re.compile(r"(?:matur\w*|due|fällig\w*|fälligkeit|laufzeit\s+bis)\b(?=[^\d]{0,40}$)", _I)
_NOT_MATURITY_NEAR = re.compile(
    r"\b(?:convert\w*|redeem\w*|redemption|repurchas\w*|put|prior\s+to|before|after|until|from|beginning|starting"
    r"|commencing|payable|on\s+or\s+after|settle\w*|clos\w*|dated)\b",
    _I,
)
_MATURITY_AFTER = re.compile(
    r"\s*(?:fällig|zurückgezahlt|\(?(?:the\s+)?[\"']?maturity|[^\d]{0,30}\bmaturity\s+date\b|[^\d]{0,20}\b(?:as|is)\s+"
    r"(?:the\s+)?maturity)",
    _I,
)
_USE_OF_PROCEEDS = re.compile(
    r"\b(?:(?:intends?|expects?|plans?|anticipates?|will|to|means?)\s+(?:to\s+)?(?:use|allocate|apply|put|spend|invest)"
    r"|(?:be|are|is|were)\s+(?:used|intended|meant|earmarked|set\s+aside)|will\s+(?:go|fund|pay|be\s+applied|be\s+allocated)"
    r"|earmark\w*|set\s+aside|verwend\w*|einsetzen|nutzen|stecken|dienen"
    r"|put\s+[^.]{0,40}\bproceeds\s+(?:into|toward|towards|to|on))\b",
    _I,
)
#: What money raised is for: a release that says this about its proceeds states their use.
_PURPOSE = re.compile(
    r"\b(?:general\s+corporate|working\s+capital|capped[\s-]+calls?|(?:note\s+)?hedges?|repay\w*|repurchas\w*|buy\w*\s+back"
    r"|refinanc\w*|redeem\w*|redemption|pay\s+(?:off|down|for)|fund\w*|financ\w*|acquisition\w*|capital\s+expenditure\w*"
    r"|data[\s-]+cent\w*|gpus?|build[\s-]?out|expansion|unternehmenszweck\w*|refinanzierung|rückzahlung|finanzierung"
    r"|investitionen|ausbau|liquidity|balance\s+sheet|bilanz|finanzierungskosten)\b",
    _I,
)
_PROCEEDS_WORD = re.compile(r"\b(?:proceeds|the\s+money|funds\s+raised|erlös\w*|nettoerlös\w*|emissionserlös\w*)\b", _I)
#: Money raised put to a use without the word "proceeds": an amount of it, or "them", used, applied or earmarked;
#: "$48 million of that went to repurchasing …"; "The balance funds …", "Whatever is left is earmarked for …".
_USES_AN_AMOUNT = re.compile(
    r"\b(?:intends?|expects?|plans?|anticipates?|is)\s+(?:to\s+)?(?:use|using|apply|applying|allocate|allocating|put|putting"
    r"|spend|spending)\s+"
    r"(?:(?:approximately|about|around|roughly|some)\s+)?(?:(?:US)?\$|€|USD\s|EUR\s)\s?[\d.,]+|"
    r"\b(?:intends?|expects?|plans?)\s+to\s+use\s+(?:them|it|the\s+(?:net\s+)?(?:funds|money|amount))\b|"
    r"(?:(?:US)?\$|€)\s?[\d.,]+\s*(?:million|billion|bn|mn|m|b)?\s+(?:(?:of\s+(?:it|that|them)|of\s+the\s+\w+)\s+)?"
    r"(?:will\s+be|is|was|are|were)\s+(?:used|earmarked|applied|allocated|set\s+aside)\b|"
    r"\b(?:used|applying|applied)\s+(?:(?:approximately|about|around|roughly|some)\s+)?(?:(?:US)?\$|€)\s?[\d.,]+"
    r"[^.]{0,30}?\bto\s+(?:fund|pay|buy|repurchase|repay|cover)\b|"
    r"(?:(?:US)?\$|€)\s?[\d.,]+\s*(?:million|billion|bn|mn|m|b)?\s+(?:of\s+(?:it|that|this|them|the\s+\w+)\s+)?"
    r"(?:went|goes|will\s+go|is\s+going|was\s+put|were\s+put)\s+(?:to|toward|towards|into)\b|"
    r"\b(?:the\s+(?:balance|remainder|rest)|whatever\s+(?:is\s+)?(?:left|remains))\s+(?:of\s+(?:it|that|the\s+\w+)\s+)?"
    r"(?:is\s+|will\s+|would\s+)?(?:funds?|go(?:es)?|be\s+used|used|earmarked|intended|allocated|put)\b",
    _I,
)
#: A sentence that states the proceeds; the next one may say what they are for without naming them again.
_NET_PROCEEDS = re.compile(r"\b(?:net|gross)\s+proceeds\b|\bnettoerlös\w*", _I)
_TO_DO = re.compile(
    r"\bto\s+(?:buy|purchase|acquire|build|expand|cover|settle)\b|\bfor\s+(?:buying|purchasing|acquiring|building"
    r"|expanding|covering|settling)\b",
    _I,
)
_USE_LABEL = re.compile(r"^(?:use\s+of\s+proceeds|proceeds|mittelverwendung|verwendung)\b", _I)


def parse_convert_terms(text: str) -> ConvertTerms:
    """Read the terms of a convertible-notes offering from a press release's plain text (of a release that prices
    two series, the first series': `parse_convert_series` reads each)."""
    return parse_convert_series(text)[0]


def parse_convert_series(text: str) -> list[ConvertTerms]:
    """The terms of every new series a release offers, the first series first: one for most releases, two for
    "two series of convertible notes: a 0.25% series due 2032 … and a 1.00% series due 2033 …"."""
    text = normalize_text(text[:MAX_TEXT_CHARS])
    parts = units(text)
    german = is_german(text)
    return [_read_terms(text, Context(parts, series, german)) for series in new_series_list(parts)]


def _read_terms(text: str, context: Context) -> ConvertTerms:
    """Every term of the series `context` is about."""
    stage = stage_of(text)
    principal = read_principal(context)
    coupon = _coupon(context)
    premium, reference = read_premium_and_reference(context)
    maturity, year = _maturity(context)
    terms = ConvertTerms(
        principal_usd=principal.value if principal else None,
        option_usd=read_option(context),
        coupon_pct=coupon,
        maturity=maturity,
        maturity_year=year,
        conversion_rate=read_conversion_rate(context),
        conversion_price_usd=read_conversion_price(context),
        premium_pct=premium,
        reference_price_usd=reference,
        cap_price_usd=read_cap_price(context),
        use_of_proceeds=_use_of_proceeds(context),
        currency=read_currency(context, principal),
        stage=stage,
        exchangeable=bool(re.search(r"\bexchangeable\b", text.split("\n")[0] + " " + context.series.name, _I)),
        upsized=bool(re.search(r"\b(?:upsized|upsize|increased\s+(?:the\s+)?(?:size|from))\b", text, _I)),
    )
    return terms if stage != LAUNCH else _launch_terms(terms)


def _launch_terms(terms: ConvertTerms) -> ConvertTerms:
    """A launch sets no premium over a reference price yet: one without the other is a quote, not a term."""
    if terms.premium_pct is None:
        return replace(terms, reference_price_usd=None)
    return terms


def _coupon(context: Context) -> float | None:
    """The annual interest rate of the new notes; 0 for zero-coupon notes; None for floating rates, price
    talk ranges and rates not yet set."""
    if context.series.coupon is not None:
        return context.series.coupon
    for unit in context.current():
        if _ZERO_COUPON.search(unit.text):
            return 0.0
        candidates = []
        if _COUPON_CUE.search(unit.text) or re.match(r"^(?:coupon|interest|kupon|zins)", unit.label, _I):
            candidates += list(_COUPON_AFTER_CUE.finditer(unit.text)) + list(_COUPON_PER_ANNUM.finditer(unit.text))
            if re.match(r"^(?:coupon|interest|kupon|zins)", unit.label, _I):
                candidates += list(PERCENT.finditer(unit.value and unit.text[-len(unit.value) :]))
        candidates += list(_COUPON_BEFORE_NOTES.finditer(unit.text))
        for match in sorted(candidates, key=lambda m: m.start()):
            group = "num" if match.groupdict().get("num") else "num2"
            value = context.number(match[group], percent=True)
            if value > MAX_COUPON_PCT or is_range(unit.text, match.start(group), match.end(group)):
                continue
            if _NOT_COUPON.search(unit.text[max(0, match.start() - 60) : match.end() + 40]):
                continue
            return value
    return None


def _maturity(context: Context) -> tuple[date | None, int | None]:
    """(maturity date, maturity year): the date when one is stated for the new notes, the year also when only
    "due 2031" or "mature in 2032" is."""
    year = context.series.year
    for unit in context.current():
        labelled = bool(_MATURITY_LABEL.match(unit.label))
        if not (labelled or _MATURITY_CUE.search(unit.text)):
            continue
        for match in DATE.finditer(unit.text):
            before = unit.text[max(0, match.start() - 70) : match.start()]
            cue = max((m.end() for m in _MATURITY_NEAR.finditer(before)), default=-1)
            other = max((m.end() for m in _NOT_MATURITY_NEAR.finditer(before)), default=-1)
            cue_after = _MATURITY_AFTER.match(unit.text, match.end())
            if not (cue > other or cue_after or (labelled and unit.text.endswith(unit.value))):
                continue
            found = date_from_match(match)
            if found is not None and (year is None or found.year == year):
                return found, found.year
        stated = _YEAR_AFTER_CUE.search(unit.text) or _YEAR_BEFORE_CUE.search(unit.text)
        if year is None and stated:
            year = int(stated["year"])
        if year is None and labelled and (bare := re.search(r"\b(20\d\d)\b", unit.value)):
            year = int(bare[1])
    return None, year


def _use_of_proceeds(context: Context) -> str | None:
    """The sentence (or "Use of proceeds:" item) saying what the money is for; else one that says what an amount
    of it, or "them", will be used for without the word "proceeds" ("It intends to use approximately $48.9 million
    to fund the capped calls", "Around $460 million will be used to repurchase shares")."""
    previous = ""
    for unit in context.parts:
        says_what_for = bool(_USE_OF_PROCEEDS.search(unit.text) or _PURPOSE.search(unit.text))
        if says_what_for and (_USE_LABEL.match(unit.label) or _PROCEEDS_WORD.search(unit.text)):
            return unit.text[:MAX_USE_OF_PROCEEDS_CHARS]
        if _USE_OF_PROCEEDS.search(unit.text) and _PURPOSE.search(unit.text) and _NET_PROCEEDS.search(previous):
            return unit.text[:MAX_USE_OF_PROCEEDS_CHARS]  # "Net proceeds should be … The company plans to …"
        previous = unit.text
    for unit in context.parts:  # the use may be an older series ("$48 million of that went to repurchasing …")
        use = _USES_AN_AMOUNT.search(unit.text)
        if use and (_PURPOSE.search(unit.text, use.start()) or _TO_DO.search(unit.text, use.start())):
            return unit.text[:MAX_USE_OF_PROCEEDS_CHARS]
    return None
