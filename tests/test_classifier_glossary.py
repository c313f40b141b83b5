"""German headlines get their domain words in English before encoding; English text is left alone."""

from __future__ import annotations

import pytest

from classifiers.glossary import english_terms, is_german


@pytest.mark.parametrize(
    "text",
    [
        "Miner unterzeichnet Mietvertrag für neues Rechenzentrum in Texas. Der Vertrag läuft zehn Jahre.",
        "Stromkosten sinken: Betreiber zahlt nur noch 3 Cent je Kilowattstunde",
    ],
)
def test_german_text_is_recognised(text: str) -> None:
    assert is_german(text)


@pytest.mark.parametrize(
    "text",
    [
        "Miner signs 15-year lease with hyperscaler for 200 MW of AI capacity. The deal is worth $3 billion.",
        "Die Hard fans rejoice",  # one German-looking word is not German
        "",
    ],
)
def test_english_text_is_left_alone(text: str) -> None:
    assert not is_german(text)
    assert english_terms(text) == text


def test_domain_words_and_compounds_become_english() -> None:
    text = "Miner unterzeichnet KI-Mietvertrag über 200 Megawatt und sichert sich einen Stromabnahmevertrag"
    expected = "Miner unterzeichnet AI-lease über 200 MW und sichert sich einen power purchase agreement"
    assert english_terms(text) == expected


def test_the_more_specific_stem_wins() -> None:
    assert "power credits" in english_terms("Der Miner kassiert Stromgutschriften und die Stromkosten sinken")
    assert "power costs" in english_terms("Der Miner kassiert Stromgutschriften und die Stromkosten sinken")


def test_ki_only_as_a_whole_word() -> None:
    text = "Der Miner baut in Kiel und in der KI-Branche"
    assert english_terms(text) == "Der Miner builds in Kiel und in der AI-Branche"


def test_selling_is_not_buying() -> None:
    assert (
        english_terms("Der Miner verkauft Strom und kauft neue Rechner")
        == "Der Miner sells power und buys neue Rechner"
    )
