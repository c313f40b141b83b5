"""German headlines, English encoder: a German text is put in English word by word before encoding.

The bundled MiniLM was trained on English; it cuts "Stromabnahmevertrag" into meaningless pieces and places a
German headline about a power contract nowhere near the English ones. The users read German feeds too, so a
German text (told apart by its function words) is read in two steps:
- `domain_terms`: its investment and energy vocabulary in English ("Der Miner unterzeichnet einen
  KI-Mietvertrag" becomes "Der Miner unterzeichnet einen AI-lease"). This is how the German training items are
  read (`classifiers.training`), so `GERMAN_TERMS` is part of what the shipped weights were trained on: changing
  it needs `minerwatch train`.
- `english_terms`, what the classifier reads at inference: the domain terms plus the general words of German news
  (`GERMAN_WORDS`: "the Miner signs a AI-lease"), so that the whole sentence is in words the encoder knows. This
  is the "translate, then classify" way of reading a second language with a model trained on the first. A word the
  tables do not list as it stands is read through a listed form ("Projekten", "investierte", "großer") or as a
  compound of two listed words ("Finanzierungsvereinbarung": financing agreement).
  The general words are left out of training on purpose. With them, the 272 German training items read as English
  ones, and in two trainings with different seeds energy F1 on the English dev headlines fell from 0.800 to 0.735
  and 0.760. At inference they take the German held-back items from macro-F1 0.68 to 0.77 and 0.73 to 0.83
  (bench/README.md, issue 13 round 10).
English texts are returned unchanged by both. Team-written; the terms are the themes' vocabulary (SPEC section 1)
and everyday German, not any data set's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from classifiers.german_words import GERMAN_WORDS_TEXT, SEPARABLE_VERBS_TEXT

#: Function words that mark a text as German; a text needs GERMAN_MIN_HITS distinct ones.
GERMAN_MARKERS = frozenset(
    "der die das den dem des und mit für über von nach auf ein eine einen einem ist sind wird werden sich zu zum "
    "zur im ins bei aus vom nicht auch noch nur je hat haben dass gegen unter seit durch ohne kein keine oder wie "
    "als bis mehr neue neuen neues soll".split()
)
GERMAN_MIN_HITS = 2
#: English function words that are no German words. A text with no more than twice as many `GERMAN_MARKERS` as
#: these is English with a few German-looking words ("Miners die as Des Moines plant was shut"), and
#: `english_terms` leaves its general words alone, as `domain_terms` always does.
ENGLISH_MARKERS = frozenset(
    "the and of to is were with for on by from that its are as after this at or but not has have be".split()
)

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


def _entries(text: str) -> list[str]:
    """The ";"-separated entries of a table text, each with its whitespace collapsed to single spaces."""
    return [entry.strip() for entry in " ".join(text.split()).split(";") if entry.strip()]


def _parsed_words(text: str) -> dict[str, str]:
    words = {}
    for entry in _entries(text):
        german, english = (part.strip() for part in entry.split("=", 1))
        words[german] = english
    return words


#: `GERMAN_WORDS_TEXT` (`classifiers.german_words`) as a mapping.
GERMAN_WORDS = _parsed_words(GERMAN_WORDS_TEXT)


@dataclass(frozen=True)
class SeparableVerb:
    """The English of one verb form with one particle, and the English it takes instead when a cue word stands
    between the two (`SEPARABLE_VERBS_TEXT`): one (cue words, English) pair per group, the first that matches wins."""

    english: str
    cued: tuple[tuple[frozenset[str], str], ...] = ()

    def reading(self, between: Iterable[str]) -> str:
        """The English for a clause whose words between verb and particle are `between` (lower-case)."""
        words = set(between)
        return next((english for cues, english in self.cued if not cues.isdisjoint(words)), self.english)


def _parsed_separable_verbs(text: str) -> dict[tuple[str, str], SeparableVerb]:
    verbs = {}
    for entry in _entries(text):
        pair, *groups = entry.split("|")
        head, english = (part.strip() for part in pair.split("=", 1))
        forms, particle = head.rsplit(" ", 1)
        cued = []
        for group in groups:
            cues, cued_english = (part.strip() for part in group.split("=", 1))
            cued.append((frozenset(cue.strip() for cue in cues.split("/") if cue.strip()), cued_english))
        verb = SeparableVerb(english, tuple(cued))
        for form in forms.split("/"):
            verbs[(form.strip(), particle)] = verb
    return verbs


#: `SEPARABLE_VERBS_TEXT` (`classifiers.german_words`) as a mapping from (verb form, particle) to the pair's reading.
SEPARABLE_VERBS = _parsed_separable_verbs(SEPARABLE_VERBS_TEXT)
_PARTICLES = frozenset(particle for _, particle in SEPARABLE_VERBS)
#: How many words a particle may stand after its verb ("Core Scientific nimmt über zwei Wandelanleihen 1,2 Mrd.
#: US-Dollar auf" has seven between).
SEPARABLE_SPAN = 12
#: Words after which a full stop ends no sentence ("500 Mio. Dollar", "Hut 8 Corp. baut ... aus").
_ABBREVIATIONS = frozenset("mio mrd bzw ca inc corp co ltd nr dr vs usw etc jan feb aug sept sep okt nov dez".split())
#: What may follow a particle that ends its clause, besides punctuation and the end of the text.
_CLAUSE_JOINERS = frozenset("und oder aber sowie".split())

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: The stem "ki" only as a whole word or a compound's hyphenated part ("KI-Cloud"), never inside "Kilowatt".
_WHOLE_WORD_STEMS = frozenset({"ki"})


def _marker_counts(text: str) -> tuple[int, int]:
    """Distinct `GERMAN_MARKERS` and `ENGLISH_MARKERS` among the words of `text`."""
    words = {word.lower() for word in _WORD.findall(text)}
    return len(words & GERMAN_MARKERS), len(words & ENGLISH_MARKERS)


def is_german(text: str) -> bool:
    """Whether `text` reads as German: at least GERMAN_MIN_HITS distinct German function words."""
    return _marker_counts(text)[0] >= GERMAN_MIN_HITS


def _english_term(word: str) -> str | None:
    lowered = word.lower()
    for stem, term in GERMAN_TERMS:
        if stem in _WHOLE_WORD_STEMS:
            if lowered == stem:
                return term
        elif stem in lowered:
            return term
    return None


def _domain_word(match: re.Match[str]) -> str:
    word = match.group(0)
    term = _english_term(word)
    return term if term is not None else word


#: Endings a listed noun takes ("Projekt" → "Projekten", "Anleger" → "Anlegern"), shortest first, so that the
#: longest listed base wins ("Verbrauchern" is "Verbraucher" + "n", not "Verbrauch" + "ern").
_NOUN_ENDINGS = ("e", "n", "s", "en", "er", "es", "em", "ern", "ens")
#: Endings an adjective listed in its "-e" form takes ("große" → "großer", "großem"), for words written in lower
#: case only: "Miner" is no form of "Mine".
_ADJECTIVE_ENDINGS = ("r", "m")
#: Endings a verb's stem takes in the present, the past and the present participle ("investier-te", "unterzeichn-ete"),
#: longest first; the stem is the listed infinitive without its "-en" or "-n".
_VERB_ENDINGS = ("enden", "ende", "end", "eten", "test", "ten", "tet", "ete", "est", "st", "te", "et", "en", "e", "t")
#: Letters that may join the parts of a compound ("Finanzierung-s-vereinbarung", "Jahr-es-ende").
_LINKING_LETTERS = ("", "s", "es", "n", "en", "e")
#: The shortest stem an ending or a compound part may leave: "Bauer" is no inflection of "Bau", "dennoch" no
#: compound of "den" and "noch".
_MIN_STEM = 4
#: Words that begin verbs and nouns whose meaning is not that of their parts ("übernehmen" takes over, "Überfluss"
#: is plenty, "zurückziehen" withdraws, "bereitstehen" stands ready): never the first part of a compound. The
#: separable verbs' particles are among them.
_NOT_FIRST_PARTS = _PARTICLES | frozenset("über unter gegen hinter durch wieder zwischen weiter zusammen voll".split())


def _noun_form(word: str, lower_case: bool = False) -> str | None:
    """The English of a lower-case `word` that `GERMAN_WORDS` lists, as it stands or with a noun's ending, and for
    a word written in lower case with an adjective's ending too ("großer")."""
    listed = GERMAN_WORDS.get(word)
    if listed is not None:
        return listed
    endings = _NOUN_ENDINGS + _ADJECTIVE_ENDINGS if lower_case else _NOUN_ENDINGS
    for ending in endings:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= _MIN_STEM and base in GERMAN_WORDS:
            return GERMAN_WORDS[base]
    return None


def _verb_form(word: str) -> str | None:
    """The English of a lower-case `word` that is a form of a listed regular verb: present, past, present participle
    ("erhöhte", "unterzeichneten") or a "ge-" participle ("gestartet")."""
    forms = [word]
    if word.startswith("ge") and len(word) > 2 + _MIN_STEM:
        forms.append(word[2:])
    for form in forms:
        for ending in _VERB_ENDINGS:
            stem = form[: -len(ending)]
            if not form.endswith(ending) or len(stem) < _MIN_STEM:
                continue
            for infinitive in (stem + "en", stem + "n"):
                if infinitive in GERMAN_WORDS:
                    return GERMAN_WORDS[infinitive]
    return None


def _compound(word: str) -> str | None:
    """The English of a lower-case compound noun of two listed words, the longest listed last part first:
    "Finanzierungsvereinbarung" is financing agreement, "Großkunden" large customers. The last part is read as a
    noun (`_noun_form`); a verb with a particle before it is no compound ("vollzieht")."""
    for cut in range(_MIN_STEM, len(word) - _MIN_STEM + 1):
        last = _noun_form(word[cut:])
        if last is None:
            continue
        head = word[:cut]
        for link in _LINKING_LETTERS:
            first = head[: len(head) - len(link)] if head.endswith(link) else ""
            if len(first) >= _MIN_STEM and first not in _NOT_FIRST_PARTS:
                english = _noun_form(first) or _verb_form(first) or GERMAN_WORDS.get(first + "e")
                if english is not None:
                    return f"{english} {last}"
    return None


@lru_cache(maxsize=65536)
def _word_reading(word: str) -> str | None:
    """The English of one word, or None: a listed word as it stands or as a noun's or adjective's form
    (`_noun_form`: "Stromsteuern" is the listed "Stromsteuer", so the domain stem "strom" inside it does not win),
    then a domain stem inside it (so "kauft" stays "buys", as the keyword rules and the training items read it),
    then a listed verb's form, then a compound of two listed words. Cached: the tables are module constants, and
    news repeats its words."""
    lowered = word.lower()
    return (
        _noun_form(lowered, lower_case=word == lowered)
        or _english_term(word)
        or _verb_form(lowered)
        or _compound(lowered)
    )


def _any_word(match: re.Match[str]) -> str:
    """A word in English (`_word_reading`); a word nothing reads (a name, an unlisted word) stays as it is."""
    return _word_reading(match.group(0)) or match.group(0)


def domain_terms(text: str) -> str:
    """`text` with its German domain words (`GERMAN_TERMS`) in English if it reads as German, else `text` itself:
    how the training items are read."""
    if not is_german(text):
        return text
    return _WORD.sub(_domain_word, text)


def _ends_part(gap: str, before: str) -> bool:
    """Whether `gap`, the text between the word `before` and the next word, ends a clause: a comma, semicolon,
    colon, question or exclamation mark or full stop followed by a space ("2,5" and "1.000" end nothing), a dash
    between spaces; a full stop right after an abbreviation or a single letter ends nothing ("500 Mio. Dollar")."""
    for index, char in enumerate(gap):
        followed_by_space = index + 1 == len(gap) or gap[index + 1].isspace()
        if char in ",;:!?" and followed_by_space:
            return True
        if char == "." and followed_by_space:
            if index == 0 and (before.lower() in _ABBREVIATIONS or len(before) == 1):
                continue
            if index > 0 and gap[index - 1].isdigit():  # "am 5. Juli": an ordinal
                continue
            return True
        if char in "–—-" and index > 0 and gap[index - 1].isspace() and followed_by_space:
            return True
    return False


def _ends_clause(text: str, words: list[re.Match[str]], lowered: list[str], index: int) -> bool:
    """Whether word `index` ends its clause: punctuation, a closing bracket or quote, the end of the text or
    "und"/"oder"/"aber"/"sowie" follows it."""
    rest = text[words[index].end() :]
    stripped = rest.lstrip()
    if not stripped or stripped[0] in ".,;:!?)]\"'»«“”–—":
        return True
    return index + 1 < len(words) and lowered[index + 1] in _CLAUSE_JOINERS


def _separable_readings(text: str, words: list[re.Match[str]]) -> dict[int, str]:
    """Word index → English for the separable verbs of `text` (`SEPARABLE_VERBS`): the verb's index gets the pair's
    English, the particle's an empty string. A particle counts where it ends its clause; its verb is the nearest
    listed form before it in the same clause, at most `SEPARABLE_SPAN` words back."""
    lowered = [word.group(0).lower() for word in words]
    readings: dict[int, str] = {}
    for particle_at, particle in enumerate(lowered):
        if particle not in _PARTICLES or not _ends_clause(text, words, lowered, particle_at):
            continue
        for verb_at in range(particle_at - 1, max(particle_at - 1 - SEPARABLE_SPAN, -1), -1):
            if _ends_part(text[words[verb_at].end() : words[verb_at + 1].start()], lowered[verb_at]):
                break
            verb = SEPARABLE_VERBS.get((lowered[verb_at], particle))
            if verb is not None and verb_at not in readings:
                readings[verb_at] = verb.reading(lowered[verb_at + 1 : particle_at])
                readings[particle_at] = ""
                break
    return readings


def _word_by_word(text: str) -> str:
    """`text` with every word read in English: separable verbs as pairs, then each word by `_word_reading`."""
    words = list(_WORD.finditer(text))
    readings = _separable_readings(text, words)
    pieces = []
    end = 0
    for index, word in enumerate(words):
        gap = text[end : word.start()]
        reading = readings.get(index)
        pieces.append(gap.rstrip() if reading == "" else gap)
        pieces.append(_any_word(word) if reading is None else reading)
        end = word.end()
    pieces.append(text[end:])
    return "".join(pieces)


def english_terms(text: str) -> str:
    """`text` put in English word by word (separable verbs as pairs, every other word by `_word_reading`) if it reads
    as German, else `text` itself: how the classifier reads a text. A text with no more than twice as many German
    markers as English ones (`ENGLISH_MARKERS`) only gets its domain terms."""
    german, english = _marker_counts(text)
    if german < GERMAN_MIN_HITS:
        return text
    if german <= 2 * english:
        return _WORD.sub(_domain_word, text)
    return _word_by_word(text)
