"""German headlines get their domain words in English before encoding; English text is left alone."""

from __future__ import annotations

import pytest

from classifiers.glossary import GERMAN_WORDS, GERMAN_WORDS_TEXT, domain_terms, english_terms, is_german


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
    assert domain_terms(text) == text


def test_domain_words_and_compounds_become_english() -> None:
    text = "Miner unterzeichnet KI-Mietvertrag über 200 Megawatt und sichert sich einen Stromabnahmevertrag"
    expected = "Miner signs AI-lease over 200 MW and secures itself a power purchase agreement"
    assert english_terms(text) == expected


def test_the_more_specific_stem_wins() -> None:
    assert "power credits" in english_terms("Der Miner kassiert Stromgutschriften und die Stromkosten sinken")
    assert "power costs" in english_terms("Der Miner kassiert Stromgutschriften und die Stromkosten sinken")


def test_ki_only_as_a_whole_word() -> None:
    text = "Der Miner baut in Kiel und in der KI-Branche"
    assert english_terms(text) == "the Miner builds in Kiel and in the AI-Branche"


def test_selling_is_not_buying() -> None:
    assert (
        english_terms("Der Miner verkauft Strom und kauft neue Rechner")
        == "the Miner sells power and buys new computers"
    )


def test_the_general_words_of_a_german_sentence_become_english_too() -> None:
    text = "Die Aktien des Unternehmens steigen nach der Erweiterung um 20 Prozent"
    assert english_terms(text) == "the shares of the company rise after the expansion by 20 percent"


def test_a_whole_word_beats_a_stem_inside_it() -> None:
    """ "Stromrechnung" holds the stem "strom" (power), but the word says what power costs (as "power bill", the
    keyword rules would read a law); "Ökostrom" is green."""
    text = "Die Stromrechnung der Einwohner stieg, der Miner nutzt Ökostrom"
    assert english_terms(text) == "the power costs the residents rose, the Miner uses green power"


def test_general_words_are_matched_as_whole_words_only() -> None:
    """ "die" is "the", but "Diebstahl" (theft) and "Anlagenbau" keep what no entry or stem says."""
    assert english_terms("Der Diebstahl und die Anlagenbauer") == "the Diebstahl and the Anlagenbauer"


def test_english_text_keeps_words_that_are_german_too() -> None:
    text = "Miner will plant a new farm in Texas and die hard fans cheer"
    assert not is_german(text) and english_terms(text) == text


def test_every_entry_reads_as_one_german_word_and_an_english_rendering() -> None:
    entries = [entry for entry in GERMAN_WORDS_TEXT.replace("\n", " ").split(";") if entry.strip()]
    assert len(entries) == len(GERMAN_WORDS), "a German word listed twice"
    for german, english in GERMAN_WORDS.items():
        assert german == german.lower() and german.isalpha(), german
        assert english and english == " ".join(english.split()), german


def test_training_items_keep_the_domain_terms_alone() -> None:
    """What the German training items are read as (`classifiers.training`): the domain stems, nothing else, so the
    shipped weights stay what `minerwatch train` gives; the general words are for inference."""
    text = "Miner unterzeichnet KI-Mietvertrag über 200 Megawatt und sichert sich einen Stromabnahmevertrag"
    assert (
        domain_terms(text) == "Miner unterzeichnet AI-lease über 200 MW und sichert sich einen power purchase agreement"
    )
    assert (
        domain_terms("Der Miner verkauft Strom und kauft neue Rechner") == "Der Miner sells power und buys neue Rechner"
    )
    assert domain_terms("Die Stromrechnung für die Bürger stieg") == "Die power für die Bürger stieg"


def test_english_text_with_two_german_looking_words_keeps_its_english() -> None:
    """ "die" and "Des" make it read as German, but as many English function words say it is English: only domain
    stems are swapped, as before the word table ("plant" stays a plant, "was" stays was)."""
    text = "Miners die as Des Moines power plant was shut"
    assert is_german(text)
    assert english_terms(text) == domain_terms(text) == text


def test_words_with_several_meanings_are_left_alone() -> None:
    """ "schuld" is mostly "to blame" (a "debt" would fire the debt rule), "legt" is "gains" only in "legt zu", and
    "Zahlen" are figures as often as "zahlen" is to pay."""
    for word in ("schuld", "legt", "zahlen", "land", "gekauft"):
        assert word not in GERMAN_WORDS
    assert "debt" not in english_terms("Anwohner: Die Miner sind schuld an den hohen Strompreisen")


def test_the_encoder_encodes_a_text_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """`MiniLMEncoder.features` hands the encoder the text as `read` gives it: word by word by default."""
    from classifiers.encoder import MiniLMEncoder

    encoder = MiniLMEncoder()
    encoded: list[list[str]] = []
    monkeypatch.setattr(encoder, "load", lambda: None)
    monkeypatch.setattr(encoder, "batched_features", lambda texts: encoded.append(list(texts)))
    text = "Der Miner setzt auf erneuerbare Energie und baut in Norwegen"
    encoder.features([text])
    encoder.features([text], domain_terms)
    assert encoded == [[english_terms(text)], [domain_terms(text)]]
