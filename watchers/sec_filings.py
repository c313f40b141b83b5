"""EDGAR filings as plain values: parse the submissions JSON, the company / "current" Atom feeds and the
filing index page, and merge what they say about one filing by its accession number.

All parsers are pure (bytes in, values out) and raise SecParseError on bodies that are not what they claim.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree

#: An accession number: filer-agent CIK, year, sequence ("0001493152-24-048393").
ACCESSION = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
#: An 8-K item code as EDGAR prints it ("2.03"); item lists sometimes lack spaces ("8.01and9.01").
ITEM_CODE = re.compile(r"(?<![\d.])([1-9]\.\d{2})(?!\d)")
#: getcurrent entry titles: "8-K - Flux Power Holdings, Inc. (0001083743) (Filer)".
CURRENT_TITLE = re.compile(r"^(?P<form>.+?) - (?P<company>.+) \((?P<cik>\d{10})\) \((?P<role>[^)]*)\)\s*$")
SUMMARY_FILED = re.compile(r"Filed:\s*(?:</b>)?\s*(\d{4}-\d{2}-\d{2})")
ARCHIVE_CIK = re.compile(r"/Archives/edgar/data/(\d+)/")
#: Longest Filing.title we keep.
MAX_TITLE_CHARS = 300


class SecParseError(ValueError):
    """An EDGAR body is not the JSON / Atom / index page it should be."""


@dataclass(frozen=True)
class Filing:
    """One EDGAR filing of an issuer: what it is, when it was filed and accepted, and where to read it."""

    cik: int
    accession: str
    form: str
    filed: date
    accepted: datetime | None  # UTC
    items: tuple[str, ...]  # 8-K item codes, e.g. ("1.01", "2.03", "9.01")
    title: str  # EDGAR's description of the document ("Annual report [...]"), or ""
    company: str
    primary_doc_url: str | None
    index_url: str


@dataclass(frozen=True)
class FilingDocument:
    """One row of a filing index: the document, its EDGAR type ("EX-99.1") and description."""

    seq: int | None
    description: str
    url: str
    type: str
    size: int | None


@dataclass(frozen=True)
class CompanyTicker:
    """One entry of SEC company_tickers.json."""

    cik: int
    ticker: str
    title: str


# --- URLs -------------------------------------------------------------------------------------------


def accession_path(accession: str) -> str:
    """The accession without dashes, as used in archive paths."""
    return accession.replace("-", "")


def archive_folder(www_url: str, cik: int, accession: str) -> str:
    return f"{www_url.rstrip('/')}/Archives/edgar/data/{cik}/{accession_path(accession)}"


def index_url(www_url: str, cik: int, accession: str) -> str:
    """The human-readable filing index page, which lists every document with its type."""
    return f"{archive_folder(www_url, cik, accession)}/{accession}-index.htm"


def document_url(www_url: str, cik: int, accession: str, name: str) -> str:
    return f"{archive_folder(www_url, cik, accession)}/{name.lstrip('/')}"


# --- small parsers ----------------------------------------------------------------------------------


def parse_items(value: str | None) -> tuple[str, ...]:
    """Item codes from "2.02,9.01", "items 2.02 and 9.01", "8.01and9.01" or "Item 8.01: Other Events" lines."""
    seen: dict[str, None] = {}
    for code in ITEM_CODE.findall(value or ""):
        seen.setdefault(code, None)
    return tuple(sorted(seen))


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _utc(value: object) -> datetime | None:
    """An ISO timestamp (UTC "Z" in the JSON, Eastern offsets in the Atom feeds) as an aware UTC datetime."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _clean(value: object, limit: int = MAX_TITLE_CHARS) -> str:
    text = " ".join(str(value or "").split())
    return text[:limit]


# --- submissions JSON -------------------------------------------------------------------------------


def load_json(body: bytes, what: str) -> Any:
    """JSON from a body, or SecParseError quoting the start of what came instead (an S3 XML error, HTML)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        snippet = body[:60].decode("utf-8", errors="replace").strip()
        raise SecParseError(f"{what} is not JSON: {snippet!r}") from exc


def parse_submissions(body: bytes, *, www_url: str, cik: int | None = None, company: str = "") -> list[Filing]:
    """Filings from data.sec.gov/submissions/CIK##########.json (or one of its older `files` pages, whose
    parallel arrays sit at the top level and which name no company: pass `cik` and `company` then)."""
    data = load_json(body, "submissions")
    if not isinstance(data, dict):
        raise SecParseError("submissions JSON is not an object")
    recent = data.get("filings", {}).get("recent") if isinstance(data.get("filings"), dict) else data
    if not isinstance(recent, dict) or not isinstance(recent.get("accessionNumber"), list):
        raise SecParseError("submissions JSON has no filings.recent.accessionNumber array")
    try:
        cik = int(data.get("cik") or cik or 0)
    except (TypeError, ValueError) as exc:
        raise SecParseError(f"submissions JSON has a bad cik: {data.get('cik')!r}") from exc
    if cik <= 0:
        raise SecParseError("submissions JSON names no CIK")
    company = _clean(data.get("name") or company)

    def column(name: str) -> list[Any]:
        values = recent.get(name)
        return values if isinstance(values, list) else []

    accessions, forms, filed_dates = column("accessionNumber"), column("form"), column("filingDate")
    accepted, items, documents = column("acceptanceDateTime"), column("items"), column("primaryDocument")
    descriptions = column("primaryDocDescription")
    filings = []
    for i, accession in enumerate(accessions):
        form = _clean(forms[i] if i < len(forms) else "", 30)
        filed = _date(filed_dates[i] if i < len(filed_dates) else None)
        if not isinstance(accession, str) or not ACCESSION.fullmatch(accession) or not form or filed is None:
            continue  # a filing without identity, form or date is not one we can report
        document = documents[i] if i < len(documents) and isinstance(documents[i], str) else ""
        description = _clean(descriptions[i] if i < len(descriptions) else "")
        filings.append(
            Filing(
                cik=cik,
                accession=accession,
                form=form,
                filed=filed,
                accepted=_utc(accepted[i] if i < len(accepted) else None),
                items=parse_items(items[i] if i < len(items) and isinstance(items[i], str) else ""),
                # The JSON often repeats the form as the description ("8-K"); that says nothing new.
                title="" if description.upper() == form.upper() else description,
                company=company,
                primary_doc_url=document_url(www_url, cik, accession, document) if document.strip() else None,
                index_url=index_url(www_url, cik, accession),
            )
        )
    return filings


# --- Atom feeds -------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ElementTree.Element | None, *path: str) -> str:
    for name in path:
        if element is None:
            return ""
        element = _child(element, name)
    return (element.text or "").strip() if element is not None else ""


def parse_atom(body: bytes, *, www_url: str) -> list[Filing]:
    """Filings from a browse-edgar Atom feed: `action=getcompany` (one issuer, details in <content>) or
    `action=getcurrent` (all filers; form, company and CIK in the title, items in the summary)."""
    if b"<!ENTITY" in body[:4096]:
        raise SecParseError("Atom feed declares entities; refused")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise SecParseError(f"not an Atom feed: {exc}") from exc
    if _local(root.tag) != "feed":
        raise SecParseError(f"not an Atom feed: root element <{_local(root.tag)}>")
    info = _child(root, "company-info")
    feed_company = _clean(_text(info, "conformed-name"))
    feed_cik = _text(info, "cik")
    filings = []
    for entry in root:
        if _local(entry.tag) == "entry":
            filing = _atom_entry(entry, www_url, feed_company, feed_cik)
            if filing is not None:
                filings.append(filing)
    return filings


def _summary_items(summary: str) -> str:
    """The "Item 8.01: Other Events" lines of a getcurrent summary (the size before them is no item)."""
    start = summary.find("Item ")
    return summary[start:] if start >= 0 else ""


def _atom_entry(entry: ElementTree.Element, www_url: str, feed_company: str, feed_cik: str) -> Filing | None:
    content = _child(entry, "content")
    title = " ".join(_text(entry, "title").split())
    summary = _text(entry, "summary")
    link = _child(entry, "link")
    href = urljoin(www_url.rstrip("/") + "/", link.get("href", "")) if link is not None else ""
    href = _text(content, "filing-href") or href
    category = _child(entry, "category")

    match = ACCESSION.search(_text(content, "accession-number") or _text(entry, "id") or summary)
    if not match:
        return None
    accession = match[1]
    current = CURRENT_TITLE.match(title)
    form = (category.get("term", "") if category is not None else "") or _text(content, "filing-type")
    if not form and current:
        form = current["form"]
    cik_text = current["cik"] if current else feed_cik
    if not cik_text and (path := ARCHIVE_CIK.search(href)):
        cik_text = path[1]
    accepted = _utc(_text(entry, "updated"))
    filed_match = SUMMARY_FILED.search(summary)
    filed = _date(_text(content, "filing-date")) or _date(filed_match[1] if filed_match else None)
    if filed is None and accepted is not None:
        filed = _date(_text(entry, "updated"))  # the Eastern-time date of acceptance is the filing date
    if not form or not cik_text.isdigit() or int(cik_text) <= 0 or filed is None:
        return None
    cik = int(cik_text)
    return Filing(
        cik=cik,
        accession=accession,
        form=_clean(form, 30),
        filed=filed,
        accepted=accepted,
        items=parse_items(_text(content, "items-desc") or _summary_items(summary)),
        title=_clean(_text(content, "form-name")),
        company=_clean(current["company"]) if current else feed_company,
        primary_doc_url=None,
        index_url=href or index_url(www_url, cik, accession),
    )


# --- merging sources --------------------------------------------------------------------------------


def merge_filing(first: Filing, other: Filing) -> Filing:
    """One filing as two sources describe it: `first` wins field by field, `other` fills what it lacks."""
    return replace(
        first,
        form=first.form or other.form,
        accepted=first.accepted or other.accepted,
        items=tuple(sorted(set(first.items) | set(other.items))),
        title=first.title or other.title,
        company=first.company or other.company,
        primary_doc_url=first.primary_doc_url or other.primary_doc_url,
        index_url=first.index_url or other.index_url,
    )


def merge_by_accession(*sources: Iterable[Filing]) -> list[Filing]:
    """Merge filings from several sources (in priority order) into one per accession, newest first.

    The submissions JSON is the most complete but can lag the Atom feeds by minutes; a filing seen
    only in a feed is kept with what the feed says.
    """
    merged: dict[str, Filing] = {}
    for source in sources:
        for filing in source:
            known = merged.get(filing.accession)
            merged[filing.accession] = filing if known is None else merge_filing(known, filing)
    return sorted(merged.values(), key=_recency, reverse=True)


def _recency(filing: Filing) -> tuple[date, datetime, str]:
    return filing.filed, filing.accepted or datetime.min.replace(tzinfo=UTC), filing.accession


# --- filing index page ------------------------------------------------------------------------------


class _IndexTableParser(HTMLParser):
    """Rows of the index page's `<table class="tableFile" summary="Document Format Files">`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[str], str | None]] = []
        self._depth = 0  # >0 while inside the documents table
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            if self._depth or attributes.get("summary") == "Document Format Files":
                self._depth += 1
        elif not self._depth:
            return
        elif tag == "tr":
            self._cells, self._href = [], None
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []
        elif tag == "a" and self._cell is not None and self._href is None:
            self._href = attributes.get("href")

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "table":
            self._depth -= 1
        elif tag in ("td", "th") and self._cells is not None and self._cell is not None:
            self._cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            self.rows.append((self._cells, self._href))
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_filing_index(body: bytes, *, index_url: str) -> list[FilingDocument]:
    """Documents listed on a filing's `-index.htm` page (columns Seq, Description, Document, Type, Size)."""
    parser = _IndexTableParser()
    parser.feed(body.decode("utf-8", errors="replace"))
    parser.close()
    documents = []
    for cells, href in parser.rows:
        if len(cells) < 4 or not href or cells[0].lower() == "seq":
            continue
        # Inline-XBRL documents link through the viewer: "/ix?doc=/Archives/edgar/data/...".
        href = href.split("?doc=", 1)[1] if href.startswith("/ix?doc=") else href
        size = cells[4].replace(",", "") if len(cells) > 4 else ""
        documents.append(
            FilingDocument(
                seq=int(cells[0]) if cells[0].isdigit() else None,
                description=cells[1],
                url=urljoin(index_url, href),
                type=cells[3].upper(),
                size=int(size) if size.isdigit() else None,
            )
        )
    return documents


# --- company_tickers.json ---------------------------------------------------------------------------


def parse_company_tickers(body: bytes) -> dict[str, CompanyTicker]:
    """Ticker (upper case) → CIK and registered name, from www.sec.gov/files/company_tickers.json."""
    data = load_json(body, "company_tickers")
    if not isinstance(data, Mapping):
        raise SecParseError("company_tickers JSON is not an object")
    companies: dict[str, CompanyTicker] = {}
    for entry in data.values():
        if not isinstance(entry, Mapping):
            continue
        ticker, cik = entry.get("ticker"), entry.get("cik_str")
        if not isinstance(ticker, str) or not ticker.strip() or isinstance(cik, bool):
            continue
        try:
            number = int(cik)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if number > 0:
            symbol = ticker.strip().upper()
            companies.setdefault(symbol, CompanyTicker(number, symbol, _clean(entry.get("title"))))
    return companies


def resolve_ciks(tickers: Iterable[str], companies: Mapping[str, CompanyTicker]) -> dict[str, int]:
    """CIK per watched ticker that company_tickers.json knows (unknown tickers are left out)."""
    return {t.upper(): companies[t.upper()].cik for t in tickers if t.upper() in companies}
