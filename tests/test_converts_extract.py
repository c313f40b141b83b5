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
    parse_convert_series,
    parse_convert_terms,
    parse_money,
    sentences,
)
from watchers.sec_text import html_to_text

RELEASES = Path(__file__).parent / "fixtures" / "releases"
SEC = Path(__file__).parent / "fixtures" / "sec"
DEV_SET = sorted(RELEASES.glob("*.txt"))
HELD_OUT = sorted((RELEASES / "heldout").glob("*.txt"))
REAL_STYLE = sorted((RELEASES / "real_style").glob("*.txt"))


def expected(path: Path) -> dict[str, object]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_the_release_sets_are_there() -> None:
    assert len(DEV_SET) >= 12
    assert len(HELD_OUT) >= 4
    assert len(REAL_STYLE) >= 4


@pytest.mark.parametrize("path", DEV_SET, ids=lambda p: p.stem)
def test_development_releases(path: Path) -> None:
    assert parse_convert_terms(path.read_text(encoding="utf-8")).to_json_dict() == expected(path)


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
def test_held_out_releases(path: Path) -> None:
    """Written after the extractor was done; README in heldout/ records the first-sight score."""
    assert parse_convert_terms(path.read_text(encoding="utf-8")).to_json_dict() == expected(path)


@pytest.mark.parametrize("path", REAL_STYLE, ids=lambda p: p.stem)
def test_real_style_releases(path: Path) -> None:
    """Written for issue 11 in the phrasing of real release kinds; real_style/README.md has the first-sight score."""
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
    assert html_to_text(html) == "Pricing of $850 million & more\n\nItem | 2.03\n\n“Notes”"
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


# --- phrasing constructs of real releases (texts written by the team, one construct each) ----------------

#: (case id, release text, the terms it states). Each text carries one class of phrasing seen in real releases
#: (issuer releases, newswire and aggregator rewrites, 8-K Item 1.01, key-terms lists, German newswire); the
#: issuers are fictional.
CONSTRUCTS: list[tuple[str, str, dict[str, object]]] = [
    (
        "size_now_stands_at_in_principal_amount",
        "Halvard Compute upsized its convertible debt sale on Tuesday. After the increase, the deal now comes to "
        "$640 million in principal amount, up from the $500 million it first marketed.",
        {"principal_usd": 640_000_000},
    ),
    (
        "us_dollar_prefix_and_one_decimal",
        "Orrin Grid Ltd. has priced US$330.0 million aggregate principal amount of 2.75% convertible senior notes "
        "due 2030.",
        {"principal_usd": 330_000_000, "coupon_pct": 2.75, "maturity_year": 2030, "currency": "USD"},
    ),
    (
        "billion_with_two_decimals_and_b_suffix",
        "Kestrel Bay prices $1.15 billion of convertible notes due 2031.\n\nThe purchasers may buy a further "
        "$0.2B of notes within 13 days.",
        {"principal_usd": 1_150_000_000, "option_usd": 200_000_000, "maturity_year": 2031},
    ),
    (
        "all_digits_amount_and_dollars_after",
        "The Company sold $1,300,000,000 principal amount of 0.50% Convertible Senior Notes due 2029. The initial "
        "purchasers hold an option on an extra 0.2 billion dollars of notes.",
        {"principal_usd": 1_300_000_000, "option_usd": 200_000_000, "coupon_pct": 0.5},
    ),
    (
        "each_1000_note_converts_into_and_price_pointing_back",
        "Each $1,000 note converts into approximately 41.27 shares, with a conversion price of $24.23 per share. "
        "This price is about 32.5% higher than the company's stock price of $18.29 as of March 3, 2026.",
        {"conversion_rate": 41.27, "conversion_price_usd": 24.23, "premium_pct": 32.5, "reference_price_usd": 18.29},
    ),
    (
        "zero_coupon_year_in_prose_date_in_a_bullet",
        "Tallis Power Announces Pricing of Zero-Coupon Convertible Notes\n\nThe zero-coupon notes mature in 2032 "
        "and were sold at par.\n\nKey facts:\n• Maturity: May 1, 2032\n• Initial conversion price: $61.10 per share",
        {"coupon_pct": 0, "maturity": "2032-05-01", "maturity_year": 2032, "conversion_price_usd": 61.1},
    ),
    (
        "issue_principal_amount_of_for_gross_proceeds",
        "Ardent Minerals Corp. entered into an agreement to issue principal amount of $150 million of senior "
        "unsecured convertible notes for a gross proceeds of $147 million. The initial conversion price of the Note "
        "is $16.395 per share.",
        {"principal_usd": 150_000_000, "conversion_price_usd": 16.395},
    ),
    (
        "key_terms_list_with_labels",
        "Summary of the notes\n\nAggregate principal amount: $425,000,000\nInterest rate: 1.875% per annum, payable "
        "semi-annually\nMaturity date: September 15, 2030\nInitial conversion rate: 33.1126 shares per $1,000 "
        "principal amount\nInitial conversion price: approximately $30.20 per share\nConversion premium: 30%\n"
        "Cap price: $46.46",
        {
            "principal_usd": 425_000_000,
            "coupon_pct": 1.875,
            "maturity": "2030-09-15",
            "conversion_rate": 33.1126,
            "conversion_price_usd": 30.2,
            "premium_pct": 30,
            "cap_price_usd": 46.46,
        },
    ),
    (
        "launch_leaves_unset_terms_null_and_price_talk_ranges_out",
        "Brightwater Systems Proposes to Offer $600 Million of Convertible Senior Notes due 2031\n\nBrightwater "
        "Systems, Inc. today announced that it proposes to offer $600 million aggregate principal amount of "
        "convertible senior notes due 2031. The interest rate is expected to be between 0.25% and 0.75% per annum, "
        "and the initial conversion premium between 30% and 35%; the interest rate, initial conversion rate and "
        "other terms will be determined at pricing. The last reported sale price of the common stock on November "
        "30, 2026 was $44.10 per share. Brightwater may also use part of the proceeds to repurchase some of its "
        "0.375% convertible senior notes due 2027.",
        {
            "principal_usd": 600_000_000,
            "coupon_pct": None,
            "conversion_rate": None,
            "conversion_price_usd": None,
            "premium_pct": None,
            "reference_price_usd": None,
            "maturity_year": 2031,
        },
    ),
    (
        "older_series_repurchased_beside_the_new_one",
        "Cinder Labs priced $750 million of 1.25% convertible senior notes due 2031. Cinder Labs will use about "
        "$300 million of the proceeds to repurchase $310 million of its 3.00% convertible senior notes due 2026 "
        "(the 2026 notes), which mature on June 1, 2026. The new notes will mature on December 1, 2031.",
        {"principal_usd": 750_000_000, "coupon_pct": 1.25, "maturity": "2031-12-01"},
    ),
    (
        "existing_notes_exchanged_without_a_year",
        "Lark Hill exchanged $95 million of its existing 4.50% convertible notes for shares. Separately, it sold "
        "$200 million of convertible notes that bear interest at 2.00% a year.",
        {"principal_usd": 200_000_000, "coupon_pct": 2.0},
    ),
    (
        "total_with_the_exercised_option_is_not_the_base_size",
        "Pellam Digital closed its offering of $460 million aggregate principal amount of 0.75% convertible senior "
        "notes due 2030, which includes $60 million aggregate principal amount of notes sold upon the full "
        "exercise of the initial purchasers' option to purchase additional notes.",
        {"principal_usd": None, "option_usd": 60_000_000, "coupon_pct": 0.75},
    ),
    (  # guards the wider coupon cues ("interest ... 4.25% per annum"): fails without the floating-rate check
        "floating_rate_is_no_coupon",
        "The notes bear interest at SOFR plus 4.25% per annum and mature on March 1, 2029.",
        {"coupon_pct": None, "maturity": "2029-03-01"},
    ),
    (
        "exchangeable_notes_fill_the_conversion_fields",
        "The exchange rate will initially be 12.5 ordinary shares per $1,000 principal amount of the exchangeable "
        "notes, equal to an initial exchange price of about $80.00 per share, a premium of 25% over the $64.00 "
        "closing price on the Nasdaq.",
        {"conversion_rate": 12.5, "conversion_price_usd": 80, "premium_pct": 25, "reference_price_usd": 64},
    ),
    (
        "cap_equal_to_in_an_8k_description",
        "The capped call transactions are expected generally to reduce potential dilution, with such reduction "
        "subject to a cap equal to $88.40, which represents a premium of 100% over the closing price of $44.20.",
        {"cap_price_usd": 88.4, "premium_pct": None, "reference_price_usd": None},
    ),
    (
        "day_month_year_dates",
        "The bonds fall due on 1 May 2032. Holders may convert from 12 June 2026.",
        {"maturity": "2032-05-01", "maturity_year": 2032},
    ),
    (
        "a_tenor_is_no_maturity",
        "Vireo Holdings sold $80 million of five-year senior secured convertible notes carrying a 9% coupon.",
        {"principal_usd": 80_000_000, "coupon_pct": 9, "maturity": None, "maturity_year": None},
    ),
    (
        "premium_over_a_volume_weighted_average_price",
        "The initial conversion price of $298.00 per share is a premium of roughly 40% over the U.S. composite "
        "volume-weighted average price of the class A common stock of $212.86 on the day of pricing.",
        {"conversion_price_usd": 298, "premium_pct": 40, "reference_price_usd": 212.86},
    ),
    (
        "pre_market_quote_is_not_the_reference",
        "The conversion price of $12.40 per share is a 27.5% premium. Shares traded at $10.95 in pre-market trading.",
        {"conversion_price_usd": 12.4, "premium_pct": 27.5, "reference_price_usd": None},
    ),
    (
        "use_of_proceeds_without_the_verb_use",
        "Halden Compute sold $250 million of convertible notes due 2030. Net proceeds come to about $243 million. "
        "The funds raised will go to its GPU build-out in Abilene and to pay down its term loan.",
        {"use_of_proceeds": "The funds raised will go to its GPU build-out in Abilene and to pay down its term loan."},
    ),
    (
        "german_use_of_proceeds",
        "Den Nettoerlös will die Gesellschaft zur Refinanzierung bestehender Kredite einsetzen.",
        {"use_of_proceeds": "Den Nettoerlös will die Gesellschaft zur Refinanzierung bestehender Kredite einsetzen."},
    ),
    (
        "investors_buying_a_private_placement_are_no_option",
        "Tessel Ltd. entered into securities purchase agreements with investors for the sale of $25 million of "
        "senior secured convertible notes with an original issue discount, for a purchase price of $22.5 million. "
        "The notes have a conversion price of $3.00 per share and bear interest at 10% per annum, payable in kind.",
        {"principal_usd": 25_000_000, "option_usd": None, "coupon_pct": 10, "conversion_price_usd": 3},
    ),
    (
        "german_short_report_premium_betraegt_and_a_three_decimal_coupon",
        "Helix AG begibt Wandelanleihe: Der Wandlungspreis wurde auf 45,12 Euro festgelegt, die Wandlungsprämie "
        "beträgt 37,5 Prozent auf den Referenzkurs von 32,81 Euro. Kupon von 1,875 % bei fünf Jahren Laufzeit.",
        {
            "coupon_pct": 1.875,
            "conversion_price_usd": 45.12,
            "premium_pct": 37.5,
            "reference_price_usd": 32.81,
            "maturity_year": None,
            "currency": "EUR",
        },
    ),
    (
        "german_newswire_in_euros",
        "Nordlicht Energie AG platziert Wandelschuldverschreibungen im Gesamtnennbetrag von EUR 350 Mio.\n\n"
        "Die Nordlicht Energie AG hat heute Wandelschuldverschreibungen mit Fälligkeit am 15. März 2031 im "
        "Gesamtnennbetrag von EUR 350 Mio. platziert. Der Kupon wurde auf 1,25 % p.a. festgelegt. Der anfängliche "
        "Wandlungspreis beträgt EUR 42,6875, was einer Wandlungsprämie von 35 % über dem Referenzpreis von "
        "EUR 31,62 entspricht. Der Emissionserlös soll für den Ausbau der Rechenzentren verwendet werden.",
        {
            "principal_usd": 350_000_000,
            "coupon_pct": 1.25,
            "maturity": "2031-03-15",
            "conversion_price_usd": 42.6875,
            "premium_pct": 35,
            "reference_price_usd": 31.62,
            "currency": "EUR",
        },
    ),
    (
        "german_year_only_maturity_in_millions_of_euros",
        "Die Gesellschaft begibt nicht nachrangige, unbesicherte Wandelanleihen im Volumen von 250 Millionen Euro, "
        "die im Juli 2030 fällig werden. Die Anleihen werden mit 0,75 Prozent jährlich verzinst.",
        {"principal_usd": 250_000_000, "maturity": None, "maturity_year": 2030, "coupon_pct": 0.75, "currency": "EUR"},
    ),
]


CONSTRUCTS += [
    (
        "premium_in_a_sentence_of_its_own_starting_with_this",
        "Quarry Ridge Digital priced $400 million of 1.50% convertible senior notes due 2030. The initial conversion "
        "price is about $14.86 per share. This represents a premium of approximately 32.5% over the volume-weighted "
        "average price of the common stock of $11.2181 on March 3, 2026.",
        {"conversion_price_usd": 14.86, "premium_pct": 32.5, "reference_price_usd": 11.2181},
    ),
    (
        "bare_premium_first_then_the_same_premium_over_the_share_price",
        "Fenwick Power priced $600 million of 0.25% convertible notes due 2031. The notes carry a 30% conversion "
        "premium: the initial conversion price of $16.81 per share is 30% above the March 3 share price of $12.93.",
        {"conversion_price_usd": 16.81, "premium_pct": 30, "reference_price_usd": 12.93},
    ),
    (
        "key_terms_list_premium_to_the_close_and_a_reference_price_item",
        "Larkspur Mining prices $850 million of convertible senior notes.\n\n"
        "- Coupon: 2.75%\n- Maturity: 2031\n- Premium: approximately 32.50% to the Nasdaq close of $9.38\n",
        {"coupon_pct": 2.75, "premium_pct": 32.5, "reference_price_usd": 9.38},
    ),
    (
        "use_of_an_amount_without_the_word_proceeds",
        "Brightwater Cloud priced $500 million of 0% convertible notes due 2031. It intends to use approximately "
        "$48.9 million to fund the cost of the capped call transactions.",
        {"principal_usd": 500_000_000, "coupon_pct": 0},
    ),
    (
        "closing_total_consisting_of_base_and_exercised_option",
        "Harrow Hash closed its offering of 1.375% convertible senior notes due 2030 for a total of $588 million "
        "aggregate principal amount, consisting of the $500 million base offering and the initial purchasers' full "
        "exercise of their option to buy an additional $88 million of notes.",
        {"principal_usd": 500_000_000, "option_usd": 88_000_000, "coupon_pct": 1.375},
    ),
    (
        "total_before_its_base_amount_and_option_from_the_purchasers",
        "Corvid Compute completed its convertible notes offering. The deal totals $550 million: the $500 million base "
        "offering plus $50 million from the initial purchasers' option, which was exercised in full.",
        {"principal_usd": 500_000_000, "option_usd": 50_000_000},
    ),
    (
        "option_as_a_greenshoe_or_an_option_to_add",
        "Talus Grid priced $1.0 billion of 0.75% convertible notes due 2032, with a 13-day option to add "
        "$150 million to the deal.",
        {"principal_usd": 1_000_000_000, "option_usd": 150_000_000},
    ),
    (  # the next sentence says what the total is made of
        "total_then_that_figure_includes_the_option_on_top_of_the_base",
        "Alder Hash closed its offering of 0.00% convertible senior notes due 2030, selling $650 million in total. "
        "That figure includes the initial purchasers' full exercise of their $100 million option on top of the "
        "$550 million base deal priced on December 12.",
        {"principal_usd": 550_000_000, "option_usd": 100_000_000},
    ),
    (
        "total_then_that_total_combines_the_priced_amount_and_the_option",
        "Alder Hash sold $450 million of convertible notes due 2030. That total combines the $375 million priced on "
        "October 30 and the full $75 million the initial purchasers were entitled to buy under their option.",
        {"principal_usd": 375_000_000, "option_usd": 75_000_000},
    ),
    (
        "the_issue_comprises_the_priced_notes_plus_notes_sold_on_exercise",
        "Alder Hash has issued $1.725 billion of convertible senior notes due 2029. The issue comprises the $1.5 "
        "billion of notes priced on February 22 plus $225.0 million of notes sold when the initial purchasers "
        "exercised their 13-day option in full.",
        {"principal_usd": 1_500_000_000, "option_usd": 225_000_000},
    ),
    (  # a combined release: the headline's first amount is the other deal's
        "headline_with_another_deal_before_the_notes",
        "Pellham Grid Announces $9.7 Billion AI Cloud Contract and Convertible Notes Pricing\n\nPellham Grid priced "
        "$875 million aggregate principal amount of 1.00% convertible senior notes due 2031.",
        {"principal_usd": 875_000_000, "coupon_pct": 1.0, "maturity_year": 2031},
    ),
    (
        "converts_as_the_notes_word",
        "Pellham Grid prices $1.0 billion of 0% converts due 2031.",
        {"principal_usd": 1_000_000_000, "coupon_pct": 0, "maturity_year": 2031},
    ),
    (
        "a_greenshoe_without_the_word_option",
        "Talus Grid priced $1.0 billion of 0.75% convertible notes due 2032 and granted buyers a $150 million "
        "greenshoe.",
        {"principal_usd": 1_000_000_000, "option_usd": 150_000_000},
    ),
    (
        "maturing_in_a_year_beside_an_older_series_repurchased",
        "Ferrow Digital has placed $720 million of 0.00% convertible senior notes maturing in 2033. About $40 million "
        "bought back $44 million of its 2.25% convertible notes due 2027.",
        {"principal_usd": 720_000_000, "coupon_pct": 0.0, "maturity_year": 2033},
    ),
    (
        "rate_then_a_comma_and_roughly_the_price",
        "Ferrow Digital priced $300 million of 1.5% convertible notes due 2030. Each $1,000 note converts into "
        "41.2500 shares, roughly $24.24 a share.",
        {"conversion_rate": 41.25, "conversion_price_usd": 24.24},
    ),
    (
        "rate_then_implying_the_price",
        "Ferrow Digital priced $300 million of 1.5% convertible notes due 2030. The notes convert at 41.2500 shares "
        "per $1,000, implying about $24.24 per share.",
        {"conversion_rate": 41.25, "conversion_price_usd": 24.24},
    ),
    (
        "rate_then_a_dash_and_about_the_price",
        "Ferrow Digital priced $300 million of 1.5% convertible notes due 2030. Each series converts at 41.2500 "
        "ADSs per US$1,000 of principal - about US$24.24 per ADS.",
        {"conversion_rate": 41.25, "conversion_price_usd": 24.24},
    ),
    (
        "a_right_to_buy_more_notes_is_the_option",
        "Ferrow Digital placed $400 million of 0% convertible notes due 2031. The banks hold a 13-day right to buy "
        "as much as $60 million more of the notes.",
        {"principal_usd": 400_000_000, "option_usd": 60_000_000},
    ),
    (
        "purchasers_can_add_an_amount",
        "Ferrow Digital priced $400 million of 0% convertible notes due 2031; the initial purchasers can add up to "
        "$60 million through an option.",
        {"principal_usd": 400_000_000, "option_usd": 60_000_000},
    ),
    (
        "a_private_placement_of_notes_as_the_principal",
        "Ferrow Digital Enlarges Its Convertible\n\nFerrow Digital set terms on a $610 million private placement of "
        "zero-coupon (0.00%) convertible senior notes maturing in 2031.",
        {"principal_usd": 610_000_000, "coupon_pct": 0.0, "maturity_year": 2031},
    ),
    (
        "a_greenshoe_named_in_the_proceeds_sentence",
        "Ferrow Digital priced $500 million of 0.5% convertible notes due 2031. It expects net proceeds of about "
        "$488 million, or $561 million if buyers take up the full $75 million greenshoe.",
        {"principal_usd": 500_000_000, "option_usd": 75_000_000},
    ),
    (  # "existing holders" are shareholders, not an older series of notes
        "cap_sentence_about_existing_holders",
        "Ferrow Digital priced $500 million of 0.5% convertible notes due 2031. Its cap starts at $30.10 a share, "
        "and the calls cushion existing holders against dilution when notes convert.",
        {"cap_price_usd": 30.10},
    ),
    (
        "due_year_before_the_notes_and_an_older_series_swapped",
        "Ferrow Digital said it priced US$450 million of 2029 convertible senior notes. It also agreed with some "
        "holders to swap its 3.75% convertibles due 2026 for shares.",
        {"principal_usd": 450_000_000, "maturity_year": 2029},
    ),
    (
        "one_of_two_series_named_by_coupon_and_year",
        "Ferrow Digital priced two series of convertible notes: a 0.50% series due 2031 ($800 million) and a 1.25% "
        "series due 2034 ($800 million).",
        {"coupon_pct": 0.5, "maturity_year": 2031},
    ),
    (
        "neither_series_bears_interest",
        "Ferrow Digital priced $600 million of convertible notes due 2030. Neither series bears interest.",
        {"coupon_pct": 0.0},
    ),
    (
        "a_percentage_after_a_dash_is_no_range",
        "Ferrow Digital priced $600 million of 0% convertible notes due 2030. Each $1,000 of principal converts "
        "into 30.0000 shares, a conversion price of $33.33 - 37.5% above the average share price on May 2.",
        {"conversion_price_usd": 33.33, "premium_pct": 37.5},
    ),
    (  # two series priced at once: the first series' own amount, not the headline's sum
        "two_series_the_first_ones_amount",
        "Ferrow Digital Prices $1.6 Billion of Convertible Notes\n\nFerrow Digital priced two series of convertible "
        "notes: a 0.50% series due 2031 ($800 million) and a 1.25% series due 2034 ($800 million).",
        {"principal_usd": 800_000_000, "coupon_pct": 0.5, "maturity_year": 2031},
    ),
    (
        "two_series_of_the_same_amount_each",
        "Ferrow Digital Prices $1.2 Billion of Convertible Notes\n\nFerrow Digital priced two series of convertible "
        "senior notes of $600,000,000 each. Neither series bears interest.",
        {"principal_usd": 600_000_000, "coupon_pct": 0.0},
    ),
    (
        "percent_initial_conversion_premium",
        "Ferrow Digital sold $250 million of five-year convertible notes with a 4% coupon and a 22.5% initial "
        "conversion premium.",
        {"principal_usd": 250_000_000, "premium_pct": 22.5},
    ),
    (
        "in_principal_of_its_notes",
        "Ferrow Digital completed the private sale of $900 million in principal of its 4.25% Convertible Senior "
        "Notes due 2029. The initial purchasers may take up as much as $135 million of further notes.",
        {"principal_usd": 900_000_000, "option_usd": 135_000_000, "coupon_pct": 4.25},
    ),
    (
        "a_convertible_bond_in_the_singular",
        "Ferrow Air is pitching its planned $350 million convertible bond due 2030.",
        {"principal_usd": 350_000_000, "maturity_year": 2030},
    ),
    (  # an amount the release calls the base wins over the headline's total
        "an_amount_called_the_base",
        "Ferrow issues $575M of 1% convertible notes due 2030\n\n- Notes sold: $500M base amount plus $75M from the "
        "initial purchasers' over-allotment option.",
        {"principal_usd": 500_000_000},
    ),
    (  # the option as first launched is not the option after the upsize
        "the_greenshoe_after_the_upsize",
        "Ferrow Realty priced an enlarged $600 million of exchangeable notes due 2028. The deal was first launched at "
        "$400 million with a $60 million greenshoe.\nGreenshoe: $90 million",
        {"principal_usd": 600_000_000, "option_usd": 90_000_000},
    ),
    (
        "extra_notes_as_the_option",
        "Ferrow Bio priced $800 million of 2.0% convertible notes due 2031. For 13 days, the initial purchasers may "
        "take as much as $120 million of extra notes.",
        {"option_usd": 120_000_000},
    ),
    (  # the price in the sentence after the rate, pointing back at it
        "that_equals_the_price_after_the_rate",
        "Ferrow Auto priced $1.0 billion of 0.25% convertible notes due 2030. Each US$1,000 of principal converts "
        "into 30.1205 ADSs. That equals $33.20 per ADS, about 25 percent above the closing price.",
        {"conversion_rate": 30.1205, "conversion_price_usd": 33.20},
    ),
    (
        "reference_as_the_last_reported_nyse_sale_price",
        "Ferrow Power priced $1.0 billion of 2.875% exchangeable notes due 2028.\n- Exchange premium: about 20% "
        "(marketed at 20%-25%) over the $41.10 last reported NYSE sale price on May 5",
        {"premium_pct": 20, "reference_price_usd": 41.10},
    ),
    (  # the option exercised "taking the total to" the headline's amount: that is no base size
        "option_exercised_taking_the_total_to",
        "Ferrow Digital closes upsized $345 million convertible notes deal\n\nFerrow Digital closed its offering of "
        "$300 million principal amount of 1.50% convertible senior notes due 2029. The initial purchasers exercised "
        "their option to buy a further $45 million principal amount of notes, taking the total to $345 million.",
        {"principal_usd": 300_000_000, "option_usd": 45_000_000},
    ),
]


@pytest.mark.parametrize(("text", "stated"), [(t, s) for _, t, s in CONSTRUCTS], ids=[c for c, _, _ in CONSTRUCTS])
def test_phrasing_constructs_of_real_releases(text: str, stated: dict[str, object]) -> None:
    parsed = parse_convert_terms(text).to_json_dict()
    assert {name: parsed[name] for name in stated} == stated


@pytest.mark.parametrize(
    "sentence",
    [
        "It intends to use approximately $48.9 million to fund the cost of the capped call transactions.",
        "Around $460 million will be used to repurchase common stock; the rest goes to the power portfolio.",
        "The issuer intends to use them primarily to buy Ethereum for its treasury.",
        "About $52 million of that went to repurchasing part of its 2027 convertible notes.",
        "The balance funds bitcoin purchases and general corporate purposes.",
        "Whatever is left is earmarked for buying more bitcoin.",
        "It plans to put about $61 million toward convertible note hedges.",
    ],
)
def test_use_of_proceeds_told_without_the_word_proceeds(sentence: str) -> None:
    text = f"Brightwater Cloud priced $500 million of 0% convertible notes due 2031. {sentence}"
    assert parse_convert_terms(text).use_of_proceeds == sentence


def test_part_of_the_proceeds_put_into_something_is_their_use() -> None:
    said = "Ferrow put $55 million of the net proceeds into a forward share purchase with the underwriter."
    text = f"Brightwater Cloud priced $500 million of 4% convertible notes due 2029. {said}"
    assert parse_convert_terms(text).use_of_proceeds == said


@pytest.mark.parametrize(
    "said",
    [
        "The net proceeds would bolster the group's balance sheet and lift overall liquidity.",
        "Mit dem Erlös will Ferrow die Bilanz stärken und seine Finanzierungskosten senken.",
    ],
)
def test_proceeds_for_the_balance_sheet_are_a_use(said: str) -> None:
    text = f"Ferrow Air priced $500 million of 4% convertible notes due 2029. {said}"
    assert parse_convert_terms(text).use_of_proceeds == said


def test_the_sentence_after_the_net_proceeds_may_say_their_use() -> None:
    said = "The company plans to repay $61.2 million of borrowings and to use what remains for working capital."
    text = (
        "Brightwater Cloud priced $500 million of 3% convertible notes due 2029. Net proceeds should be about "
        f"$486.6 million. {said}"
    )
    assert parse_convert_terms(text).use_of_proceeds == said


def test_a_use_verb_about_something_else_is_no_use_of_proceeds() -> None:
    text = (
        "Brightwater Cloud priced $500 million of 0% convertible notes due 2031. The company intends to use its "
        "Texas site for AI workloads next year."
    )
    assert parse_convert_terms(text).use_of_proceeds is None


# --- converts eval -------------------------------------------------------------------------------------------


def test_eval_prints_right_over_stated_per_field_the_misses_and_the_wrongly_filled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """labelled_sample.jsonl (team-written) has one wrong label each way on purpose: t-2 claims an option the text
    does not state (a miss), t-1 claims no premium where the text states one (a null wrongly filled); t-3 is a
    production update whose only note is an outstanding older series (every field stays null)."""
    assert main(["converts", "eval", "--jsonl", str(RELEASES / "labelled_sample.jsonl")]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha() and "/" in line}
    assert rows["principal_usd"] == ["2/2", "100.0%", "1/1"]
    assert rows["option_usd"] == ["0/1", "0.0%", "2/2"]
    assert rows["premium_pct"] == ["0/0", "—", "2/3"]
    assert "stated fields right: 5/6 = 83.3%; null-expected kept null: 20/21 = 95.2%" in out
    assert "misses (stated, not right):\n  t-2 option_usd: expected 45000000, got null" in out
    assert "null expected, filled:\n  t-1 premium_pct: got 30" in out


def test_eval_of_an_unreadable_file_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "x", "expected": {}}\nnot json\n', encoding="utf-8")
    assert main(["converts", "eval", "--jsonl", str(broken)]) == 2
    assert main(["converts", "eval", "--jsonl", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "is not JSON lines" in err and "cannot read" in err


TWO_SERIES_RELEASE = (
    "Ferrow Digital Prices $1.6 Billion of Convertible Senior Notes\n\n"
    "Ferrow Digital, Inc. (Nasdaq: FRRW) today priced two series of convertible senior notes in a private "
    "offering: $900 million of 0.25% notes due 2032 and $700 million of 1.00% notes due 2034. For each series the "
    "initial purchasers may buy up to $100 million more. Both series convert at 20.5000 shares per $1,000 of "
    "principal, about $48.78 per share. Ferrow will use about $300 million of the net proceeds to repurchase part "
    "of its outstanding 2.50% convertible notes due 2028."
)


def test_a_release_pricing_two_series_gives_each_its_terms() -> None:
    first, second = parse_convert_series(TWO_SERIES_RELEASE)
    assert (first.principal_usd, first.coupon_pct, first.maturity_year) == (900e6, 0.25, 2032)
    assert (second.principal_usd, second.coupon_pct, second.maturity_year) == (700e6, 1.0, 2034)
    assert first.option_usd == second.option_usd == 100e6  # "for each series"
    assert first.conversion_price_usd == second.conversion_price_usd == 48.78
    assert parse_convert_terms(TWO_SERIES_RELEASE) == first  # the SPEC's one object is the first series


def test_a_release_of_one_series_that_buys_back_an_older_one_is_one_series() -> None:
    text = (
        "Ferrow Digital priced $500 million of 0% convertible notes due 2031. Each series of its notes is senior "
        "unsecured. Ferrow also agreed with some holders of its 3% convertibles due 2027 to swap them for shares."
    )
    [only] = parse_convert_series(text)
    assert (only.principal_usd, only.maturity_year) == (500e6, 2031)
