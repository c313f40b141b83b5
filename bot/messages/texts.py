"""The texts a chat reads, in English and German: one catalogue per language (bot/messages/en.py, de.py).

`t(lang, key, **values)`: values are escaped by the caller; a key missing in German falls back to English.
"""

from __future__ import annotations

from bot.messages import de, en

LANGUAGES = ("en", "de")

_CATALOGUES: dict[str, dict[str, str]] = {"en": en.TEXTS, "de": de.TEXTS}


def t(lang: str, key: str, **values: object) -> str:
    """The text `key` in `lang` (English when missing), formatted with already-escaped values."""
    table = _CATALOGUES.get(lang, en.TEXTS)
    template = table.get(key) or en.TEXTS[key]
    return template.format(**values) if values else template
