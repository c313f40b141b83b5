"""German headlines get their domain words in English before encoding; English text is left alone."""

from __future__ import annotations

import pytest

from classifiers.german_words import GERMAN_WORDS_TEXT
from classifiers.glossary import GERMAN_WORDS, domain_terms, english_terms, is_german


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
    assert english_terms(text) == "the Miner builds in Kiel and in the AI-industry"


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
    """ "schuld" is mostly "to blame" (a "debt" would fire the debt rule), "legt" is "gains" only in "legt zu",
    "Zahlen" are figures as often as "zahlen" is to pay, and coal "gefördert" is mined, a project "gefördert" funded."""
    for word in ("schuld", "legt", "zahlen", "land", "gekauft", "gefördert"):
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the particle ends the clause, several words after its verb
        (
            "Der Miner baut den Standort in Ontario zum KI-Rechenzentrum um",
            "the Miner converts the site in Ontario to the AI-data center",
        ),
        # an abbreviation's full stop and a decimal comma end nothing; the next sentence's verb is its own
        (
            "Der Betreiber nimmt über zwei Wandelanleihen 1,2 Mrd. Dollar auf. Die Aktie gibt nach",
            "the operator raises over two convertible notes 1,2 billion. Dollar. the shares eases",
        ),
        # a particle before "und" and one before a comma; "%" stands between verb and particle
        (
            "Der Miner nimmt den Betrieb in Georgia auf und die Aktie legt 8 % zu, sagen Analysten",
            "the Miner starts the operation in Georgia and the shares gains 8 %, sagen analysts",
        ),
        # the cue words between verb and particle choose the reading
        (
            "Der Miner stellt das Mining in Paraguay ein, der Konzern stellt 50 Mitarbeiter ein",
            "the Miner halts the Mining in Paraguay, the group hires 50 employees",
        ),
        # a second cue group: rigs are dismantled, bitcoin is mined
        (
            "Der Miner baut alte Rechner ab und baute im Mai 700 Bitcoin ab",
            "the Miner dismantles old computers and mines in the may 700 Bitcoin",
        ),
        # past tense, a colon, and "ans Netz"
        (
            "Im Juli gab der Miner bekannt: Das Unternehmen schließt den Standort ans Netz an",
            "in the july announces the Miner: the company connects the site to the grid",
        ),
    ],
)
def test_separable_verbs_are_read_with_their_particle(text: str, expected: str) -> None:
    """ "baut ... um" is converts, not "builds ... by"; "nimmt ... auf" raises money, or starts an operation."""
    assert english_terms(text) == expected


def test_a_preposition_is_no_particle() -> None:
    """ "ab Juli", "aus dem Index", "um 10 Prozent": the word does not end its clause, so the verb keeps its own
    reading and the preposition stays."""
    assert (
        english_terms("Die Aktie fällt ab Montag aus dem Index, der Miner baut ab Juli in Texas")
        == "the shares falls ab monday from the Index, the Miner builds ab july in Texas"
    )
    assert english_terms("Die Aktie steigt um 10 Prozent und der Miner baut") == (
        "the shares rises by 10 percent and the Miner builds"
    )


def test_a_particle_pairs_only_within_its_clause() -> None:
    """ "steigt an" is rises, but the "an" of the next sentence is not its particle; a particle with no listed verb
    in its own clause ("hält an": continues, or stops) stays as it is."""
    text = "Der Miner kündigt einen Deal an. Die Aktie steigt. Die Nachfrage hält an"
    assert english_terms(text) == "the Miner announces a deal. the shares rises. the Nachfrage holds at"


def test_training_items_keep_their_separable_verbs_apart() -> None:
    """Separable verbs are an inference reading, like the general words: the training items keep the domain stems
    alone, so the shipped weights stay what `minerwatch train` gives."""
    text = "Der Miner baut den Standort in Ontario zum KI-Rechenzentrum um"
    assert domain_terms(text) == "Der Miner builds den site in Ontario zum AI-data center um"


def test_every_separable_verb_entry_is_well_formed() -> None:
    """Every entry names lower-case German forms and a particle; cue words only with a reading of their own."""
    from classifiers.german_words import SEPARABLE_VERBS_TEXT
    from classifiers.glossary import SEPARABLE_VERBS

    entries = [entry for entry in " ".join(SEPARABLE_VERBS_TEXT.split()).split(";") if entry.strip()]
    forms = sum(len(entry.split("=", 1)[0].split()[0].split("/")) for entry in entries)
    assert forms == len(SEPARABLE_VERBS) > 400, "a verb form listed twice with the same particle"
    for (form, particle), verb in SEPARABLE_VERBS.items():
        assert form.isalpha() and form == form.lower() and particle.isalpha() and particle == particle.lower()
        assert verb.english and verb.english == " ".join(verb.english.split())
        for cues, english in verb.cued:
            assert cues and english and english == " ".join(english.split()), form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a listed noun with a case or plural ending, a regular verb's past and participle forms
        ("Der Miner erhöhte die Kapazität bei den Anlegern", "the Miner raises the capacity at the investors"),
        ("Die Firma investierte und hat gestartet", "the firm invests and has start"),
        ("Die Anleger unterzeichneten den Vertrag", "the investors signs the contract"),
        # an adjective's ending, for a word written in lower case
        (
            "Der Miner mit großer Kapazität und möglichen Projekten",
            "the Miner with large capacity and possible projects",
        ),
    ],
)
def test_other_forms_of_listed_words_are_read(text: str, expected: str) -> None:
    assert english_terms(text) == expected


def test_a_capitalised_word_takes_no_adjective_ending() -> None:
    """ "Miner" is not "Mine" with an "-r": the adjective endings apply to words written in lower case only."""
    assert english_terms("Der Miner baut eine neue Mine") == "the Miner builds a new mine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Finanzierungsvereinbarung mit Großkunden", "the financing agreement with large customers"),
        ("Der Miner meldet zum Jahresende ein Rekordhoch", "the Miner reports to the year end a record high"),
    ],
)
def test_a_compound_of_two_listed_words_is_read_as_both(text: str, expected: str) -> None:
    assert english_terms(text) == expected


def test_a_compound_needs_two_known_parts_of_four_letters_and_no_prefix() -> None:
    """ "dennoch" is no "den" + "noch", "Überfluss" (plenty) no "over river", and "Anlagenbauer" keeps what no entry
    says; a compound is read only when both its parts are listed words."""
    assert english_terms("Der Miner hat dennoch Überfluss an Anlagenbauer") == (
        "the Miner has dennoch Überfluss at Anlagenbauer"
    )


def test_the_longest_listed_base_of_a_noun_wins() -> None:
    """ "Verbrauchern" is "Verbraucher" (consumers) + "n", not "Verbrauch" (consumption) + "ern"; a listed word's
    form beats the domain stem inside it ("Stromsteuern" is power tax, not power)."""
    assert english_terms("Die Verbrauchern und den Anteilen der Stromsteuern") == (
        "the consumers and the shares the power tax"
    )


def test_a_particle_verb_is_no_compound() -> None:
    """ "zurückziehen" (withdraw) is no "back" + "move"; "übernehmen" reads as take over, not as acquire: "die
    Kosten übernehmen" is to bear the costs, and "acquire" would fire the capital rule."""
    text = "Der Miner will die Finanzierung zurückziehen, der Konzern will die Kosten übernehmen"
    assert (
        english_terms(text) == "the Miner wants to the financing zurückziehen, the group wants to the costs take over"
    )


def test_the_first_cue_group_that_matches_chooses_the_reading() -> None:
    """ "baut ... ab" has two cue groups: rigs are dismantled, bitcoin is mined; with words of both between verb and
    particle, the first group listed wins."""
    assert english_terms("Der Miner baut alte Rechner und 50 Bitcoin ab") == (
        "the Miner dismantles old computers and 50 Bitcoin"
    )


def test_words_left_out_do_not_come_back_through_their_forms() -> None:
    """The words left out for their several meanings stay unread as they stand and through another listed form:
    "Schuldner", "legten" (without "zu"), "Bundesland" and "gefördert" stay as they are; "zahlten" and "gezahlt"
    are past forms of paying only, and read so."""
    assert english_terms("Die Miner zahlen, sie legt und das Land ist schuld") == (
        "the Miner zahlen, they legt and the Land is schuld"
    )
    text = "Die Miner zahlten, die Schuldner legten, im Bundesland gefördert und gezahlt"
    assert english_terms(text) == "the Miner paid, the Schuldner legten, in the Bundesland gefördert and paid"
