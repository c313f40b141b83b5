"""German headlines, English encoder: the domain words of a German text are swapped for their English terms.

The bundled MiniLM was trained on English; it cuts "Stromabnahmevertrag" into meaningless pieces and places a
German headline about a power contract nowhere near the English ones. The users read German feeds too, so a
German text (told apart by its function words) gets its investment and energy vocabulary rewritten in English
before encoding: "Miner unterzeichnet KI-Mietvertrag" is encoded as "Miner unterzeichnet AI lease". English texts
are returned unchanged. Team-written; the terms are the themes' vocabulary (SPEC section 1), not any data set's.
"""

from __future__ import annotations

import re

#: Function words that mark a text as German; a text needs GERMAN_MIN_HITS distinct ones.
GERMAN_MARKERS = frozenset(
    "der die das den dem des und mit für über von nach auf ein eine einen einem ist sind wird werden sich zu zum "
    "zur im ins bei aus vom nicht auch noch nur je hat haben dass gegen unter seit durch ohne kein keine oder wie "
    "als bis mehr neue neuen neues soll".split()
)
GERMAN_MIN_HITS = 2

#: (German stem, English term). A word (compounds and hyphenated parts included) containing a stem is replaced by
#: the term of the first stem it contains, so the more specific stems come first.
GERMAN_TERMS: tuple[tuple[str, str], ...] = (
    # energy
    ("stromabnahmevertr", "power purchase agreement"),
    ("stromliefervertr", "power purchase agreement"),
    ("liefervertr", "power supply contract"),
    ("stromgutschrift", "power credits"),
    ("gutschrift", "credits"),
    ("stromkosten", "power costs"),
    ("strompreis", "power prices"),
    ("energiekosten", "energy costs"),
    ("stromverbrauch", "power consumption"),
    ("netzanschluss", "grid interconnection"),
    ("netzanschlüss", "grid interconnection"),
    ("umspannwerk", "substation"),
    ("netzbetreiber", "grid operator"),
    ("netzengp", "grid emergency"),
    ("netznotstand", "grid emergency"),
    ("lastabwurf", "demand response"),
    ("abschalt", "curtailment"),
    ("abgeschaltet", "curtailed"),
    ("abregelung", "curtailment"),
    ("drossel", "curtail"),
    ("wasserkraft", "hydroelectric power"),
    ("windpark", "wind farm"),
    ("windkraft", "wind power"),
    ("windstrom", "wind power"),
    ("solarpark", "solar farm"),
    ("solarstrom", "solar power"),
    ("kernkraft", "nuclear power"),
    ("atomkraft", "nuclear power"),
    ("atomstrom", "nuclear power"),
    ("erdgas", "natural gas"),
    ("abgefackelt", "flared gas"),
    ("fackelgas", "flared gas"),
    ("kraftwerk", "power plant"),
    ("megawattstunde", "MWh"),
    ("kilowattstunde", "kWh"),
    ("gigawatt", "GW"),
    ("megawatt", "MW"),
    ("stromnetz", "power grid"),
    ("strom", "power"),
    ("energieverbrauch", "energy consumption"),
    ("energie", "energy"),
    # capital deployment
    ("rechenzentr", "data center"),
    ("hochleistungsrechn", "high-performance computing"),
    ("künstliche", "artificial"),
    ("intelligenz", "intelligence"),
    ("mietvertr", "lease"),
    ("colocation", "colocation"),
    ("mieter", "tenant"),
    ("mietet", "leases"),
    ("vermiet", "leases"),
    ("grafikprozessor", "GPUs"),
    ("grafikkarte", "GPUs"),
    ("gemeinschaftsunternehmen", "joint venture"),
    ("verkauf", "sells"),  # before "kauf": "verkauft Strom" sells power
    ("übernahme", "acquisition"),
    ("übernimmt", "acquires"),
    ("kauft", "buys"),
    ("erwirbt", "acquires"),
    ("partnerschaft", "partnership"),
    ("auftrag", "contract"),
    ("vertrag", "contract"),
    ("verträge", "contracts"),
    ("bestell", "orders"),
    ("ausbau", "expansion"),
    ("umbau", "conversion"),
    ("baut", "builds"),
    ("standort", "site"),
    ("gelände", "site"),
    ("grundstück", "land"),
    # debt terms
    ("wandelanleihe", "convertible notes"),
    ("wandlungspreis", "conversion price"),
    ("anleihe", "notes"),
    ("kupon", "coupon"),
    ("fälligkeit", "maturity"),
    ("kapitalerhöhung", "equity offering"),
    ("kreditlinie", "credit facility"),
    ("kredit", "loan"),
    ("darlehen", "loan"),
    ("verwässer", "dilution"),
    ("schulden", "debt"),
    ("zinsen", "interest"),
    ("zurückkauf", "repurchase"),
    ("rückkauf", "repurchase"),
    # regulation
    ("börsenaufsicht", "SEC regulator"),
    ("aufsichtsbehörde", "regulator"),
    ("regulierung", "regulation"),
    ("gesetz", "law"),
    ("verbot", "ban"),
    ("verbiet", "ban"),
    ("zölle", "tariffs"),
    ("zoll", "tariff"),
    ("steuer", "tax"),
    ("umweltschutz", "environmental"),
    ("emission", "emissions"),
    ("klage", "lawsuit"),
    ("verklagt", "sues"),
    ("regeln", "rules"),
    ("offenlegung", "disclosure"),
    # depin
    ("dezentral", "decentralized"),
    ("netzwerk", "network"),
    ("netz", "grid"),
    # no theme, but words the encoder should read as the English feeds say them
    ("schürf", "mining"),
    ("quartalszahlen", "quarterly results"),
    ("betriebsupdate", "operations update"),
    ("produktion", "production"),
    ("umsatz", "revenue"),
    ("gewinn", "profit"),
    ("aktie", "shares"),
    ("kursziel", "price target"),
    ("finanzvorstand", "CFO"),
    ("vorstand", "executive"),
    ("ernennt", "appoints"),
    ("hauptversammlung", "shareholder meeting"),
    ("ki", "AI"),
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: The stem "ki" only as a whole word or a compound's hyphenated part ("KI-Cloud"), never inside "Kilowatt".
_WHOLE_WORD_STEMS = frozenset({"ki"})


def is_german(text: str) -> bool:
    """Whether `text` reads as German: at least GERMAN_MIN_HITS distinct German function words."""
    words = {word.lower() for word in _WORD.findall(text)}
    return len(words & GERMAN_MARKERS) >= GERMAN_MIN_HITS


def _english_term(word: str) -> str | None:
    lowered = word.lower()
    for stem, term in GERMAN_TERMS:
        if stem in _WHOLE_WORD_STEMS:
            if lowered == stem:
                return term
        elif stem in lowered:
            return term
    return None


def _replace(match: re.Match[str]) -> str:
    word = match.group(0)
    term = _english_term(word)
    return term if term is not None else word


def english_terms(text: str) -> str:
    """`text` with its German domain words in English if it reads as German, else `text` itself."""
    if not is_german(text):
        return text
    return _WORD.sub(_replace, text)
