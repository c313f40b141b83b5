"""How the encoder picks float32 or bfloat16: by timing both on the machine it runs on, not by CPU flags alone."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import torch

from classifiers import encoder as encoder_module
from classifiers.base import item_text
from classifiers.encoder import (
    BF16_MARGIN,
    EMBEDDING_DIM,
    TIMING_RUNS,
    MiniLMEncoder,
    faster_dtype,
    time_calls,
)

pytestmark = pytest.mark.model

TEXTS = [
    item_text("Miner signs 15-year lease with hyperscaler for 200 MW of AI capacity", "Rent starts next year."),
    item_text("ERCOT paid the miner $18 million to curtail during the heat wave", None),
    item_text("Miner prices $600 million of 0% convertible senior notes due 2031", "The notes convert at $21.40."),
]


def test_bfloat16_only_when_clearly_faster() -> None:
    assert faster_dtype({"float32": 1.0, "bfloat16": 0.35}) == "bfloat16"  # AMX / Zen 4: about 3x
    assert faster_dtype({"float32": 1.0, "bfloat16": 1.0 / BF16_MARGIN}) == "bfloat16"
    assert faster_dtype({"float32": 1.0, "bfloat16": 0.9}) == "float32"  # within the margin: stay as trained
    assert faster_dtype({"float32": 1.0, "bfloat16": 1.6}) == "float32"  # AVX512-BF16 without AMX, seen here


def test_timing_skips_the_warm_up_and_keeps_the_best_run() -> None:
    ticks = iter([0.0, 5.0, 10.0, 10.3, 20.0, 20.2])  # warm-up 5 s, then 0.3 s and 0.2 s
    calls: list[int] = []
    assert time_calls(lambda: calls.append(1), clock=lambda: next(ticks)) == pytest.approx(0.2)
    assert len(calls) == TIMING_RUNS + 1


def timings(first: float, second: float) -> Iterator[float]:
    """A clock whose float32 passes take `first` seconds and bfloat16 passes `second` seconds."""
    now = 0.0
    for step in [first] * (TIMING_RUNS + 1) + [second] * (TIMING_RUNS + 1):
        yield now
        now += step
        yield now


@pytest.mark.parametrize(
    ("float32_seconds", "bfloat16_seconds", "chosen", "weights"),
    [
        (0.030, 0.010, "bfloat16", torch.bfloat16),  # measures faster: taken
        (0.030, 0.045, "float32", torch.float32),  # measures slower: float32 kept
    ],
)
def test_load_takes_the_dtype_that_measures_faster(
    monkeypatch: pytest.MonkeyPatch, float32_seconds: float, bfloat16_seconds: float, chosen: str, weights: torch.dtype
) -> None:
    monkeypatch.delenv("MINERWATCH_ENCODER_DTYPE", raising=False)
    monkeypatch.setattr(encoder_module, "cpu_has_bf16", lambda: True)
    clock = timings(float32_seconds, bfloat16_seconds)
    monkeypatch.setattr(encoder_module, "time_calls", lambda call: time_calls(call, clock=lambda: next(clock)))
    encoder = MiniLMEncoder()
    encoder.load()
    assert encoder.dtype == chosen
    assert next(iter(encoder._model.parameters())).dtype == weights


def never_timed(call: object) -> float:
    raise AssertionError("no timing expected")


def test_no_timing_without_bfloat16_instructions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINERWATCH_ENCODER_DTYPE", raising=False)
    monkeypatch.setattr(encoder_module, "cpu_has_bf16", lambda: False)
    monkeypatch.setattr(encoder_module, "time_calls", never_timed)
    encoder = MiniLMEncoder()
    encoder.load()
    assert encoder.dtype == "float32"


@pytest.mark.parametrize("configured", ["bfloat16", "float32"])
def test_the_environment_setting_wins_without_a_timing(monkeypatch: pytest.MonkeyPatch, configured: str) -> None:
    monkeypatch.setenv("MINERWATCH_ENCODER_DTYPE", configured)
    monkeypatch.setattr(encoder_module, "time_calls", never_timed)
    encoder = MiniLMEncoder()
    encoder.load()
    assert encoder.dtype == configured


def test_bfloat16_features_match_float32() -> None:
    """Where bfloat16 is chosen, the head reads (almost) what it was trained on."""
    plain = MiniLMEncoder(dtype="float32").features(TEXTS)
    halved = MiniLMEncoder(dtype="bfloat16").features(TEXTS)
    for half in (slice(0, EMBEDDING_DIM), slice(EMBEDDING_DIM, 2 * EMBEDDING_DIM)):
        cosine = np.sum(plain[:, half] * halved[:, half], axis=1)
        assert cosine.min() > 0.999
