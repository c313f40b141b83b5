"""Convertible-note terms from press-release text (SPEC section 6).

- `numbers`: money, percentages and dates in every written form;
- `sections`: the release as lines, list items and sentences;
- `series`: the new notes told apart from older series, and the release's stage;
- `terms`: `parse_convert_terms`, one reader per term;
- `deals`: one deal over several releases;
- `types`: the values they share.
"""

from watchers.converts.deals import (
    find_same_deal,
    merge_terms,
    same_deal,
)
from watchers.converts.numbers import parse_money
from watchers.converts.sections import normalize_text, sentences
from watchers.converts.terms import MAX_USE_OF_PROCEEDS_CHARS, parse_convert_series, parse_convert_terms
from watchers.converts.types import (
    CLOSING,
    DEAL_WINDOW,
    JSON_FIELDS,
    LAUNCH,
    PRICING,
    UNKNOWN,
    ConvertTerms,
    NoteAnnouncement,
)

__all__ = [
    "CLOSING",
    "DEAL_WINDOW",
    "JSON_FIELDS",
    "LAUNCH",
    "MAX_USE_OF_PROCEEDS_CHARS",
    "PRICING",
    "UNKNOWN",
    "ConvertTerms",
    "NoteAnnouncement",
    "find_same_deal",
    "merge_terms",
    "normalize_text",
    "parse_convert_series",
    "parse_convert_terms",
    "parse_money",
    "same_deal",
    "sentences",
]
