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
from watchers.deals import amounts, cues, parties, terms

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
    """A sentence that announces something signed, and what (None: a generic "agreement" so far)."""

    kind: str | None  # lease | cloud | hardware | acquisition | partnership | non_binding | financing | None


def release_sentences(text: str) -> list[str]:
    """Sentences of a release up to its boilerplate; the headline (first paragraph) is the first one."""
    text = normalize_text(text)
    kept: list[str] = []
    for paragraph in text.split("\n"):
        if not kept and cues.EXHIBIT_LABEL.match(paragraph):
            continue  # "Exhibit 99.1" above an 8-K press release is not its headline
        if kept and cues.BOILERPLATE.match(paragraph):
            break
        kept.append(paragraph)
    return sentences("\n".join(kept))


def _object_kind(sentence: str, verb: re.Match[str]) -> tuple[bool, str | None]:
    """(found, kind) of the deal object nearest after the verb (a specific kind beats a generic "contract")."""
    best: tuple[int, int, str | None] | None = None  # (distance, priority, kind)
    for priority, (kind, pattern) in enumerate(cues.OBJECTS):
        after = verb.start() if kind in cues.VERB_OBJECTS else verb.end()
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


#: "… for its first customer", "… to serve its Microsoft contract": whom a GPU purchase is for.
_FOR_A_CUSTOMER = re.compile(
    r"\b(?:to\s+(?:serve|support|fulfil\w*|deliver\s+on)|for|under|supporting)\s+(?:its\s+|an?\s+|the\s+)?"
    r"(?:[\w\-$.]+\s+){0,4}?(?:contract|customer|client|agreement|tenant)s?\b",
    re.IGNORECASE,
)
_SHARES_BOUGHT = re.compile(
    r"\s+(?:(?:about|approximately|roughly|some)\s+)?\$[\d.,]+\s*(?:million|billion|bn|m|b)?\s+(?:worth\s+)?of\s+"
    r"(?:[\w'\-.]+\s+){0,5}?(?:(?:class\s+[ab]\s+)?(?:common\s+)?stock|shares|equity)\b",
    re.IGNORECASE,
)
_AGREEMENT_TO_BUY = re.compile(
    r"\s*(?:(?:an?|the)\s+)?(?:[\w$.,\-]+\s+){0,8}?(?:to\s+)?(?:buy|acquire|purchase)\b"
    r"(?!\s+(?:[\w$.,~\-]+\s+){0,5}?(?:GPUs?|servers|chips|systems|accelerators)\b)",
    re.IGNORECASE,
)
_SERVERS = re.compile(r"\b(?:servers?|systems|chips|accelerators|supercomputers?)\b", re.IGNORECASE)
_OPTION_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?options?\b", re.IGNORECASE)


def _deal_sentence(sentence: str) -> _DealSentence | None:
    """The sentence's deal reading, or None when it announces nothing signed."""
    for verb in cues.SIGNED.finditer(sentence):
        before = sentence[: verb.start()]
        if cues.HEDGED.search(before) or cues.NEGATED.search(before) or cues.CALLED_OFF.search(before):
            continue
        found, kind = _object_kind(sentence, verb)
        if re.match(r"sign|agree|enter|reach", verb[0], re.IGNORECASE) and _AGREEMENT_TO_BUY.match(
            sentence, verb.end()
        ):
            found, kind = True, "acquisition"  # "signed an agreement to buy a 64% stake in …", "agrees to buy X"
        if re.match(r"(?:purchas|buy|bought)", verb[0], re.IGNORECASE) and _SHARES_BOUGHT.match(sentence, verb.end()):
            return _DealSentence("financing")  # "Nvidia bought $2 billion of the AI cloud provider's Class A stock"
        if not found and re.match(r"exercis", verb[0], re.IGNORECASE) and _OPTION_AFTER.match(sentence[verb.end() :]):
            found, kind = True, None  # "exercises (its) option for 112 MW": the kind comes from what it covers
        if re.match(r"partner|team", verb[0], re.IGNORECASE) and kind in (None, "partnership"):
            found, kind = True, "partnership"  # "partners with X on AI infrastructure"
        if not found and not re.match(r"(?:acqui|purchas|buy|bought|order|to\s+acqui)", verb[0], re.IGNORECASE):
            continue
        if not found:
            after = sentence[verb.end() :]
            bought_gpus = re.search(r"\bGPUs\b", after) or amounts.gpu_models(after)
            if re.match(r"order|plac", verb[0], re.IGNORECASE) and not (bought_gpus or _SERVERS.search(after)):
                continue  # "has ordered electrical equipment": no GPU purchase, no acquisition
            kind = "hardware" if bought_gpus else "acquisition"
        if kind == "hardware" and _FOR_A_CUSTOMER.search(sentence[verb.end() :]):
            kind = "cloud"  # GPUs bought for a customer's contract: the capacity sold is the deal, the GPUs its means
        return _DealSentence(kind)
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
    for candidate, pattern in cues.OBJECTS:
        if candidate in ("lease", "cloud", "partnership", "hardware") and pattern.search(scope):
            return candidate
    if re.search(r"\bGPUs?\b", scope):
        return "cloud"
    if re.search(r"\b(?:MW|megawatts?)\b", scope, re.IGNORECASE):
        return "lease"
    if re.search(r"\b(?:AI|GPU)\s+(?:infrastructure|compute|computing)\b", scope, re.IGNORECASE):
        return "cloud"  # "a $3 billion deal with Meta for AI infrastructure", no MW: capacity sold as a service
    return None


def _signed_for_a_tenant(sentences: list[str], readings: list[_DealSentence | None]) -> bool:
    """Whether the lede says a lease or cloud contract was signed ("TeraWulf signs Core42 …, taps banks for project
    debt": the headline names the financing too, the lease is the news)."""
    return any(
        reading is not None
        and reading.kind in cues.TENANT_KINDS
        and re.search(r"\b(?:has\s+)?(?:signed|inked|entered\s+into|executed)\b", sentence, re.IGNORECASE)
        for sentence, reading in zip(sentences, readings, strict=True)
    )


def classify(parts: list[str]) -> tuple[bool, str | None, int]:
    """(is_deal, kind, index of the deal sentence in `parts`) for a release's sentences."""
    headline = parts[0]
    if (
        cues.OPINION.match(headline)
        or headline.rstrip().endswith("?")
        or cues.RESULTS.search(headline)
        or cues.RECOUNTED.search(headline)
    ):
        return False, None, -1
    window = parts[: DEAL_SENTENCE_WINDOW + 1]
    readings = [_deal_sentence(s) for s in window]
    first_found = next((r for r in readings if r is not None), None)
    if first_found is not None and first_found.kind == "non_binding":
        return False, "non_binding", 0
    tenant_signed = _signed_for_a_tenant(window[1:3], readings[1:3])
    if (
        cues.FINANCING.search(headline)
        and (readings[0] is None or readings[0].kind == "financing")
        and not tenant_signed
    ):
        return False, None, 0  # the news is the money raised, whatever it will fund
    tenant = next((i for i, r in enumerate(readings) if r is not None and r.kind in cues.TENANT_KINDS), None)
    if tenant is None and any(cues.CONSTRUCTION.search(s) for s in window[:3]):
        return False, None, -1  # a build started without a signed tenant is not a deal
    if any(cues.PLAN_SENTENCE.search(s) for s in window[:2]) and not any(
        _deal_sentence(s) is not None and re.search(r"\b(?:signed|has\s+entered|executed|definitive)\b", s, re.I)
        for s in window[:2]
    ):
        return False, None, -1
    for index, (sentence, reading) in enumerate(zip(window, readings, strict=True)):
        if reading is None:
            continue
        if tenant is not None and index < tenant and reading.kind in ("acquisition", "hardware"):
            continue  # a land or GPU purchase told before a tenant's lease is the means, the lease is the deal
        if reading.kind == "non_binding":
            return False, "non_binding", index
        if reading.kind == "financing":
            if tenant_signed:
                continue  # the headline names the project debt too; the lede's signed lease is the news
            return False, None, index
        context = " ".join(window[index : index + 3])
        if cues.MINING_CONTEXT.search(sentence) and not cues.AI_CONTEXT.search(sentence):
            return False, None, index
        if not cues.AI_CONTEXT.search(context) and not cues.AI_CONTEXT.search(headline):
            continue
        return True, _refine_kind(reading.kind, " ".join(window[index : index + 4])), index
    return False, None, -1


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
    phrase = None if named else parties.counterparty_phrase(deal_lines + scope)
    # a phrase that points back ("the AI cloud provider") names no one new: a known AI cloud named nearby is it;
    # one that does not ("a U.S.-based investment-grade hyperscaler") is an unnamed tenant
    if (
        named is None
        and kind not in ("acquisition", "hardware")
        and (phrase is None or phrase.lower().startswith("the "))
    ):
        named = parties.known_tenant((deal_lines + scope)[:3], issuers, exclude=backer)
        phrase = None if named else phrase
    mw, mw_gross = terms.first_mw(scope, kind)
    gpu_count = next((c for s in scope if (c := amounts.gpu_count(s)) is not None), None)
    gpu_model = amounts.most_specific_model([m for s in scope for m in amounts.gpu_models(s)])
    return DealTerms(
        is_deal=True,
        kind=kind,
        counterparty=named,
        counterparty_phrase=phrase,
        backstop=backer,
        mw=mw,
        mw_gross=mw_gross,
        contract_value_usd=terms.contract_value(scope, kind),
        term_years=terms.term_years(scope),
        site=parties.site(deal_lines + scope),
        gpu_count=gpu_count,
        gpu_model=gpu_model,
    )


def parse_deal_item(title: str, lede: str) -> DealTerms:
    """A news item's headline and lede, read as one announcement (the headline is its own paragraph)."""
    return parse_deal(f"{title.strip()}\n\n{lede.strip()}" if lede and lede.strip() else title)
