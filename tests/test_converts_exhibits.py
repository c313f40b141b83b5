"""The 8-K path reads note terms from the EX-99 exhibit whatever its markup, through the loopback EDGAR double and
the SEC job (the rig of test_sec_job): a pricing release in <div> soup with a key-terms table gives a note with
every stated term, and the later closing release (an EDGAR .txt bundle, greenshoe exercised) updates that note,
which records the release each term came from and shows it in /converts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.alerts.filings import note_view
from bot.messages.converts import format_converts_list
from tests.helpers import add_chat, outbox
from tests.test_sec_job import CIFR, Document, Rig, at, baseline, notes, rig  # noqa: F401
from watchers.sec_text import html_to_text, release_text

SEC = Path(__file__).parent / "fixtures" / "sec"
DIV_SOUP_PRICING = Document(
    "ex99-1.htm",
    "EX-99.1",
    "PRESS RELEASE ANNOUNCING PRICING",
    (SEC / "ex99_1_pricing_div_soup_key_terms_synthetic.htm").read_bytes(),
)
LAUNCH = Document(
    "ex99-1.htm",
    "EX-99.1",
    "PRESS RELEASE ANNOUNCING PROPOSED OFFERING",
    b"<html><body><p><b>Cipher Ridge Digital Proposes to Offer $500 Million of Convertible Senior Notes due 2032</b>"
    b"</p><p>NEW YORK, Nov. 24, 2026 -- Cipher Ridge Digital Inc. today announced that it proposes to offer, subject "
    b"to market conditions, $500 million aggregate principal amount of convertible senior notes due 2032. The "
    b"interest rate, initial conversion rate and other terms will be set when the notes are priced.</p></body></html>",
)
TXT_BUNDLE_CLOSING = Document(
    "ex99-1.txt",
    "EX-99.1",
    "PRESS RELEASE ANNOUNCING CLOSING",
    (SEC / "ex99_1_closing_txt_bundle_synthetic.txt").read_bytes(),
)
#: Every term the pricing release states (its key-terms table included).
PRICED_TERMS = {
    "principal_usd": 575e6,
    "option_usd": 86.25e6,
    "coupon_pct": 1.125,
    "maturity": date(2032, 12, 1),
    "maturity_year": 2032,
    "conversion_rate": 46.4037,
    "conversion_price_usd": 21.55,
    "premium_pct": 37.5,
    "reference_price_usd": 15.67,
    "cap_price_usd": 31.34,
    "currency": "USD",
}


def test_tables_become_label_value_lines_with_signs_kept_on_their_numbers() -> None:
    text = html_to_text(DIV_SOUP_PRICING.body)
    assert "• Initial conversion price: $ 21.55 | per share" in text.split("\n\n")
    assert "• Capped call cap price: $ 31.34" in text.split("\n\n")
    assert "hidden cover data" not in text


def test_a_txt_bundle_is_read_without_its_sgml_tags() -> None:
    lines = release_text(TXT_BUNDLE_CLOSING.body).split("\n\n")
    assert "EX-99.1" in lines and "<TEXT>" not in " ".join(lines)
    assert any(line.startswith("Cipher Ridge Digital Completes $661.25 Million") for line in lines)


async def test_a_div_soup_pricing_exhibit_gives_a_note_with_every_stated_term(rig: Rig, engine: Engine) -> None:  # noqa: F811
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    filing = rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(DIV_SOUP_PRICING,))
    assert await rig.run(minutes=5) == 1

    [note] = notes(engine)
    assert {name: getattr(note, name) for name in PRICED_TERMS} == PRICED_TERMS
    assert (note.status, note.upsized, note.accession) == ("priced", True, filing.accession)
    assert note.use_of_proceeds is not None and note.use_of_proceeds.startswith("Cipher Ridge intends to use")
    lines = outbox(engine)[0].text.split("\n")
    assert "Principal: $575M (upsized) + purchasers' option for $86.25M more" in lines
    assert "Coupon: 1.125% · Matures: 2032-12-01" in lines
    assert "Conversion: 46.4037 shares per $1,000 = $21.55 per share, a 37.5% premium over $15.67" in lines
    assert "Capped call: cap $31.34 per share (offsets dilution up to that price)" in lines


async def test_launch_pricing_and_closing_update_one_note_and_name_each_terms_release(
    rig: Rig,  # noqa: F811
    engine: Engine,
) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    rig.site.file(CIFR, 95, "8-K", at(24, 7, 1), items=("8.01", "9.01"), documents=(LAUNCH,))
    await rig.run(minutes=5)
    pricing = rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "9.01"), documents=(DIV_SOUP_PRICING,))
    await rig.run(minutes=5)
    closing = rig.site.file(CIFR, 99, "8-K", at(27, 8, 0), items=("2.03", "9.01"), documents=(TXT_BUNDLE_CLOSING,))
    await rig.run(minutes=5)

    [note] = notes(engine)  # one deal: the launch's note updated twice
    assert note.status == "closed" and note.accession == closing.accession
    assert {name: getattr(note, name) for name in PRICED_TERMS} == PRICED_TERMS  # the closing's total is not the base
    assert note.announced_on == date(2026, 11, 24)
    sources = note.term_sources or {}
    assert sources["conversion_price_usd"]["accession"] == pricing.accession
    assert sources["principal_usd"]["accession"] == pricing.accession
    assert (sources["option_usd"]["accession"], sources["option_usd"]["stage"]) == (closing.accession, "closing")
    assert sources["maturity"]["accession"] == closing.accession  # restated by the closing

    listing = format_converts_list("CIFR", [note_view(note)])
    assert "1. <b>$575M 1.125% convertible notes due 2032-12-01</b> · closed 2026-11-24" in listing
    [terms_line] = [line for line in listing.split("\n") if line.strip().startswith("Terms:")]
    assert "principal, conversion rate, conversion price, premium, reference price, cap price — " in terms_line
    assert f'{pricing.folder}/ex99-1.htm">pricing release 2026-11-25</a>' in terms_line
    assert (
        f'option, coupon, maturity — <a href="{rig.site.www}{closing.folder}/ex99-1.txt">closing release 2026-11-27'
        in (terms_line)
    )
