"""Numbers in deal announcements: dollar amounts, megawatts, contract terms and GPU counts.

Each reader takes one sentence and returns what that sentence states, or None. Nothing is computed from
other figures: "$3.7 billion over ten years" gives a value and a term, never an annual rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Scale words after a dollar figure ("$9.7 billion", "US$1.4bn", "$46M").
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
#: Number words used for terms ("five-year") and counts ("two data halls").
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
}
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: "approximately", "~", "more than" … before a figure: the figure is still the one stated.
HEDGE = r"(?:(?:approximately|approx\.|about|around|roughly|nearly|almost|over|more\s+than|some|~|c\.)\s*)?"

_MONEY = re.compile(
    r"(?<![\w$])(?P<currency>US\$|U\.S\.\s?\$|USD\s?|\$|C\$|CA\$|CAD\s?|A\$|AU\$|AUD\s?|€|EUR\s?|£|GBP\s?)\s?"
    + _NUMBER
    + r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn|mm|tn|[bmk])\b)?",
    re.IGNORECASE,
)
_USD_SIGNS = ("$", "us$", "u.s.$", "u.s. $", "usd")
#: A code before a bare "$" that makes it another dollar ("CAD $46 million", "A $12 million").
_OTHER_DOLLAR = re.compile(r"\b(?:CAD|CA|AUD|AU|NZD|NZ|HKD|HK|SGD|S|C|A)\s?$")
#: German amounts: the scale and the currency after the figure, a decimal comma ("9,7 Milliarden US-Dollar",
#: "3 Mrd. Dollar", "53,2 Mio. USD").
_MONEY_DE = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<decimals>\d+))?\s?"
    r"(?P<scale>Milliarden|Mrd\.?|Millionen|Mio\.?|Billionen)\s+(?:US-?\s?Dollar|Dollar|USD|US\$|\$)(?![\w-])"
)
_SCALES_DE = {"milliarden": 1e9, "mrd": 1e9, "millionen": 1e6, "mio": 1e6, "billionen": 1e12}

_MW = re.compile(
    HEDGE
    + r"(?<![\w.])"
    + _NUMBER
    + r"(?:\s|-)?(?:(?:incremental|additional|new|more)\s+)?(?P<unit>megawatts?|MW|gigawatts?|GW)\b",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:(?P<digits>\d{1,2})|(?P<word>" + _WORD_NUMBER + r"))(?:\s|-)(?:year|yr)s?\b",
    re.IGNORECASE,
)
_TERM_OF = re.compile(
    r"\b(?:term|period|duration)\s+of\s+(?:approximately\s+|about\s+)?(?:(?P<digits>\d{1,2})|(?P<word>"
    + _WORD_NUMBER
    + r"))\s+years?\b",
    re.IGNORECASE,
)
#: German number words for terms ("zehnjährige", "Laufzeit von fünf Jahren").
GERMAN_NUMBER_WORDS = {
    "ein": 1,
    "einem": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "fünfundzwanzig": 25,
}
_GERMAN_WORD = "|".join(sorted(GERMAN_NUMBER_WORDS, key=len, reverse=True))
#: "zehnjährige", "15-jährigen", "(Basis|Grund)laufzeit von 15 Jahren", "über eine Laufzeit von fünf Jahren".
_TERM_DE = re.compile(
    r"\b(?:(?P<digits>\d{1,2})-?|(?P<word>" + _GERMAN_WORD + r"))jährig\w*"
    r"|\b(?:Grund|Basis|Erst)?[Ll]aufzeit\s+von\s+(?:rund\s+|etwa\s+)?(?:(?P<digits2>\d{1,2})|(?P<word2>"
    + _GERMAN_WORD
    + r"))\s+Jahren\b",
    re.IGNORECASE,
)
#: A term of ten years told as a decade: "decade-long", "over a decade", "for a decade" (not "the past decade").
_DECADE = re.compile(r"\b(?:decade[- ]long|(?:over|for|spanning|across)\s+(?:a|one)\s+decade)\b", re.IGNORECASE)
_GPU_COUNT = re.compile(
    HEDGE + r"(?<![\w.$])(?P<count>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?[kK]|\d+)\s+"
    r"(?!(?:MW|megawatts?|GW|gigawatts?|percent|million|billion|thousand|years?|months?)\b)"
    r"(?:(?:additional|new|next-generation|liquid-cooled|high-performance|state-of-the-art)\s+)*"
    r"(?P<model>(?:NVIDIA|Nvidia|AMD)?[\w\s\-]{0,40}?)\s*(?:GPUs|graphics\s+processing\s+units|GPU\s+chips|accelerators"
    r"|AI\s+chips)\b",
)
#: GPU families as vendors name them; the vendor prefix is kept when the text gives it.
_GPU_MODEL = re.compile(
    r"\b(?:(?P<vendor>NVIDIA|Nvidia|AMD)(?:'s)?\s)?(?P<model>(?:HGX|DGX|GB|GH)\s?[A-Z]?\d{3}[A-Za-z]?(?:\s?NVL\d+)?"
    r"|(?:H|B|A|L)\d{2,3}[A-Z]?(?:\s?NVL\d*)?|GB\d{3}|Vera\s+Rubin|Rubin(?:\s+CPX)?|Blackwell(?:\s+Ultra)?|Hopper"
    r"|Instinct\s+MI\d{3}[A-Z]?|MI\d{3}[A-Z]?)\b"
)
#: Words that make a GPU-model match something else ("A100" is also a road, "L40" a form): a model needs a
#: vendor, or GPUs / chips / systems beside it.
_VENDOR_BEFORE = re.compile(r"\b(NVIDIA|Nvidia|AMD)(?:'s)?\s+(?:[a-z][\w\-]*\s+){0,3}$")
_GPU_CONTEXT = re.compile(r"\b(?:GPUs?|chips?|systems?|servers?|clusters?|accelerators?|superchips?)\b", re.I)


_FLEET_BEFORE = re.compile(
    r"\b(?:ran|runs|running|operat\w+|fleet|installed\s+base|in\s+total|owns|owned|already\s+(?:has|had)|had)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


_FLEET_AFTER = re.compile(r"\s*(?:across|in\s+total|fleet)", re.IGNORECASE)
_CRITICAL_AFTER = re.compile(r"\s*(?:\(mw\)\s*)?(?:of\s+)?(?:critical\s+)?it\b")
_GROSS_AFTER = re.compile(r"\s*(?:of\s+)?(?:gross|total\s+power|utility\s+power)")


@dataclass(frozen=True)
class Megawatts:
    """One MW figure and what the sentence says it is."""

    value: float
    critical_it: bool  # "of critical IT load / capacity", "IT load"
    gross: bool  # "gross", "of gross capacity", "total power"
    start: int
    end: int


def _number(digits: str, decimals: str | None) -> float:
    return float(digits.replace(",", "") + (decimals or ""))


def money_mentions(sentence: str) -> list[tuple[float, int, int]]:
    """US-dollar amounts in a sentence as (value, start, end); other currencies are skipped."""
    found = []
    for match in _MONEY.finditer(sentence):
        currency = match["currency"].strip().lower()
        if currency not in _USD_SIGNS or _OTHER_DOLLAR.search(sentence[: match.start()]):
            continue  # "CAD $3.5 billion" is not US dollars
        value = _number(match[2], match[3])
        scale = (match["scale"] or "").lower()
        if scale in ("m", "b", "k") and match["scale"] != match["scale"].upper():
            # "$5 m" is rare; "$5 b" in prose is a typo; a lone lower-case letter is most often a word start.
            if not re.match(r"[mbk]\b", sentence[match.start("scale") :]):
                scale = ""
        found.append((value * _SCALES.get(scale, 1.0), match.start(), match.end()))
    for match in _MONEY_DE.finditer(sentence):
        value = float(match["digits"].replace(".", "") + "." + (match["decimals"] or "0"))
        found.append((value * _SCALES_DE[match["scale"].rstrip(".").lower()], match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def megawatt_mentions(sentence: str) -> list[Megawatts]:
    """MW figures in a sentence (gigawatts in MW), each marked critical IT or gross when the words say so."""
    found = []
    for match in _MW.finditer(sentence):
        value = _number(match[1], match[2])
        if match["unit"].lower().startswith(("g",)):
            value *= 1000.0
        after = sentence[match.end() : match.end() + 40].lower()
        before = sentence[max(0, match.start() - 25) : match.start()].lower()
        critical = (
            bool(re.match(r"\s*(?:\(mw\)\s*)?(?:of\s+)?(?:critical\s+)?it\b", after))
            or "critical it" in after[:25]
            or bool(re.match(r"\s*(?:an\s+)?kritische[nr]?\s+it", after))  # "168 MW kritische IT-Last"
        )
        gross = bool(_GROSS_AFTER.match(after)) or "gross" in before or "brutto" in before + after[:10]
        found.append(Megawatts(value, critical, gross and not critical, match.start(), match.end()))
    return found


def term_mentions(sentence: str) -> list[tuple[int, int, int]]:
    """Contract terms in years as (years, start, end): "10-year", "five-year", "a term of 12 years", "decade-long"."""
    found = []
    for pattern in (_TERM, _TERM_OF):
        for match in pattern.finditer(sentence):
            years = int(match["digits"]) if match["digits"] else NUMBER_WORDS[match["word"].lower()]
            found.append((years, match.start(), match.end()))
    found += [(10, match.start(), match.end()) for match in _DECADE.finditer(sentence)]
    for match in _TERM_DE.finditer(sentence):
        digits, word = match["digits"] or match["digits2"], match["word"] or match["word2"]
        years = int(digits) if digits else GERMAN_NUMBER_WORDS[word.lower()]
        found.append((years, match.start(), match.end()))
    kept: list[tuple[int, int, int]] = []
    for item in sorted(found, key=lambda item: (item[1], -item[2])):
        if not kept or item[1] >= kept[-1][2]:  # "a term of 12 years" is one term, not two
            kept.append(item)
    return kept


def gpu_count(sentence: str) -> int | None:
    """The number of GPUs a sentence states ("~23,000 NVIDIA GB300 GPUs", "2,048 GPUs", "19k GPUs")."""
    for match in _GPU_COUNT.finditer(sentence):
        if _FLEET_BEFORE.search(sentence[: match.start()]) or re.match(
            r"\s*(?:across|in\s+total|fleet)", sentence[match.end() :]
        ):
            continue  # a company's whole fleet, not this deal's GPUs
        count = match["count"].replace(",", "").replace(" ", "")
        if count[-1] in "kK":
            value = int(float(count[:-1]) * 1000)
        elif "." in count:
            continue
        else:
            value = int(count)
        # "2026 GPUs" is a year; a count of one to three is a model number or a list index.
        if 1900 <= value <= 2100 and "," not in match["count"] or value < 4:
            continue
        return value
    return None


def gpu_models(sentence: str) -> list[str]:
    """Every GPU family a sentence names, with the vendor when the text gives it ("NVIDIA GB300", "NVIDIA HGX
    H100"); a vendor a few words before counts ("Nvidia's latest Blackwell GPUs")."""
    found = []
    for match in _GPU_MODEL.finditer(sentence):
        if not match["vendor"] and not _GPU_CONTEXT.search(sentence[match.end() : match.end() + 30]):
            continue
        model = " ".join(match["model"].split())
        vendor = match["vendor"] or (lead[1] if (lead := _VENDOR_BEFORE.search(sentence[: match.start()])) else None)
        found.append(f"{vendor.upper()} {model}" if vendor else model)
    return found


def gpu_model(sentence: str) -> str | None:
    """The first GPU family a sentence names (see `gpu_models`)."""
    return next(iter(gpu_models(sentence)), None)


def most_specific_model(models: list[str]) -> str | None:
    """The first-named GPU family, as its most specific mention: "NVIDIA H100" then "NVIDIA HGX H100" → the
    latter (the same family, named more precisely)."""
    if not models:
        return None
    first = models[0]
    family = first.split()[-1].lower()
    same = [m for m in models if m.split()[-1].lower() == family]
    return max(same, key=lambda m: (len(m.split()), -models.index(m)))
