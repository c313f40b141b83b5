"""This offering's size: the base principal (not the purchasers' option, proceeds, an older series or a total
that includes the exercised option), the option itself, and the currency the amounts are written in."""

from __future__ import annotations

import re

from watchers.converts.context import MIN_OFFERING_AMOUNT, Context
from watchers.converts.numbers import Money
from watchers.converts.sections import Unit
from watchers.converts.series import TWO_SERIES, is_older_series

_I = re.IGNORECASE
#: How far after an amount "which includes ... the exercise of the option" may follow.
TOTAL_WINDOW_CHARS = 320
_NOTES_WORD = re.compile(
    r"\b(?:notes?|bonds?|debentures?|converts|convertibles|offering|placement|principal|wandel\w*|anleihe\w*"
    r"|schuldverschreibung\w*)\b",
    _I,
)
_PRINCIPAL_AFTER = re.compile(
    r"^\s*(?:(?:in|of)\s+)?(?:the\s+)?(?:aggregate\s+|total\s+|original\s+)*principal\s+(?:amount|of\b)"
    r"|^\s*(?:of\s+|in\s+)?(?:its\s+|their\s+|the\s+|an?\s+|new\s+|upsized\s+|green\s+)*(?:[\d.,]+\s?%\s+)?"
    # the words between are the notes' description, never another deal's ("$9.7 Billion AI Cloud Contract and
    # Convertible Notes Pricing")
    r"(?:(?!(?:and|contract|deal|lease|agreement|with|plus|from)\b)[\w-]+\s+){0,5}?"
    r"(?:notes?|bonds?|debentures|converts|convertibles|offering|placement|wandel\w*|anleihe\w*|schuldverschreibung\w*)\b",
    _I,
)
_PRINCIPAL_BEFORE = re.compile(
    r"(?:principal\s+amount\s*(?:of|to|at|totals?|is|was|:)?|offering\s+(?:size|amount)|(?:stands|totals?|total\s+of)"
    r"|totall?ing|worth|valued\s+at|amounting\s+to|in\s+the\s+amount\s+of|aggregating"
    r"|(?:upsized|increased|raised|enlarged)\s+(?:\w+\s+){0,4}?to|size\s+of|issue\s+(?:of\s+)?|sale\s+of"
    r"|offering\s+of|placement\s+of|principal\s+of|(?:gesamt)?nennbetrag\s+(?:von|in\s+höhe\s+von)|volumen\s+von"
    r"|im\s+(?:wert|umfang)\s+von|in\s+höhe\s+von|über|von)\s*(?:insgesamt\s+)?"
    r"(?:approximately\s+|about\s+|up\s+to\s+|rund\s+|etwa\s+|ca\.\s+|knapp\s+)?$",
    _I,
)
#: Words just before an amount that make it something else than this offering's base size.
_NOT_PRINCIPAL_BEFORE = re.compile(
    r"\b(?:additional|further|extra|another|proceeds\s+(?:of|were|will\s+be|from\s+\w+\s+\w+)\s+(?:approximately\s+|about\s+)?|\bby|\bfrom"
    r"|originally|initially\s+announced|previously\s+announced\s+(?:\w+\s+){0,4}|repurchas\w*\s+(?:\w+\s+){0,4}"
    r"|including|includes|included|zusätzlich\w*|weitere\w*|um\s+bis\s+zu|up\s+to|or)\s*(?:approximately\s+|about\s+)?$",
    _I,
)
_NOT_PRINCIPAL_AFTER = re.compile(
    r"^\s*(?:more\b|of\s+additional|additional|in\s+(?:net\s+|gross\s+)?proceeds|(?:\w+\s+)?option\b"
    r"|(?:registered\s+|concurrent\s+|underwritten\s+)?(?:of\s+)?(?:its\s+)?(?:common[\s-]+stock|ordinary[\s-]+shares?|shares?"
    r"|equity|ads|stock)\b)",
    _I,
)
_TOTAL_WITH_OPTION = re.compile(
    r"\b(?:includ\w*|consist\w*\s+of|compris\w*|made\s+up\s+of)\b(?:[^.]|\.(?=\d)){0,160}?"
    r"\b(?:option|over-?allotment|greenshoe)\b",
    _I,
)
#: Just before an amount: "taking the total to", "bringing the aggregate principal to", "for a total of".
_TOTAL_BEFORE = re.compile(
    r"\b(?:taking|bringing|brings|takes|raising|lifting|for)\s+(?:the\s+)?(?:total|aggregate)(?:\s+\w+){0,3}?\s+"
    r"(?:to|of)\s+(?:approximately\s+|about\s+)?$",
    _I,
)
_CALLED_BASE = re.compile(r"\s*base\s+(?:amount|offering|deal|size|issue)\b", _I)
#: The words that name a closing's base deal ("base offering", "initial tranche").
_BASE_DEAL = r"(?:base|initial|firm)\s+(?:offering|deal|issue|notes|amount|size|tranche)\b"
#: "totals $550 million: the $500 million base offering …": an amount followed by the base amount is the total.
_BASE_AFTER_TOTAL = re.compile(
    r"^[^.$€]{0,20}?(?:(?:US)?\$|€)\s?[\d.,]+\s*(?:million|billion|bn|mn|m|b)?\s+" + _BASE_DEAL, _I
)
#: A sentence that explains the total just stated: "That figure includes …", "The issue comprises the $1.5 billion …".
_EXPLAINS_TOTAL = re.compile(
    r"^\s*(?:that|the|this)\s+(?:figure|total|amount|issue|sum|offering|deal)\s+(?:\w+\s+){0,2}?"
    r"(?:includ\w*|combin\w*|reflect\w*|compris\w*|consist\w*|is\s+made\s+up)\b",
    _I,
)
#: Right after an amount: the base deal a closing's total is made of ("the $550 million base deal", "the $1.5
#: billion of notes priced on February 22").
_BASE_AFTER = re.compile(
    r"^\s*(?:" + _BASE_DEAL + r"|(?:of\s+(?:the\s+)?notes\s+)?"
    r"(?:that\s+were\s+|originally\s+|first\s+)?priced\s+(?:on|in|at|last)\b)",
    _I,
)
_PROCEEDS_UNIT = re.compile(r"\b(?:net|gross)\s+proceeds\b|\bproceeds\s+(?:of|from|were|will)\b", _I)
_PRINCIPAL_LABEL = re.compile(
    r"^(?:(?:aggregate\s+|total\s+)?principal(?:\s+amount)?|(?:offering|issue|deal)\s+size|size|amount|"
    r"base\s+(?:offering|size|deal|issue|amount)|(?:notes|securities)\s+offered|"
    r"(?:gesamt)?nennbetrag|emissionsvolumen|volumen)\b",
    _I,
)
_OPTION_UNIT = re.compile(
    r"\b(?:option|greenshoe|over-?allotment|additional\s+notes|aufstockung|erhöhung|(?:initial\s+)?purchasers|underwriters"
    r"|buyers|investors|right\s+to\s+(?:buy|purchase|take))\w*",
    _I,
)
_OPTION_WORD = re.compile(r"\b(?:option|greenshoe|over-?allotment|aufstockungsoption|erhöhungsoption)\b", _I)
_OPTION_BEFORE = re.compile(
    r"\b(?:additional|further|extra|another|um\s+bis\s+zu|weitere\w*|zusätzlich\w*|includ\w+|option\s+(?:for|of|on)"
    r"|(?:option\s+to|(?:can|may|could)\s+(?:also\s+)?)\s*(?:add|buy|purchase|acquire|sell)\s+(?:up\s+to\s+)?"
    r"|(?:raised|increased)\s+to)\s*(?:an\s+)?(?:additional\s+|extra\s+)?(?:approximately\s+|about\s+)?$",
    _I,
)
_OPTION_AFTER = re.compile(
    r"^\s*(?:that\s+|which\s+)?the\s+(?:initial\s+)?(?:purchasers|underwriters)\s+(?:[\w-]+\s+){0,6}?option\b"
    r"|^\s*(?:of\s+(?:additional\s+)?notes\s+)?(?:sold|issued)\s+(?:when|after|as|upon)\s+(?:the\s+)?(?:initial\s+)?"
    r"(?:purchasers|underwriters)\s+exercised\b"
    r"|^\s*greenshoe\b|^\s*(?:from|under|via|through)\s+the\s+(?:initial\s+)?(?:purchasers?'?|underwriters?'?)\s+"
    r"(?:greenshoe\s+|over-?allotment\s+|purchase\s+)?option\b"
    r"|^\s*(?:more|additional|(?:in|of)\s+(?:the\s+)?additional|(?:initial\s+)?(?:purchasers?'?|underwriters?'?)?\s*"
    r"(?:greenshoe|over-?allotment|purchase)?\s*option\b|(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+of\s+"
    r"(?:the\s+)?(?:additional\s+)?(?:notes\s+)?(?:issued|sold)\s+(?:pursuant|upon|in\s+connection)"
    r"|(?:of\s+)?(?:additional\s+)?notes\s+(?:issued|sold)\s+(?:pursuant|upon)"
    r"|of\s+(?:further|extra)\s+notes\b)",  # "may take up as much as $150 million of further notes"
    _I,
)

#: A sentence about the deal as first launched, before it was upsized.
_AS_FIRST_LAUNCHED = re.compile(r"\b(?:first|initially|originally)\s+(?:launched|announced|marketed|proposed)\b", _I)
_OPTION_LABEL = re.compile(r"^(?:.*\b(?:option|greenshoe|over-?allotment)\b)", _I)


def read_principal(context: Context) -> Money | None:
    """This offering's base size: an amount stated as the notes' principal, else as the offering's size. When the
    release prices two series, the first series' own amount (the headline's sum is no series' size)."""
    if any(TWO_SERIES.search(unit.text) for unit in context.parts) and (own := _series_own_amount(context)):
        return own
    if called_base := _called_the_base(context):
        return called_base
    fallback: Money | None = None
    totals = _totals_with_option(context)
    for unit in context.current():
        if not (
            _NOTES_WORD.search(unit.text) or _PRINCIPAL_LABEL.match(unit.label) or _EXPLAINS_TOTAL.match(unit.text)
        ):
            continue
        for money in context.money(unit.text):
            before, after = unit.text[: money.start], unit.text[money.end :]
            if money.value < MIN_OFFERING_AMOUNT or money.value in totals:
                continue
            if totals and _BASE_AFTER.match(after) and not is_older_series(before[-100:] + after[:100], context.series):
                return money  # a closing's total was stated: its base deal is the principal
            if _not_principal(unit, before, after, context):
                continue
            if _PRINCIPAL_AFTER.match(after) or _PRINCIPAL_BEFORE.search(before[-60:]):
                return money
            if unit.label and _PRINCIPAL_LABEL.match(unit.label) and unit.text.endswith(unit.value):
                return money
            if fallback is None and unit.line == 0 and not _OPTION_WORD.search(before):
                fallback = money
    return fallback


def _series_own_amount(context: Context) -> Money | None:
    """Of a release pricing two series, the amount stated for this series: "$653,000,000 each", "a 0.25% series
    due 2032 ($1.0 billion)", "$900 million … of 0.25% notes due 2032"."""
    year = str(context.series.year) if context.series.year is not None else None
    for unit in context.current():
        found = context.money(unit.text)
        for index, money in enumerate(found):
            # the words between this amount and its neighbours: its own series is named there
            previous = found[index - 1].end if index else 0
            following = found[index + 1].start if index + 1 < len(found) else len(unit.text)
            before = unit.text[max(previous, money.start - 40) : money.start]
            after = unit.text[money.end : min(following, money.end + 120)]
            if money.value < MIN_OFFERING_AMOUNT or _PROCEEDS_UNIT.search(before + after):
                continue
            if _OPTION_WORD.search(unit.text[max(0, money.start - 50) : money.start]):
                continue
            if re.match(r"\s*(?:principal\s+amount\s+)?each\b", after, _I):
                return money
            if year and (re.search(r"\b" + year + r"\b", after) or re.search(r"\b" + year + r"\b[^\d]{0,6}$", before)):
                return money
    return None


def _called_the_base(context: Context) -> Money | None:
    """An amount the release calls the base ("Notes sold: $400M base amount plus $60M from the option"): that is
    the principal, whatever total the headline gives."""
    for unit in context.current():
        if "base" not in unit.text.lower():
            continue
        for money in context.money(unit.text):
            after = unit.text[money.end :]
            if money.value >= MIN_OFFERING_AMOUNT and _CALLED_BASE.match(after):
                if not is_older_series(unit.text[max(0, money.start - 100) : money.end + 100], context.series):
                    return money
    return None


def _totals_with_option(context: Context) -> set[float]:
    """Amounts the release says include the exercised option: not the base size wherever else they appear. The
    saying may be the next sentence ("$650 million in total. That figure includes the purchasers' option …")."""
    totals: set[float] = set()
    current = list(context.current())
    for index, unit in enumerate(current):
        following = current[index + 1].text if index + 1 < len(current) else ""
        if _EXPLAINS_TOTAL.match(following) and _OPTION_WORD.search(following):
            totals.update(money.value for money in context.money(unit.text))
        exercised = re.search(r"\bexercis\w*", unit.text, _I) is not None
        for money in context.money(unit.text):
            after = unit.text[money.end : money.end + TOTAL_WINDOW_CHARS]
            if exercised and _TOTAL_BEFORE.search(unit.text[: money.start]):
                totals.add(money.value)  # "… exercised their option to buy a further $60 million, taking the total to"
            if (
                _TOTAL_WITH_OPTION.search(after)
                and re.search(r"\bexercis\w*", after, _I)
                or _BASE_AFTER_TOTAL.match(after)
            ):
                totals.add(money.value)
    return totals


def _not_principal(unit: Unit, before: str, after: str, context: Context) -> bool:
    if _NOT_PRINCIPAL_BEFORE.search(before[-60:]) or _NOT_PRINCIPAL_AFTER.match(after):
        return True
    if _PROCEEDS_UNIT.search(before[-80:]) or re.match(r"^\s*(?:per\s+share|a\s+share)", after, _I):
        return True
    if is_older_series(before[-100:] + after[:100], context.series):
        return True
    return bool(_OPTION_WORD.search(before[-50:]) and not re.search(r"principal\s+amount\s+of\s*$", before, _I))


def read_option(context: Context) -> float | None:
    """The purchasers' option for additional notes (the greenshoe), offered or exercised."""
    for unit in context.current():
        if not (_OPTION_UNIT.search(unit.text) or _OPTION_LABEL.match(unit.label) or "additional" in unit.text.lower()):
            continue
        if _AS_FIRST_LAUNCHED.search(unit.text):
            continue  # "The deal was first launched at $500 million with a $75 million greenshoe": before the upsize
        for money in context.money(unit.text):
            before, after = unit.text[: money.start], unit.text[money.end :]
            if money.value < MIN_OFFERING_AMOUNT or _PROCEEDS_UNIT.search(before[-60:]):
                continue
            names_option = re.match(r"\s*(?:greenshoe|over-?allotment|(?:purchase\s+)?option)\b", after, _I)
            if (
                re.search(r"\b(?:if|assuming)\b[^.]{0,80}$", before[-80:], _I)
                and "proceeds" in unit.text.lower()
                and not names_option  # "… if buyers take up the full $150 million greenshoe" names the option
            ):
                continue
            if _OPTION_BEFORE.search(before[-40:]) or _OPTION_AFTER.match(after):
                if _OPTION_UNIT.search(unit.text) or "additional" in before[-40:].lower() + after[:20].lower():
                    return money.value
            if _OPTION_LABEL.match(unit.label):
                return money.value
    return None


def read_currency(context: Context, principal: Money | None) -> str | None:
    """The currency the money terms are written in (ISO code), None when the text states no amount."""
    if principal is not None:
        return principal.currency
    for unit in context.parts:
        if found := context.money(unit.text):
            return found[0].currency
    return None
