"""SEC filing and convertible-note messages and the /status card against golden files (EN/DE), the metrics
behind them, and hostile EDGAR text escaped: every message parses as Telegram HTML (the tdlib rules of the Bot
API double)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.messages.converts import NoteView, TermSource, format_convert_alert, format_converts_list, note_metrics
from bot.messages.filings import FilingView, Quote, Shares, format_filing_alert, format_filings_list, usd_amount
from bot.messages.status import NewsLine, StatusCard, format_status_card
from tests.doubles.telegram_html import parse_html
from tests.test_format import assert_golden, read_html

NOW = datetime(2026, 11, 25, 21, 5, 11, tzinfo=UTC)
FOLDER = "https://www.sec.gov/Archives/edgar/data/1819989/000181998926000097"
LAUNCH_FOLDER = "https://www.sec.gov/Archives/edgar/data/1819989/000181998926000095"
PRICING_8K = FilingView(
    ticker="CIFR",
    form="8-K",
    filed=date(2026, 11, 25),
    items=("1.01", "2.03", "9.01"),
    company="Cipher Mining Inc.",
    accepted_at=NOW,
    themes=("capital_deployment", "debt_terms"),
    index_url=f"{FOLDER}/0001819989-26-000097-index.htm",
    document_url=f"{FOLDER}/form8-k.htm",
)
QUARTERLY = FilingView(
    ticker="CIFR",
    form="10-Q",
    filed=date(2026, 11, 6),
    title="Quarterly report [Sections 13 or 15(d)]",
    accepted_at=datetime(2026, 11, 6, 21, 5, tzinfo=UTC),
    index_url="https://www.sec.gov/Archives/edgar/data/1819989/000181998926000081/0001819989-26-000081-index.htm",
)
PRICED = NoteView(
    ticker="CIFR",
    status="priced",
    principal_usd=850e6,
    option_usd=150e6,
    coupon_pct=0.0,
    maturity=date(2031, 6, 1),
    maturity_year=2031,
    conversion_rate=38.154,
    conversion_price_usd=26.21,
    premium_pct=42.5,
    reference_price_usd=18.39,
    cap_price_usd=36.78,
    use_of_proceeds="Cipher intends to use approximately $68.0 million of the net proceeds to pay the cost of the "
    "capped call transactions and the remainder to fund the build-out of its HPC data center campus.",
    source_url=f"{FOLDER}/ex99-1.htm",
    announced_on=date(2026, 11, 24),
    upsized=True,
)
LAUNCH_8K = FilingView(
    ticker="CIFR",
    form="8-K",
    filed=date(2026, 11, 24),
    items=("8.01", "9.01"),
    company="Cipher Mining Inc.",
    accepted_at=datetime(2026, 11, 24, 12, 1, tzinfo=UTC),
    themes=("debt_terms",),
    index_url=f"{LAUNCH_FOLDER}/0001819989-26-000095-index.htm",
)
LAUNCH = NoteView(
    ticker="CIFR",
    status="announced",
    principal_usd=500e6,
    option_usd=75e6,
    maturity_year=2032,
    source_url=f"{LAUNCH_FOLDER}/ex99-1.htm",
    announced_on=date(2026, 11, 24),
)
OLD_NOTE = NoteView(
    ticker="CIFR",
    status="closed",
    principal_usd=1.15e9,
    option_usd=150e6,
    coupon_pct=2.375,
    maturity_year=2030,
    conversion_price_usd=9.18,
    announced_on=date(2025, 3, 3),
    exchangeable=True,
)
PRICE = Quote(price=19.5, change_pct=2.63, at=datetime(2026, 11, 25, 21, 0, tzinfo=UTC))
SHARES = Shares(count=381_000_000, as_of=date(2026, 11, 3))
CARD = StatusCard(
    ticker="CIFR",
    name="Cipher Mining",
    price=PRICE,
    btc=Quote(price=97_123.4, change_pct=-1.2, at=PRICE.at),
    hashprice_usd_per_ph_day=48.2,
    shares=SHARES,
    notes=(OLD_NOTE, PRICED),
    filings=(PRICING_8K, QUARTERLY),
    news=(
        NewsLine(
            "Cipher Mining signs 15-year AI hosting lease",
            "https://www.globenewswire.com/news-release/2026/11/24/cipher-lease.html",
            ("capital_deployment",),
            {"capital_deployment": 0.91},
            datetime(2026, 11, 24, 13, 0, tzinfo=UTC),
        ),
    ),
    today=date(2026, 11, 25),
)


def assert_telegram_accepts(text: str) -> None:
    """The Bot API double parses HTML as tdlib does: unknown or unbalanced tags would be a 400."""
    parse_html(text)


# --- golden files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_filing_alert_golden(lang: str) -> None:
    text = format_filing_alert(PRICING_8K, lang, "Europe/Berlin")
    assert_golden(f"filing_alert_{lang}.html", text)
    assert_telegram_accepts(text)


def test_filing_alert_of_a_form_without_items_golden() -> None:
    assert_golden("filing_alert_10q_en.html", format_filing_alert(QUARTERLY, "en"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_convertible_pricing_alert_golden(lang: str) -> None:
    text = format_convert_alert(PRICING_8K, PRICED, lang, "UTC", price=PRICE, shares=SHARES)
    assert_golden(f"filing_convert_priced_{lang}.html", text)
    assert_telegram_accepts(text)


def test_convertible_launch_alert_golden() -> None:
    assert_golden("filing_convert_launch_en.html", format_convert_alert(LAUNCH_8K, LAUNCH, "en"))


def test_filings_list_golden() -> None:
    assert_golden("filing_list_en.html", format_filings_list("CIFR", [PRICING_8K, QUARTERLY], "en"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_converts_list_golden(lang: str) -> None:
    text = format_converts_list(
        "CIFR", [PRICED, OLD_NOTE, LAUNCH], lang, "UTC", price=PRICE, shares=SHARES, today=date(2026, 11, 25)
    )
    assert_golden(f"converts_list_{lang}.html", text)
    assert_telegram_accepts(text)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_status_card_golden(lang: str) -> None:
    text = format_status_card(CARD, lang, "UTC")
    assert_golden(f"status_card_{lang}.html", text)
    assert_telegram_accepts(text)


def test_status_card_before_any_data_golden() -> None:
    assert_golden("status_card_empty_en.html", format_status_card(StatusCard("WULF", "TeraWulf"), "en"))


# --- what the numbers say ----------------------------------------------------------------------------


def test_distance_and_dilution_of_a_priced_note() -> None:
    metrics = note_metrics(PRICED, PRICE.price, SHARES.count)
    assert metrics.distance_pct == pytest.approx((26.21 - 19.5) / 19.5 * 100)
    assert metrics.shares_on_conversion == pytest.approx(850_000 * 38.154)
    assert metrics.dilution_pct == pytest.approx(850_000 * 38.154 / 381_000_000 * 100)
    assert metrics.shares_with_option == pytest.approx(1_000_000 * 38.154)


def test_a_closed_note_counts_its_option_beside_the_base_size_and_a_launch_has_no_conversion_yet() -> None:
    """The principal is the base size (a closing's total with the exercised option is not), so the option's
    shares are shown beside it whatever the stage."""
    closed = note_metrics(OLD_NOTE, PRICE.price, SHARES.count)
    assert closed.shares_on_conversion == pytest.approx(1.15e9 / 9.18)  # from the price when no rate is stated
    assert closed.shares_with_option == pytest.approx(1.3e9 / 9.18)
    assert closed.distance_pct == pytest.approx((9.18 - 19.5) / 19.5 * 100)  # in the money: negative
    launch = note_metrics(LAUNCH, PRICE.price, SHARES.count)
    assert (launch.distance_pct, launch.shares_on_conversion, launch.dilution_pct) == (None, None, None)


def test_amounts_read_as_investors_write_them() -> None:
    assert [usd_amount(v) for v in (850e6, 1.15e9, 127.5e6, 1e9, 950_000)] == [
        "$850M",
        "$1.15B",
        "$127.5M",
        "$1B",
        "$950,000",
    ]
    assert usd_amount(1.15e9, "de") == "1,15\u00a0Mrd.\u00a0$"


def test_converts_and_filings_without_data_say_so() -> None:
    assert format_converts_list("WULF", [], "en").startswith("No convertible notes of $WULF known yet.")
    assert format_filings_list("WULF", [], "de").startswith("Noch keine SEC-Einreichungen von $WULF")


# --- hostile text from EDGAR and releases ------------------------------------------------------------

EVIL = '<script>alert("x")</script> & <b>'
EVIL_URL = "https://evil.example/?q=\"><script>alert('u')</script>&x='y'"


def test_hostile_filing_and_release_text_is_escaped_everywhere() -> None:
    filing = FilingView(
        ticker="CIFR",
        form="8-K<i>",
        filed=date(2026, 11, 25),
        items=("1.01", "<9.99>"),
        title=EVIL,
        company=EVIL,
        themes=("debt_terms", "<u>x</u>"),
        index_url=EVIL_URL,
        document_url=EVIL_URL,
    )
    note = NoteView(ticker="CIFR", status="priced", principal_usd=1e8, use_of_proceeds=EVIL, source_url=EVIL_URL)
    card = StatusCard(
        "CIFR",
        EVIL,
        notes=(note,),
        filings=(filing,),
        news=(NewsLine(EVIL, EVIL_URL, ("debt_terms",), {"debt_terms": 0.5}, NOW),),
    )
    for text, shown in (
        (format_filing_alert(filing, "en"), EVIL),  # the company
        (format_convert_alert(filing, note, "en"), EVIL),  # the company and the use of proceeds
        (format_filings_list("CIFR", [filing], "en"), "8-K<i>"),
        (format_converts_list("CIFR", [note], "en"), "Press release"),
        (format_status_card(card, "en"), EVIL),  # the name and the story
    ):
        assert "<script" not in text and "<i>" not in text and "<u>" not in text
        parsed = read_html(text)
        assert {tag for tag, _ in parsed.tags} <= {"a", "b"}
        assert all(attrs == {"href": EVIL_URL} for tag, attrs in parsed.tags if tag == "a")
        assert shown in parsed.text  # shown as text, not interpreted
        for line in text.split("\n"):
            assert_telegram_accepts(line)  # every tag opens and closes on its own line (split_message safe)


def test_a_euro_note_is_shown_in_euros_without_a_distance_to_the_dollar_price() -> None:
    euro = NoteView(
        ticker="CIFR",
        status="priced",
        principal_usd=350e6,
        coupon_pct=1.25,
        maturity_year=2031,
        conversion_price_usd=42.6875,
        currency="EUR",
    )
    metrics = note_metrics(euro, PRICE.price, SHARES.count)
    assert metrics.distance_pct is None  # a euro conversion price against a dollar quote means nothing
    assert metrics.shares_on_conversion == pytest.approx(350e6 / 42.6875)
    listing = format_converts_list("CIFR", [euro], "en", price=PRICE, shares=SHARES)
    assert "<b>€350M 1.25% convertible notes due 2031</b> · priced" in listing
    assert "conversion €42.69" in listing and "distance" not in listing


def test_converts_names_the_release_of_each_term() -> None:
    pricing = TermSource(stage="pricing", filed="2026-11-25", url="https://edgar.example/p.htm")
    closing = TermSource(stage="closing", filed="2026-11-27", url="")
    note = NoteView(
        ticker="CIFR",
        status="closed",
        principal_usd=575e6,
        option_usd=86.25e6,
        conversion_price_usd=21.55,
        term_sources={"principal_usd": pricing, "conversion_price_usd": pricing, "option_usd": closing},
    )
    [line] = [line for line in format_converts_list("CIFR", [note], "en").split("\n") if "Terms:" in line]
    assert line == (
        '   Terms: principal, conversion price — <a href="https://edgar.example/p.htm">pricing release 2026-11-25</a>'
        " · option — closing release 2026-11-27"
    )
    german = format_converts_list("CIFR", [note], "de")
    assert "Bedingungen: Nennbetrag, Wandlungspreis — " in german
    assert "Meldung zur Abwicklung vom 27. Nov. 2026" in german
