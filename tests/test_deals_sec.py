"""8-K press releases feed the deal store: a release announcing a deal the news told first adds the filing as a
source and sends no second deal alert; a deal the 8-K tells first is alerted as a deal (beside the filing alert)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from store import deal_queries
from store.db import session_scope
from tests.conftest import Clock
from tests.helpers import add_chat, outbox
from tests.test_sec_job import CIFR, WWW, Document, Rig, at, baseline, make_rig

#: Our own wording of a hosting lease as a company would file it.
LEASE_RELEASE = Document(
    "ex99-1.htm",
    "EX-99.1",
    "PRESS RELEASE",
    b"<html><body><p>Cipher Mining Signs 10-Year HPC Lease with Fluidstack</p>"
    b"<p>NEW YORK -- Cipher Mining Inc. (NASDAQ: CIFR) today announced that it has signed a 10-year lease with "
    b"Fluidstack for 168 MW of critical IT load at its Barber Lake site, with a contract value of $3.0 billion.</p>"
    b"<p>About Cipher Mining</p><p>Cipher Mining develops industrial-scale data centers.</p></body></html>",
)
NEWS_TERMS = {"is_deal": True, "kind": "lease", "counterparty": "Fluidstack", "mw": 168, "term_years": 10}


@pytest.fixture
def rig(engine: Engine, clock: Clock) -> Rig:
    return make_rig(engine, clock)


def _deals(engine: Engine) -> list[deal_queries.Deal]:
    with session_scope(engine) as session:
        return deal_queries.deals_of(session, ["CIFR"])


async def test_an_8k_of_a_deal_the_news_told_adds_a_source_and_no_second_deal_alert(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    with session_scope(engine) as session:
        deal_queries.record_deal(
            session, "CIFR", NEWS_TERMS, title="t", link="https://news.example/1", source="Wire One", now=rig.clock.now
        )
    filing = rig.site.file(CIFR, 99, "8-K", at(25, 7, 5), items=("1.01", "9.01"), documents=(LEASE_RELEASE,))
    await rig.run(minutes=5)
    assert [row.kind for row in outbox(engine)] == ["filing"]
    [deal] = _deals(engine)
    assert [s["name"] for s in deal.sources] == ["Wire One", "SEC 8-K"]
    assert deal.sources[1]["url"] == f"{WWW}{filing.folder}/ex99-1.htm"
    assert (deal.contract_value_usd, deal.site) == (3.0e9, "Barber Lake")  # filled in from the release


async def test_a_deal_the_8k_tells_first_is_alerted_as_a_deal(rig: Rig, engine: Engine) -> None:
    add_chat(engine, 1, ("CIFR",))
    await baseline(rig)
    rig.site.file(CIFR, 99, "8-K", at(25, 7, 5), items=("1.01", "9.01"), documents=(LEASE_RELEASE,))
    await rig.run(minutes=5)
    rows = outbox(engine)
    assert sorted(row.kind for row in rows) == ["deal", "filing"]
    deal_text = next(row.text for row in rows if row.kind == "deal")
    assert deal_text.startswith("🏗 <b>$CIFR × Fluidstack</b> — AI/HPC lease, $3B over 10 years, 168 MW, Barber Lake")
    assert "Source: SEC 8-K" in deal_text
