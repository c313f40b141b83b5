"""The transformer classifier with the real bundled encoder (marked `model`: loads ~90 MB, a few seconds)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from classifiers.base import THEMES, item_text
from classifiers.encoder import MODEL_PACKAGE, MiniLMEncoder, model_dir
from classifiers.transformer import TransformerClassifier
from minerwatch.cli import main

TEXTS = [
    item_text("Miner prices $600 million of 0% convertible senior notes due 2031", "The notes convert at $21.40."),
    item_text("Miner announces March production update", "It mined 512 bitcoin and ended the month at 40 EH/s."),
    item_text("Bittensor subnet for decentralized inference tops usage charts", "Validators reward miners in TAO."),
    item_text("State lawmakers pass moratorium on new crypto mines", "The bill heads to the governor."),
    item_text("Miner signs 15-year lease with hyperscaler for 200 MW of AI capacity", None),
    item_text("ERCOT paid the miner $18 million to curtail during the heat wave", "Prices spiked above $3,000/MWh."),
    "Short headline",
    "",
]


def test_construction_does_not_load_the_model() -> None:
    classifier = TransformerClassifier()
    assert not classifier.encoder.loaded
    assert classifier.classify_batch([]) == []
    assert not classifier.encoder.loaded


def test_model_folder_comes_from_the_installed_package() -> None:
    folder = model_dir()
    assert MODEL_PACKAGE in folder.parts
    assert (folder / "config.json").exists() and (folder / "tokenizer.json").exists()


@pytest.fixture(scope="module")
def classifier() -> TransformerClassifier:
    loaded = TransformerClassifier()
    loaded.load()
    return loaded


@pytest.mark.model
def test_obvious_items_get_the_expected_themes(classifier: TransformerClassifier) -> None:
    results = classifier.classify_batch(TEXTS[:6])
    assert "debt_terms" in results[0].themes
    assert results[1].themes == ()
    assert results[2].themes == ("depin",)
    assert "regulation" in results[3].themes
    assert "capital_deployment" in results[4].themes
    assert "energy_arbitrage" in results[5].themes
    for result in results:
        assert list(result.scores) == list(THEMES)
        assert all(0.0 <= s <= 1.0 for s in result.scores.values())


@pytest.mark.model
@pytest.mark.parametrize("text", ["", "   ", "…", "MARA", "$MARA!", "12.5%"])
def test_text_without_content_gets_no_theme(classifier: TransformerClassifier, text: str) -> None:
    result = classifier.classify_batch([TEXTS[0], text, TEXTS[2]])
    assert result[1].themes == () and set(result[1].scores.values()) == {0.0}
    assert "debt_terms" in result[0].themes and result[2].themes == ("depin",)  # neighbours unaffected


@pytest.mark.model
def test_batch_results_equal_single_results(classifier: TransformerClassifier) -> None:
    batched = classifier.classify_batch(TEXTS)
    singles = [classifier.classify_batch([text])[0] for text in TEXTS]
    for b, s in zip(batched, singles, strict=True):
        assert b.themes == s.themes
        for theme in THEMES:  # bf16 kernels may round differently for other batch shapes
            assert b.scores[theme] == pytest.approx(s.scores[theme], abs=0.02)


@pytest.mark.model
def test_safe_from_worker_threads(classifier: TransformerClassifier) -> None:
    expected = [r.themes for r in classifier.classify_batch(TEXTS)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda _: [r.themes for r in classifier.classify_batch(TEXTS)], range(8)))
    assert all(run == expected for run in runs)


@pytest.mark.model
async def test_runs_off_the_event_loop(classifier: TransformerClassifier) -> None:
    results = await asyncio.to_thread(classifier.classify_batch, TEXTS[:2])
    assert "debt_terms" in results[0].themes


@pytest.mark.model
def test_mean_pooling_matches_sentence_transformers() -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(model_dir()), device="cpu").encode(TEXTS[:6])
    ours = MiniLMEncoder(dtype="float32").encode(TEXTS[:6])
    np.testing.assert_allclose(ours, reference, atol=1e-4)


@pytest.mark.model
def test_works_with_the_hub_offline(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "title": TEXTS[0], "lede": ""}) + "\n", encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    code = "import sys; from minerwatch.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", code, "classify", "--jsonl", str(source)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "debt_terms" in json.loads(result.stdout)["themes"]


@pytest.mark.model
def test_cli_defaults_to_the_transformer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", TEXTS[2]]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "themes: depin"
