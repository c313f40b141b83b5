"""Bitcoin network statistics from mempool.space, and hashprice derived from them.

Endpoints: `/api/v1/mining/hashrate/3d` (current hashrate in H/s and difficulty), `/api/v1/mining/reward-stats/144`
(sums over the last 144 blocks, in satoshis, sent as strings) and `/api/v1/difficulty-adjustment` (next retarget;
`estimatedRetargetDate` in milliseconds in current answers, seconds in old ones).

reward-stats `totalReward` is the sum of every block's coinbase outputs (mempool's `extras.reward`), i.e. subsidy
plus fees; `totalFee` is the fee part of it. "BTC mined incl. fees" is therefore `totalReward` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from watchers.http import FetchError, fetch
from watchers.prices import JSON_ACCEPT, MAX_QUOTE_BYTES, UnusableAnswer, finite_number, load_json_object

SATOSHIS_PER_BTC = 100_000_000
HASHES_PER_PH = 1e15
PH_PER_EH = 1_000
#: The block window hashprice is computed over: about one day of blocks.
BLOCKS_PER_DAY = 144
#: Epoch values above this are milliseconds (year 5138 in seconds), below it seconds.
EPOCH_MILLISECONDS_THRESHOLD = 1e11


class NetworkUnavailable(FetchError):
    """A network statistic hashprice needs could not be fetched or parsed; the message says which and why."""


@dataclass(frozen=True)
class NetworkSnapshot:
    """Bitcoin network state at one poll. `reward_btc_144` is subsidy plus fees over 144 blocks; `fees_btc_144`
    is the fee part of it. Retarget fields are None when the difficulty-adjustment endpoint failed."""

    at: datetime
    difficulty: float
    hashrate_ph_s: float
    reward_btc_144: float
    fees_btc_144: float
    btc_usd: float | None
    hashprice_usd_per_ph_day: float | None
    next_retarget_at: datetime | None
    difficulty_change_pct: float | None

    @property
    def btc_mined_144(self) -> float:
        """The store's name for the BTC mined over 144 blocks, fees included."""
        return self.reward_btc_144

    @property
    def hashrate_eh_s(self) -> float:
        """Hashrate in EH/s, the unit investors quote."""
        return self.hashrate_ph_s / PH_PER_EH


def hashprice_usd_per_ph_day(btc_mined_144: float, btc_usd: float, hashrate_ph_s: float) -> float:
    """USD earned per PH/s per day = (BTC mined in the last 144 blocks incl. fees × BTC/USD) ÷ hashrate in PH/s."""
    if hashrate_ph_s <= 0:
        raise ValueError("hashrate must be positive")
    return btc_mined_144 * btc_usd / hashrate_ph_s


@dataclass(frozen=True)
class RewardStats:
    """reward-stats scaled to 144 blocks by the range the API reports, so a short answer is not undercounted."""

    reward_btc_144: float
    fees_btc_144: float
    blocks: int


def parse_reward_stats(body: bytes) -> RewardStats:
    """`/api/v1/mining/reward-stats/N` → BTC per 144 blocks. Satoshi sums arrive as strings."""
    data = load_json_object(body, "mempool reward-stats")
    total_reward = finite_number(data.get("totalReward"))
    total_fee = finite_number(data.get("totalFee"))
    start, end = finite_number(data.get("startBlock")), finite_number(data.get("endBlock"))
    if total_reward is None or total_reward <= 0 or total_fee is None or total_fee < 0 or start is None or end is None:
        raise UnusableAnswer("mempool reward-stats lack totalReward, totalFee or the block range")
    blocks = int(end) - int(start) + 1
    if blocks <= 0:
        raise UnusableAnswer(f"mempool reward-stats have an empty block range {int(start)}..{int(end)}")
    scale = BLOCKS_PER_DAY / blocks
    return RewardStats(
        reward_btc_144=total_reward / SATOSHIS_PER_BTC * scale,
        fees_btc_144=total_fee / SATOSHIS_PER_BTC * scale,
        blocks=blocks,
    )


def parse_hashrate(body: bytes) -> tuple[float, float]:
    """`/api/v1/mining/hashrate/3d` → (hashrate in PH/s, difficulty)."""
    data = load_json_object(body, "mempool hashrate")
    hashrate = finite_number(data.get("currentHashrate"))
    difficulty = finite_number(data.get("currentDifficulty"))
    if hashrate is None or hashrate <= 0 or difficulty is None or difficulty <= 0:
        raise UnusableAnswer("mempool hashrate lacks currentHashrate or currentDifficulty")
    return hashrate / HASHES_PER_PH, difficulty


def _epoch_any(value: object) -> datetime | None:
    number = finite_number(value)
    if number is None or number <= 0:
        return None
    seconds = number / 1000 if number > EPOCH_MILLISECONDS_THRESHOLD else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_difficulty_adjustment(body: bytes) -> tuple[datetime | None, float | None]:
    """`/api/v1/difficulty-adjustment` → (estimated next retarget time, expected difficulty change in %)."""
    data = load_json_object(body, "mempool difficulty-adjustment")
    return _epoch_any(data.get("estimatedRetargetDate")), finite_number(data.get("difficultyChange"))


async def _get(client: httpx.AsyncClient, url: str) -> bytes:
    result = await fetch(client, url, headers={"Accept": JSON_ACCEPT}, max_bytes=MAX_QUOTE_BYTES)
    return result.body


async def fetch_network_snapshot(
    client: httpx.AsyncClient, mempool_url: str, btc_usd: float | None, *, now: datetime | None = None
) -> NetworkSnapshot:
    """Poll hashrate, reward stats and the difficulty adjustment; hashprice needs `btc_usd` (None leaves it None).
    Raises NetworkUnavailable when hashrate or reward stats fail; a failed difficulty adjustment only blanks
    the retarget fields."""
    base = mempool_url.rstrip("/")
    try:
        hashrate_ph_s, difficulty = parse_hashrate(await _get(client, f"{base}/api/v1/mining/hashrate/3d"))
        rewards = parse_reward_stats(await _get(client, f"{base}/api/v1/mining/reward-stats/{BLOCKS_PER_DAY}"))
    except (FetchError, UnusableAnswer) as exc:
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        raise NetworkUnavailable(f"mempool.space: {exc}", retry_after=retry_after) from exc
    try:
        next_retarget_at, difficulty_change = parse_difficulty_adjustment(
            await _get(client, f"{base}/api/v1/difficulty-adjustment")
        )
    except (FetchError, UnusableAnswer):
        next_retarget_at, difficulty_change = None, None
    usd = btc_usd if btc_usd is not None and btc_usd > 0 else None
    return NetworkSnapshot(
        at=now or datetime.now(UTC),
        difficulty=difficulty,
        hashrate_ph_s=hashrate_ph_s,
        reward_btc_144=rewards.reward_btc_144,
        fees_btc_144=rewards.fees_btc_144,
        btc_usd=usd,
        hashprice_usd_per_ph_day=None
        if usd is None
        else hashprice_usd_per_ph_day(rewards.reward_btc_144, usd, hashrate_ph_s),
        next_retarget_at=next_retarget_at,
        difficulty_change_pct=difficulty_change,
    )
