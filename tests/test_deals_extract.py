"""AI/HPC deals from announcement text: the team's written release set, phrasing units, HTML, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minerwatch.cli import main
from minerwatch.commands.deals import evaluate, same_value
from watchers.deals import JSON_FIELDS, KINDS, DealTerms, parse_deal, parse_deal_item
from watchers.deals.amounts import gpu_count, gpu_model, megawatt_mentions, money_mentions, term_mentions

DEALS = Path(__file__).parent / "fixtures" / "deals"
RELEASES = sorted(DEALS.glob("*.txt"))
#: Written after the rules were first measured, run once as a held-out check, then kept as tests.
HELD_OUT = sorted((DEALS / "heldout").glob("*.txt"))


def expected(path: Path) -> dict[str, object]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def assert_reads_as_deal(headline: str, lede: str, want: dict[str, object]) -> None:
    """The headline and lede (none when empty) read as a deal with the fields in `want`."""
    got = parse_deal_item(headline, lede or None).to_json_dict()
    assert got["is_deal"]
    assert {name: got[name] for name in want} == want


def test_the_release_set_is_there() -> None:
    kinds = {expected(p)["kind"] for p in RELEASES}
    assert len(RELEASES) >= 18
    assert set(KINDS) <= kinds | {None}
    assert sum(not expected(p)["is_deal"] for p in RELEASES) >= 7
    assert len(HELD_OUT) >= 12


@pytest.mark.parametrize("path", RELEASES + HELD_OUT, ids=lambda p: p.stem)
def test_release_reads_as_labelled(path: Path) -> None:
    got = parse_deal(path.read_text(encoding="utf-8")).to_json_dict()
    want = expected(path)
    assert list(got) == list(JSON_FIELDS)
    for name in JSON_FIELDS:
        assert same_value(name, want[name], got[name]), f"{name}: got {got[name]!r}, labelled {want[name]!r}"


# --- numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("a five-year contract worth $9.7 billion", [9.7e9]),
        ("valued at US$1.4bn over ten years", [1.4e9]),
        ("about $865 million of contracted revenue", [865e6]),
        ("for $46M in cash", [46e6]),
        ("a USD 2.5 billion agreement", [2.5e9]),
        ("roughly $23.3 million including fit-out", [23.3e6]),
        ("$1,250,000 of deposits", [1_250_000.0]),
        ("a C$100 million loan and A$50 million of capex", []),
        ("shares closed at $18.39", [18.39]),
    ],
)
def test_money_mentions(sentence: str, values: list[float]) -> None:
    assert [value for value, _, _ in money_mentions(sentence)] == pytest.approx(values)


@pytest.mark.parametrize(
    ("sentence", "value", "critical", "gross"),
    [
        ("approximately 200 MW of critical IT load", 200.0, True, False),
        ("more than 168 megawatts of critical IT capacity", 168.0, True, False),
        ("a 1.2 GW campus", 1200.0, False, False),
        ("about 250 MW gross", 250.0, False, True),
        ("a 40-MW first phase", 40.0, False, False),
        ("up to 2 gigawatts of utility power", 2000.0, False, True),
        ("roughly 90 incremental MW of critical IT load", 90.0, True, False),
    ],
)
def test_megawatt_mentions(sentence: str, value: float, critical: bool, gross: bool) -> None:
    [mention] = megawatt_mentions(sentence)
    assert (mention.value, mention.critical_it, mention.gross) == (value, critical, gross)


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("over an initial 10-year term", [10]),
        ("a five-year agreement", [5]),
        ("for a term of 12 years", [12]),
        ("a fifteen year lease", [15]),
        ("the 52-week high", []),
    ],
)
def test_term_mentions(sentence: str, years: list[int]) -> None:
    assert [y for y, _, _ in term_mentions(sentence)] == years


@pytest.mark.parametrize(
    ("sentence", "count", "model"),
    [
        ("access to ~23,000 NVIDIA GB300 GPUs", 23000, "NVIDIA GB300"),
        ("a cluster of 512 NVIDIA HGX H100 GPUs", 512, "NVIDIA HGX H100"),
        ("2,048 GPUs in Iceland", 2048, None),
        ("about 19k GPUs", 19000, None),
        ("Nvidia's Blackwell systems", None, "NVIDIA Blackwell"),
        ("AMD Instinct MI355X accelerators", None, "AMD Instinct MI355X"),
        ("300 MW of NVIDIA GPUs", None, None),
        ("the company ran more than 250,000 GPUs across 32 data centers", None, None),
        ("Route A100 runs past the site", None, None),
        ("capacity on AMD's next-generation Instinct MI450 chips", None, "AMD Instinct MI450"),
    ],
)
def test_gpus(sentence: str, count: int | None, model: str | None) -> None:
    assert gpu_count(sentence) == count
    if model is not None or "GPUs" not in sentence:
        assert gpu_model(sentence) == model


# --- deal or not ------------------------------------------------------------------------------------

_NOT_DEALS = [
    ("Miner says it is exploring AI hosting options for its 400 MW site", None),
    ("Miner in talks with two hyperscalers over a long-term lease at its Ohio campus", None),
    ("Miner plans to sign HPC tenants for its West Texas campus next year", None),
    ("Miner expects to enter into a colocation agreement by year-end", None),
    ("Miner could sign a lease with a hyperscaler as soon as this quarter, analysts say", None),
    ("Miner has not yet signed a tenant for its new AI data center", None),
    ("Miner signs letter of intent with GPU cloud provider for 50 MW", "non_binding"),
    ("Miner and Cloudco sign non-binding term sheet for 200 MW colocation", "non_binding"),
    ("Miner enters memorandum of understanding with a sovereign AI fund", "non_binding"),
    ("Miner closes $500 million convertible notes offering to fund HPC expansion", None),
    ("Miner secures $300 million credit facility for AI data center build-out", None),
    ("Miner raises $200 million in private placement for HPC pivot", None),
    ("Miner signs hosting agreement for 10 EH/s of bitcoin miners", None),
    ("Miner acquires 5,000 Antminer S21 XP machines for its bitcoin mining fleet", None),
    ("Miner breaks ground on 250 MW AI campus in Oklahoma", None),
    ("Miner reports November production: 700 BTC mined", None),
    ("Neocloud announces record quarterly revenue driven by AI cloud services", None),
    ("Miner reports third quarter results; HPC leasing pipeline grows to 2 GW", None),
    ("Tenant terminates agreement to acquire Miner's AI data center business", None),
    ("Shareholders vote against the sale of Miner's HPC campus to Cloudco", None),
    ("Miner completes $1.4 billion project financing for its AI campus", None),
    ("Miner announces $500 million at-the-market equity program to fund GPU purchases", None),
]


@pytest.mark.parametrize(("headline", "kind"), _NOT_DEALS, ids=[h[:40] for h, _ in _NOT_DEALS])
def test_not_deals(headline: str, kind: str | None) -> None:
    got = parse_deal(headline)
    assert not got.is_deal
    assert got.kind == kind
    assert got.to_json_dict() == {**DealTerms().to_json_dict(), "kind": kind}  # nothing else is filled


_DEALS = [
    ("Miner signs 10-year lease with CoreWeave for 100 MW at its Texas campus", "lease", "CoreWeave"),
    ("Miner inks colocation deal with Fluidstack", "lease", "Fluidstack"),
    ("Miner lands Anthropic as anchor tenant for its Louisiana campus", "lease", "Anthropic"),
    ("Oracle signs multi-year AI cloud contract with Miner Cloud Inc.", "cloud", "Oracle"),
    ("Miner wins $400 million GPU-as-a-service contract from an AI lab", "cloud", None),
    (
        "Miner completes acquisition of AI data center operator Quantum Loop Data Centers for $120 million",
        "acquisition",
        "Quantum Loop Data Centers",
    ),
    ("Miner buys 10,000 NVIDIA GB200 GPUs from Dell Technologies", "hardware", "Dell Technologies"),
    (
        "Miner forms joint venture with Gridstone Capital to build 500 MW of AI capacity",
        "partnership",
        "Gridstone Capital",
    ),
    ("CoreWeave expands its contract with Miner by 70 MW of critical IT load", "lease", "CoreWeave"),
]


@pytest.mark.parametrize(("headline", "kind", "party"), _DEALS, ids=[h[:40] for h, _, _ in _DEALS])
def test_deal_headlines(headline: str, kind: str, party: str | None) -> None:
    got = parse_deal(headline)
    assert got.is_deal
    assert got.kind == kind
    assert got.counterparty == party


@pytest.mark.parametrize(
    ("headline", "want"),
    [
        (
            "Galaxy Digital Secures 15-Year Lease With CoreWeave for 133 MW of Critical IT Capacity at Helios",
            {"kind": "lease", "counterparty": "CoreWeave", "mw": 133, "term_years": 15, "site": "Helios"},
        ),
        (
            "Applied Digital Announces 150MW Lease with CoreWeave at Polaris Forge 1 in Ellendale, North Dakota",
            {"kind": "lease", "counterparty": "CoreWeave", "mw": 150, "site": "Polaris Forge 1"},
        ),
        (
            "Neocloud signs $3 billion deal with Meta for AI infrastructure",
            {"kind": "cloud", "counterparty": "Meta", "contract_value_usd": 3e9},
        ),
        (
            "Miner Signs Lease With Undisclosed Hyperscaler",
            {"kind": "lease", "counterparty": None},
        ),
    ],
)
def test_title_case_headlines(headline: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, "", want)


@pytest.mark.parametrize(
    ("headline", "want"),
    [
        ("Miner adds 80 MW to its Anthropic contract", {"counterparty": "Anthropic", "mw": 80}),
        ("Miner expands Lambda partnership by 40 MW", {"counterparty": "Lambda", "mw": 40, "kind": "partnership"}),
        (
            "Cloudco exercises option for another 96 MW of HPC capacity at Miner's Red Mesa campus",
            {"counterparty": "Cloudco", "mw": 96, "site": "Red Mesa", "kind": "lease"},
        ),
        ("Miner upsizes Cloudco lease by 50 MW of critical IT load", {"counterparty": "Cloudco", "mw": 50}),
        ("Miner extends HPC lease with Cloudco by five years", {"counterparty": "Cloudco", "term_years": 5}),
        (
            "Miner Signs Lease With Undisclosed Hyperscaler for 180 MW",
            {"counterparty": None, "counterparty_phrase": "Undisclosed Hyperscaler", "mw": 180},
        ),
        ("Miner signs AI cloud deal with Cloudco-backed startup", {"counterparty": None}),
    ],
)
def test_expansions_and_title_case_parties(headline: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, "", want)


def test_an_unexercised_option_is_not_the_deals_mw() -> None:
    got = parse_deal("Miner signs lease with Cloudco for 200 MW of critical IT load; Cloudco may add 160 MW")
    assert got.mw == 200


def test_running_totals_and_company_descriptions_are_not_this_deal() -> None:
    got = parse_deal_item(
        "Landlord Mining Announces Option Exercise by Cloudco\n\n"
        "Raises Total Contracted HPC Capacity With Cloudco to About 600 MW at Four Landlord Mining Sites",
        "Landlord Mining, a Nasdaq-listed data center developer, said Cloudco exercised its option for about 90 "
        "incremental MW of critical IT load at Landlord Mining's Red Mesa campus in Pecos, Texas.",
    )
    assert got.is_deal and got.counterparty == "Cloudco" and got.mw == 90 and got.site == "Red Mesa"


def test_owner_before_a_city_is_not_part_of_the_site() -> None:
    got = parse_deal("Hyperco signs $2 billion AI cloud contract with Google at Miner's Abilene, Texas facility")
    assert got.site == "Abilene, Texas" and got.counterparty == "Google"


def test_gpu_model_is_its_most_specific_mention() -> None:
    got = parse_deal_item(
        "Miner signs two-year AI cloud deal for 256 Nvidia H200 GPUs",
        "The cluster uses NVIDIA HGX H200 servers delivered by an OEM partner.",
    )
    assert got.gpu_model == "NVIDIA HGX H200" and got.gpu_count == 256


def test_a_deal_after_year_end_is_still_a_deal() -> None:
    got = parse_deal_item("Miner adds AI tenant", "After year-end, Miner signed a 10-year HPC lease with Cloudco.")
    assert got.is_deal and got.counterparty == "Cloudco" and got.term_years == 10


def test_signed_lease_that_starts_later_is_a_deal() -> None:
    got = parse_deal_item(
        "Miner signs HPC lease for 90 MW at its Ohio site; lease becomes effective once financing closes",
        "The lease with an investment-grade tenant has an initial term of 12 years.",
    )
    assert got.is_deal and got.kind == "lease" and got.term_years == 12 and got.mw == 90


def test_backstop_phrasings() -> None:
    for lede in (
        "The tenant's obligations are backstopped by Google.",
        "Google will backstop $1.4 billion of the tenant's lease obligations.",
        "Its obligations are guaranteed by Microsoft.",
    ):
        got = parse_deal_item("Miner signs 10-year HPC colocation agreement with Fluidstack", lede)
        assert got.counterparty == "Fluidstack"
        assert got.backstop in ("Google", "Microsoft")


def test_extension_totals_and_cumulative_figures_are_not_the_value() -> None:
    got = parse_deal_item(
        "Miner signs HPC lease with CoreWeave",
        "The lease carries about $1.1 billion of revenue over its initial term; with two renewal options the "
        "total could reach $3 billion. It brings the company's total contracted revenue to $6 billion.",
    )
    assert got.contract_value_usd == 1.1e9


def test_through_a_year_is_not_a_term() -> None:
    got = parse_deal("Miner signs $2 billion AI cloud contract with Meta running through December 2031")
    assert got.is_deal and got.term_years is None and got.contract_value_usd == 2e9


def test_unstated_fields_stay_null() -> None:
    got = parse_deal("Miner signs colocation agreement with Fluidstack").to_json_dict()
    assert {k for k, v in got.items() if v is not None} == {"is_deal", "kind", "counterparty"}


def test_boilerplate_is_not_read() -> None:
    text = (
        "Miner signs AI data center lease with Cloudco\n\n"
        "Miner (Nasdaq: MNR) signed a colocation lease with Cloudco.\n\n"
        "About Miner\n\nMiner operates 1.5 GW of sites and has a $9 billion pipeline of potential leases.\n\n"
        "Forward-Looking Statements\n\nMiner expects to sign a 20-year lease with a hyperscaler."
    )
    got = parse_deal(text)
    assert (
        got.counterparty == "Cloudco" and got.mw is None and got.contract_value_usd is None and got.term_years is None
    )


def test_exhibit_label_is_not_the_headline() -> None:
    assert not parse_deal("Exhibit 99.1\n\nMiner Reports Third Quarter Results\n\nMiner signed an HPC lease.").is_deal
    got = parse_deal("EX-99.1\n\nMiner signs HPC lease with Cloudco\n\nThe lease runs ten years.")
    assert got.is_deal and got.counterparty == "Cloudco"


def test_empty_and_junk_text() -> None:
    assert parse_deal("") == DealTerms()
    assert parse_deal("\x00\x01 ??? $$$ 12 MW") == DealTerms()
    assert not parse_deal("a" * 50_000).is_deal


# --- HTML exhibit and the CLI -----------------------------------------------------------------------


def test_parse_file_prints_the_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deals", "parse", str(DEALS / "ex99_lease_8k_exhibit.htm")]) == 0
    got = json.loads(capsys.readouterr().out)
    assert list(got) == list(JSON_FIELDS)
    assert got["is_deal"] and got["kind"] == "lease" and got["counterparty"] == "Lumenra AI"
    assert got["mw"] == 100 and got["mw_gross"] == 130 and got["term_years"] == 10
    assert got["contract_value_usd"] == 1_600_000_000 and got["site"] == "Sundance"


def test_parse_jsonl_writes_one_line_per_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text(
        json.dumps({"id": "a", "title": "Miner signs lease with CoreWeave for 50 MW", "lede": ""})
        + "\n\n"
        + json.dumps({"id": 7, "title": "Miner exploring AI options", "lede": "No agreement has been signed."})
        + "\n",
        encoding="utf-8",
    )
    assert main(["deals", "parse", "--jsonl", str(items)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    assert lines[0]["is_deal"] and lines[0]["mw"] == 50 and not lines[1]["is_deal"]
    assert list(lines[0]) == ["id", *JSON_FIELDS]


def test_parse_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deals", "parse", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "title": "x"}\nnot json\n', encoding="utf-8")
    assert main(["deals", "parse", "--jsonl", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "bad.jsonl line 2: not JSON" in captured.err and captured.out == ""  # no half-written output
    bad.write_text('{"id": 1, "title": "x"}\n{"id": 2, "title": ["not", "text"]}\n', encoding="utf-8")
    assert main(["deals", "parse", "--jsonl", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "bad.jsonl line 2: title is list, not text (expected one like {" in captured.err and captured.out == ""


@pytest.mark.parametrize("body", ["", "  \n\n", "<html><body> </body></html>"])
def test_parse_of_a_file_without_text_says_so_with_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    release = tmp_path / "release.htm"
    release.write_text(body, encoding="utf-8")
    for command in ("deals", "converts"):
        assert main([command, "parse", str(release)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1
        assert f"release.htm holds no text; give one press release (text or HTML), e.g. minerwatch {command} parse" in (
            captured.err
        )


def test_eval_scores_the_written_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "labelled.jsonl"
    with labelled.open("w", encoding="utf-8") as handle:
        for path in RELEASES:
            item = {"id": path.stem, "text": path.read_text(encoding="utf-8"), "expected": expected(path)}
            handle.write(json.dumps(item) + "\n")
    assert main(["deals", "eval", "--jsonl", str(labelled)]) == 0
    out = capsys.readouterr().out
    assert "F1 1.000" in out and "misses: none" in out


def test_eval_counts_and_lists_misses() -> None:
    deal = {"is_deal": True, "kind": "lease", "counterparty": "CoreWeave", "mw": 80, "term_years": None}
    items = [
        {"id": "hit", "title": "Miner signs lease with CoreWeave Inc. for 80 MW", "expected": deal},
        {"id": "wrong-mw", "title": "Miner signs lease with CoreWeave for 60 MW", "expected": deal},
        {"id": "missed", "title": "Miner to explore deals", "expected": deal},
        {"id": "fp", "title": "Miner signs lease with CoreWeave", "expected": {"is_deal": False}},
    ]
    scores = evaluate(items)
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (2, 1, 1, 0)
    assert scores.right["mw"] == 1 and scores.stated["mw"] == 3  # the missed deal's MW counts as stated
    assert scores.right["counterparty"] == 2  # "CoreWeave Inc." is CoreWeave
    assert any(m.startswith("wrong-mw: mw = 60") for m in scores.misses)
    assert any(m.startswith("missed: deal missed") for m in scores.misses)
    assert any(m.startswith("fp: counted as a deal") for m in scores.misses)


@pytest.mark.parametrize(
    ("name", "want", "got", "same"),
    [
        ("counterparty", "Meta", "Meta Platforms", True),
        ("counterparty", "Nscale", "Nscale Global Holdings, Inc.", True),
        ("counterparty", "Meta", "Metallica", False),
        ("site", "Lake Mariner", "lake mariner", True),
        ("site", "NC-1", "NC-1, Madison, North Carolina", False),
        ("mw", 200, 200.0, True),
        ("contract_value_usd", 9.7e9, 9_700_000_000, True),
        ("term_years", None, 5, False),
    ],
)
def test_same_value(name: str, want: object, got: object, same: bool) -> None:
    assert same_value(name, want, got) is same


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # the site named bare before "under", the party only in the headline
            "Landlord Mining inks deal with Hyperco",
            "The Gulf-based cloud provider will take 60 MW of AI capacity at Bluegrass Ridge under a lease valued at "
            "$1.0 billion.",
            {"counterparty": "Hyperco", "mw": 60, "site": "Bluegrass Ridge", "contract_value_usd": 1e9},
        ),
        (  # the customer as the contract's adjective; "from its City, State campus"
            "Miner lands $9.7B Microsoft contract",
            "Under the five-year deal Miner will provide GPU cloud capacity from its Odessa, Texas campus.",
            {"counterparty": "Microsoft", "site": "Odessa, Texas", "term_years": 5, "contract_value_usd": 9.7e9},
        ),
        (
            "Miner signs 10-year Cloudco HPC lease for 120 MW",
            "",
            {"counterparty": "Cloudco", "kind": "lease", "mw": 120, "term_years": 10},
        ),
        (
            "Miner lands $3B Cloudco AI hosting lease",
            "",
            {"counterparty": "Cloudco", "kind": "lease", "contract_value_usd": 3e9},
        ),
        (  # title case: every word is capitalised, so only a known AI buyer counts as the contract's adjective
            "Miner Signs Two-Year Colocation Agreement for AI Capacity",
            "",
            {"counterparty": None, "kind": "lease", "term_years": 2},
        ),
        ("Miner Lands $9.7B Microsoft Contract for AI Cloud Capacity", "", {"counterparty": "Microsoft"}),
    ],
)
def test_rewrite_constructs(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Miner agreed two decade-long HPC colocation contracts", [10]),
        ("a Cloudco deal worth $3B over a decade", [10]),
        ("Cloudco leases the hall for a decade", [10]),
        ("the miner grew its fleet over the past decade", []),
        ("the site could be fully built within a decade", []),
    ],
)
def test_a_decade_is_a_ten_year_term(sentence: str, years: list[int]) -> None:
    assert [found for found, _, _ in term_mentions(sentence)] == years


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # a region before "campus" is not a site's name; the headline's bare name is
            "Cloudco exercises option for 120 MW lease at Miner's Ridge Point",
            "The new hall lifts Cloudco's critical IT load at the Upstate New York campus to 300 MW.",
            {"site": "Ridge Point", "mw": 120},
        ),
        (  # a size before "campus" is not a name; the place after it is
            "Microsoft signs $4 billion AI cloud contract with Miner",
            "Microsoft buys five years of GPU capacity to be installed at Miner's 600 MW campus in Wexford.",
            {"site": "Wexford", "term_years": 5, "counterparty": "Microsoft"},
        ),
        (  # "N MW in <place>"; a former owner's name before "facility" is not the site
            "Miner to lease 16 MW in Lubbock to Cloudco for AI workloads",
            "The contract at the former Acme Instruments facility runs for seven years.",
            {"site": "Lubbock", "mw": 16, "counterparty": "Cloudco", "term_years": 7},
        ),
    ],
)
def test_site_phrasings(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (
            "Miner signs $5 billion, 12-year AI data center lease with Cloudco, backed by Google",
            "",
            {"counterparty": "Cloudco", "backstop": "Google", "contract_value_usd": 5e9, "term_years": 12},
        ),
        (  # a hyperscaler's "-backed" names the backstop, the name after it the tenant
            "MINR: Google-backed Cloudco HPC deal worth $2B over a decade",
            "Miner will host Cloudco's clusters across 150 MW of critical IT capacity.",
            {"counterparty": "Cloudco", "backstop": "Google", "term_years": 10, "mw": 150},
        ),
        (
            "Miner to build AI data center as Cloudco takes 200 MW",
            "Miner signed a lease valued at $6 billion; Google provides a financial backstop for the base term.",
            {"counterparty": "Cloudco", "backstop": "Google", "mw": 200, "contract_value_usd": 6e9},
        ),
        (  # the backstop's new total is not what the lease is worth
            "Cloudco exercises option for 90 MW HPC lease at Miner's Ridge Point",
            "Google is raising its backstop by $1.4 billion to $3.2 billion.",
            {"counterparty": "Cloudco", "backstop": "Google", "contract_value_usd": None, "mw": 90},
        ),
        (  # being backed by an investor or a lender is not a backstop
            "Miner signs 100 MW AI lease with Cloudco, a startup backed by Capital Partners",
            "",
            {"counterparty": "Cloudco", "backstop": None},
        ),
        (
            "Miner's cloud unit to host Chipco under five-year colocation deal",
            "Chipco has contracted 5 MW of IT load at the site.",
            {"counterparty": "Chipco", "term_years": 5, "mw": 5},
        ),
        ("Miner leases 70 MW at Ridge Point to Gulfco's Cloudco for AI", "", {"counterparty": "Cloudco", "mw": 70}),
        (
            "Miner's AI unit partners with Telco on sovereign AI infrastructure",
            "The unit will start with a 5 MW facility in Manitoba later this year.",
            {"kind": "partnership", "counterparty": "Telco", "mw": 5, "site": "Manitoba"},
        ),
        (  # a GPU purchase is worth what is paid for it
            "Miner buys 2,000 Nvidia B200 GPUs in $130 million purchase",
            "",
            {"kind": "hardware", "contract_value_usd": 1.3e8, "gpu_count": 2000},
        ),
    ],
)
def test_backstop_and_party_phrasings(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        (
            "Miner starts core-and-shell construction at Red Mesa as it pivots to AI data centers",
            "Work has begun on the first two halls at the campus after land purchases closed and the design was "
            "finalized; no tenant has been announced.",
        ),
        ("Miner adds 100 MW of AI capacity at Red Mesa", "No tenant has been signed yet for the new hall."),
    ],
)
def test_a_build_without_a_tenant_is_no_deal(headline: str, lede: str) -> None:
    assert not parse_deal_item(headline, lede).is_deal


def test_a_running_total_of_lease_revenue_is_not_the_deals_value() -> None:
    got = parse_deal_item(
        "Landlord Mining finalizes additional 150MW Cloudco lease at Red Mesa",
        "The third lease lifts total critical IT under contract with Cloudco at the campus to 400 MW and the "
        "company's anticipated contracted lease revenue to about $11 billion.",
    )
    assert got.is_deal and got.counterparty == "Cloudco" and got.mw == 150
    assert got.contract_value_usd is None


@pytest.mark.parametrize(
    ("headline", "want"),
    [
        ("Cloudco secures 40 MW at Miner's Ridge Point AI campus", {"counterparty": "Cloudco", "mw": 40}),
        ("Cloudco Takes 200MW at Miner's Red Mesa HPC Campus in $2B Deal", {"counterparty": "Cloudco", "mw": 200}),
        ("Cloudco leases 70 MW of critical IT load at Landlord Mining's Denton site", {"counterparty": "Cloudco"}),
    ],
)
def test_a_tenant_taking_capacity_at_another_companys_site_is_a_lease(headline: str, want: dict[str, object]) -> None:
    got = parse_deal(headline).to_json_dict()
    assert got["is_deal"] and got["kind"] == "lease"
    assert {name: got[name] for name in want} == want


@pytest.mark.parametrize(
    "headline", ["Miner adds 50 MW at its Red Mesa site for AI", "Miner takes 12% stake in AI startup"]
)
def test_capacity_at_its_own_site_or_a_stake_is_no_lease(headline: str) -> None:
    assert not parse_deal(headline).is_deal


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # "U.S." is no name; the unnamed tenant is described
            "Landlord Mining adds 300 MW AI campus lease",
            "It signed a 15-year lease with the same undisclosed U.S. hyperscaler that took its first campus.",
            {"counterparty": None, "counterparty_phrase": "the same undisclosed U.S. hyperscaler", "term_years": 15},
        ),
        (  # the place before "-based" is not part of the name
            "Miner signs 10-year AI colocation agreement with London-based Cloudco",
            "",
            {"counterparty": "Cloudco", "term_years": 10},
        ),
        (  # "leases" as a noun after a site's name is not a verb with that name as its subject
            "Landlord Mining inks $5.2 billion, 210 MW AI lease",
            "The lease is with the same hyperscale customer behind its Ridge One and Ridge Two leases.",
            {"counterparty": None, "mw": 210, "contract_value_usd": 5.2e9},
        ),
        (  # a title-case "With Google Backstop"; "is backing $1.3 billion of" names the backstop
            "Miner, Cloudco Form $9.5 Billion AI Joint Venture With Google Backstop",
            "Google is backing about $1.3 billion of Cloudco's lease obligations.",
            {"counterparty": "Cloudco", "backstop": "Google", "kind": "partnership"},
        ),
        (  # the lender of a credit line told beside the lease is not its party
            "Miner signs 15-year lease with an investment-grade hyperscale tenant for 352 MW of AI capacity",
            "It also closed a $200 million revolving credit facility arranged by Big Bank.",
            {"counterparty": None, "counterparty_phrase": "an investment-grade hyperscale tenant", "mw": 352},
        ),
        (  # "across roughly 60 MW" is the deal's; "crosses 1 GW" a running total
            "Miner signs $3.4 billion five-year AI cloud contract with Nvidia, crosses 1 GW contracted",
            "Miner will deploy Blackwell systems across roughly 60 MW of its existing data centers.",
            {"counterparty": "Nvidia", "mw": 60, "term_years": 5, "contract_value_usd": 3.4e9},
        ),
    ],
)
def test_names_and_figures_of_trade_press_rewrites(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # the headline also names the project debt; the lede's signed lease is the news
            "Miner signs Cloudco for Red Mesa AI halls, taps two banks for project debt",
            "Miner has signed a data center lease with Cloudco at its Red Mesa site. The lease covers 48 MW of "
            "critical IT load for an initial 10 years.",
            {"kind": "lease", "counterparty": "Cloudco", "mw": 48, "term_years": 10},
        ),
        (  # the extension total after "or as much as … should … options be used" is not the value
            "Miner inks $2.1 billion Cloudco colocation pact",
            "Miner signed two ten-year HPC colocation contracts with Cloudco, locking in about $2.1 billion of "
            "contracted revenue, or as much as $5.3 billion should both renewal options be used.",
            {"contract_value_usd": 2.1e9, "term_years": 10},
        ),
        (  # a backstop told as "stands behind", "has increased its backstop", "(Alphabet) guarantees"
            "Miner signs 10-year AI lease with Cloudco",
            "Google stands behind $900 million of the tenant's lease payments.",
            {"counterparty": "Cloudco", "backstop": "Google"},
        ),
        (
            "Miner adds 30 MW HPC lease with Cloudco",
            "Google has increased its backstop of Cloudco's lease obligations by $200 million.",
            {"backstop": "Google"},
        ),
        (
            "Miner signs 15-year, $3 billion AI lease with Cloudco",
            "Google (Alphabet) guarantees the lease payments should Cloudco default.",
            {"backstop": "Google", "contract_value_usd": 3e9},
        ),
    ],
)
def test_phrasings_of_a_second_study_set_of_rewrites(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        (  # a cumulative figure "swells to" / "taking … agreements to": not this deal's value
            "Miner jumps as Cloudco partnership swells to $4.1 billion",
            "Miner signed a new agreement to deliver another 80 MW of HPC infrastructure for Cloudco, taking their "
            "combined agreements to "
            "$4.1 billion.",
        ),
        (
            "Miner's Cloudco lease could reach $9 billion",
            "Miner signed a 12-year HPC lease with Cloudco; the contract is worth as much as $9 billion with lease "
            "extensions.",
        ),
    ],
)
def test_running_and_extension_totals_are_not_the_value(headline: str, lede: str) -> None:
    got = parse_deal_item(headline, lede)
    assert got.is_deal and got.contract_value_usd is None


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        (  # buying a company's stock is an investment, not an AI/HPC deal
            "Cloudco pops 9% as Chipco invests $1 billion",
            "Cloudco shares jumped after Chipco said it bought $1 billion of the AI cloud provider's Class A stock.",
        ),
        (  # an order of electrical gear is neither a GPU purchase nor an acquisition
            "Miner sees strong interest in its AI campus",
            "It has ordered and paid for electrical equipment for about half of the 30 MW planned for AI compute.",
        ),
    ],
)
def test_an_equity_purchase_or_an_equipment_order_is_no_deal(headline: str, lede: str) -> None:
    assert not parse_deal_item(headline, lede).is_deal


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # "the AI cloud" names the tenant, not a cloud contract; the colocation agreement is a lease
            "Miner adds 20 MW for Cloudco, handing the AI cloud all of Red Mesa",
            "Miner has signed another 10-year HPC colocation agreement with Cloudco for 20 MW of critical IT load.",
            {"kind": "lease", "counterparty": "Cloudco", "mw": 20},
        ),
        (  # an agreement to buy a stake is an acquisition of the company the stake is in
            "Miner makes AI move with $90M deal for 60% of Gridco Cloud",
            "Miner has signed an agreement to buy a 60% stake in Gridco Cloud, an HPC and AI cloud operator, for "
            "$90 million.",
            {"kind": "acquisition", "counterparty": "Gridco Cloud", "contract_value_usd": 9e7},
        ),
        (
            "Chipco agrees to buy Miner in $4 billion all-stock deal",
            "Chipco said it has signed an all-stock agreement to acquire data center operator Miner for AI capacity.",
            {"kind": "acquisition"},
        ),
        (  # the tenant after "for", behind a backer's name
            "Miner signs new HPC hosting agreement",
            "Miner will deliver another 60 MW of HPC infrastructure for Chipco-backed Cloudco.",
            {"counterparty": "Cloudco", "mw": 60},
        ),
        (  # a party named through its affiliate
            "Miner forms joint venture with Cloudco for AI campus",
            "Miner formed a joint venture with a Cloudco subsidiary; a Cloudco affiliate has signed a 20-year HPC "
            "lease for 100 MW at the Red Mesa Campus.",
            {"kind": "partnership", "counterparty": "Cloudco", "site": "Red Mesa"},
        ),
    ],
)
def test_parties_and_kinds_of_a_second_study_set(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # no phrasing names the party, but a well-known AI cloud is named in the deal's sentences
            "Miner adds 39 MW in new 10-year HPC colocation agreement",
            "The added capacity goes to Fluidstack's clusters, bringing the tenant's share of the site to all of it.",
            {"counterparty": "Fluidstack", "mw": 39, "term_years": 10},
        ),
        (  # a known tenant leading the headline is the party, the miner is the release's company
            "Fluidstack takes 160 MW CB-5 at Red Mesa",
            "Miner said the tenant's new hall will provide 160 MW of critical IT load.",
            {"counterparty": "Fluidstack", "mw": 160},
        ),
        (  # a title-case headline's descriptor before the name
            "CoreWeave Takes Up Last Option at Miner, Adding About 120 MW of Critical IT Load",
            "Miner said the AI Hyperscaler CoreWeave has exercised the last remaining option under its HPC hosting "
            "contract.",
            {"counterparty": "CoreWeave", "mw": 120},
        ),
    ],
)
def test_a_known_ai_cloud_as_the_party(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


def test_a_known_ai_cloud_that_backs_the_tenant_is_not_the_party() -> None:
    got = parse_deal_item(
        "Miner signs 10-year HPC colocation agreement for 60 MW of critical IT load",
        "Google will backstop the tenant's lease obligations.",
    )
    assert got.is_deal and got.counterparty is None and got.backstop == "Google"


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (
            "Minerco-Aktie springt: Cloudco bucht KI-Rechenleistung für 2,4 Milliarden Dollar",
            "Für rund 2,4 Milliarden US-Dollar erhält Cloudco über eine Laufzeit von fünf Jahren Zugang zu "
            "GPU-Kapazitäten im texanischen Pecos.",
            {"kind": "cloud", "contract_value_usd": 2.4e9, "term_years": 5, "site": "Pecos"},
        ),
        (
            "Minerco: 1,5-Milliarden-Vertrag mit Fluidstack, Google bürgt",
            "Minerco hat mit dem KI-Cloud-Anbieter Fluidstack eine zehnjährige HPC-Colocation-Vereinbarung "
            "geschlossen. Geliefert werden 96 MW kritische IT-Last auf dem Gelände Red Mesa in Texas; Wert in der "
            "Grundlaufzeit: etwa 1,5 Mrd. US-Dollar.",
            {
                "kind": "lease",
                "counterparty": "Fluidstack",
                "backstop": "Google",
                "mw": 96,
                "contract_value_usd": 1.5e9,
                "term_years": 10,
                "site": "Red Mesa",
            },
        ),
        (  # a capitalised German noun before "bürgt" is no backstop; the name after it is
            "Minerco landet KI-Mietvertrag über 4 Milliarden Dollar mit Cloudco",
            "Cloudco mietet auf dem Campus Ridge Point 120 MW KI-Kapazität über eine Basislaufzeit von 12 Jahren. "
            "Für die Mietzahlungen der Grundlaufzeit bürgt Google.",
            {"kind": "lease", "backstop": "Google", "term_years": 12, "site": "Ridge Point", "mw": 120},
        ),
        (
            "Minerco kauft Industrieimmobilie in Ohio für 31,5 Mio. Dollar",
            "Minerco hat sich ein Gebäude in Dayton, Ohio, für seine KI- und HPC-Sparte gesichert.",
            {"kind": "acquisition", "contract_value_usd": 3.15e7},
        ),
    ],
)
def test_german_deal_items(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede", "kind"),
    [
        ("Minerco plant KI-Rechenzentrum in Texas", "Minerco prüft einen Mietvertrag mit einem Hyperscaler.", None),
        (
            "Minerco unterzeichnet Absichtserklärung mit Cloudco",
            "Die unverbindliche Absichtserklärung sieht 50 MW KI-Kapazität vor.",
            "non_binding",
        ),
    ],
)
def test_german_plans_and_letters_of_intent_are_no_deal(headline: str, lede: str, kind: str | None) -> None:
    got = parse_deal_item(headline, lede)
    assert not got.is_deal and got.kind == kind


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (  # the buyer's own line of business is no cloud contract: the GPU order is the deal
            "Minerco buys 960 NVIDIA H200 GPUs to grow AI cloud business",
            "SYDNEY, May 2, 2025 -- Minerco Limited (NASDAQ: MNCO) said today it will buy 960 of NVIDIA's H200 GPUs "
            "at a cost of $38 million to expand its AI Cloud Services.",
            {"kind": "hardware", "gpu_count": 960, "gpu_model": "NVIDIA H200", "contract_value_usd": 3.8e7},
        ),
        (  # systems rather than "GPUs", bought from a vendor
            "Minerco to spend $900 million on Dell-built NVIDIA Blackwell systems",
            "Minerco said it has agreed to buy NVIDIA Blackwell-architecture computing systems from Dell "
            "Technologies for roughly $900 million.",
            {"kind": "hardware", "counterparty": "Dell Technologies", "contract_value_usd": 9e8},
        ),
        (
            "Landco to build 400 MW campus for Microsoft",
            "Microsoft agreed to take the site, where its artificial intelligence workloads will run.",
            {"kind": "lease", "counterparty": "Microsoft"},
        ),
        (
            "Cloudco to anchor Devco's AI campus under 12-year lease",
            "Cloudco will anchor the first phase, taking 150MW of capacity under a 12-year lease.",
            {"kind": "lease", "mw": 150, "term_years": 12},
        ),
        (
            "Hostco commits its Riverside AI Campus to Microsoft",
            "Hostco said it has entered a commitment with Microsoft covering 40MW of AI capacity and 10,000 "
            "NVIDIA GB300 GPUs.",
            {"counterparty": "Microsoft", "gpu_count": 10000, "gpu_model": "NVIDIA GB300"},
        ),
        (  # "with Nvidia GPUs" names the chips; the customer is the party
            "Cloudco strikes multibillion-dollar deal to supply Microsoft with Nvidia GPUs",
            "Cloudco has signed an agreement with Microsoft to put tens of thousands of Nvidia GPUs into service.",
            {"counterparty": "Microsoft"},
        ),
        (  # an earlier contract's value is not this one's; "valued at up to" is
            "Cloudco signs Microsoft deal for 90,000 Nvidia chips",
            "Cloudco agreed a multi-year contract to provide Microsoft with roughly 90,000 AI chips, a deal valued at "
            "up to $7 billion. The pact builds on an earlier $2.1 billion contract.",
            {"contract_value_usd": 7e9, "gpu_count": 90000},
        ),
        (  # a tenant's own release: the landlord it leases from
            "Cloudco leases 18MW from Tower Properties in first Spanish move",
            "AI cloud provider Cloudco has signed a lease for 18MW of capacity at a data center in Spain.",
            {"kind": "lease", "counterparty": "Tower Properties", "mw": 18},
        ),
        (  # Canadian dollars are not US dollars; a place is not the party
            "Minerco buys Greater Ottawa Area land for AI campus",
            "Minerco has bought some 20 acres for CAD $40 million for its planned HPC campus.",
            {"kind": "acquisition", "counterparty": None, "contract_value_usd": None},
        ),
    ],
)
def test_phrasings_of_a_fourth_study_set(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede", "want"),
    [
        (
            "Minerco shares jump 18% on $4 billion Google-backed Cloudco JV in Texas",
            "Minerco rose 18% after forming a joint venture with Cloudco to build 120 MW of AI data center capacity "
            "under a 20-year lease.",
            {"kind": "partnership", "counterparty": "Cloudco", "mw": 120, "term_years": 20},
        ),
        (
            "Minerco shares jump after $3B, 12-year Cloudco lease",
            "Minerco gained about 15% after the company disclosed a 12-year, $3 billion lease with AI cloud provider "
            "Cloudco. Google is providing a financial backstop for Cloudco's lease payments.",
            {"kind": "lease", "counterparty": "Cloudco", "backstop": "Google", "contract_value_usd": 3e9},
        ),
        (  # an unnamed tenant's phrase wins over a known AI cloud the item names elsewhere
            "Minerco signs 15-year, $4 billion hyperscaler lease",
            "Minerco signed a lease with a U.S.-based, high investment-grade hyperscaler at its Red Mesa campus. "
            "The campus sits beside CoreWeave's hall.",
            {"counterparty": None, "counterparty_phrase": "a U.S.-based, high investment-grade hyperscaler"},
        ),
        (  # a phrase that points back names no one: the AI cloud named is the party
            "Minerco chooses 12-year CoreWeave contracts",
            "Minerco signed long-term hosting agreements with the AI cloud provider covering 150 MW.",
            {"counterparty": "CoreWeave", "counterparty_phrase": None},
        ),
        (
            "Minerco's cloud unit signs contract",
            "Its cloud unit signed a $90 million, two-year contract to serve a major AI customer it did not name.",
            {"counterparty_phrase": "a major AI customer", "contract_value_usd": 9e7, "term_years": 2},
        ),
        (
            "Minerco stock hits high as Cloudco takes new hall",
            "Cloudco signed a 10-year colocation lease for 80 MW of critical IT load. Google adds a $500 million "
            "backstop.",
            {"counterparty": "Cloudco", "backstop": "Google", "mw": 80},
        ),
        (  # the same amount in the headline and the lede: the more precise one; no "M North Carolina" site
            "Minerco buys $41M North Carolina facility for AI expansion",
            "Minerco has agreed to acquire an industrial facility in Greenville, North Carolina for $41.3 million "
            "for its HPC business.",
            {"kind": "acquisition", "contract_value_usd": 4.13e7, "site": "Greenville, North Carolina"},
        ),
    ],
)
def test_phrasings_of_stock_news_rewrites(headline: str, lede: str, want: dict[str, object]) -> None:
    assert_reads_as_deal(headline, lede, want)


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        (
            "Brokerco starts Minerco at Buy, citing HPC pivot and Cloudco hosting",
            "The analyst said the 12-year hosting contract with Cloudco could drive more leases.",
        ),
        (
            "Minerco completes first 50 MW phase of its AI campus",
            "The phase reached Ready for Service; it is the first part of 300 MW leased to Cloudco under 15-year "
            "leases.",
        ),
        (
            "Minerco rises on $120 million Hedgeco investment for AI buildout",
            "Hedgeco agreed to invest $120 million in convertible notes to help the miner build AI infrastructure.",
        ),
    ],
)
def test_analyst_notes_milestones_and_investments_are_no_deal(headline: str, lede: str) -> None:
    assert not parse_deal_item(headline, lede).is_deal
