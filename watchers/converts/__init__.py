"""Convertible-note terms from press-release text (SPEC section 6), and what they mean for a shareholder.

The extractor is written for the phrasing such releases use ("$850 million aggregate principal amount of
0.00% convertible senior notes due 2031", "conversion rate ... 38.1540 shares ... per $1,000 principal amount",
"premium of approximately 42.5% over the last reported sale price of $18.39", "cap price of the capped call
transactions will initially be $36.78"). Where the text does not state a term, the term is None: no guess,
not even arithmetic from the other terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

#: The JSON fields of `minerwatch converts parse`, in order (SPEC section 6).
JSON_FIELDS = (
    "principal_usd",
    "option_usd",
    "coupon_pct",
    "maturity",
    "conversion_rate",
    "conversion_price_usd",
    "premium_pct",
    "reference_price_usd",
    "cap_price_usd",
    "use_of_proceeds",
)
#: Longest use-of-proceeds sentence we keep.
MAX_USE_OF_PROCEEDS_CHARS = 600
#: Conversion rates are quoted per this much principal.
PRINCIPAL_PER_RATE_USD = 1000.0
#: A pricing announcement belongs to a launch announcement of the same issuer made at most this long before.
DEAL_WINDOW = timedelta(days=10)
#: Release stages, in the order a deal goes through them.
LAUNCH, PRICING, CLOSING, UNKNOWN = "launch", "pricing", "closing", "unknown"

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MONEY = r"(?:U\.?S\.?\s?)?\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(million|billion|thousand)\b)?"
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DATE = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2}),\s+(\d{4})"
#: Within one sentence: any character but a full stop, or a full stop inside a number ("$1.25", "0.00%").
_IN_SENTENCE = r"(?:[^.]|\.(?=\d))"
_NOTES = r"(?:convertible|exchangeable)\s+(?:senior\s+)?(?:secured\s+)?(?:convertible\s+|exchangeable\s+)?notes"

_PRINCIPAL = re.compile(
    _MONEY + r"\s+(?:in\s+)?aggregate\s+principal\s+amount\s+of\s+(?P<what>" + _IN_SENTENCE + r"{0,80}?)"
    r"(?P<notes>" + _NOTES + r"|notes)\b(?:\s+due\s+(?P<due>\d{4}))?",
    re.IGNORECASE,
)
_HEADLINE_PRINCIPAL = re.compile(
    _MONEY + r"\s+(?:of\s+)?(?:(?:upsized|its|an?)\s+)?(?:(?P<coupon>\d+(?:\.\d+)?)\s?%\s+)?"
    r"(?:(?:green|senior|offering\s+of)\s+)*(?P<notes>" + _NOTES + r"|offering|convertible\s+notes)",
    re.IGNORECASE,
)
#: Words before an amount that make it not the principal of this deal.
_NOT_THIS_DEAL = re.compile(
    r"\b(?:additional|previously\s+announced|increased\s+from|upsized\s+from|offering\s+size\s+of|repurchas\w*"
    r"|exchang\w*|redeem\w*|redemption)\b" + _IN_SENTENCE + r"{0,40}$",
    re.IGNORECASE,
)
_EXISTING = re.compile(r"\b(?:existing|outstanding)\b", re.IGNORECASE)
_COUPON_IN_SPAN = re.compile(r"(\d+(?:\.\d+)?)\s?%", re.IGNORECASE)
_COUPON_RATE = re.compile(
    r"\b(?:bear|accrue)s?\s+interest\s+at\s+(?:a|an\s+annual)\s+rate\s+of\s+(\d+(?:\.\d+)?)\s?%"
    r"|interest\s+" + _IN_SENTENCE + r"{0,80}?\bat\s+a\s+rate\s+of\s+(\d+(?:\.\d+)?)\s?%\s+per\s+(?:year|annum)",
    re.IGNORECASE,
)
_NO_REGULAR_INTEREST = re.compile(r"\bwill\s+not\s+bear\s+regular\s+interest\b", re.IGNORECASE)
_COUPON_NOTES = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?%\s+(?:green\s+)?" + _NOTES, re.IGNORECASE)
_OPTION = re.compile(r"\boption\b" + _IN_SENTENCE + r"{0,200}?\badditional\s+" + _MONEY, re.IGNORECASE)
_OPTION_EXERCISED = re.compile(
    _MONEY + r"\s+(?:in\s+)?aggregate\s+principal\s+amount\s+of\s+(?:the\s+)?notes\s+(?:issued|sold)\s+"
    r"(?:pursuant\s+to|upon)\s+the\s+(?:full\s+)?exercise",
    re.IGNORECASE,
)
_MATURITY_DATE = re.compile(r"\b(?:mature|maturity\s+date\s+(?:is|will\s+be|of))\s+(?:on\s+)?" + _DATE, re.IGNORECASE)
_DUE_YEAR = re.compile(_NOTES + r"\s+due\s+(\d{4})\b", re.IGNORECASE)
_CONVERSION_RATE = re.compile(
    r"\b(?:conversion|exchange)\s+rate\b" + _IN_SENTENCE + r"{0,80}?(?<![\d,.])(\d{1,5}(?:\.\d+)?)\s+"
    r"[^$.]{0,100}?\b(?:shares|ADSs?)\b[^$.]{0,60}?\bper\s+(?:U\.?S\.?\s?)?\$\s?1,000\b",
    re.IGNORECASE,
)
_CONVERSION_PRICE = re.compile(
    r"\b(?:conversion|exchange)\s+price\s+(?:of\s+)?(?:approximately\s+|about\s+)?" + _MONEY, re.IGNORECASE
)
_PREMIUM = re.compile(r"\bpremium\s+of\s+(?:approximately\s+|about\s+)?(\d+(?:\.\d+)?)\s?%", re.IGNORECASE)
_REFERENCE = re.compile(
    r"\b(?:last\s+reported\s+sale|closing\s+sale|closing|public\s+offering|reference)\s+price\b"
    + _IN_SENTENCE
    + r"{0,160}?"
    + _MONEY,
    re.IGNORECASE,
)
_CAP_PRICE = re.compile(r"\bcap\s+price\b" + _IN_SENTENCE + r"{0,120}?" + _MONEY, re.IGNORECASE)
#: "intends to use ... proceeds"; green notes "allocate an amount equal to the net proceeds" instead.
_USE_OF_PROCEEDS = re.compile(r"\b(?:intends?|expects?|plans?|anticipates?)\s+to\s+(?:use|allocate)\b", re.I)
_CONVERSION_SENTENCE = re.compile(r"\b(?:conversion|exchange)\s+(?:price|premium)\b", re.IGNORECASE)
_CAP_SENTENCE = re.compile(r"\bcap(?:ped\s+call|\s+price)\b", re.IGNORECASE)
_STAGE_WORDS = (
    (CLOSING, re.compile(r"\b(?:clos(?:ing|es|ed)\s+of|complet(?:es|ed|ion\s+of))\b", re.IGNORECASE)),
    (PRICING, re.compile(r"\b(?:pric(?:ing|es|ed))\b", re.IGNORECASE)),
    (LAUNCH, re.compile(r"\b(?:proposed|launch(?:es)?|intends?\s+to\s+offer|intention\s+to\s+offer)\b", re.I)),
)
_UPSIZED = re.compile(r"\b(?:upsized|increased\s+from|upsize)\b", re.IGNORECASE)
_ABBREVIATIONS = frozenset(
    "inc corp co ltd llc plc no mr ms dr st jan feb mar apr jun jul aug sep sept oct nov dec u.s approx".split()
)
_EXHIBIT_LABEL = re.compile(r"^\s*exhibit\s+[\d.]+\s*$", re.IGNORECASE)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True)
class ConvertTerms:
    """The terms of one convertible (or exchangeable) notes offering as a release states them."""

    principal_usd: float | None = None
    option_usd: float | None = None  # the initial purchasers' option for additional notes
    coupon_pct: float | None = None
    maturity: date | None = None
    conversion_rate: float | None = None  # shares per $1,000 principal
    conversion_price_usd: float | None = None
    premium_pct: float | None = None
    reference_price_usd: float | None = None  # the share price the premium is measured against
    cap_price_usd: float | None = None  # capped-call cap
    use_of_proceeds: str | None = None
    maturity_year: int | None = None  # kept when the release says only "due 2031"
    stage: str = UNKNOWN  # launch | pricing | closing | unknown
    exchangeable: bool = False
    upsized: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        """Exactly the SPEC 6 fields: amounts as numbers (whole ones as integers), maturity as YYYY-MM-DD."""
        values: dict[str, Any] = {}
        for name in JSON_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            values[name] = value
        return values


@dataclass(frozen=True)
class NoteAnnouncement:
    """A note as one filing announces it: the issuer, the filing and the terms read from its press release."""

    cik: int
    accession: str
    filed: date
    source_url: str | None
    terms: ConvertTerms


@dataclass(frozen=True)
class Dilution:
    """What full conversion of a note would do to the share count."""

    shares_on_conversion: float
    pct_of_outstanding: float | None  # None when shares outstanding are unknown


# --- text helpers -----------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """One space between words, straight quotes; paragraph breaks kept as newlines (a headline has no stop)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    paragraphs = re.split(r"\n\s*\n|\r\n\s*\r\n", text)
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def sentences(text: str) -> list[str]:
    """Sentences of normalized text; "Inc.", "U.S." and "Nov. 19" do not end one."""
    result = []
    for paragraph in text.split("\n"):
        start = 0
        for boundary in _BOUNDARY.finditer(paragraph):
            words = paragraph[start : boundary.start()].rsplit(None, 1)
            last = words[-1].rstrip(".!?").lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            result.append(paragraph[start : boundary.start()].strip())
            start = boundary.end()
        if paragraph[start:].strip():
            result.append(paragraph[start:].strip())
    return result


def parse_money(digits: str, decimals: str | None = None, scale: str | None = None) -> float:
    """ "1,150" + ".5" + "million" → 1_150_500_000.0."""
    value = float(digits.replace(",", "") + (decimals or ""))
    return value * _SCALE.get((scale or "").lower(), 1.0)


def _money(match: re.Match[str], first_group: int = 1) -> float:
    return parse_money(match[first_group], match[first_group + 1], match[first_group + 2])


def _date_from(month: str, day: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


# --- the extractor ----------------------------------------------------------------------------------


def parse_convert_terms(text: str) -> ConvertTerms:
    """Read the terms of a convertible-notes offering from a press release's plain text."""
    text = normalize_text(text)
    parts = sentences(text)
    principal, coupon, due_year, exchangeable = _principal(parts)
    maturity = _maturity(parts)
    if coupon is None:
        coupon = _coupon(parts)
    if due_year is None:
        due_year = next((int(m[1]) for s in parts if not _EXISTING.search(s) for m in _DUE_YEAR.finditer(s)), None)
    premium, reference = _premium_and_reference(parts)
    headline = next((p for p in text.split("\n") if not _EXHIBIT_LABEL.match(p)), "")
    return ConvertTerms(
        principal_usd=principal,
        option_usd=_option(parts),
        coupon_pct=coupon,
        maturity=maturity,
        conversion_rate=_first_number(_CONVERSION_RATE, parts),
        conversion_price_usd=_first_money(_CONVERSION_PRICE, parts),
        premium_pct=premium,
        reference_price_usd=reference,
        cap_price_usd=_first_money(_CAP_PRICE, [s for s in parts if "cap price" in s.lower()]),
        use_of_proceeds=_use_of_proceeds(parts),
        maturity_year=maturity.year if maturity else due_year,
        stage=_stage(headline) if _stage(headline) != UNKNOWN else _stage(" ".join(parts[:4])),
        exchangeable=exchangeable or "exchangeable" in headline.lower(),
        upsized=bool(_UPSIZED.search(text)),
    )


def _principal(parts: list[str]) -> tuple[float | None, float | None, int | None, bool]:
    """(principal, coupon, due year, exchangeable) from the first "$X aggregate principal amount of ... notes"
    that is about this deal, else from a headline-style "$X Million Offering of ... Notes"."""
    for sentence in parts:
        for match in _PRINCIPAL.finditer(sentence):
            if _NOT_THIS_DEAL.search(sentence[: match.start()]) or _EXISTING.search(match["what"]):
                continue
            coupon = _COUPON_IN_SPAN.search(match["what"])
            return (
                _money(match),
                float(coupon[1]) if coupon else None,
                int(match["due"]) if match["due"] else None,
                "exchangeable" in match["notes"].lower(),
            )
    for sentence in parts[:2]:
        for match in _HEADLINE_PRINCIPAL.finditer(sentence):
            if not _NOT_THIS_DEAL.search(sentence[: match.start()]):
                coupon_text = match["coupon"]
                return _money(match), float(coupon_text) if coupon_text else None, None, False
    return None, None, None, False


def _coupon(parts: list[str]) -> float | None:
    for sentence in parts:
        if match := _COUPON_RATE.search(sentence):
            return float(match[1] or match[2])
        if _NO_REGULAR_INTEREST.search(sentence):
            return 0.0
    for sentence in parts:
        for match in _COUPON_NOTES.finditer(sentence):
            if not _EXISTING.search(sentence[max(0, match.start() - 40) : match.start()]):
                return float(match[1])
    return None


def _maturity(parts: list[str]) -> date | None:
    for sentence in parts:
        if match := _MATURITY_DATE.search(sentence):
            return _date_from(match[1], match[2], match[3])
    return None


def _option(parts: list[str]) -> float | None:
    for sentence in parts:
        if match := _OPTION.search(sentence) or _OPTION_EXERCISED.search(sentence):
            return _money(match)
    return None


def _first_number(pattern: re.Pattern[str], parts: list[str]) -> float | None:
    for sentence in parts:
        if match := pattern.search(sentence):
            return float(match[1])
    return None


def _first_money(pattern: re.Pattern[str], parts: list[str]) -> float | None:
    for sentence in parts:
        if match := pattern.search(sentence):
            return _money(match)
    return None


def _premium_and_reference(parts: list[str]) -> tuple[float | None, float | None]:
    """The conversion premium and the price it is measured against, from the sentence that states the
    conversion (or exchange) price's premium, never from the capped call's cap premium."""
    for sentence in parts:
        if _CAP_SENTENCE.search(sentence) or not _CONVERSION_SENTENCE.search(sentence):
            continue
        if premium := _PREMIUM.search(sentence):
            reference = _REFERENCE.search(sentence, premium.end())
            return float(premium[1]), _money(reference) if reference else None
    return None, None


def _use_of_proceeds(parts: list[str]) -> str | None:
    for sentence in parts:
        if _USE_OF_PROCEEDS.search(sentence) and "proceeds" in sentence.lower():
            return sentence[:MAX_USE_OF_PROCEEDS_CHARS]
    return None


def _stage(text: str) -> str:
    for stage, words in _STAGE_WORDS:
        if words.search(text):
            return stage
    return UNKNOWN


# --- one deal, several releases ---------------------------------------------------------------------


def same_deal(earlier: NoteAnnouncement, later: NoteAnnouncement, *, window: timedelta = DEAL_WINDOW) -> bool:
    """True when `later` (a pricing or closing release) is about the same notes as `earlier` (its launch or
    pricing): same issuer, and either the same coupon and maturity, or no conflicting term within `window`."""
    if earlier.cik != later.cik or earlier.accession == later.accession:
        return False
    a, b = earlier.terms, later.terms
    if a.maturity_year is not None and b.maturity_year is not None and a.maturity_year != b.maturity_year:
        return False
    if a.coupon_pct is not None and b.coupon_pct is not None:
        if a.coupon_pct != b.coupon_pct:
            return False
        if a.maturity_year is not None and a.maturity_year == b.maturity_year:
            return True  # the same coupon and maturity of one issuer is one series of notes
    return timedelta(0) <= later.filed - earlier.filed <= window and _stage_rank(b) >= _stage_rank(a)


def _stage_rank(terms: ConvertTerms) -> int:
    return (LAUNCH, PRICING, CLOSING).index(terms.stage) if terms.stage in (LAUNCH, PRICING, CLOSING) else 1


def find_same_deal(
    new: NoteAnnouncement, known: list[NoteAnnouncement], *, window: timedelta = DEAL_WINDOW
) -> NoteAnnouncement | None:
    """The most recent known announcement `new` updates, or None when it is a new note."""
    matches = [old for old in known if old.filed <= new.filed and same_deal(old, new, window=window)]
    return max(matches, key=lambda old: old.filed, default=None)


def merge_terms(earlier: ConvertTerms, later: ConvertTerms) -> ConvertTerms:
    """The later release's terms, with what only the earlier one stated kept (a pricing release updates its
    launch: the upsized principal and the priced coupon win, the launch's maturity date fills a gap)."""
    updates = {}
    for spec in fields(ConvertTerms):
        value = getattr(later, spec.name)
        if value is None or (spec.name == "stage" and value == UNKNOWN):
            updates[spec.name] = getattr(earlier, spec.name)
    updates["exchangeable"] = earlier.exchangeable or later.exchangeable
    updates["upsized"] = earlier.upsized or later.upsized
    return replace(later, **updates)


# --- what a note means for a shareholder ------------------------------------------------------------


def conversion_distance_pct(conversion_price: float | None, price: float | None) -> float | None:
    """How far the share price must rise to reach the conversion price, in percent of the price
    (negative when the notes are in the money)."""
    if conversion_price is None or price is None or price <= 0 or conversion_price <= 0:
        return None
    return (conversion_price - price) / price * 100.0


def shares_on_conversion(
    principal_usd: float | None, *, conversion_rate: float | None = None, conversion_price_usd: float | None = None
) -> float | None:
    """Shares issued if the whole principal converted: principal / $1,000 × rate (else principal / price)."""
    if principal_usd is None or principal_usd <= 0:
        return None
    if conversion_rate is not None and conversion_rate > 0:
        return principal_usd / PRINCIPAL_PER_RATE_USD * conversion_rate
    if conversion_price_usd is not None and conversion_price_usd > 0:
        return principal_usd / conversion_price_usd
    return None


def dilution(
    principal_usd: float | None,
    *,
    conversion_rate: float | None = None,
    conversion_price_usd: float | None = None,
    shares_outstanding: float | None = None,
) -> Dilution | None:
    """Shares on full conversion and their share of today's count (potential dilution); None without terms."""
    shares = shares_on_conversion(
        principal_usd, conversion_rate=conversion_rate, conversion_price_usd=conversion_price_usd
    )
    if shares is None:
        return None
    pct = shares / shares_outstanding * 100.0 if shares_outstanding and shares_outstanding > 0 else None
    return Dilution(shares_on_conversion=shares, pct_of_outstanding=pct)
