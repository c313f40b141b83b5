"""The EDGAR client's manners: declared User-Agent, at most 10 requests/s (fake clock), conditional requests,
and a process-wide pause on the SEC's throttle and undeclared-tool pages. HTTP is faked at the transport."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from watchers.http import FetchError, make_client
from watchers.sec_client import (
    RATE_LIMITED,
    RATE_LIMITED_BACKOFF_SECONDS,
    SEC_LIMITER,
    UNDECLARED,
    UNDECLARED_BACKOFF_SECONDS,
    EdgarClient,
    RateLimiter,
    SecBlockedError,
    SecConfigError,
    blocked_page,
    validate_user_agent,
)
from watchers.sec_filings import SecParseError

SEC = Path(__file__).parent / "fixtures" / "sec"
USER_AGENT = "MinerWatch Test Desk ops@minerwatch.example"
WWW = "https://www.sec.test"
DATA = "https://data.sec.test"
SUBMISSIONS = (SEC / "submissions_recent_12_filings.json").read_bytes()


class FakeClock:
    """Monotonic time that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Recorder:
    """A MockTransport handler: answers with `respond(request)` and records each request with the fake time."""

    def __init__(self, clock: FakeClock, respond: Callable[[httpx.Request], httpx.Response]) -> None:
        self.clock = clock
        self.respond = respond
        self.requests: list[tuple[float, httpx.Request]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((self.clock.now, request))
        return self.respond(request)


def edgar(recorder: Recorder, clock: FakeClock) -> EdgarClient:
    http = make_client("MinerWatch/0.1 (app default)", transport=httpx.MockTransport(recorder))
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    return EdgarClient(http, USER_AGENT, www_url=WWW, data_url=DATA, limiter=limiter)


def ok(body: bytes, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, content=body, headers=headers)


# --- User-Agent ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "complaint"),
    [("", "is empty"), ("   ", "is empty"), ("MinerWatch bot", "no contact e-mail"), ("ops@x.example", "names no")],
)
def test_user_agent_is_required_with_a_contact(value: str, complaint: str) -> None:
    with pytest.raises(SecConfigError) as error:
        validate_user_agent(value)
    message = str(error.value)
    assert complaint in message and "sec.user_agent" in message and "\n" not in message
    with pytest.raises(SecConfigError):
        EdgarClient(httpx.AsyncClient(), value)


def test_a_declared_user_agent_passes() -> None:
    assert validate_user_agent("  Acme Research   admin@acme.example ") == "Acme Research admin@acme.example"


async def test_every_request_carries_the_declared_user_agent() -> None:
    clock = FakeClock()
    facts = (SEC / "companyfacts_mara_2021.json").read_bytes()
    recorder = Recorder(
        clock, lambda request: httpx.Response(200, content=facts if "xbrl" in request.url.path else SUBMISSIONS)
    )
    client = edgar(recorder, clock)
    await client.submissions(1318605)
    await client.document(f"{WWW}/Archives/edgar/data/1/x.htm")
    company_facts = await client.company_facts(1507605)
    assert company_facts is not None and company_facts["entityName"] == "MARATHON DIGITAL HOLDINGS, INC."
    assert str(recorder.requests[2][1].url) == f"{DATA}/api/xbrl/companyfacts/CIK0001507605.json"
    assert len(recorder.requests) == 3
    assert {request.headers["User-Agent"] for _, request in recorder.requests} == {USER_AGENT}


# --- the rate limit --------------------------------------------------------------------------------


async def test_limiter_spaces_concurrent_callers_to_ten_per_second() -> None:
    starts: list[float] = []
    now = 50.0

    async def record_wake(seconds: float) -> None:
        starts.append(now + seconds)

    limiter = RateLimiter(10, clock=lambda: now, sleep=record_wake)
    await asyncio.gather(*(limiter.acquire() for _ in range(35)))
    starts = sorted([now] + starts)  # the first caller does not wait
    assert len(starts) == 35
    assert all(b - a == pytest.approx(0.1) for a, b in zip(starts, starts[1:], strict=False))
    assert all(starts[i + 10] - starts[i] >= 1.0 - 1e-9 for i in range(len(starts) - 10))


async def test_callers_woken_together_after_a_stalled_loop_are_spaced_again() -> None:
    class StallingClock:
        """Time moves only in `sleep`; the first wake comes half a second late, as when the loop was busy."""

        def __init__(self) -> None:
            self.now, self.stall = 100.0, 0.5

        def __call__(self) -> float:
            return self.now

        async def sleep(self, seconds: float) -> None:
            wake = self.now + seconds
            await asyncio.sleep(0)
            self.now = max(self.now, wake + self.stall)
            self.stall = 0.0

    clock = StallingClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)
    starts: list[float] = []

    async def request() -> None:
        await limiter.acquire()
        starts.append(clock())

    await asyncio.gather(*(request() for _ in range(5)))
    starts.sort()
    assert starts[0] == 100.0 and starts[1] == pytest.approx(100.6)  # the stall itself is not made up for
    assert all(b - a >= 0.1 - 1e-9 for a, b in zip(starts, starts[1:], strict=False))  # but nothing bunches


async def test_client_requests_never_exceed_ten_per_second() -> None:
    clock = FakeClock()
    recorder = Recorder(clock, ok(b"<html><body><p>exhibit</p></body></html>"))
    client = edgar(recorder, clock)
    for number in range(40):
        await client.document(f"{WWW}/Archives/edgar/data/1/doc{number}.htm")
    times = [at for at, _ in recorder.requests]
    assert len(times) == 40
    assert all(times[i + 10] - times[i] >= 1.0 - 1e-9 for i in range(len(times) - 10))
    assert times[-1] - times[0] == pytest.approx(3.9)  # spaced, not slower than needed


async def test_the_limiter_is_process_wide() -> None:
    first = EdgarClient(httpx.AsyncClient(), USER_AGENT)
    second = EdgarClient(httpx.AsyncClient(), USER_AGENT, www_url="http://127.0.0.1:9")
    assert first.limiter is second.limiter is SEC_LIMITER
    assert SEC_LIMITER.interval == pytest.approx(0.1)


# --- conditional requests --------------------------------------------------------------------------


async def test_conditional_requests_per_url() -> None:
    clock = FakeClock()

    def respond(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=SUBMISSIONS, headers={"ETag": '"v1"', "Last-Modified": "Thu, 05 Mar 2026"})

    recorder = Recorder(clock, respond)
    client = edgar(recorder, clock)
    first = await client.submissions(1318605)
    assert first is not None and len(first) == 12
    assert await client.submissions(1318605) is None  # 304: nothing new
    sent = recorder.requests[1][1]
    assert sent.url == f"{DATA}/submissions/CIK0001318605.json"
    assert (sent.headers["If-None-Match"], sent.headers["If-Modified-Since"]) == ('"v1"', "Thu, 05 Mar 2026")
    await client.submissions(1507605)  # another URL has no validators yet
    assert "If-None-Match" not in recorder.requests[2][1].headers


async def test_validators_are_kept_only_for_bodies_that_parsed() -> None:
    clock = FakeClock()
    recorder = Recorder(clock, ok(b'{"truncated": ', ETag='"bad"'))
    client = edgar(recorder, clock)
    with pytest.raises(SecParseError):
        await client.submissions(1318605)
    recorder.respond = ok(SUBMISSIONS, ETag='"good"')
    assert await client.submissions(1318605)
    assert "If-None-Match" not in recorder.requests[1][1].headers


async def test_atom_and_tickers_endpoints() -> None:
    clock = FakeClock()
    bodies = {
        "getcompany": (SEC / "company_atom_10k_content.xml").read_bytes(),
        "getcurrent": (SEC / "current_atom_8k_item_lines.xml").read_bytes(),
        "company_tickers": (SEC / "company_tickers_miners.json").read_bytes(),
    }

    def respond(request: httpx.Request) -> httpx.Response:
        key = next(k for k in bodies if k in str(request.url))
        return httpx.Response(200, content=bodies[key])

    recorder = Recorder(clock, respond)
    client = edgar(recorder, clock)
    company = await client.company_atom(320193)
    current = await client.current_atom()
    tickers = await client.company_tickers()
    assert company is not None and len(company) == 2
    assert current is not None and len(current) == 6
    assert tickers is not None and tickers["CIFR"].cik == 1819989
    urls = [str(request.url) for _, request in recorder.requests]
    assert urls[0] == (
        f"{WWW}/cgi-bin/browse-edgar?action=getcompany&CIK=0000320193&type=&dateb=&owner=include&count=40&output=atom"
    )
    assert "action=getcurrent" in urls[1] and "output=atom" in urls[1]
    assert urls[2] == f"{WWW}/files/company_tickers.json"


# --- block pages -----------------------------------------------------------------------------------


def test_block_pages_are_recognised_by_content() -> None:
    assert blocked_page((SEC / "throttle_page.html").read_bytes()) == RATE_LIMITED
    assert blocked_page((SEC / "undeclared_tool_page.html").read_bytes()) == UNDECLARED
    assert blocked_page((SEC / "maintenance_503.html").read_bytes()) is None
    assert blocked_page(SUBMISSIONS) is None


async def test_throttle_page_with_http_200_pauses_every_request() -> None:
    clock = FakeClock()
    recorder = Recorder(clock, ok((SEC / "throttle_page.html").read_bytes(), **{"Content-Type": "text/html"}))
    client = edgar(recorder, clock)
    with pytest.raises(SecBlockedError) as error:
        await client.submissions(1318605)
    assert error.value.reason == RATE_LIMITED
    assert error.value.retry_after == RATE_LIMITED_BACKOFF_SECONDS

    other = EdgarClient(client.http, USER_AGENT, www_url=WWW, data_url=DATA, limiter=client.limiter)
    clock.now += RATE_LIMITED_BACKOFF_SECONDS - 1
    with pytest.raises(SecBlockedError):
        await other.current_atom()  # the same process: no request goes out while paused
    assert len(recorder.requests) == 1

    clock.now += 2
    recorder.respond = ok(SUBMISSIONS)
    assert await client.submissions(1318605)
    assert len(recorder.requests) == 2


async def test_a_request_queued_behind_the_blocked_one_does_not_go_out() -> None:
    clock = FakeClock()
    first_sent, queued_waits, release_queued = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def limiter_sleep(seconds: float) -> None:  # the queued request waits for its slot here
        clock.sleeps.append(seconds)
        queued_waits.set()
        await release_queued.wait()
        clock.now += seconds

    sent: list[httpx.Request] = []

    async def throttled(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        first_sent.set()
        await queued_waits.wait()  # answer only once the second request is queued on the limiter
        return httpx.Response(200, content=(SEC / "throttle_page.html").read_bytes())

    http = make_client("MinerWatch/0.1 (app default)", transport=httpx.MockTransport(throttled))
    limiter = RateLimiter(clock=clock, sleep=limiter_sleep)
    client = EdgarClient(http, USER_AGENT, www_url=WWW, data_url=DATA, limiter=limiter)
    first = asyncio.create_task(client.submissions(1318605))
    await first_sent.wait()
    queued = asyncio.create_task(client.document(f"{WWW}/Archives/edgar/data/1/x.htm"))
    with pytest.raises(SecBlockedError) as blocked:
        await first
    assert blocked.value.retry_after == RATE_LIMITED_BACKOFF_SECONDS and clock.sleeps == [pytest.approx(0.1)]
    release_queued.set()  # its slot comes up during the pause
    with pytest.raises(SecBlockedError) as refused:
        await queued
    assert [str(request.url) for request in sent] == [client.submissions_url(1318605)]  # the queued one never left
    assert refused.value.retry_after == pytest.approx(RATE_LIMITED_BACKOFF_SECONDS - 0.1)  # the same pause
    assert limiter.consecutive_blocks == 1


async def test_repeated_throttling_doubles_the_pause_and_honours_retry_after() -> None:
    clock = FakeClock()
    page = (SEC / "throttle_page.html").read_bytes()
    recorder = Recorder(clock, lambda request: httpx.Response(403, content=page))
    client = edgar(recorder, clock)
    with pytest.raises(SecBlockedError) as first:
        await client.submissions(1)
    clock.now += first.value.retry_after or 0
    with pytest.raises(SecBlockedError) as second:
        await client.submissions(1)
    assert (first.value.retry_after, second.value.retry_after) == (600.0, 1200.0)

    clock.now += 1200
    recorder.respond = lambda request: httpx.Response(429, headers={"Retry-After": "5000"})
    with pytest.raises(SecBlockedError) as third:
        await client.submissions(1)
    assert third.value.reason == RATE_LIMITED and third.value.retry_after == 5000 * 4


async def test_undeclared_tool_page_says_to_fix_the_user_agent() -> None:
    clock = FakeClock()
    page = (SEC / "undeclared_tool_page.html").read_bytes()
    recorder = Recorder(clock, lambda request: httpx.Response(403, content=page))
    client = edgar(recorder, clock)
    with pytest.raises(SecBlockedError) as error:
        await client.company_atom(1083301)
    assert error.value.reason == UNDECLARED
    assert error.value.retry_after == UNDECLARED_BACKOFF_SECONDS
    assert "sec.user_agent" in str(error.value)


async def test_maintenance_page_is_an_ordinary_failure() -> None:
    clock = FakeClock()
    page = (SEC / "maintenance_503.html").read_bytes()
    recorder = Recorder(clock, lambda request: httpx.Response(503, content=page))
    client = edgar(recorder, clock)
    with pytest.raises(FetchError) as error:
        await client.current_atom()
    assert not isinstance(error.value, SecBlockedError)
    assert error.value.status == 503
    assert client.limiter.blocked_for() == 0
