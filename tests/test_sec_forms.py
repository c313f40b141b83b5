"""Filings in words and themes: 8-K items, form types, theme mapping with a classifier callback, and the
test for an 8-K that announces a convertible-notes offering."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from watchers.sec_filings import Filing, FilingDocument
from watchers.sec_forms import (
    ITEM_DESCRIPTIONS,
    describe_filing,
    filing_themes,
    is_notes_offering,
    press_releases,
)

RELEASES = Path(__file__).parent / "fixtures" / "releases"
EIGHT_K = Filing(
    cik=9999999,
    accession="0009999999-25-000042",
    form="8-K",
    filed=date(2025, 11, 19),
    accepted=None,
    items=("1.01", "2.03", "9.01"),
    title="",
    company="Northwind Digital Holdings, Inc.",
    primary_doc_url=None,
    index_url="https://www.sec.gov/Archives/edgar/data/9999999/000999999925000042/0009999999-25-000042-index.htm",
)
ALL_ITEMS = (
    "1.01 1.02 1.03 1.04 1.05 2.01 2.02 2.03 2.04 2.05 2.06 3.01 3.02 3.03 4.01 4.02 5.01 5.02 5.03 5.04 5.05 "
    "5.06 5.07 5.08 6.01 6.02 6.03 6.04 6.05 6.06 7.01 8.01 9.01"
).split()


class RecordingClassifier:
    """A classifier callback that answers fixed themes and remembers what it was asked."""

    def __init__(self, *themes: str) -> None:
        self.themes = themes
        self.texts: list[str] = []

    def __call__(self, text: str) -> list[str]:
        self.texts.append(text)
        return [*self.themes, "not_a_theme"]


def test_every_8k_item_has_words() -> None:
    assert sorted(ITEM_DESCRIPTIONS) == ALL_ITEMS
    assert ITEM_DESCRIPTIONS["1.01"] == "Entry into a Material Definitive Agreement"


def test_describe_8k_items_in_words() -> None:
    assert describe_filing(EIGHT_K) == (
        "8-K · Item 1.01 Entry into a Material Definitive Agreement; "
        "Item 2.03 Creation of a Direct Financial Obligation"
    )
    only_exhibits = replace(EIGHT_K, items=("9.01",))
    assert describe_filing(only_exhibits) == "8-K · Item 9.01 Financial Statements and Exhibits"


@pytest.mark.parametrize(
    ("form", "title", "words"),
    [
        ("424B5", "", "424B5 · Prospectus supplement"),
        ("S-3ASR", "", "S-3ASR · Automatic shelf registration statement"),
        ("10-K/A", "", "10-K/A · Annual report (amendment)"),
        ("8-K", "", "8-K · Current report"),
        ("N-PX", "Annual report of proxy voting record", "N-PX · Annual report of proxy voting record"),
        ("XYZ", "", "XYZ"),
    ],
)
def test_describe_forms(form: str, title: str, words: str) -> None:
    assert describe_filing(replace(EIGHT_K, form=form, items=(), title=title)) == words


def test_agreement_items_follow_the_content() -> None:
    notes = (RELEASES / "northwind_pricing_upsized_capped_call.txt").read_text()
    lease = "Northwind entered into a 15-year lease agreement with an AI cloud tenant for 200 MW of HPC capacity."
    assert filing_themes(replace(EIGHT_K, items=("1.01", "9.01")), notes) == ("capital_deployment", "debt_terms")
    assert filing_themes(replace(EIGHT_K, items=("1.01", "9.01")), lease) == ("capital_deployment",)
    plain = "The Company entered into an agreement with its chief executive officer."
    assert filing_themes(replace(EIGHT_K, items=("2.03",)), plain) == ("debt_terms",)  # an obligation is debt
    assert filing_themes(replace(EIGHT_K, items=("1.01",)), plain) == ()


def test_fixed_item_and_form_themes() -> None:
    assert filing_themes(replace(EIGHT_K, items=("3.02", "9.01"))) == ("debt_terms",)
    assert filing_themes(replace(EIGHT_K, items=("2.01",))) == ("capital_deployment",)
    for form in ("424B5", "424B7", "S-3", "S-3ASR", "F-3"):
        assert filing_themes(replace(EIGHT_K, form=form, items=())) == ("debt_terms",)
    assert filing_themes(replace(EIGHT_K, form="4", items=())) == ()
    assert filing_themes(replace(EIGHT_K, items=("5.02", "9.01"))) == ()


def test_classifier_reads_only_what_the_items_do_not_decide() -> None:
    classify = RecordingClassifier("energy_arbitrage")
    filing = replace(EIGHT_K, items=("8.01", "9.01"), title="Current report")
    text = "Northwind signed a 10-year power purchase agreement for its Texas site."
    assert filing_themes(filing, text, classify) == ("energy_arbitrage",)
    assert classify.texts == ["Current report " + text]

    decided = RecordingClassifier("regulation")
    assert filing_themes(replace(EIGHT_K, items=("3.02",)), text, decided) == ("debt_terms",)
    assert decided.texts == []  # 3.02 decides by itself
    assert filing_themes(replace(EIGHT_K, form="6-K", items=()), text, classify) == ("energy_arbitrage",)


def test_notes_offering_8k_is_debt_terms_whatever_its_items() -> None:
    text = (RELEASES / "granite_peak_launch_capped_call.txt").read_text()
    filing = replace(EIGHT_K, items=("8.01", "9.01"))
    assert filing_themes(filing, text) == ("debt_terms",)
    assert filing_themes(filing, text, RecordingClassifier("capital_deployment")) == (
        "capital_deployment",
        "debt_terms",
    )


@pytest.mark.parametrize("name", [p.stem for p in sorted(RELEASES.glob("*.txt"))])
def test_every_written_release_is_a_notes_offering(name: str) -> None:
    assert is_notes_offering(EIGHT_K, (RELEASES / f"{name}.txt").read_text())


@pytest.mark.parametrize(
    "text",
    [
        "Northwind Reports October 2025 Production and Operations Update. Energized 50 MW in Texas.",
        "Northwind announced privately negotiated agreements with holders of its outstanding 1.00% convertible "
        "senior notes due 2026 to repurchase $75 million aggregate principal amount of the notes for cash.",
        "Northwind entered into exchange agreements to issue shares of common stock in exchange for $40 million of "
        "its existing 2.25% convertible senior notes due 2027.",
        "Northwind announced the pricing of its public offering of 10,000,000 shares of common stock at $12.00.",
    ],
    ids=["production-update", "repurchase", "exchange", "stock-offering"],
)
def test_not_a_notes_offering(text: str) -> None:
    assert not is_notes_offering(EIGHT_K, text)


def test_notes_offering_only_in_current_reports() -> None:
    text = (RELEASES / "northwind_launch.txt").read_text()
    assert is_notes_offering(replace(EIGHT_K, form="6-K"), text)
    assert not is_notes_offering(replace(EIGHT_K, form="424B5"), text)


def test_press_releases_first_then_other_ex99() -> None:
    def doc(seq: int, type_: str, description: str, name: str) -> FilingDocument:
        return FilingDocument(seq, description, f"https://www.sec.gov/x/{name}", type_, None)

    documents = [
        doc(1, "8-K", "8-K", "form8-k.htm"),
        doc(2, "EX-99.2", "INVESTOR PRESENTATION", "ex99-2.htm"),
        doc(3, "EX-99.3", "PRESS RELEASE", "ex99-3.htm"),
        doc(4, "EX-99.1", "SLIDES", "ex99-1.pdf"),
        doc(5, "EX-99.4", "Q&A", "ex99-4.txt"),
    ]
    assert [d.seq for d in press_releases(documents)] == [3, 2, 5]
    assert press_releases(documents[:1]) == []
