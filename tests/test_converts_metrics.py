"""What a note means for a shareholder (distance to conversion, dilution), one deal across its releases,
and shares outstanding from XBRL company facts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.messages.notes import conversion_distance_pct, dilution, shares_on_conversion
from watchers.converts import (
    CLOSING,
    LAUNCH,
    PRICING,
    ConvertTerms,
    NoteAnnouncement,
    find_same_deal,
    merge_terms,
    parse_convert_terms,
    same_deal,
)
from watchers.xbrl import SharesOutstanding, latest_shares_outstanding

FIXTURES = Path(__file__).parent / "fixtures"


def release(name: str) -> ConvertTerms:
    return parse_convert_terms((FIXTURES / "releases" / f"{name}.txt").read_text(encoding="utf-8"))


def announcement(terms: ConvertTerms, *, filed: date, accession: str, cik: int = 9999999) -> NoteAnnouncement:
    return NoteAnnouncement(cik=cik, accession=accession, filed=filed, source_url=None, terms=terms)


# --- distance and dilution -------------------------------------------------------------------------


def test_conversion_distance_is_the_rise_needed_in_percent_of_the_price() -> None:
    assert conversion_distance_pct(26.21, 18.39) == pytest.approx((26.21 - 18.39) / 18.39 * 100)
    assert conversion_distance_pct(26.21, 18.39) == pytest.approx(42.52, abs=0.01)
    assert conversion_distance_pct(10.0, 12.5) == pytest.approx(-20.0)  # in the money
    assert conversion_distance_pct(None, 12.5) is None
    assert conversion_distance_pct(10.0, 0) is None


def test_shares_on_full_conversion_from_rate_or_price() -> None:
    # $850 million at 38.1540 shares per $1,000: 850,000 × 38.154 shares.
    assert shares_on_conversion(850_000_000, conversion_rate=38.154) == pytest.approx(32_430_900)
    # Without a rate, principal / conversion price.
    assert shares_on_conversion(300_000_000, conversion_price_usd=12.0) == pytest.approx(25_000_000)
    assert shares_on_conversion(300_000_000) is None
    assert shares_on_conversion(None, conversion_rate=38.154) is None


def test_dilution_against_shares_outstanding() -> None:
    result = dilution(1_000_000_000, conversion_rate=35.171, shares_outstanding=351_710_000)
    assert result is not None
    assert result.shares_on_conversion == pytest.approx(35_171_000)
    assert result.pct_of_outstanding == pytest.approx(10.0)
    unknown_count = dilution(1_000_000_000, conversion_rate=35.171)
    assert unknown_count is not None and unknown_count.pct_of_outstanding is None
    assert dilution(None, conversion_rate=35.171, shares_outstanding=1e8) is None


# --- one deal, several releases --------------------------------------------------------------------


def test_pricing_updates_its_launch() -> None:
    launch = announcement(release("northwind_launch"), filed=date(2025, 11, 18), accession="0009999999-25-000041")
    pricing_terms = release("northwind_pricing_upsized_capped_call")
    pricing = announcement(pricing_terms, filed=date(2025, 11, 19), accession="0009999999-25-000042")
    assert (launch.terms.stage, pricing.terms.stage) == (LAUNCH, PRICING)
    assert same_deal(launch, pricing)
    assert find_same_deal(pricing, [launch]) == launch

    merged = merge_terms(launch.terms, pricing.terms)
    assert merged.principal_usd == 850_000_000  # the upsized amount wins
    assert merged.coupon_pct == 0.0 and merged.cap_price_usd == 36.78
    assert merged.stage == PRICING and merged.upsized


def test_merge_keeps_what_only_the_earlier_release_said() -> None:
    launch = ConvertTerms(principal_usd=900e6, maturity=date(2030, 12, 15), maturity_year=2030, stage=LAUNCH)
    pricing = ConvertTerms(principal_usd=1e9, coupon_pct=1.75, maturity_year=2030, stage=PRICING)
    merged = merge_terms(launch, pricing)
    assert (merged.principal_usd, merged.coupon_pct, merged.maturity) == (1e9, 1.75, date(2030, 12, 15))


def test_different_issuer_maturity_or_coupon_is_another_note() -> None:
    terms = ConvertTerms(principal_usd=5e8, coupon_pct=2.25, maturity_year=2030, stage=PRICING)
    base = announcement(terms, filed=date(2025, 6, 4), accession="0000000001-25-000001")
    other_issuer = announcement(terms, filed=date(2025, 6, 5), accession="0000000002-25-000001", cik=1)
    other_year = announcement(
        replace(terms, maturity_year=2032), filed=date(2025, 6, 5), accession="0000000001-25-000002"
    )
    other_coupon = announcement(
        replace(terms, coupon_pct=3.0, stage=CLOSING), filed=date(2025, 6, 5), accession="0000000001-25-000003"
    )
    assert not same_deal(base, other_issuer)
    assert not same_deal(base, other_year)  # a second tranche priced the same day
    assert not same_deal(base, other_coupon)
    assert find_same_deal(other_year, [base]) is None


def test_same_coupon_and_maturity_is_the_same_series_even_later() -> None:
    pricing = ConvertTerms(coupon_pct=0.75, maturity_year=2031, stage=PRICING)
    closing = ConvertTerms(coupon_pct=0.75, maturity_year=2031, stage=CLOSING)
    first = announcement(pricing, filed=date(2026, 2, 3), accession="0000000001-26-000001")
    later = announcement(closing, filed=date(2026, 3, 30), accession="0000000001-26-000009")
    assert same_deal(first, later)


def test_a_launch_long_after_is_a_new_deal() -> None:
    old = announcement(
        ConvertTerms(maturity_year=2031, stage=LAUNCH), filed=date(2025, 1, 10), accession="0000000001-25-000001"
    )
    new = announcement(
        ConvertTerms(maturity_year=2031, stage=PRICING, coupon_pct=1.0),
        filed=date(2025, 9, 10),
        accession="0000000001-25-000050",
    )
    assert not same_deal(old, new)


# --- shares outstanding ----------------------------------------------------------------------------


def test_latest_shares_outstanding_from_real_company_facts() -> None:
    mara = (FIXTURES / "sec" / "companyfacts_mara_2021.json").read_bytes()
    nvidia = json.loads((FIXTURES / "sec" / "companyfacts_nvidia_2026.json").read_bytes())
    # MARA's latest cover-page count in this snapshot: 10-Q/A filed 2021-05-12, as of 2021-05-10.
    assert latest_shares_outstanding(mara) == SharesOutstanding(99_472_029, date(2021, 5, 10))
    shares, as_of = latest_shares_outstanding(nvidia)  # type: ignore[misc]
    assert (shares, as_of) == (24_200_000_000, date(2026, 5, 15))


def test_shares_outstanding_sums_classes_of_one_filing_and_prefers_the_later_filing() -> None:
    def fact(end: str, filed: str, accn: str, val: object) -> dict[str, object]:
        return {"end": end, "val": val, "accn": accn, "filed": filed, "form": "10-Q"}

    facts = {
        "facts": {
            "dei": {
                "EntityCommonStockSharesOutstanding": {
                    "units": {
                        "shares": [
                            fact("2025-04-30", "2025-05-08", "0000000001-25-000010", 300),
                            fact("2025-04-30", "2025-05-08", "0000000001-25-000010", 20),  # class B
                            fact("2025-04-30", "2025-06-01", "0000000001-25-000020", 310),  # a later 10-Q/A
                            fact("2025-01-31", "2025-02-10", "0000000001-25-000001", 999),
                            fact("bad-date", "2025-07-01", "0000000001-25-000030", 5),
                            fact("2025-07-31", "2025-08-01", "0000000001-25-000031", True),
                            fact("2025-07-31", "2025-08-01", "0000000001-25-000032", -4),
                        ]
                    }
                }
            }
        }
    }
    assert latest_shares_outstanding(facts) == SharesOutstanding(310, date(2025, 4, 30))
    del facts["facts"]["dei"]["EntityCommonStockSharesOutstanding"]["units"]["shares"][2]
    assert latest_shares_outstanding(facts) == SharesOutstanding(320, date(2025, 4, 30))


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"facts": {}}', b'{"facts": {"dei": []}}'])
def test_shares_outstanding_absent_or_junk(body: bytes) -> None:
    assert latest_shares_outstanding(body) is None
