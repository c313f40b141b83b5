"""The keyword baseline: one regex list per theme, scores 1.0 / 0.0, no model."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pytest

from classifiers.base import THEMES, ThemeResult, item_text
from classifiers.evaluation import read_labelled
from classifiers.keywords import KEYWORD_PATTERNS, KeywordClassifier
from classifiers.training import data_files


@pytest.fixture(scope="module")
def keywords() -> KeywordClassifier:
    return KeywordClassifier()


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Miner signs 15-year colocation lease with hyperscaler for 200 MW", "capital_deployment"),
        ("Miner buys 4,000 Nvidia GPUs for its AI cloud", "capital_deployment"),
        ("Miner to acquire rival's Ohio site", "capital_deployment"),
        ("Miner earns $20 million in ERCOT demand response credits", "energy_arbitrage"),
        ("Oil producer turns flared gas into hashrate", "energy_arbitrage"),
        ("Miner signs power purchase agreement with wind farm", "energy_arbitrage"),
        ("Miner prices $500 million of 0% convertible senior notes due 2031", "debt_terms"),
        ("Miner files $1 billion at-the-market equity program", "debt_terms"),
        ("Miner closes $200 million credit facility", "debt_terms"),
        ("Akash Network adds Blackwell GPUs to its decentralized cloud", "depin"),
        ("Bittensor subnet count passes 100", "depin"),
        ("DePIN tokens rally as compute demand grows", "depin"),
        ("State passes two-year moratorium on crypto mining", "regulation"),
        ("SEC charges mining firm with fraud", "regulation"),
        ("New tariffs hit imported mining rigs", "regulation"),
    ],
)
def test_each_theme_has_rules_that_fire(keywords: KeywordClassifier, text: str, theme: str) -> None:
    result = keywords.classify(text)
    assert theme in result.themes
    assert result.scores[theme] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Riot announces May production and operations update: 450 BTC mined",
        "Bitcoin slides 6% as mining stocks fall",
        "Miner names new chief financial officer",
        "Network difficulty rises to a record",
    ],
)
def test_theme_less_items_get_no_theme(keywords: KeywordClassifier, text: str) -> None:
    result = keywords.classify(text)
    assert result.themes == ()
    assert set(result.scores.values()) == {0.0}


def test_scores_cover_every_theme_and_themes_follow_display_order(keywords: KeywordClassifier) -> None:
    text = item_text("Miner's SEC-registered convertible notes fund an AI data center", "Proceeds build GPU halls.")
    result = keywords.classify(text)
    assert isinstance(result, ThemeResult)
    assert set(result.scores) == set(THEMES)
    assert list(result.themes) == [t for t in THEMES if t in result.themes]
    assert {"capital_deployment", "debt_terms", "regulation"} <= set(result.themes)


def test_matching_is_case_insensitive_and_word_bounded(keywords: KeywordClassifier) -> None:
    assert "depin" in keywords.classify("depin networks grow").themes
    # "billion" must not trigger the regulation rule for "bill".
    assert "regulation" not in keywords.classify("Miner raises $1 billion").themes


def test_batch_equals_single_and_keeps_order(keywords: KeywordClassifier) -> None:
    texts = ["ERCOT curtailment credits", "Monthly production update", "Convertible notes priced", ""]
    assert keywords.classify_batch(texts) == [keywords.classify(t) for t in texts]
    assert keywords.classify_batch([]) == []


def test_custom_patterns_replace_the_defaults() -> None:
    custom = KeywordClassifier({"depin": (r"\bhotspot",)})
    assert custom.classify("Helium hotspot count doubles").themes == ("depin",)
    assert custom.classify("Convertible notes priced").themes == ()


def test_every_theme_has_patterns() -> None:
    assert set(KEYWORD_PATTERNS) == set(THEMES)
    assert all(KEYWORD_PATTERNS[t] for t in THEMES)
    assert KeywordClassifier.name == "keywords"


def themes_one_by_one(patterns: Mapping[str, Sequence[str]], text: str) -> set[str]:
    """The themes of which some single pattern matches `text`, each searched on its own."""
    return {theme for theme, alone in patterns.items() if any(re.search(p, text, re.IGNORECASE) for p in alone)}


def test_one_regex_per_theme_matches_as_its_patterns_do_one_by_one() -> None:
    """Each theme's patterns are joined into one alternation, which must tag exactly the texts that some single
    pattern matches."""
    patterns = {"capital_deployment": (r"\bbuys\b|\bacquires", r"\bdata cent(?:er|re)\b"), "regulation": (r"^SEC\b",)}
    joined = KeywordClassifier(patterns)
    texts = [
        "Acme buys a site",
        "Acme acquires Beta",
        "a new data centre",
        "the SEC sues",
        "SEC sues Acme",
        "nothing here",
    ]
    for text in texts:
        assert set(joined.classify(text).themes) == themes_one_by_one(patterns, text), text
    assert joined.classify("SEC sues Acme").themes == ("regulation",)
    assert joined.classify("the SEC sues").themes == ()


def test_shipped_rules_match_each_pattern_alone_on_real_style_text() -> None:
    texts = [
        "Ridgeline leases 120 MW at its Texas campus to an AI cloud; the lease runs ten years",
        "Tundra Digital converts its 60 MW Quebec site to HPC after a hydro power contract",
        "Halcyon repurchases $200 million of its 2029 convertible notes and sets an ATM programme",
        "Keystone joins the io.net decentralized compute network with 2,000 GPUs",
        "State senate passes a moratorium on new mines; the PUC will write grid rules",
        "Granite Hash produced 310 BTC in May",
        "",
    ]
    for text in texts:
        assert set(KeywordClassifier().classify(text).themes) == themes_one_by_one(KEYWORD_PATTERNS, text), text


def folded_themes(patterns: Mapping[str, Sequence[str]], text: str) -> set[str]:
    """The themes matched by each theme's patterns joined and searched with IGNORECASE (the reference)."""
    return {theme for theme, alone in patterns.items() if re.search("|".join(alone), text, re.IGNORECASE)}


def test_lower_cased_search_of_ascii_text_matches_as_ignorecase_does_on_the_training_texts() -> None:
    """ASCII text (caseless signs such as curly quotes allowed) is searched lower-cased, without IGNORECASE: on
    every training text, upper-cased and with its case swapped, that must tag exactly what IGNORECASE tags."""
    texts = [item.text for item in read_labelled(data_files())]
    rules = KeywordClassifier()
    for text in texts + [t.upper() for t in texts] + [t.swapcase() for t in texts]:
        assert rules.matched_themes(text) == folded_themes(KEYWORD_PATTERNS, text), text


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Miner turns \u017ftranded gas into hashrate", {"energy_arbitrage"}),  # long s folds onto "s"
        ("Miner earns ERCOT credits\u2014and more", {"energy_arbitrage"}),  # an em dash is caseless
        ("\u201cMiner signs a PPA\u201d, CEO says", {"energy_arbitrage"}),
        ("Bergbau-Übernahme: Miner buys a site", {"capital_deployment"}),
        ("Miner \u0130s fined by the SEC", {"regulation"}),
    ],
)
def test_text_with_cased_non_ascii_letters_keeps_ignorecase(text: str, themes: set[str]) -> None:
    assert KeywordClassifier().matched_themes(text) == themes == folded_themes(KEYWORD_PATTERNS, text)


def test_a_pattern_with_an_upper_case_escape_is_not_lower_cased() -> None:
    """Lower-cased, \\S (not a space) would become \\s (a space): such a theme keeps IGNORECASE on ASCII text too."""
    rules = KeywordClassifier({"regulation": (r"\bSEC\S",)})
    assert rules.classify("sec-filing due").themes == ("regulation",)
    assert rules.classify("SEC filing due").themes == ()
