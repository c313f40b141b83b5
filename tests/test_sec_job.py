"""The SEC job against a fake EDGAR (httpx.MockTransport), on SQLite and PostgreSQL, with a fixed clock:
baseline, a new 8-K alerted once per watching chat with its items in words, an 8-K whose press release prices
convertible notes → the note stored with its terms and an alert stating them, launch then pricing → one note,
the declared User-Agent on every request and never more than 10 requests in a second.

`EdgarSite` serves the watched miners' filings in EDGAR's formats, built from the real bodies in
tests/fixtures/sec: the submissions JSON is the real (Tesla) file with its identity and `filings.recent` arrays
replaced, the company feed reuses the real getcompany feed's markup, the current feed is the real getcurrent
feed (other filers' 8-Ks included) with the miners' entries on top, company facts are the real MARA file (for
another issuer: its identity and share count replaced). Index pages follow the real `-index.htm` table; the
exhibits are the synthetic Northwind releases (see tests/fixtures/sec/README.md). test_sec_e2e serves it over
loopback HTTP.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.alerts.rules import MAX_RULES_PER_CHAT, canonical_text, parse_rule
from classifiers.keywords import KeywordClassifier
from minerwatch.config import Settings, load_settings
from minerwatch.jobs.sec import SecJob, filings_key
from store import alert_queries
from store.db import session_scope
from store.models import ConvertibleNote, Filing, SharesOutstanding, Source
from tests.conftest import Clock
from tests.helpers import add_chat, outbox
from watchers.sec import SEC_LIMITER, RateLimiter, SecConfigError

SEC = Path(__file__).parent / "fixtures" / "sec"
RELEASES = Path(__file__).parent / "fixtures" / "releases"
USER_AGENT = "MinerWatch Test Desk ops@minerwatch.example"
WWW, DATA = "https://www.sec.gov", "https://data.sec.gov"
CIFR, MARA, WULF = 1819989, 1507605, 1083301
COMPANIES = {CIFR: "Cipher Mining Inc.", MARA: "MARATHON DIGITAL HOLDINGS, INC.", WULF: "TERAWULF INC."}
EASTERN = ZoneInfo("America/New_York")
LAUNCH_EXHIBIT = (SEC / "ex99_1_notes_launch_synthetic.htm").read_bytes()
PRICING_EXHIBIT = (SEC / "ex99_2_notes_pricing_synthetic.htm").read_bytes()
PRICING_TERMS = json.loads((RELEASES / "northwind_pricing_upsized_capped_call.json").read_text())
#: CIFR's share count in the scenario (company facts of a real filer, identity and count replaced).
CIFR_SHARES = 381_000_000
WULF_SHARES = 402_000_000


# --- the fake EDGAR ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One document of a filing: file name, EDGAR type ("EX-99.1"), description, body."""

    name: str
    type: str
    description: str
    body: bytes


@dataclass
class SiteFiling:
    cik: int
    accession: str
    form: str
    accepted: datetime  # UTC
    items: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    primary: str = "form8-k.htm"

    @property
    def filed(self) -> date:
        return self.accepted.astimezone(EASTERN).date()

    @property
    def folder(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession.replace('-', '')}"


@dataclass(frozen=True)
class SeenRequest:
    url: str
    user_agent: str | None
    at: float  # the limiter's clock when the request went out


def _filed_line(filing: SiteFiling) -> str:
    """The start of an Atom summary: "<b>Filed:</b> 2026-11-25 <b>AccNo:</b> ...", HTML-escaped as EDGAR sends it."""
    return f"&lt;b&gt;Filed:&lt;/b&gt; {filing.filed} &lt;b&gt;AccNo:&lt;/b&gt; {filing.accession}"


def _between(text: str, start: str, end: str) -> tuple[str, str]:
    """(text up to and excluding the first `start`, text from the last `end` on)."""
    return text[: text.index(start)], text[text.rindex(end) :]


class EdgarSite:
    """EDGAR for a few issuers: add filings with `file(...)`; `answer(path, query, headers)` serves them."""

    def __init__(self, companies: dict[int, str] = COMPANIES, clock: Callable[[], float] = lambda: 0.0) -> None:
        self.companies = companies
        self.clock = clock
        self.www = WWW  # where the feeds' links point (the loopback origin in test_sec_e2e)
        self.filings: list[SiteFiling] = []
        self.requests: list[SeenRequest] = []
        self.shares: dict[int, int] = {CIFR: CIFR_SHARES, WULF: WULF_SHARES}
        #: URL fragment → (status, body): a forced answer (throttle page, 500) for matching requests.
        self.faults: dict[str, tuple[int, bytes]] = {}

    def file(
        self,
        cik: int,
        number: int,
        form: str,
        accepted: datetime,
        items: tuple[str, ...] = (),
        documents: tuple[Document, ...] = (),
    ) -> SiteFiling:
        """Add a filing (accession `{cik}-{yy}-{number}`, as a self-filer numbers them)."""
        accession = f"{cik:010d}-{accepted:%y}-{number:06d}"
        filing = SiteFiling(cik, accession, form, accepted, items, documents)
        self.filings.append(filing)
        return filing

    def of(self, cik: int) -> list[SiteFiling]:
        return sorted((f for f in self.filings if f.cik == cik), key=lambda f: f.accepted, reverse=True)

    # --- transport ---

    def answer(
        self, path: str, query: dict[str, str], headers: dict[str, str]
    ) -> tuple[int, str, bytes, dict[str, str]]:
        """(status, content type, body, headers) for one GET; 304 when If-None-Match matches."""
        url = f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
        self.requests.append(SeenRequest(url, headers.get("user-agent"), self.clock()))
        for fragment, (status, body) in self.faults.items():
            if fragment in url:
                return status, "text/html", body, {}
        found = self._render(path, query)
        if found is None:
            return 404, "application/xml", (SEC / "submissions_404_nosuchkey.xml").read_bytes(), {}
        content_type, body = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return 304, content_type, b"", {"ETag": etag}
        return 200, content_type, body, {"ETag": etag}

    def handle(self, request: httpx.Request) -> httpx.Response:
        """For httpx.MockTransport."""
        query = dict(request.url.params)
        headers = {name.lower(): value for name, value in request.headers.items()}
        status, content_type, body, extra = self.answer(request.url.path, query, headers)
        return httpx.Response(status, content=body, headers={"Content-Type": content_type, **extra})

    def _render(self, path: str, query: dict[str, str]) -> tuple[str, bytes] | None:
        if match := re.fullmatch(r"/submissions/CIK(\d{10})\.json", path):
            return self._json(self.submissions(int(match[1])))
        if match := re.fullmatch(r"/api/xbrl/companyfacts/CIK(\d{10})\.json", path):
            return self._json(self.company_facts(int(match[1])))
        if path == "/files/company_tickers.json":
            return "application/json", (SEC / "company_tickers_miners.json").read_bytes()
        if path == "/cgi-bin/browse-edgar" and query.get("action") == "getcurrent":
            return "application/atom+xml", self.current_atom()
        if path == "/cgi-bin/browse-edgar" and query.get("action") == "getcompany":
            cik = int(query.get("CIK", "0"))
            return ("application/atom+xml", self.company_atom(cik)) if cik in self.companies else None
        for filing in self.filings:
            if path == f"{filing.folder}/{filing.accession}-index.htm":
                return "text/html", self.index_page(filing)
            if path == f"{filing.folder}/{filing.primary}":
                return "text/html", f"<html><body><p>FORM {escape(filing.form)}</p></body></html>".encode()
            for document in filing.documents:
                if path == f"{filing.folder}/{document.name}":
                    return "text/html", document.body
        return None

    @staticmethod
    def _json(value: Any) -> tuple[str, bytes] | None:
        return None if value is None else ("application/json", json.dumps(value).encode())

    # --- bodies ---

    def submissions(self, cik: int) -> dict[str, Any] | None:
        """The real submissions JSON with this issuer's identity and filings."""
        if cik not in self.companies:
            return None
        data = json.loads((SEC / "submissions_recent_12_filings.json").read_text())
        data.update(cik=f"{cik:010d}", name=self.companies[cik], tickers=[], formerNames=[])
        data["filings"]["files"] = []
        columns: dict[str, list[Any]] = {key: [] for key in data["filings"]["recent"]}
        for filing in self.of(cik):
            row = {
                "accessionNumber": filing.accession,
                "filingDate": filing.filed.isoformat(),
                "reportDate": filing.filed.isoformat(),
                "acceptanceDateTime": f"{filing.accepted:%Y-%m-%dT%H:%M:%S}.000Z",
                "act": "34",
                "form": filing.form,
                "fileNumber": "001-39625",
                "filmNumber": "",
                "items": ",".join(filing.items),
                "core_type": filing.form,
                "size": 48211,
                "isXBRL": 1,
                "isInlineXBRL": 1,
                "primaryDocument": filing.primary,
                "primaryDocDescription": filing.form,
            }
            for key in columns:
                columns[key].append(row.get(key, ""))
        data["filings"]["recent"] = columns
        return data

    def _eastern(self, filing: SiteFiling) -> str:
        return filing.accepted.astimezone(EASTERN).isoformat()

    def company_atom(self, cik: int) -> bytes:
        """The issuer's getcompany feed, in the markup of the real one (company-info, <content> per filing)."""
        template = (SEC / "company_atom_10k_content.xml").read_text(encoding="latin-1")
        head, _ = _between(template, "<company-info>", "</feed>")
        entries = []
        for filing in self.of(cik):
            index = f"{self.www}{filing.folder}/{filing.accession}-index.htm"
            items = f"\n        <items-desc>items {' and '.join(filing.items)}</items-desc>" if filing.items else ""
            entries.append(
                f"""    <entry>
      <category label="form type" scheme="https://www.sec.gov/" term="{filing.form}" />
      <content type="text/xml">
        <accession-number>{filing.accession}</accession-number>
        <act>34</act>
        <filing-date>{filing.filed}</filing-date>
        <filing-href>{index}</filing-href>
        <filing-type>{filing.form}</filing-type>
        <form-name>Current report</form-name>{items}
        <size>310 KB</size>
      </content>
      <id>urn:tag:sec.gov,2008:accession-number={filing.accession}</id>
      <link href="{index}" rel="alternate" type="text/html" />
      <summary type="html"> {_filed_line(filing)}</summary>
      <title>{filing.form}  - Current report</title>
      <updated>{self._eastern(filing)}</updated>
    </entry>
"""
            )
        company = f"""<company-info>
      <cik>{cik:010d}</cik>
      <conformed-name>{escape(self.companies[cik])}</conformed-name>
    </company-info>
"""
        trailer = f"""    <id>{self.www}/cgi-bin/browse-edgar?action=getcompany&amp;CIK={cik:010d}</id>
    <title>{escape(self.companies[cik])}  ({cik:010d})</title>
    <updated>2026-11-25T16:06:00-05:00</updated>
  </feed>
"""
        return (head + company + "".join(entries) + trailer).encode("latin-1")

    def current_atom(self) -> bytes:
        """The real getcurrent feed with the issuers' filings on top, newest first."""
        template = (SEC / "current_atom_8k_item_lines.xml").read_text(encoding="latin-1")
        head, _ = _between(template, "<entry>", "</feed>")
        others = template[len(head) :]
        entries = []
        for filing in sorted(self.filings, key=lambda f: f.accepted, reverse=True):
            items = "".join(f"\n&lt;br&gt;Item {code}: Item text" for code in filing.items)
            entries.append(
                f"""<entry>
<title>{filing.form} - {escape(self.companies[filing.cik])} ({filing.cik:010d}) (Filer)</title>
<link rel="alternate" type="text/html" href="{self.www}{filing.folder}/{filing.accession}-index.htm"/>
<summary type="html">
 {_filed_line(filing)} &lt;b&gt;Size:&lt;/b&gt; 310 KB{items}
</summary>
<updated>{self._eastern(filing)}</updated>
<category scheme="https://www.sec.gov/" label="form type" term="{filing.form}"/>
<id>urn:tag:sec.gov,2008:accession-number={filing.accession}</id>
</entry>
"""
            )
        return (head + "".join(entries) + others).encode("latin-1")

    def index_page(self, filing: SiteFiling) -> bytes:
        """The filing index in the markup of EDGAR's `-index.htm` (the documents table is what is parsed)."""
        rows = [(filing.primary, filing.form, filing.form)] + [
            (d.name, d.description, d.type) for d in filing.documents
        ]
        cells = "".join(
            f"""<tr>
<td scope="row">{seq}</td>
<td scope="row">{escape(description)}</td>
<td scope="row"><a href="{filing.folder}/{name}">{name}</a></td>
<td scope="row">{escape(kind)}</td>
<td scope="row">14,930</td>
</tr>
"""
            for seq, (name, description, kind) in enumerate(rows, start=1)
        )
        template = (SEC / "index_8k_notes_offering_synthetic.htm").read_text()
        start = template.index('<table class="tableFile" summary="Document Format Files">')
        header_end = template.index("</tr>", start) + len("</tr>\n")
        end = template.index("</table>", start)
        return (template[:header_end] + cells + template[end:]).encode()

    def company_facts(self, cik: int) -> dict[str, Any] | None:
        """The real MARA company facts; for another issuer, with its identity and share count."""
        data = json.loads((SEC / "companyfacts_mara_2021.json").read_text())
        if cik == MARA:
            return data
        if cik not in self.shares:
            return None
        data = copy.deepcopy(data)
        data.update(cik=cik, entityName=self.companies[cik])
        facts = data["facts"]["dei"]["EntityCommonStockSharesOutstanding"]["units"]["shares"]
        facts[:] = [
            {
                "end": "2026-11-03",
                "val": self.shares[cik],
                "accn": f"{cik:010d}-26-000090",
                "fy": 2026,
                "fp": "Q3",
                "form": "10-Q",
                "filed": "2026-11-06",
            }
        ]
        return data


# --- the job under test --------------------------------------------------------------------------------


def sec_settings(
    origin: str | None = None, *, user_agent: str = USER_AGENT, without_cik: tuple[str, ...] = ()
) -> Settings:
    """Default settings with the SEC pointed at the double and three miners (some without their CIK)."""
    settings = load_settings(None, use_default_path=False)
    miners = [
        miner.model_copy(update={"cik": None}) if miner.ticker in without_cik else miner
        for miner in settings.miners
        if miner.ticker in ("MARA", "CIFR", "WULF")
    ]
    sec = settings.sec.model_copy(
        update={
            "user_agent": user_agent,
            "www_url": origin or WWW,
            "data_url": origin or DATA,
            "interval": timedelta(minutes=5),
        }
    )
    return settings.model_copy(update={"miners": miners, "sec": sec})


class LimiterClock:
    """The rate limiter's clock: sleeping moves it, so spacing is exact and tests never wait."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Rig:
    site: EdgarSite
    job: SecJob
    clock: Clock
    limiter_clock: LimiterClock
    engine: Engine
    queued: list[int] = field(default_factory=list)

    async def run(self, **advance: float) -> int:
        self.clock.advance(**advance)
        count = await self.job.run_once()
        self.queued.append(count)
        return count


def make_rig(engine: Engine, clock: Clock, settings: Settings | None = None) -> Rig:
    limiter_clock = LimiterClock()
    site = EdgarSite(clock=limiter_clock)
    http = httpx.AsyncClient(transport=httpx.MockTransport(site.handle))
    limiter = RateLimiter(clock=limiter_clock, sleep=limiter_clock.sleep)
    job = SecJob(engine, http, KeywordClassifier(), settings or sec_settings(), clock=clock, limiter=limiter)
    return Rig(site, job, clock, limiter_clock, engine)


@pytest.fixture
def rig(engine: Engine, clock: Clock) -> Rig:
    return make_rig(engine, clock)


def stored_filings(engine: Engine) -> list[Filing]:
    with session_scope(engine) as session:
        return list(session.exec(select(Filing).order_by(Filing.id)))


def notes(engine: Engine) -> list[ConvertibleNote]:
    with session_scope(engine) as session:
        return list(session.exec(select(ConvertibleNote).order_by(ConvertibleNote.id)))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in November 2026, given in US Eastern time as EDGAR states it, as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=EASTERN).astimezone(UTC)


def old_filings(site: EdgarSite) -> None:
    """What EDGAR already lists before MinerWatch starts: the baseline."""
    site.file(CIFR, 81, "10-Q", at(6, 16, 5))
    site.file(CIFR, 85, "8-K", at(18, 8, 0), items=("7.01", "9.01"))
    site.file(CIFR, 88, "4", at(20, 17, 40))
    site.file(MARA, 51, "8-K", at(24, 7, 30), items=("8.01", "9.01"))
    site.file(WULF, 12, "10-Q", at(7, 16, 30))


PRICING_RELEASE = Document("ex99-1.htm", "EX-99.1", "PRESS RELEASE ANNOUNCING PRICING", PRICING_EXHIBIT)
TWO_SERIES_RELEASE = Document(
    "ex99-1.htm", "EX-99.1", "PRESS RELEASE", (SEC / "ex99_1_two_series_pricing_synthetic.htm").read_bytes()
)
LAUNCH_RELEASE = Document("ex99-1.htm", "EX-99.1", "PRESS RELEASE ANNOUNCING PROPOSED OFFERING", LAUNCH_EXHIBIT)


async def baseline(rig: Rig) -> None:
    """The first run: every issuer's full poll (3 issuers fit one run) records what exists."""
    old_filings(rig.site)
    assert await rig.run() == 0
    with session_scope(rig.engine) as session:
        done = session.exec(select(Source).where(Source.kind == "sec", Source.baseline_done)).all()
    assert sorted(source.key for source in done) == [filings_key(t) for t in ("CIFR", "MARA", "WULF")]


# --- tests --------------------------------------------------------------------------------------------


async def test_first_poll_is_a_baseline_then_a_new_8k_reaches_each_watching_chat_once(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    add_chat(engine, 2, ("CIFR", "MARA"), notify_filings="silent", lang="de")
    add_chat(engine, 3, ("CIFR",), notify_filings="off")
    add_chat(engine, 4, ("MARA",))
    add_chat(engine, 5, ("CIFR",), mute_until=rig.clock.now + timedelta(hours=2))
    await baseline(rig)
    filings = stored_filings(engine)
    assert len(filings) == 5 and all(filing.baseline for filing in filings)
    assert {f.ticker for f in filings} == {"CIFR", "MARA", "WULF"}
    assert outbox(engine) == []

    new = rig.site.file(CIFR, 93, "8-K", at(25, 16, 5), items=("1.01", "2.03", "9.01"))
    assert await rig.run(minutes=5) == 2
    rows = outbox(engine)
    assert [(row.chat_id, row.idempotency_key, row.disable_notification) for row in rows] == [
        (1, f"filing:{new.accession}:1", False),
        (2, f"filing:{new.accession}:2", True),
    ]
    english = rows[0].text
    assert english.startswith("📄 <b>New 8-K from $CIFR</b> — Current report")
    assert "• Item 1.01 Entry into a Material Definitive Agreement" in english
    assert "• Item 2.03 Creation of a Direct Financial Obligation" in english
    assert "Item 9.01" not in english  # it only lists the exhibits
    assert "Themes: #debt_terms" in english
    assert f'<a href="{WWW}{new.folder}/{new.accession}-index.htm">All documents</a>' in english
    assert "Neues 8-K von $CIFR" in rows[1].text
    stored = [f for f in stored_filings(engine) if f.accession == new.accession]
    assert len(stored) == 1 and not stored[0].baseline and stored[0].items == ["1.01", "2.03", "9.01"]

    # The next runs see the same filing again (current feed, JSON, company feed): nothing more is sent.
    await rig.run(minutes=5)
    await rig.run(minutes=5)
    assert len(outbox(engine)) == 2


async def test_an_8k_pricing_convertible_notes_stores_the_note_and_alerts_its_terms(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    filing = rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,))
    assert await rig.run(minutes=5) == 1

    [note] = notes(engine)
    terms = {name: getattr(note, name) for name in PRICING_TERMS}
    assert terms == {**PRICING_TERMS, "maturity": date(2031, 6, 1)}
    assert (note.ticker, note.status, note.upsized, note.exchangeable) == ("CIFR", "priced", True, False)
    assert note.source_url == f"{WWW}{filing.folder}/ex99-1.htm" and note.accession == filing.accession
    with session_scope(engine) as session:
        shares = session.get(SharesOutstanding, "CIFR")
    assert shares is not None and (shares.shares, shares.as_of) == (CIFR_SHARES, date(2026, 11, 3))

    [row] = outbox(engine)
    assert row.idempotency_key == f"filing:{filing.accession}:1" and row.kind == "filing"
    lines = row.text.split("\n")
    assert lines[0] == "💵 <b>$CIFR priced $850M of convertible notes</b>"
    assert "Principal: $850M (upsized) + purchasers' option for $150M more" in lines
    assert "Coupon: 0% · Matures: 2031-06-01" in lines
    assert "Conversion: 38.154 shares per $1,000 = $26.21 per share, a 42.5% premium over $18.39" in lines
    assert "Capped call: cap $36.78 per share (offsets dilution up to that price)" in lines
    # 850,000 × 38.154 = 32,430,900 new shares = 8.5% of 381M; with the option 1,000,000 × 38.154.
    assert (
        "Full conversion: +32.43M shares = 8.5% of 381M outstanding (as of 2026-11-03); +38.15M with the option"
        in lines
    )
    assert any(
        line.startswith("Use of proceeds: Northwind intends to use approximately $68.0 million") for line in lines
    )
    # The release funds an HPC data-centre build: both themes.
    assert "Themes: #capital_deployment · #debt_terms" in lines
    assert f'<a href="{WWW}{filing.folder}/ex99-1.htm">Press release</a>' in lines[-1]


async def test_a_release_pricing_two_series_stores_two_notes_and_one_alert_naming_both(
    rig: Rig, engine: Engine
) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    filing = rig.site.file(CIFR, 98, "8-K", at(25, 7, 5), items=("1.01", "9.01"), documents=(TWO_SERIES_RELEASE,))
    assert await rig.run(minutes=5) == 1

    first, second = notes(engine)
    assert (first.principal_usd, first.coupon_pct, first.maturity_year) == (900e6, 0.25, 2032)
    assert (second.principal_usd, second.coupon_pct, second.maturity_year) == (700e6, 1.0, 2034)
    assert first.option_usd == second.option_usd == 100e6
    assert first.conversion_price_usd == second.conversion_price_usd == 48.78
    assert first.accession == second.accession == filing.accession

    [row] = outbox(engine)
    lines = row.text.split("\n")
    assert lines[0] == "💵 <b>$CIFR priced $900M of convertible notes</b>"
    assert "Also in this offering: $700M · Coupon: 1% · due 2034" in lines


async def test_launch_then_pricing_is_one_note_updated_in_place(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    launch = rig.site.file(CIFR, 95, "8-K", at(24, 7, 1), items=("8.01", "9.01"), documents=(LAUNCH_RELEASE,))
    await rig.run(minutes=5)
    [announced] = notes(engine)
    assert (announced.status, announced.principal_usd, announced.option_usd) == ("announced", 700e6, 105e6)
    assert announced.conversion_price_usd is None and announced.announced_on == date(2026, 11, 24)
    assert outbox(engine)[0].text.startswith("💵 <b>$CIFR plans a $700M offering of convertible notes</b>")
    assert "Coupon and conversion terms are set at pricing." in outbox(engine)[0].text

    pricing = rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,))
    await rig.run(minutes=5)
    [priced] = notes(engine)
    assert priced.id == announced.id
    assert (priced.status, priced.principal_usd, priced.option_usd, priced.coupon_pct) == ("priced", 850e6, 150e6, 0.0)
    assert (priced.conversion_price_usd, priced.cap_price_usd, priced.maturity) == (26.21, 36.78, date(2031, 6, 1))
    assert priced.announced_on == date(2026, 11, 24) and priced.accession == pricing.accession
    assert [row.idempotency_key for row in outbox(engine)] == [
        f"filing:{launch.accession}:1",
        f"filing:{pricing.accession}:1",
    ]


async def test_a_conv_distance_rule_fires_when_the_note_is_priced(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    spec = parse_rule("CIFR conv_distance < 40%", ["CIFR"], today=rig.clock.now.date())
    with session_scope(engine) as session:
        alert_queries.add_rule(session, 1, text=canonical_text(spec), limit=MAX_RULES_PER_CHAT, **asdict(spec))
        alert_queries.record_price(
            session, symbol="CIFR", price=19.5, previous_close=19.0, change_pct=2.63, source="yahoo", at=rig.clock.now
        )
    await baseline(rig)
    rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,))
    assert await rig.run(minutes=5) == 2
    filing_alert, rule_alert = outbox(engine)
    assert "Distance to conversion: +34.4% (last price $19.50, 2026-11-25 12:00 UTC)" in filing_alert.text
    assert rule_alert.kind == "alert" and "CIFR distance to conversion price: now 34.41%" in rule_alert.text


async def test_every_request_declares_the_user_agent_and_stays_within_ten_per_second(rig: Rig, engine: Engine) -> None:
    await baseline(rig)
    rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,))
    for _ in range(3):
        await rig.run(minutes=5)
    seen = rig.site.requests
    assert len(seen) >= 20
    assert {request.user_agent for request in seen} == {USER_AGENT}
    times = [request.at for request in seen]
    assert times == sorted(times)
    # No second holds more than 10 requests: any 11 in a row span at least one second.
    assert all(times[i + 10] - times[i] >= 1.0 - 1e-9 for i in range(len(times) - 10))
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.1 - 1e-9


def test_the_process_wide_limiter_is_the_default_and_a_missing_user_agent_refuses_to_start(
    engine: Engine, clock: Clock
) -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(EdgarSite().handle))
    job = SecJob(engine, http, None, sec_settings(), clock=clock)
    assert job.edgar.limiter is SEC_LIMITER
    with pytest.raises(SecConfigError, match="sec.user_agent is empty: the SEC requires a declared User-Agent"):
        SecJob(engine, http, None, sec_settings(user_agent=""), clock=clock)
    with pytest.raises(SecConfigError, match="has no contact e-mail"):
        SecJob(engine, http, None, sec_settings(user_agent="MinerWatch"), clock=clock)


async def test_a_miner_without_a_cik_is_resolved_from_company_tickers(engine: Engine, clock: Clock) -> None:
    rig = make_rig(engine, clock, sec_settings(without_cik=("WULF",)))
    await baseline(rig)
    urls = [request.url for request in rig.site.requests]
    assert urls[0].startswith("/files/company_tickers.json")
    assert any(url.startswith(f"/submissions/CIK{WULF:010d}.json") for url in urls)
    assert rig.job.ciks["WULF"] == WULF


async def test_an_sec_block_pauses_every_request_and_is_logged_once(
    rig: Rig, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    await baseline(rig)
    rig.site.faults["action=getcurrent"] = (200, (SEC / "throttle_page.html").read_bytes())
    sent = len(rig.site.requests)
    assert await rig.run(minutes=5) == 0
    assert rig.job.last_report.paused and len(rig.site.requests) == sent + 1
    for _ in range(3):
        await rig.run(minutes=5)
    assert len(rig.site.requests) == sent + 1  # the limiter holds the SEC's 10-minute pause
    assert sum("SEC watcher paused" in record.getMessage() for record in caplog.records) == 1
    with session_scope(engine) as session:
        current = session.exec(select(Source).where(Source.key == "sec:current")).one()
    assert current.failures == 1 and "request-rate limit" in (current.last_error or "")


async def test_unreadable_exhibits_are_retried_then_the_filing_alerts_without_terms(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    filing = rig.site.file(CIFR, 97, "8-K", at(25, 7, 2), items=("1.01", "2.03", "9.01"), documents=(PRICING_RELEASE,))
    rig.site.faults["/ex99-1.htm"] = (500, b"<html><body>Internal Server Error</body></html>")
    await rig.run(minutes=5)
    assert outbox(engine) == [] and filing.accession not in {f.accession for f in stored_filings(engine)}
    del rig.site.faults["/ex99-1.htm"]
    await rig.run(minutes=5)
    [row] = outbox(engine)
    assert row.text.startswith("💵 <b>$CIFR priced $850M") and len(notes(engine)) == 1
