"""Which figures in a deal announcement are this deal's: the MW it covers, its base-term value, its initial term.

A release states many numbers — campus totals, extension options, cumulative backlogs, annual revenue, financings,
purchase prices. Each reader here takes the deal's sentences and keeps the figure the text gives for the deal
itself, or None; nothing is computed.
"""

from __future__ import annotations

import re

from watchers.deals import amounts

#: Smaller dollar amounts are share prices or fees, never what an AI/HPC deal is worth.
MIN_CONTRACT_USD = 100_000.0


#: Words before a figure that make it not this deal's ("bringing total contracted capacity to 500 MW").
_NOT_THIS_DEAL = re.compile(
    r"\b(?:(?:bring(?:s|ing)?|brought)\s+(?:the\s+|its\s+|our\s+)?(?:[\w\-]+'s\s+)?(?:total|cumulative|aggregate|combined)|rais(?:e|es|ing|ed)|increas(?:es|ing|ed)|lift(?:s|ing)?|tak(?:es|ing)(?!\s+(?:an?\s+)?(?:initial\s+|additional\s+)?(?:[\d$~]|$))|now|combined|"
    r"cumulative|portfolio|across(?!\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+)?(?:[\d~]|$))|backlog|pipeline|potential(?:ly)?|could|would|up\s+to|extensions?|"
    r"renewals?|options?|if|annual(?:ized|ly)?|per\s+year|NOI|net\s+operating\s+income|prepay\w*|financ\w*|notes|"
    r"loan|(?:credit|loan|revolving|term|debt)\s+facility|backstop\w*|guarant\w*|capex|capital\s+expenditures?|"
    r"costs?|invest(?!ment[- ]grade)\w*|"
    r"market\s+cap\w*|"
    r"shares?|warrants?|future|cross(?:es|ed|ing)|surpass\w*|exceed\w*|tops|topp\w*|expan(?:d|sion)\s+to|expandable|scalable|growing\s+to|exclusivity|right\s+of\s+first)\b"
    r"(?:[^.;]|\.(?=\d)){0,45}$",  # the cue's reach; a decimal point ("$1.4 billion") does not end it
    re.IGNORECASE,
)


#: Words after a figure that make it a rate or a total, not the contract value / capacity.
_RATE_AFTER = re.compile(
    r"^\s*(?:[\w\-]+\s+){0,3}?(?:per\s+(?:MW|megawatt|share|year|annum|kWh|month)|a\s+year|annually|in\s+annual|"
    r"of\s+annual|annual\s+revenue|in\s+(?:NOI|capex)|NOI|of\s+(?:NOI|capex|financing|debt|notes)|backstop|"
    r"(?:in\s+)?(?:project\s+)?financing|notes|loan|prepayment|with\s+(?:the\s+)?extensions?|if\s+\w+\s+(?:extension|renewal)|"
    r"including\s+(?:the\s+)?extensions?|in\s+total\s+(?:contract|contracted)|total\s+contract|of\s+total|pipeline)",
    re.IGNORECASE,
)


_TERM_NOT_INITIAL = re.compile(
    r"^\s*(?:extension|renewal|option|extend|renew|anniversary|high|low|old|history|track|warrants?|treasury|plan)",
    re.IGNORECASE,
)


_TERM_BEFORE_NOT = re.compile(r"\b(?:additional|optional|renewal|extension)\s+$", re.IGNORECASE)


_MW_NOT_SITE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:campus|portfolio|pipeline|of\s+(?:total\s+)?(?:power\s+)?capacity\s+across)", re.I
)


_OVER_YEARS = re.compile(
    r"\b(?:over|for|spanning|across)\s+(?:a\s+period\s+of\s+|an?\s+initial\s+|the\s+(?:initial\s+|first\s+|next\s+)?)?"
    r"(?:(?P<digits>\d{1,2})|(?P<word>" + "|".join(amounts.NUMBER_WORDS) + r"))\s+years?\b",
    re.IGNORECASE,
)


def first_mw(scope: list[str], kind: str | None) -> tuple[float | None, float | None]:
    """(mw, mw_gross): the first critical-IT figure (with a gross one beside it), else the first plain figure;
    never a campus, portfolio or option total (for an acquisition the site's stated capacity is the figure)."""
    critical: float | None = None
    gross: float | None = None
    plain: float | None = None
    for sentence in scope:
        for mention in amounts.megawatt_mentions(sentence):
            before, after = sentence[: mention.start], sentence[mention.end :]
            if _TOTAL_TO.search(before):
                continue  # a running total, even of critical IT load
            exercised = _EXERCISED.search(before)
            if (
                _NOT_THIS_DEAL.search(before)
                and not exercised
                and not re.search(r"\bcritical\s+IT\b", after[:30], re.I)
            ):
                continue  # an option, extension or pipeline figure (an exercised option states critical IT)
            if kind != "acquisition" and (_MW_NOT_SITE.match(after) or re.search(r"\b(?:campus|total)\s+$", before)):
                continue
            if mention.critical_it and critical is None:
                critical = mention.value
            elif mention.gross and gross is None:
                gross = mention.value
            elif not mention.critical_it and not mention.gross and plain is None:
                plain = mention.value
    if critical is not None:
        return critical, gross
    return (plain if plain is not None else gross), None


#: "expands total contracted capacity to 500 MW", "total leased capacity rises to 600 MW".
_TOTAL_TO = re.compile(
    r"\btotal\b[^.;]{0,60}\b(?:to|of)\s+(?:approximately\s+|about\s+|roughly\s+|over\s+|more\s+than\s+|~)?$", re.I
)
#: "exercises its option for 112 MW": the option's MW is the deal's.
_EXERCISED = re.compile(r"\bexercis\w*\s+(?:\w+\s+){0,3}?options?\b[^.;]{0,40}$", re.IGNORECASE)
_STATED_VALUE = re.compile(
    r"\b(?:contract(?:ed)?\s+(?:value|revenue)|valued\s+at|worth|total\s+(?:contract\s+)?value|value\s+of|"
    r"revenue\s+of|base\s+rent\s+of|rent\s+of|consideration|purchase\s+price|for\s+(?:a\s+total\s+of\s+)?(?:approximately\s+|about\s+)?$|"
    r"^\s+(?:in|of)\s+(?:base[- ]term\s+|initial[- ]term\s+)?(?:contracted\s+|contract\s+|lease\s+)?revenue)",
    re.IGNORECASE,
)


#: "lifts total critical IT to 400 MW and contracted lease revenue to about $11 billion": a running total.
_RUNNING_TOTAL_TO = re.compile(
    r"\b(?:lifts?|lifting|brings?|bringing|raises?|raising|increases?|increasing|takes?|taking|boosts?|boosting)\b"
    r"(?:[^.;]|\.(?=\d)){0,160}?\b(?:revenue|backlog|value|total|agreements|contracts|commitments?)\s+to\s+"
    r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+|~)?$"
    # "CoreWeave partnership swells to $6.7 billion"
    r"|\b(?:swell(?:s|ed|ing)?|climb(?:s|ed|ing)?|grow(?:s|ing)?|grew|rises?|rising|rose)\s+to\s+(?:about\s+|~)?$",
    re.IGNORECASE,
)
#: Just before an amount: another, older deal's ("an earlier $6.2 billion contract", "its existing $3 billion lease").
_EARLIER_DEAL = re.compile(r"\b(?:an|the|its|their)\s+(?:earlier|previous|prior|existing|first)\s+$", re.IGNORECASE)
#: After an amount: "or as much as $8.7 billion should both renewal options be used", "with lease extensions".
_EXTENSION_TOTAL_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:should|if|with|assuming|including|once|when)\b[^.;]{0,50}?\b(?:options?|extensions?|renewals?)\b",
    re.IGNORECASE,
)
_PURCHASE_NEAR = re.compile(r"\b(?:paid|pay|purchase|acqui\w+|bought|buy\w*|sale\s+of|selling)\b", re.IGNORECASE)


def contract_value(scope: list[str], kind: str | None) -> float | None:
    """The base-term value: an amount the text calls the contract's value first, else the first plain amount;
    never an extension total, a rate, a financing, or (for a lease, cloud deal or partnership) a purchase price."""
    candidates: list[tuple[int, int, float]] = []
    fallback: float | None = None
    # When the news is an option being exercised, "the option adds $2 billion" is this deal's value.
    exercised = any(re.search(r"\bexercis\w*\s+(?:\w+\s+){0,3}?options?\b", s, re.IGNORECASE) for s in scope)
    for position, sentence in enumerate(scope):
        for value, start, end in amounts.money_mentions(sentence):
            before, after = sentence[:start], sentence[end:]
            if value < MIN_CONTRACT_USD or _RATE_AFTER.match(after) or _EXTENSION_TOTAL_AFTER.match(after):
                continue
            if _RUNNING_TOTAL_TO.search(before):
                continue  # "lifts … contracted lease revenue to about $11 billion": a total, not this deal
            if _EARLIER_DEAL.search(before):
                continue  # "builds on an earlier $6.2 billion contract": another deal's value
            other = _NOT_THIS_DEAL.search(before)
            # what a purchase costs is its value ("will buy 1,080 H200 GPUs at a cost of $43.9 million")
            bought_at = (
                kind in ("hardware", "acquisition") and other is not None and other[0].lower().startswith("cost")
            )
            if other and not (exercised and other[0].lower().startswith("option")) and not bought_at:
                if re.search(r"\bup\s+to\s*$", before) and not re.search(r"\b(?:extension|renewal|option)", sentence):
                    fallback = fallback if fallback is not None else value
                continue
            near = sentence[max(0, start - 40) : end + 30]
            if (
                kind not in ("acquisition", "hardware")
                and _PURCHASE_NEAR.search(near)
                and not _STATED_VALUE.search(near)
            ):
                continue
            stated = _STATED_VALUE.search(sentence[max(0, start - 40) : start]) or _STATED_VALUE.match(after)
            candidates.append((0 if stated else 1, position, value))
    if candidates:
        chosen = min(candidates)[2]
        # the same amount told twice ("$53M" in the headline, "$53.2 million" in the lede): the more precise
        same = [value for _, _, value in candidates if abs(value - chosen) <= 0.01 * chosen]
        return max(same, key=lambda value: len(f"{value:.0f}".rstrip("0")))
    return fallback


def term_years(scope: list[str]) -> int | None:
    """The initial term in years ("10-year", "a term of 12 years", "over five years"); never an extension's."""
    for sentence in scope:
        found = amounts.term_mentions(sentence) + [
            (int(m["digits"]) if m["digits"] else amounts.NUMBER_WORDS[m["word"].lower()], m.start(), m.end())
            for m in _OVER_YEARS.finditer(sentence)
        ]
        for years, start, end in sorted(found, key=lambda item: item[1]):
            if _TERM_NOT_INITIAL.match(sentence[end:]) or _TERM_BEFORE_NOT.search(sentence[:start]):
                continue
            if 1 <= years <= 30:
                return years
    return None
