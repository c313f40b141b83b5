"""Hashprice arithmetic, step by step, on the real mempool.space samples (May 2022 docs samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchers.network import (
    BLOCKS_PER_DAY,
    HASHES_PER_PH,
    SATOSHIS_PER_BTC,
    hashprice_usd_per_ph_day,
    parse_hashrate,
    parse_reward_stats,
)

FIXTURES = Path(__file__).parent / "fixtures" / "mempool"
SUBSIDY_MAY_2022_BTC = 6.25
#: A BTC/USD chosen for the arithmetic (about the May 2022 level); not read from any capture.
BTC_USD = 30_000.0


def test_total_reward_already_includes_fees() -> None:
    """mempool's `totalReward` sums each block's coinbase outputs (subsidy + fees); `totalFee` is a part of it."""
    stats = json.loads((FIXTURES / "reward_stats_100_blocks_2022-05.json").read_text())
    blocks = stats["endBlock"] - stats["startBlock"] + 1
    total_reward_sat, total_fee_sat = int(stats["totalReward"]), int(stats["totalFee"])  # strings in the API
    assert blocks == 100
    # Without the fees exactly the subsidy remains: 100 blocks × 6.25 BTC = 625 BTC = 62,500,000,000 sat.
    assert total_reward_sat - total_fee_sat == blocks * SUBSIDY_MAY_2022_BTC * SATOSHIS_PER_BTC == 62_500_000_000


def test_hashprice_step_by_step() -> None:
    reward_stats = (FIXTURES / "reward_stats_100_blocks_2022-05.json").read_bytes()
    hashrate_body = (FIXTURES / "hashrate_3d_2022-05.json").read_bytes()

    # 1. BTC mined incl. fees: 63,811,748,254 sat over 100 blocks = 638.11748254 BTC.
    mined_100 = 63_811_748_254 / SATOSHIS_PER_BTC
    assert mined_100 == pytest.approx(638.11748254)
    # 2. Scaled to the 144-block day (the sample covers 100 blocks): × 1.44 = 918.8891748576 BTC.
    mined_144 = mined_100 * BLOCKS_PER_DAY / 100
    assert mined_144 == pytest.approx(918.8891748576)
    rewards = parse_reward_stats(reward_stats)
    assert rewards.blocks == 100
    assert rewards.reward_btc_144 == pytest.approx(mined_144)
    assert rewards.fees_btc_144 == pytest.approx(13.11748254 * 1.44)
    # 3. Network hashrate: 252,033,247,355,212,300,000 H/s ÷ 10^15 = 252,033.247 PH/s (≈ 252 EH/s).
    hashrate_ph_s, difficulty = parse_hashrate(hashrate_body)
    assert hashrate_ph_s == pytest.approx(252_033_247_355_212_300_000 / HASHES_PER_PH)
    assert hashrate_ph_s == pytest.approx(252_033.2473552123)
    assert difficulty == pytest.approx(31_251_101_365_711.12)
    # 4. The network's daily revenue in USD: 918.8891748576 BTC × 30,000 USD = 27,566,675.25 USD.
    revenue_usd = mined_144 * BTC_USD
    assert revenue_usd == pytest.approx(27_566_675.245728)
    # 5. Per PH/s: 27,566,675.25 ÷ 252,033.247 = 109.38 USD per PH/s per day (≈ 0.109 USD per TH/s per day).
    hashprice = hashprice_usd_per_ph_day(rewards.reward_btc_144, BTC_USD, hashrate_ph_s)
    assert hashprice == pytest.approx(revenue_usd / hashrate_ph_s)
    assert hashprice == pytest.approx(109.3771, abs=1e-4)


def test_hashprice_scales_linearly_and_refuses_zero_hashrate() -> None:
    base = hashprice_usd_per_ph_day(900.0, 100_000.0, 900_000.0)
    assert base == pytest.approx(100.0)
    assert hashprice_usd_per_ph_day(900.0, 50_000.0, 900_000.0) == pytest.approx(base / 2)  # BTC halves → halves
    assert hashprice_usd_per_ph_day(900.0, 100_000.0, 1_800_000.0) == pytest.approx(base / 2)  # hashrate doubles
    with pytest.raises(ValueError):
        hashprice_usd_per_ph_day(900.0, 100_000.0, 0.0)
