"""EDGAR bodies to Filing values: submissions JSON, company / current Atom feeds, index pages, tickers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from watchers.sec_filings import (
    Filing,
    SecParseError,
    merge_by_accession,
    parse_atom,
    parse_company_tickers,
    parse_filing_index,
    parse_items,
    parse_submissions,
    resolve_ciks,
)

SEC = Path(__file__).parent / "fixtures" / "sec"
WWW = "https://www.sec.gov"


def load(name: str) -> bytes:
    return (SEC / name).read_bytes()


def test_submissions_recent_filings() -> None:
    filings = parse_submissions(load("submissions_recent_12_filings.json"), www_url=WWW)
    assert len(filings) == 12
    eight_k = next(f for f in filings if f.accession == "0001628280-26-003837")
    assert eight_k == Filing(
        cik=1318605,
        accession="0001628280-26-003837",
        form="8-K",
        filed=date(2026, 1, 28),
        accepted=datetime(2026, 1, 28, 21, 11, 4, tzinfo=UTC),
        items=("2.02", "9.01"),
        title="",  # the JSON's description only repeats the form
        company="Tesla, Inc.",
        primary_doc_url="https://www.sec.gov/Archives/edgar/data/1318605/000162828026003837/tsla-20260128.htm",
        index_url="https://www.sec.gov/Archives/edgar/data/1318605/000162828026003837/0001628280-26-003837-index.htm",
    )
    form4 = filings[0]
    assert (form4.form, form4.title, form4.items) == ("4", "OWNERSHIP DOCUMENT", ())


def test_submissions_older_page_has_arrays_at_the_top() -> None:
    body = load("submissions_older_page_no_wrapper.json")
    with pytest.raises(SecParseError, match="CIK"):
        parse_submissions(body, www_url=WWW)
    filings = parse_submissions(body, www_url=WWW, cik=1318605, company="Tesla, Inc.")
    assert [(f.form, f.items) for f in filings] == [("SC 13G/A", ()), ("8-K", ("7.01",)), ("8-K", ("5.02",))]


@pytest.mark.parametrize(
    "body",
    [
        (SEC / "submissions_404_nosuchkey.xml").read_bytes(),  # S3's 404 body is XML
        (SEC / "throttle_page.html").read_bytes(),
        b"",
        b"[]",
        b'{"cik": "1", "filings": {"recent": {}}}',
    ],
    ids=["s3-xml-404", "html", "empty", "array", "no-arrays"],
)
def test_submissions_junk_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(SecParseError):
        parse_submissions(body, www_url=WWW)


def test_submissions_skips_rows_without_identity_and_tolerates_short_arrays() -> None:
    body = (
        b'{"cik": "0001507605", "name": "MARA Holdings, Inc.", "filings": {"recent": {'
        b'"accessionNumber": ["0001493152-24-048393", "garbage", "0001493152-24-048000"],'
        b'"filingDate": ["2024-12-03", "2024-12-02", "not a date"],'
        b'"form": ["8-K", "8-K", "8-K"], "items": ["8.01,9.01"]}}}'
    )
    filings = parse_submissions(body, www_url=WWW)
    assert [(f.accession, f.items, f.accepted, f.primary_doc_url) for f in filings] == [
        ("0001493152-24-048393", ("8.01", "9.01"), None, None)
    ]


def test_current_feed_entries() -> None:
    filings = parse_atom(load("current_atom_8k_item_lines.xml"), www_url=WWW)
    assert len(filings) == 6
    velo = filings[2]
    assert (velo.cik, velo.company, velo.form) == (1825079, "Velo3D, Inc.", "8-K")
    assert velo.items == ("1.01", "2.01", "2.03", "5.02", "9.01")
    assert velo.filed == date(2025, 12, 12)
    assert velo.accepted == datetime(2025, 12, 12, 22, 30, 48, tzinfo=UTC)  # 17:30:48 -05:00
    assert velo.index_url.endswith("/1825079/000149315225027594/0001493152-25-027594-index.htm")
    assert filings[0].items == ()  # a Form 4's summary has only Filed / AccNo / Size


def test_current_feed_of_a_watched_miner() -> None:
    filings = parse_atom(load("current_atom_terawulf_form4_issuer.xml"), www_url=WWW)
    assert {(f.cik, f.company, f.form) for f in filings} == {(1083301, "TERAWULF INC.", "4")}


def test_company_feed_reads_the_content_block() -> None:
    filings = parse_atom(load("company_atom_10k_content.xml"), www_url=WWW)
    assert [(f.cik, f.company, f.accession, f.filed) for f in filings] == [
        (320193, "Apple Inc.", "0000320193-25-000079", date(2025, 10, 31)),
        (320193, "Apple Inc.", "0000320193-24-000123", date(2024, 11, 1)),
    ]
    assert filings[0].title == "Annual report [Section 13 and 15(d), not S-K Item 405]"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>This page is temporarily unavailable.</body></html>",
        b"<feed><entry>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>',
    ],
    ids=["empty", "html", "truncated", "entities"],
)
def test_atom_junk_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(SecParseError):
        parse_atom(body, www_url=WWW)


@pytest.mark.parametrize(
    ("value", "items"),
    [
        ("2.02,9.01", ("2.02", "9.01")),
        ("items 2.02 and 9.01", ("2.02", "9.01")),
        ("8.01and9.01", ("8.01", "9.01")),  # the SEC sometimes omits the spaces
        ("Item 9.01: Financial Statements\nItem 1.01: Entry", ("1.01", "9.01")),
        ("", ()),
        ("version 12.015", ()),
    ],
)
def test_item_codes(value: str, items: tuple[str, ...]) -> None:
    assert parse_items(value) == items


def test_json_and_lagging_feed_merge_by_accession() -> None:
    from_json = parse_submissions(load("submissions_recent_12_filings.json"), www_url=WWW)
    from_feed = parse_atom(load("company_atom_lagging_json_synthetic.xml"), www_url=WWW)
    merged = merge_by_accession(from_json, from_feed)
    assert len(merged) == 13  # 12 from the JSON, one that only the feed has yet
    newest = merged[0]
    assert (newest.accession, newest.items, newest.primary_doc_url) == ("0001628280-26-999001", ("8.01", "9.01"), None)
    both = next(f for f in merged if f.accession == "0001628280-26-003837")
    assert both.primary_doc_url is not None  # from the JSON
    assert both.title == "Current report"  # from the feed
    assert both.accepted == datetime(2026, 1, 28, 21, 11, 4, tzinfo=UTC)  # the JSON's UTC time wins


def test_filing_index_lists_documents_with_types() -> None:
    index_url = "https://www.sec.gov/Archives/edgar/data/9999999/000999999925000042/0009999999-25-000042-index.htm"
    documents = parse_filing_index(load("index_8k_notes_offering_synthetic.htm"), index_url=index_url)
    assert [(d.seq, d.type) for d in documents] == [
        (1, "8-K"),
        (2, "EX-4.1"),
        (3, "EX-99.1"),
        (4, "EX-99.2"),
        (5, "GRAPHIC"),
    ]
    assert documents[0].url == "https://www.sec.gov/Archives/edgar/data/9999999/000999999925000042/nwdh-20251119.htm"
    assert documents[3].size == 17102
    assert documents[3].description.startswith("PRESS RELEASE")
    assert parse_filing_index(b"<html><body>no table</body></html>", index_url=index_url) == []


def test_company_tickers_resolve_miners() -> None:
    companies = parse_company_tickers(load("company_tickers_miners.json"))
    assert resolve_ciks(["MARA", "cifr", "IREN", "WULF", "NOPE"], companies) == {
        "MARA": 1507605,
        "CIFR": 1819989,
        "IREN": 1878848,
        "WULF": 1083301,
    }
    assert companies["MARA"].title == "MARATHON DIGITAL HOLDINGS, INC."
    with pytest.raises(SecParseError):
        parse_company_tickers(b"<html>")
    assert parse_company_tickers(b'{"0": {"cik_str": "x", "ticker": "A"}, "1": {"ticker": "B"}}') == {}
