"""Is this text a signed AI/HPC deal, of what kind, and on what terms (SPEC section 6a)?

A deal is found in a *deal sentence*: the headline or one of the first sentences of the body, with a
signed / completed verb ("signs", "entered into", "completes the acquisition", "exercised its option") and a
deal object (lease, colocation, cloud contract, GPU purchase, acquisition, joint venture) in an AI/HPC
context. The same sentence is not a deal when the verb is hedged ("plans to sign", "in talks to", "exploring"),
when the object is a financing ("secures $500 million of project financing for HPC"), a non-binding letter of
intent or MOU (kind "non_binding"), or bitcoin-mining hosting. Terms are read from the deal sentences and the
few after them, never from the boilerplate ("About …", forward-looking statements).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from watchers.converts import normalize_text, sentences
from watchers.deals import amounts, parties

#: The JSON fields of `minerwatch deals parse`, in order (SPEC section 6a).
JSON_FIELDS = (
    "is_deal",
    "kind",
    "counterparty",
    "counterparty_phrase",
    "backstop",
    "mw",
    "mw_gross",
    "contract_value_usd",
    "term_years",
    "site",
    "gpu_count",
    "gpu_model",
)
KINDS = ("lease", "cloud", "hardware", "acquisition", "partnership", "non_binding")
#: How many body sentences may hold the deal sentence: a release states its news first.
DEAL_SENTENCE_WINDOW = 4
#: How many sentences, from the first deal sentence on, terms are read from.
TERMS_WINDOW = 8
#: Smaller dollar amounts are share prices or fees, never what an AI/HPC deal is worth.
MIN_CONTRACT_USD = 100_000.0
#: Headings after which a release is boilerplate.
_BOILERPLATE = re.compile(
    r"^\s*(?:about\s+[A-Z]|forward[- ]looking\s+statements|cautionary\s+(?:note|statement)|safe\s+harbor|"
    r"investor\s+(?:relations|contact)|media\s+contact|contacts?:|non-gaap|conference\s+call|webcast)",
    re.IGNORECASE,
)

_SIGNED = re.compile(
    r"\b(?:signs?|signed|signing|inks?|inked|enter(?:s|ed)?\s+into|enters|entered|has\s+entered|execut(?:es|ed)|secur(?:es|ed)|"
    r"lands?|landed|wins?|won|strikes?|struck|award(?:s|ed)|clinch(?:es|ed)|seal(?:s|ed)|"
    r"reach(?:es|ed)\s+(?:a\s+|an\s+)?(?:definitive\s+)?agreement|agree(?:s|d)\s+(?:to|on|with)|finali[sz](?:es|ed)|"
    r"(?:clos(?:es|ed)|complet(?:es|ed)|consummat(?:es|ed))\s+(?:the\s+|its\s+|a\s+)?(?:previously\s+announced\s+)?"
    r"(?:\$[\d.,]+\s*\w*\s+)?(?:acquisition|purchase|sale|transaction|merger)|acquires|acquired|purchases|purchased|"
    r"buys|bought|ordered|orders(?=\s+[~\d])|plac(?:es|ed)\s+(?:an?\s+)?(?:\$[\d.,]+\s*\w*\s+)?(?=order)|"
    r"exercis(?:es|ed)|leases|leased|"
    r"agreed\s+(?:a|an|the)|commit(?:s|ted)\s+(?:\$|US\$)|sold|sells|"
    r"expands?|expanded|extends?|extended|upsiz(?:es|ed)|adds?|added|announces?|announced|forms?|formed|"
    r"launch(?:es|ed)\s+(?:a\s+)?joint\s+venture|commenc(?:es|ed)\s+(?:the\s+)?lease|deploy(?:s|ed)|"
    r"will\s+(?:lease|provide|deliver|host|supply)|to\s+(?:acquire|lease|provide|deliver|host|supply))\b",
    re.IGNORECASE,
)


#: Deal objects, each with the kind it implies (None: a generic "contract" / "agreement").
def _any_of(*alternatives: str) -> re.Pattern[str]:
    """One word-bounded, case-blind pattern from alternatives (kept one per line to stay readable)."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_GPU_WORDS = r"(?:[\w\-,.~]+\s+){0,5}(?:GPUs|servers|systems|chips)"
_OBJECTS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (
        "non_binding",
        _any_of(
            r"non-?binding",
            r"letters?\s+of\s+intent",
            r"LOIs?",
            r"memorand(?:um|a)\s+of\s+understanding",
            r"MOUs?",
            r"term\s+sheets?",
            r"heads\s+of\s+terms",
        ),
    ),
    (
        "financing",
        _any_of(
            r"(?:convertible|senior|secured|exchangeable)\s+notes",
            r"notes\s+offering",
            r"offering",
            r"private\s+placement",
            r"(?:project\s+|debt\s+|equity\s+|construction\s+)?financing",
            r"credit\s+facility",
            r"(?:term\s+)?loan",
            r"debt",
            r"bonds?",
            r"at-the-market",
            r"ATM\s+program",
            r"(?:equity\s+|capital\s+)?raise",
            r"investment\s+from",
            r"strategic\s+investment",
            r"funding\s+round",
            r"preferred\s+(?:stock|equity)",
        ),
    ),
    (
        "acquisition",
        _any_of(
            # "acquire additional compute capacity" is a cloud contract, not an acquisition
            r"acqui(?:res?|red|ring|sition)(?!\s+(?:of\s+)?(?:additional\s+|more\s+|dedicated\s+)?"
            r"(?:GPU|compute|computing|cloud|capacity|services|AI\s+(?:compute|capacity)))",
            r"merger",
            r"takeover",
            r"(?:purchase\s+of|buy|purchase|acquire)\s+(?:the\s+)?(?:[\w\-,.]+\s+){0,4}"
            r"(?:land|site|campus|property|acres|company|business|data\s+cent(?:er|re)|facility)",
        ),
    ),
    (
        "hardware",
        _any_of(
            r"(?:purchase|procurement|order|supply)\s+(?:agreement|order|contract)?\s*(?:for|of|with)\s+" + _GPU_WORDS,
            r"GPU\s+(?:purchase|order|procurement)",
            r"(?:purchases?|purchased|buys?|bought|orders?|ordered|acquires?|acquired)\s+(?:[\w\-,.~]+\s+){0,5}GPUs",
        ),
    ),
    (
        "lease",
        _any_of(
            r"(?:anchor\s+|data\s+cent(?:er|re)\s+|first\s+|new\s+)?tenants?",
            r"leases?",
            r"leased",
            r"leasing",
            r"co-?location",
            r"colo",
            r"hosting\s+(?:agreement|contract|deal)s?",
            r"HPC\s+hosting",
            r"critical\s+IT",
            r"build-to-suit",
            r"powered\s+shell",
            r"data\s+cent(?:er|re)\s+(?:services\s+)?(?:agreement|contract|capacity)",
        ),
    ),
    (
        "cloud",
        _any_of(
            r"(?:dedicated\s+)?(?:AI\s+)?comput(?:e|ing)\s+capacity",
            r"(?:dedicated\s+)?AI\s+capacity",
            r"(?:AI\s+)?cloud(?:\s+services|\s+computing|\s+capacity|\s+compute)?\s+"
            r"(?:contract|agreement|deal|services|customer)",
            r"AI\s+cloud",
            r"GPU[- ]as[- ]a[- ]service",
            r"GPUaaS",
            r"compute\s+(?:contract|agreement|deal|capacity|services)",
            r"(?:AI\s+)?infrastructure\s+(?:services\s+)?(?:contract|agreement|deal)",
            r"bare[- ]metal",
            r"GPU\s+(?:cloud|compute|services|capacity|cluster)",
        ),
    ),
    (
        "partnership",
        _any_of(
            r"joint\s+ventures?",
            r"JV",
            r"partnerships?",
            r"strategic\s+(?:alliance|collaboration)",
            r"collaboration\s+agreement",
            r"co-develop\w*",
        ),
    ),
    (None, _any_of(r"contracts?", r"agreements?", r"deals?", r"arrangements?", r"MSA")),
)
_HEDGED = re.compile(
    r"\b(?:plans?|planning|intends?|intention|expects?|expected|aims?|seeks?|seeking|hopes?|looks?|looking|wants?|"
    r"targets?|could|may|might|would|should|potential(?:ly)?|possible|possibly|proposed|prospective|exploring|explores?|"
    r"explored|evaluat(?:es|ing|ion)|consider(?:s|ing)|assess(?:es|ing)|review(?:s|ing)?|studying|pursu(?:es|ing)|"
    r"in\s+(?:advanced\s+|exclusive\s+|early\s+)?(?:talks|discussions|negotiations)|negotiat(?:es|ing)|reportedly|"
    r"rumou?red|nears?|nearing|close\s+to|preparing\s+to|no\s+assurance|whether|if|seek)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
#: A sentence that is about talks or a review, whatever verb follows ("in talks with hyperscalers to lease").
_PLAN_SENTENCE = re.compile(
    r"\b(?:in\s+(?:advanced\s+|exclusive\s+|early\s+|ongoing\s+)?(?:talks|discussions|negotiations)|exploring|explores|"
    r"evaluating|strategic\s+(?:review|alternatives)|has\s+not\s+(?:yet\s+)?signed|no\s+definitive\s+agreement|"
    r"not\s+yet\s+(?:signed|secured|contracted)|without\s+a\s+(?:signed\s+)?tenant|speculative(?:ly)?|on\s+spec)\b",
    re.IGNORECASE,
)
_AI_CONTEXT = re.compile(
    r"\b(?:AI|A\.I\.|artificial\s+intelligence|HPC|high[- ]performance\s+comput\w*|GPUs?|hyperscal\w*|neocloud\w*|"
    r"cloud|colocation|inference|machine\s+learning|LLMs?|accelerated\s+comput\w*|critical\s+IT|NVIDIA|Nvidia|"
    r"CoreWeave|Fluidstack|OpenAI|Anthropic|Microsoft|Google|Amazon|AWS|Meta|Oracle|xAI|Nebius|Lambda|Crusoe|"
    r"Nscale|Together\s+AI|data\s+cent(?:er|re)\s+(?:lease|tenant|customer|capacity))\b",
    re.IGNORECASE,
)
_MINING_CONTEXT = re.compile(
    r"\b(?:bitcoin\s+mining|mining\s+(?:rigs?|machines?|fleet|operations?|hosting|site|facility|capacity)|"
    r"self-mining|ASICs?|miners\b|hash\s?rate|EH/s|PH/s|Antminer|Whatsminer|S\d{2}\s?(?:XP|Pro|j)?\b|hosting\s+of\s+miners|"
    r"proof[- ]of[- ]work)\b",
    re.IGNORECASE,
)
#: Words before a figure that make it not this deal's ("bringing total contracted capacity to 500 MW").
_NOT_THIS_DEAL = re.compile(
    r"\b(?:(?:bring(?:s|ing)?|brought)\s+(?:the\s+|its\s+|our\s+)?(?:[\w\-]+'s\s+)?(?:total|cumulative|aggregate|combined)|rais(?:e|es|ing|ed)|increas(?:es|ing|ed)|lift(?:s|ing)?|tak(?:es|ing)|now|combined|"
    r"cumulative|portfolio|across|backlog|pipeline|potential(?:ly)?|could|would|up\s+to|extensions?|"
    r"renewals?|options?|if|annual(?:ized|ly)?|per\s+year|NOI|net\s+operating\s+income|prepay\w*|financ\w*|notes|"
    r"loan|facility|backstop\w*|guarant\w*|capex|capital\s+expenditures?|costs?|invest\w*|market\s+cap\w*|"
    r"shares?|warrants?|future|expan(?:d|sion)\s+to|expandable|scalable|growing\s+to|exclusivity|right\s+of\s+first)\b"
    r"[^.;]{0,45}$",
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
#: "no agreement has been signed", "has not yet signed", "yet to sign": the verb is denied.
_NEGATED = re.compile(r"\b(?:no|not|never|yet\s+to|without|nor)\b[^.;,]{0,40}$", re.IGNORECASE)
_MW_NOT_SITE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:campus|portfolio|pipeline|of\s+(?:total\s+)?(?:power\s+)?capacity\s+across)", re.I
)
_OVER_YEARS = re.compile(
    r"\b(?:over|for|spanning|across)\s+(?:a\s+period\s+of\s+|an?\s+initial\s+|the\s+(?:initial\s+|first\s+|next\s+)?)?"
    r"(?:(?P<digits>\d{1,2})|(?P<word>" + "|".join(amounts.NUMBER_WORDS) + r"))\s+years?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DealTerms:
    """One announcement read as a deal: the SPEC 6a fields, None where the text does not state them."""

    is_deal: bool = False
    kind: str | None = None
    counterparty: str | None = None
    counterparty_phrase: str | None = None
    backstop: str | None = None
    mw: float | None = None
    mw_gross: float | None = None
    contract_value_usd: float | None = None
    term_years: int | None = None
    site: str | None = None
    gpu_count: int | None = None
    gpu_model: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """Exactly the SPEC 6a fields, whole numbers as integers."""
        values = asdict(self)
        for name, value in values.items():
            if isinstance(value, float) and value.is_integer():
                values[name] = int(value)
        return {name: values[name] for name in JSON_FIELDS}


@dataclass(frozen=True)
class _DealSentence:
    index: int
    kind: str | None  # lease | cloud | hardware | acquisition | partnership | non_binding | financing | None


def release_sentences(text: str) -> list[str]:
    """Sentences of a release up to its boilerplate; the headline (first paragraph) is the first one."""
    text = normalize_text(text)
    kept = []
    for index, paragraph in enumerate(text.split("\n")):
        if index and _BOILERPLATE.match(paragraph):
            break
        kept.append(paragraph)
    return sentences("\n".join(kept))


#: Object patterns that hold their own verb ("buys 4,000 GPUs", "acquires a site"): measured from the verb's start.
_VERB_OBJECTS = frozenset({"hardware", "acquisition"})


def _object_kind(sentence: str, verb: re.Match[str]) -> tuple[bool, str | None]:
    """(found, kind) of the deal object nearest after the verb (a specific kind beats a generic "contract")."""
    best: tuple[int, int, str | None] | None = None  # (distance, priority, kind)
    for priority, (kind, pattern) in enumerate(_OBJECTS):
        after = verb.start() if kind in _VERB_OBJECTS else verb.end()
        for match in pattern.finditer(sentence):
            distance = match.start() - after if match.start() >= after else 400 + after - match.start()
            if kind is None:
                distance += 60  # "contract" is only the object when nothing more specific is near
            if kind == "non_binding":
                distance = min(distance, 0)  # an LOI anywhere in the sentence makes the whole sentence one
            candidate = (distance, priority, kind)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        return False, None
    return True, best[2]


def _deal_sentence(sentence: str) -> _DealSentence | None:
    """The sentence's deal reading, or None when it announces nothing signed."""
    for verb in _SIGNED.finditer(sentence):
        if _HEDGED.search(sentence[: verb.start()]) or _NEGATED.search(sentence[: verb.start()]):
            continue
        found, kind = _object_kind(sentence, verb)
        if not found and not re.match(r"(?:acqui|purchas|buy|bought|order|to\s+acqui)", verb[0], re.IGNORECASE):
            continue
        if not found:
            kind = "hardware" if re.search(r"\bGPUs\b", sentence[verb.end() :]) else "acquisition"
        return _DealSentence(0, kind)
    return None


def _refine_kind(kind: str | None, scope: str) -> str | None:
    """A generic "agreement" gets its kind from what the deal sentences say it covers."""
    if (
        kind == "acquisition"
        and re.search(r"\bGPUs\b", scope)
        and not re.search(r"\b(?:site|land|campus|compan|data\s+cent|facilit|acres)", scope, re.I)
    ):
        return "hardware"
    if kind is not None:
        return kind
    for candidate, pattern in _OBJECTS:
        if candidate in ("lease", "cloud", "partnership", "hardware") and pattern.search(scope):
            return candidate
    if re.search(r"\bGPUs?\b", scope):
        return "cloud"
    if re.search(r"\b(?:MW|megawatts?)\b", scope, re.IGNORECASE):
        return "lease"
    if re.search(r"\b(?:AI|GPU)\s+(?:infrastructure|compute|computing)\b", scope, re.IGNORECASE):
        return "cloud"  # "a $3 billion deal with Meta for AI infrastructure", no MW: capacity sold as a service
    return None


_CONSTRUCTION = re.compile(
    r"\b(?:start(?:s|ed|ing)?\s+(?:building|construction|to\s+build)|break(?:s|ing)?\s+ground|broke\s+ground|"
    r"groundbreaking|begin(?:s|ning)?\s+construction|began\s+construction|commenc(?:es|ed|ing)\s+construction|"
    r"under\s+construction|construction\s+(?:start|begins|began|is\s+under\s+way))\b",
    re.IGNORECASE,
)
#: Deal kinds with a customer on the other side; a land or GPU purchase told beside one is its means.
TENANT_KINDS = ("lease", "cloud")


#: Headlines of opinion, analysis and explainers: they recount deals, they do not announce one.
_OPINION = re.compile(
    r"^\s*(?:(?:analysis|opinion|commentary|column|explainer|editorial|podcast|interview|deep\s+dive|"
    r"the\s+big\s+picture)\s*[:|\u2014\u2013-]|(?:why|how|what|is|are|can|could|should|will|do|does)\b)",
    re.IGNORECASE,
)


def classify(parts: list[str]) -> tuple[bool, str | None, int]:
    """(is_deal, kind, index of the deal sentence) for a release's sentences."""
    if _OPINION.match(parts[0]) or parts[0].rstrip().endswith("?"):
        return False, None, -1
    window = parts[: DEAL_SENTENCE_WINDOW + 1]
    readings = [(i, _deal_sentence(s)) for i, s in enumerate(window)]
    first_found = next((r for _, r in readings if r is not None), None)
    if first_found is not None and first_found.kind == "non_binding":
        return False, "non_binding", 0
    tenant = next((i for i, r in readings if r is not None and r.kind in TENANT_KINDS), None)
    if tenant is None and any(_CONSTRUCTION.search(s) for s in window[:3]):
        return False, None, -1  # a build started without a signed tenant is not a deal
    if tenant is not None and tenant > 0:
        first = next(i for i, r in readings if r is not None)
        first_reading = readings[first][1]
        if first_reading is not None and first_reading.kind in ("acquisition", "hardware"):
            window = [window[0]] + window[tenant:] if first == 0 else window[tenant:]
            parts = window
    if any(_PLAN_SENTENCE.search(s) for s in window[:2]) and not any(
        _deal_sentence(s) is not None and re.search(r"\b(?:signed|has\s+entered|executed|definitive)\b", s, re.I)
        for s in window[:2]
    ):
        return False, None, -1
    for index, sentence in enumerate(window):
        reading = _deal_sentence(sentence)
        if reading is None:
            continue
        if reading.kind == "non_binding":
            return False, "non_binding", index
        if reading.kind == "financing":
            return False, None, index
        context = " ".join(window[index : index + 3])
        if _MINING_CONTEXT.search(sentence) and not _AI_CONTEXT.search(sentence):
            return False, None, index
        if not _AI_CONTEXT.search(context) and not _AI_CONTEXT.search(parts[0]):
            continue
        return True, _refine_kind(reading.kind, " ".join(window[index : index + 4])), index
    return False, None, -1


def _first_mw(scope: list[str], kind: str | None) -> tuple[float | None, float | None]:
    critical: float | None = None
    gross: float | None = None
    plain: float | None = None
    for sentence in scope:
        for mention in amounts.megawatt_mentions(sentence):
            before, after = sentence[: mention.start], sentence[mention.end :]
            if _NOT_THIS_DEAL.search(before) and not re.search(r"\bcritical\s+IT\b", after[:30], re.I):
                continue
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


_STATED_VALUE = re.compile(
    r"\b(?:contract(?:ed)?\s+(?:value|revenue)|valued\s+at|worth|total\s+(?:contract\s+)?value|value\s+of|"
    r"revenue\s+of|base\s+rent\s+of|rent\s+of|consideration|purchase\s+price|for\s+(?:a\s+total\s+of\s+)?(?:approximately\s+|about\s+)?$|"
    r"^\s+(?:in|of)\s+(?:base[- ]term\s+|initial[- ]term\s+)?(?:contracted\s+|contract\s+|lease\s+)?revenue)",
    re.IGNORECASE,
)
_PURCHASE_NEAR = re.compile(r"\b(?:paid|pay|purchase|acqui\w+|bought|buy\w*|sale\s+of|selling)\b", re.IGNORECASE)


def _contract_value(scope: list[str], kind: str | None) -> float | None:
    """The base-term value: an amount the text calls the contract's value first, else the first plain amount;
    never an extension total, a rate, a financing, or (for a lease or cloud deal) a purchase price."""
    candidates: list[tuple[int, int, float]] = []
    fallback: float | None = None
    for position, sentence in enumerate(scope):
        for value, start, end in amounts.money_mentions(sentence):
            before, after = sentence[:start], sentence[end:]
            if value < MIN_CONTRACT_USD or _RATE_AFTER.match(after):
                continue
            if _NOT_THIS_DEAL.search(before):
                if re.search(r"\bup\s+to\s*$", before) and not re.search(r"\b(?:extension|renewal|option)", sentence):
                    fallback = fallback if fallback is not None else value
                continue
            near = sentence[max(0, start - 40) : end + 30]
            if kind != "acquisition" and _PURCHASE_NEAR.search(near) and not _STATED_VALUE.search(near):
                continue
            stated = _STATED_VALUE.search(sentence[max(0, start - 40) : start]) or _STATED_VALUE.match(after)
            candidates.append((0 if stated else 1, position, value))
    if candidates:
        return min(candidates)[2]
    return fallback


def _term_years(scope: list[str]) -> int | None:
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


def parse_deal(text: str) -> DealTerms:
    """Read one announcement (headline + lede, a whole release or an 8-K EX-99's text) as a deal."""
    parts = release_sentences(text)
    if not parts:
        return DealTerms()
    is_deal, kind, index = classify(parts)
    if not is_deal:
        return DealTerms(kind=kind)
    scope = [parts[0]] + parts[max(index, 1) : max(index, 1) + TERMS_WINDOW] if index > 0 else parts[:TERMS_WINDOW]
    deal_lines = [parts[index], parts[0]] + parts[index + 1 : index + 3] if index > 0 else parts[:3]
    issuers = parties.issuer_names("\n".join(parts), parts[0])
    listed = parties.listed_names("\n".join(parts))
    named = parties.customer_expanding(parts[index], listed) or parties.counterparty(
        deal_lines + scope, issuers, acquisition=kind == "acquisition", hardware=kind == "hardware"
    )
    backer = parties.backstop(scope, issuers)
    if named is not None and backer is not None and named.lower() == backer.lower():
        named = parties.counterparty(
            [s for s in deal_lines + scope if backer not in s] or deal_lines, issuers, acquisition=kind == "acquisition"
        )
    mw, mw_gross = _first_mw(scope, kind)
    gpu_count = next((c for s in scope if (c := amounts.gpu_count(s)) is not None), None)
    gpu_model = amounts.most_specific_model([m for s in scope for m in amounts.gpu_models(s)])
    return DealTerms(
        is_deal=True,
        kind=kind,
        counterparty=named,
        counterparty_phrase=None if named else parties.counterparty_phrase(deal_lines + scope),
        backstop=backer,
        mw=mw,
        mw_gross=mw_gross,
        contract_value_usd=_contract_value(scope, kind),
        term_years=_term_years(scope),
        site=parties.site(deal_lines + scope),
        gpu_count=gpu_count,
        gpu_model=gpu_model,
    )


def parse_deal_item(title: str, lede: str) -> DealTerms:
    """A news item's headline and lede, read as one announcement (the headline is its own paragraph)."""
    return parse_deal(f"{title.strip()}\n\n{lede.strip()}" if lede and lede.strip() else title)
