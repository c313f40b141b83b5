"""The texts a chat reads, in English and German: one catalogue per language (bot/messages/en.py, de.py; the
charts' texts come into both from bot/messages/chart_texts.py).

`t(lang, key, **values)`: values are escaped by the caller; a key missing in German falls back to English.
`tn(lang, key, count, **values)`: the form of `key` for `count` in the language's plural rule (CLDR, by Babel):
the catalogues hold `key_one` and `key_other` ("1 deal", "2 deals").
"""

from __future__ import annotations

from babel import Locale

from bot.messages import de, en

LANGUAGES = ("en", "de")

_CATALOGUES: dict[str, dict[str, str]] = {"en": en.TEXTS, "de": de.TEXTS}


def t(lang: str, key: str, **values: object) -> str:
    """The text `key` in `lang` (English when missing), formatted with already-escaped values."""
    table = _CATALOGUES.get(lang, en.TEXTS)
    template = table.get(key) or en.TEXTS[key]
    return template.format(**values) if values else template


#: Babel's plural rule of each language (English and German both tell only "one" from "other").
_PLURAL_RULES = {lang: Locale.parse(lang).plural_form for lang in LANGUAGES}


def tn(lang: str, key: str, count: int, **values: object) -> str:
    """The text `key_one` or `key_other` (as the language's plural rule picks for `count`), with `count` filled in."""
    rule = _PLURAL_RULES.get(lang, _PLURAL_RULES["en"])
    form = rule(abs(count))
    table = _CATALOGUES.get(lang, en.TEXTS)
    template = table.get(f"{key}_{form}") or table.get(f"{key}_other") or en.TEXTS[f"{key}_other"]
    return template.format(count=count, **values)
