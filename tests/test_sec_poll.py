"""The filings poll (baseline, merge across sources, failures, blocks) and the 8-K → note terms path,
called directly with a fake clock and HTTP faked at the transport."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from watchers.http import make_client
from watchers.sec import (
    COMPANY_ATOM,
    CURRENT_ATOM,
    SUBMISSIONS,
    EdgarClient,
    Filing,
    FilingDocument,
    RateLimiter,
    SecBlockedError,
    fetch_press_releases,
    note_from_releases,
    poll_filings,
    read_note_announcement,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEC = FIXTURES / "sec"
USER_AGENT = "MinerWatch Test Desk ops@minerwatch.example"
WWW = "https://www.sec.gov"
DATA = "https://data.sec.gov"
TESLA = 1318605
TERAWULF = 1083301
MARCH_2 = datetime(2026, 3, 2, 21, 30, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


Route = Callable[[httpx.Request], httpx.Response]


class Edgar:
    """A fake EDGAR: a response per URL fragment, every request recorded."""

    def __init__(self, routes: dict[str, Route | bytes]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []
        clock = Clock()
        http = make_client("MinerWatch/0.1", transport=httpx.MockTransport(self.handle))
        limiter = RateLimiter(clock=clock, sleep=clock.sleep)
        self.client = EdgarClient(http, USER_AGENT, www_url=WWW, data_url=DATA, limiter=limiter)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for fragment, route in self.routes.items():
            if fragment in str(request.url):
                return route(request) if callable(route) else httpx.Response(200, content=route)
        return httpx.Response(404, content=b"<Error><Code>NoSuchKey</Code></Error>")


def body(name: str) -> bytes:
    return (SEC / name).read_bytes()


def with_etag(content: bytes, etag: str) -> Route:
    def route(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304)
        return httpx.Response(200, content=content, headers={"ETag": etag})

    return route


def tesla_edgar() -> Edgar:
    return Edgar(
        {
            "submissions/CIK0001318605.json": with_etag(body("submissions_recent_12_filings.json"), '"s1"'),
            "action=getcompany&CIK=0001318605": body("company_atom_lagging_json_synthetic.xml"),
            "action=getcurrent": body("current_atom_8k_item_lines.xml"),
        }
    )


async def test_first_poll_is_a_baseline_then_only_new_filings_alert() -> None:
    edgar = tesla_edgar()
    first = await poll_filings(edgar.client, [TESLA], set(), baselined_ciks=set(), sources=(SUBMISSIONS,), now=MARCH_2)
    assert first.new == () and len(first.baseline) == 12 and first.failures == ()

    known = {filing.accession for filing in first.baseline}
    second = await poll_filings(edgar.client, [TESLA], known, baselined_ciks={TESLA}, now=MARCH_2)
    # The JSON answered 304; the company feed already lists a filing the JSON lags behind on; the current
    # feed holds only other filers' filings.
    assert [f.accession for f in second.new] == ["0001628280-26-999001"]
    assert second.new[0].items == ("8.01", "9.01")
    assert second.baseline == () and second.failures == ()
    assert edgar.requests[1].headers["If-None-Match"] == '"s1"'
    assert {request.headers["User-Agent"] for request in edgar.requests} == {USER_AGENT}


async def test_new_filings_come_oldest_first_and_only_for_watched_issuers() -> None:
    edgar = Edgar({"action=getcurrent": body("current_atom_terawulf_form4_issuer.xml")})
    poll = await poll_filings(
        edgar.client,
        [TERAWULF],
        set(),
        baselined_ciks={TERAWULF},
        sources=(CURRENT_ATOM,),
        now=datetime(2025, 12, 12, tzinfo=UTC),
    )
    assert [f.accession[-6:] for f in poll.new] == ["000114", "000116", "000118"]
    assert len(edgar.requests) == 1

    others = await poll_filings(edgar.client, [TESLA], set(), baselined_ciks={TESLA}, sources=(CURRENT_ATOM,))
    assert others.new == others.baseline == ()


async def test_old_filings_seen_late_are_recorded_without_an_alert() -> None:
    edgar = tesla_edgar()
    known = {"0001628280-26-003837"}
    poll = await poll_filings(
        edgar.client,
        [TESLA],
        known,
        baselined_ciks={TESLA},
        sources=(COMPANY_ATOM,),
        now=datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert poll.new == ()
    assert [f.accession for f in poll.baseline] == ["0001628280-26-999001"]


async def test_a_failing_source_is_reported_and_the_others_still_count() -> None:
    edgar = tesla_edgar()
    edgar.routes["action=getcompany&CIK=0001318605"] = lambda request: httpx.Response(500, content=b"oops")
    edgar.routes["action=getcurrent"] = b"<html><body>not a feed</body></html>"
    poll = await poll_filings(edgar.client, [TESLA], set(), baselined_ciks={TESLA}, now=MARCH_2)
    assert [f.filed for f in poll.new] == [date(2026, 2, 27)]  # the JSON's filings of the last three days
    assert len(poll.baseline) == 11
    assert sorted(failure.source for failure in poll.failures) == [f"{COMPANY_ATOM}:{TESLA}", CURRENT_ATOM]
    assert any("HTTP 500" in failure.error for failure in poll.failures)


async def test_a_block_stops_the_poll() -> None:
    edgar = tesla_edgar()
    edgar.routes["action=getcurrent"] = body("throttle_page.html")
    with pytest.raises(SecBlockedError):
        await poll_filings(edgar.client, [TESLA], set(), baselined_ciks={TESLA}, now=MARCH_2)
    sent = len(edgar.requests)
    with pytest.raises(SecBlockedError):
        await poll_filings(edgar.client, [TESLA], set(), baselined_ciks={TESLA}, now=MARCH_2)
    assert len(edgar.requests) == sent  # paused: nothing more went out


NOTES_8K = Filing(
    cik=9999999,
    accession="0009999999-25-000042",
    form="8-K",
    filed=date(2025, 11, 19),
    accepted=None,
    items=("1.01", "2.03", "8.01", "9.01"),
    title="",
    company="Northwind Digital Holdings, Inc.",
    primary_doc_url=None,
    index_url=f"{WWW}/Archives/edgar/data/9999999/000999999925000042/0009999999-25-000042-index.htm",
)


def notes_edgar() -> Edgar:
    return Edgar(
        {
            "-index.htm": body("index_8k_notes_offering_synthetic.htm"),
            "/ex99-1.htm": body("ex99_1_notes_launch_synthetic.htm"),
            "/ex99-2.htm": body("ex99_2_notes_pricing_synthetic.htm"),
        }
    )


async def test_an_8k_announcing_notes_yields_the_priced_terms() -> None:
    edgar = notes_edgar()
    note = await read_note_announcement(edgar.client, NOTES_8K)
    assert note is not None
    assert (note.cik, note.accession, note.filed) == (9999999, "0009999999-25-000042", date(2025, 11, 19))
    assert note.source_url == f"{WWW}/Archives/edgar/data/9999999/000999999925000042/ex99-2.htm"
    expected = json.loads((FIXTURES / "releases" / "northwind_pricing_upsized_capped_call.json").read_text())
    assert note.terms.to_json_dict() == expected
    assert [request.url.path.rsplit("/", 1)[-1] for request in edgar.requests] == [
        "0009999999-25-000042-index.htm",
        "ex99-1.htm",
        "ex99-2.htm",
    ]


async def test_press_release_texts_serve_themes_and_notes_from_one_fetch() -> None:
    edgar = notes_edgar()
    releases = await fetch_press_releases(edgar.client, NOTES_8K, limit=1)
    assert len(releases) == 1 and releases[0][0].type == "EX-99.1"
    assert releases[0][1].startswith("Exhibit 99.1\n\nNorthwind Digital Holdings, Inc. Announces Proposed")
    launch = note_from_releases(NOTES_8K, releases)
    assert launch is not None and launch.terms.stage == "launch" and launch.terms.principal_usd == 700e6


def test_releases_that_announce_no_notes_give_no_note() -> None:
    exhibit = FilingDocument(1, "PRESS RELEASE", f"{WWW}/x/ex99-1.htm", "EX-99.1", None)
    update = "Northwind Reports November Production Update. Northwind energized 50 MW at its Texas site."
    assert note_from_releases(NOTES_8K, [(exhibit, update)]) is None
    assert note_from_releases(NOTES_8K, []) is None
