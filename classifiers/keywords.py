"""Rule-based theme classifier: one regex list per theme. The measured baseline; loads no model.

Its matches are also inputs of the transformer's head (`keyword_features`, `transformer.head_inputs`), so changing a
pattern means retraining (`minerwatch train`); the head records `patterns_digest` and refuses other patterns."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence

import numpy as np

from classifiers.base import THEMES, ThemeResult

#: Patterns per theme (case-insensitive). A theme is tagged when any of its patterns matches.
KEYWORD_PATTERNS: Mapping[str, tuple[str, ...]] = {
    "capital_deployment": (
        r"\bdata[- ]?cent(?:er|re)s?\b",
        r"\bHPC\b",
        r"\bhigh[- ]performance comput",
        r"\bAI (?:campus|factory|cloud|infrastructure|compute|data)",
        r"\bGPUs?\b",
        r"\bH100s?\b|\bH200s?\b|\bB200s?\b|\bGB200s?\b|\bGB300s?\b|\bBlackwell\b",
        r"\bcolocation\b|\bco-location\b|\bhosting (?:agreement|contract|deal)",
        r"\blease (?:agreement|contract|deal)|\bleases?\b.*\b(?:MW|megawatt)",
        r"\bCoreWeave\b|\bFluidstack\b|\bMicrosoft\b|\bAWS\b|\bAmazon Web Services\b|\bAnthropic\b",
        r"\bacqui(?:re|res|red|ring|sition)\b",
        r"\bmerger\b|\bto buy\b|\bbuys\b",
        r"\bpurchases? (?:of )?(?:\d[\d,.]* )?(?:miners|rigs|machines|ASICs)",
        r"\bpartnership\b|\bpartners with\b",
        r"\bconvert(?:s|ed|ing)?\b.{0,40}\bto (?:AI|HPC)\b",
        r"\bbreaks? ground\b|\bgroundbreaking\b",
    ),
    "energy_arbitrage": (
        r"\bPPA\b|\bpower purchase agreement",
        r"\bpower (?:price|cost|credit|contract|strateg)",
        r"\bcurtail",
        r"\bdemand[- ]response\b",
        r"\bERCOT\b",
        r"\bflare[ds]?\b|\bstranded gas\b|\bnatural gas\b",
        r"\bhydro(?:electric|power)?\b|\bnuclear\b|\bwind farm\b|\bsolar\b|\brenewable",
        r"\benergi[sz](?:ed|es|ation|ing)\b",
        r"\binterconnect",
        r"\belectricity (?:cost|price)",
        r"\bgrid (?:services|balancing)\b",
        r"\bsubstation\b",
    ),
    "debt_terms": (
        r"\bconvertible\b",
        r"\bsenior (?:secured )?notes?\b|\bsecured notes?\b",
        r"\bnotes? (?:offering|due)\b",
        r"\bcoupon\b|\bconversion (?:price|rate)\b|\bcapped calls?\b",
        r"\bcredit (?:facility|line)\b|\bterm loan\b|\bloan\b|\bdebt\b|\bfinancing\b",
        r"\bat[- ]the[- ]market\b|\bATM\b",
        r"\bequity (?:offering|raise|program)|\bregistered direct\b|\bpublic offering\b",
        r"\bIPO\b|\binitial public offering\b",
        r"\bdilut",
        r"\brepurchas(?:e|es|ed)\b.{0,30}\bnotes?\b|\bexchange of notes\b|\bnote exchange\b",
        r"\binterest (?:expense|rate|burden)\b",
    ),
    "depin": (
        r"\bDePIN\b",
        r"\bdecentrali[sz]ed (?:physical|compute|storage|energy|GPU|AI|network)",
        r"\bRender Network\b|\bRNDR\b|\bAkash\b|\bio\.net\b|\bFilecoin\b|\bHelium\b|\bBittensor\b|\bTAO\b",
        r"\bGolem\b|\bAethir\b|\bArweave\b|\bsubnet\b|\bPower Ledger\b|\bPowerLedger\b",
        r"\bpeer-to-peer (?:compute|energy)\b",
    ),
    "regulation": (
        r"\bregulat",
        r"\bSEC\b|\bSecurities and Exchange Commission\b",
        r"\blaw(?:s|suit)?\b|\blegislat|\bbill\b|\bsenate\b|\bcongress\b",
        r"\btax(?:es)?\b|\btariffs?\b",
        r"\bmoratori",
        r"\bban(?:s|ned)?\b",
        r"\bEPA\b|\benvironmental\b|\bemissions?\b|\bESG\b",
        r"\bFERC\b|\bPUC\b|\bpublic utility commission\b|\bgrid rule",
        r"\bcompliance\b|\bsanction",
        r"\bexecutive order\b|\bgovernor\b|\blawmakers?\b",
    ),
}


class KeywordClassifier:
    """Tags a theme (score 1.0) when any of its regexes matches, else 0.0. Stateless and thread-safe."""

    name = "keywords"

    def __init__(self, patterns: Mapping[str, Sequence[str]] | None = None) -> None:
        source = patterns if patterns is not None else KEYWORD_PATTERNS
        # Per theme: its patterns joined into one alternation, searched with IGNORECASE (a single scan per theme
        # instead of one per pattern: the same matches, about 2.5x faster; `keyword_features` runs on every batch
        # the transformer classifies), and the same alternation lower-cased, for lower-cased text. Text whose
        # letters are all ASCII (curly quotes, dashes and other caseless signs allowed) is searched that way,
        # without IGNORECASE: the same matches (ASCII case folding is A-Z to a-z and nothing else; only cased
        # non-ASCII letters such as the Kelvin sign fold onto ASCII ones) at about twice the speed. A theme whose
        # patterns hold an upper-case escape (\B, \D, \S, \W ...) has no lower-cased twin (None): lower-casing
        # would change what the escape means.
        self._rules: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        for theme in THEMES:
            if source.get(theme):
                joined = _alternation(source[theme])
                lowered = None if _UPPER_ESCAPE.search(joined) else re.compile(joined.lower())
                self._rules.append((theme, re.compile(joined, re.IGNORECASE), lowered))

    def matched_themes(self, text: str) -> frozenset[str]:
        """The themes of which some pattern matches `text` (case-insensitive)."""
        if not text.isascii() and not all(c.lower() == c == c.upper() for c in _NON_ASCII.findall(text)):
            return frozenset(theme for theme, folding, _ in self._rules if folding.search(text))
        lowered_text = text.lower()
        return frozenset(
            theme
            for theme, folding, lowered in self._rules
            if (lowered.search(lowered_text) if lowered is not None else folding.search(text))
        )

    def classify(self, text: str) -> ThemeResult:
        """Classify one text."""
        matched = self.matched_themes(text)
        scores = {theme: 1.0 if theme in matched else 0.0 for theme in THEMES}
        return ThemeResult(themes=tuple(t for t in THEMES if t in matched), scores=scores)

    def classify_batch(self, texts: Sequence[str]) -> list[ThemeResult]:
        """Classify many texts (one result per text, same order)."""
        return [self.classify(text) for text in texts]


#: Any non-ASCII character (`KeywordClassifier.matched_themes` checks that all of them are caseless).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: A backslash before an upper-case letter: an escape whose meaning lower-casing would change (\B, \D, \S, \W).
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def _alternation(patterns: Sequence[str]) -> str:
    """One regex matching wherever any of `patterns` matches."""
    return "|".join(f"(?:{p})" for p in patterns)


#: The shipped patterns, compiled once: `keyword_features` runs on every batch the transformer classifies.
SHIPPED_RULES = KeywordClassifier()


def keyword_features(texts: Sequence[str]) -> np.ndarray:
    """0/1 matrix (len(texts), themes): which themes' shipped patterns match each text. The transformer's head reads
    these beside the encoder features: a named tenant, "PPA" or "substation" is evidence the encoder may weigh too
    little. Always the shipped patterns: the head records their digest (`patterns_digest`)."""
    matches = [SHIPPED_RULES.matched_themes(text) for text in texts]
    return np.array([[1.0 if t in matched else 0.0 for t in THEMES] for matched in matches], dtype=np.float32)


def patterns_digest(patterns: Mapping[str, Sequence[str]] = KEYWORD_PATTERNS) -> str:
    """SHA-256 of the keyword patterns: a head trained on keyword features records it, so that changed patterns
    are caught instead of silently feeding the head other inputs."""
    canonical = json.dumps({theme: list(patterns.get(theme, ())) for theme in THEMES}, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
