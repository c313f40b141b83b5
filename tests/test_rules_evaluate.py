"""Rule evaluation on hand-made series with a fixed clock: crossings, re-arming, cooldown, once, until, restarts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.alerts.rules import RuleSpec, RuleState, evaluate, is_expired, network_metric_values

START = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
STEP = timedelta(minutes=1)


def run(
    rule: RuleSpec, values: Sequence[float | None], state: RuleState | None = None, step: timedelta = STEP
) -> tuple[list[int], RuleState]:
    """Feed the values one `step` apart from START; the indexes that fired and the final state."""
    state = state or RuleState()
    fired = []
    for index, value in enumerate(values):
        fire, state = evaluate(rule, state, value, START + index * step)
        if fire:
            fired.append(index)
    return fired, state


def below(threshold: float, cooldown_s: int = 0, once: bool = False, until: date | None = None) -> RuleSpec:
    return RuleSpec("MARA", "price", "<", threshold, cooldown_s, once, until)


def test_fires_when_the_condition_turns_true_and_not_while_it_stays_true() -> None:
    fired, state = run(below(12), [12.5, 12.2, 11.9, 11.5, 11.0, 11.8])
    assert fired == [2]
    assert state.armed is False and state.last_value == 11.8 and state.last_fired_at == START + 2 * STEP


def test_re_arms_when_false_again_and_fires_on_the_next_crossing() -> None:
    fired, _ = run(below(12), [12.5, 11.9, 12.1, 12.3, 11.7])
    assert fired == [1, 4]


def test_condition_already_true_at_the_first_value_fires_once() -> None:
    fired, _ = run(below(12), [11.0, 10.5, 10.0])
    assert fired == [0]


@pytest.mark.parametrize(
    ("op", "values", "expected"),
    [
        ("<", [12.0, 11.99, 12.0], [1]),
        ("<=", [12.01, 12.0, 11.0], [1]),
        (">", [12.0, 12.01, 13.0], [1]),
        (">=", [11.99, 12.0, 12.5], [1]),
    ],
)
def test_each_comparison_at_its_boundary(op: str, values: list[float], expected: list[int]) -> None:
    assert run(RuleSpec("MARA", "price", op, 12.0, 0), values)[0] == expected


def test_flapping_without_cooldown_fires_on_every_crossing() -> None:
    fired, _ = run(below(12), [12.01, 11.99, 12.01, 11.99, 12.01, 11.99])
    assert fired == [1, 3, 5]


def test_flapping_with_cooldown_is_suppressed_and_stays_triggered() -> None:
    rule = below(12, cooldown_s=600)  # 10 minutes; one value a minute
    values = [12.01, 11.99, 12.01, 11.99, 11.98, 11.97] + [11.9] * 10 + [12.05, 11.95]
    fired, _ = run(rule, values)
    # 1 fires; 3 is inside the cooldown: suppressed, and the rule stays triggered through 4..15 although the
    # cooldown ends at minute 11; it re-arms at 16 (false) and fires again at 17.
    assert fired == [1, 17]


def test_a_crossing_after_the_cooldown_fires() -> None:
    rule = below(12, cooldown_s=600)
    fired, _ = run(rule, [11.9, 12.1, 11.9], step=timedelta(minutes=6))  # minutes 0, 6, 12
    assert fired == [0, 2]


@pytest.mark.parametrize("op", ["<", "crosses"])
def test_the_cooldown_ends_exactly_its_length_after_the_last_alert(op: str) -> None:
    # "cooldown 10m" is at most one alert per 10 minutes: a point exactly 10 minutes after the last alert may
    # fire (so a 1h cooldown on hourly points alerts on each); one second earlier is still inside the cooldown.
    rule = RuleSpec("MARA", "price", op, 12.0, 600)
    fired, state = run(rule, [12.1, 11.9, 12.1])  # fires at minute 1; back above at minute 2
    assert fired == [1] and state.last_fired_at == START + STEP
    cooldown_over = START + STEP + timedelta(seconds=600)
    assert evaluate(rule, state, 11.9, cooldown_over - timedelta(seconds=1))[0] is False
    assert evaluate(rule, state, 11.9, cooldown_over)[0] is True


def test_crosses_fires_on_each_change_of_side_but_not_on_the_first_value() -> None:
    rule = RuleSpec("BTC", "price", "crosses", 120_000.0, 0)
    fired, _ = run(rule, [119_000, 121_000, 122_000, 119_500, 119_000, 120_000, 120_000])
    # below → above (1), above → below (3), below → "at or above" (5); staying on a side never fires.
    assert fired == [1, 3, 5]
    assert run(rule, [125_000, 126_000])[0] == []


def test_crosses_with_cooldown_waits_for_the_next_crossing() -> None:
    rule = RuleSpec("BTC", "price", "crosses", 120_000.0, 300)
    fired, _ = run(rule, [119_000, 121_000, 119_000, 119_000, 119_000, 119_000, 119_000, 121_000])
    assert fired == [1, 7]  # the crossing at 2 is inside 5 minutes; nothing fires later for it


def test_gaps_change_nothing() -> None:
    rule = below(12)
    fired, state = run(rule, [12.5, None, float("nan"), None, 11.5, None, 11.4])
    assert fired == [4]
    assert state.last_value == 11.4


def test_a_long_gap_between_points_is_just_the_next_point() -> None:
    rule = below(12, cooldown_s=3600)
    fire, state = evaluate(rule, RuleState(), 12.5, START)
    fire, state = evaluate(rule, state, 11.5, START + timedelta(days=3))
    assert fire and state.last_fired_at == START + timedelta(days=3)


@pytest.mark.parametrize("split", range(1, 8))
def test_restart_between_any_two_points_neither_re_fires_nor_misses(split: int) -> None:
    rule = below(12, cooldown_s=120)
    values = [12.5, 11.9, 11.8, 12.2, 11.7, 11.6, 12.4, 11.5]
    expected, _ = run(rule, values)
    first, state = run(rule, values[:split])
    stored = json.loads(json.dumps(state.to_dict()))  # through the store's JSON column
    second, _ = run_from(rule, values[split:], RuleState.from_dict(stored), offset=split)
    assert first + second == expected == [1, 4, 7]


def run_from(rule: RuleSpec, values: Sequence[float], state: RuleState, offset: int) -> tuple[list[int], RuleState]:
    fired = []
    for index, value in enumerate(values, start=offset):
        fire, state = evaluate(rule, state, value, START + index * STEP)
        if fire:
            fired.append(index)
    return fired, state


def test_state_round_trip_and_lenient_reading() -> None:
    state = RuleState(armed=False, last_value=11.5, last_fired_at=START)
    assert RuleState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert RuleState.from_dict({}) == RuleState()
    assert RuleState.from_dict(None) == RuleState()
    junk = {"armed": "no", "last_value": "12", "last_fired_at": "yesterday"}
    assert RuleState.from_dict(junk) == RuleState()
    naive = RuleState.from_dict({"armed": False, "last_value": 3, "last_fired_at": "2026-11-25T14:00:00"})
    assert naive == RuleState(armed=False, last_value=3.0, last_fired_at=START)


def test_until_is_inclusive_of_its_day_and_expires_after() -> None:
    rule = below(12, until=date(2026, 11, 25))
    assert not is_expired(rule, datetime(2026, 11, 25, 23, 59, tzinfo=UTC))
    assert is_expired(rule, datetime(2026, 11, 26, 0, 0, tzinfo=UTC))
    fire, _ = evaluate(rule, RuleState(), 11.0, datetime(2026, 11, 25, 23, 59, tzinfo=UTC))
    assert fire
    state = RuleState(armed=True, last_value=12.5)
    fire, after = evaluate(rule, state, 11.0, datetime(2026, 11, 26, 0, 1, tzinfo=UTC))
    assert not fire and after == state


def test_once_is_the_callers_job_evaluation_fires_like_any_rule() -> None:
    fired, _ = run(below(12, once=True), [12.5, 11.5, 12.5, 11.5])
    assert fired == [1, 3]  # the caller deletes the rule after index 1, so 3 never happens in production


def test_network_values_are_converted_to_rule_units() -> None:
    values = network_metric_values(44.5, 1.1e14, 912_000.0)
    assert values == {"hashprice": 44.5, "difficulty": 1.1e14, "hashrate": 912.0}
    rule = RuleSpec("NETWORK", "hashrate", ">", 900.0, 0)
    assert evaluate(rule, RuleState(), values["hashrate"], START)[0]
