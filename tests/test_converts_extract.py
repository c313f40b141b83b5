"""Convertible-note terms from press-release text: the written release set, phrasing units, HTML, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from minerwatch.cli import main
from watchers.converts import (
    CLOSING,
    JSON_FIELDS,
    LAUNCH,
    PRICING,
    ConvertTerms,
    normalize_text,
    parse_convert_terms,
    parse_money,
    sentences,
)
from watchers.sec_text import html_to_text

RELEASES = Path(__file__).parent / "fixtures" / "releases"
SEC = Path(__file__).parent / "fixtures" / "sec"
DEV_SET = sorted(RELEASES.glob("*.txt"))
HELD_OUT = sorted((RELEASES / "heldout").glob("*.txt"))


def expected(path: Path) -> dict[str, object]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_the_release_sets_are_there() -> None:
    assert len(DEV_SET) >= 12
    assert len(HELD_OUT) >= 4


@pytest.mark.parametrize("path", DEV_SET, ids=lambda p: p.stem)
def test_development_releases(path: Path) -> None:
    assert parse_convert_terms(path.read_text(encoding="utf-8")).to_json_dict() == expected(path)


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
def test_held_out_releases(path: Path) -> None:
    """Written after the extractor was done; README in heldout/ records the first-sight score."""
    assert parse_convert_terms(path.read_text(encoding="utf-8")).to_json_dict() == expected(path)


def test_json_has_exactly_the_spec_fields_in_order() -> None:
    assert list(ConvertTerms().to_json_dict()) == list(JSON_FIELDS)
    assert list(JSON_FIELDS) == [
        "principal_usd",
        "option_usd",
        "coupon_pct",
        "maturity",
        "maturity_year",
        "conversion_rate",
        "conversion_price_usd",
        "premium_pct",
        "reference_price_usd",
        "cap_price_usd",
        "use_of_proceeds",
        "currency",
    ]


def test_text_without_terms_gives_nulls_not_guesses() -> None:
    terms = parse_convert_terms("Northwind Digital Holdings announces its October production update.")
    assert set(terms.to_json_dict().values()) == {None}
    assert terms.maturity_year is None


def test_launch_leaves_priced_terms_null_and_keeps_the_year() -> None:
    terms = parse_convert_terms((RELEASES / "granite_peak_launch_capped_call.txt").read_text())
    assert terms.stage == LAUNCH
    assert terms.maturity is None and terms.maturity_year == 2030
    assert terms.coupon_pct is terms.conversion_rate is terms.cap_price_usd is None


def test_stage_upsize_and_exchangeable_flags() -> None:
    pricing = parse_convert_terms((RELEASES / "northwind_pricing_upsized_capped_call.txt").read_text())
    closing = parse_convert_terms((RELEASES / "borealis_closing_option_exercised.txt").read_text())
    exchangeable = parse_convert_terms((RELEASES / "lumen_ridge_exchangeable_pricing.txt").read_text())
    assert (pricing.stage, pricing.upsized, pricing.exchangeable) == (PRICING, True, False)
    assert closing.stage == CLOSING
    assert exchangeable.exchangeable


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (("850", None, "million"), 850_000_000.0),
        (("1", ".15", "billion"), 1_150_000_000.0),
        (("172", ".5", "million"), 172_500_000.0),
        (("850,000,000", None, None), 850_000_000.0),
        (("28", ".43", None), 28.43),
    ],
)
def test_money(text: tuple[str, str | None, str | None], value: float) -> None:
    assert parse_money(*text) == pytest.approx(value)


def test_sentences_do_not_break_on_abbreviations_or_numbers() -> None:
    text = normalize_text(
        "DENVER, Nov. 19, 2025 -- Granite Peak Mining Corp. (Nasdaq: GPKM) priced $1.25 billion of notes. "
        "The offering is open to non-U.S. persons. Granite Peak Inc. Holdings said so."
    )
    assert sentences(text) == [
        "DENVER, Nov. 19, 2025 -- Granite Peak Mining Corp. (Nasdaq: GPKM) priced $1.25 billion of notes.",
        "The offering is open to non-U.S. persons.",
        "Granite Peak Inc. Holdings said so.",
    ]


def test_phrasing_variants() -> None:
    text = (
        "Acme Hash Inc. Announces Pricing of $425 Million Offering of 1.375% Convertible Senior Notes\n\n"
        "Acme Hash Inc. today announced the pricing of $425 million in aggregate principal amount of its 1.375% "
        "convertible senior notes due 2030. The notes will mature on Sept. 1, 2030. The conversion rate will "
        "initially be 50.0000 shares of common stock per $1,000 principal amount of notes (equivalent to an "
        "initial conversion price of about $20.00 per share), a premium of about 25% over the closing sale price "
        "of $16.00 per share on August 27, 2025. The capped call transactions have an initial cap price of $32.00."
    )
    terms = parse_convert_terms(text)
    assert terms.to_json_dict() | {"use_of_proceeds": None} == {
        "principal_usd": 425_000_000,
        "option_usd": None,
        "coupon_pct": 1.375,
        "maturity": "2030-09-01",
        "maturity_year": 2030,
        "conversion_rate": 50,
        "conversion_price_usd": 20,
        "premium_pct": 25,
        "reference_price_usd": 16,
        "cap_price_usd": 32,
        "use_of_proceeds": None,
        "currency": "USD",
    }
    assert terms.maturity == date(2030, 9, 1)


def test_cap_premium_is_not_the_conversion_premium() -> None:
    text = (
        "The cap price of the capped call transactions will initially be $40.00 per share, which represents a "
        "premium of approximately 100% over the last reported sale price of $20.00 per share."
    )
    terms = parse_convert_terms(text)
    assert terms.cap_price_usd == 40.0
    assert terms.premium_pct is None and terms.reference_price_usd is None


@pytest.mark.parametrize(
    ("html_name", "text_name"),
    [
        ("ex99_1_notes_launch_synthetic.htm", "northwind_launch"),
        ("ex99_2_notes_pricing_synthetic.htm", "northwind_pricing_upsized_capped_call"),
    ],
)
def test_html_exhibit_gives_the_same_terms_as_its_text(html_name: str, text_name: str) -> None:
    text = html_to_text((SEC / html_name).read_bytes())
    assert "hidden cover data" not in text  # the inline-XBRL header is not text a reader sees
    assert parse_convert_terms(text).to_json_dict() == expected(RELEASES / f"{text_name}.txt")


def test_html_to_text_blocks_entities_and_charsets() -> None:
    html = (
        b"<html><head><title>ex99</title><style>p {}</style></head><body>"
        b"<p style='margin:0'>Pricing&nbsp;of <b>$850</b>\nmillion &amp; more</p><br/>"
        b"<table><tr><td>Item</td><td>2.03</td></tr></table><p>\xe2\x80\x9cNotes\xe2\x80\x9d</p></body></html>"
    )
    assert html_to_text(html) == "Pricing of $850 million & more\n\nItem 2.03\n\n“Notes”"
    assert html_to_text("<p>café “notes”</p>".encode("cp1252")) == "café “notes”"  # older exhibits
    assert html_to_text(b"") == ""


def test_cli_prints_exactly_the_spec_fields(capsys: pytest.CaptureFixture[str]) -> None:
    path = RELEASES / "granite_peak_pricing_capped_call.txt"
    assert main(["converts", "parse", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == expected(path)
    assert list(printed) == list(JSON_FIELDS)


def test_cli_reads_html_exhibits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["converts", "parse", str(SEC / "ex99_2_notes_pricing_synthetic.htm")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == expected(RELEASES / "northwind_pricing_upsized_capped_call.txt")


def test_cli_missing_file_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["converts", "parse", str(tmp_path / "nope.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "cannot read" in captured.err
