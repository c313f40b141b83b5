"""Network watcher against mempool.space bodies served by httpx.MockTransport: parsing, units, failures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from watchers.http import FetchError
from watchers.network import NetworkUnavailable, fetch_network_snapshot, parse_difficulty_adjustment
from watchers.prices import UnusableAnswer

FIXTURES = Path(__file__).parent / "fixtures" / "mempool"
MEMPOOL = "https://mempool.test"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HASHRATE = "/api/v1/mining/hashrate/3d"
REWARDS = "/api/v1/mining/reward-stats/144"
ADJUSTMENT = "/api/v1/difficulty-adjustment"


def body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Mempool:
    """A mempool.space double: one answer per path (the samples are from different dates; only parsing matters)."""

    def __init__(self, **overrides: httpx.Response) -> None:
        self.answers = {
            HASHRATE: httpx.Response(200, content=body("hashrate_3d_2022-05.json")),
            # The only real reward-stats sample covers 100 blocks; the watcher scales by the range it reports.
            REWARDS: httpx.Response(200, content=body("reward_stats_100_blocks_2022-05.json")),
            ADJUSTMENT: httpx.Response(200, content=body("difficulty_adjustment_2024-03-31.json")),
        }
        self.answers.update({path_for(key): answer for key, answer in overrides.items()})
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return self.answers.get(request.url.path, httpx.Response(404))

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))


def path_for(key: str) -> str:
    return {"hashrate": HASHRATE, "rewards": REWARDS, "adjustment": ADJUSTMENT}[key]


async def test_snapshot_from_the_three_endpoints() -> None:
    mempool = Mempool()
    async with mempool.client() as client:
        snapshot = await fetch_network_snapshot(client, MEMPOOL + "/", 30_000.0, now=NOW)
    assert sorted(mempool.paths) == sorted([HASHRATE, REWARDS, ADJUSTMENT])
    assert snapshot.at == NOW
    assert snapshot.hashrate_ph_s == pytest.approx(252_033.2473552123)
    assert snapshot.hashrate_eh_s == pytest.approx(252.0332473552123)
    assert snapshot.difficulty == pytest.approx(31_251_101_365_711.12)
    assert snapshot.reward_btc_144 == snapshot.btc_mined_144 == pytest.approx(918.8891748576)
    assert snapshot.fees_btc_144 == pytest.approx(18.889174857600)
    assert snapshot.btc_usd == 30_000.0
    assert snapshot.hashprice_usd_per_ph_day == pytest.approx(109.3771, abs=1e-4)
    # estimatedRetargetDate 1712766704114 is in milliseconds.
    assert snapshot.next_retarget_at == datetime(2024, 4, 10, 16, 31, 44, 114000, tzinfo=UTC)
    assert snapshot.difficulty_change_pct == pytest.approx(5.914788959658535)


async def test_without_btc_usd_there_is_no_hashprice() -> None:
    async with Mempool().client() as client:
        snapshot = await fetch_network_snapshot(client, MEMPOOL, None, now=NOW)
    assert snapshot.btc_usd is None and snapshot.hashprice_usd_per_ph_day is None
    assert snapshot.hashrate_ph_s > 0


async def test_numbers_sent_as_strings_are_read() -> None:
    hashrate = b'{"currentHashrate": "800000000000000000000", "currentDifficulty": "110000000000000"}'
    mempool = Mempool(hashrate=httpx.Response(200, content=hashrate))
    async with mempool.client() as client:
        snapshot = await fetch_network_snapshot(client, MEMPOOL, 100_000.0, now=NOW)
    assert snapshot.hashrate_ph_s == pytest.approx(800_000.0)
    assert snapshot.difficulty == pytest.approx(1.1e14)


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("hashrate", httpx.Response(503)),
        ("hashrate", httpx.Response(200, content=b"<html>maintenance</html>")),
        (
            "rewards",
            httpx.Response(200, content=b'{"startBlock": 5, "endBlock": 4, "totalReward": "1", "totalFee": "0"}'),
        ),
        ("rewards", httpx.Response(200, content=b'{"totalReward": null}')),
        ("rewards", httpx.Response(429, headers={"Retry-After": "120"})),
    ],
    ids=["hashrate-503", "hashrate-html", "rewards-empty-range", "rewards-null", "rewards-429"],
)
async def test_missing_hashrate_or_rewards_is_network_unavailable(key: str, answer: httpx.Response) -> None:
    async with Mempool(**{key: answer}).client() as client:
        with pytest.raises(NetworkUnavailable) as caught:
            await fetch_network_snapshot(client, MEMPOOL, 30_000.0, now=NOW)
    assert isinstance(caught.value, FetchError)
    assert caught.value.retry_after == (120 if answer.status_code == 429 else None)


async def test_a_failed_difficulty_adjustment_only_blanks_the_retarget_fields() -> None:
    async with Mempool(adjustment=httpx.Response(500)).client() as client:
        snapshot = await fetch_network_snapshot(client, MEMPOOL, 30_000.0, now=NOW)
    assert snapshot.next_retarget_at is None and snapshot.difficulty_change_pct is None
    assert snapshot.hashprice_usd_per_ph_day == pytest.approx(109.3771, abs=1e-4)


def test_difficulty_adjustment_docs_sample_and_old_seconds_format() -> None:
    retarget, change = parse_difficulty_adjustment(body("difficulty_adjustment_2024-12.json"))
    assert retarget == datetime(2024, 12, 29, 23, 27, 8, 279000, tzinfo=UTC)
    assert change == pytest.approx(0.7843046881601534)
    # Old answers gave estimatedRetargetDate in seconds (SOURCES.md, mempool section).
    retarget_s, _ = parse_difficulty_adjustment(b'{"estimatedRetargetDate": 1735514828, "difficultyChange": "1.5"}')
    assert retarget_s == datetime(2024, 12, 29, 23, 27, 8, tzinfo=UTC)


def test_difficulty_adjustment_junk_is_unusable() -> None:
    with pytest.raises(UnusableAnswer):
        parse_difficulty_adjustment(b"698767")  # e.g. the tip-height text answer on the wrong path
