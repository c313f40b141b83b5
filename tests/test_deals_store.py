"""The deal store on both databases: one row per deal across sources, what a later source changes or adds, and the
per-miner roll-up (LOIs / MOUs recorded, not counted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from store import deal_queries
from store.db import session_scope
from store.deal_queries import name_key, same_party

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CLOUD = {"is_deal": True, "kind": "cloud", "counterparty": "Microsoft", "mw": 200, "contract_value_usd": 9.7e9,
         "term_years": 5, "site": "Childress, Texas"}  # fmt: skip


def _record(engine: Engine, terms: dict[str, Any], link: str, source: str, at: datetime, **kw: Any) -> tuple[str, int]:
    with session_scope(engine) as session:
        done = deal_queries.record_deal(
            session, kw.pop("ticker", "IREN"), terms, title="t", link=link, source=source, now=at, **kw
        )
        return done.status, done.deal.id or 0


def test_names_match_up_to_case_suffixes_and_a_leading_word_run() -> None:
    assert name_key("Microsoft Corp.") == ("microsoft",)
    assert same_party("Microsoft", "MICROSOFT CORPORATION")
    assert same_party("Meta", "Meta Platforms, Inc.")
    assert not same_party("Meta", "Metaverse Labs")
    assert not same_party(None, "Microsoft")


def test_the_same_deal_from_a_wire_a_rewrite_and_the_8k_is_one_row_with_its_sources(engine: Engine) -> None:
    assert _record(engine, CLOUD, "https://a.example/1", "Wire One", AT)[0] == "new"
    rewrite = {**CLOUD, "counterparty": "Microsoft Corporation", "site": None}
    assert _record(engine, rewrite, "https://b.example/2", "Wire Two", AT + timedelta(hours=3))[0] == "source"
    assert _record(engine, CLOUD, "https://b.example/2", "Wire Two", AT + timedelta(hours=4))[0] == "known"
    filing = {**CLOUD, "backstop": None, "gpu_model": "GB300"}
    assert _record(engine, filing, "https://sec.example/8k", "8-K", AT + timedelta(days=2))[0] == "filled"
    with session_scope(engine) as session:
        (deal,) = deal_queries.deals_of(session, ["IREN"])
        assert [s["name"] for s in deal.sources] == ["Wire One", "Wire Two", "8-K"]
        assert deal.gpu_model == "GB300" and deal.history[-1]["fields"] == {"gpu_model": [None, "GB300"]}


def test_changed_terms_and_an_expansion_keep_the_history_and_sum_in_the_roll_up(engine: Engine) -> None:
    _record(engine, CLOUD, "https://a.example/1", "Wire One", AT)
    status, _ = _record(engine, {**CLOUD, "mw": 250}, "https://c.example/3", "Wire Three", AT + timedelta(hours=1))
    assert status == "changed"
    later = AT + timedelta(days=90)  # outside the window, but an expansion of the named contract
    added = {"is_deal": True, "kind": "cloud", "counterparty": "Microsoft", "mw": 100}
    assert _record(engine, added, "https://d.example/4", "Wire One", later, expansion=True)[0] == "expansion"
    with session_scope(engine) as session:
        (deal,) = deal_queries.deals_of(session, ["IREN"])
        assert deal.mw == 250
        assert [entry["change"] for entry in deal.history] == ["changed", "expansion"]
        assert deal.history[0]["fields"] == {"mw": [200, 250]}
        rollup = deal_queries.roll_up("IREN", [deal])
    assert (rollup.mw, rollup.contract_value_usd, rollup.deals) == (350, 9.7e9, 1)
    assert rollup.counterparties == ("Microsoft",) and rollup.sites == ("Childress, Texas",)


def test_unnamed_counterparties_match_on_phrase_and_compatible_terms_and_lois_are_not_counted(engine: Engine) -> None:
    lease = {"is_deal": True, "kind": "lease", "counterparty_phrase": "a hyperscale tenant", "mw": 150}
    _record(engine, lease, "https://a.example/1", "Wire One", AT, ticker="CIFR")
    same = {**lease, "counterparty_phrase": "A Hyperscale Tenant", "term_years": 15}
    assert (
        _record(engine, same, "https://b.example/2", "Wire Two", AT + timedelta(hours=2), ticker="CIFR")[0] == "filled"
    )
    other = {**lease, "mw": 300}
    assert _record(engine, other, "https://c.example/3", "Wire One", AT + timedelta(hours=5), ticker="CIFR")[0] == "new"
    loi = {"is_deal": False, "kind": "non_binding", "counterparty": "Fluidstack", "mw": 500}
    _record(engine, loi, "https://d.example/4", "Wire One", AT + timedelta(hours=6), ticker="CIFR")
    stale = AT + deal_queries.DEAL_WINDOW + timedelta(days=1)
    assert _record(engine, lease, "https://e.example/5", "Wire One", stale, ticker="CIFR")[0] == "new"
    with session_scope(engine) as session:
        deals = deal_queries.deals_of(session, ["CIFR"])
        rollup = deal_queries.roll_up("CIFR", deals)
    assert len(deals) == 4 and [d.kind for d in deals].count("non_binding") == 1
    assert (rollup.mw, rollup.deals) == (600, 3) and rollup.counterparties == ("a hyperscale tenant",)


def test_an_loi_never_amends_a_signed_deal_but_a_signed_deal_may_follow_an_loi(engine: Engine) -> None:
    loi = {"is_deal": False, "kind": "non_binding", "counterparty": "Microsoft", "mw": 300}
    assert _record(engine, loi, "https://a.example/1", "Wire One", AT)[0] == "new"
    signed = {**CLOUD, "mw": 300}
    assert _record(engine, signed, "https://b.example/2", "Wire One", AT + timedelta(days=1))[0] == "changed"
    assert _record(engine, loi, "https://c.example/3", "Wire One", AT + timedelta(days=2))[0] == "new"
    with session_scope(engine) as session:
        deals = deal_queries.deals_of(session, ["IREN"])
    assert sorted(d.kind for d in deals) == ["cloud", "non_binding"]
    assert deal_queries.roll_up("IREN", deals).mw == 300


def test_a_figure_no_signed_deal_states_rolls_up_as_none_not_zero(engine: Engine) -> None:
    """A lease stated by value only: the roll-up's MW is None (unknown), not 0, and an LOI's MW does not fill it in;
    a later source that states the lease's MW does."""
    lease = {"is_deal": True, "kind": "lease", "counterparty": "Google", "contract_value_usd": 7e9, "term_years": 15}
    _record(engine, lease, "https://a.example/1", "Wire One", AT, ticker="HUT")
    loi = {"is_deal": False, "kind": "non_binding", "counterparty": "Fluidstack", "mw": 500}
    _record(engine, loi, "https://b.example/2", "Wire One", AT + timedelta(hours=1), ticker="HUT")
    with session_scope(engine) as session:
        rollup = deal_queries.roll_up("HUT", deal_queries.deals_of(session, ["HUT"]))
        assert (rollup.mw, rollup.contract_value_usd, rollup.deals) == (None, 7e9, 1)
        assert deal_queries.roll_up("CIFR", []).mw is None
    stated = {**lease, "mw": 100}
    assert (
        _record(engine, stated, "https://c.example/3", "Wire Two", AT + timedelta(hours=2), ticker="HUT")[0] == "filled"
    )
    with session_scope(engine) as session:
        assert deal_queries.roll_up("HUT", deal_queries.deals_of(session, ["HUT"])).mw == 100
